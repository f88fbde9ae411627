//! `--max-findings`, `--quiet` and `--statistics` on testdata/baseline/article.txt
//! with the rules of testdata/suppress/rules: three warnings (`place/kiev`
//! twice, `style/to-note`) and one info (`style/touching-the-base`).

mod common;
use common::*;
use serde_json::Value;
use std::process::Output;

const ARTICLE: &str = "testdata/baseline/article.txt";

fn mtlint(extra: &[&str], paths: &[&str]) -> Output {
    let mut args = vec!["--no-default-rules", "--rules", "testdata/suppress/rules"];
    args.extend_from_slice(extra);
    args.extend_from_slice(paths);
    run(&args, b"")
}

#[test]
fn max_findings_fails_only_above_the_allowance() {
    let status = |extra: &[&str]| code(&mtlint(extra, &[ARTICLE]));
    assert_eq!(status(&[]), 1);
    assert_eq!(status(&["--max-findings", "3"]), 0, "three warnings fail");
    assert_eq!(status(&["--max-findings", "2"]), 1);
    // Only failing findings count: with --fail-on info there are four.
    assert_eq!(status(&["--fail-on", "info", "--max-findings", "3"]), 1);
    assert_eq!(status(&["--fail-on", "info", "--max-findings", "4"]), 0);
}

#[test]
fn max_findings_keeps_status_2_for_unreadable_files() {
    let out = mtlint(
        &["--max-findings", "100"],
        &[ARTICLE, "testdata/no-such-file.txt"],
    );
    assert_eq!(code(&out), 2);
}

#[test]
fn quiet_prints_the_findings_and_errors_without_summary_or_notes() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("photo.txt");
    std::fs::write(&binary, b"\x89PNG\0\0\0").unwrap();
    let binary = binary.display().to_string();
    let loud = mtlint(&["--color", "never"], &[ARTICLE, &binary]);
    assert!(
        stdout(&loud).contains("1 file checked"),
        "{}",
        stdout(&loud)
    );
    assert!(stderr(&loud).contains("skipped"), "{}", stderr(&loud));

    let quiet = mtlint(
        &["--quiet", "--color", "never"],
        &[ARTICLE, &binary, "testdata/no-such-file.txt"],
    );
    assert_eq!(code(&quiet), 2);
    let out = stdout(&quiet);
    assert_eq!(out.matches("warning[place/kiev]").count(), 2, "{out}");
    assert!(!out.contains("checked"), "no summary: {out}");
    let err = stderr(&quiet);
    assert!(!err.contains("skipped"), "no notes: {err}");
    assert!(err.contains("no-such-file.txt"), "errors stay: {err}");
}

#[test]
fn quiet_keeps_a_machine_format_whole() {
    let out = mtlint(&["-q", "--format", "json"], &[ARTICLE]);
    let document: Value = serde_json::from_str(&stdout(&out)).expect("one JSON document");
    assert_eq!(document["summary"]["total"], 4);
}

#[test]
fn statistics_follow_the_human_output_most_first_then_by_id() {
    let out = mtlint(&["--statistics", "--color", "never"], &[ARTICLE]);
    let text = stdout(&out);
    assert!(
        text.ends_with("2  place/kiev\n1  style/to-note\n1  style/touching-the-base\n"),
        "{text}"
    );
    assert!(text.contains("checked"), "after the summary: {text}");
}

#[test]
fn statistics_go_to_stderr_for_machine_formats() {
    let out = mtlint(&["--statistics", "--format", "jsonl"], &[ARTICLE]);
    assert_eq!(findings(&out).len(), 4, "stdout is only JSON Lines");
    assert_eq!(
        stderr(&out),
        "2  place/kiev\n1  style/to-note\n1  style/touching-the-base\n"
    );
}

#[test]
fn statistics_count_what_is_reported_after_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json").display().to_string();
    let recorded = mtlint(&["--write-baseline", &baseline], &[ARTICLE]);
    assert_eq!(code(&recorded), 0, "{}", stderr(&recorded));
    let out = mtlint(
        &["--baseline", &baseline, "--statistics", "--format", "short"],
        &[ARTICLE],
    );
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "");
}
