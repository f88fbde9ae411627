//! The command line as a user meets it: formats, exit status, stdin, bad input.

mod common;
use common::*;
use std::collections::BTreeSet;

const CONTRACT_FIELDS: &[&str] = &[
    "path",
    "rule",
    "severity",
    "message",
    "start",
    "end",
    "line",
    "column",
    "end_line",
    "end_column",
    "text",
    "replacements",
];

#[test]
fn jsonl_records_have_exactly_the_contract_fields() {
    let out = lint_jsonl(&[&testdata("fixtures/multibyte.txt")], &[]);
    let all = findings(&out);
    assert!(!all.is_empty());
    for f in &all {
        let keys: BTreeSet<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, CONTRACT_FIELDS.iter().copied().collect());
    }
}

#[test]
fn offsets_index_the_file_and_columns_count_characters() {
    let path = testdata("fixtures/multibyte.txt");
    let bytes = std::fs::read(&path).unwrap();
    let out = lint_jsonl(&[&path], &[]);
    let kiev: Vec<_> = findings(&out)
        .into_iter()
        .filter(|f| f["rule"] == "names/kyiv")
        .collect();
    assert_eq!(kiev.len(), 2);
    let first = &kiev[0];
    let (start, end) = (
        first["start"].as_u64().unwrap() as usize,
        first["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&bytes[start..end], b"Kiev");
    // "Talks in “" is 10 characters but 12 bytes: the column counts characters.
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(1), Some(11))
    );
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(1), Some(15))
    );
    assert_eq!(first["text"], "Kiev");
    assert_eq!(first["replacements"], serde_json::json!(["Kyiv"]));
    assert_eq!(kiev[1]["line"].as_u64(), Some(2));
    assert_eq!(kiev[1]["column"].as_u64(), Some(5));
}

#[test]
fn offsets_count_a_byte_order_mark() {
    let path = testdata("fixtures/bom.txt");
    let bytes = std::fs::read(&path).unwrap();
    let out = lint_jsonl(&[&path], &[]);
    let f = &findings(&out)[0];
    let (start, end) = (
        f["start"].as_u64().unwrap() as usize,
        f["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&bytes[start..end], b"Kiev");
    assert_eq!(f["column"].as_u64(), Some(18));
}

#[test]
fn crlf_files_report_lines_and_doubled_words_across_breaks() {
    let out = lint_jsonl(&[&testdata("fixtures/crlf.txt")], &[]);
    let all = findings(&out);
    let kiev = all
        .iter()
        .find(|f| f["rule"] == "names/kyiv")
        .expect("Kiev flagged");
    assert_eq!(kiev["end_column"].as_u64(), Some(22));
    assert_eq!(kiev["line"].as_u64(), Some(1));
}

#[test]
fn exit_status_is_0_clean_1_findings_2_errors() {
    let clean = run(&["-"], b"The talks ended on Monday.\n");
    assert_eq!(code(&clean), 0, "{}", stdout(&clean));
    let dirty = run(&["-"], b"The talks in Kiev ended on Monday.\n");
    assert_eq!(code(&dirty), 1);
    let missing = run(&["testdata/no-such-folder"], b"");
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).contains("testdata/no-such-folder: no such file or folder"),
        "{}",
        stderr(&missing)
    );
    let usage = run(&["--format", "xml", "-"], b"");
    assert_eq!(code(&usage), 2);
}

#[test]
fn fail_on_sets_the_failing_severity() {
    let info_only =
        b"Headline\n\nJAKARTA - Officials met on Monday to discuss the budget for next year.\n";
    assert_eq!(code(&run(&["-"], info_only)), 0);
    assert_eq!(code(&run(&["--fail-on", "info", "-"], info_only)), 1);
    let warning = b"The talks in Kiev ended on Monday.\n";
    assert_eq!(code(&run(&["--fail-on", "error", "-"], warning)), 0);
    assert_eq!(code(&run(&["--fail-on", "never", "-"], warning)), 0);
}

#[test]
fn stdin_is_named_by_stdin_filename() {
    let out = run(
        &["--format", "jsonl", "--stdin-filename", "story.txt", "-"],
        b"Kiev",
    );
    assert_eq!(findings(&out)[0]["path"], "story.txt");
}

#[test]
fn human_output_is_compiler_style_with_help_and_summary() {
    let out = run(
        &["--stdin-filename", "story.txt", "-"],
        b"Officials met in Kiev.\n",
    );
    let text = stdout(&out);
    assert!(
        text.contains("warning[names/kyiv]: `Kiev` is the Russian-based spelling"),
        "{text}"
    );
    assert!(text.contains("story.txt:1:18"), "{text}");
    assert!(text.contains("^^^^"), "{text}");
    assert!(text.contains("= help: replace with `Kyiv`"), "{text}");
    assert!(
        text.contains("0 errors, 1 warning, 0 info in 1 file checked (1 with findings)"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no colour when not on a terminal");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let out = run(&["--color", "always", "-"], b"Officials met in Kiev.\n");
    assert!(stdout(&out).contains('\u{1b}'));
}

#[test]
fn folders_are_walked_sorted_skipping_hidden_and_target() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("b.txt", "Kiev b"),
        ("a.md", "Kiev a"),
        ("notes.csv", "Kiev csv"),
        (".hidden/c.txt", "Kiev hidden"),
        ("target/d.txt", "Kiev target"),
        ("sub/e.txt", "Kiev e"),
    ] {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let out = lint_jsonl(&[dir.path()], &[]);
    let names: Vec<String> = findings(&out).iter().map(file_name).collect();
    assert_eq!(names, ["a.md", "b.txt", "e.txt"]);
}

#[test]
fn invalid_utf8_is_reported_with_line_and_column_and_the_rest_is_linted() {
    let dir = tempfile::tempdir().unwrap();
    // 0x81 is no character in Windows-1252 either (0xFF would read as `ÿ`).
    std::fs::write(dir.path().join("a.txt"), b"First line\nbad \x81 byte\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "Kiev").unwrap();
    let before = std::fs::read(dir.path().join("a.txt")).unwrap();
    let out = lint_jsonl(&[dir.path()], &[]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("a.txt:2:5"), "{err}");
    assert!(err.contains("not valid UTF-8"), "{err}");
    assert_eq!(findings(&out).len(), 1, "b.txt is still linted");
    assert_eq!(std::fs::read(dir.path().join("a.txt")).unwrap(), before);
}

#[test]
fn binary_files_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("photo.txt"), b"\x89PNG\r\n\x1a\n\0\0\0IHDR").unwrap();
    let out = lint_jsonl(&[dir.path()], &[]);
    assert_eq!(code(&out), 0);
    assert!(stderr(&out).contains("skipped"), "{}", stderr(&out));
    assert!(stderr(&out).contains("binary file"), "{}", stderr(&out));
}

#[test]
fn empty_files_are_fine() {
    let out = lint_jsonl(&[&testdata("fixtures/empty.txt")], &[]);
    assert_eq!(code(&out), 0);
    assert!(findings(&out).is_empty());
}

#[test]
fn a_large_file_is_linted_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    let mut text: String = (0..200_000)
        .map(|i| format!("Officials said talks number {i} would continue next week in Geneva, and markets were calm.\n\n"))
        .collect(); // about 19 MB
    text.push_str("The last line mentions Kiev.\n");
    std::fs::write(&path, &text).unwrap();
    let out = lint_jsonl(&[&path], &[]);
    let all = findings(&out);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["line"].as_u64(), Some(400_001));
}

#[cfg(unix)]
#[test]
fn broken_links_are_reported_and_the_rest_is_linted() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("link.txt")).unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Kiev").unwrap();
    let out = lint_jsonl(&[dir.path()], &[]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("link.txt"), "{}", stderr(&out));
    assert_eq!(findings(&out).len(), 1);
}

#[test]
fn rules_lists_every_rule_with_counts() {
    let out = run(&["rules"], b"");
    let text = stdout(&out);
    assert!(text.contains("names/kyiv"), "{text}");
    assert!(text.contains("substitution"), "{text}");
    assert!(text.contains("rules; by pack:"), "{text}");
    assert!(text.contains("by source language:"), "{text}");
}

#[test]
fn explain_prints_the_rule_documentation() {
    let out = run(&["explain", "names/kyiv"], b"");
    let text = stdout(&out);
    for heading in [
        "## What it does",
        "## Why it matters",
        "## Examples",
        "[Kiev]",
        "Not flagged:",
    ] {
        assert!(text.contains(heading), "{heading} missing in {text}");
    }
    let unknown = run(&["explain", "no/such-rule"], b"");
    assert_eq!(code(&unknown), 2);
}

#[test]
fn explain_tells_where_a_pattern_runs() {
    let text = stdout(&run(&["explain", "boilerplate/byline-line"], b""));
    assert!(
        text.contains("## Speed\nRuns only on paragraphs with a line that starts with one of")
            && text.contains("`By `"),
        "{text}"
    );
    let text = stdout(&run(&["explain", "boilerplate/trailing-wire-credit"], b""));
    assert!(
        text.contains("Runs only on texts (whole, as a match may reach past its paragraph)")
            && text.contains("`AP`"),
        "{text}"
    );
    let text = stdout(&run(&["explain", "mt/pt/according-to-what"], b""));
    assert!(
        text.contains("`according to `") && text.contains(", and also one of: "),
        "{text}"
    );
    let text = stdout(&run(&["explain", "boilerplate/dateline"], b""));
    assert!(text.contains("runs on every text"), "{text}");
    let text = stdout(&run(&["explain", "names/kyiv"], b""));
    assert!(!text.contains("## Speed"), "{text}");
}

#[test]
fn source_language_skips_rules_tagged_for_other_languages() {
    // `fourth (29)` is a Portuguese weekday; the stray full stop before it is
    // a slip in any language, so another rule reports it whatever the source.
    let text = b"The White House said today. fourth (29).\n";
    let rules = |lang: &[&str]| -> Vec<String> {
        let args = [&["--format", "jsonl"], lang, &["-"]].concat();
        findings(&run(&args, text))
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let portuguese = |rules: &[String]| rules.iter().any(|r| r.starts_with("mt/pt/"));
    assert!(portuguese(&rules(&[])));
    assert!(portuguese(&rules(&["--source-lang", "pt"])));
    let german = rules(&["--source-lang", "de"]);
    assert!(!portuguese(&german), "{german:?}");
    assert!(german.contains(&"structure/boundary-lowercase-after-full-stop".to_string()));
}
