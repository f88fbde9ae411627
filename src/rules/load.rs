//! Parsing one rule file into compiled rules, reporting every mistake at the
//! rule file's own line and column.

use super::filter::Filter;
use super::kinds::{self, Kind};
use super::spec::{KindName, RuleFileSpec, RuleSpec};
use super::{Example, Rule, RuleMeta};
use crate::error::LocatedError;
use crate::finding::Severity;
use std::ops::Range;
use std::sync::Arc;
use toml::Spanned;

/// A rule file's text and where it came from.
#[derive(Debug)]
pub struct RuleSource {
    /// Shown in messages: a path on disk, or `rules/<pack>/<file>` for shipped rules.
    pub path: String,
    pub pack: String,
    pub text: Arc<str>,
}

/// What building a rule needs to report a mistake.
pub struct BuildCx<'a> {
    pub source: &'a Arc<RuleSource>,
    /// The span of the whole `[[rule]]` table, for mistakes with no field of their own.
    pub rule_span: Range<usize>,
}

impl BuildCx<'_> {
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> LocatedError {
        LocatedError::at(&self.source.path, self.source.text.clone(), span, message)
    }

    /// The value of a field the kind cannot do without.
    pub fn required<'s, T>(
        &self,
        field: &'s Option<Spanned<T>>,
        name: &str,
        kind: &str,
    ) -> Result<&'s Spanned<T>, LocatedError> {
        field.as_ref().ok_or_else(|| {
            self.error(
                self.rule_span.clone(),
                format!("a `{kind}` rule needs a `{name}` field"),
            )
        })
    }
}

pub fn load_rule_file(source: Arc<RuleSource>) -> Result<Vec<Rule>, Vec<LocatedError>> {
    let file: RuleFileSpec = toml::from_str(&source.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        vec![LocatedError::at(
            &source.path,
            source.text.clone(),
            span,
            e.message().trim_end().to_string(),
        )]
    })?;
    if file.rule.is_empty() {
        return Err(vec![LocatedError::at(
            &source.path,
            source.text.clone(),
            0..0,
            "no rules in this file: add a `[[rule]]` table",
        )]);
    }
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for spanned in file.rule {
        let cx = BuildCx {
            source: &source,
            rule_span: spanned.span(),
        };
        match build_rules(&cx, spanned.into_inner()) {
            Ok(mut built) => rules.append(&mut built),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// The rules of one `[[rule]]` table: one, or one per entry of a lexicon.
fn build_rules(cx: &BuildCx, spec: RuleSpec) -> Result<Vec<Rule>, LocatedError> {
    if *spec.kind.get_ref() != KindName::Lexicon {
        return Ok(vec![build_rule(cx, spec)?]);
    }
    check_id(cx, &spec.id)?;
    kinds::reject_foreign_fields(cx, &spec)?;
    // Each entry runs as a phrase or substitution, but is listed as what
    // its author wrote: an entry of a lexicon.
    kinds::lexicon::expand(cx, &spec)?
        .into_iter()
        .map(|entry| {
            let mut rule = build_rule(cx, entry)?;
            rule.meta.kind = KindName::Lexicon;
            Ok(rule)
        })
        .collect()
}

fn build_rule(cx: &BuildCx, spec: RuleSpec) -> Result<Rule, LocatedError> {
    check_id(cx, &spec.id)?;
    let kind_name = *spec.kind.get_ref();
    kinds::reject_foreign_fields(cx, &spec)?;
    let message = cx.required(&spec.message, "message", "any")?;
    if message.get_ref().trim().is_empty() {
        return Err(cx.error(message.span(), "the message is empty"));
    }
    let kind = kinds::build(cx, &spec)?;
    let filter = Filter::build(cx, &spec)?;
    let examples = examples(cx, &spec.examples)?;
    let near_misses = examples_of(&spec.near_misses);
    for near_miss in &near_misses {
        if near_miss.text.contains("{{") {
            return Err(cx.error(
                near_miss.span.clone(),
                "a near-miss must not mark a span with `{{…}}`: it is text the rule must not flag",
            ));
        }
    }
    if matches!(kind, Kind::Literal(_) | Kind::Pattern(_)) {
        kinds::check_fix_has_replacement(cx, &spec)?;
    }
    let meta = RuleMeta {
        id: Arc::from(spec.id.get_ref().as_str()),
        pack: cx.source.pack.clone(),
        kind: kind_name,
        severity: spec.severity.map_or(Severity::Warning, Spanned::into_inner),
        message: message.get_ref().trim().to_string(),
        suggestion: spec.suggestion.map(Spanned::into_inner),
        explanation: spec.explanation.map(Spanned::into_inner),
        source_languages: spec
            .source_languages
            .map(Spanned::into_inner)
            .unwrap_or_default(),
        examples,
        near_misses,
        fix: spec.fix.map(Spanned::into_inner),
        origin: cx.source.clone(),
        span: cx.rule_span.clone(),
    };
    Ok(Rule { meta, filter, kind })
}

fn check_id(cx: &BuildCx, id: &Spanned<String>) -> Result<(), LocatedError> {
    let valid = !id.get_ref().is_empty()
        && id
            .get_ref()
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '/');
    if valid {
        Ok(())
    } else {
        Err(cx.error(
            id.span(),
            "a rule id is lowercase letters, digits, `-` and `/`, such as `mt/trading-for-talks`",
        ))
    }
}

fn examples_of(list: &Option<Spanned<Vec<Spanned<String>>>>) -> Vec<Example> {
    list.as_ref()
        .map(|l| {
            l.get_ref()
                .iter()
                .map(|e| Example {
                    text: e.get_ref().clone(),
                    span: e.span(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Examples that must fire; each must mark at least one span with `{{…}}`.
fn examples(
    cx: &BuildCx,
    list: &Option<Spanned<Vec<Spanned<String>>>>,
) -> Result<Vec<Example>, LocatedError> {
    let examples = examples_of(list);
    for example in &examples {
        match super::examples::parse_marked(&example.text) {
            Ok((_, spans)) if spans.is_empty() => {
                return Err(cx.error(
                    example.span.clone(),
                    "this example marks no span: wrap the text the rule must flag in `{{…}}`",
                ));
            }
            Ok(_) => {}
            Err(why) => return Err(cx.error(example.span.clone(), why)),
        }
    }
    Ok(examples)
}
