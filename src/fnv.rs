//! 64-bit FNV-1a: tiny, and fixed by its definition, unlike std's hashers
//! whose output may change between Rust releases. Fingerprints are stored in
//! baselines, so they must not change; the repetition checks hash every line
//! and sentence with it, one character at a time.

pub const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// `hash` with one more unit (a byte, or a character's code) mixed in.
pub fn step(hash: u64, unit: impl Into<u64>) -> u64 {
    (hash ^ unit.into()).wrapping_mul(PRIME)
}

/// The hash of `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(OFFSET_BASIS, |hash, &b| step(hash, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
