//! Rule files as a rule author writes them: every kind of mistake is reported
//! at the rule file's own line and column with exit status 2; user rules
//! extend and override the shipped ones; `test-rules` runs examples.

mod common;
use common::*;
use std::path::Path;

/// A fresh folder whose only rule file is `text`, and its path as shown.
fn rule_folder(text: impl AsRef<[u8]>) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("house.toml"), text).unwrap();
    let shown = dir.path().display().to_string();
    (dir, shown)
}

/// Writes `text` as the only rule file of a fresh folder and lints stdin with it.
fn with_rule(text: &str, input: &[u8]) -> (std::process::Output, tempfile::TempDir) {
    let (dir, shown) = rule_folder(text);
    let out = run(&["--format", "jsonl", "--rules", &shown, "-"], input);
    (out, dir)
}

fn assert_rule_error(text: &str, location: &str, message: &str) {
    let (out, _dir) = with_rule(text, b"text");
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("house.toml:{location}")),
        "no {location} in: {err}"
    );
    assert!(err.contains(message), "no {message:?} in: {err}");
    assert!(
        stdout(&out).is_empty(),
        "nothing is linted with a broken rule set"
    );
}

const GOOD: &str = r#"[[rule]]
id = "house/ghost"
kind = "phrase"
message = "ghost word"
phrases = ["ghost town"]
examples = ["a {{ghost town}}"]
near_misses = ["a ghost"]
"#;

#[test]
fn bad_toml_is_located() {
    assert_rule_error("[[rule]\nid = 1", "1:8", "unclosed array table");
}

#[test]
fn unknown_kind_is_located() {
    assert_rule_error(
        &GOOD.replace("\"phrase\"", "\"phrases\""),
        "3:8",
        "unknown variant `phrases`",
    );
}

#[test]
fn unknown_field_is_located() {
    assert_rule_error(
        &GOOD.replace("message =", "mesage ="),
        "",
        "unknown field `mesage`",
    );
}

#[test]
fn field_of_another_kind_is_located() {
    let text = GOOD.replace(
        "phrases = [\"ghost town\"]",
        "phrases = [\"ghost town\"]\npattern = 'x'",
    );
    assert_rule_error(&text, "6:11", "`pattern` does not apply to a `phrase` rule");
}

#[test]
fn invalid_regex_is_located() {
    let text = GOOD
        .replace("kind = \"phrase\"", "kind = \"pattern\"")
        .replace("phrases = [\"ghost town\"]", "pattern = 'ghost (town'");
    assert_rule_error(&text, "5:11", "invalid regular expression");
}

#[test]
fn missing_message_is_located_at_the_rule() {
    assert_rule_error(
        &GOOD.replace("message = \"ghost word\"\n", ""),
        "1:1",
        "needs a `message` field",
    );
}

#[test]
fn example_without_a_marked_span_is_located() {
    assert_rule_error(
        &GOOD.replace("{{ghost town}}", "ghost town"),
        "6:13",
        "marks no span",
    );
}

#[test]
fn duplicate_ids_in_one_folder_are_located() {
    let text = format!("{GOOD}\n{GOOD}");
    assert_rule_error(&text, "9:1", "rule id `house/ghost` is already used");
}

#[test]
fn severity_out_of_range_is_located() {
    assert_rule_error(
        &GOOD.replace("message =", "severity = \"fatal\"\nmessage ="),
        "4:12",
        "unknown variant `fatal`",
    );
}

#[test]
fn a_user_rule_extends_the_shipped_set() {
    let (out, _dir) = with_rule(GOOD, b"It is a ghost town now.");
    assert_eq!(code(&out), 1);
    let all = findings(&out);
    assert_eq!(all[0]["rule"], "house/ghost");
    assert_eq!(all[0]["message"], "ghost word");
    assert_eq!(
        (all[0]["start"].as_u64(), all[0]["end"].as_u64()),
        (Some(8), Some(18))
    );
}

#[test]
fn a_user_rule_replaces_the_shipped_rule_with_its_id() {
    let text = GOOD
        .replace("house/ghost", "names/kyiv")
        .replace("ghost town", "Kiev");
    let (out, _dir) = with_rule(&text, b"In Kiev.");
    let all = findings(&out);
    assert_eq!(all.len(), 1);
    assert_eq!(
        all[0]["message"], "ghost word",
        "the user's rule ran, not the shipped one"
    );
}

#[test]
fn test_rules_reports_a_misbehaving_example_at_its_place() {
    let text = GOOD.replace(
        "near_misses = [\"a ghost\"]",
        "near_misses = [\"a ghost town\"]",
    );
    let (_dir, shown) = rule_folder(text);
    let out = run(&["test-rules", &shown], b"");
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("house.toml:7:16"), "{err}");
    assert!(
        err.contains("near-miss of `house/ghost` must not be flagged"),
        "{err}"
    );
    assert!(stdout(&out).contains("0 passed, 1 failed"));
}

#[test]
fn test_rules_warns_about_a_not_near_word_common_in_news() {
    let text = GOOD.replace(
        "phrases = [\"ghost town\"]",
        "phrases = [\"ghost town\"]\nnot_near = [\"haunt*\", \"said\"]",
    );
    let (_dir, shown) = rule_folder(text);
    let out = run(&["test-rules", &shown], b"");
    assert_eq!(code(&out), 0, "a warning does not fail: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: `said` is common in news: as a `not_near` word of `house/ghost`"),
        "{err}"
    );
    assert!(err.contains("house.toml:6:23"), "{err}");
    assert!(!err.contains("`haunt*`"), "{err}");
}

#[test]
fn test_rules_does_not_warn_about_words_looked_for_in_the_match() {
    let text = GOOD.replace(
        "phrases = [\"ghost town\"]",
        "phrases = [\"ghost town\"]\nnot_near = [\"said\"]\nnot_near_scope = \"match\"",
    );
    let (_dir, shown) = rule_folder(text);
    let out = run(&["test-rules", &shown], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

#[test]
fn shipped_rules_pass_their_own_examples() {
    let out = run(&["test-rules"], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains(" 0 failed"));
}

#[test]
fn every_shipped_rule_documents_itself_with_examples_and_near_misses() {
    let dirs = [root().join("rules")];
    let mut undocumented = Vec::new();
    for entry in walk(&dirs[0]) {
        let text = std::fs::read_to_string(&entry).unwrap();
        let value: toml::Value = toml::from_str(&text).unwrap();
        for rule in value["rule"].as_array().unwrap() {
            // A lexicon's entries carry their own examples (the loader
            // requires an `eg:` and an `ok:` on every line).
            let fields: &[&str] = if rule["kind"].as_str() == Some("lexicon") {
                &["explanation", "entries"]
            } else {
                &["explanation", "examples", "near_misses"]
            };
            for &field in fields {
                let present = rule.get(field).is_some_and(|v| {
                    v.as_str().is_none_or(|s| !s.is_empty())
                        && v.as_array().is_none_or(|a| !a.is_empty())
                });
                if !present {
                    undocumented.push(format!(
                        "{}: {} has no {field}",
                        entry.display(),
                        rule["id"]
                    ));
                }
            }
        }
    }
    assert!(undocumented.is_empty(), "{undocumented:#?}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    out
}

const LEXICON: &str = r#"[[rule]]
id = "house/false-friends"
kind = "lexicon"
message = "`{text}` is a false friend"
not_near = ["football"]
entries = '''
# wrong => right | context | examples
actual government => current government | eg: The {{actual government}} fell. | ok: The actual cost rose.
eventual => possible | near: candidate* | eg: the {{eventual}} candidates | ok: the eventual winner
eventual => final | near: outcome | not near: vote | eg: the {{eventual}} outcome | ok: the eventual outcome of the vote
'''
"#;

#[test]
fn a_lexicon_entry_is_a_rule_with_its_own_context() {
    let input = "The actual government met the eventual candidates. The eventual winner left.\n\n\
                 The actual government of football resigned.";
    let (out, _dir) = with_rule(LEXICON, input.as_bytes());
    let found: Vec<(String, String, serde_json::Value)> = findings(&out)
        .into_iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["text"].as_str().unwrap().to_string(),
                f["replacements"].clone(),
            )
        })
        .filter(|(rule, _, _)| rule.starts_with("house/"))
        .collect();
    let expected = [
        (
            "house/false-friends/actual-government",
            "actual government",
            serde_json::json!(["current government"]),
        ),
        (
            "house/false-friends/eventual",
            "eventual",
            serde_json::json!(["possible"]),
        ),
    ]
    .map(|(r, t, v)| (r.to_string(), t.to_string(), v));
    assert_eq!(
        found, expected,
        "the entry's `near:` decides, and the lexicon's `not_near` applies to every entry"
    );
}

#[test]
fn test_rules_runs_every_lexicon_entry_and_lists_a_second_listing_apart() {
    let (_dir, shown) = rule_folder(LEXICON);
    let out = run(&["test-rules", &shown], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("3 rules"), "{}", stdout(&out));
    let listed = run(&["rules", "--no-default-rules", "--rules", &shown], b"");
    assert!(
        stdout(&listed).contains("house/false-friends/eventual-2"),
        "{}",
        stdout(&listed)
    );
}

#[test]
fn a_failing_lexicon_example_is_reported_at_its_entry_line() {
    let text = LEXICON.replace("ok: The actual cost rose.", "ok: The actual government");
    let (_dir, shown) = rule_folder(text);
    let out = run(&["test-rules", &shown], b"");
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("house.toml:8:1"), "{err}");
    assert!(
        err.contains("near-miss of `house/false-friends/actual-government` must not be flagged"),
        "{err}"
    );
}

#[test]
fn a_malformed_lexicon_entry_is_located_at_its_line() {
    assert_rule_error(
        &LEXICON.replace("| near: candidate* |", "| nearby: candidate* |"),
        "9:1",
        "unknown field `nearby:`",
    );
    assert_rule_error(
        &LEXICON.replace(" | ok: The actual cost rose.", ""),
        "8:1",
        "`actual government` needs an example",
    );
    assert_rule_error(
        &LEXICON.replace("eventual => final |", "eventual => |"),
        "10:1",
        "nothing after `=>`",
    );
}

#[test]
fn a_lexicon_with_no_entries_is_an_error() {
    let head = LEXICON.split("entries").next().unwrap();
    let text = format!("{head}entries = '''\n# nothing yet\n'''\n");
    assert_rule_error(&text, "6:11", "`entries` holds no entry");
}

const LINE_SHAPE: &str = r#"[[rule]]
id = "house/lone-date"
kind = "pattern"
message = "a date alone on a line"
pattern = '^[ \t]*\d{1,2} (?:May|June)(?: \d{4})?[ \t]*$'
max_line_chars = 8
explanation = "x"
examples = ["Talks\n{{12 May}}\nThe talks began."]
near_misses = ["Talks\nThe talks began."]
"#;

#[test]
fn max_line_chars_keeps_a_rule_to_short_lines() {
    let input = "Talks\n\n12 May\n\n12 May 2024\n\n3 June\n";
    let (out, _dir) = with_rule(LINE_SHAPE, input.as_bytes());
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let lines: Vec<u64> = findings(&out)
        .iter()
        .filter(|f| f["rule"] == "house/lone-date")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [3, 7], "`12 May 2024` is 11 characters long");
}

#[test]
fn a_first_lines_pattern_finds_a_match_that_runs_past_the_last_counted_line() {
    let rule = LINE_SHAPE
        .replace("max_line_chars = 8", "first_lines = 2")
        .replace(
            r"'^[ \t]*\d{1,2} (?:May|June)(?: \d{4})?[ \t]*$'",
            r"'^\d{1,2}\n(?:May|June)$'",
        )
        .replace("{{12 May}}", r"{{12\nMay}}");
    let input = "Talks\n12\nMay\nThe talks began.\n\n14\nJune\n";
    let (out, _dir) = with_rule(&rule, input.as_bytes());
    let found: Vec<(u64, String)> = findings(&out)
        .iter()
        .filter(|f| f["rule"] == "house/lone-date")
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(found, [(2, "12\nMay".to_string())]);
}
