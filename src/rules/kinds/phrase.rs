//! `phrase`: fixed phrases, many per rule, word-bounded, case-insensitive
//! unless `case_sensitive = true`. The rule's `suggestion` is shown as help.

use super::{Literal, non_empty_strings};
use crate::error::LocatedError;
use crate::rules::load::BuildCx;
use crate::rules::spec::RuleSpec;

pub fn build(cx: &BuildCx, spec: &RuleSpec) -> Result<Vec<Literal>, LocatedError> {
    let phrases = non_empty_strings(cx, &spec.phrases, "phrases", "phrase")?;
    Ok(phrases
        .iter()
        .map(|p| Literal {
            text: p.trim().to_string(),
            replacements: Vec::new(),
        })
        .collect())
}
