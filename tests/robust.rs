//! mtlint on whatever a CMS or a scraper produces: other encodings, files
//! that are not text, folders with loops and broken links, malformed rule
//! and config files, a closed pipe. Each case checks the message, the exit
//! status, and that no input file changed.

mod common;

use common::{code, file_name, findings, lint_jsonl, run, stderr, stdout, testdata};
use mtlint::config::Config;
use mtlint::discover::{Input, discover};
use mtlint::rules::Docs;
use mtlint::{Engine, Linter, Outcome, ReadOptions, RuleSet};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Every regular file below `dir` and its bytes (links are not followed).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("folder readable") {
        let path = entry.expect("entry readable").path();
        let meta = std::fs::symlink_metadata(&path).expect("metadata readable");
        if meta.is_dir() {
            files.extend(snapshot(&path));
        } else if meta.is_file() {
            let bytes = std::fs::read(&path).expect("file readable");
            files.insert(path, bytes);
        }
    }
    files
}

/// A temporary folder holding `files` (name, bytes).
fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("fixture written");
    }
    dir
}

/// Lints `dir` as JSON Lines and checks that nothing in it changed.
fn lint_folder(dir: &Path, extra: &[&str]) -> std::process::Output {
    let before = snapshot(dir);
    let out = lint_jsonl(&[dir], extra);
    assert_eq!(snapshot(dir), before, "an input file changed");
    out
}

fn utf16(bom: &[u8], text: &str, unit: fn(u16) -> [u8; 2]) -> Vec<u8> {
    let mut bytes = bom.to_vec();
    bytes.extend(text.encode_utf16().flat_map(unit));
    bytes
}

#[test]
fn utf16_files_with_a_bom_are_linted_with_offsets_of_their_bytes() {
    let text = "Talks\n\nThe mayor of Kiev spoke.\n";
    let dir = folder(&[
        ("le.txt", &utf16(b"\xFF\xFE", text, u16::to_le_bytes)),
        ("be.txt", &utf16(b"\xFE\xFF", text, u16::to_be_bytes)),
    ]);
    let out = lint_folder(dir.path(), &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let found = findings(&out);
    assert_eq!(found.len(), 2, "{found:?}");
    for f in &found {
        assert_eq!(f["rule"], "names/kyiv");
        assert_eq!(f["text"], "Kiev");
        // Two bytes of byte-order mark, then two bytes a character.
        assert_eq!(
            (f["start"].as_u64(), f["end"].as_u64()),
            (Some(42), Some(50))
        );
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(3), Some(14))
        );
    }
}

#[test]
fn latin1_files_are_decoded_and_offsets_are_those_of_the_file() {
    let dir = folder(&[("a.txt", b"Caf\xE9 owners in Kiev said na\xEFve things.\n")]);
    let out = lint_folder(dir.path(), &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let found = findings(&out);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["text"], "Kiev");
    assert_eq!(found[0]["start"], 15);
    assert_eq!(found[0]["column"], 16);
}

#[test]
fn a_file_in_no_encoding_is_reported_at_its_first_bad_byte_and_not_linted() {
    // 0x81 is no character in Windows-1252 either.
    let dir = folder(&[
        ("a.txt", b"First line\nbad \x81 byte in Kiev\n"),
        ("b.txt", b"Kiev"),
    ]);
    let out = lint_folder(dir.path(), &[]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("a.txt:2:5"), "{err}");
    assert!(
        err.contains(
            "not valid UTF-8, nor text in a single-byte encoding (Windows-1252, Latin-1): \
             first bad byte at offset 15; the file was not linted"
        ),
        "{err}"
    );
    let found = findings(&out);
    assert_eq!(found.len(), 1, "only b.txt is linted: {found:?}");
    assert!(found[0]["path"].as_str().unwrap().ends_with("b.txt"));
}

#[test]
fn broken_utf16_is_reported_at_its_first_bad_unit() {
    let mut bytes = utf16(b"\xFF\xFE", "ab\n", u16::to_le_bytes);
    bytes.extend(b"\x00\xD8c\x00"); // a high surrogate with no partner
    let dir = folder(&[("a.txt", &bytes)]);
    let out = lint_folder(dir.path(), &[]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("a.txt:2:1"), "{err}");
    assert!(
        err.contains("not valid UTF-16LE: first bad byte at offset 8"),
        "{err}"
    );
}

#[test]
fn mojibake_is_a_finding_with_the_intended_character() {
    let text = "It’s the café in São Paulo.\n";
    let double_encoded: String = text.bytes().map(cp1252).collect();
    let dir = folder(&[("a.txt", double_encoded.as_bytes())]);
    let out = lint_folder(dir.path(), &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let found: Vec<(String, String)> = findings(&out)
        .iter()
        .filter(|f| {
            f["rule"]
                .as_str()
                .unwrap()
                .starts_with("structure/mojibake")
        })
        .map(|f| (f["text"].to_string(), f["replacements"][0].to_string()))
        .collect();
    let expected = [("â€™", "’"), ("Ã©", "é"), ("Ã£", "ã")];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(t, r)| (format!("\"{t}\""), format!("\"{r}\"")))
        .collect();
    assert_eq!(found, expected);
}

/// The character Windows-1252 reads `byte` as.
fn cp1252(byte: u8) -> char {
    let byte = [byte];
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
    text.chars().next().expect("one character")
}

#[test]
fn fixes_leave_a_file_in_another_encoding_alone() {
    let dir = folder(&[("a.txt", b"Caf\xE9 owners in Kiev.\n")]);
    let out = lint_folder(dir.path(), &["--fix"]);
    assert_eq!(code(&out), 1, "the finding remains");
    let err = stderr(&out);
    assert!(
        err.contains("fixes are applied only to UTF-8 files; this one was not fixed"),
        "{err}"
    );
}

#[test]
fn binary_files_are_skipped_and_empty_files_are_fine() {
    let dir = folder(&[
        ("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0IHDR"),
        ("empty.txt", b""),
        ("empty-utf16.txt", b"\xFF\xFE"),
        ("kiev.txt", b"Kiev"),
    ]);
    let out = lint_folder(dir.path(), &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("skipped") && err.contains("photo.txt: binary file"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(findings(&out).len(), 1);
}

#[cfg(unix)]
#[test]
fn a_folder_with_a_loop_a_broken_link_a_fifo_and_an_odd_name_is_linted() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;
    let dir = folder(&[("a.txt", b"Kiev")]);
    let root = dir.path();
    std::fs::create_dir(root.join("sub")).unwrap();
    symlink("..", root.join("sub/loop")).unwrap();
    symlink("nowhere.txt", root.join("broken.txt")).unwrap();
    symlink("nowhere", root.join("notes.pdf")).unwrap(); // no article: ignored
    symlink("user@host.42", root.join(".#a.txt")).unwrap(); // an editor's lock
    let fifo = Command::new("mkfifo")
        .arg(root.join("pipe.txt"))
        .status()
        .unwrap();
    assert!(fifo.success());
    let odd_name = std::ffi::OsStr::from_bytes(b"caf\xE9.txt");
    std::fs::write(root.join(odd_name), "Kiev").unwrap();

    let out = lint_folder(root, &[]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    let expected = [
        "broken.txt: a broken link (what it points to does not exist): not read",
        "pipe.txt: not a regular file (a FIFO, socket or device): not read",
        "a folder that holds it (a loop): not followed",
    ];
    for message in expected {
        assert!(err.contains(message), "{message}\n{err}");
    }
    assert!(
        !err.contains("notes.pdf") && !err.contains(".#a.txt"),
        "{err}"
    );
    let paths: Vec<String> = findings(&out)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("a.txt"), "{paths:?}");
    assert!(paths[1].ends_with("caf\u{FFFD}.txt"), "{paths:?}");
}

#[cfg(unix)]
#[test]
fn named_paths_that_cannot_be_read_are_reported_and_the_rest_linted() {
    let dir = folder(&[("a.txt", b"Kiev")]);
    let root = dir.path();
    std::os::unix::fs::symlink("self.txt", root.join("self.txt")).unwrap();
    let out = lint_jsonl(
        &[
            &root.join("self.txt"),
            &root.join("gone.txt"),
            &root.join("a.txt"),
        ],
        &[],
    );
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("self.txt: cannot read: Too many levels of symbolic links"),
        "{err}"
    );
    assert!(err.contains("gone.txt: no such file or folder"), "{err}");
    assert_eq!(findings(&out).len(), 1);
}

#[test]
fn a_file_that_vanishes_after_it_was_found_is_reported_and_the_rest_linted() {
    let dir = folder(&[("a.txt", b"Kiev"), ("b.txt", b"Kiev")]);
    let (inputs, errors) = discover(&[dir.path().to_path_buf()]);
    assert!(errors.is_empty());
    std::fs::remove_file(dir.path().join("a.txt")).unwrap();
    let rules = RuleSet::load(Some(Docs::Without), &[] as &[PathBuf]).unwrap();
    let linter = Linter::new(
        Engine::new(rules.rules),
        ReadOptions::default(),
        Config::default(),
    );
    let outcomes: Vec<Outcome> = inputs
        .iter()
        .map(|input| match input {
            Input::File(path) => linter.lint_path(path),
            Input::Stdin => unreachable!("no standard input here"),
        })
        .collect();
    match &outcomes[..] {
        [Outcome::Failed(e), Outcome::Linted { findings, .. }] => {
            assert!(e.path.ends_with("a.txt"), "{e}");
            assert!(e.message.contains("cannot read: No such file"), "{e}");
            assert_eq!(findings.len(), 1);
        }
        _ => panic!("expected a failure, then a linted file"),
    }
}

#[test]
fn malformed_rule_files_give_located_errors() {
    let cases = [
        ("unclosed-string", "rule.toml:4:20", "invalid basic string"),
        ("unknown-field", "rule.toml:6:1", "unknown field `colour`"),
        ("wrong-type", "rule.toml:5:11", "invalid type: string"),
        ("unknown-kind", "rule.toml:3:8", "unknown variant `regexp`"),
        (
            "missing-message",
            "rule.toml:1:1",
            "needs a `message` field",
        ),
        ("bad-regex", "rule.toml:5:11", "unclosed group"),
        ("huge-regex", "rule.toml:5:11", "the pattern is too large"),
        ("look-around", "rule.toml:5:11", "look-around"),
        ("bad-example", "rule.toml:6:13", "is not closed by `}}`"),
        ("empty", "rule.toml:1:1", "no rules in this file"),
    ];
    for (case, location, message) in cases {
        let dir = testdata(&format!("robust/rules/{case}"));
        let out = run(&["rules", "--rules", &dir.display().to_string()], b"");
        assert_eq!(code(&out), 2, "{case}");
        let err = stderr(&out);
        assert!(err.contains(location), "{case}: {err}");
        assert!(err.contains(message), "{case}: {err}");
    }
}

#[test]
fn a_deeply_nested_rule_file_is_an_error_not_a_crash() {
    let depth = 100_000;
    let text = format!(
        "[[rule]]\nid = \"house/a\"\nkind = \"phrase\"\nmessage = \"m\"\nphrases = {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let dir = folder(&[("rule.toml", text.as_bytes())]);
    let out = run(
        &["rules", "--rules", &dir.path().display().to_string()],
        b"",
    );
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("rule.toml:5:"),
        "{}",
        &err[..err.len().min(500)]
    );
    assert!(err.contains("recursion"), "{}", &err[..err.len().min(500)]);
}

#[test]
fn malformed_config_files_give_located_errors() {
    let cases = [
        ("unclosed-table", "mtlint.toml:1:10", "unclosed table"),
        ("unknown-key", "mtlint.toml:2:1", "unknown field `colour`"),
        ("bad-glob", "mtlint.toml:1:12", "invalid glob"),
        (
            "wrong-value",
            "mtlint.toml:1:11",
            "unknown variant `sometimes`",
        ),
        (
            "unknown-rule",
            "mtlint.toml:1:12",
            "no rule or pack is called",
        ),
    ];
    let article = testdata("fixtures/empty.txt").display().to_string();
    for (case, location, message) in cases {
        let config = testdata(&format!("robust/config/{case}/mtlint.toml"));
        let out = run(&["--config", &config.display().to_string(), &article], b"");
        assert_eq!(code(&out), 2, "{case}");
        let err = stderr(&out);
        assert!(err.contains(location), "{case}: {err}");
        assert!(err.contains(message), "{case}: {err}");
    }
}

#[test]
fn a_pathological_pattern_runs_in_linear_time() {
    // Nested repetition that a backtracking engine takes exponential time on.
    let rule = "[[rule]]\nid = \"house/nested\"\nkind = \"pattern\"\nmessage = \"m\"\n\
                pattern = '(x+x+)+y'\n";
    let rules = folder(&[("rule.toml", rule.as_bytes())]);
    let article = folder(&[("a.txt", "x".repeat(200_000).as_bytes())]);
    let started = Instant::now();
    let rules_dir = rules.path().display().to_string();
    let out = lint_folder(
        article.path(),
        &["--no-default-rules", "--rules", &rules_dir],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(findings(&out).is_empty());
    assert!(started.elapsed() < Duration::from_secs(20));
}

/// A closed pipe (`mtlint … | head -1`) ends the report, not the run: the
/// exit status still says that there were findings.
#[test]
fn a_closed_pipe_ends_the_report_quietly_in_every_format() {
    let article = folder(&[(
        "a.txt",
        "The mayor of Kiev spoke.\n\n".repeat(1_000).as_bytes(),
    )]);
    let path = article.path().join("a.txt").display().to_string();
    for format in [
        "human",
        "short",
        "jsonl",
        "json",
        "sarif",
        "github",
        "checkstyle",
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
            .args(["--format", format, &path])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("mtlint runs");
        let mut first = [0u8; 16];
        let mut stdout = child.stdout.take().expect("piped");
        stdout.read_exact(&mut first).expect("some output");
        drop(stdout); // as `head` does once it has its lines
        let out = child.wait_with_output().expect("mtlint finishes");
        assert_eq!(code(&out), 1, "{format}: the article has findings");
        assert_eq!(stderr(&out), "", "{format}");
    }
}

/// `mtlint --fix dir | head -1` once stopped at the first write to the
/// closed pipe and left most files unfixed, with exit 0.
#[test]
fn a_closed_pipe_does_not_stop_the_fixes() {
    let texts: Vec<(String, Vec<u8>)> = (0..300)
        .map(|i| {
            // The bracket has no fix: a finding of each file is printed.
            let text = format!(
                "Talks in Kiev resumed, file {i}.\n\nThe ministry (which denied it said nothing.\n"
            );
            (format!("{i:03}.txt"), text.into_bytes())
        })
        .collect();
    let files: Vec<(&str, &[u8])> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_slice()))
        .collect();
    let dir = folder(&files);
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["--fix", "--unsafe-fixes", "--format", "short"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mtlint runs");
    drop(child.stdout.take()); // closed before anything is read
    let out = child.wait_with_output().expect("mtlint finishes");
    let unfixed: Vec<&str> = texts
        .iter()
        .filter(|(name, _)| {
            std::fs::read_to_string(dir.path().join(name))
                .unwrap()
                .contains("Kiev")
        })
        .map(|(name, _)| name.as_str())
        .collect();
    assert!(unfixed.is_empty(), "left unfixed: {unfixed:?}");
    assert!(
        stderr(&out).contains("fixes applied: 300"),
        "{}",
        stderr(&out)
    );
    assert_eq!(code(&out), 1, "the brackets remain: {}", stderr(&out));
}

/// `mtlint /dev/zero` once read until the kernel killed it. A device named
/// on the command line is read like standard input: a window at a time, so
/// an endless one is seen to be binary and skipped.
#[test]
fn an_endless_device_named_on_the_command_line_is_read_with_a_bound() {
    if !Path::new("/dev/zero").exists() {
        eprintln!("skipped: no /dev/zero on this system");
        return;
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .arg("/dev/zero")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the mtlint binary runs");
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().expect("waitable") {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            panic!("mtlint /dev/zero was still reading after 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.contains("skipped /dev/zero: binary file"), "{err}");
}

/// Fixing writes a regular file in place of the one it read, so a device,
/// a FIFO or a socket is refused (it would become a regular file).
#[test]
fn fix_refuses_a_file_that_is_not_regular() {
    if !Path::new("/dev/null").exists() {
        eprintln!("skipped: no /dev/null on this system");
        return;
    }
    for mode in ["--fix", "--diff"] {
        let out = run(&[mode, "/dev/null"], b"");
        assert_eq!(code(&out), 2, "{mode}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("/dev/null: not a regular file"),
            "{mode}: {}",
            stderr(&out)
        );
    }
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(!meta.is_file(), "/dev/null is still a device");
}

/// html5gum 0.9 recursed once per attribute of a tag: a page with 30,000
/// attributes on one tag overflowed the stack and took every other file of
/// the run down with it (exit 134, no output).
#[test]
fn a_tag_with_tens_of_thousands_of_attributes_takes_nothing_down() {
    let page = format!(
        "<html><body><p {}>Kiev talks</p></body></html>",
        "a=\"x\" ".repeat(30_000)
    );
    let markdown = format!(
        "# Talks\n\nText.\n\n<p {}>Kiev</p>\n",
        "a=\"x\" ".repeat(30_000)
    );
    let dir = folder(&[
        ("a.html", page.as_bytes()),
        ("b.md", markdown.as_bytes()),
        ("c.txt", b"Talks in Kiev resumed on Monday.\n"),
    ]);
    let out = lint_folder(dir.path(), &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let mut files: Vec<String> = findings(&out)
        .iter()
        .filter(|f| f["rule"] == "names/kyiv")
        .map(file_name)
        .collect();
    files.sort();
    assert_eq!(files, ["a.html", "b.md", "c.txt"]);
}

/// `--write-baseline` renamed its file over whatever the path named: a FIFO
/// (or, as root, `/dev/full`) became a regular file. Only a regular file is
/// written.
#[cfg(unix)]
#[test]
fn the_baseline_is_not_written_over_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("baseline.json");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let shown = fifo.display().to_string();
    let out = run(&["--write-baseline", &shown, "testdata/articles"], b"");
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO is still a FIFO");
}

/// A file name with a line break or an escape character reached the
/// terminal raw: it broke the one-line `short` format and could drive the
/// terminal. Both formats write such characters as escapes.
#[cfg(unix)]
#[test]
fn control_characters_in_file_names_are_shown_escaped() {
    let dir = folder(&[
        ("a\nb.txt", b"Talks in Kiev resumed.\n"),
        ("c\u{1b}[31m.txt", b"Talks in Kiev resumed.\n"),
    ]);
    let shown = dir.path().display().to_string();
    let short = run(&["--format", "short", &shown], b"");
    let text = stdout(&short);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].contains("a\\nb.txt:1:10: warning[names/kyiv]"),
        "{lines:?}"
    );
    assert!(lines[1].contains("c\\u{1b}[31m.txt:1:10:"), "{lines:?}");
    let human = stdout(&run(&["--color", "never", &shown], b""));
    assert!(human.contains("a\\nb.txt:1:10"), "{human}");
    assert!(!human.contains('\u{1b}'), "{human}");
}
