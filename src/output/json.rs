//! `--format json`: one JSON document for the whole run, the findings (each
//! the JSON Lines object) followed by a summary.

use super::jsonl::Record;
use super::{Printer, Summary};
use crate::finding::{Finding, Severity};
use crate::source::Document;
use serde_json::{Value, json};

/// Findings are kept until `finish`, which prints the one document.
#[derive(Default)]
pub struct Json {
    findings: Vec<Value>,
}

impl Printer for Json {
    fn file(&mut self, doc: &Document, findings: &[Finding]) -> String {
        for finding in findings {
            let record = serde_json::to_value(Record::new(doc, finding));
            self.findings.push(record.expect("records serialise"));
        }
        String::new()
    }

    /// The time taken is left out, so that the same input gives the same document.
    fn finish(&mut self, summary: &Summary) -> String {
        let count = |s: Severity| summary.by_severity.get(&s).copied().unwrap_or(0);
        let document = json!({
            "findings": std::mem::take(&mut self.findings),
            "summary": {
                "total": summary.total(),
                "by_severity": {
                    "error": count(Severity::Error),
                    "warning": count(Severity::Warning),
                    "info": count(Severity::Info),
                },
                "files_checked": summary.files_checked,
                "files_with_findings": summary.files_with_findings,
                "files_failed": summary.files_failed,
                "files_skipped": summary.files_skipped,
            },
        });
        let mut out = serde_json::to_string_pretty(&document).expect("values serialise");
        out.push('\n');
        out
    }
}
