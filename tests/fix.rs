//! `--fix`, `--unsafe-fixes` and `--diff` on copies of testdata/fix/, with the
//! rules of testdata/fix/rules only: `test/kiev` (safe), three safe fixes that
//! overlap it, and `test/credit-line` (unsafe, deletes a whole line).

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Output;

const RULES: &[&str] = &["--no-default-rules", "--rules", "testdata/fix/rules"];

/// A temporary folder holding a copy of `testdata/fix/NAME`.
fn copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join(name);
    std::fs::copy(testdata(&format!("fix/{name}")), &path).expect("fixture copied");
    (dir, path)
}

/// Runs mtlint with the test rules, `extra` flags and `path`.
fn mtlint(extra: &[&str], path: &Path) -> Output {
    let mut args = RULES.to_vec();
    args.extend_from_slice(extra);
    let shown = path.display().to_string();
    args.push(&shown);
    run(&args, b"")
}

/// A file's text (the fixtures are UTF-8), so that failures show text.
fn read(path: &Path) -> String {
    String::from_utf8(std::fs::read(path).expect("file readable")).expect("UTF-8")
}

fn expected(name: &str) -> String {
    read(&testdata(&format!("fix/{name}")))
}

fn rules_of(out: &Output) -> Vec<String> {
    findings(out)
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn safe_fixes_change_only_the_fixed_spans() {
    let (_dir, path) = copy("article.txt");
    let reported = mtlint(&["--format", "jsonl"], &path);
    let mut want = read(&path).into_bytes();
    // Splice each reported replacement into the original, last first, so the
    // earlier offsets stay valid: every other byte must come out unchanged.
    let mut kiev: Vec<_> = findings(&reported)
        .into_iter()
        .filter(|f| f["rule"] == "test/kiev")
        .collect();
    assert_eq!(kiev.len(), 4, "the fixture has four `Kiev`");
    kiev.sort_by_key(|f| f["start"].as_u64());
    for f in kiev.iter().rev() {
        let (start, end) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        let replacement = f["replacements"][0].as_str().unwrap().as_bytes();
        want.splice(start..end, replacement.iter().copied());
    }
    let out = mtlint(&["--fix"], &path);
    assert_eq!(code(&out), 1, "the unsafe credit line remains: {out:?}");
    assert_eq!(read(&path), String::from_utf8(want).unwrap());
    assert_eq!(read(&path), expected("article.txt.safe"));
}

#[test]
fn unsafe_fixes_are_applied_only_with_unsafe_fixes() {
    let (_dir, path) = copy("article.txt");
    let out = mtlint(&["--fix", "--format", "jsonl"], &path);
    assert_eq!(rules_of(&out), ["test/credit-line"]);
    assert!(read(&path).contains("Jane Doe/AP"));

    let out = mtlint(&["--fix", "--unsafe-fixes", "--format", "jsonl"], &path);
    assert_eq!(code(&out), 0, "{out:?}");
    assert!(rules_of(&out).is_empty());
    // The credit was a paragraph of its own: it goes with one blank line.
    assert_eq!(read(&path), expected("article.txt.unsafe"));
}

#[test]
fn unsafe_fixes_without_fix_or_diff_is_a_usage_error() {
    let (_dir, path) = copy("article.txt");
    let out = mtlint(&["--unsafe-fixes"], &path);
    assert_eq!(code(&out), 2);
    assert_eq!(read(&path), expected("article.txt"));
}

#[test]
fn crlf_line_endings_are_kept() {
    let (_dir, path) = copy("crlf.txt");
    let before = read(&path);
    assert_eq!(before.matches('\n').count(), before.matches("\r\n").count());
    mtlint(&["--fix", "--unsafe-fixes"], &path);
    assert_eq!(
        read(&path),
        "Officials met in Kyiv on Monday.\r\nThe talks went on.\r\n\r\nKyiv said more.\r\n"
    );
}

#[test]
fn a_byte_order_mark_is_kept() {
    let (_dir, path) = copy("bom.txt");
    assert!(std::fs::read(&path).unwrap().starts_with(b"\xEF\xBB\xBF"));
    mtlint(&["--fix", "--unsafe-fixes"], &path);
    assert_eq!(read(&path), "\u{FEFF}Kyiv said the talks went on.\n");
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_a_symlink_stays_a_symlink() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = copy("article.txt");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    mtlint(&["--fix"], &link);
    assert_eq!(read(&path), expected("article.txt.safe"));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
}

#[test]
fn a_second_fix_changes_nothing() {
    for name in ["article.txt", "crlf.txt", "bom.txt", "overlap.txt"] {
        let (_dir, path) = copy(name);
        mtlint(&["--fix", "--unsafe-fixes"], &path);
        let once = read(&path);
        assert_ne!(once, expected(name), "{name}: the first run fixes");
        let again = mtlint(&["--diff", "--unsafe-fixes"], &path);
        assert_eq!(stdout(&again), "", "{name}");
        assert_eq!(code(&again), 0, "{name}");
        mtlint(&["--fix", "--unsafe-fixes"], &path);
        assert_eq!(read(&path), once, "{name}");
    }
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let (_dir, path) = copy("crlf.txt");
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let out = mtlint(&["--diff"], &path);
    assert_eq!(code(&out), 1, "there is something to fix");
    let shown = path.display().to_string();
    assert_eq!(
        stdout(&out),
        format!(
            "--- {shown}\n+++ {shown}\n@@ -1,5 +1,5 @@\n\
             -Officials met in Kiev on Monday.\r\n+Officials met in Kyiv on Monday.\r\n \
             Photograph: Jane Doe/AP\r\n The talks went on.\r\n \r\n\
             -Kiev said more.\r\n+Kyiv said more.\r\n"
        )
    );
    assert_eq!(read(&path), expected("crlf.txt"));
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn diff_of_a_clean_file_is_empty_and_succeeds() {
    let (_dir, path) = copy("clean.txt");
    let out = mtlint(&["--diff", "--unsafe-fixes"], &path);
    assert_eq!((code(&out), stdout(&out)), (0, String::new()));
}

#[test]
fn a_relint_after_fixing_no_longer_shows_the_fixed_findings() {
    let (_dir, path) = copy("article.txt");
    let before = mtlint(&["--format", "jsonl"], &path);
    assert!(rules_of(&before).contains(&"test/kiev".to_string()));
    let fixed = mtlint(&["--fix", "--format", "jsonl"], &path);
    let after = mtlint(&["--format", "jsonl"], &path);
    assert_eq!(rules_of(&after), ["test/credit-line"]);
    // What --fix reports is what remains, at its place in the fixed file.
    assert_eq!(stdout(&fixed), stdout(&after));
}

#[test]
fn overlapping_fixes_keep_the_earliest_longest_then_lowest_rule_id() {
    // `Kiev` (test/kiev), `Kiev City` (test/kiev-city-a and -b) and
    // `City ended` (test/city-ended) overlap: the two longest start first,
    // and test/kiev-city-a wins over -b by its id.
    let (_dir, path) = copy("overlap.txt");
    mtlint(&["--fix"], &path);
    assert_eq!(read(&path), "Talks in Kyiv city ended.\n");
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text() {
    let mut args = RULES.to_vec();
    args.extend(["--fix", "--format", "jsonl", "-"]);
    let out = run(&args, b"Photograph: Jane Doe/AP\nTalks in Kiev.\n");
    assert_eq!(stdout(&out), "Photograph: Jane Doe/AP\nTalks in Kyiv.\n");
    // The remaining findings go to stderr, out of the text's way.
    assert!(stderr(&out).contains("\"rule\":\"test/credit-line\""));
    assert_eq!(code(&out), 1);
}

#[test]
fn a_safe_fix_across_inline_markup_needs_unsafe_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.html");
    let html = "<p>They were touching <em>the</em> base daily.</p>\n";
    std::fs::write(&path, html).unwrap();
    let shown = path.display().to_string();
    run(&["--fix", &shown], b"");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        html,
        "markup is not dropped by --fix"
    );
    run(&["--fix", "--unsafe-fixes", &shown], b"");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "<p>They were touching base daily.</p>\n"
    );
}
