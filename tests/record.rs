//! `mtlint test-rules --corpus DIR`: each rule's record on a folder of
//! articles, for people and as JSON.

mod common;
use common::*;

const RULES: &str = r#"[[rule]]
id = "house/trading"
kind = "pattern"
message = "trading"
pattern = '\btrading\b'
not_near = ["US", "said"]
examples = ["The {{trading}} is tense."]
near_misses = ["US trading fell."]

[[rule]]
id = "house/never"
kind = "phrase"
message = "never"
phrases = ["ghost town"]
examples = ["a {{ghost town}}"]
near_misses = ["a ghost"]

[[rule]]
id = "house/tense"
kind = "phrase"
message = "tense"
phrases = ["tense"]
not_near = ["trading"]
examples = ["It is {{tense}}."]
near_misses = ["The trading is tense."]
"#;

/// A rule folder and a corpus of three articles, and the record of one on
/// the other with `extra` arguments.
fn record(extra: &[&str]) -> std::process::Output {
    let rules = tempfile::tempdir().unwrap();
    std::fs::write(rules.path().join("house.toml"), RULES).unwrap();
    let corpus = tempfile::tempdir().unwrap();
    let articles = [
        "The trading is tense.\n",
        "US trading fell, the minister said.\n",
        "Markets were calm. The trading is tense, he said.\n",
    ];
    for (i, text) in articles.iter().enumerate() {
        std::fs::write(corpus.path().join(format!("{i}.txt")), text).unwrap();
    }
    let (rules, corpus) = (rules.path().display(), corpus.path().display());
    let (rules, corpus) = (rules.to_string(), corpus.to_string());
    let mut args = vec!["test-rules", &rules, "--corpus", &corpus];
    args.extend_from_slice(extra);
    run(&args, b"")
}

#[test]
fn the_record_shows_how_often_rules_fire_and_what_silenced_them() {
    let out = record(&[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("corpus record: 3 files, 3 rules: 1 fire, 2 never fire (1 of these had candidates that their conditions silenced)"),
        "{text}"
    );
    let row = |silenced: &str, condition: &str| {
        text.lines()
            .any(|l| l.trim_start().starts_with(silenced) && l.ends_with(condition))
    };
    assert!(row("2 of 3 (66%)", "not_near \"said\""), "{text}");
    assert!(row("1 of 3 (33%)", "not_near \"US\""), "{text}");
    assert!(row("2 of 2 (100%)", "not_near \"trading\""), "{text}");
    // Never-firing rules first, the one whose conditions silenced it on top.
    let rules: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("findings"))
        .skip(1)
        .collect();
    assert_eq!(
        rules,
        [
            "       0      0           2  house/tense",
            "       0      0           0  house/never",
            "       1      1           3  house/trading",
        ]
    );
}

#[test]
fn the_record_is_json_for_scripts() {
    let out = record(&["--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(value["files"], 3);
    let trading = value["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "house/trading")
        .unwrap();
    assert_eq!(
        (
            &trading["findings"],
            &trading["files"],
            &trading["candidates"]
        ),
        (
            &serde_json::json!(1),
            &serde_json::json!(1),
            &serde_json::json!(3)
        )
    );
    assert_eq!(
        trading["silenced"][0],
        serde_json::json!({"condition": "not_near", "entry": "said", "label": "not_near \"said\"", "silenced": 2})
    );
}

#[test]
fn a_record_format_needs_a_corpus() {
    let out = run(&["test-rules", "--format", "json"], b"");
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--corpus"), "{}", stderr(&out));
}

#[test]
fn a_record_without_silencing_says_so() {
    let rules = tempfile::tempdir().unwrap();
    std::fs::write(rules.path().join("house.toml"), RULES).unwrap();
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("a.txt"), "The mood is tense.\n").unwrap();
    let (rules, corpus) = (rules.path().display(), corpus.path().display());
    let out = run(
        &[
            "test-rules",
            &rules.to_string(),
            "--corpus",
            &corpus.to_string(),
        ],
        b"",
    );
    assert!(
        stdout(&out).contains("condition\n  (none)\n"),
        "{}",
        stdout(&out)
    );
}
