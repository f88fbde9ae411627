//! Bytes of a file → text, or a clear reason why the file is not an article.
//!
//! Read are UTF-8 (with or without a byte-order mark), UTF-16 with a
//! byte-order mark, and legacy single-byte text (Windows-1252, of which
//! Latin-1 is a subset). Whatever the encoding, the decoded text comes with
//! a map back to the file's bytes, so that reports speak of the file as it is.

use super::OffsetMap;
use encoding_rs::{DecoderResult, Encoding, UTF_8, WINDOWS_1252};

/// The decoded text, and where its characters are in the file.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// From byte offsets of `text` to byte offsets of the file (a
    /// byte-order mark counts; so do the widths of another encoding).
    pub encoding: OffsetMap,
    /// The encoding the file was read in, as encoding_rs names it.
    pub encoding_name: &'static str,
}

/// Why a file was not linted.
#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Looks like a binary file: it is skipped, not an error.
    Binary,
    /// Not text in any encoding read here. `offset` is the first bad byte of
    /// the file; `text` is the file decoded with replacement characters, and
    /// `at` is where the bad byte is in it, so that the error can show the line.
    Undecodable {
        encoding_name: &'static str,
        offset: usize,
        text: String,
        at: usize,
    },
}

/// How many leading bytes are searched for NUL to tell binary files apart.
const BINARY_SNIFF_LEN: usize = 8192;

/// Characters that Windows-1252 text holds besides letters: typographic
/// quotes, dashes and the signs news copy uses. Control characters and the
/// rarer symbols of the upper half are what other bytes decode to.
const SINGLE_BYTE_PUNCTUATION: &str = "\u{A0}‘’‚“”„–—…•·«»‹›¡¿°£€©®™§¢¥½¼¾±×";

/// What the first bytes of a file say about it.
#[derive(Debug, PartialEq, Eq)]
pub enum Head {
    /// UTF-16, as a byte-order mark of `bom` bytes says.
    Utf16 {
        encoding: &'static Encoding,
        bom: usize,
    },
    /// NUL bytes: not text.
    Binary,
    /// UTF-8 or single-byte text, after a UTF-8 byte-order mark of `bom` bytes (or none).
    Text { bom: usize },
}

/// Tells UTF-16 and binary files apart by their first bytes.
pub fn sniff(bytes: &[u8]) -> Head {
    match Encoding::for_bom(bytes) {
        Some((encoding, bom)) if encoding != UTF_8 => Head::Utf16 { encoding, bom },
        // UTF-16 text is full of NUL bytes; any other text has none.
        _ if bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0) => Head::Binary,
        found => Head::Text {
            bom: found.map_or(0, |(_, bom)| bom),
        },
    }
}

pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let bom = match sniff(&bytes) {
        Head::Utf16 { encoding, bom } => return utf16(&bytes, encoding, bom),
        Head::Binary => return Err(DecodeError::Binary),
        Head::Text { bom } => bom,
    };
    let mut bytes = bytes;
    bytes.drain(..bom);
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: OffsetMap::shifted(bom),
            encoding_name: UTF_8.name(),
        }),
        // A file that says it is UTF-8 (a byte-order mark) is not guessed at.
        Err(e) if bom > 0 => Err(not_utf8(e.utf8_error().valid_up_to(), bom, e.as_bytes())),
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            single_byte(&bytes).ok_or_else(|| not_utf8(valid_up_to, 0, &bytes))
        }
    }
}

/// UTF-16 (little- or big-endian, as its byte-order mark says).
fn utf16(bytes: &[u8], encoding: &'static Encoding, bom: usize) -> Result<Decoded, DecodeError> {
    let body = &bytes[bom..];
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .expect("a file's decoded length fits in memory");
    let mut text = String::with_capacity(capacity);
    match decoder.decode_to_string_without_replacement(body, &mut text, true) {
        (DecoderResult::InputEmpty, _) => {
            let encoding_map = offset_map(&text, bom, |c| c.len_utf16() * 2);
            Ok(Decoded {
                text,
                encoding: encoding_map,
                encoding_name: encoding.name(),
            })
        }
        (DecoderResult::Malformed(bad, after), read) => {
            let at = text.len();
            Err(DecodeError::Undecodable {
                encoding_name: encoding.name(),
                offset: bom + read - bad as usize - after as usize,
                text: encoding.decode_without_bom_handling(body).0.into_owned(),
                at,
            })
        }
        (DecoderResult::OutputFull, _) => unreachable!("the buffer holds the worst case"),
    }
}

/// Bytes that are not UTF-8 read as Windows-1252, if they look like text in it.
fn single_byte(bytes: &[u8]) -> Option<Decoded> {
    let text = WINDOWS_1252
        .decode_without_bom_handling_and_without_replacement(bytes)?
        .into_owned();
    if !reads_as_single_byte_text(bytes, &text) {
        return None;
    }
    let encoding = offset_map(&text, 0, |_| 1);
    Some(Decoded {
        text,
        encoding,
        encoding_name: WINDOWS_1252.name(),
    })
}

/// Whether `text`, the Windows-1252 reading of `bytes`, is what a person
/// wrote: no control characters but tabs and line breaks, letters or common
/// punctuation for at least four in five of its non-ASCII characters, and
/// fewer well-formed UTF-8 sequences than broken ones (a UTF-8 file with a
/// damaged byte is not Latin-1, and reading it as such would make mojibake).
fn reads_as_single_byte_text(bytes: &[u8], text: &str) -> bool {
    let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C');
    if text.chars().any(control) {
        return false;
    }
    let (mut non_ascii, mut wordlike) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if c.is_alphabetic() || SINGLE_BYTE_PUNCTUATION.contains(c) {
            wordlike += 1;
        }
    }
    let (mut utf8_sequences, mut broken) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        utf8_sequences += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    wordlike * 5 >= non_ascii * 4 && utf8_sequences < broken
}

/// The map from `text` to the file's bytes when each character `c` took
/// `width(c)` bytes in the file, after `base` bytes of byte-order mark. A
/// run of characters as wide in both needs no anchor of its own.
fn offset_map(text: &str, base: usize, width: impl Fn(char) -> usize) -> OffsetMap {
    let mut map = OffsetMap::shifted(base);
    let mut file = base;
    for (at, c) in text.char_indices() {
        file += width(c);
        if width(c) != c.len_utf8() {
            map.push(at + c.len_utf8(), file);
        }
    }
    map
}

/// The error for a file that is not UTF-8 (after a `bom`-byte byte-order
/// mark, not part of `body`), whose first bad byte is at `valid_up_to`.
fn not_utf8(valid_up_to: usize, bom: usize, body: &[u8]) -> DecodeError {
    DecodeError::Undecodable {
        encoding_name: UTF_8.name(),
        offset: bom + valid_up_to,
        text: String::from_utf8_lossy(body).into_owned(),
        at: valid_up_to,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn undecodable_offset(bytes: &[u8]) -> usize {
        match decode(bytes.to_vec()).unwrap_err() {
            DecodeError::Undecodable { offset, .. } => offset,
            DecodeError::Binary => panic!("read as binary"),
        }
    }

    #[test]
    fn bom_is_skipped_and_counted() {
        let d = decode(b"\xEF\xBB\xBFKiev".to_vec()).unwrap();
        assert_eq!(d.text, "Kiev");
        assert_eq!(d.encoding.map(0), 3);
        assert_eq!(d.encoding_name, "UTF-8");
    }

    #[test]
    fn utf16_with_a_bom_is_decoded_and_mapped_to_its_bytes() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Kyiv café 𝄞.".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(le).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding_name),
            ("Kyiv café 𝄞.", "UTF-16LE")
        );
        let at = |s: &str| d.encoding.map(d.text.find(s).unwrap());
        // Two bytes of mark, then two bytes a unit; 𝄞 is two units.
        assert_eq!((at("K"), at("café"), at(" 𝄞"), at(".")), (2, 12, 20, 26));
        let mut be = vec![0xFE, 0xFF];
        be.extend("é".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(be).unwrap().text, "é");
    }

    #[test]
    fn broken_utf16_names_its_first_bad_unit() {
        // "ab", then a lone high surrogate, then "c".
        let bytes = b"\xFF\xFEa\0b\0\x00\xD8c\0";
        assert_eq!(undecodable_offset(bytes), 6);
    }

    #[test]
    fn latin1_text_is_decoded_with_offsets_of_its_bytes() {
        let d = decode(b"Caf\xE9 \x93Kiev\x94 na\xEFve".to_vec()).unwrap();
        assert_eq!(d.text, "Café “Kiev” naïve");
        assert_eq!(d.encoding_name, "windows-1252");
        let at = |s: &str| d.encoding.map(d.text.find(s).unwrap());
        assert_eq!((at("Kiev"), at("” "), at("na"), at("ve")), (6, 10, 12, 15));
        assert_eq!(d.encoding.map(d.text.len()), 17);
    }

    #[test]
    fn invalid_utf8_that_is_not_single_byte_text_names_the_first_bad_byte() {
        // A C1 control (0x81 is undefined in Windows-1252).
        assert_eq!(undecodable_offset(b"ok\n\x81bad"), 3);
        // A control character.
        assert_eq!(undecodable_offset(b"ok \xE9\x01"), 3);
        // Mostly good UTF-8 ("café naïve ") with damaged sequences after it.
        assert_eq!(
            undecodable_offset(b"caf\xC3\xA9 na\xC3\xAFve \xE9t\xE9"),
            13
        );
        // Symbols, not words.
        assert_eq!(undecodable_offset(b"\xA4\xA6\xA8\xAC\xAF"), 0);
    }

    #[test]
    fn a_utf8_bom_is_not_second_guessed() {
        assert_eq!(undecodable_offset(b"\xEF\xBB\xBFcaf\xE9"), 6);
    }

    #[test]
    fn nul_byte_means_binary() {
        assert_eq!(
            decode(b"PK\x03\x04\0\0".to_vec()).unwrap_err(),
            DecodeError::Binary
        );
    }
}
