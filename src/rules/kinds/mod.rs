//! The rule kinds, one module each. Literal kinds (phrase, substitution and
//! the names of consistency rules) are matched together by the engine's one
//! Aho-Corasick automaton; the others find their own candidates.

pub mod consistency;
pub mod language;
pub mod lexicon;
pub mod pattern;
pub mod phrase;
pub mod repetition;
pub mod structure;
pub mod substitution;

use super::load::BuildCx;
use super::spec::{KindName, RuleSpec};
use crate::error::LocatedError;
use std::ops::Range;

#[derive(Debug, Clone)]
pub enum Kind {
    /// Phrases and substitutions: fixed strings, matched word-bounded.
    Literal(Vec<Literal>),
    Pattern(pattern::Pattern),
    Repetition(repetition::Repetition),
    Consistency(consistency::Consistency),
    Structure(structure::Structure),
    Language(language::Language),
}

/// A fixed string to find, with what it should be replaced by (best first).
#[derive(Debug, Clone)]
pub struct Literal {
    pub text: String,
    pub replacements: Vec<String>,
}

/// A match a kind proposes; the rule's filter then decides whether it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub span: Range<usize>,
    pub replacements: Vec<String>,
    /// A message of the kind's own, replacing the rule's (consistency uses it).
    pub message: Option<String>,
}

impl Candidate {
    pub fn new(span: Range<usize>) -> Candidate {
        Candidate {
            span,
            replacements: Vec::new(),
            message: None,
        }
    }
}

pub fn build(cx: &BuildCx, spec: &RuleSpec) -> Result<Kind, LocatedError> {
    Ok(match spec.kind.get_ref() {
        KindName::Phrase => Kind::Literal(phrase::build(cx, spec)?),
        KindName::Substitution => Kind::Literal(substitution::build(cx, spec)?),
        KindName::Pattern => Kind::Pattern(pattern::build(cx, spec)?),
        KindName::Repetition => Kind::Repetition(repetition::build(cx, spec)?),
        KindName::Consistency => Kind::Consistency(consistency::build(cx, spec)?),
        KindName::Structure => Kind::Structure(structure::build(cx, spec)?),
        KindName::Language => Kind::Language(language::build(cx, spec)?),
        KindName::Lexicon => {
            unreachable!("lexicon rules are expanded into literal rules when loaded")
        }
    })
}

/// A kind-specific field: its name, where it was written (if it was), and
/// the kinds that take it.
type KindField = (&'static str, Option<Range<usize>>, &'static [KindName]);

/// Fields that belong to one kind only, and the kinds that take them.
fn kind_fields(spec: &RuleSpec) -> Vec<KindField> {
    use KindName::*;
    vec![
        (
            "phrases",
            spec.phrases.as_ref().map(|s| s.span()),
            &[Phrase],
        ),
        (
            "replace",
            spec.replace.as_ref().map(|s| s.span()),
            &[Substitution],
        ),
        (
            "pattern",
            spec.pattern.as_ref().map(|s| s.span()),
            &[Pattern],
        ),
        (
            "replacement",
            spec.replacement.as_ref().map(|s| s.span()),
            &[Pattern],
        ),
        (
            "entries",
            spec.entries.as_ref().map(|s| s.span()),
            &[Lexicon],
        ),
        ("unit", spec.unit.as_ref().map(|s| s.span()), &[Repetition]),
        (
            "allow",
            spec.allow.as_ref().map(|s| s.span()),
            &[Repetition],
        ),
        (
            "min_words",
            spec.min_words.as_ref().map(|s| s.span()),
            &[Repetition, Structure, Language],
        ),
        (
            "max_words",
            spec.max_words.as_ref().map(|s| s.span()),
            &[Repetition, Structure],
        ),
        (
            "names",
            spec.names.as_ref().map(|s| s.span()),
            &[Consistency],
        ),
        ("check", spec.check.as_ref().map(|s| s.span()), &[Structure]),
        ("keys", spec.keys.as_ref().map(|s| s.span()), &[Structure]),
        (
            "detect",
            spec.detect.as_ref().map(|s| s.span()),
            &[Language],
        ),
        (
            "languages",
            spec.languages.as_ref().map(|s| s.span()),
            &[Language],
        ),
        (
            "expected_language",
            spec.expected_language.as_ref().map(|s| s.span()),
            &[Language],
        ),
        (
            "min_confidence",
            spec.min_confidence.as_ref().map(|s| s.span()),
            &[Language],
        ),
        (
            "min_letters",
            spec.min_letters.as_ref().map(|s| s.span()),
            &[Language],
        ),
    ]
}

/// A field of another kind is a mistake worth pointing at, not something to ignore.
pub fn reject_foreign_fields(cx: &BuildCx, spec: &RuleSpec) -> Result<(), LocatedError> {
    let kind = *spec.kind.get_ref();
    for (name, span, kinds) in kind_fields(spec) {
        if let Some(span) = span.filter(|_| !kinds.contains(&kind)) {
            let takers: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
            return Err(cx.error(
                span,
                format!(
                    "`{name}` does not apply to a `{}` rule (it is for: {})",
                    kind.as_str(),
                    takers.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// `fix` applies a replacement, so a rule with `fix` must produce one.
pub fn check_fix_has_replacement(cx: &BuildCx, spec: &RuleSpec) -> Result<(), LocatedError> {
    let Some(fix) = &spec.fix else { return Ok(()) };
    let has_replacement =
        spec.replace.is_some() || spec.replacement.is_some() || spec.expand.is_some();
    if has_replacement {
        Ok(())
    } else {
        Err(cx.error(
            fix.span(),
            "`fix` needs something to apply: a `replace` table, a `replacement`, or `expand` (to delete the line or sentence)",
        ))
    }
}

/// A list field that must hold at least one non-blank string.
pub fn non_empty_strings<'a>(
    cx: &BuildCx,
    field: &'a Option<toml::Spanned<Vec<String>>>,
    name: &str,
    kind: &str,
) -> Result<&'a [String], LocatedError> {
    let list = cx.required(field, name, kind)?;
    if list.get_ref().is_empty() || list.get_ref().iter().any(|s| s.trim().is_empty()) {
        return Err(cx.error(
            list.span(),
            format!("`{name}` needs at least one entry, and no empty ones"),
        ));
    }
    Ok(list.get_ref())
}
