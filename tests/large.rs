//! Large plain-text files are linted in windows (src/stream.rs): the
//! findings of every window are reported at the lines, columns and byte
//! offsets of the whole file, exactly as when the file is read whole, for
//! every rule that does not compare one part of an article with another.
//! Most tests make the windows small through the library (`Linter::limits`);
//! one runs the binary on a file just over the real threshold.

mod common;

use common::{code, findings, lint_jsonl, stderr};
use mtlint::config::Config;
use mtlint::output::{Checkstyle, Human, Printer, locate};
use mtlint::rules::{Docs, KindName};
use mtlint::stream::{Limits, STREAM_THRESHOLD};
use mtlint::{Engine, Linter, LocatedError, Outcome, ReadOptions, RuleSet};
use proptest::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Windows of about 8 KiB with 4 KiB of reach for a paragraph break, for
/// inputs over 32 KiB.
const SMALL: Limits = Limits {
    threshold: 32 << 10,
    window: 8 << 10,
    paragraph: 4 << 10,
    context: 2 << 10,
};

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let rules =
            RuleSet::load(Some(Docs::Without), &[] as &[PathBuf]).expect("the shipped rules load");
        let mut linter = Linter::new(
            Engine::new(rules.rules),
            ReadOptions::default(),
            Config::default(),
        );
        linter.limits = SMALL;
        linter
    })
}

/// A finding as a reader sees it: rule, byte range, start and end line and
/// column, text.
type Spot = (String, usize, usize, usize, usize, usize, usize, String);

fn spots(outcome: Outcome, out: &mut Vec<Spot>) -> Option<LocatedError> {
    match outcome {
        Outcome::Linted { doc, findings } => {
            for f in &findings {
                let at = locate(&doc, f);
                out.push((
                    f.rule.to_string(),
                    at.start,
                    at.end,
                    at.line,
                    at.column,
                    at.end_line,
                    at.end_column,
                    at.text.to_string(),
                ));
            }
            None
        }
        Outcome::Skipped { path, reason } => panic!("{path} skipped: {reason}"),
        Outcome::Failed(e) => Some(e),
    }
}

/// The findings of the file read whole.
fn whole(bytes: &[u8]) -> (Vec<Spot>, Option<LocatedError>) {
    let mut out = Vec::new();
    let error = spots(linter().lint_bytes("big.txt", bytes.to_vec()), &mut out);
    (out, error)
}

/// The findings of the file read in windows, and how many outcomes (windows) there were.
fn windowed(bytes: &[u8]) -> (Vec<Spot>, Option<LocatedError>, usize) {
    let (mut out, mut error, mut outcomes) = (Vec::new(), None, 0);
    linter().lint_reader("big.txt", bytes, |outcome| {
        outcomes += 1;
        assert!(error.is_none(), "nothing is reported after an error");
        error = spots(outcome, &mut out);
    });
    (out, error, outcomes)
}

/// Rules that compare parts of an article with each other (repeated lines
/// and sentences, consistent spellings): a window sees only its own part.
fn document_wide() -> HashSet<String> {
    linter()
        .engine
        .rules()
        .iter()
        .filter(|r| matches!(r.meta.kind, KindName::Repetition | KindName::Consistency))
        .map(|r| r.meta.id.to_string())
        .collect()
}

fn without_document_wide(spots: Vec<Spot>) -> Vec<Spot> {
    let wide = document_wide();
    spots.into_iter().filter(|s| !wide.contains(&s.0)).collect()
}

/// A paragraph of plain news prose (two sentences, numbered so that no two
/// are alike) that no rule flags.
fn filler(n: usize) -> String {
    format!(
        "The council of district {n} approved a budget of {} million euros on Thursday, officials said. \
         Residents told reporters that bus route {n} had cut their journey by {} minutes.",
        n % 97 + 3,
        n % 40 + 5
    )
}

/// 1-based line and character column of `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Filler paragraphs up to about `size` bytes, with `plants` (paragraphs
/// that rules flag) put in at the given fractions of the way through.
fn article(size: usize, plants: &[(f64, &str)]) -> String {
    let mut text = String::from("Council budget approved\n\n");
    let mut n = 0;
    let mut plants = plants.iter().peekable();
    while text.len() < size {
        if let Some((_, plant)) = plants.next_if(|(at, _)| text.len() as f64 >= at * size as f64) {
            text.push_str(plant);
        } else {
            text.push_str(&filler(n));
            n += 1;
        }
        text.push_str("\n\n");
    }
    text
}

const KIEV: &str = "Officials in Kiev said the talks would resume next week.";
const TRADING: &str = "The Monday trading in Vienna ended without agreement, and diplomats said the Tuesday session had been devoted to technical questions.";
const THIRD: &str = "The ministry said today. third (14).";

#[test]
fn planted_findings_in_the_first_a_middle_and_the_last_window_are_where_the_whole_file_has_them() {
    let text = article(
        200 << 10,
        &[(0.01, KIEV), (0.5, TRADING), (0.75, THIRD), (0.999, KIEV)],
    );
    let (windowed, error, windows) = windowed(text.as_bytes());
    assert!(error.is_none(), "{error:?}");
    assert!(windows > 20, "read in {windows} windows");
    let (whole, error) = whole(text.as_bytes());
    assert!(error.is_none(), "{error:?}");
    // Each plant is found once, at its place in the file as the test counts it.
    for (plant, needle, rule) in [
        (KIEV, "Kiev", "names/kyiv"),
        (TRADING, "trading", "mt/trading-for-talks"),
        (THIRD, "third (14)", "mt/pt/weekday-as-ordinal-tuesday"),
        // The full stop before the weekday number is a slip of its own.
        (
            THIRD,
            ". third",
            "structure/boundary-lowercase-after-full-stop",
        ),
    ] {
        for (at, _) in text.match_indices(plant) {
            let start = at + plant.find(needle).unwrap();
            let (line, column) = line_col(&text, start);
            let (end_line, end_column) = line_col(&text, start + needle.len());
            let expected = (
                rule.to_string(),
                start,
                start + needle.len(),
                line,
                column,
                end_line,
                end_column,
                needle.to_string(),
            );
            assert!(
                windowed.contains(&expected),
                "{expected:?} not in {windowed:?}"
            );
        }
    }
    assert_eq!(windowed.len(), 5, "{windowed:?}");
    // Read whole, the second `Kiev` line is also a repeated line.
    assert_eq!(windowed, without_document_wide(whole));
}

#[test]
fn an_invalid_byte_deep_in_the_file_is_reported_at_its_line_and_column() {
    let mut bytes = article(100 << 10, &[(0.2, KIEV)]).into_bytes();
    let line_start = bytes.len();
    // 0x81 is neither UTF-8 nor Windows-1252, so the whole file fails too.
    bytes.extend(b"The mayor of \x81 said so.\n\nMore text follows.\n");
    let lines = bytes[..line_start].iter().filter(|&&b| b == b'\n').count();
    let (found, error, windows) = windowed(&bytes);
    let error = error.expect("an error");
    assert!(windows > 5);
    assert_eq!(error.location(), format!("big.txt:{}:14", lines + 1));
    assert!(
        error
            .message
            .contains(&format!("first bad byte at offset {}", line_start + 13)),
        "{}",
        error.message
    );
    // The findings before the window that holds it are reported.
    assert_eq!(found.len(), 1, "{found:?}");
    let (_, whole_error) = whole(&bytes);
    assert_eq!(whole_error.expect("an error").location(), error.location());
}

#[test]
fn a_copy_of_the_headline_in_a_later_window_is_found() {
    let text = article(100 << 10, &[(0.6, "Council budget approved")]);
    let (windowed, _, _) = windowed(text.as_bytes());
    let (whole, _) = whole(text.as_bytes());
    let headline = |spots: &[Spot]| -> Vec<Spot> {
        spots
            .iter()
            .filter(|s| s.0 == "structure/repeated-headline")
            .cloned()
            .collect()
    };
    assert_eq!(headline(&windowed).len(), 1, "{windowed:?}");
    assert_eq!(headline(&windowed), headline(&whole));
}

#[test]
fn a_line_longer_than_a_window_keeps_its_columns() {
    // One line of 60 KiB: it is cut at character boundaries.
    let mut line = String::new();
    let mut n = 0;
    while line.len() < 60 << 10 {
        line.push_str(if n == 200 {
            "Officials in Kiev agreed. "
        } else {
            "Le café était plein. "
        });
        n += 1;
    }
    let text = format!("Headline\n\n{line}\n\nThe end of the story.\n");
    let (windowed, error, windows) = windowed(text.as_bytes());
    assert!(error.is_none(), "{error:?}");
    assert!(windows > 5);
    let start = text.find("Kiev").unwrap();
    let (line_no, column) = line_col(&text, start);
    assert!(
        windowed
            .iter()
            .any(|s| s.0 == "names/kyiv" && s.1 == start && (s.3, s.4) == (line_no, column)),
        "{windowed:?}"
    );
}

/// A paragraph of filler, a plant, or a paragraph whose place in the
/// article matters (a truncated ending, a dateline, a short lower-case
/// line between paragraphs).
fn paragraph() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (0usize..100_000).prop_map(filler),
        1 => prop::sample::select(vec![
            KIEV, TRADING, THIRD,
            "The council met on Wednesday to approve the budget, and the mayor said the vote had been close",
            "reassure the markets",
            "GENEVA (Reuters) - Talks resumed on Monday after a pause of two weeks.",
            "Photograph: Jane Doe/AP",
            "Secretary of State Anthony Blinken met his counterpart in Brussels on Thursday.",
            "– Reuters",
        ])
        .prop_map(str::to_string),
        1 => (1usize..4, 0usize..100_000).prop_map(|(lines, n)| {
            (0..lines).map(|i| filler(n + i)).collect::<Vec<_>>().join("\n")
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Windowed and whole reading find the same, at the same places, for
    /// every rule that does not compare parts of the article, and no
    /// finding is split where a window ends.
    #[test]
    fn windowed_and_whole_reading_agree(
        paragraphs in prop::collection::vec(paragraph(), 250..500),
        blank in prop::sample::select(vec!["\n\n", "\n\n\n", "\r\n\r\n", "\n \n"]),
    ) {
        let text = paragraphs.join(blank);
        prop_assume!(text.len() > SMALL.threshold);
        let (windowed, error, windows) = windowed(text.as_bytes());
        prop_assert!(error.is_none());
        prop_assert!(windows > 3);
        let (whole, _) = whole(text.as_bytes());
        prop_assert_eq!(without_document_wide(windowed), without_document_wide(whole));
    }
}

/// The binary, on a file just over the real threshold: findings after the
/// first window are printed at their place, and a bad byte further on (in
/// the last window) fails the run with its line and column.
#[test]
fn the_binary_streams_a_file_over_the_threshold() {
    let mut text = article(STREAM_THRESHOLD + (1 << 20), &[(0.0, KIEV), (0.5, KIEV)]);
    let kievs: Vec<usize> = text.match_indices("Kiev").map(|(i, _)| i).collect();
    let bad_line = text.matches('\n').count() + 1;
    text.push_str("The mayor of \u{1} said so.\n");
    let mut bytes = text.into_bytes();
    let bad = bytes.iter().rposition(|&b| b == 1).unwrap();
    bytes[bad] = 0xFF;
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &bytes).expect("file written");
    let out = lint_jsonl(&[&path], &[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let text = String::from_utf8_lossy(&bytes);
    let found: Vec<(u64, u64, u64)> = findings(&out)
        .iter()
        .filter(|f| f["rule"] == "names/kyiv")
        .map(|f| {
            (
                f["start"].as_u64().unwrap(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(u64, u64, u64)> = kievs
        .iter()
        .map(|&i| {
            let (line, column) = line_col(&text, i);
            (i as u64, line as u64, column as u64)
        })
        .collect();
    assert_eq!(found, expected);
    let err = stderr(&out);
    assert!(err.contains(&format!("big.txt:{bad_line}:14")), "{err}");
    assert!(
        err.contains(&format!("first bad byte at offset {bad}")),
        "{err}"
    );
}

#[test]
fn the_human_report_of_a_later_window_shows_the_line_numbers_of_the_file() {
    let text = article(100 << 10, &[(0.7, TRADING)]);
    let start = text.find("trading").unwrap();
    let (line, column) = line_col(&text, start);
    let mut report = String::new();
    linter().lint_reader("big.txt", text.as_bytes(), |outcome| {
        if let Outcome::Linted { doc, findings } = outcome {
            report.push_str(&Human { color: false }.file(&doc, &findings));
        }
    });
    assert!(
        report.contains(&format!("┌─ big.txt:{line}:{column}\n")),
        "{report}"
    );
    assert!(
        report.contains(&format!("\n{line} │ {TRADING}\n")),
        "{report}"
    );
}

/// Records what is written to it, and the largest single write.
#[derive(Default)]
struct Recorder {
    bytes: Vec<u8>,
    largest: usize,
}

impl std::io::Write for Recorder {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.largest = self.largest.max(buf.len());
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_human_report_of_many_findings_is_written_in_pieces_as_it_is_rendered() {
    let text = format!("{KIEV}\n\n").repeat(4000);
    let mut written = Recorder::default();
    let mut whole = String::new();
    linter().lint_reader("big.txt", text.as_bytes(), |outcome| {
        if let Outcome::Linted { doc, findings } = outcome {
            let mut printer = Human { color: false };
            printer.write_file(&doc, &findings, &mut written).unwrap();
            whole.push_str(&printer.file(&doc, &findings));
        }
    });
    assert!(written.bytes.len() > 1 << 20, "{}", written.bytes.len());
    assert!(written.largest < 128 << 10, "{}", written.largest);
    assert_eq!(written.bytes, whole.as_bytes());
}

#[test]
fn checkstyle_gives_a_file_read_in_windows_one_element_even_when_reading_stops() {
    for tail in [&b""[..], b"Bad \x81 byte.\n"] {
        let mut bytes = article(100 << 10, &[(0.3, KIEV), (0.8, KIEV)]).into_bytes();
        bytes.extend_from_slice(tail);
        let mut printer = Checkstyle::default();
        let mut xml = String::new();
        linter().lint_reader("big.txt", &bytes[..], |outcome| {
            if let Outcome::Linted { doc, findings } = outcome {
                xml.push_str(&printer.file(&doc, &findings));
            }
        });
        xml.push_str(&printer.finish(&Default::default()));
        assert_eq!(xml.matches("<file name=\"big.txt\">").count(), 1, "{xml}");
        assert_eq!(xml.matches("</file>").count(), 1, "{xml}");
        assert_eq!(xml.matches("<error ").count(), 2, "{xml}");
        assert!(xml.ends_with("  </file>\n</checkstyle>\n"), "{xml}");
    }
}

#[test]
fn a_large_file_not_utf8_from_the_start_is_read_whole_and_a_binary_one_skipped() {
    // Windows-1252 from the first line: read whole, as a small file is, one outcome.
    let mut bytes = b"Caf\xE9 owners in Kiev\n\n".to_vec();
    bytes.extend(article(64 << 10, &[]).into_bytes());
    let (found, error, outcomes) = windowed(&bytes);
    assert!(error.is_none(), "{error:?}");
    assert_eq!(outcomes, 1);
    assert_eq!(found, whole(&bytes).0);
    assert!(
        found.iter().any(|s| s.0 == "names/kyiv" && s.1 == 15),
        "{found:?}"
    );
    // NUL bytes at the start: skipped.
    let mut binary = b"PK\x03\x04\0\0".to_vec();
    binary.extend(vec![b'a'; 64 << 10]);
    let mut skipped = 0;
    linter().lint_reader("big.txt", &binary[..], |outcome| {
        assert!(matches!(outcome, Outcome::Skipped { .. }));
        skipped += 1;
    });
    assert_eq!(skipped, 1);
}

/// Inputs are linted a chunk at a time (256 files); the output stays in
/// path order across chunks, with every file in it.
#[test]
fn a_folder_of_more_files_than_a_chunk_is_printed_in_path_order() {
    let dir = tempfile::tempdir().expect("temporary folder");
    // Written in an order that is not the path order.
    for i in (0..600).rev() {
        let sub = dir.path().join(format!("d{}", i % 7));
        std::fs::create_dir_all(&sub).expect("folder made");
        let text = format!("Story {i}\n\nOfficials in Kiev said talks would resume on day {i}.\n");
        std::fs::write(sub.join(format!("{i:04}.txt")), text).expect("file written");
    }
    let out = lint_jsonl(&[dir.path()], &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let paths: Vec<String> = findings(&out)
        .iter()
        .filter(|f| f["rule"] == "names/kyiv")
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths.len(), 600);
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}
