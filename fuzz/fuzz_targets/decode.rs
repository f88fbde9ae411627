//! Bytes of a file: decoded, read as plain text, Markdown and HTML, and linted.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::decode_and_read(data));
