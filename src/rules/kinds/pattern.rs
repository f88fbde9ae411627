//! `pattern`: a regular expression (Rust `regex` syntax, linear time, no
//! look-around). A group named `flag` narrows the reported span to that
//! group; `replacement` may use `$1` or `$name` to build the suggestion.

use super::Candidate;
use crate::error::LocatedError;
use crate::rules::load::BuildCx;
use crate::rules::spec::RuleSpec;
use regex::{Regex, RegexBuilder};

/// Bounds compile-time memory of one rule's automaton; a pathological
/// pattern is rejected with a message instead of exhausting memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

#[derive(Debug, Clone)]
pub struct Pattern {
    pub regex: Regex,
    replacement: Option<String>,
    flag_group: Option<usize>,
}

pub fn build(cx: &BuildCx, spec: &RuleSpec) -> Result<Pattern, LocatedError> {
    let source = cx.required(&spec.pattern, "pattern", "pattern")?;
    let case_insensitive = spec.case_sensitive.as_ref().is_some_and(|c| !*c.get_ref());
    // Flags go inline so that `regex.as_str()` can join the engine's RegexSet.
    let flags = if case_insensitive { "(?imR)" } else { "(?mR)" };
    let regex = RegexBuilder::new(&format!("{flags}{}", source.get_ref()))
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| cx.error(source.span(), format!("invalid regular expression: {e}")))?;
    let flag_group = regex.capture_names().position(|name| name == Some("flag"));
    Ok(Pattern {
        regex,
        replacement: spec.replacement.as_ref().map(|r| r.get_ref().clone()),
        flag_group,
    })
}

impl Pattern {
    pub fn find(&self, text: &str) -> Vec<Candidate> {
        let mut out = Vec::new();
        for caps in self.regex.captures_iter(text) {
            let whole = caps.get(0).expect("group 0 always matches");
            let flagged = self.flag_group.and_then(|g| caps.get(g)).unwrap_or(whole);
            if flagged.is_empty() {
                continue;
            }
            let mut candidate = Candidate::new(flagged.range());
            if let Some(template) = &self.replacement {
                let mut replacement = String::new();
                caps.expand(template, &mut replacement);
                candidate.replacements.push(replacement);
            }
            out.push(candidate);
        }
        out
    }
}
