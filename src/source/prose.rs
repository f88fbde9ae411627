//! The prose of a marked-up file, built piece by piece: the text the rules
//! read, the map from it back to the file's own text, and what the markup
//! says about its parts. The Markdown and HTML readers feed it in source
//! order; text copied as it is needs no anchor in the map, so a file whose
//! prose is mostly plain costs little.

use super::{Document, Format, OffsetMap, Scope};
use std::ops::Range;

pub(super) struct Prose<'s> {
    source: &'s str,
    text: String,
    map: OffsetMap,
    scopes: Vec<(Range<usize>, Scope)>,
    comments: Vec<Range<usize>>,
    /// A block ended: the next text starts a new paragraph.
    block_ended: bool,
}

impl<'s> Prose<'s> {
    pub fn new(source: &'s str) -> Prose<'s> {
        Prose {
            source,
            text: String::new(),
            map: OffsetMap::default(),
            scopes: Vec::new(),
            comments: Vec::new(),
            block_ended: false,
        }
    }

    pub fn source(&self) -> &'s str {
        self.source
    }

    /// Appends `text`, which is what `source[range]` reads as: copied when
    /// they are the same, else mapped as one piece (a decoded entity).
    pub fn push(&mut self, text: &str, range: Range<usize>) {
        if text.is_empty() {
            return;
        }
        self.start_piece(range.start);
        if self.source[range.clone()] == *text {
            if self.map.map(self.text.len()) != range.start {
                self.map.push(self.text.len(), range.start);
            }
            self.text.push_str(text);
        } else {
            self.push_rewritten(text, range);
        }
    }

    /// A line break inside a block (a soft or hard break, `<br>`), standing
    /// for `source[range]`. A block never starts with one.
    pub fn line_break(&mut self, range: Range<usize>) {
        if !self.at_block_start() {
            self.push("\n", range);
        }
    }

    /// The next text starts a new paragraph.
    pub fn end_block(&mut self) {
        self.block_ended = true;
    }

    /// Whether nothing has been written in the current block or line yet.
    pub fn at_block_start(&self) -> bool {
        self.block_ended || self.text.is_empty() || self.text.ends_with('\n')
    }

    /// Where a scope opening now starts; hand it back to `close_scope`.
    pub fn scope_start(&self) -> usize {
        self.text.len()
    }

    /// Records `scope` over the text written since `start`, without the
    /// white space around it.
    pub fn close_scope(&mut self, start: usize, scope: Scope) {
        let written = &self.text[start..];
        let from = start + (written.len() - written.trim_start().len());
        let to = self.text.len() - (written.len() - written.trim_end().len());
        if from < to {
            self.scopes.push((from..to, scope));
        }
    }

    pub fn comment(&mut self, range: Range<usize>) {
        self.comments.push(range);
    }

    pub fn into_document(mut self, path: &str, format: Format) -> Document {
        blank_urls(&mut self.text);
        self.scopes.sort_by_key(|(r, _)| r.start);
        let mut doc = Document::new(path, self.text);
        doc.source = Some(self.source.to_string());
        doc.markup = self.map;
        doc.format = format;
        doc.scopes = self.scopes;
        doc.comments = self.comments;
        doc
    }

    fn push_rewritten(&mut self, text: &str, range: Range<usize>) {
        self.map.push(self.text.len(), range.start);
        self.text.push_str(text);
        self.map.push_end(self.text.len(), range.end);
    }

    /// The first piece of a new block is preceded by a blank line, so that
    /// paragraphs and sentences end where blocks do. It stands for the
    /// markup between the two blocks.
    fn start_piece(&mut self, at: usize) {
        if !std::mem::take(&mut self.block_ended) || self.text.is_empty() {
            return;
        }
        let newlines = self.text.len() - self.text.trim_end_matches('\n').len();
        let separator = &"\n\n"[newlines.min(2)..];
        if !separator.is_empty() {
            let after_last = self.map.map_end(self.text.len());
            self.push_rewritten(separator, after_last..at.max(after_last));
        }
    }
}

/// Bare URLs are not prose: they are blanked out with spaces, which keeps
/// every offset (and so the map) as it was.
fn blank_urls(text: &mut String) {
    let urls: Vec<Range<usize>> = url_spans(text).collect();
    if urls.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for url in urls {
        bytes[url].fill(b' ');
    }
    *text = String::from_utf8(bytes).expect("only whole characters were blanked");
}

/// `http://…`, `https://…` and `www.…` runs, without the punctuation around them.
fn url_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    text.split(char::is_whitespace).filter_map(move |token| {
        let at = token.as_ptr() as usize - text.as_ptr() as usize;
        let opening = token.len()
            - token
                .trim_start_matches(['(', '[', '<', '"', '“', '‘', '\''])
                .len();
        let rest = &token[opening..];
        let is_url = ["http://", "https://", "www."].iter().any(|p| {
            rest.len() > p.len()
                && rest
                    .get(..p.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(p))
        });
        let url = rest.trim_end_matches([
            '.', ',', ';', ':', '!', '?', ')', ']', '>', '"', '”', '’', '\'',
        ]);
        is_url.then(|| at + opening..at + opening + url.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_separated_by_a_blank_line_mapped_to_the_markup_between() {
        let source = "<p>One</p><p>Two</p>";
        let mut prose = Prose::new(source);
        prose.push("One", 3..6);
        prose.end_block();
        prose.push("Two", 13..16);
        let doc = prose.into_document("t.html", Format::Html);
        assert_eq!(doc.text, "One\n\nTwo");
        assert_eq!(doc.source_span(&(5..8)), 13..16);
        assert_eq!(doc.source_span(&(0..3)), 3..6);
    }

    #[test]
    fn scopes_leave_out_surrounding_white_space() {
        let mut prose = Prose::new("a Title b");
        prose.push("a ", 0..2);
        let start = prose.scope_start();
        prose.push("Title ", 2..8);
        prose.close_scope(start, Scope::Heading);
        let doc = prose.into_document("t.md", Format::Markdown);
        assert_eq!(doc.scopes, vec![(2..7, Scope::Heading)]);
    }

    #[test]
    fn bare_urls_are_blanked_without_moving_anything() {
        let original = "See (https://kiev.example/a). Or www.x.org, then Kiev.";
        let mut text = original.to_string();
        blank_urls(&mut text);
        let blank = |url: &str| " ".repeat(url.len());
        let expected = original
            .replace("https://kiev.example/a", &blank("https://kiev.example/a"))
            .replace("www.x.org", &blank("www.x.org"));
        assert_eq!(text, expected);
    }
}
