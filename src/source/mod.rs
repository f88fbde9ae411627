//! Reading articles: decoding, the `Document` the rules run over, positions.

mod decode;
mod lines;
mod offsets;
mod segment;

pub use decode::{DecodeError, Decoded, decode};
pub use lines::{LineIndex, Position};
pub use offsets::OffsetMap;
pub use segment::{paragraphs, sentences};

use std::ops::Range;
use std::sync::OnceLock;

/// An article ready for the rules: its text, where its lines, paragraphs and
/// sentences are, and what is known about it (source language, title).
///
/// All ranges are byte offsets into `text`, the prose the rules read. When
/// the file is markup or another encoding, `source` holds the file's own
/// text and two maps lead back to it: `markup` from `text` to `source`, and
/// `encoding` from `source` to the bytes of the file. Reports always speak of
/// the file as written.
#[derive(Debug)]
pub struct Document {
    pub path: String,
    pub text: String,
    /// The file's text when it differs from `text` (markup was removed).
    pub source: Option<String>,
    pub markup: OffsetMap,
    pub encoding: OffsetMap,
    source_lines: OnceLock<LineIndex>,
    pub lines: LineIndex,
    pub paragraphs: Vec<Range<usize>>,
    sentences: OnceLock<Vec<Range<usize>>>,
    /// For each line, how many non-blank lines come before it.
    nonblank_before: OnceLock<Vec<u32>>,
    pub source_language: Option<String>,
}

impl Document {
    pub fn new(path: impl Into<String>, text: String) -> Document {
        let lines = LineIndex::new(&text);
        let paragraphs = paragraphs(&text);
        Document {
            path: path.into(),
            text,
            source: None,
            markup: OffsetMap::default(),
            encoding: OffsetMap::default(),
            source_lines: OnceLock::new(),
            lines,
            paragraphs,
            sentences: OnceLock::new(),
            nonblank_before: OnceLock::new(),
            source_language: None,
        }
    }

    /// Sentences, segmented on first use: many rule sets never need them.
    pub fn sentences(&self) -> &[Range<usize>] {
        self.sentences
            .get_or_init(|| sentences(&self.text, &self.paragraphs))
    }

    /// The sentence holding `offset`, or the paragraph when it holds no sentence.
    pub fn sentence_at(&self, offset: usize) -> Range<usize> {
        enclosing(self.sentences(), offset).unwrap_or_else(|| self.paragraph_at(offset))
    }

    pub fn paragraph_at(&self, offset: usize) -> Range<usize> {
        enclosing(&self.paragraphs, offset).unwrap_or(offset..offset)
    }

    /// The byte range of the line holding `offset`, without its terminator.
    pub fn line_at(&self, offset: usize) -> Range<usize> {
        self.lines
            .line_range(&self.text, self.lines.line_of(offset))
    }

    /// How many non-blank lines come before 0-based `line` (or after it, `from_end`).
    pub fn nonblank_lines_around(&self, line: usize, from_end: bool) -> usize {
        let before = self.nonblank_before.get_or_init(|| {
            let mut counts = Vec::with_capacity(self.lines.line_count() + 1);
            let mut n = 0;
            for l in 0..self.lines.line_count() {
                counts.push(n);
                if !self.text[self.lines.line_range(&self.text, l)]
                    .trim()
                    .is_empty()
                {
                    n += 1;
                }
            }
            counts.push(n);
            counts
        });
        if from_end {
            let total = before[before.len() - 1];
            (total - before[line + 1]) as usize
        } else {
            before[line] as usize
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    /// The file's text as written (decoded): what an editor sees.
    pub fn source_text(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.text)
    }

    /// A span of `text` as a span of `source_text`.
    pub fn source_span(&self, span: &Range<usize>) -> Range<usize> {
        self.markup.map(span.start)..self.markup.map(span.end)
    }

    /// A span of `text` as byte offsets into the file as read.
    pub fn file_span(&self, span: &Range<usize>) -> Range<usize> {
        let source = self.source_span(span);
        self.encoding.map(source.start)..self.encoding.map(source.end)
    }

    /// Line and column (in characters) of a `text` offset, in the file as written.
    pub fn source_position(&self, offset: usize) -> Position {
        let source = self.source_text();
        let lines = match &self.source {
            None => &self.lines,
            Some(s) => self.source_lines.get_or_init(|| LineIndex::new(s)),
        };
        lines.position(source, self.markup.map(offset))
    }
}

/// The range of a sorted, non-overlapping list that contains `offset`.
fn enclosing(ranges: &[Range<usize>], offset: usize) -> Option<Range<usize>> {
    let i = ranges.partition_point(|r| r.end < offset);
    ranges
        .get(i)
        .filter(|r| r.start <= offset && offset <= r.end)
        .cloned()
}
