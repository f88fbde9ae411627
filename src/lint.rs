//! Linting one article: read, decode, build the `Document`, run the engine;
//! a large plain-text file window by window (see [`crate::stream`]).

use crate::config::Config;
use crate::engine::Engine;
use crate::error::LocatedError;
use crate::finding::Finding;
use crate::source::{self, DecodeError, Document, Format, OffsetMap, decode};
use crate::stream::{Limits, Piece, Stop, Windows};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What happened to one input, or to one window of a large one.
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
    /// Where large inputs are cut into windows; tests make them small.
    #[doc(hidden)]
    pub limits: Limits,
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
            limits: Limits::default(),
        }
    }

    /// Reads a file whole and lints it (the library's entry point; the command
    /// line also reads large files in windows, see [`Linter::lint_reader`]).
    pub fn lint_path(&self, path: &Path) -> Outcome {
        let shown = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => self.lint_bytes(&shown, bytes),
            Err(e) => Outcome::Failed(cannot_read(&shown, &e)),
        }
    }

    /// Lints the bytes of a file; `path` is only what reports call it, and
    /// its extension picks the format (Markdown, HTML, else plain text).
    pub fn lint_bytes(&self, path: &str, bytes: Vec<u8>) -> Outcome {
        self.lint_bytes_as(path, Format::of_path(Path::new(path)), bytes)
    }

    /// Lints the bytes of a file read as `format`.
    pub fn lint_bytes_as(&self, path: &str, format: Format, bytes: Vec<u8>) -> Outcome {
        match read_document(path, format, bytes) {
            Ok(doc) => self.lint_document(doc, None),
            Err(outcome) => *outcome,
        }
    }

    /// Lints what `reader` gives, named `path` (whose extension picks the
    /// format), handing each outcome to `report` in order: one for most
    /// inputs, one per window for plain text longer than the threshold
    /// (see [`crate::stream`]), whose windows are linted in parallel.
    pub fn lint_reader(&self, path: &str, mut reader: impl Read, mut report: impl FnMut(Outcome)) {
        let format = Format::of_path(Path::new(path));
        let mut head = Vec::new();
        let limit = self.limits.threshold as u64 + 1;
        if let Err(e) = reader.by_ref().take(limit).read_to_end(&mut head) {
            return report(Outcome::Failed(cannot_read(path, &e)));
        }
        if head.len() <= self.limits.threshold || format != Format::Text {
            return report(self.lint_whole(path, format, head, reader));
        }
        let mut windows = Windows::new(head, reader, self.limits);
        let mut headline = None;
        // One window a thread: a long text's rules also run in parallel, so
        // more windows in memory (8 were measured) only add to the peak.
        let at_once = rayon::current_num_threads();
        loop {
            let mut batch = Vec::with_capacity(at_once);
            let mut stop = None;
            for piece in windows.by_ref().take(at_once) {
                match piece {
                    Ok(piece) => batch.push(piece),
                    Err(e) => stop = Some(e),
                }
            }
            if headline.is_none() {
                headline = batch.first().map(|p| first_line(&p.text).to_string());
            }
            let done = batch.len() < at_once;
            let outcomes: Vec<Outcome> = batch
                .into_par_iter()
                .map(|piece| self.lint_piece(path, piece, headline.as_deref()))
                .collect();
            outcomes.into_iter().for_each(&mut report);
            match stop {
                Some(Stop::NotUtf8) => {
                    let (head, reader) = windows.into_parts();
                    return report(self.lint_whole(path, format, head, reader));
                }
                Some(stop) => return report(stopped(path, stop)),
                None if done => return,
                None => {}
            }
        }
    }

    /// Lints the input whole: `head`, then the rest of `reader`.
    fn lint_whole(
        &self,
        path: &str,
        format: Format,
        mut head: Vec<u8>,
        mut reader: impl Read,
    ) -> Outcome {
        match reader.read_to_end(&mut head) {
            Ok(_) => self.lint_bytes_as(path, format, head),
            Err(e) => Outcome::Failed(cannot_read(path, &e)),
        }
    }

    /// Lints one window of a large plain-text file, keeping the findings that
    /// start in its own text. Windows after the first are given the file's
    /// first line as their title, so that copies of the headline are found
    /// in them as when the file is read whole.
    fn lint_piece(&self, path: &str, piece: Piece, headline: Option<&str>) -> Outcome {
        let mut doc = Document::new(path, piece.text);
        doc.encoding = OffsetMap::shifted(piece.offset);
        doc.placement = piece.placement;
        if !piece.placement.part.opens_file() {
            doc.title = headline.map(str::to_string);
        }
        let own = piece.own;
        let ends_file = piece.placement.part.closes_file();
        let keep =
            |f: &Finding| own.contains(&f.span.start) || (ends_file && f.span.start == own.end);
        self.lint_document(doc, Some(&keep))
    }

    /// Runs the rules over `doc` and applies the config and suppressions;
    /// `keep`, when given, picks the findings to report (a window's own).
    fn lint_document(&self, mut doc: Document, keep: Option<&dyn Fn(&Finding) -> bool>) -> Outcome {
        // The command line wins over the file's front matter, which wins
        // over the project config.
        let path = PathBuf::from(&doc.path);
        doc.source_language = self
            .options
            .source_language
            .clone()
            .or(doc.source_language.take())
            .or_else(|| self.config.source_language_for(&path));
        let mut findings = self.engine.check(&doc);
        if let Some(keep) = keep {
            findings.retain(keep);
        }
        let pack = |id: &str| self.packs.get(id).cloned().unwrap_or_default();
        self.config.apply(&path, &mut findings, &pack);
        // Here, so that `--fix` never fixes a suppressed finding.
        crate::suppress::apply(&mut doc, &mut findings, &self.packs);
        Outcome::Linted {
            doc: Box::new(doc),
            findings,
        }
    }
}

/// Decodes the bytes of a file and reads them as `format`; when that
/// fails, the outcome to report instead (boxed: it is larger than a result
/// should carry).
pub fn read_document(path: &str, format: Format, bytes: Vec<u8>) -> Result<Document, Box<Outcome>> {
    match decode(bytes) {
        Ok(decoded) => match source::read(path, decoded.text, format) {
            Ok(mut doc) => {
                doc.encoding = decoded.encoding;
                Ok(doc)
            }
            Err(e) => Err(Box::new(Outcome::Failed(e))),
        },
        Err(DecodeError::Binary) => Err(Box::new(skipped_binary(path))),
        Err(DecodeError::Undecodable {
            encoding_name,
            offset,
            text,
            at,
        }) => Err(Box::new(Outcome::Failed(LocatedError::at(
            path,
            Arc::from(text),
            at..at,
            undecodable_message(encoding_name, offset),
        )))),
    }
}

/// The first non-blank line of `text`, trimmed.
fn first_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

fn skipped_binary(path: &str) -> Outcome {
    Outcome::Skipped {
        path: path.to_string(),
        reason: "binary file (it holds NUL bytes)".into(),
    }
}

/// The error for an input that could not be read.
pub fn cannot_read(path: &str, e: &std::io::Error) -> LocatedError {
    LocatedError::file(path, format!("cannot read: {e}"))
}

/// The outcome of windows that stopped before the end of the file.
fn stopped(path: &str, stop: Stop) -> Outcome {
    match stop {
        Stop::Binary => skipped_binary(path),
        Stop::Io(e) => Outcome::Failed(cannot_read(path, &e)),
        Stop::NotUtf8 => unreachable!("read whole instead"),
        Stop::Undecodable {
            offset,
            line,
            at,
            origin,
            window_line,
        } => Outcome::Failed(
            LocatedError::at(
                path,
                Arc::from(line),
                at..at,
                format!(
                    "not valid UTF-8 (the encoding of a file this large is decided on its first window): first bad byte at offset {offset}; the file was linted before line {window_line} only"
                ),
            )
            .placed(origin),
        ),
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
