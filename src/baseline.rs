//! Baselines: the findings a project has accepted for now, recorded in a file
//! (`--write-baseline`) so that later runs (`--baseline`) report only new ones.
//! They suit plain-text articles, which cannot carry suppression comments, and
//! legacy backlogs.
//!
//! A finding is recorded by its path, rule and [`fingerprint`] (the rule, the
//! flagged text and the words around it in its paragraph), never by its line,
//! so edits elsewhere in the article keep it recorded. Repeats are counted:
//! an article with the same finding twice needs two entries, and a third
//! occurrence is new.
//!
//! The file is JSON, sorted so that it is the same for the same findings and
//! diffs well under version control:
//! `{"version":1,"findings":[{"path","rule","fingerprint","text"},…]}`.
//! Paths are relative to the baseline's folder (with `/`), so it works from
//! any working folder; `text` is the flagged text, for a reader only.

use crate::error::LocatedError;
use crate::finding::Finding;
use crate::fingerprint::fingerprint;
use crate::output::locate;
use crate::source::{Document, LineIndex};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The format version this mtlint reads and writes.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    pub text: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// What identifies a finding in a baseline: path, rule, fingerprint.
type Key = (String, String, String);

/// A loaded baseline: how many findings of each key are still to hide.
#[derive(Debug)]
pub struct Baseline {
    root: PathBuf,
    remaining: HashMap<Key, usize>,
}

impl Baseline {
    /// Reads the baseline at `file`; a missing, malformed or newer file is an
    /// error naming it (and the line and column of a JSON mistake).
    pub fn load(file: &Path) -> Result<Baseline, LocatedError> {
        let shown = file.display().to_string();
        let text = std::fs::read_to_string(file)
            .map_err(|e| LocatedError::file(&shown, format!("cannot read the baseline: {e}")))?;
        let parsed: BaselineFile =
            serde_json::from_str(&text).map_err(|e| json_error(&shown, &text, &e))?;
        if parsed.version != VERSION {
            return Err(LocatedError::file(
                shown,
                format!(
                    "baseline version {} is not supported (this mtlint reads version {VERSION}); write it again with --write-baseline",
                    parsed.version
                ),
            ));
        }
        let mut remaining = HashMap::new();
        for e in parsed.findings {
            *remaining
                .entry((e.path, e.rule, e.fingerprint))
                .or_default() += 1;
        }
        Ok(Baseline {
            root: root(file),
            remaining,
        })
    }

    /// Drops the findings of `doc` that the baseline records, each entry
    /// hiding one finding; call it once per file (or window of a large file).
    pub fn hide(&mut self, doc: &Document, findings: &mut Vec<Finding>) {
        let path = relative(&self.root, &doc.path);
        findings.retain(|f| {
            let key = (
                path.clone(),
                f.rule.to_string(),
                fingerprint(&f.rule, doc, f),
            );
            match self.remaining.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
    }
}

/// A baseline being recorded, written with [`Recording::write`].
#[derive(Debug)]
pub struct Recording {
    file: PathBuf,
    root: PathBuf,
    entries: Vec<Entry>,
}

impl Recording {
    /// A recording to be written to `file`.
    pub fn new(file: &Path) -> Recording {
        Recording {
            file: file.to_path_buf(),
            root: root(file),
            entries: Vec::new(),
        }
    }

    /// The file the baseline will be written to.
    pub fn file(&self) -> &Path {
        &self.file
    }

    pub fn add(&mut self, doc: &Document, findings: &[Finding]) {
        let path = relative(&self.root, &doc.path);
        self.entries.extend(findings.iter().map(|f| Entry {
            path: path.clone(),
            rule: f.rule.to_string(),
            fingerprint: fingerprint(&f.rule, doc, f),
            text: locate(doc, f).text.to_string(),
        }));
    }

    /// Writes the baseline atomically (a reader sees the old file or the new
    /// one) and returns how many findings it records.
    pub fn write(mut self) -> Result<usize, LocatedError> {
        self.entries.sort();
        let count = self.entries.len();
        let document = BaselineFile {
            version: VERSION,
            findings: self.entries,
        };
        let mut json = serde_json::to_string_pretty(&document).expect("entries serialise");
        json.push('\n');
        write_new_or_replace(&self.file, json.as_bytes()).map_err(|e| {
            LocatedError::file(
                self.file.display().to_string(),
                format!("cannot write the baseline: {e}"),
            )
        })?;
        Ok(count)
    }
}

/// Replaces `file` atomically; a file that does not exist yet is created
/// empty first (`write_atomic` keeps an existing file's permissions, so it
/// needs one), and removed again if the write fails.
fn write_new_or_replace(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let created = match std::fs::File::create_new(file) {
        Ok(_) => true,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => false,
        Err(e) => return Err(e),
    };
    let written = crate::fix::write_atomic(file, bytes);
    if written.is_err() && created {
        let _ = std::fs::remove_file(file);
    }
    written
}

/// The folder a baseline's paths are relative to: the baseline's own.
fn root(file: &Path) -> PathBuf {
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf())
}

/// `shown` (a path as reports give it) relative to `root`, with `/` (and
/// `..` when it is outside), so that it is the same from any working folder;
/// as it is when it names no file (standard input).
fn relative(root: &Path, shown: &str) -> String {
    let Ok(absolute) = std::fs::canonicalize(shown) else {
        return shown.to_string();
    };
    let (mut from, mut to) = (
        root.components().peekable(),
        absolute.components().peekable(),
    );
    while from.peek().is_some() && from.peek() == to.peek() {
        from.next();
        to.next();
    }
    let ups = from.map(|_| "..".to_string());
    let downs = to.map(|c| c.as_os_str().to_string_lossy().into_owned());
    ups.chain(downs).collect::<Vec<_>>().join("/")
}

/// A JSON error at its line and column in the baseline's text.
fn json_error(shown: &str, text: &str, e: &serde_json::Error) -> LocatedError {
    let index = LineIndex::new(text);
    let line = e
        .line()
        .saturating_sub(1)
        .min(index.line_count().saturating_sub(1));
    let line_start = index.line_range(text, line).start;
    // serde_json counts columns in bytes from 1, and may give 0 at a line start.
    let mut offset = (line_start + e.column().saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let full = e.to_string();
    let message = full
        .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
        .unwrap_or(&full);
    LocatedError::at(
        shown,
        Arc::from(text),
        offset..offset,
        format!("not a valid baseline: {message}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_point_at_their_line_and_column() {
        let text = "{\"version\": 1,\n  \"findings\": [}\n";
        let e = serde_json::from_str::<BaselineFile>(text).unwrap_err();
        let located = json_error("b.json", text, &e);
        assert_eq!(located.location(), "b.json:2:16");
        assert!(!located.message.contains("at line"), "{}", located.message);
    }

    #[test]
    fn paths_are_relative_to_the_root_even_outside_it() {
        let crate_root = std::fs::canonicalize(env!("CARGO_MANIFEST_DIR")).unwrap();
        let cargo_toml = crate_root.join("Cargo.toml").display().to_string();
        assert_eq!(relative(&crate_root, &cargo_toml), "Cargo.toml");
        assert_eq!(
            relative(&crate_root.join("src"), &cargo_toml),
            "../Cargo.toml"
        );
        assert_eq!(relative(&crate_root, "-"), "-");
    }
}
