//! `--format checkstyle`: the Checkstyle XML report that CI servers and
//! review bots import. Every linted file is listed, with one `<error>` per
//! finding.

use super::{Printer, Summary, locate};
use crate::finding::Finding;
use crate::source::Document;

const HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";

#[derive(Default)]
pub struct Checkstyle {
    opened: bool,
    /// Whether a `<file>` element is open: a large file read in windows
    /// keeps it open from its first window to its last.
    in_file: bool,
}

impl Checkstyle {
    /// The document header, the first time only.
    fn open(&mut self) -> &'static str {
        if std::mem::replace(&mut self.opened, true) {
            ""
        } else {
            HEADER
        }
    }

    /// The end of the open `<file>` element, if one is open (a large file
    /// whose reading stopped before its last window leaves one open).
    fn close_file(&mut self) -> &'static str {
        if std::mem::replace(&mut self.in_file, false) {
            "  </file>\n"
        } else {
            ""
        }
    }
}

impl Printer for Checkstyle {
    fn file(&mut self, doc: &Document, findings: &[Finding]) -> String {
        let mut out = self.open().to_string();
        let part = doc.placement.part;
        if part.opens_file() || !self.in_file {
            out.push_str(self.close_file());
            out.push_str(&format!("  <file name=\"{}\">\n", escape(&doc.path)));
            self.in_file = true;
        }
        for finding in findings {
            let at = locate(doc, finding);
            out.push_str(&format!(
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"{}\"/>\n",
                at.line,
                at.column,
                finding.severity,
                escape(&finding.message),
                escape(&finding.rule),
            ));
        }
        if part.closes_file() {
            out.push_str(self.close_file());
        }
        out
    }

    fn finish(&mut self, _: &Summary) -> String {
        let header = self.open();
        format!("{header}{}</checkstyle>\n", self.close_file())
    }
}

/// Text for a double-quoted XML attribute. Tabs and line breaks are written
/// as character references because a parser would turn them into spaces;
/// the other C0 controls and U+FFFE/U+FFFF cannot appear in XML 1.0 at all
/// and become U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_quotes_and_whitespace_are_escaped() {
        assert_eq!(
            escape("a<b> & \"c\" 'd'\t\r\n"),
            "a&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;&#9;&#13;&#10;"
        );
    }

    #[test]
    fn characters_xml_forbids_are_replaced() {
        assert_eq!(
            escape("a\u{0}b\u{1b}c\u{FFFF} “d”"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD} “d”"
        );
    }
}
