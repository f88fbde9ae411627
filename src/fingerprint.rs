//! A finding's fingerprint: an identity that survives edits elsewhere in the
//! article, for SARIF `partialFingerprints` and for baselines.
//!
//! It hashes the rule id, the flagged text and a few normalised words on each
//! side of it, taken only from the finding's own paragraph. Line numbers and
//! offsets are left out, so inserting or deleting text in other paragraphs
//! keeps the fingerprint; rewording the flagged text or its neighbours
//! changes it.

use crate::finding::Finding;
use crate::fnv::fnv1a;
use crate::source::Document;

/// Words of context kept on each side of the flagged text.
const CONTEXT_WORDS: usize = 3;

/// Sixteen hex digits, the same on every platform and in every release.
pub fn fingerprint(rule: &str, doc: &Document, finding: &Finding) -> String {
    let span = &finding.span;
    let before = &doc.text[doc.paragraph_at(span.start).start..span.start];
    let after = &doc.text[span.end..doc.paragraph_at(span.end).end];
    let flagged = doc.text[span.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let before_words = words(before);
    let after_words = words(after);
    let key = [
        rule,
        &flagged,
        &before_words[before_words.len().saturating_sub(CONTEXT_WORDS)..].join(" "),
        &after_words[..after_words.len().min(CONTEXT_WORDS)].join(" "),
    ]
    .join("\0");
    format!("{:016x}", fnv1a(key.as_bytes()))
}

/// Lower-cased runs of letters and digits: punctuation, spacing and line
/// wrapping around the finding do not change its identity.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    fn finding_at(text: &str, needle: &str) -> Finding {
        let start = text.find(needle).expect("needle in text");
        Finding {
            rule: "names/kyiv".into(),
            severity: Severity::Warning,
            message: String::new(),
            help: None,
            span: start..start + needle.len(),
            replacements: Vec::new(),
            fix: None,
        }
    }

    fn print(text: &str, needle: &str) -> String {
        let doc = Document::new("a.txt", text.to_string());
        fingerprint("names/kyiv", &doc, &finding_at(text, needle))
    }

    #[test]
    fn other_paragraphs_and_rewrapping_do_not_change_it() {
        let base = print("Intro.\n\nTalks in Kiev resumed today.\n", "Kiev");
        let inserted = print(
            "Intro.\n\nA new paragraph.\n\nTalks in Kiev resumed today.\n",
            "Kiev",
        );
        let rewrapped = print("Intro.\n\nTalks in\nKiev  resumed, today.\n", "Kiev");
        assert_eq!(base, inserted);
        assert_eq!(base, rewrapped);
    }

    #[test]
    fn flagged_text_neighbours_and_rule_change_it() {
        let text = "Talks in Kiev resumed today.";
        let base = print(text, "Kiev");
        assert_ne!(base, print("Talks in Kiew resumed today.", "Kiew"));
        assert_ne!(base, print("Meetings in Kiev resumed today.", "Kiev"));
        let doc = Document::new("a.txt", text.to_string());
        assert_ne!(
            base,
            fingerprint("names/other", &doc, &finding_at(text, "Kiev"))
        );
    }
}
