//! `--format github`: GitHub Actions workflow commands, which the runner
//! turns into annotations on the pull request's changed lines:
//! `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::MESSAGE`.

use super::{Printer, Summary, locate};
use crate::finding::{Finding, Severity};
use crate::source::Document;

pub struct Github;

impl Printer for Github {
    fn file(&mut self, doc: &Document, findings: &[Finding]) -> String {
        let mut out = String::new();
        for finding in findings {
            let at = locate(doc, finding);
            out.push_str(&format!(
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                command(finding.severity),
                escape_property(&doc.path),
                at.line,
                at.column,
                at.end_line,
                at.end_column,
                escape_property(&finding.rule),
                escape_data(&finding.message),
            ));
        }
        out
    }

    fn finish(&mut self, _: &Summary) -> String {
        String::new()
    }
}

/// GitHub has no `info` annotation; `notice` is its lowest level.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The message: `%` and line breaks would otherwise end or garble the command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: also `:` and `,`, which separate the properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_first_and_line_breaks() {
        assert_eq!(escape_data("100%\r\nsure: a,b"), "100%25%0D%0Asure: a,b");
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
