//! Errors that point into a file: rule files, config files and articles.

use crate::source::Origin;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// An error located in a file, with the file's text kept so that a reporter
/// can show the offending line the way a compiler does.
#[derive(Debug, Clone)]
pub struct LocatedError {
    pub path: String,
    pub source: Option<Arc<str>>,
    pub span: Option<Range<usize>>,
    pub message: String,
    /// Where `source` starts in the file, when it is only a part of it (a
    /// line of a large file read in windows).
    pub origin: Origin,
}

impl LocatedError {
    /// An error with no position, such as a file that cannot be opened.
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> LocatedError {
        LocatedError {
            path: path.into(),
            source: None,
            span: None,
            message: message.into(),
            origin: Origin::default(),
        }
    }

    /// An error at `span` of `source`.
    pub fn at(
        path: impl Into<String>,
        source: Arc<str>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> LocatedError {
        LocatedError {
            path: path.into(),
            source: Some(source),
            span: Some(span),
            message: message.into(),
            origin: Origin::default(),
        }
    }

    /// The same error, its `source` being a part of the file that starts at `origin`.
    pub fn placed(self, origin: Origin) -> LocatedError {
        LocatedError { origin, ..self }
    }

    /// `path:line:column`, or just the path when there is no position.
    pub fn location(&self) -> String {
        match (&self.source, &self.span) {
            (Some(source), Some(span)) => {
                let index = crate::source::LineIndex::new(source);
                let pos = index.position(source, span.start.min(source.len()));
                let pos = self.origin.place(pos);
                format!("{}:{}:{}", self.path, pos.line, pos.column)
            }
            _ => self.path.clone(),
        }
    }
}

impl fmt::Display for LocatedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)
    }
}

impl std::error::Error for LocatedError {}

/// Several located errors; loading a rule set reports all of its mistakes at once.
#[derive(Debug, Clone)]
pub struct Errors(pub Vec<LocatedError>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.0 {
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}
