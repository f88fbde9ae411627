//! Reading articles: decoding, the `Document` the rules run over, positions.

mod decode;
mod html;
mod lines;
mod markdown;
mod offsets;
mod prose;
mod segment;

pub use decode::{DecodeError, Decoded, Head, decode, sniff};
pub use lines::{LineIndex, Origin, Position};
pub use offsets::OffsetMap;
pub use segment::{paragraphs, sentences, words};

use crate::error::LocatedError;
use serde::Deserialize;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

/// How a file is read: plain text as it is, or the prose of its markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Html,
}

impl Format {
    /// The format a file extension (without the dot) names; anything unknown is text.
    pub fn from_extension(extension: &str) -> Format {
        match extension.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            _ => Format::Text,
        }
    }

    pub fn of_path(path: &Path) -> Format {
        path.extension()
            .and_then(|e| e.to_str())
            .map_or(Format::Text, Format::from_extension)
    }
}

/// A part of an article that markup tells apart, for rules that apply to
/// some parts only. `Body` is everything outside the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    Body,
    Heading,
    /// Captions and credits, and the blocks pages mark as byline, share or related.
    Caption,
    Quote,
}

/// Reads the decoded text of a file in `format` into a `Document`; only
/// front matter that does not parse is an error.
pub fn read(path: &str, text: String, format: Format) -> Result<Document, LocatedError> {
    match format {
        Format::Text => Ok(Document::new(path, text)),
        Format::Markdown => markdown::read(path, text),
        Format::Html => Ok(html::read(path, text)),
    }
}

/// Which part of its file a document holds: all of it, or one window of a
/// large file read in parts (see [`crate::stream`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Part {
    #[default]
    Whole,
    First,
    Middle,
    Last,
}

impl Part {
    /// Whether the document starts where the file starts.
    pub fn opens_file(self) -> bool {
        matches!(self, Part::Whole | Part::First)
    }

    /// Whether the document ends where the file ends.
    pub fn closes_file(self) -> bool {
        matches!(self, Part::Whole | Part::Last)
    }
}

/// Where a document stands in its file, so that positions and the rules'
/// first and last lines are those of the file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Placement {
    pub part: Part,
    /// Where `source_text()` starts in the file.
    pub origin: Origin,
    /// Non-blank lines of the file before the line `source_text()` starts on.
    pub nonblank_lines_before: usize,
}

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
    /// Spans added after the prose by `anchor`, with the source ranges they stand for.
    anchors: Vec<(Range<usize>, Range<usize>)>,
    pub encoding: OffsetMap,
    source_lines: OnceLock<LineIndex>,
    pub lines: LineIndex,
    pub paragraphs: Vec<Range<usize>>,
    sentences: OnceLock<Vec<Range<usize>>>,
    /// The words of the text (see `segment::words`) as byte ranges, found on
    /// first use and shared by the checks that walk them all; `None` for a
    /// text over `WORD_LIST_UP_TO`.
    words: OnceLock<Option<Vec<(u32, u32)>>>,
    /// For each line, how many non-blank lines come before it.
    nonblank_before: OnceLock<Vec<u32>>,
    pub source_language: Option<String>,
    pub format: Format,
    /// Headings, captions and quotes (sorted by start; they may nest). Empty
    /// for plain text, whose format does not tell them apart.
    pub scopes: Vec<(Range<usize>, Scope)>,
    /// Comments in the source (byte ranges of `source_text`): not prose, but
    /// kept for what they may say to mtlint.
    pub comments: Vec<Range<usize>>,
    /// The title the file declares (front matter), when it does; in a
    /// later window of a large file, the file's first line, so that copies
    /// of the headline are found there too.
    pub title: Option<String>,
    /// The language the file declares itself written in (`lang`).
    pub language: Option<String>,
    /// The whole file, or where in it this window is.
    pub placement: Placement,
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
            anchors: Vec::new(),
            encoding: OffsetMap::default(),
            source_lines: OnceLock::new(),
            lines,
            paragraphs,
            sentences: OnceLock::new(),
            words: OnceLock::new(),
            nonblank_before: OnceLock::new(),
            source_language: None,
            format: Format::Text,
            scopes: Vec::new(),
            comments: Vec::new(),
            title: None,
            language: None,
            placement: Placement::default(),
        }
    }

    /// The scopes that hold `offset`: `[Body]` when no heading, caption or
    /// quote does, and `None` when the format does not tell them apart.
    pub fn scopes_at(&self, offset: usize) -> Option<Vec<Scope>> {
        if self.format == Format::Text {
            return None;
        }
        let found: Vec<Scope> = self
            .scopes
            .iter()
            .take_while(|(r, _)| r.start <= offset)
            .filter(|(r, _)| offset < r.end)
            .map(|&(_, s)| s)
            .collect();
        Some(if found.is_empty() {
            vec![Scope::Body]
        } else {
            found
        })
    }

    /// Sentences, segmented on first use: many rule sets never need them.
    pub fn sentences(&self) -> &[Range<usize>] {
        self.sentences
            .get_or_init(|| sentences(&self.text, &self.paragraphs))
    }

    /// The words within `range` of the text, with their offsets in it. For a
    /// range that starts and ends between words (a paragraph, a line, a
    /// sentence), these are `words(&self.text[range])`, found once for all
    /// the checks that ask.
    pub fn words_in(&self, range: Range<usize>) -> impl Iterator<Item = (usize, &str)> + '_ {
        let index = self.words.get_or_init(|| {
            (self.text.len() <= WORD_LIST_UP_TO).then(|| {
                words(&self.text)
                    .map(|(i, w)| (i as u32, (i + w.len()) as u32))
                    .collect()
            })
        });
        let listed = index.as_ref().map(|all| {
            let first = all.partition_point(|&(start, _)| (start as usize) < range.start);
            all[first..]
                .iter()
                .map(|&(start, end)| (start as usize, end as usize))
                .take_while(move |&(_, end)| end <= range.end)
                .map(|(start, end)| (start, &self.text[start..end]))
        });
        let unlisted = index
            .is_none()
            .then(|| words(&self.text[range.clone()]).map(move |(i, w)| (range.start + i, w)));
        // One of the two is there.
        listed
            .into_iter()
            .flatten()
            .chain(unlisted.into_iter().flatten())
    }

    /// The sentence holding `offset`, or the paragraph when it holds no sentence.
    pub fn sentence_at(&self, offset: usize) -> Range<usize> {
        enclosing(self.sentences(), offset).unwrap_or_else(|| self.paragraph_at(offset))
    }

    pub fn paragraph_at(&self, offset: usize) -> Range<usize> {
        enclosing(&self.paragraphs, offset).unwrap_or(offset..offset)
    }

    /// The paragraph holding `offset` and the blank lines either side of it,
    /// from the end of the paragraph before to the start of the one after
    /// (between two paragraphs: the blank lines between them). A match that
    /// holds `offset` and at most one line break lies within it: reaching
    /// the next paragraph takes two.
    pub fn paragraph_reach(&self, offset: usize) -> Range<usize> {
        let paras = &self.paragraphs;
        let next = paras.partition_point(|p| p.end <= offset);
        let inside = paras.get(next).is_some_and(|p| p.start <= offset);
        let after = if inside { next + 1 } else { next };
        let start = next.checked_sub(1).map_or(0, |i| paras[i].end);
        let end = paras.get(after).map_or(self.text.len(), |p| p.start);
        start..end
    }

    /// The byte range of the line holding `offset`, without its terminator.
    pub fn line_at(&self, offset: usize) -> Range<usize> {
        self.lines
            .line_range(&self.text, self.lines.line_of(offset))
    }

    /// How many non-blank lines of the file come before 0-based `line` of
    /// the text (or after it, `from_end`). A window that the file goes on
    /// after is taken to be unboundedly far from the end.
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
        if from_end && !self.placement.part.closes_file() {
            usize::MAX
        } else if from_end {
            let total = before[before.len() - 1];
            (total - before[line + 1]) as usize
        } else {
            self.placement.nonblank_lines_before + before[line] as usize
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
        if let Some(source) = self.anchored_source(span) {
            return source;
        }
        let start = self.markup.map(span.start);
        start..self.markup.map_end(span.end).max(start)
    }

    /// Gives a range of the file as written that is not prose (a comment) a
    /// span of `text`, so that a finding can point at it: its words are added
    /// after the prose, once the rules have run, and map back through the
    /// anchor table rather than the markup map.
    pub fn anchor(&mut self, source: Range<usize>) -> Range<usize> {
        let written = self.source_text()[source.clone()].to_string();
        self.text.push('\n');
        let start = self.text.len();
        self.text.push_str(&written);
        self.anchors.push((start..self.text.len(), source));
        start..self.text.len()
    }

    fn anchored_source(&self, span: &Range<usize>) -> Option<Range<usize>> {
        let (text, source) = self
            .anchors
            .iter()
            .find(|(t, _)| t.start <= span.start && span.start <= t.end)?;
        let shift = |o: usize| source.start + (o.min(text.end) - text.start);
        Some(shift(span.start)..shift(span.end))
    }

    /// A span of `text` as byte offsets into the file as read.
    pub fn file_span(&self, span: &Range<usize>) -> Range<usize> {
        let source = self.source_span(span);
        self.encoding.map(source.start)..self.encoding.map(source.end)
    }

    /// Line and column (in characters) of a `text` offset, in the file as
    /// written (a window's placement counts).
    pub fn source_position(&self, offset: usize) -> Position {
        self.position_in_source(self.source_span(&(offset..offset)).start)
    }

    /// Line and column of the end of a span of `text`, in the file as written.
    pub fn source_end_position(&self, span: &Range<usize>) -> Position {
        self.position_in_source(self.source_span(span).end)
    }

    fn position_in_source(&self, offset: usize) -> Position {
        let lines = match &self.source {
            None => &self.lines,
            Some(s) => self.source_lines.get_or_init(|| LineIndex::new(s)),
        };
        let position = lines.position(self.source_text(), offset);
        self.placement.origin.place(position)
    }
}

/// The longest text whose words `Document::words_in` keeps in a list (8
/// bytes a word). A longer one, a window of a large file, splits each range
/// it is asked for instead: the lists of two windows at once raised a 50 MB
/// file's peak RSS by 6 MB. Under 4 GiB, so that offsets fit 32 bits.
const WORD_LIST_UP_TO: usize = 1 << 20;

/// The range of a sorted, non-overlapping list that contains `offset`.
fn enclosing(ranges: &[Range<usize>], offset: usize) -> Option<Range<usize>> {
    let i = ranges.partition_point(|r| r.end < offset);
    ranges
        .get(i)
        .filter(|r| r.start <= offset && offset <= r.end)
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_in_a_paragraph_or_sentence_are_the_words_of_its_text() {
        let text = "Héllo wörld, 42 times.\n\n  Second para: it’s done. Next one!\nLast";
        let doc = Document::new("t.txt", text.to_string());
        let ranges: Vec<Range<usize>> = doc
            .paragraphs
            .iter()
            .chain(doc.sentences())
            .cloned()
            .collect();
        assert_eq!(ranges.len(), 6);
        for range in ranges {
            let expected: Vec<(usize, &str)> = words(&text[range.clone()])
                .map(|(i, w)| (range.start + i, w))
                .collect();
            assert_eq!(doc.words_in(range.clone()).collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn a_text_too_long_for_a_word_list_gives_the_same_words() {
        let paragraph = "Héllo wörld, 42 times. It’s done!\n\n";
        let text = paragraph.repeat(WORD_LIST_UP_TO / paragraph.len() + 1);
        let doc = Document::new("t.txt", text.clone());
        let last = doc.paragraphs.last().unwrap().clone();
        let found: Vec<(usize, &str)> = doc.words_in(last.clone()).collect();
        assert_eq!(found.len(), 7);
        assert_eq!(found[0], (last.start, "Héllo"));
        assert!(doc.words.get().unwrap().is_none());
    }

    #[test]
    fn a_paragraphs_reach_runs_from_the_paragraph_before_to_the_one_after() {
        let text = "Title\n\nOne two\nthree.\n \r\nFour.\n\n\nFive.";
        let doc = Document::new("t.txt", text.to_string());
        let reach = |needle: &str| {
            let range = doc.paragraph_reach(text.find(needle).unwrap());
            &text[range]
        };
        assert_eq!(reach("Title"), "Title\n\n");
        assert_eq!(reach("three"), "\n\nOne two\nthree.\n \r\n");
        assert_eq!(reach("Four"), "\n \r\nFour.\n\n\n");
        assert_eq!(reach("Five"), "\n\n\nFive.");
        // Between two paragraphs: the blank lines between them.
        assert_eq!(
            &text[doc.paragraph_reach(text.find(" \r").unwrap())],
            "\n \r\n"
        );
    }
}
