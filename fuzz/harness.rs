//! What the fuzz targets do with each input, and what must hold of the
//! result. Shared (through `#[path]`) by the targets in `fuzz_targets/` and
//! by `tests/fuzz_corpus.rs`, which replays `fuzz/corpus/` on stable Rust.
//! A broken invariant panics, which is what a fuzzer reports.

// Each fuzz target uses one of the entry points.
#![allow(dead_code)]

use mtlint::error::LocatedError;
use mtlint::output::{Human, locate};
use mtlint::rules::examples::check_rule;
use mtlint::rules::{Docs, RuleSet, RuleSource, load_rule_file};
use mtlint::source::{self, Document, Format, decode};
use mtlint::{Engine, Finding};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

const FORMATS: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

/// Bytes of a file → decoded → read in each format → linted with the
/// shipped rules: the whole path an article takes.
pub fn decode_and_read(data: &[u8]) {
    let Ok(decoded) = decode(data.to_vec()) else {
        return;
    };
    assert_span(&decoded.text, &(0..decoded.text.len()));
    assert!(decoded.encoding.map(decoded.text.len()) <= data.len());
    for format in FORMATS {
        match source::read("fuzz", decoded.text.clone(), format) {
            Ok(mut doc) => {
                doc.encoding = decoded.encoding.clone();
                check_document(&doc, Some(data));
            }
            Err(e) => check_error(&e),
        }
    }
}

/// UTF-8 text read as Markdown (the bytes of other inputs are ignored).
pub fn markdown(data: &[u8]) {
    read_text(data, Format::Markdown);
}

/// UTF-8 text read as HTML.
pub fn html(data: &[u8]) {
    read_text(data, Format::Html);
}

/// A rule file: loaded, and when it loads, its rules run on their own examples.
pub fn rule_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Arc::new(RuleSource {
        path: "fuzz.toml".into(),
        pack: "fuzz".into(),
        text: Arc::from(text),
    });
    match load_rule_file(source) {
        Ok(rules) => {
            for rule in &rules {
                check_rule(rule).iter().for_each(check_error);
            }
        }
        Err(errors) => errors.iter().for_each(check_error),
    }
}

fn read_text(data: &[u8], format: Format) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match source::read("fuzz", text.to_string(), format) {
        Ok(doc) => check_document(&doc, None),
        Err(e) => check_error(&e),
    }
}

/// The shipped rules, compiled once per process.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let set =
            RuleSet::load(Some(Docs::Without), &[] as &[PathBuf]).expect("the shipped rules load");
        Engine::new(set.rules)
    })
}

/// Every range the document holds, and every finding, lies inside its text
/// on character boundaries, and maps into the file as written.
fn check_document(doc: &Document, file: Option<&[u8]>) {
    for range in doc.paragraphs.iter().chain(doc.sentences()) {
        assert_span(&doc.text, range);
        assert_maps_into_source(doc, range);
    }
    assert_sorted_and_disjoint(&doc.paragraphs);
    assert_sorted_and_disjoint(doc.sentences());
    for (range, _) in &doc.scopes {
        assert_span(&doc.text, range);
    }
    for range in &doc.comments {
        assert_span(doc.source_text(), range);
    }
    for finding in engine().check(doc) {
        check_finding(doc, &finding, file);
    }
}

fn check_finding(doc: &Document, finding: &Finding, file: Option<&[u8]>) {
    assert_span(&doc.text, &finding.span);
    assert_maps_into_source(doc, &finding.span);
    let at = locate(doc, finding);
    assert!(at.start <= at.end, "{at:?}");
    if let Some(file) = file {
        assert!(at.end <= file.len(), "{at:?} beyond {} bytes", file.len());
    }
    assert!(
        (at.line, at.column) <= (at.end_line, at.end_column),
        "{at:?}"
    );
}

fn assert_maps_into_source(doc: &Document, range: &Range<usize>) {
    let source = doc.source_span(range);
    assert_span(doc.source_text(), &source);
    doc.source_position(range.start);
    doc.source_end_position(range);
}

fn check_error(error: &LocatedError) {
    if let (Some(source), Some(span)) = (&error.source, &error.span) {
        assert_span(source, span);
    }
    error.to_string();
    Human { color: false }.error(error);
}

fn assert_span(text: &str, span: &Range<usize>) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{span:?} is not on character boundaries"
    );
}

fn assert_sorted_and_disjoint(ranges: &[Range<usize>]) {
    for pair in ranges.windows(2) {
        assert!(pair[0].end <= pair[1].start, "{pair:?} overlap");
    }
}
