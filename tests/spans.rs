//! Property: for any text, in any encoding mtlint reads and in each format,
//! every finding's span lies inside the document's text on character
//! boundaries, and the reported byte offsets, line and column agree with
//! each other and with the file's own bytes.

use encoding_rs::{Encoding, UTF_8, UTF_16LE, WINDOWS_1252};
use mtlint::config::Config;
use mtlint::output::locate;
use mtlint::rules::Docs;
use mtlint::{Engine, Linter, Outcome, ReadOptions, RuleSet};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let rules =
            RuleSet::load(Some(Docs::Without), &[] as &[PathBuf]).expect("the shipped rules load");
        Linter::new(
            Engine::new(rules.rules),
            ReadOptions::default(),
            Config::default(),
        )
    })
}

/// Pieces that make rules fire, markup, line breaks and wide characters,
/// mixed with arbitrary strings, so that texts have findings to check.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec![
            "Kiev", "touching the base", "To note, ", "On Wednesday (29), ", "trading ",
            "Photograph: Jane Doe/AP", " – Reuters", "Original Article", "Anthony Blinken",
            "the the ", "“", "”", "\"", "(", ")", ". ", "\n", "\r\n", "\n\n", "\t", "é",
            "Ã©", "â€™", "Â ", "🙂", "\u{FEFF}", "Мир ", "<p>", "</p>", "<em>", "&amp;",
            "# ", "*", "`", "[a](b)", "---\n", "café ", "Kyiv. ",
        ])
        .prop_map(str::to_string),
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// `text` as the bytes of a file in encoding number `encoding` (UTF-8,
/// UTF-8 with a byte-order mark, UTF-16LE with one, Windows-1252), or
/// `None` when that encoding cannot hold it.
fn encode(text: &str, encoding: usize) -> Option<Vec<u8>> {
    match encoding {
        0 => Some(text.as_bytes().to_vec()),
        1 => Some([b"\xEF\xBB\xBF", text.as_bytes()].concat()),
        2 => Some(
            [0xFF, 0xFE]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                .collect(),
        ),
        _ => {
            let (bytes, _, unmappable) = WINDOWS_1252.encode(text);
            (!unmappable).then(|| bytes.into_owned())
        }
    }
}

/// How mtlint reads the file: Windows-1252 bytes that happen to be valid
/// UTF-8 are UTF-8.
fn decoding(file: &[u8], encoding: usize) -> &'static Encoding {
    match encoding {
        2 => UTF_16LE,
        3 if std::str::from_utf8(file).is_err() => WINDOWS_1252,
        _ => UTF_8,
    }
}

/// Line and column (1-based, columns in characters) of `offset` in `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

proptest! {
    #[test]
    fn finding_spans_are_inside_the_text_and_positions_agree(
        text in text(),
        encoding in 0..4usize,
        extension in prop::sample::select(vec!["txt", "md", "html"]),
    ) {
        let bytes = encode(&text, encoding);
        prop_assume!(bytes.is_some());
        let bytes = bytes.unwrap();
        let name = format!("article.{extension}");
        let Outcome::Linted { doc, findings } = linter().lint_bytes(&name, bytes.clone()) else {
            // Not text in any encoding mtlint reads (control characters, a
            // NUL): reported, not linted.
            return Ok(());
        };
        let source = doc.source_text();
        for finding in &findings {
            let span = &finding.span;
            prop_assert!(span.start <= span.end && span.end <= doc.text.len(), "{span:?}");
            prop_assert!(doc.text.is_char_boundary(span.start), "{span:?}");
            prop_assert!(doc.text.is_char_boundary(span.end), "{span:?}");
            let at = locate(&doc, finding);
            let in_source = doc.source_span(span);
            prop_assert_eq!(at.text, &source[in_source.clone()]);
            prop_assert_eq!((at.line, at.column), position(source, in_source.start));
            prop_assert_eq!((at.end_line, at.end_column), position(source, in_source.end));
            // The byte offsets are those of the file: they hold the same text.
            let written = decoding(&bytes, encoding)
                .decode_without_bom_handling(&bytes[at.start..at.end])
                .0;
            prop_assert_eq!(&written, at.text, "{:?}", at);
        }
    }
}
