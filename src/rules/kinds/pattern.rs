//! `pattern`: a regular expression (Rust `regex` syntax, linear time, no
//! look-around). A group named `flag` narrows the reported span to that
//! group; `replacement` may use `$1` or `$name` to build the suggestion.
//!
//! A pattern is checked when its rule file loads but compiled only when a
//! document needs it: the engine first looks for the literals every match
//! contains (its `gate`), so most patterns never compile for a short article,
//! and start-up stays fast however many pattern rules there are.

mod gate;

use super::Candidate;
use crate::error::LocatedError;
use crate::rules::load::BuildCx;
use crate::rules::spec::RuleSpec;
pub use gate::Gate;
use regex::{Regex, RegexBuilder};
use std::sync::{Arc, OnceLock};

/// Bounds compile-time memory of one rule's automaton; a pathological
/// pattern is rejected with a message instead of exhausting memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// A rough bound on the compiled size of a pattern, above which the regex
/// crate's own size limit would refuse it: checked at load so that the
/// mistake is reported at the rule's line rather than when a document needs it.
const MAX_ESTIMATED_SIZE: usize = 200_000;

/// A pattern once compiled, with the index of its `flag` group.
#[derive(Debug)]
struct Compiled {
    regex: Regex,
    flag: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    compiled: Arc<OnceLock<Option<Compiled>>>,
    replacement: Option<String>,
    /// Literals of which every match contains one; `None` when no useful
    /// set exists and the pattern must always run.
    pub gate: Option<Gate>,
}

pub fn build(cx: &BuildCx, spec: &RuleSpec) -> Result<Pattern, LocatedError> {
    let written = cx.required(&spec.pattern, "pattern", "pattern")?;
    let case_insensitive = spec.case_sensitive.as_ref().is_some_and(|c| !*c.get_ref());
    // Flags go inline so that the parsed and the compiled pattern agree.
    let flags = if case_insensitive { "(?imR)" } else { "(?mR)" };
    let source = format!("{flags}{}", ascii_word_boundaries(written.get_ref()));
    let invalid = |e: &dyn std::fmt::Display| {
        cx.error(written.span(), format!("invalid regular expression: {e}"))
    };
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&source)
        .map_err(|e| invalid(&e))?;
    if estimated_size(&hir) > MAX_ESTIMATED_SIZE {
        return Err(invalid(
            &"the pattern is too large (counted repetitions of wide classes multiply its size): simplify it",
        ));
    }
    Ok(Pattern {
        gate: gate::gate(&hir),
        source,
        compiled: Arc::new(OnceLock::new()),
        replacement: spec.replacement.as_ref().map(|r| r.get_ref().clone()),
    })
}

fn compile(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// States a Thompson NFA of `hir` needs, roughly: classes count their
/// ranges, repetitions multiply by their bound.
fn estimated_size(hir: &regex_syntax::hir::Hir) -> usize {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 1,
        HirKind::Literal(l) => l.0.len(),
        HirKind::Class(Class::Unicode(c)) => c.ranges().len() * 4,
        HirKind::Class(Class::Bytes(c)) => c.ranges().len(),
        HirKind::Repetition(r) => {
            let times = r.max.unwrap_or(r.min + 1).max(1) as usize;
            estimated_size(&r.sub).saturating_mul(times)
        }
        HirKind::Capture(c) => estimated_size(&c.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs
            .iter()
            .map(estimated_size)
            .fold(0, usize::saturating_add),
    }
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
    /// Compiles on first use. The size estimate at load keeps compilation from
    /// failing; if it still did, the rule finds nothing (and `test-rules`,
    /// which runs every rule, reports its examples as not flagged).
    fn compiled(&self) -> Option<&Compiled> {
        self.compiled
            .get_or_init(|| {
                let regex = compile(&self.source).ok()?;
                let flag = regex.capture_names().position(|n| n == Some("flag"));
                Some(Compiled { regex, flag })
            })
            .as_ref()
    }

    /// Candidates within `region` of `text` (paragraphs, or all of it); line
    /// anchors and word boundaries behave at its edges as in the whole text,
    /// since regions start and end at line breaks.
    pub fn find(&self, text: &str, region: std::ops::Range<usize>) -> Vec<Candidate> {
        let Some(Compiled { regex, flag }) = self.compiled() else {
            return Vec::new();
        };
        let base = region.start;
        let text = &text[region];
        let at = |m: regex::Match| base + m.start()..base + m.end();
        // Capture groups cost; plain matches are enough when none is used.
        if flag.is_none() && self.replacement.is_none() {
            return regex
                .find_iter(text)
                .filter(|m| !m.is_empty())
                .map(|m| Candidate::new(at(m)))
                .collect();
        }
        let mut out = Vec::new();
        for caps in regex.captures_iter(text) {
            let whole = caps.get(0).expect("group 0 always matches");
            let flagged = flag.and_then(|g| caps.get(g)).unwrap_or(whole);
            if flagged.is_empty() {
                continue;
            }
            let mut candidate = Candidate::new(at(flagged));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_become_ascii_and_escapes_stay() {
        assert_eq!(ascii_word_boundaries(r"\bKiev\b"), r"(?-u:\b)Kiev(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"a\\b\d"), r"a\\b\d");
    }

    #[test]
    fn huge_counted_repetitions_are_too_large() {
        let hir = regex_syntax::Parser::new()
            .parse(r"(?:\w{100}){100}")
            .unwrap();
        assert!(estimated_size(&hir) > MAX_ESTIMATED_SIZE);
        let hir = regex_syntax::Parser::new()
            .parse(r"\bfourth \(\d{1,2}\)")
            .unwrap();
        assert!(estimated_size(&hir) < 1_000);
    }
}
