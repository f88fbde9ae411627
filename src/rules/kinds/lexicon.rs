//! `lexicon`: many word-sense entries in one rule, one line each, in the
//! spirit of a spelling dictionary. A false-friend table of a source language
//! is hundreds of small rules that differ only in their words, their context
//! and their examples; writing each as a `[[rule]]` table buries the words.
//!
//! ```text
//! eventual => possible, potential | near: candidate*, election* | eg: the {{eventual}} winner | ok: the eventual champion
//! ```
//!
//! Each entry is expanded, when the file is loaded, into a rule of its own
//! (`substitution` when it has a right side, `phrase` when not) with the id
//! `<rule id>/<entry words>`, so it joins the one literal automaton, is
//! filtered by its own context, and its examples are checked by `test-rules`
//! like those of any rule. Mistakes are reported at the entry's line.

use crate::error::LocatedError;
use crate::rules::load::BuildCx;
use crate::rules::spec::{KindName, OneOrMany, RuleSpec};
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use toml::Spanned;

/// One line of `entries`, parsed.
#[derive(Debug, Default)]
struct Entry {
    wrong: String,
    right: Vec<String>,
    near: Option<Vec<String>>,
    not_near: Vec<String>,
    examples: Vec<String>,
    near_misses: Vec<String>,
}

/// The rules a lexicon rule stands for, one per entry.
pub fn expand(cx: &BuildCx, spec: &RuleSpec) -> Result<Vec<RuleSpec>, LocatedError> {
    let entries = cx.required(&spec.entries, "entries", "lexicon")?;
    // What every entry's rule shares, without the entries themselves: a
    // lexicon of hundreds of lines must not be copied once per line.
    let shared = RuleSpec {
        entries: None,
        ..spec.clone()
    };
    let mut rules = Vec::new();
    let mut ids = HashSet::new();
    for (line, span) in entry_lines(cx, entries) {
        let entry = parse_entry(line).map_err(|why| cx.error(span.clone(), why))?;
        let id = unique_id(spec.id.get_ref(), &entry.wrong, &mut ids);
        rules.push(entry_rule(&shared, entry, id, span));
    }
    if rules.is_empty() {
        return Err(cx.error(
            entries.span(),
            "`entries` holds no entry: write one `wrong => right | eg: …` a line",
        ));
    }
    Ok(rules)
}

/// The non-blank, non-comment lines of `entries`, each with its place in the
/// rule file (found in the file's text, so that it is right whatever quoting
/// the string used).
fn entry_lines<'a>(cx: &BuildCx, entries: &'a Spanned<String>) -> Vec<(&'a str, Range<usize>)> {
    let raw = &cx.source.text[entries.span()];
    let mut searched = 0;
    let mut lines = Vec::new();
    for line in entries.get_ref().lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let span = match raw[searched..].find(line) {
            Some(at) => {
                let start = entries.span().start + searched + at;
                searched += at + line.len();
                start..start + line.len()
            }
            None => entries.span(),
        };
        lines.push((line, span));
    }
    lines
}

/// `wrong => right, other | near: a, b* | not near: c | eg: … | ok: …`
fn parse_entry(line: &str) -> Result<Entry, String> {
    let mut fields = line.split(" | ").map(str::trim);
    let head = fields.next().unwrap_or_default();
    let mut entry = Entry::default();
    match head.split_once("=>") {
        Some((wrong, right)) => {
            entry.wrong = wrong.trim().to_string();
            entry.right = list(right);
            if entry.right.is_empty() {
                return Err(format!("`{head}`: nothing after `=>`"));
            }
        }
        None => entry.wrong = head.to_string(),
    }
    if entry.wrong.is_empty() {
        return Err("an entry starts with the words to flag: `wrong => right | eg: …`".into());
    }
    for field in fields {
        let (key, value) = field.split_once(':').ok_or_else(|| {
            format!(
                "`{field}`: a field is `near:`, `not near:`, `eg:` or `ok:` followed by its value"
            )
        })?;
        let value = value.trim();
        match key.trim() {
            "near" => entry.near = Some(list(value)),
            "not near" => entry.not_near.extend(list(value)),
            "eg" => entry.examples.push(value.to_string()),
            "ok" => entry.near_misses.push(value.to_string()),
            other => {
                return Err(format!(
                    "unknown field `{other}:` (an entry takes `near:`, `not near:`, `eg:` and `ok:`)"
                ));
            }
        }
    }
    if entry.examples.is_empty() || entry.near_misses.is_empty() {
        return Err(format!(
            "`{}` needs an example (`eg: … {{{{{}}}}} …`) and a near-miss (`ok: …`)",
            entry.wrong, entry.wrong
        ));
    }
    Ok(entry)
}

fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// `<rule id>/<entry words>`, with `-2`, `-3` … for a word listed again
/// with another context.
fn unique_id(base: &str, wrong: &str, taken: &mut HashSet<String>) -> String {
    let mut slug = String::new();
    for c in wrong.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let stem = format!("{base}/{slug}");
    let mut id = stem.clone();
    let mut n = 1;
    while !taken.insert(id.clone()) {
        n += 1;
        id = format!("{stem}-{n}");
    }
    id
}

/// The entry as a rule of its own: the lexicon rule's fields, with the
/// entry's words, context and examples. An entry's `near` replaces the
/// lexicon's; its `not near` words are added to the lexicon's.
fn entry_rule(spec: &RuleSpec, entry: Entry, id: String, span: Range<usize>) -> RuleSpec {
    let at = |value| Some(Spanned::new(span.clone(), value));
    let examples = |texts: Vec<String>| {
        Some(Spanned::new(
            span.clone(),
            texts
                .into_iter()
                .map(|t| Spanned::new(span.clone(), t))
                .collect(),
        ))
    };
    let mut rule = spec.clone();
    rule.id = Spanned::new(spec.id.span(), id);
    if entry.right.is_empty() {
        rule.kind = Spanned::new(spec.kind.span(), KindName::Phrase);
        rule.phrases = Some(Spanned::new(span.clone(), vec![entry.wrong]));
    } else {
        rule.kind = Spanned::new(spec.kind.span(), KindName::Substitution);
        let table = BTreeMap::from([(entry.wrong, OneOrMany::Many(entry.right))]);
        rule.replace = Some(Spanned::new(span.clone(), table));
    }
    if entry.near.is_some() {
        rule.near = entry.near.and_then(at);
    }
    if !entry.not_near.is_empty() {
        let mut words = spec
            .not_near
            .as_ref()
            .map(|w| w.get_ref().clone())
            .unwrap_or_default();
        words.extend(entry.not_near);
        rule.not_near = at(words);
    }
    rule.examples = examples(entry.examples);
    rule.near_misses = examples(entry.near_misses);
    rule
}
