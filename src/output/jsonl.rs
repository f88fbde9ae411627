//! `--format jsonl`: one JSON object per finding per line, with exactly the
//! fields of the documented contract.

use super::{Printer, Summary, locate};
use crate::finding::Finding;
use crate::source::Document;
use serde::Serialize;

pub struct JsonLines;

/// One finding as the documented JSON object; `--format json` lists the same.
#[derive(Serialize)]
pub(super) struct Record<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    text: &'a str,
    replacements: &'a [String],
}

impl<'a> Record<'a> {
    pub(super) fn new(doc: &'a Document, finding: &'a Finding) -> Record<'a> {
        let at = locate(doc, finding);
        Record {
            path: &doc.path,
            rule: &finding.rule,
            severity: finding.severity.as_str(),
            message: &finding.message,
            start: at.start,
            end: at.end,
            line: at.line,
            column: at.column,
            end_line: at.end_line,
            end_column: at.end_column,
            text: at.text,
            replacements: &finding.replacements,
        }
    }
}

impl Printer for JsonLines {
    fn file(&mut self, doc: &Document, findings: &[Finding]) -> String {
        let mut out = String::new();
        for finding in findings {
            let record = Record::new(doc, finding);
            out.push_str(&serde_json::to_string(&record).expect("records serialise"));
            out.push('\n');
        }
        out
    }

    fn finish(&mut self, _: &Summary) -> String {
        String::new()
    }
}
