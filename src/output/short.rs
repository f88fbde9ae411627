//! `--format short`: one line per finding, `path:line:col: severity[rule]
//! message`, the shape editors and `grep` understand.

use super::{Printer, Summary, locate, shown_path};
use crate::finding::Finding;
use crate::source::Document;

pub struct Short;

impl Printer for Short {
    fn file(&mut self, doc: &Document, findings: &[Finding]) -> String {
        let mut out = String::new();
        for finding in findings {
            let at = locate(doc, finding);
            out.push_str(&format!(
                "{}:{}:{}: {}[{}] {}\n",
                shown_path(&doc.path),
                at.line,
                at.column,
                finding.severity,
                finding.rule,
                one_line(&finding.message)
            ));
        }
        out
    }

    fn finish(&mut self, _: &Summary) -> String {
        String::new()
    }
}

/// A rule may write a message over several lines; here each finding must
/// stay on one.
fn one_line(message: &str) -> String {
    message.lines().map(str::trim).collect::<Vec<_>>().join(" ")
}
