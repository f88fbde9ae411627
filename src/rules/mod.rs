//! Rules: the rule-file types, loading with located errors, the compiled
//! rules, and the registry that merges shipped and user packs.

mod context;
pub mod examples;
mod explain;
pub mod filter;
pub mod kinds;
mod load;
pub mod record;
mod registry;
pub mod review;
pub mod spec;

pub use explain::explain;
pub use load::{RuleSource, load_rule_file};
pub use registry::{Docs, RuleSet, dir_sources, shipped_sources};

use crate::finding::{Applicability, Severity};
use filter::Filter;
use kinds::Kind;
pub use spec::KindName;
use std::ops::Range;
use std::sync::Arc;

/// An example text of a rule, with where it was written in the rule file.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub span: Range<usize>,
}

/// What a rule says about itself: shown by `rules` and `explain`, and used to
/// build its findings.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: Arc<str>,
    pub pack: String,
    pub kind: KindName,
    pub severity: Severity,
    pub message: String,
    pub suggestion: Option<String>,
    pub explanation: Option<String>,
    pub source_languages: Vec<String>,
    pub examples: Vec<Example>,
    pub near_misses: Vec<Example>,
    pub fix: Option<Applicability>,
    /// The rule file and the rule's table in it, for reporting mistakes in the rule itself.
    pub origin: Arc<RuleSource>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub meta: RuleMeta,
    pub filter: Filter,
    pub kind: Kind,
}
