//! Reading articles: decoding, the `Document` the rules run over, positions.

mod decode;
mod lines;
mod segment;

pub use decode::{DecodeError, Decoded, decode};
pub use lines::{LineIndex, Position};
pub use segment::{paragraphs, sentences};

use std::ops::Range;
use std::sync::OnceLock;

/// An article ready for the rules: its text, where its lines, paragraphs and
/// sentences are, and what is known about it (source language, title).
///
/// All ranges are byte offsets into `text`. `offset_base` is the number of
/// bytes in the file before `text` starts (a byte-order mark), so that
/// `offset_base + span.start` indexes the file as read.
#[derive(Debug)]
pub struct Document {
    pub path: String,
    pub text: String,
    pub offset_base: usize,
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
            offset_base: 0,
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
}

/// The range of a sorted, non-overlapping list that contains `offset`.
fn enclosing(ranges: &[Range<usize>], offset: usize) -> Option<Range<usize>> {
    let i = ranges.partition_point(|r| r.end < offset);
    ranges
        .get(i)
        .filter(|r| r.start <= offset && offset <= r.end)
        .cloned()
}
