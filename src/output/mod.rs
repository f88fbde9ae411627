//! One printer per output format. A printer turns one linted file into text
//! (so files can be rendered in parallel and printed in order) and the run's
//! summary into a closing text. Nothing here writes to a terminal.

mod checkstyle;
mod github;
mod human;
mod json;
mod jsonl;
mod sarif;
mod short;
mod streamed;

pub use checkstyle::Checkstyle;
pub use github::Github;
pub use human::Human;
pub use json::Json;
pub use jsonl::JsonLines;
pub use sarif::Sarif;
pub use short::Short;

use crate::finding::{Finding, Severity};
use crate::source::Document;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;
use std::time::Duration;

/// A path as a terminal line shows it: control characters (a line break or
/// an escape sequence in a file name) are written as escapes, so that a name
/// can neither break the one-line formats nor drive the terminal.
pub fn shown_path(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(path);
    }
    let escaped = path
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    std::borrow::Cow::Owned(escaped)
}

pub trait Printer {
    /// The text printed for one linted file.
    fn file(&mut self, doc: &Document, findings: &[Finding]) -> String;
    /// Writes `file`'s text to `out`; a printer whose text for a large file
    /// is large writes it as it renders it instead.
    fn write_file(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        out.write_all(self.file(doc, findings).as_bytes())
    }
    /// The text printed after every file.
    fn finish(&mut self, summary: &Summary) -> String;
}

/// Totals of a run, for the closing line.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub by_severity: BTreeMap<Severity, usize>,
    pub files_checked: usize,
    pub files_with_findings: usize,
    pub files_failed: usize,
    pub files_skipped: usize,
    pub elapsed: Duration,
}

/// What the outcomes of one input (one, or one per window of a large file)
/// came to.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub checked: bool,
    pub with_findings: bool,
    pub skipped: bool,
    pub failed: bool,
}

impl Summary {
    /// Counts findings by severity.
    pub fn add(&mut self, findings: &[Finding]) {
        for f in findings {
            *self.by_severity.entry(f.severity).or_default() += 1;
        }
    }

    /// Counts one input: failed (even if windows before the failure were
    /// linted), skipped, or checked.
    pub fn add_file(&mut self, tally: &Tally) {
        if tally.failed {
            self.files_failed += 1;
        } else if tally.skipped {
            self.files_skipped += 1;
        } else if tally.checked {
            self.files_checked += 1;
            self.files_with_findings += usize::from(tally.with_findings);
        }
    }

    pub fn total(&self) -> usize {
        self.by_severity.values().sum()
    }

    /// Findings at `severity` or above.
    pub fn at_or_above(&self, severity: Severity) -> usize {
        self.by_severity.range(severity..).map(|(_, n)| n).sum()
    }
}

/// Where a finding is, in the terms a reader of the file uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<'a> {
    /// Byte offsets into the file as read.
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    /// The column just past the last character (exclusive, as in SARIF).
    pub end_column: usize,
    pub text: &'a str,
}

pub fn locate<'a>(doc: &'a Document, finding: &Finding) -> Located<'a> {
    locate_span(doc, &finding.span)
}

/// Where any span of the document's text is, such as a fix's edit.
pub fn locate_span<'a>(doc: &'a Document, span: &Range<usize>) -> Located<'a> {
    let start = doc.source_position(span.start);
    let end = doc.source_end_position(span);
    let bytes = doc.file_span(span);
    Located {
        start: bytes.start,
        end: bytes.end,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        text: &doc.source_text()[doc.source_span(span)],
    }
}
