//! Linting one article: read, decode, build the `Document`, run the engine.

use crate::config::Config;
use crate::engine::Engine;
use crate::error::LocatedError;
use crate::finding::Finding;
use crate::source::{self, DecodeError, Document, Format, decode};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// What happened to one input.
pub enum Outcome {
    Linted {
        /// Boxed: a document is large beside the other variants.
        doc: Box<Document>,
        findings: Vec<Finding>,
    },
    /// Not an article (a binary file); said once, not an error.
    Skipped {
        path: String,
        reason: String,
    },
    Failed(LocatedError),
}

/// Settings of a run that shape how each article is read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The language the articles were translated from, when known.
    pub source_language: Option<String>,
}

pub struct Linter {
    pub engine: Engine,
    pub options: ReadOptions,
    /// The project's `mtlint.toml` (empty when there is none).
    pub config: Config,
    /// Rule id → pack, for the config's pack-wide settings.
    packs: HashMap<Arc<str>, String>,
}

impl Linter {
    pub fn new(engine: Engine, options: ReadOptions, config: Config) -> Linter {
        let packs = engine
            .rules()
            .iter()
            .map(|r| (r.meta.id.clone(), r.meta.pack.clone()))
            .collect();
        Linter {
            engine,
            options,
            config,
            packs,
        }
    }

    pub fn lint_path(&self, path: &Path) -> Outcome {
        let shown = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => self.lint_bytes(&shown, bytes),
            Err(e) => Outcome::Failed(LocatedError::file(shown, format!("cannot read: {e}"))),
        }
    }

    /// Lints the bytes of a file; `path` is only what reports call it, and
    /// its extension picks the format (Markdown, HTML, else plain text).
    pub fn lint_bytes(&self, path: &str, bytes: Vec<u8>) -> Outcome {
        self.lint_bytes_as(path, Format::of_path(Path::new(path)), bytes)
    }

    /// Lints the bytes of a file read as `format`.
    pub fn lint_bytes_as(&self, path: &str, format: Format, bytes: Vec<u8>) -> Outcome {
        match decode(bytes) {
            Ok(decoded) => match source::read(path, decoded.text, format) {
                Ok(mut doc) => {
                    doc.encoding = decoded.encoding;
                    // The command line wins over the file's front matter,
                    // which wins over the project config.
                    let path = Path::new(path);
                    doc.source_language = self
                        .options
                        .source_language
                        .clone()
                        .or(doc.source_language.take())
                        .or_else(|| self.config.source_language_for(path));
                    let mut findings = self.engine.check(&doc);
                    let pack = |id: &str| self.packs.get(id).cloned().unwrap_or_default();
                    self.config.apply(path, &mut findings, &pack);
                    // Here, so that `--fix` never fixes a suppressed finding.
                    crate::suppress::apply(&mut doc, &mut findings, &self.packs);
                    Outcome::Linted {
                        doc: Box::new(doc),
                        findings,
                    }
                }
                Err(e) => Outcome::Failed(e),
            },
            Err(DecodeError::Binary) => Outcome::Skipped {
                path: path.to_string(),
                reason: "binary file (it holds NUL bytes)".into(),
            },
            Err(DecodeError::Undecodable {
                encoding_name,
                offset,
                text,
                at,
            }) => Outcome::Failed(LocatedError::at(
                path,
                Arc::from(text),
                at..at,
                undecodable_message(encoding_name, offset),
            )),
        }
    }
}

/// Why an undecodable file was not linted, naming its first bad byte.
fn undecodable_message(encoding_name: &str, offset: usize) -> String {
    let read_as = if encoding_name == "UTF-8" {
        "not valid UTF-8, nor text in a single-byte encoding (Windows-1252, Latin-1)".to_string()
    } else {
        format!("not valid {encoding_name}")
    };
    format!("{read_as}: first bad byte at offset {offset}; the file was not linted")
}
