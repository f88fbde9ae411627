//! `--format sarif`: one SARIF 2.1.0 log for the whole run, as code-scanning
//! services read it: the rules' metadata in `tool.driver.rules`, one result
//! per finding with its region, a fingerprint that survives edits elsewhere
//! in the article, and the safe fixes.

use super::streamed::StreamedArray;
use super::{Located, Printer, Summary, locate, locate_span};
use crate::finding::{Applicability, Finding, Severity};
use crate::fingerprint::fingerprint;
use crate::rules::{Rule, explain};
use crate::source::Document;
use crate::suppress;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The `partialFingerprints` key: bump its version if `fingerprint` changes.
const FINGERPRINT_KEY: &str = "mtlintContext/v1";

/// Results are written as they come, inside the one log.
pub struct Sarif {
    rules: Vec<Value>,
    rule_index: HashMap<Arc<str>, usize>,
    results: StreamedArray,
}

impl Sarif {
    /// `rules` are every rule of the run, listed in the log whether or not
    /// they found anything, so a result's `ruleIndex` points into them.
    pub fn new(rules: &[Rule]) -> Sarif {
        let mut descriptors: Vec<Value> = rules.iter().map(descriptor).collect();
        let mut rule_index: HashMap<Arc<str>, usize> = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.meta.id.clone(), i))
            .collect();
        // The built-in rule that reports mistaken suppression comments.
        rule_index.insert(Arc::from(suppress::RULE), descriptors.len());
        descriptors.push(json!({
            "id": suppress::RULE,
            "shortDescription": { "text": "a suppression comment that suppresses nothing, or that mtlint cannot read" },
            "help": { "text": "Remove the comment, or correct the rule id or directive it names (mtlint-disable, mtlint-enable, mtlint-disable-next-line, mtlint-disable-file)." },
            "defaultConfiguration": { "level": "note" },
        }));
        Sarif {
            rules: descriptors,
            rule_index,
            results: StreamedArray::default(),
        }
    }

    fn result(&self, doc: &Document, finding: &Finding) -> Value {
        let uri = uri(&doc.path);
        let mut result = json!({
            "ruleId": &*finding.rule,
            "level": level(finding.severity),
            "message": { "text": &finding.message },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": &uri },
                    "region": region(&locate(doc, finding)),
                },
            }],
            "partialFingerprints": {
                FINGERPRINT_KEY: fingerprint(&finding.rule, doc, finding),
            },
        });
        // A finding whose rule is not in the run's list (none: the built-in
        // rule is listed too) would still get its `ruleId`, without index.
        if let Some(index) = self.rule_index.get(&finding.rule) {
            result["ruleIndex"] = json!(index);
        }
        if let Some(fix) = &finding.fix
            && fix.applicability == Applicability::Safe
        {
            let replacements: Vec<Value> = fix
                .edits
                .iter()
                .map(|edit| {
                    json!({
                        "deletedRegion": region(&locate_span(doc, &edit.range)),
                        "insertedContent": { "text": &edit.replacement },
                    })
                })
                .collect();
            let mut sarif_fix = json!({
                "artifactChanges": [{
                    "artifactLocation": { "uri": &uri },
                    "replacements": replacements,
                }],
            });
            if let Some(help) = &finding.help {
                sarif_fix["description"] = json!({ "text": help });
            }
            result["fixes"] = json!([sarif_fix]);
        }
        result
    }
}

impl Printer for Sarif {
    fn file(&mut self, doc: &Document, findings: &[Finding]) -> String {
        let mut out = String::new();
        for finding in findings {
            let result = self.result(doc, finding);
            let rules = &self.rules;
            out.push_str(&self.results.item(|items| log(rules, items), &result));
        }
        out
    }

    fn finish(&mut self, _: &Summary) -> String {
        let rules = &self.rules;
        self.results.finish(|items| log(rules, items))
    }
}

/// The log: one run, with every rule of it and its results.
fn log(rules: &[Value], results: Vec<Value>) -> Value {
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "mtlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// A rule's `reportingDescriptor`: its message, explanation and the text
/// `mtlint explain` prints, with its severity as the default level.
fn descriptor(rule: &Rule) -> Value {
    let meta = &rule.meta;
    let mut descriptor = json!({
        "id": &*meta.id,
        "shortDescription": { "text": &meta.message },
        "help": { "text": explain(rule) },
        "defaultConfiguration": { "level": level(meta.severity) },
    });
    if let Some(explanation) = &meta.explanation {
        descriptor["fullDescription"] = json!({ "text": explanation.trim() });
    }
    descriptor
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Lines and columns (in code points, as `columnKind` says) and the byte
/// range in the file as read.
fn region(at: &Located) -> Value {
    json!({
        "startLine": at.line,
        "startColumn": at.column,
        "endLine": at.end_line,
        "endColumn": at.end_column,
        "byteOffset": at.start,
        "byteLength": at.end - at.start,
    })
}

/// The path as given, as a relative URI reference: `/` separates folders on
/// every system and anything outside the unreserved characters is
/// percent-encoded, so spaces and `:` cannot make the URI invalid.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace(std::path::MAIN_SEPARATOR, "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(byte))
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_keep_folders_and_encode_the_rest() {
        assert_eq!(uri("news/story-1_a.txt"), "news/story-1_a.txt");
        assert_eq!(uri("my news/c:d é.txt"), "my%20news/c%3Ad%20%C3%A9.txt");
    }
}
