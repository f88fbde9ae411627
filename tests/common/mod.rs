//! Helpers shared by the integration tests: run the real binary, parse JSON Lines.

#![allow(dead_code)] // each test file uses a different subset

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn testdata(rel: &str) -> PathBuf {
    root().join("testdata").join(rel)
}

/// Runs mtlint with `args` (from the repository root), feeding `stdin`.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the mtlint binary runs");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(stdin)
        .expect("stdin accepts input");
    child.wait_with_output().expect("mtlint finishes")
}

pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// The findings of a `--format jsonl` run.
/// The base name of a JSON Lines finding's `path`.
pub fn file_name(finding: &serde_json::Value) -> String {
    let path = finding["path"].as_str().expect("a finding has a path");
    path.rsplit('/').next().unwrap_or(path).to_string()
}

pub fn findings(out: &Output) -> Vec<serde_json::Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

pub fn lint_jsonl(paths: &[&Path], extra: &[&str]) -> Output {
    let mut args: Vec<&str> = vec!["--format", "jsonl"];
    args.extend_from_slice(extra);
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    args.extend(shown.iter().map(String::as_str));
    run(&args, b"")
}

/// Rows of an expected-artifacts TSV (file, needle, occurrence, ...) that no
/// finding overlaps, as `score.py` counts them.
pub fn missed(tsv: &Path, corpus: &Path, findings: &[serde_json::Value]) -> Vec<String> {
    let text = std::fs::read_to_string(tsv).expect("expected list readable");
    let mut missed = Vec::new();
    for row in text.lines().skip(1) {
        let cells: Vec<&str> = row.split('\t').collect();
        let (file, needle, nth) = (
            cells[0],
            cells[1],
            cells[2].parse::<usize>().expect("occurrence"),
        );
        let data = std::fs::read(corpus.join(file)).expect("corpus file readable");
        let start = data
            .windows(needle.len())
            .enumerate()
            .filter(|(_, w)| *w == needle.as_bytes())
            .nth(nth - 1)
            .map(|(i, _)| i)
            .unwrap_or_else(|| panic!("needle {needle:?} not in {file}"));
        let end = start + needle.len();
        let found = findings.iter().any(|f| {
            f["path"].as_str().is_some_and(|p| p.ends_with(file))
                && f["start"].as_u64().unwrap() < end as u64
                && start < f["end"].as_u64().unwrap() as usize
        });
        if !found {
            missed.push(format!("{file}: {needle:?}"));
        }
    }
    missed
}
