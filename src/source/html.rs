//! HTML: the prose of a page, or of the raw HTML in a Markdown file, read
//! with html5gum's tokenizer (WHATWG-compliant, with byte spans).
//!
//! The text of `script`, `style`, `noscript`, `template`, `title`, `code`,
//! `pre`, `svg`, `math` and `iframe` is not prose, nor are comments (kept as
//! the document's comments) and attributes. Block elements end paragraphs;
//! inline elements do not, so "touching <em>the</em> base" reads "touching
//! the base". White space collapses to one space as a browser shows it, and
//! `<br>` is a line break. Entities are decoded, each character keeping the
//! bytes it was read from so that findings land on the HTML as written.

use super::prose::Prose;
use super::{Document, Format, Scope};
use html5gum::{DefaultEmitter, HtmlString, Span, Spanned, StartTag, Token, Tokenizer};
use std::borrow::Cow;
use std::ops::Range;

pub fn read(path: &str, text: String) -> Document {
    let mut prose = Prose::new(&text);
    let mut reader = HtmlReader::default();
    reader.feed(&mut prose, 0..text.len());
    let mut doc = prose.into_document(path, Format::Html);
    doc.language = reader.language;
    doc
}

/// Elements whose text is not prose.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "title", "code", "pre", "svg", "math", "iframe",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Words in a class or id that mark a caption-like block: boilerplate around
/// the article rather than its body.
const CAPTION_WORDS: &[&str] = &["caption", "credit", "byline", "share", "related"];

/// The state of a reading that may come in fragments (the HTML blocks and
/// inline tags of a Markdown file): what is open stays open for the next one.
#[derive(Default)]
pub(super) struct HtmlReader {
    /// Open elements that matter: hidden ones and scopes.
    open: Vec<Open>,
    /// White space read since the last text, not yet written.
    space: Option<Range<usize>>,
    /// The `lang` of the `<html>` element.
    pub language: Option<String>,
}

struct Open {
    name: HtmlString,
    role: Role,
    /// Elements of the same name opened inside this one and not yet closed,
    /// so that the right end tag closes it.
    nested: usize,
}

enum Role {
    Hidden,
    /// A scope and where its text starts.
    Scope(Scope, usize),
}

impl HtmlReader {
    /// Reads `prose.source()[range]` into `prose`.
    pub fn feed(&mut self, prose: &mut Prose, range: Range<usize>) {
        let base = range.start;
        let html = tame_attributes(&prose.source()[range]);
        let mut emitter = DefaultEmitter::<usize>::new_with_span();
        emitter.naively_switch_states(true);
        for Ok(token) in Tokenizer::new_with_emitter(html.as_ref(), emitter) {
            match token {
                Token::StartTag(tag) => self.start_tag(prose, &tag, shift(tag.span, base)),
                Token::EndTag(tag) => self.end_tag(prose, &tag.name),
                Token::String(text) if !self.hidden() => self.text(prose, &text, base),
                Token::Comment(comment) => prose.comment(shift(comment.span, base)),
                _ => {}
            }
        }
        // A fragment ends at markup: its trailing white space is not prose.
        self.space = None;
    }

    /// Whether text read now is not prose (inside `<script>`, say).
    pub fn hidden(&self) -> bool {
        self.open.iter().any(|o| matches!(o.role, Role::Hidden))
    }

    fn start_tag(&mut self, prose: &mut Prose, tag: &StartTag<usize>, span: Range<usize>) {
        let name = tag.name.as_slice();
        if name == b"html" {
            self.language = attribute(tag, b"lang").filter(|l| !l.is_empty());
        }
        if is_block(name) {
            self.end_block(prose);
        }
        if name == b"br" {
            self.space = None;
            prose.line_break(span);
        }
        if tag.self_closing || contains(VOID, name) {
            return;
        }
        let role = if contains(HIDDEN, name) {
            Some(Role::Hidden)
        } else {
            scope_of(tag).map(|scope| Role::Scope(scope, prose.scope_start()))
        };
        match role {
            Some(role) => self.open.push(Open {
                name: tag.name.clone(),
                role,
                nested: 0,
            }),
            None => {
                if let Some(open) = self.open.iter_mut().rev().find(|o| o.name == tag.name) {
                    open.nested += 1;
                }
            }
        }
    }

    fn end_tag(&mut self, prose: &mut Prose, name: &HtmlString) {
        if is_block(name) {
            self.end_block(prose);
        }
        let Some(i) = self.open.iter().rposition(|o| o.name == *name) else {
            return;
        };
        if self.open[i].nested > 0 {
            self.open[i].nested -= 1;
            return;
        }
        // Elements left open inside it (tag soup) end with it.
        for open in self.open.drain(i..).rev() {
            if let Role::Scope(scope, start) = open.role {
                prose.close_scope(start, scope);
            }
        }
    }

    fn end_block(&mut self, prose: &mut Prose) {
        self.space = None;
        prose.end_block();
    }

    /// A run of text between two tags, written character by character (each
    /// with the bytes it came from), with white space collapsed.
    fn text(&mut self, prose: &mut Prose, text: &Spanned<HtmlString, usize>, base: usize) {
        let start = base + text.span.start;
        let raw = &prose.source()[start..base + text.span.end];
        let decoded = String::from_utf8_lossy(&text.value);
        for (from, piece) in align(raw, &decoded) {
            let from = start + from.start..start + from.end;
            if piece.chars().all(is_html_space) {
                self.space = Some(self.space.take().map_or(from.start, |s| s.start)..from.end);
                continue;
            }
            if let Some(space) = self.space.take().filter(|_| !prose.at_block_start()) {
                prose.push(" ", space);
            }
            prose.push(piece, from);
        }
    }
}

/// The attributes of one tag that html5gum 0.9 reads before its stack runs
/// out grows with each one (its attribute states call one another), so a
/// tag with tens of thousands of them crashes the process. No page has a
/// tag with more than a few dozen.
const MAX_ATTRIBUTES: usize = 1000;

/// `html` with the attributes of a tag past the `MAX_ATTRIBUTES`th blanked
/// out: their bytes become spaces (line breaks stay), so every span and
/// line of the text is unchanged, and no text is lost, since attributes are
/// not prose.
fn tame_attributes(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut blank: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            let (end, cut) = scan_tag(bytes, i + 1);
            blank.extend(cut.map(|from| from..end));
            i = end;
        } else {
            i += 1;
        }
    }
    if blank.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut tamed = bytes.to_vec();
    for range in blank {
        for b in &mut tamed[range] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    Cow::Owned(String::from_utf8(tamed).expect("only whole runs of bytes became spaces"))
}

/// From inside a start tag at `i`: where the tag ends (its `>`, outside
/// quotes, or the end of the text), and where its attributes past the limit
/// start, if it has that many.
fn scan_tag(bytes: &[u8], mut i: usize) -> (usize, Option<usize>) {
    let mut quote = None;
    let mut attributes = 0;
    let mut cut = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => break,
            None if b == b'=' => {
                attributes += 1;
                if attributes > MAX_ATTRIBUTES && cut.is_none() {
                    cut = Some(i);
                }
            }
            None => {}
        }
        i += 1;
    }
    (i, cut)
}

fn shift(span: Span<usize>, base: usize) -> Range<usize> {
    base + span.start..base + span.end
}

fn contains(list: &[&str], name: &[u8]) -> bool {
    list.iter().any(|n| n.as_bytes() == name)
}

fn is_block(name: &[u8]) -> bool {
    contains(BLOCKS, name)
}

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C')
}

fn attribute(tag: &StartTag<usize>, name: &[u8]) -> Option<String> {
    tag.attributes
        .get(name)
        .map(|v| String::from_utf8_lossy(&v.value).into_owned())
}

fn scope_of(tag: &StartTag<usize>) -> Option<Scope> {
    match tag.name.as_slice() {
        b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => Some(Scope::Heading),
        b"blockquote" => Some(Scope::Quote),
        b"figcaption" | b"caption" => Some(Scope::Caption),
        _ => {
            let named = [b"class".as_slice(), b"id"]
                .iter()
                .filter_map(|a| attribute(tag, a))
                .any(|v| {
                    let v = v.to_ascii_lowercase();
                    CAPTION_WORDS.iter().any(|w| v.contains(w))
                });
            named.then_some(Scope::Caption)
        }
    }
}

/// Pairs the pieces of `decoded` (the tokenizer's text) with the byte ranges
/// of `raw` (the source) they were read from: equal characters pair up, a
/// character reference with what it decodes to, a CRLF with its LF.
fn align<'d>(raw: &str, decoded: &'d str) -> Vec<(Range<usize>, &'d str)> {
    let mut pieces = Vec::new();
    let (mut i, mut j) = (0, 0);
    while let Some(d) = decoded[j..].chars().next() {
        let (raw_len, decoded_len) = match raw[i..].chars().next() {
            // Nothing left to pair with: the rest stands at the end.
            None => (0, decoded.len() - j),
            Some('&') => reference(raw, i, decoded, j),
            Some('\r') if d == '\n' => (if raw[i..].starts_with("\r\n") { 2 } else { 1 }, 1),
            Some(c) if c == d => (c.len_utf8(), c.len_utf8()),
            Some(c) => (c.len_utf8(), d.len_utf8()),
        };
        pieces.push((i..i + raw_len, &decoded[j..j + decoded_len]));
        i += raw_len;
        j += decoded_len;
    }
    pieces
}

/// The longest entity name is 31 characters (`CounterClockwiseContourIntegral`).
const MAX_REFERENCE: usize = 40;

/// At a `&` in `raw`: how many bytes of `raw` and of `decoded` go together.
/// It is a literal `&` or a character reference (`&amp;`, `&#233;`, a legacy
/// `&copy` without `;`, decoding to one or two characters): the one after
/// which both texts go on alike.
fn reference(raw: &str, i: usize, decoded: &str, j: usize) -> (usize, usize) {
    let name = raw[i + 1..]
        .bytes()
        .take(MAX_REFERENCE)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    let longest = 1 + name + usize::from(raw[i + 1 + name..].starts_with(';'));
    let mut chars = decoded[j..].chars().map(char::len_utf8);
    let one = chars.next().unwrap_or(0);
    let two = one + chars.next().unwrap_or(0);
    let literal = decoded[j..].starts_with('&').then_some((1, 1));
    // One character before two: few references decode to two.
    let references = [one, two]
        .into_iter()
        .filter(|&d| d > 0)
        .flat_map(|d| (2..=longest).rev().map(move |r| (r, d)));
    let candidates: Vec<(usize, usize)> = literal.into_iter().chain(references).collect();
    let agreement = |&(r, d): &(usize, usize)| goes_on_alike(&raw[i + r..], &decoded[j + d..]);
    // A pairing after which the texts agree on something beats one after
    // which nothing could be compared (another `&`, a NUL): taking the
    // longest of those would swallow text (`&notit&amp;` is `&not` + `it`).
    candidates
        .iter()
        .find(|c| agreement(c) == Some(true))
        .or_else(|| candidates.iter().find(|c| agreement(c).is_some()))
        .copied()
        .unwrap_or((1, one))
}

/// Whether `raw` and `decoded` agree up to the next place where they may
/// differ (a `&`, a CR or a NUL in `raw`), and end together if `raw` does:
/// `None` when they do not, else whether any text was compared.
fn goes_on_alike(raw: &str, decoded: &str) -> Option<bool> {
    match raw.find(['&', '\r', '\0']) {
        Some(k) => decoded.starts_with(&raw[..k]).then_some(k > 0),
        None => (raw == decoded).then_some(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces<'d>(raw: &'d str, decoded: &'d str) -> Vec<(&'d str, &'d str)> {
        align(raw, decoded)
            .into_iter()
            .map(|(r, d)| (&raw[r], d))
            .collect()
    }

    #[test]
    fn references_pair_with_what_they_decode_to() {
        assert_eq!(
            pieces("a&amp;b&#233;\r\n&x", "a&b\u{e9}\n&x"),
            [
                ("a", "a"),
                ("&amp;", "&"),
                ("b", "b"),
                ("&#233;", "\u{e9}"),
                ("\r\n", "\n"),
                ("&", "&"),
                ("x", "x")
            ]
        );
    }

    #[test]
    fn a_literal_ampersand_is_told_from_a_reference() {
        assert_eq!(pieces("&amp;amp;", "&amp;")[0], ("&amp;", "&"));
        assert_eq!(pieces("&notit;", "\u{ac}it;")[0], ("&not", "\u{ac}"));
        assert_eq!(pieces("AT&T", "AT&T")[2], ("&", "&"));
    }

    #[test]
    fn a_reference_before_another_or_a_nul_takes_no_text_from_it() {
        assert_eq!(
            pieces("&notit&amp;", "\u{ac}it&")[..2],
            [("&not", "\u{ac}"), ("i", "i")]
        );
        assert_eq!(
            pieces("&notit\0", "\u{ac}it\0")[..2],
            [("&not", "\u{ac}"), ("i", "i")]
        );
        assert_eq!(pieces("&amp;&amp;", "&&"), [("&amp;", "&"), ("&amp;", "&")]);
    }

    #[test]
    fn a_tag_with_too_many_attributes_is_tamed_without_moving_anything() {
        let many = "a=\"x\" ".repeat(MAX_ATTRIBUTES + 5);
        let html = format!("<p {many}b='>'\n>Kiev talks</p>");
        let tamed = tame_attributes(&html);
        assert_eq!(tamed.len(), html.len());
        assert_eq!(tamed.matches("a=\"x\"").count(), MAX_ATTRIBUTES);
        assert!(tamed.ends_with("\n>Kiev talks</p>"), "{tamed}");
        assert!(matches!(
            tame_attributes("<p a=\"x\">Kiev</p>"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn inline_markup_splits_nothing_and_blocks_split_paragraphs() {
        let doc = read(
            "t.html",
            "<p>touching <em>the</em>\n  base</p><script>Kiev</script><p>Next</p>".into(),
        );
        assert_eq!(doc.text, "touching the base\n\nNext");
    }

    #[test]
    fn the_page_language_is_read_and_the_head_is_not_prose() {
        let doc = read(
            "t.html",
            "<html lang=\"pt-BR\"><head><title>Kiev</title></head><p>Body</p></html>".into(),
        );
        assert_eq!(doc.language.as_deref(), Some("pt-BR"));
        assert_eq!(doc.text, "Body");
    }

    #[test]
    fn caption_classes_and_headings_are_scopes() {
        let doc = read(
            "t.html",
            "<h1>Title</h1><div class=\"photo-credit\"><div>AP</div></div><p>Body</p>".into(),
        );
        assert_eq!(doc.text, "Title\n\nAP\n\nBody");
        assert_eq!(
            doc.scopes,
            vec![(0..5, Scope::Heading), (7..9, Scope::Caption)]
        );
    }
}
