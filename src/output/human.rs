//! The human format: compiler-style diagnostics rendered by codespan-reporting,
//! then a closing summary.

use super::{Printer, Summary, shown_path};
use crate::error::LocatedError;
use crate::finding::{Finding, Severity};
use crate::source::{Document, Origin};
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::{self, Files, SimpleFile};
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Config};
use std::io::{self, Write};
use std::ops::Range;

pub struct Human {
    pub color: bool,
}

/// How much rendered text `Human::write_file` holds before writing it out.
const WRITE_AT: usize = 64 * 1024;

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
        self.located(error, Diagnostic::error())
    }

    /// Advice about a rule file (`test-rules` gives it), shown as an error is.
    pub fn warning(&self, warning: &LocatedError) -> String {
        self.located(warning, Diagnostic::warning())
    }

    fn located(&self, error: &LocatedError, diagnostic: Diagnostic<()>) -> String {
        let mut buffer = self.buffer();
        match (&error.source, &error.span) {
            (Some(source), Some(span)) => {
                let file = Placed::new(error.path.as_str(), source.as_ref(), error.origin);
                let diagnostic = diagnostic
                    .with_message(&error.message)
                    .with_labels(vec![Label::primary((), span.clone())]);
                emit(&mut buffer, &file, &diagnostic);
            }
            _ => {
                let file = Placed::new("", "", Origin::default());
                let diagnostic =
                    diagnostic.with_message(format!("{}: {}", error.path, error.message));
                emit(&mut buffer, &file, &diagnostic);
            }
        }
        text_of(buffer.into_inner())
    }
}

impl Printer for Human {
    fn file(&mut self, doc: &Document, findings: &[Finding]) -> String {
        let mut out = Vec::new();
        self.write_file(doc, findings, &mut out)
            .expect("writing to memory does not fail");
        text_of(out)
    }

    /// Written in pieces of about `WRITE_AT` bytes as the diagnostics are
    /// rendered: a window of a large file may have thousands of findings,
    /// megabytes of text.
    fn write_file(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut buffer = self.buffer();
        let name = shown_path(&doc.path);
        let file = Placed::new(&name, doc.source_text(), doc.placement.origin);
        let mut columns = ColumnCursor::default();
        for finding in findings {
            let span = doc.source_span(&finding.span);
            match long_line_window(&file, &span, &mut columns) {
                Some((window, span)) => emit(&mut buffer, &window, &diagnostic(finding, span)),
                None => emit(&mut buffer, &file, &diagnostic(finding, span)),
            }
            if buffer.as_slice().len() >= WRITE_AT {
                out.write_all(buffer.as_slice())?;
                buffer.clear();
            }
        }
        out.write_all(buffer.as_slice())
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

/// A file's text for codespan, which may be only a part of the file (a
/// window of a large file, or the line of an error in one): its line numbers,
/// and the columns of its first line, are shifted to be those of the file.
struct Placed<'s> {
    file: SimpleFile<&'s str, &'s str>,
    origin: Origin,
}

impl<'s> Placed<'s> {
    fn new(name: &'s str, source: &'s str, origin: Origin) -> Placed<'s> {
        Placed {
            file: SimpleFile::new(name, source),
            origin,
        }
    }
}

impl<'a, 's: 'a> Files<'a> for Placed<'s> {
    type FileId = ();
    type Name = &'s str;
    type Source = &'a str;

    fn name(&'a self, id: ()) -> Result<&'s str, files::Error> {
        Files::name(&self.file, id)
    }

    fn source(&'a self, id: ()) -> Result<&'a str, files::Error> {
        Files::source(&self.file, id)
    }

    fn line_index(&'a self, id: (), byte_index: usize) -> Result<usize, files::Error> {
        self.file.line_index(id, byte_index)
    }

    fn line_number(&'a self, _: (), line_index: usize) -> Result<usize, files::Error> {
        Ok(self.origin.line + line_index + 1)
    }

    fn column_number(
        &'a self,
        id: (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let column = self.file.column_number(id, line_index, byte_index)?;
        Ok(column
            + if line_index == 0 {
                self.origin.column
            } else {
                0
            })
    }

    fn line_range(
        &'a self,
        id: (),
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, files::Error> {
        self.file.line_range(id, line_index)
    }
}

/// A line longer than this many bytes is shown only around the span.
const LONG_LINE: usize = 1000;
/// How much of a long line is shown either side of the span, in bytes.
const SHOWN_AROUND: usize = 160;

/// For a span on a line too long to print whole (a minified page, a text
/// with no line breaks), the part of the line around it as a file of its
/// own, placed at the line and column it has in the file, and the span in
/// it. A compiler shows long lines the same way: a megabyte line printed
/// once per finding would be gigabytes of output.
fn long_line_window<'s>(
    file: &Placed<'s>,
    span: &Range<usize>,
    columns: &mut ColumnCursor,
) -> Option<(Placed<'s>, Range<usize>)> {
    let source = file.file.source();
    let index = file.line_index((), span.start).ok()?;
    let line = file.line_range((), index).ok()?;
    if line.len() <= LONG_LINE {
        return None;
    }
    let start = source.floor_char_boundary(span.start.saturating_sub(SHOWN_AROUND).max(line.start));
    let shown_end = span
        .end
        .min(span.start + LONG_LINE)
        .saturating_add(SHOWN_AROUND);
    let end = source.floor_char_boundary(shown_end.min(line.end));
    let column = columns.column(file, index, line.start, start);
    let origin = Origin {
        line: file.line_number((), index).ok()? - 1,
        column,
    };
    let window = Placed::new(file.file.name(), &source[start..end], origin);
    let span = span.start - start..span.end.min(end) - start;
    Some((window, span))
}

/// The column (characters before it on its line, in the file) of the last
/// offset asked about: findings come in order, so the next one on the same
/// long line counts on from there instead of from the line's start.
#[derive(Default)]
struct ColumnCursor {
    line: usize,
    at: usize,
    column: usize,
}

impl ColumnCursor {
    fn column(&mut self, file: &Placed, line: usize, line_start: usize, at: usize) -> usize {
        let source = file.file.source();
        if line != self.line || at < self.at || self.at < line_start {
            let before = if line == 0 { file.origin.column } else { 0 };
            *self = ColumnCursor {
                line,
                at: line_start,
                column: before,
            };
        }
        self.column += source[self.at..at].chars().count();
        self.at = at;
        self.column
    }
}

fn emit(buffer: &mut Buffer, file: &Placed, diagnostic: &Diagnostic<()>) {
    let config = Config::default();
    // Rendering into memory fails only if a span lies outside the file, which
    // the engine never produces; the finding is then shown without source.
    if term::emit_to_write_style(buffer, &config, file, diagnostic).is_err() {
        let _ = buffer.reset();
    }
}

/// Rendered text as a `String`, without copying it.
fn text_of(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
