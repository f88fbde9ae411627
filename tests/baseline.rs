//! `--write-baseline` and `--baseline` on copies of testdata/baseline/article.txt
//! (a `Kiev` paragraph twice, and a paragraph with two `style` findings), with
//! the rules of testdata/suppress/rules only.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// A temporary folder holding a copy of the article, as `article.txt`.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::copy(
        testdata("baseline/article.txt"),
        dir.path().join("article.txt"),
    )
    .expect("fixture copied");
    dir
}

/// Runs mtlint with the test rules and `args` in the folder `dir`.
fn mtlint_in(dir: &Path, args: &[&str]) -> Output {
    let rules = testdata("suppress/rules");
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["--no-default-rules", "--rules"])
        .arg(&rules)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("mtlint runs")
}

fn write_baseline(dir: &Path) -> Value {
    let out = mtlint_in(dir, &["--write-baseline", "baseline.json", "article.txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.join("baseline.json")).expect("baseline written");
    serde_json::from_str(&text).expect("the baseline is JSON")
}

fn edit(dir: &Path, change: impl FnOnce(String) -> String) {
    let path = dir.join("article.txt");
    let text = std::fs::read_to_string(&path).expect("article readable");
    std::fs::write(&path, change(text)).expect("article written");
}

/// `line rule` of each finding a `--baseline` run reports, and its exit status.
fn reported_with_baseline(dir: &Path) -> (Vec<String>, i32) {
    let out = mtlint_in(
        dir,
        &[
            "--baseline",
            "baseline.json",
            "--format",
            "jsonl",
            "article.txt",
        ],
    );
    let found = findings(&out)
        .iter()
        .map(|f| format!("{} {}", f["line"], f["rule"].as_str().unwrap()))
        .collect();
    (found, code(&out))
}

#[test]
fn writing_a_baseline_records_every_finding_sorted_and_prints_none() {
    let dir = workspace();
    let out = mtlint_in(
        dir.path(),
        &["--write-baseline", "baseline.json", "article.txt"],
    );
    assert_eq!(code(&out), 0, "findings are recorded, not failed");
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains("4 findings recorded"),
        "{}",
        stderr(&out)
    );
    let first = std::fs::read(dir.path().join("baseline.json")).unwrap();
    let baseline: Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(baseline["version"], 1);
    let entries = baseline["findings"].as_array().unwrap();
    let rules: Vec<&str> = entries
        .iter()
        .map(|e| e["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "place/kiev",
            "place/kiev",
            "style/to-note",
            "style/touching-the-base"
        ]
    );
    for e in entries {
        let mut keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["fingerprint", "path", "rule", "text"]);
        assert_eq!(e["path"], "article.txt");
    }
    // The two `Kiev` paragraphs are the same: one fingerprint, two entries.
    assert_eq!(entries[0], entries[1]);
    assert_eq!(entries[0]["text"], "Kiev");
    // Written again from the same findings, it is the same, byte for byte.
    let again = mtlint_in(
        dir.path(),
        &["--write-baseline", "baseline.json", "article.txt"],
    );
    assert_eq!(code(&again), 0);
    assert_eq!(
        std::fs::read(dir.path().join("baseline.json")).unwrap(),
        first
    );
}

#[test]
fn a_baseline_keeps_its_findings_hidden_across_edits_elsewhere() {
    let dir = workspace();
    write_baseline(dir.path());
    assert_eq!(reported_with_baseline(dir.path()), (vec![], 0));
    // A paragraph inserted above moves every finding down two lines.
    edit(dir.path(), |text| {
        format!("Diplomats arrived by train in the morning.\n\n{text}")
    });
    assert_eq!(reported_with_baseline(dir.path()), (vec![], 0));
    // A new finding is still reported, at its new place.
    edit(dir.path(), |text| {
        format!("{text}\nThe delegation left Kiev on Tuesday.\n")
    });
    assert_eq!(
        reported_with_baseline(dir.path()),
        (vec!["9 place/kiev".to_string()], 1)
    );
}

#[test]
fn rewording_around_a_finding_makes_it_new() {
    let dir = workspace();
    write_baseline(dir.path());
    edit(dir.path(), |text| {
        text.replace("the delegates were touching", "the envoys were touching")
    });
    assert_eq!(
        reported_with_baseline(dir.path()),
        (vec!["3 style/touching-the-base".to_string()], 0),
        "an info finding does not fail the run"
    );
}

#[test]
fn repeats_are_counted() {
    let dir = workspace();
    write_baseline(dir.path());
    edit(dir.path(), |text| {
        format!("{text}\nTalks in Kiev resumed on Monday.\n")
    });
    let (found, status) = reported_with_baseline(dir.path());
    assert_eq!(
        found.len(),
        1,
        "two entries hide two of the three: {found:?}"
    );
    assert!(found[0].ends_with("place/kiev"));
    assert_eq!(status, 1);
}

#[test]
fn paths_are_relative_to_the_baseline_so_any_working_folder_works() {
    let dir = workspace();
    write_baseline(dir.path());
    let baseline = dir.path().join("baseline.json").display().to_string();
    let article = dir.path().join("article.txt").display().to_string();
    let out = run(
        &[
            "--no-default-rules",
            "--rules",
            "testdata/suppress/rules",
            "--baseline",
            &baseline,
            &article,
        ],
        b"",
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
}

#[test]
fn a_malformed_baseline_is_an_error_at_its_line_and_column() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("bad.json"),
        "{\n  \"version\": 1,\n  \"findings\": [}\n",
    )
    .unwrap();
    let out = mtlint_in(dir.path(), &["--baseline", "bad.json", "article.txt"]);
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), "", "nothing is linted");
    assert!(stderr(&out).contains("bad.json:3:16"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a valid baseline"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_baseline_with_other_fields_or_version_is_refused() {
    let dir = workspace();
    let cases = [
        (
            r#"{"version": 1, "findings": [{"path": "a.txt", "rule": "x", "fingerprint": "0", "line": 3}]}"#,
            "unknown field `line`",
        ),
        (
            r#"{"version": 2, "findings": []}"#,
            "version 2 is not supported",
        ),
    ];
    for (text, message) in cases {
        std::fs::write(dir.path().join("other.json"), text).unwrap();
        let out = mtlint_in(dir.path(), &["--baseline", "other.json", "article.txt"]);
        assert_eq!(code(&out), 2, "{text}");
        assert!(stderr(&out).contains("other.json"), "{}", stderr(&out));
        assert!(stderr(&out).contains(message), "{}", stderr(&out));
    }
}

#[test]
fn a_missing_baseline_is_an_error_naming_it() {
    let dir = workspace();
    let out = mtlint_in(dir.path(), &["--baseline", "nowhere.json", "article.txt"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("nowhere.json: cannot read the baseline"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn no_baseline_is_written_when_a_file_cannot_be_read() {
    let dir = workspace();
    let out = mtlint_in(
        dir.path(),
        &[
            "--write-baseline",
            "baseline.json",
            "article.txt",
            "missing.txt",
        ],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("missing.txt"), "{}", stderr(&out));
    assert!(!dir.path().join("baseline.json").exists());
}
