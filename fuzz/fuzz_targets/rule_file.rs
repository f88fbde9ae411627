//! A rule file: loaded, and its rules run on their examples.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::rule_file(data));
