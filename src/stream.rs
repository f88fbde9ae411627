//! Large plain-text inputs read in windows, so that memory stays bounded by
//! the size of a window, whatever the size of the file.
//!
//! A window holds at least [`Limits::window`] bytes and ends where a
//! paragraph starts (a non-blank line after a blank one), so that no
//! paragraph, sentence or finding in one is cut. A paragraph too long to
//! find that end within [`Limits::paragraph`] more bytes is cut at a line end,
//! and a line that long at a character boundary.
//!
//! Each window carries context on both sides: the paragraph before it and
//! the one after it, so that checks that look at the neighbours of a
//! paragraph (a stray subheading, a truncated ending) see them. A window
//! reports only the findings that start in its own text; the next window
//! reports those that start in its context after it.
//!
//! The file's encoding is decided on the first window: UTF-8 (with or
//! without a byte-order mark) is read in windows; anything else is for the
//! caller to read whole.

use crate::source::{Head, Origin, Part, Placement, sniff};
use std::io::{self, Read};
use std::ops::Range;

/// Inputs longer than this many bytes are read in windows.
pub const STREAM_THRESHOLD: usize = 16 << 20;

/// Where and how large inputs are cut. Tests use small values; the
/// defaults are the documented ones.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Inputs longer than this are read in windows.
    pub threshold: usize,
    /// The least size of a window, in bytes.
    pub window: usize,
    /// How far past `window` a paragraph break is looked for.
    pub paragraph: usize,
    /// The most context taken on each side of a window.
    pub context: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            threshold: STREAM_THRESHOLD,
            window: 1 << 20,
            paragraph: 1 << 20,
            context: 64 << 10,
        }
    }
}

/// One window of a file: its text with context around it.
#[derive(Debug)]
pub struct Piece {
    pub text: String,
    /// The part of `text` this window reports on; the rest is context.
    pub own: Range<usize>,
    /// Where `text` starts in the file, in bytes.
    pub offset: usize,
    pub placement: Placement,
}

/// Why windows stop before the end of the file.
#[derive(Debug)]
pub enum Stop {
    /// The first window is not UTF-8 (or the file is UTF-16): the file is
    /// to be read whole, as its encoding may be another.
    NotUtf8,
    /// NUL bytes at the start: not text.
    Binary,
    /// A window after the first holds bytes that are not UTF-8.
    Undecodable {
        /// The first bad byte, as an offset of the file.
        offset: usize,
        /// The line of the bad byte up to it and a little after (lossily
        /// decoded), starting at `origin`; `at` is the bad byte in it.
        line: String,
        at: usize,
        origin: Origin,
        /// The 1-based line where the window that holds it starts.
        window_line: usize,
    },
    Io(io::Error),
}

/// A position in the file while reading on: where a line and column are,
/// how many non-blank lines came before, and whether the current line has
/// had anything but white space so far.
#[derive(Debug, Clone, Copy, Default)]
struct Cursor {
    origin: Origin,
    nonblank_lines_before: usize,
    line_has_text: bool,
}

impl Cursor {
    fn advance(&mut self, text: &str) {
        for piece in text.split_inclusive('\n') {
            self.line_has_text |= !piece.trim().is_empty();
            if piece.ends_with('\n') {
                self.nonblank_lines_before += usize::from(self.line_has_text);
                self.origin.line += 1;
                self.origin.column = 0;
                self.line_has_text = false;
            } else {
                self.origin.column += piece.chars().count();
            }
        }
    }
}

/// The windows of a file, read from `reader` after the bytes in `buf`.
pub struct Windows<R> {
    reader: R,
    limits: Limits,
    /// Bytes read and not yet part of a window's own text, from `start` on.
    buf: Vec<u8>,
    start: usize,
    /// The file offset of `buf[0]`.
    buf_offset: usize,
    eof: bool,
    /// Where `buf[start]` is.
    cursor: Cursor,
    /// The end of the last window's own text, as context for the next, and where it starts.
    lead: String,
    lead_cursor: Cursor,
    /// Windows given so far (the first is where the encoding is decided).
    count: usize,
    done: bool,
}

impl<R: Read> Windows<R> {
    /// Windows over `head`, the first bytes of the file, then the rest of `reader`.
    pub fn new(head: Vec<u8>, reader: R, limits: Limits) -> Windows<R> {
        Windows {
            reader,
            limits,
            buf: head,
            start: 0,
            buf_offset: 0,
            eof: false,
            cursor: Cursor::default(),
            lead: String::new(),
            lead_cursor: Cursor::default(),
            count: 0,
            done: false,
        }
    }

    /// The bytes read so far and the reader, for reading the file whole:
    /// only before the first window has been given.
    pub fn into_parts(self) -> (Vec<u8>, R) {
        assert_eq!(self.count, 0, "windows were given already");
        (self.buf, self.reader)
    }

    /// Reads on until `want` bytes after `start` are there, or the file ends.
    fn fill(&mut self, want: usize) -> io::Result<()> {
        if self.start > 0 {
            self.buf.drain(..self.start);
            self.buf_offset += self.start;
            self.start = 0;
        }
        while !self.eof && self.buf.len() < want {
            let had = self.buf.len();
            self.buf.resize(want, 0);
            let read = self.reader.read(&mut self.buf[had..]);
            self.buf.truncate(had + *read.as_ref().unwrap_or(&0));
            match read {
                Ok(0) => self.eof = true,
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    fn next_piece(&mut self) -> Result<Piece, Stop> {
        let limits = self.limits;
        let first = self.count == 0;
        self.fill(limits.window + limits.paragraph + limits.context)
            .map_err(Stop::Io)?;
        if first {
            match sniff(&self.buf) {
                Head::Binary => return Err(Stop::Binary),
                Head::Utf16 { .. } => return Err(Stop::NotUtf8),
                Head::Text { bom } => {
                    self.start = bom;
                }
            }
        }
        let avail = &self.buf[self.start..];
        let last = self.eof && avail.len() <= limits.window + limits.paragraph;
        let own_len = if last {
            avail.len()
        } else {
            cut(avail, &limits)
        };
        let own = match std::str::from_utf8(&avail[..own_len]) {
            Ok(own) => own,
            Err(_) if first => return Err(Stop::NotUtf8),
            Err(e) => return Err(self.undecodable(e.valid_up_to())),
        };
        let trail = if last {
            ""
        } else {
            following_paragraph(&avail[own_len..], limits.context, self.eof)
        };
        let (start_cursor, part) = match (first, last) {
            (true, true) => (self.cursor, Part::Whole),
            (true, false) => (self.cursor, Part::First),
            (false, last) => (
                self.lead_cursor,
                if last { Part::Last } else { Part::Middle },
            ),
        };
        let mut text = String::with_capacity(self.lead.len() + own.len() + trail.len());
        text.push_str(&self.lead);
        text.push_str(own);
        text.push_str(trail);
        let own_range = self.lead.len()..self.lead.len() + own.len();
        let piece = Piece {
            offset: self.buf_offset + self.start - self.lead.len(),
            own: own_range.clone(),
            placement: Placement {
                part,
                origin: start_cursor.origin,
                nonblank_lines_before: start_cursor.nonblank_lines_before,
            },
            text,
        };
        // The last paragraph of this window is the context before the next.
        let own = &piece.text[own_range];
        let lead_start = last_paragraph_start(own, limits.context);
        self.cursor.advance(&own[..lead_start]);
        self.lead_cursor = self.cursor;
        self.cursor.advance(&own[lead_start..]);
        self.lead = own[lead_start..].to_string();
        self.start += own_len;
        self.done = last;
        Ok(piece)
    }

    /// The error for a bad byte `at` bytes into the next window's own text.
    fn undecodable(&self, at: usize) -> Stop {
        let avail = &self.buf[self.start..];
        let bytes = &avail[..at];
        let line_start = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // The line up to the bad byte is valid; what follows it is shown lossily.
        let valid = std::str::from_utf8(&bytes[line_start..]).expect("valid up to the bad byte");
        let mut origin = self.cursor;
        origin.advance(std::str::from_utf8(&bytes[..line_start]).expect("valid"));
        let after = &avail[at..];
        let after = &after[..after
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(after.len())
            .min(200)];
        Stop::Undecodable {
            offset: self.buf_offset + self.start + at,
            line: format!("{valid}{}", String::from_utf8_lossy(after)),
            at: valid.len(),
            origin: origin.origin,
            window_line: self.cursor.origin.line + 1,
        }
    }
}

impl<R: Read> Iterator for Windows<R> {
    type Item = Result<Piece, Stop>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let piece = self.next_piece();
        self.count += usize::from(piece.is_ok());
        // After a stop there is nothing more to give.
        self.done |= piece.is_err();
        Some(piece)
    }
}

/// Where to end a window that does not reach the end of the file: the first
/// paragraph start at or after `window` bytes; failing that within
/// `paragraph` more, the last line end there; failing that, a character
/// boundary. `bytes` holds more than `window + paragraph` bytes.
fn cut(bytes: &[u8], limits: &Limits) -> usize {
    let end = limits.window + limits.paragraph;
    // The line holding byte `window`, and every line after it up to `end`.
    let mut at = bytes[..limits.window]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let mut previous_blank = false;
    while at < end {
        let line_end = bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| at + i + 1);
        let blank = is_blank(&bytes[at..line_end]);
        if at >= limits.window && previous_blank && !blank {
            return at;
        }
        previous_blank = blank;
        at = line_end;
    }
    match bytes[limits.window..end].iter().rposition(|&b| b == b'\n') {
        Some(i) => limits.window + i + 1,
        None => char_boundary_before(bytes, end),
    }
}

/// The paragraph that `bytes` starts with (up to its first blank line), at
/// most `limit` bytes of it, cut at a line end or, for a line that long, a
/// character boundary. `to_end` says that `bytes` run to the end of the
/// file, so that a last line without a line break is whole. It is context
/// only, so bytes that are not UTF-8 end it.
fn following_paragraph(bytes: &[u8], limit: usize, to_end: bool) -> &str {
    let to_end = to_end && bytes.len() <= limit;
    let bytes = &bytes[..bytes.len().min(limit)];
    let mut end = 0;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if is_blank(line) {
            break;
        }
        if !line.ends_with(b"\n") && !to_end {
            if end == 0 {
                end = char_boundary_before(bytes, bytes.len());
            }
            break;
        }
        end += line.len();
    }
    match std::str::from_utf8(&bytes[..end]) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).expect("valid up to there"),
    }
}

/// Where the last paragraph of `text` starts, no more than `limit` bytes
/// before its end: at a line start when there is one in reach.
fn last_paragraph_start(text: &str, limit: usize) -> usize {
    let mut from = text.len().saturating_sub(limit);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    if from > 0 && text.as_bytes()[from - 1] != b'\n' {
        match text[from..].find('\n') {
            Some(i) if from + i + 1 < text.len() => from += i + 1,
            _ => {}
        }
    }
    let (mut start, mut at, mut previous_blank) = (from, from, false);
    for line in text[from..].split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if previous_blank && !blank {
            start = at;
        }
        previous_blank = blank;
        at += line.len();
    }
    start
}

/// A line that is empty or white space only (as paragraphs are told apart).
fn is_blank(line: &[u8]) -> bool {
    std::str::from_utf8(line).is_ok_and(|l| l.trim().is_empty())
}

/// The last character boundary at or before `at` (in bytes that may not be UTF-8).
fn char_boundary_before(bytes: &[u8], at: usize) -> usize {
    let is_continuation = |b: u8| b & 0xC0 == 0x80;
    (at.saturating_sub(3)..=at)
        .rev()
        .find(|&i| i == bytes.len() || !is_continuation(bytes[i]))
        .unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: Limits = Limits {
        threshold: 0,
        window: 40,
        paragraph: 30,
        context: 50,
    };

    fn pieces(text: &str, limits: Limits) -> Vec<Piece> {
        Windows::new(Vec::new(), text.as_bytes(), limits)
            .collect::<Result<_, _>>()
            .expect("UTF-8 text")
    }

    #[test]
    fn own_texts_cover_the_file_once_and_end_at_paragraph_starts() {
        let text = "One paragraph here.\n\nAnother one, a bit longer than that.\n\nA third paragraph follows.\n\nAnd a fourth.\n";
        let got = pieces(text, SMALL);
        let owns: String = got.iter().map(|p| &p.text[p.own.clone()]).collect();
        assert_eq!(owns, text);
        assert!(got.len() > 1, "{got:?}");
        for p in &got[1..] {
            let own = &p.text[p.own.clone()];
            assert!(!own.starts_with('\n'), "{own:?}");
            assert!(p.text[..p.own.start].ends_with("\n\n"), "{p:?}");
        }
        for p in &got {
            assert_eq!(&text[p.offset..p.offset + p.text.len()], p.text);
        }
        let parts: Vec<Part> = got.iter().map(|p| p.placement.part).collect();
        assert_eq!(parts.first(), Some(&Part::First));
        assert_eq!(parts.last(), Some(&Part::Last));
    }

    #[test]
    fn a_long_paragraph_is_cut_at_a_line_end_and_a_long_line_at_a_char_boundary() {
        let lines = "a line of the paragraph\n".repeat(10);
        let got = pieces(&lines, SMALL);
        assert!(got.len() > 1);
        for p in &got[..got.len() - 1] {
            assert!(p.text[p.own.clone()].ends_with('\n'));
        }
        let line = "é".repeat(100);
        let got = pieces(&line, SMALL);
        let owns: String = got.iter().map(|p| &p.text[p.own.clone()]).collect();
        assert_eq!(owns, line);
        // The second window starts 35 characters into the line.
        let second = &got[1];
        let before = second.text[..second.own.start].chars().count();
        assert_eq!(second.placement.origin.column + before, 35);
    }

    #[test]
    fn placements_count_lines_columns_and_nonblank_lines() {
        let text =
            "Head line\n\nFirst paragraph of text.\n\n\nSecond paragraph of the text.\n\nThird.\n";
        for p in pieces(text, SMALL) {
            let before = &text[..p.offset];
            assert_eq!(p.placement.origin.line, before.matches('\n').count());
            let nonblank = before.lines().filter(|l| !l.trim().is_empty()).count();
            assert_eq!(p.placement.nonblank_lines_before, nonblank);
        }
    }

    #[test]
    fn a_bad_byte_after_the_first_window_is_located() {
        let mut bytes = "Fine text here.\n\nMore fine text follows.\n\n"
            .repeat(3)
            .into_bytes();
        let offset = bytes.len() + 4;
        bytes.extend(b"Bad \xFF byte\n");
        let stop = Windows::new(Vec::new(), &bytes[..], SMALL)
            .find_map(Result::err)
            .expect("a stop");
        let Stop::Undecodable {
            offset: found,
            line,
            at,
            origin,
            ..
        } = stop
        else {
            panic!("{stop:?}")
        };
        assert_eq!((found, at, origin.line), (offset, 4, 12));
        assert_eq!(line, "Bad \u{FFFD} byte");
    }

    #[test]
    fn a_file_not_utf8_from_the_start_is_left_to_read_whole() {
        let stop = Windows::new(b"caf\xE9\n".repeat(40), &b""[..], SMALL).next();
        assert!(matches!(stop, Some(Err(Stop::NotUtf8))));
        let stop = Windows::new(b"PK\x03\x04\0".to_vec(), &b""[..], SMALL).next();
        assert!(matches!(stop, Some(Err(Stop::Binary))));
    }
}
