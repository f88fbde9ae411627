//! The shipped rules against whole articles: planted artifacts are found,
//! clean professional copy stays silent, the seeds' core artifacts are found.

mod common;
use common::*;

#[test]
fn every_planted_artifact_in_testdata_articles_is_found() {
    let out = lint_jsonl(&[&testdata("articles")], &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let missed = missed(
        &testdata("articles.expected.tsv"),
        &testdata("articles"),
        &findings(&out),
    );
    assert!(missed.is_empty(), "missed artifacts: {missed:#?}");
}

#[test]
fn clean_wire_copy_raises_nothing_at_warning_or_above() {
    let out = lint_jsonl(&[&testdata("clean")], &[]);
    let serious: Vec<String> = findings(&out)
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| format!("{}:{} {} {:?}", f["path"], f["line"], f["rule"], f["text"]))
        .collect();
    assert!(serious.is_empty(), "false positives: {serious:#?}");
    assert_eq!(code(&out), 0);
}

#[test]
fn clean_set_is_large_enough_to_mean_something() {
    let words: usize = std::fs::read_dir(testdata("clean"))
        .unwrap()
        .map(|e| {
            std::fs::read_to_string(e.unwrap().path())
                .unwrap()
                .split_whitespace()
                .count()
        })
        .sum();
    assert!(words >= 10_000, "only {words} words of clean copy");
}

/// Reads `../shared` only when it is there: a clone without it skips this test.
#[test]
fn seeds_core_artifacts_are_all_found() {
    let shared = root().join("../shared/eval/seeds.expected.tsv");
    if !shared.exists() {
        eprintln!("skipped: ../shared is not present");
        return;
    }
    let seeds = root().join("../shared/seeds");
    let out = lint_jsonl(&[&seeds], &[]);
    let all = findings(&out);
    let core_tsv = std::env::temp_dir().join(format!("mtlint-core-{}.tsv", std::process::id()));
    let rows: String = std::fs::read_to_string(&shared)
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(i, l)| *i == 0 || l.split('\t').nth(4) == Some("core"))
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    assert_eq!(rows.lines().count(), 27, "26 core rows and a header");
    std::fs::write(&core_tsv, rows).unwrap();
    let missed = missed(&core_tsv, &seeds, &all);
    std::fs::remove_file(&core_tsv).unwrap();
    assert!(missed.is_empty(), "missed core artifacts: {missed:#?}");
}
