//! A fuzz smoke run on stable Rust: every input of `fuzz/corpus/` goes
//! through the entry points the fuzz targets call (`fuzz/harness.rs`), so a
//! crash the fuzzers found and that was fixed stays fixed.

#[path = "../fuzz/harness.rs"]
mod harness;

fn replay(target: &str, entry_point: fn(&[u8])) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut inputs = 0;
    for entry in std::fs::read_dir(&dir).expect("the corpus is checked in") {
        let path = entry.expect("corpus entry readable").path();
        entry_point(&std::fs::read(&path).expect("corpus file readable"));
        inputs += 1;
    }
    assert!(inputs > 0, "no inputs in {}", dir.display());
}

#[test]
fn decode_corpus_replays() {
    replay("decode", harness::decode_and_read);
}

#[test]
fn markdown_corpus_replays() {
    replay("markdown", harness::markdown);
}

#[test]
fn html_corpus_replays() {
    replay("html", harness::html);
}

#[test]
fn rule_file_corpus_replays() {
    replay("rule_file", harness::rule_file);
}
