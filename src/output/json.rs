//! `--format json`: one JSON document for the whole run, the findings (each
//! the JSON Lines object) followed by a summary.

use super::jsonl::Record;
use super::streamed::StreamedArray;
use super::{Printer, Summary};
use crate::finding::{Finding, Severity};
use crate::source::Document;
use serde_json::{Value, json};

/// The findings are written as they come, the summary at the end.
#[derive(Default)]
pub struct Json {
    findings: StreamedArray,
}

impl Printer for Json {
    fn file(&mut self, doc: &Document, findings: &[Finding]) -> String {
        let mut out = String::new();
        for finding in findings {
            let record =
                serde_json::to_value(Record::new(doc, finding)).expect("records serialise");
            let head = |items| document(items, &Summary::default());
            out.push_str(&self.findings.item(head, &record));
        }
        out
    }

    fn finish(&mut self, summary: &Summary) -> String {
        self.findings.finish(|items| document(items, summary))
    }
}

/// The one document: the findings, then the summary. The time taken is left
/// out, so that the same input gives the same document.
fn document(findings: Vec<Value>, summary: &Summary) -> Value {
    let count = |s: Severity| summary.by_severity.get(&s).copied().unwrap_or(0);
    json!({
        "findings": findings,
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
    })
}
