//! `pattern`: a regular expression (Rust `regex` syntax, linear time, no
//! look-around). A group named `flag` narrows the reported span to that
//! group; `replacement` may use `$1` or `$name` to build the suggestion.
//!
//! A pattern is checked when its rule file loads but compiled only when a
//! document needs it: the engine first looks for the literals every match
//! must start (or end) with, so most patterns never compile for a short
//! article, and start-up stays fast however many pattern rules there are.

use super::Candidate;
use crate::error::LocatedError;
use crate::rules::load::BuildCx;
use crate::rules::spec::RuleSpec;
use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Class, Hir, HirKind};
use std::sync::{Arc, OnceLock};

/// Bounds compile-time memory of one rule's automaton; a pathological
/// pattern is rejected with a message instead of exhausting memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// A rough bound on the compiled size of a pattern, above which the regex
/// crate's own size limit would refuse it: checked at load so that the
/// mistake is reported at the rule's line rather than when a document needs it.
const MAX_ESTIMATED_SIZE: usize = 200_000;

/// Literal sets larger than this make a poor gate: the pattern runs ungated.
const MAX_GATE_LITERALS: usize = 64;

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
    /// Literals (lower-cased) of which every match contains one; `None`
    /// when no useful set exists and the pattern must always run.
    pub gate: Option<Vec<Vec<u8>>>,
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
        gate: gate_literals(&hir),
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

/// Literals (lower-cased) of which every match contains one, if they make a
/// selective gate: at most a few dozen, each of 3 bytes or more.
fn gate_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut set = required(hir)?;
    set.sort();
    set.dedup();
    // A literal containing another adds nothing to the gate.
    let contains = |a: &[u8], b: &[u8]| a.len() > b.len() && a.windows(b.len()).any(|w| w == b);
    let minimal: Vec<Vec<u8>> = set
        .iter()
        .filter(|l| !set.iter().any(|other| contains(l, other)))
        .cloned()
        .collect();
    selective(&minimal).then_some(minimal)
}

fn selective(set: &[Vec<u8>]) -> bool {
    !set.is_empty() && set.len() <= MAX_GATE_LITERALS && set.iter().all(|l| l.len() >= 3)
}

/// A set of literals one of which every match of `hir` contains, or `None`.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(l) => Some(vec![l.0.to_ascii_lowercase()]),
        HirKind::Class(_) => single_letter(hir).map(|b| vec![vec![b]]),
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Alternation(subs) => {
            let mut union = Vec::new();
            for sub in subs {
                union.extend(required(sub)?);
            }
            (union.len() <= MAX_GATE_LITERALS).then_some(union)
        }
        HirKind::Concat(subs) => best_in_concat(subs),
        _ => None,
    }
}

/// The most selective requirement of a concatenation: either one part's own,
/// or a run of adjacent single-string parts joined into a longer literal.
fn best_in_concat(subs: &[Hir]) -> Option<Vec<Vec<u8>>> {
    let mut candidates: Vec<Vec<Vec<u8>>> = subs.iter().filter_map(required).collect();
    let mut run: Vec<u8> = Vec::new();
    for sub in subs {
        match single_string(sub) {
            Some(bytes) => run.extend(bytes),
            None => {
                if !run.is_empty() {
                    candidates.push(vec![std::mem::take(&mut run)]);
                }
            }
        }
    }
    if !run.is_empty() {
        candidates.push(vec![run]);
    }
    candidates
        .into_iter()
        .filter(|c| c.len() <= MAX_GATE_LITERALS)
        .max_by_key(|c| {
            (
                c.iter().map(Vec::len).min().unwrap_or(0).min(8),
                std::cmp::Reverse(c.len()),
            )
        })
}

/// The one string `hir` matches (ignoring ASCII case), if it matches just one.
fn single_string(hir: &Hir) -> Option<Vec<u8>> {
    match hir.kind() {
        HirKind::Literal(l) => Some(l.0.to_ascii_lowercase()),
        HirKind::Class(_) => single_letter(hir).map(|b| vec![b]),
        HirKind::Capture(c) => single_string(&c.sub),
        HirKind::Concat(subs) => subs
            .iter()
            .map(single_string)
            .collect::<Option<Vec<_>>>()
            .map(|v| v.concat()),
        _ => None,
    }
}

/// A class that is one ASCII letter in either case (`(?i)s` is `[Ss]`).
fn single_letter(hir: &Hir) -> Option<u8> {
    let HirKind::Class(class) = hir.kind() else {
        return None;
    };
    let mut chars: Vec<u8> = Vec::new();
    match class {
        Class::Unicode(c) => {
            for r in c.ranges() {
                for ch in r.start()..=r.end() {
                    if !ch.is_ascii() || chars.len() > 2 {
                        return None;
                    }
                    chars.push(ch as u8);
                }
            }
        }
        Class::Bytes(c) => {
            for r in c.ranges() {
                chars.extend(r.start()..=r.end());
                if chars.len() > 2 {
                    return None;
                }
            }
        }
    }
    let lower: Vec<u8> = chars.iter().map(u8::to_ascii_lowercase).collect();
    (lower.iter().all(|&b| b == lower[0]) && lower[0].is_ascii_alphabetic()).then(|| lower[0])
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

    fn gate(pattern: &str) -> Option<Vec<Vec<u8>>> {
        gate_literals(&regex_syntax::Parser::new().parse(pattern).unwrap())
    }

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

    #[test]
    fn gates_are_literals_every_match_contains() {
        assert_eq!(
            gate(r"\b(?:fourth|fifth) \(\d\)"),
            Some(vec![b"fifth".to_vec(), b"fourth".to_vec()])
        );
        assert_eq!(
            gate(r"^[ \t]*Original Article$"),
            Some(vec![b"original article".to_vec()])
        );
        assert_eq!(
            gate(r"(?i)^\s*photo:\s*\w+"),
            Some(vec![b"photo:".to_vec()])
        );
        assert_eq!(gate(r"\w+\.\w+"), None);
    }
}
