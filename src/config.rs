//! The project file, `mtlint.toml`: which packs and rules run, at what
//! severity, on which paths, for which source language, and what fails a run.
//! Found by walking up from the first linted path, or named with `--config`.
//! Every mistake is reported at the config file's own line and column.

use crate::error::LocatedError;
use crate::finding::{Finding, Severity};
use crate::rules::RuleSet;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

pub const FILE_NAME: &str = "mtlint.toml";

/// The lowest severity that fails a run, or `never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigSpec {
    fail_on: Option<FailOn>,
    language: Option<String>,
    source_language: Option<String>,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    // What the config switches on, off, or re-grades. (Not a flattened
    // struct: serde's flatten loses the spans that errors point at.)
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    enable: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<Severity>>,
    #[serde(default, rename = "override")]
    overrides: Vec<OverrideSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideSpec {
    paths: Vec<Spanned<String>>,
    fail_on: Option<FailOn>,
    source_language: Option<String>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    enable: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<Severity>>,
}

/// A loaded, checked config. Rules and packs it names exist; globs compile.
#[derive(Debug, Default)]
pub struct Config {
    /// The config file, when there is one.
    pub path: Option<PathBuf>,
    pub fail_on: Option<FailOn>,
    /// The language articles are expected to be in (default English).
    pub language: Option<String>,
    pub source_language: Option<String>,
    /// Extra rule folders, resolved against the config file's folder.
    pub rule_dirs: Vec<PathBuf>,
    exclude: GlobSet,
    base: Selection,
    overrides: Vec<Override>,
    /// The config's folder: globs match paths relative to it.
    root: PathBuf,
    /// The config's text and every rule or pack name it gives, kept to
    /// report a name that matches nothing at its line and column.
    text: Option<Arc<str>>,
    named: Vec<Spanned<String>>,
}

#[derive(Debug, Default)]
struct Selection {
    disable: Vec<String>,
    enable: Vec<String>,
    severity: Vec<(String, Severity)>,
}

#[derive(Debug)]
struct Override {
    paths: GlobSet,
    fail_on: Option<FailOn>,
    source_language: Option<String>,
    selection: Selection,
}

/// The nearest `mtlint.toml` in `start` or a folder above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let first = if start.is_dir() {
        start.as_path()
    } else {
        start.parent()?
    };
    first
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, LocatedError> {
        let shown = path.display().to_string();
        let text: Arc<str> = std::fs::read_to_string(path)
            .map_err(|e| LocatedError::file(&shown, format!("cannot read config: {e}")))?
            .into();
        let error = |span: std::ops::Range<usize>, message: String| {
            LocatedError::at(&shown, text.clone(), span, message)
        };
        let spec: ConfigSpec = toml::from_str(&text)
            .map_err(|e| error(e.span().unwrap_or(0..0), e.message().trim_end().to_string()))?;
        let root = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let globs = |list: &[Spanned<String>]| -> Result<GlobSet, LocatedError> {
            let mut builder = GlobSetBuilder::new();
            for glob in list {
                let compiled = Glob::new(glob.get_ref())
                    .map_err(|e| error(glob.span(), format!("invalid glob: {e}")))?;
                builder.add(compiled);
            }
            builder
                .build()
                .map_err(|e| error(0..0, format!("invalid globs: {e}")))
        };
        let mut overrides = Vec::new();
        for o in &spec.overrides {
            overrides.push(Override {
                paths: globs(&o.paths)?,
                fail_on: o.fail_on,
                source_language: o.source_language.clone(),
                selection: Selection::new(&o.disable, &o.enable, &o.severity),
            });
        }
        let named = spec
            .disable
            .iter()
            .chain(&spec.enable)
            .chain(
                spec.overrides
                    .iter()
                    .flat_map(|o| o.disable.iter().chain(&o.enable)),
            )
            .cloned()
            .collect();
        Ok(Config {
            path: Some(path.to_path_buf()),
            fail_on: spec.fail_on,
            language: spec.language.clone(),
            source_language: spec.source_language.clone(),
            rule_dirs: spec.rules.iter().map(|d| root.join(d)).collect(),
            exclude: globs(&spec.exclude)?,
            base: Selection::new(&spec.disable, &spec.enable, &spec.severity),
            overrides,
            root,
            text: Some(text.clone()),
            named,
        })
    }

    /// Every rule id or pack the config names must exist in `rules` (the set
    /// it will run with); called once the rule set is loaded.
    pub fn validate(&self, rules: &RuleSet) -> Result<(), LocatedError> {
        let (Some(path), Some(text)) = (&self.path, &self.text) else {
            return Ok(());
        };
        let known = |name: &str| {
            rules
                .rules
                .iter()
                .any(|r| &*r.meta.id == name || r.meta.pack == name)
        };
        match self.named.iter().find(|n| !known(n.get_ref())) {
            Some(unknown) => Err(LocatedError::at(
                path.display().to_string(),
                text.clone(),
                unknown.span(),
                format!(
                    "no rule or pack is called `{}` (`mtlint rules` lists them)",
                    unknown.get_ref()
                ),
            )),
            None => Ok(()),
        }
    }

    /// Whether `path` is excluded from linting.
    pub fn excludes(&self, path: &Path) -> bool {
        self.exclude.is_match(self.relative(path))
    }

    fn relative<'a>(&self, path: &'a Path) -> std::borrow::Cow<'a, Path> {
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let root = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        match absolute.strip_prefix(&root) {
            Ok(rel) => rel.to_path_buf().into(),
            Err(_) => path.into(),
        }
    }

    fn overrides_for(&self, path: &Path) -> impl Iterator<Item = &Override> {
        let rel = self.relative(path).into_owned();
        self.overrides
            .iter()
            .filter(move |o| o.paths.is_match(&rel))
    }

    /// The source language for `path`: an override's, else the config's.
    pub fn source_language_for(&self, path: &Path) -> Option<String> {
        self.overrides_for(path)
            .filter_map(|o| o.source_language.clone())
            .last()
            .or_else(|| self.source_language.clone())
    }

    /// The failing severity for `path`.
    pub fn fail_on_for(&self, path: &Path, default: FailOn) -> FailOn {
        self.overrides_for(path)
            .filter_map(|o| o.fail_on)
            .last()
            .or(self.fail_on)
            .unwrap_or(default)
    }

    /// Drops the findings of disabled rules and applies severity overrides,
    /// the config's own first and then each matching override in order.
    pub fn apply(&self, path: &Path, findings: &mut Vec<Finding>, packs: &dyn Fn(&str) -> String) {
        let selections: Vec<&Selection> = std::iter::once(&self.base)
            .chain(self.overrides_for(path).map(|o| &o.selection))
            .collect();
        findings.retain(|f| {
            let pack = packs(&f.rule);
            let mut on = true;
            for s in &selections {
                if s.disable.iter().any(|n| *n == *f.rule || *n == pack) {
                    on = false;
                }
                if s.enable.iter().any(|n| *n == *f.rule || *n == pack) {
                    on = true;
                }
            }
            on
        });
        for f in findings.iter_mut() {
            let pack = packs(&f.rule);
            for s in &selections {
                // A rule's own entry beats its pack's.
                let by_pack = s.severity.iter().find(|(n, _)| *n == pack);
                let by_rule = s.severity.iter().find(|(n, _)| *n == *f.rule);
                if let Some((_, level)) = by_rule.or(by_pack) {
                    f.severity = *level;
                }
            }
        }
    }
}

impl Selection {
    fn new(
        disable: &[Spanned<String>],
        enable: &[Spanned<String>],
        severity: &BTreeMap<String, Spanned<Severity>>,
    ) -> Selection {
        let names = |list: &[Spanned<String>]| list.iter().map(|s| s.get_ref().clone()).collect();
        Selection {
            disable: names(disable),
            enable: names(enable),
            severity: severity
                .iter()
                .map(|(k, v)| (k.clone(), *v.get_ref()))
                .collect(),
        }
    }
}

/// The commented starter file `mtlint init` writes.
pub const STARTER: &str = r#"# mtlint project configuration. mtlint finds this file by walking up from the
# first path it lints; `--config FILE` names another one.

# Lowest severity that makes mtlint exit with status 1: error, warning, info, never.
fail_on = "warning"

# The language the articles were translated from (ISO 639-1), when known:
# rules tagged for other source languages are then skipped.
# source_language = "pt"

# Extra rule folders, relative to this file. A rule with the id of a shipped
# rule replaces it.
# rules = ["house-rules"]

# Paths (globs, relative to this file) that are never linted.
exclude = ["drafts/**"]

# Switch packs or single rules off (and back on inside a disabled pack).
# disable = ["boilerplate/dateline"]
# enable = []

# Change the severity of a pack or a rule.
[severity]
# "structure/quote-spacing" = "warning"

# Settings for some paths only, applied in order after the ones above.
# [[override]]
# paths = ["wire/**"]
# source_language = "es"
# fail_on = "info"
# disable = ["names"]
"#;
