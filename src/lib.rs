//! mtlint: finds machine-translation artifacts and scraping leftovers in
//! English news articles, with rules that are data.
//!
//! Data flows one way: [`discover`] files → [`source`] decodes them into a
//! [`source::Document`] → the [`engine::Engine`] compiled from a
//! [`rules::RuleSet`] runs over it → [`finding::Finding`]s → an [`output`]
//! printer. The binary (`src/main.rs`) only parses arguments and sets the
//! exit status, so the engine can be embedded elsewhere.

pub mod baseline;
pub mod config;
pub mod discover;
pub mod engine;
pub mod error;
pub mod finding;
pub mod fingerprint;
pub mod fix;
mod fnv;
pub mod lint;
pub mod output;
pub mod rules;
pub mod source;
pub mod stream;
pub mod suppress;

pub use engine::Engine;
pub use error::LocatedError;
pub use finding::{Finding, Severity};
pub use lint::{Linter, Outcome, ReadOptions};
pub use rules::RuleSet;
