//! What a rule's pattern becomes before it is compiled: the full regular
//! expression, checked and analysed for its gate. `build.rs` includes this
//! file to analyse the shipped patterns once, at build time, so that
//! start-up parses none of them.

use super::gate::{self, Gate};
use regex_syntax::hir::{Class, Hir, HirKind};

/// A rough bound on the compiled size of a pattern, above which the regex
/// crate's own size limit would refuse it: checked at load so that the
/// mistake is reported at the rule's line rather than when a document needs it.
const MAX_ESTIMATED_SIZE: usize = 200_000;

/// The regular expression a pattern as written compiles to. Flags go inline
/// so that the parsed and the compiled pattern agree.
pub fn full_source(written: &str, case_insensitive: bool) -> String {
    let flags = if case_insensitive { "(?imR)" } else { "(?mR)" };
    format!("{flags}{}", ascii_word_boundaries(written))
}

/// Parses `source` and works out its gate; the error is a message for the
/// rule author.
pub fn analyse(source: &str) -> Result<Option<Gate>, String> {
    let invalid = |e: &dyn std::fmt::Display| format!("invalid regular expression: {e}");
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .map_err(|e| invalid(&e))?;
    if estimated_size(&hir) > MAX_ESTIMATED_SIZE {
        return Err(invalid(
            &"the pattern is too large (counted repetitions of wide classes multiply its size): simplify it",
        ));
    }
    Ok(gate::gate(&hir))
}

/// States a Thompson NFA of `hir` needs, roughly: classes count their
/// ranges, repetitions multiply by their bound.
fn estimated_size(hir: &Hir) -> usize {
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
        let err = analyse(r"(?:\w{100}){100}").unwrap_err();
        assert!(err.contains("too large"), "{err}");
        assert!(analyse(r"\bfourth \(\d{1,2}\)").is_ok());
    }

    #[test]
    fn an_invalid_pattern_is_an_error_naming_the_problem() {
        let err = analyse(r"(unclosed").unwrap_err();
        assert!(err.starts_with("invalid regular expression:"), "{err}");
    }
}
