//! The rule set of a run: the shipped packs (embedded in the binary) and the
//! user's rule folders, where a user rule replaces a shipped rule of the same id.

use super::Rule;
use super::load::{RuleSource, load_rule_file};
use crate::error::{Errors, LocatedError};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use walkdir::WalkDir;

include!(concat!(env!("OUT_DIR"), "/shipped_rules.rs"));

#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
}

/// Whether rules are loaded with their documentation (explanation, examples
/// and near-misses), which only `explain`, `test-rules` and SARIF read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Docs {
    With,
    /// The shipped packs then load from copies without it (made by
    /// build.rs), which parse in half the time; user folders load as they are.
    Without,
}

/// The shipped rule files; the pack is the first folder below `rules/`.
pub fn shipped_sources(docs: Docs) -> Vec<Arc<RuleSource>> {
    let files = match docs {
        Docs::With => SHIPPED_RULE_FILES,
        Docs::Without => SHIPPED_RULE_FILES_FOR_LINTING,
    };
    files
        .iter()
        .map(|(path, text)| {
            Arc::new(RuleSource {
                path: format!("rules/{path}"),
                pack: pack_of(path, "shipped"),
                text: Arc::from(*text),
            })
        })
        .collect()
}

/// The `.toml` files below `dir`, sorted; the pack is the first folder below
/// `dir`, or the folder's own name for files directly in it.
pub fn dir_sources(dir: &Path) -> Result<Vec<Arc<RuleSource>>, LocatedError> {
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        return Err(LocatedError::file(
            shown,
            "rule folder not found (or not a folder)",
        ));
    }
    let own_name = dir
        .file_name()
        .map_or_else(|| "user".to_string(), |n| n.to_string_lossy().into_owned());
    let mut sources = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry
            .map_err(|e| LocatedError::file(&shown, format!("cannot read rule folder: {e}")))?;
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(path).map_err(|e| {
            LocatedError::file(
                path.display().to_string(),
                format!("cannot read rule file: {e}"),
            )
        })?;
        let relative = path
            .strip_prefix(dir)
            .expect("walkdir stays below its root");
        sources.push(Arc::new(RuleSource {
            path: path.display().to_string(),
            pack: pack_of(&relative.to_string_lossy(), &own_name),
            text: Arc::from(text),
        }));
    }
    Ok(sources)
}

fn pack_of(relative: &str, default: &str) -> String {
    match relative.replace('\\', "/").split_once('/') {
        Some((pack, _)) => pack.to_string(),
        None => default.to_string(),
    }
}

impl RuleSet {
    /// Loads the shipped packs (unless `shipped` is `None`) and then each
    /// user folder in order; every mistake in every file is reported, not
    /// just the first.
    pub fn load(shipped: Option<Docs>, dirs: &[impl AsRef<Path>]) -> Result<RuleSet, Errors> {
        let mut errors = Vec::new();
        let mut set = RuleSet::default();
        if let Some(docs) = shipped {
            let loaded =
                load_or_report_as_written(shipped_sources(docs), || shipped_sources(Docs::With));
            match loaded {
                Ok(rules) => set.merge(rules),
                Err(mut e) => errors.append(&mut e),
            }
        }
        let mut layers = Vec::new();
        for dir in dirs {
            match dir_sources(dir.as_ref()) {
                Ok(sources) => layers.push(sources),
                Err(e) => errors.push(e),
            }
        }
        for layer in layers {
            match load_layer(layer) {
                Ok(rules) => set.merge(rules),
                Err(mut e) => errors.append(&mut e),
            }
        }
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(Errors(errors))
        }
    }

    /// Adds `rules`, each replacing an earlier rule with the same id.
    fn merge(&mut self, rules: Vec<Rule>) {
        let positions: HashMap<Arc<str>, usize> = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.meta.id.clone(), i))
            .collect();
        for rule in rules {
            match positions.get(&rule.meta.id) {
                Some(&i) => self.rules[i] = rule,
                None => self.rules.push(rule),
            }
        }
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| &*r.meta.id == id)
    }
}

/// The rules of `sources`; if they hold a mistake, the errors of loading
/// `as_written` instead: a mistake in a shipped file (a rule author's edit)
/// is reported at its place in the file, not in the copy without docs.
fn load_or_report_as_written(
    sources: Vec<Arc<RuleSource>>,
    as_written: impl FnOnce() -> Vec<Arc<RuleSource>>,
) -> Result<Vec<Rule>, Vec<LocatedError>> {
    load_layer(sources).or_else(|_| load_layer(as_written()))
}

/// The rules of one layer (the shipped set, or one user folder); an id used
/// twice in one layer is a mistake.
fn load_layer(sources: Vec<Arc<RuleSource>>) -> Result<Vec<Rule>, Vec<LocatedError>> {
    let mut rules: Vec<Rule> = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<Arc<str>, String> = HashMap::new();
    // Parsing patterns dominates start-up: files load in parallel, in order.
    let loaded: Vec<_> = sources.into_par_iter().map(load_rule_file).collect();
    for result in loaded {
        match result {
            Ok(loaded) => {
                for rule in loaded {
                    if let Some(first) =
                        seen.insert(rule.meta.id.clone(), rule.meta.origin.path.clone())
                    {
                        errors.push(LocatedError::at(
                            &rule.meta.origin.path,
                            rule.meta.origin.text.clone(),
                            rule.meta.span.clone(),
                            format!("rule id `{}` is already used in {first}", rule.meta.id),
                        ));
                    } else {
                        rules.push(rule);
                    }
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped(docs: Docs) -> Vec<Rule> {
        RuleSet::load(Some(docs), &[] as &[&str])
            .expect("the shipped rules load")
            .rules
    }

    #[test]
    fn a_mistake_is_reported_where_the_file_as_written_has_it() {
        let source = |text: &str| {
            vec![Arc::new(RuleSource {
                path: "rules/x.toml".into(),
                pack: "x".into(),
                text: Arc::from(text),
            })]
        };
        let rule =
            "[[rule]]\nid = \"x/bad\"\nkind = \"pattern\"\nmessage = \"m\"\npattern = \"(\"\n";
        let as_written = format!("# A comment.\n\n{rule}");
        let errors = load_or_report_as_written(source(rule), || source(&as_written))
            .expect_err("an unclosed group is a mistake");
        let at = errors[0].span.clone().expect("a position");
        assert_eq!(&as_written[at.clone()], "\"(\"", "{}", errors[0].message);
        assert_eq!(errors[0].source.as_deref(), Some(as_written.as_str()));
    }

    #[test]
    fn the_copies_for_linting_hold_the_same_rules_without_their_documentation() {
        let with = shipped(Docs::With);
        let without = shipped(Docs::Without);
        assert_eq!(with.len(), without.len());
        assert!(with.iter().any(|r| !r.meta.examples.is_empty()));
        for (w, wo) in with.iter().zip(&without) {
            assert_eq!(
                (
                    &w.meta.id,
                    &w.meta.message,
                    w.meta.severity,
                    &w.meta.suggestion
                ),
                (
                    &wo.meta.id,
                    &wo.meta.message,
                    wo.meta.severity,
                    &wo.meta.suggestion
                )
            );
            // A lexicon entry's examples are fields of its line, which the
            // copy keeps whole; every other rule loses them.
            let lexicon_entry = w.meta.kind == crate::rules::KindName::Lexicon;
            if !lexicon_entry {
                assert!(
                    wo.meta.examples.is_empty() && wo.meta.near_misses.is_empty(),
                    "{}",
                    wo.meta.id
                );
            }
            assert!(wo.meta.explanation.is_none());
        }
        // Same rules: the same findings on the planted articles.
        let [with, without] = [with, without].map(crate::Engine::new);
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/articles");
        let mut found = 0;
        for entry in std::fs::read_dir(dir).expect("testdata/articles") {
            let path = entry.expect("a listed file").path();
            let text = std::fs::read_to_string(&path).expect("a UTF-8 article");
            let doc = crate::source::Document::new(path.display().to_string(), text);
            let findings = with.check(&doc);
            found += findings.len();
            let again = without.check(&doc);
            assert_eq!(
                format!("{findings:?}"),
                format!("{again:?}"),
                "{}",
                path.display()
            );
        }
        assert!(found > 0, "the planted articles have findings");
    }
}
