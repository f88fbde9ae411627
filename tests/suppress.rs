//! Suppression comments in Markdown and HTML (testdata/suppress/), with the
//! rules of testdata/suppress/rules only: `place/kiev` (pack `place`, with a
//! safe fix) and `style/to-note` and `style/touching-the-base` (pack `style`).

mod common;
use common::*;
use serde_json::Value;

const RULES: &[&str] = &["--no-default-rules", "--rules", "testdata/suppress/rules"];

/// The findings of `testdata/suppress/NAME` as `line rule` strings, in order.
fn reported(name: &str) -> Vec<String> {
    findings_of(name)
        .iter()
        .map(|f| format!("{} {}", f["line"], f["rule"].as_str().unwrap()))
        .collect()
}

fn findings_of(name: &str) -> Vec<Value> {
    let mut args = RULES.to_vec();
    args.extend(["--format", "jsonl"]);
    let path = format!("testdata/suppress/{name}");
    args.push(&path);
    let out = run(&args, b"");
    assert!(code(&out) < 2, "{name}: {}", stderr(&out));
    findings(&out)
}

#[test]
fn disable_and_enable_in_markdown_cover_the_lines_between() {
    assert_eq!(
        reported("disable-enable.md"),
        [
            "3 place/kiev",
            // `place/kiev` is disabled on line 6; `style/to-note` is not.
            "6 style/to-note",
            "9 place/kiev",
            // The `style` pack is disabled on line 12: both of its rules.
            "12 place/kiev",
            "15 style/to-note",
        ]
    );
}

#[test]
fn disable_and_enable_in_html_cover_every_rule_without_names_and_run_to_the_end() {
    assert_eq!(
        reported("disable-enable.html"),
        [
            "5 place/kiev",
            "9 place/kiev",
            // Before the comment that opens the region inside this paragraph;
            // the `To note,` after it, on line 11, is suppressed.
            "10 style/to-note",
        ]
    );
}

#[test]
fn disable_next_line_covers_only_the_line_after_the_comment() {
    assert_eq!(
        reported("next-line.md"),
        ["1 place/kiev", "4 style/to-note", "5 place/kiev"]
    );
    // In HTML, after text on the same line, with names separated by a comma.
    assert_eq!(reported("next-line.html"), ["1 place/kiev", "3 place/kiev"]);
}

#[test]
fn disable_file_covers_the_whole_file_wherever_it_is_written() {
    assert_eq!(reported("file.md"), ["4 style/to-note"]);
    // By pack, at the end of the file.
    assert_eq!(reported("file.html"), ["2 style/to-note"]);
}

#[test]
fn plain_text_has_no_suppression_comments() {
    let found = findings_of("plain.txt");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|f| f["rule"] == "place/kiev"));
}

#[test]
fn useless_suppressions_are_reported_at_the_comment() {
    let found = findings_of("unused.md");
    let got: Vec<(u64, u64, &str, &str, &str)> = found
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["rule"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
                f["text"].as_str().unwrap(),
            )
        })
        .collect();
    let unused = "mtlint/unused-suppression";
    assert_eq!(
        got,
        [
            (1, 10, "place/kiev", "warning", "Kiev"),
            // Line 4, the line after it, holds no `Kiev`.
            (3, 31, unused, "info", "place/kiev"),
            // `style/to-note` on the same comment did suppress line 8.
            (7, 35, unused, "warning", "place/no-such-rule"),
            (11, 20, unused, "info", "place/kiev"),
            (12, 6, unused, "warning", "mtlint-disabel"),
        ]
    );
    let messages: Vec<&str> = found[1..]
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        messages[0].contains("`mtlint-disable-next-line place/kiev` suppresses nothing"),
        "{messages:?}"
    );
    assert!(messages[1].contains("`place/no-such-rule`"), "{messages:?}");
    assert!(
        messages[2].contains("`mtlint-enable place/kiev` ends no"),
        "{messages:?}"
    );
    assert!(
        messages[3].contains("not an mtlint directive"),
        "{messages:?}"
    );
}

#[test]
fn useless_suppressions_in_html_point_at_the_name_or_the_directive() {
    let got: Vec<(u64, u64, String)> = findings_of("unused.html")
        .iter()
        .filter(|f| f["rule"] == "mtlint/unused-suppression")
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (2, 6, "mtlint-disable".to_string()),
            (5, 26, "style".to_string()),
        ]
    );
}

#[test]
fn an_unused_suppression_alone_does_not_fail_the_run_but_an_unknown_name_does() {
    let mut args = RULES.to_vec();
    args.extend(["--format", "short", "-"]);
    let stdin_md = |text: &str| {
        let mut a = args.clone();
        a.extend(["--stdin-filename", "story.md"]);
        run(&a, text.as_bytes())
    };
    let unused = stdin_md("<!-- mtlint-disable-file place/kiev -->\nTalks in Kyiv.\n");
    assert_eq!(code(&unused), 0, "{}", stdout(&unused));
    assert!(stdout(&unused).contains("info[mtlint/unused-suppression]"));
    let unknown = stdin_md("<!-- mtlint-disable-file place/kyiv -->\nTalks in Kyiv.\n");
    assert_eq!(code(&unknown), 1, "{}", stdout(&unknown));
}

#[test]
fn fix_leaves_suppressed_findings_alone() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("next-line.md");
    std::fs::copy(testdata("suppress/next-line.md"), &path).expect("fixture copied");
    let mut args = RULES.to_vec();
    let shown = path.display().to_string();
    args.extend(["--fix", "--format", "jsonl", &shown]);
    let out = run(&args, b"");
    let fixed = std::fs::read_to_string(&path).expect("fixed file readable");
    assert_eq!(
        fixed,
        std::fs::read_to_string(testdata("suppress/next-line.md"))
            .unwrap()
            .replace("Talks in Kiev", "Talks in Kyiv")
            .replace("Kiev on the line", "Kyiv on the line"),
        "only the two unsuppressed `Kiev` are fixed"
    );
    let left: Vec<String> = findings(&out)
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(left, ["style/to-note"]);
}

#[test]
fn the_human_report_underlines_the_name_in_the_comment() {
    let mut args = RULES.to_vec();
    args.extend(["--color", "never", "testdata/suppress/unused.md"]);
    let out = stdout(&run(&args, b""));
    let expected = "\
note[mtlint/unused-suppression]: unused suppression: `mtlint-disable-next-line place/kiev` suppresses nothing
  ┌─ testdata/suppress/unused.md:3:31
  │
3 │ <!-- mtlint-disable-next-line place/kiev -->
  │                               ^^^^^^^^^^
";
    assert!(out.contains(expected), "{out}");
}
