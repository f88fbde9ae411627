//! Which files a run lints: the named files, and the articles below named folders.

use crate::error::LocatedError;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Extensions linted when found in a folder. A file named on the command line
/// is linted whatever its extension.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

/// Expands `paths` in order; each folder's files come sorted by name. Hidden
/// entries and `target/` folders are skipped; folders and files that cannot be
/// read are reported and the rest is still returned.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<LocatedError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut inputs, &mut errors),
            // Named files are read whatever they are: a FIFO may be `<(command)`.
            Ok(_) => inputs.push(Input::File(path.clone())),
            Err(e) if e.kind() == ErrorKind::NotFound => {
                errors.push(LocatedError::file(shown, "no such file or folder"))
            }
            Err(e) => errors.push(LocatedError::file(shown, format!("cannot read: {e}"))),
        }
    }
    (inputs, errors)
}

fn walk(root: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<LocatedError>) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_skipped_dir_or_hidden(e));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_dir() || !is_article(e.path()) => {}
            Ok(e) if e.file_type().is_file() => inputs.push(Input::File(e.into_path())),
            // Reading a FIFO found in a folder could wait forever.
            Ok(e) => errors.push(LocatedError::file(
                e.path().display().to_string(),
                "not a regular file (a FIFO, socket or device): not read",
            )),
            Err(e) if is_ignored_missing_path(&e) => {}
            Err(e) => {
                let path = e.path().unwrap_or(root).display().to_string();
                errors.push(LocatedError::file(path, walk_error_message(&e)));
            }
        }
    }
}

fn walk_error_message(error: &walkdir::Error) -> String {
    if is_broken_link(error) {
        return "a broken link (what it points to does not exist): not read".into();
    }
    if let Some(ancestor) = error.loop_ancestor() {
        return format!(
            "a link to {}, a folder that holds it (a loop): not followed",
            ancestor.display()
        );
    }
    let why = error
        .io_error()
        .map_or_else(|| error.to_string(), |io| io.to_string());
    format!("cannot read: {why}")
}

fn is_skipped_dir_or_hidden(entry: &walkdir::DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    name.starts_with('.') || (entry.file_type().is_dir() && name == "target")
}

/// A missing path (a broken link, or an entry deleted while its folder was
/// read) matters only where a file of its name would be linted: not when it
/// is hidden (an editor's lock file, `.#story.md`) or no article.
fn is_ignored_missing_path(error: &walkdir::Error) -> bool {
    let ignored_name = error.path().is_some_and(|p| {
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        hidden || !is_article(p)
    });
    is_missing(error) && ignored_name
}

fn is_missing(error: &walkdir::Error) -> bool {
    error
        .io_error()
        .is_some_and(|io| io.kind() == ErrorKind::NotFound)
}

/// A link whose target is missing: following it finds nothing.
fn is_broken_link(error: &walkdir::Error) -> bool {
    is_missing(error) && error.path().is_some_and(|p| p.is_symlink())
}

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}
