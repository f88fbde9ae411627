//! Advice for rule authors that `test-rules` prints as warnings: a context
//! condition that would silence its rule far more often than meant.

use super::Rule;
use super::filter::Condition;
use crate::error::LocatedError;
use std::ops::Range;

/// Words that stand near most matches in news copy, hand-picked from what
/// it is made of: attribution, officials, places and time. As a `not_near`
/// or `not_topic` word, each would silence a rule almost everywhere.
const COMMON_IN_NEWS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "according to",
    "added",
    "announced",
    "reported",
    "report",
    "reports",
    "statement",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "people",
    "government",
    "official",
    "officials",
    "minister",
    "president",
    "police",
    "country",
    "state",
    "city",
    "year",
    "years",
    "month",
    "week",
    "day",
    "today",
    "time",
    "new",
    "also",
    "percent",
    "million",
];

/// The warnings for `rule`: each `not_near` or `not_topic` word that is
/// common in news, at the place the rule file writes it.
pub fn review(rule: &Rule) -> Vec<LocatedError> {
    rule.filter
        .rejecting_terms()
        .filter(|(_, term)| COMMON_IN_NEWS.iter().any(|w| term.matches_phrase(w)))
        .map(|(condition, term)| {
            let advice = match condition {
                Condition::NotTopic => "switches it off in most articles; name a rarer word",
                _ => {
                    "silences it wherever the word is nearby; name a rarer word, or narrow the window (`not_near_words`)"
                }
            };
            let message = format!(
                "`{}` is common in news: as a `{}` word of `{}` it {advice}",
                term.written,
                condition.as_str(),
                rule.meta.id
            );
            LocatedError::at(
                &rule.meta.origin.path,
                rule.meta.origin.text.clone(),
                written_at(rule, &term.written),
                message,
            )
        })
        .collect()
}

/// Where the rule's table writes `word` in quotes (the table runs from its
/// header to the next one); its header when it cannot be found.
fn written_at(rule: &Rule, word: &str) -> Range<usize> {
    let text = &rule.meta.origin.text;
    let start = rule.meta.span.start;
    let end = text[start + 1..]
        .find("[[")
        .map_or(text.len(), |i| start + 1 + i);
    let table = &text[start..end];
    [format!("\"{word}\""), format!("'{word}'")]
        .iter()
        .find_map(|quoted| table.find(quoted.as_str()).map(|i| (i, quoted.len())))
        .map_or(rule.meta.span.clone(), |(i, len)| {
            start + i..start + i + len
        })
}
