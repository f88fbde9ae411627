//! The human format: compiler-style diagnostics rendered by codespan-reporting,
//! then a closing summary.

use super::{Printer, Summary};
use crate::error::LocatedError;
use crate::finding::{Finding, Severity};
use crate::source::Document;
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Config};

pub struct Human {
    pub color: bool,
}

impl Human {
    fn buffer(&self) -> Buffer {
        if self.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        }
    }

    /// A rule-file, config or input error, shown at its line and column.
    pub fn error(&self, error: &LocatedError) -> String {
        let mut buffer = self.buffer();
        match (&error.source, &error.span) {
            (Some(source), Some(span)) => {
                let file = SimpleFile::new(error.path.as_str(), source.as_ref());
                let diagnostic = Diagnostic::error()
                    .with_message(&error.message)
                    .with_labels(vec![Label::primary((), span.clone())]);
                emit(&mut buffer, &file, &diagnostic);
            }
            _ => {
                let file = SimpleFile::new("", "");
                let diagnostic =
                    Diagnostic::error().with_message(format!("{}: {}", error.path, error.message));
                emit(&mut buffer, &file, &diagnostic);
            }
        }
        into_string(buffer)
    }
}

impl Printer for Human {
    fn file(&mut self, doc: &Document, findings: &[Finding]) -> String {
        let mut buffer = self.buffer();
        let file = SimpleFile::new(doc.path.as_str(), doc.source_text());
        for finding in findings {
            emit(
                &mut buffer,
                &file,
                &diagnostic(finding, doc.source_span(&finding.span)),
            );
        }
        into_string(buffer)
    }

    fn finish(&mut self, summary: &Summary) -> String {
        let count = |s: Severity| summary.by_severity.get(&s).copied().unwrap_or(0);
        let mut line = format!(
            "{} error{}, {} warning{}, {} info in {} file{} checked",
            count(Severity::Error),
            plural(count(Severity::Error)),
            count(Severity::Warning),
            plural(count(Severity::Warning)),
            count(Severity::Info),
            summary.files_checked,
            plural(summary.files_checked),
        );
        if summary.files_with_findings > 0 {
            line.push_str(&format!(" ({} with findings)", summary.files_with_findings));
        }
        if summary.files_failed > 0 {
            line.push_str(&format!(", {} could not be read", summary.files_failed));
        }
        if summary.files_skipped > 0 {
            line.push_str(&format!(", {} skipped", summary.files_skipped));
        }
        line.push_str(&format!(" in {:.2}s\n", summary.elapsed.as_secs_f64()));
        line
    }
}

fn diagnostic(finding: &Finding, span: std::ops::Range<usize>) -> Diagnostic<()> {
    let base = match finding.severity {
        Severity::Error => Diagnostic::error(),
        Severity::Warning => Diagnostic::warning(),
        Severity::Info => Diagnostic::note(),
    };
    let notes = finding.help.iter().map(|h| format!("help: {h}")).collect();
    base.with_code(finding.rule.as_ref())
        .with_message(&finding.message)
        .with_labels(vec![Label::primary((), span)])
        .with_notes(notes)
}

fn emit(buffer: &mut Buffer, file: &SimpleFile<&str, &str>, diagnostic: &Diagnostic<()>) {
    let config = Config::default();
    // Rendering into memory fails only if a span lies outside the file, which
    // the engine never produces; the finding is then shown without source.
    if term::emit_to_write_style(buffer, &config, file, diagnostic).is_err() {
        let _ = buffer.reset();
    }
}

fn into_string(buffer: Buffer) -> String {
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
