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

#[cfg(test)]
mod tests {
    use super::ascii_word_boundaries;

    #[test]
    fn word_boundaries_become_ascii_and_escapes_stay() {
        assert_eq!(ascii_word_boundaries(r"\bKiev\b"), r"(?-u:\b)Kiev(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"a\\b\d"), r"a\\b\d");
    }
}

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
    let regex = RegexBuilder::new(&format!(
        "{flags}{}",
        ascii_word_boundaries(source.get_ref())
    ))
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

/// `\b` becomes an ASCII word boundary. A Unicode `\b` makes the regex
/// crate's fast DFA give up at the first non-ASCII byte (every curly quote),
/// falling back to an engine a hundred times slower; rule patterns are about
/// English words, where the two agree.
fn ascii_word_boundaries(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str("(?-u:\\b)"),
            Some(escaped) => {
                out.push('\\');
                out.push(escaped);
            }
            None => out.push('\\'),
        }
    }
    out
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
