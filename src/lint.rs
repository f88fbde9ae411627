//! Linting one article: read, decode, build the `Document`, run the engine.

use crate::engine::Engine;
use crate::error::LocatedError;
use crate::finding::Finding;
use crate::source::{DecodeError, Document, OffsetMap, decode};
use std::path::Path;
use std::sync::Arc;

/// What happened to one input.
pub enum Outcome {
    Linted {
        doc: Document,
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
}

impl Linter {
    pub fn new(engine: Engine, options: ReadOptions) -> Linter {
        Linter { engine, options }
    }

    pub fn lint_path(&self, path: &Path) -> Outcome {
        let shown = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => self.lint_bytes(&shown, bytes),
            Err(e) => Outcome::Failed(LocatedError::file(shown, format!("cannot read: {e}"))),
        }
    }

    /// Lints the bytes of a file; `path` is only what reports call it.
    pub fn lint_bytes(&self, path: &str, bytes: Vec<u8>) -> Outcome {
        match decode(bytes) {
            Ok(decoded) => {
                let mut doc = Document::new(path, decoded.text);
                doc.encoding = OffsetMap::shifted(decoded.offset_base);
                doc.source_language = self.options.source_language.clone();
                let findings = self.engine.check(&doc);
                Outcome::Linted { doc, findings }
            }
            Err(DecodeError::Binary) => Outcome::Skipped {
                path: path.to_string(),
                reason: "binary file (it holds NUL bytes)".into(),
            },
            Err(DecodeError::InvalidUtf8 { offset, bytes }) => {
                let lossy: Arc<str> = Arc::from(String::from_utf8_lossy(&bytes).as_ref());
                Outcome::Failed(LocatedError::at(
                    path,
                    lossy,
                    offset..offset,
                    format!(
                        "not valid UTF-8 (first bad byte at offset {offset}): the file was not linted"
                    ),
                ))
            }
        }
    }
}
