//! The `language` rules: untranslated sentences are flagged with their
//! language, runs of another script with their script, and clean English with
//! foreign names, places, titles and loanwords raises nothing.

mod common;
use common::*;
use serde_json::Value;

/// Rows of a two-column TSV with a header line.
fn rows(name: &str) -> Vec<(String, String)> {
    std::fs::read_to_string(testdata(name))
        .expect("test data readable")
        .lines()
        .skip(1)
        .map(|l| {
            let (a, b) = l.split_once('\t').expect("two columns");
            (a.to_string(), b.to_string())
        })
        .collect()
}

/// The findings of the `language/…` rules on one test file.
fn language_findings(file: &str) -> Vec<Value> {
    let out = lint_jsonl(&[&testdata(file)], &[]);
    assert!(code(&out) < 2, "{}", stderr(&out));
    findings(&out)
        .into_iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("language/"))
        .collect()
}

fn finding_for<'a>(findings: &'a [Value], rule: &str, text: &str) -> Option<&'a Value> {
    findings
        .iter()
        .find(|f| f["rule"] == rule && f["text"] == text)
}

#[test]
fn untranslated_sentences_are_flagged_with_their_language() {
    let expected = rows("language/untranslated.tsv");
    let languages: std::collections::HashSet<&str> =
        expected.iter().map(|(l, _)| l.as_str()).collect();
    assert!(languages.len() >= 10, "only {} languages", languages.len());
    for (_, sentence) in &expected {
        // Six words, or as much text in a script written without spaces.
        assert!(
            sentence.split_whitespace().count() >= 6 || sentence.chars().count() >= 20,
            "too short to count: {sentence}"
        );
    }
    let found = language_findings("language/untranslated.txt");
    for (language, sentence) in &expected {
        let finding = finding_for(&found, "language/untranslated", sentence)
            .unwrap_or_else(|| panic!("{language} not flagged: {sentence}\nfound: {found:#?}"));
        let message = finding["message"].as_str().unwrap();
        assert!(
            message.contains(&format!(" looks {language} (")) && message.contains("not English"),
            "{language}: {message}"
        );
    }
    assert_eq!(
        found.len(),
        expected.len(),
        "unexpected findings: {found:#?}"
    );
}

#[test]
fn clean_english_with_foreign_names_places_titles_and_loanwords_raises_nothing() {
    let found = language_findings("language/clean-english.txt");
    assert!(found.is_empty(), "false positives: {found:#?}");
    let found = language_findings("clean");
    assert!(
        found.is_empty(),
        "false positives in testdata/clean: {found:#?}"
    );
}

#[test]
fn runs_of_another_script_are_flagged_with_their_script() {
    let expected = rows("language/script-runs.tsv");
    let found = language_findings("language/script-runs.txt");
    for (script, run) in &expected {
        let finding = finding_for(&found, "language/script-run", run)
            .unwrap_or_else(|| panic!("{script} run not flagged: {run}\nfound: {found:#?}"));
        let message = finding["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("in {script} script")),
            "{message}"
        );
    }
    assert_eq!(
        found.len(),
        expected.len(),
        "unexpected findings: {found:#?}"
    );
}

#[test]
fn an_article_is_checked_against_the_language_it_declares() {
    let found = language_findings("language/declared-portuguese.md");
    let texts: Vec<&str> = found.iter().map(|f| f["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        ["The minister said the measures would take effect early next month."]
    );
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("looks English") && message.contains("not Portuguese"),
        "{message}"
    );
}

#[test]
fn explain_documents_the_gate_and_every_compiled_in_language() {
    let out = run(&["explain", "language/untranslated"], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("The gate."), "{text}");
    for language in lingua::Language::all() {
        assert!(
            text.contains(&language.to_string()),
            "{language} not listed:\n{text}"
        );
    }
}

/// A copy of the shipped rule with one setting changed, alone in a rule folder.
fn lint_with_setting(setting: &str, file: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let rule = std::fs::read_to_string(root().join("rules/language/untranslated.toml"))
        .unwrap()
        .replace(
            "detect = \"language\"\n",
            &format!("detect = \"language\"\n{setting}\n"),
        );
    std::fs::write(dir.path().join("untranslated.toml"), rule).unwrap();
    let dir_arg = dir.path().display().to_string();
    let file_arg = testdata(file).display().to_string();
    let args = [
        "--format",
        "jsonl",
        "--no-default-rules",
        "--rules",
        &dir_arg,
        &file_arg,
    ];
    run(&args, b"")
}

#[test]
fn settings_in_the_rule_file_apply() {
    let flagged = |out: &std::process::Output| findings(out).len();
    let default = lint_with_setting("", "language/untranslated.txt");
    assert_eq!(flagged(&default), rows("language/untranslated.tsv").len());
    // No sentence in the file has 20 words: only the spans in another script,
    // which need no word count, remain.
    let long_only = lint_with_setting("min_words = 20", "language/untranslated.txt");
    let texts: Vec<String> = findings(&long_only)
        .iter()
        .map(|f| f["text"].as_str().unwrap().to_string())
        .collect();
    let other_script = rows("language/untranslated.tsv")
        .iter()
        .filter(|(_, s)| !s.chars().any(|c| c.is_ascii_alphabetic()))
        .count();
    assert_eq!(texts.len(), other_script, "{texts:#?}");
    assert!(
        texts
            .iter()
            .all(|t| !t.chars().any(|c| c.is_ascii_alphabetic())),
        "{texts:#?}"
    );
}

#[test]
fn a_language_that_is_not_compiled_in_is_an_error_at_its_place() {
    let out = lint_with_setting("languages = [\"en\", \"xx\"]", "language/untranslated.txt");
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("`xx` is not the ISO 639-1 code"), "{err}");
    assert!(err.contains("untranslated.toml:5:"), "{err}");
}
