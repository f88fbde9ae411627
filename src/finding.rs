//! What a rule reports: a span of the article, a message, replacements, a fix.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How far a fix may be trusted, ordered from least to most (as in ruff).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Shown to the editor, never applied.
    Display,
    /// Applied only with `--unsafe-fixes`: it may change meaning.
    Unsafe,
    /// Applied with `--fix`: it cannot change what the article says.
    Safe,
}

/// One replacement of a byte range of the article by new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

/// A problem found in an article. `span` is a half-open byte range of the
/// document's text; lines and columns are worked out only when reporting.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: Arc<str>,
    pub severity: Severity,
    pub message: String,
    /// A one-line hint shown as `help:`; often names the likely intended text.
    pub help: Option<String>,
    pub span: Range<usize>,
    pub replacements: Vec<String>,
    pub fix: Option<Fix>,
}
