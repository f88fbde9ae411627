//! Bytes of a file → text, or a clear reason why the file is not an article.

/// The decoded text and how many leading bytes (a byte-order mark) it skips.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub offset_base: usize,
}

/// Why a file was not linted.
#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Looks like a binary file: it is skipped, not an error.
    Binary,
    /// Not valid UTF-8; `offset` is the first bad byte. The bytes are handed
    /// back so that the error can show the line.
    InvalidUtf8 { offset: usize, bytes: Vec<u8> },
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How many leading bytes are searched for NUL to tell binary files apart.
const BINARY_SNIFF_LEN: usize = 8192;

pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if sniff.contains(&0) {
        return Err(DecodeError::Binary);
    }
    let offset_base = if bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    let mut bytes = bytes;
    bytes.drain(..offset_base);
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text, offset_base }),
        Err(e) => {
            let offset = offset_base + e.utf8_error().valid_up_to();
            let mut bytes = e.into_bytes();
            bytes.splice(..0, UTF8_BOM[..offset_base].iter().copied());
            Err(DecodeError::InvalidUtf8 { offset, bytes })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_skipped_and_counted() {
        let d = decode(b"\xEF\xBB\xBFKiev".to_vec()).unwrap();
        assert_eq!(d.text, "Kiev");
        assert_eq!(d.offset_base, 3);
    }

    #[test]
    fn invalid_utf8_names_the_first_bad_byte() {
        let err = decode(b"ok\n\xFFbad".to_vec()).unwrap_err();
        assert!(matches!(err, DecodeError::InvalidUtf8 { offset: 3, .. }));
    }

    #[test]
    fn nul_byte_means_binary() {
        assert_eq!(
            decode(b"PK\x03\x04\0\0".to_vec()).unwrap_err(),
            DecodeError::Binary
        );
    }
}
