//! A rule's own examples: text that must be flagged at the marked spans, and
//! near-misses that must not be flagged. `mtlint test-rules` runs them.

use super::{Example, Rule};
use crate::engine::Engine;
use crate::error::LocatedError;
use crate::source::Document;
use std::ops::Range;

const OPEN: &str = "{{";
const CLOSE: &str = "}}";

/// Strips `{{…}}` markers, returning the plain text and the marked byte spans.
pub fn parse_marked(marked: &str) -> Result<(String, Vec<Range<usize>>), String> {
    let mut text = String::with_capacity(marked.len());
    let mut spans = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find(OPEN) {
        text.push_str(&rest[..open]);
        let after = &rest[open + OPEN.len()..];
        let close = after
            .find(CLOSE)
            .ok_or("`{{` is not closed by `}}` in this example")?;
        if after[..close].contains(OPEN) {
            return Err("`{{…}}` marks cannot nest".into());
        }
        let start = text.len();
        text.push_str(&after[..close]);
        spans.push(start..text.len());
        rest = &after[close + CLOSE.len()..];
    }
    if rest.contains(CLOSE) {
        return Err("`}}` without an opening `{{` in this example".into());
    }
    text.push_str(rest);
    Ok((text, spans))
}

/// Runs every example and near-miss of `rule`; each failure is an error at
/// the example's place in the rule file.
pub fn check_rule(rule: &Rule) -> Vec<LocatedError> {
    let engine = Engine::new(vec![rule.clone()]);
    let mut failures = Vec::new();
    for example in &rule.meta.examples {
        let (text, expected) = match parse_marked(&example.text) {
            Ok(parsed) => parsed,
            Err(why) => {
                failures.push(error_at(rule, example, why));
                continue;
            }
        };
        let found = spans_found(&engine, &text);
        if found != expected {
            let why = format!(
                "example of `{}` expected {} but the rule flagged {}",
                rule.meta.id,
                describe(&text, &expected),
                describe(&text, &found)
            );
            failures.push(error_at(rule, example, why));
        }
    }
    for near_miss in &rule.meta.near_misses {
        let found = spans_found(&engine, &near_miss.text);
        if !found.is_empty() {
            let why = format!(
                "near-miss of `{}` must not be flagged, but the rule flagged {}",
                rule.meta.id,
                describe(&near_miss.text, &found)
            );
            failures.push(error_at(rule, near_miss, why));
        }
    }
    failures
}

fn spans_found(engine: &Engine, text: &str) -> Vec<Range<usize>> {
    let doc = Document::new("<example>", text.to_string());
    engine.check(&doc).into_iter().map(|f| f.span).collect()
}

fn describe(text: &str, spans: &[Range<usize>]) -> String {
    if spans.is_empty() {
        return "nothing".into();
    }
    spans
        .iter()
        .map(|s| format!("`{}` at {}..{}", &text[s.clone()], s.start, s.end))
        .collect::<Vec<_>>()
        .join(", ")
}

fn error_at(rule: &Rule, example: &Example, message: impl Into<String>) -> LocatedError {
    LocatedError::at(
        &rule.meta.origin.path,
        rule.meta.origin.text.clone(),
        example.span.clone(),
        message,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_spans() {
        let (text, spans) = parse_marked("The {{Kiev}} talks, {{fourth (29)}}.").unwrap();
        assert_eq!(text, "The Kiev talks, fourth (29).");
        assert_eq!(spans, [4..8, 16..27]);
    }

    #[test]
    fn unclosed_marker_is_an_error() {
        assert!(parse_marked("The {{Kiev talks").is_err());
        assert!(parse_marked("The Kiev}} talks").is_err());
    }
}
