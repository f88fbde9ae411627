//! The serde types of a rule file, kept apart from the compiled rules that run.
//!
//! Every field a rule author writes is `Spanned`, so that a mistake found after
//! parsing (a bad regex, a field that does not fit the kind) is still reported
//! at the rule file's own line and column.

use crate::finding::{Applicability, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFileSpec {
    #[serde(default)]
    pub rule: Vec<Spanned<RuleSpec>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KindName {
    Phrase,
    Substitution,
    Pattern,
    Repetition,
    Consistency,
    Structure,
    Language,
    /// Expanded at load into one phrase or substitution rule per entry.
    Lexicon,
}

impl KindName {
    pub fn as_str(self) -> &'static str {
        match self {
            KindName::Phrase => "phrase",
            KindName::Substitution => "substitution",
            KindName::Pattern => "pattern",
            KindName::Repetition => "repetition",
            KindName::Consistency => "consistency",
            KindName::Structure => "structure",
            KindName::Language => "language",
            KindName::Lexicon => "lexicon",
        }
    }
}

/// Where a match must lie on its line, paragraph or sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum At {
    /// The match is the whole line, apart from surrounding white space.
    Line,
    LineStart,
    LineEnd,
    ParagraphStart,
    SentenceStart,
    /// The start of the first paragraph of running prose.
    BodyStart,
    /// The headline: the first non-blank line of a plain-text article, a
    /// heading of a Markdown or HTML one.
    Headline,
}

impl At {
    pub fn as_str(self) -> &'static str {
        match self {
            At::Line => "line",
            At::LineStart => "line-start",
            At::LineEnd => "line-end",
            At::ParagraphStart => "paragraph-start",
            At::SentenceStart => "sentence-start",
            At::BodyStart => "body-start",
            At::Headline => "headline",
        }
    }
}

/// Whether a match must be inside quoted speech or outside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quote {
    Inside,
    Outside,
}

impl Quote {
    pub fn as_str(self) -> &'static str {
        match self {
            Quote::Inside => "inside",
            Quote::Outside => "outside",
        }
    }
}

/// How far around a match context words are looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The match's own words, and nothing around them.
    Match,
    Sentence,
    Paragraph,
    Article,
}

/// What part of the text a finding covers once a match is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expand {
    Sentence,
    Line,
    Paragraph,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Word,
    Phrase,
    Line,
    DoubledLine,
    Sentence,
    Headline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    StraySubheading,
    MetadataLine,
    TruncatedEnding,
    UnbalancedQuotes,
    UnbalancedBrackets,
    MirroredName,
}

/// What a `language` rule looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Detect {
    /// Sentences and lines in another language, told by lingua behind a cheap gate.
    Language,
    /// Runs of another script inside text in the expected one.
    Script,
}

/// A replacement value: one suggestion or several, best first.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameSpec {
    pub canonical: String,
    /// Misspellings: always flagged.
    #[serde(default)]
    pub variants: Vec<String>,
    /// Accepted house spellings: flagged only when an article mixes them.
    #[serde(default)]
    pub alternatives: Vec<String>,
}

type S<T> = Option<Spanned<T>>;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: Spanned<String>,
    pub kind: Spanned<KindName>,
    pub severity: S<Severity>,
    pub message: S<String>,
    pub suggestion: S<String>,
    pub explanation: S<String>,
    pub source_languages: S<Vec<String>>,
    pub examples: S<Vec<Spanned<String>>>,
    pub near_misses: S<Vec<Spanned<String>>>,
    pub fix: S<Applicability>,

    // Narrowing, shared by every kind.
    pub case_sensitive: S<bool>,
    pub near: S<Vec<String>>,
    pub near_scope: S<Scope>,
    pub near_words: S<usize>,
    pub not_near: S<Vec<String>>,
    pub not_near_scope: S<Scope>,
    pub not_near_words: S<usize>,
    /// Words of the article's topic, looked for in the whole article.
    pub topic: S<Vec<String>>,
    pub not_topic: S<Vec<String>>,
    pub not_preceded_by: S<Vec<String>>,
    pub not_followed_by: S<Vec<String>>,
    pub at: S<At>,
    pub not_at: S<Vec<At>>,
    pub quote: S<Quote>,
    /// The parts of an article the rule applies to, where its format tells them apart.
    pub scopes: S<Vec<crate::source::Scope>>,
    pub first_lines: S<usize>,
    /// The match's line is at most this many characters long.
    pub max_line_chars: S<usize>,
    pub last_lines: S<usize>,
    pub expand: S<Expand>,

    // phrase
    pub phrases: S<Vec<String>>,
    // substitution
    pub replace: S<BTreeMap<String, OneOrMany>>,
    // pattern
    pub pattern: S<String>,
    pub replacement: S<String>,
    // lexicon
    pub entries: S<String>,
    // repetition
    pub unit: S<Unit>,
    pub min_words: S<usize>,
    pub max_words: S<usize>,
    pub allow: S<Vec<String>>,
    // consistency
    pub names: S<Vec<NameSpec>>,
    // structure
    pub check: S<Check>,
    pub keys: S<Vec<String>>,
    // language
    pub detect: S<Detect>,
    pub languages: S<Vec<String>>,
    pub expected_language: S<String>,
    pub min_confidence: S<f64>,
    pub min_letters: S<usize>,
}
