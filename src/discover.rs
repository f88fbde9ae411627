//! Which files a run lints: the named files, and the articles below named folders.

use crate::error::LocatedError;
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
        } else if path.is_dir() {
            walk(path, &mut inputs, &mut errors);
        } else if path.exists() {
            inputs.push(Input::File(path.clone()));
        } else {
            errors.push(LocatedError::file(
                path.display().to_string(),
                "no such file or folder",
            ));
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
            Ok(e) if e.file_type().is_file() && is_article(e.path()) => {
                inputs.push(Input::File(e.into_path()))
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(root).display().to_string();
                let why = e
                    .io_error()
                    .map_or_else(|| e.to_string(), |io| io.to_string());
                errors.push(LocatedError::file(path, format!("cannot read: {why}")));
            }
        }
    }
}

fn is_skipped_dir_or_hidden(entry: &walkdir::DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    name.starts_with('.') || (entry.file_type().is_dir() && name == "target")
}

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}
