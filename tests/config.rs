//! `mtlint.toml`: discovery, every setting, and every kind of mistake.

mod common;
use common::*;
use std::path::Path;

/// A project folder with `mtlint.toml` holding `config` and the given articles.
fn project(config: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mtlint.toml"), config).unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn lint(dir: &Path, extra: &[&str]) -> std::process::Output {
    lint_jsonl(&[dir], extra)
}

fn rules_of(out: &std::process::Output) -> Vec<String> {
    findings(out)
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

const KIEV: &str = "Officials met in Kiev on Monday.\n";

#[test]
fn config_is_found_above_the_linted_path() {
    let dir = project("disable = [\"names/kyiv\"]\n", &[("desk/story.txt", KIEV)]);
    let out = lint(&dir.path().join("desk"), &[]);
    assert!(rules_of(&out).is_empty(), "{:?}", rules_of(&out));
    assert_eq!(code(&out), 0);
}

#[test]
fn config_named_with_flag_wins() {
    let dir = project("", &[("story.txt", KIEV)]);
    let other = dir.path().join("strict.toml");
    std::fs::write(&other, "disable = [\"names\"]\n").unwrap();
    let shown = other.display().to_string();
    let out = lint(dir.path(), &["--config", &shown]);
    assert!(rules_of(&out).is_empty());
}

#[test]
fn packs_can_be_disabled_and_single_rules_enabled_again() {
    let dir = project(
        "disable = [\"names\"]\nenable = [\"names/kyiv\"]\n",
        &[("story.txt", "Anthony Blinken arrived in Kiev.\n")],
    );
    assert_eq!(rules_of(&lint(dir.path(), &[])), ["names/kyiv"]);
}

#[test]
fn severities_are_overridden_by_rule_and_by_pack() {
    let dir = project(
        "[severity]\nnames = \"info\"\n\"names/kyiv\" = \"error\"\n",
        &[("story.txt", "Anthony Blinken arrived in Kiev.\n")],
    );
    let out = lint(dir.path(), &[]);
    let all = findings(&out);
    let severity = |rule: &str| all.iter().find(|f| f["rule"] == rule).unwrap()["severity"].clone();
    assert_eq!(severity("names/kyiv"), "error");
    assert_eq!(severity("names/public-figures"), "info");
}

#[test]
fn excluded_paths_are_not_linted() {
    let dir = project(
        "exclude = [\"drafts/**\"]\n",
        &[("drafts/a.txt", KIEV), ("b.txt", KIEV)],
    );
    let out = lint(dir.path(), &[]);
    let paths: Vec<String> = findings(&out)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths.len(), 1);
    assert!(paths[0].ends_with("b.txt"));
}

#[test]
fn per_path_overrides_apply_in_order() {
    let config = "[[override]]\npaths = [\"wire/**\"]\ndisable = [\"names/kyiv\"]\n";
    let dir = project(config, &[("wire/a.txt", KIEV), ("desk/b.txt", KIEV)]);
    let out = lint(dir.path(), &[]);
    let paths: Vec<String> = findings(&out)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths.len(), 1);
    assert!(paths[0].ends_with("desk/b.txt"), "{paths:?}");
}

#[test]
fn fail_on_comes_from_the_config_and_the_flag_overrides_it() {
    let dir = project("fail_on = \"error\"\n", &[("story.txt", KIEV)]);
    assert_eq!(code(&lint(dir.path(), &[])), 0);
    assert_eq!(code(&lint(dir.path(), &["--fail-on", "warning"])), 1);
    let strict = project(
        "[[override]]\npaths = [\"*.txt\"]\nfail_on = \"info\"\n",
        &[(
            "story.txt",
            "Headline\n\nJAKARTA - Officials met on Monday to discuss the budget for next year.\n",
        )],
    );
    assert_eq!(
        code(&lint(strict.path(), &[])),
        1,
        "the override is stricter"
    );
}

#[test]
fn source_language_from_config_skips_other_languages_rules() {
    // The Portuguese weekday `fourth (29)` is an error; the stray full stop
    // before it, a warning in any language, is left out with `--fail-on error`.
    let text = "The White House said today. fourth (29).\n";
    let errors_only = ["--fail-on", "error"];
    let pt = project("source_language = \"pt\"\n", &[("a.txt", text)]);
    assert_eq!(code(&lint(pt.path(), &errors_only)), 1);
    let de = project("source_language = \"de\"\n", &[("a.txt", text)]);
    assert_eq!(code(&lint(de.path(), &errors_only)), 0);
}

#[test]
fn extra_rule_folders_are_relative_to_the_config() {
    let rule = "[[rule]]\nid = \"house/ghost\"\nkind = \"phrase\"\nmessage = \"ghost\"\nphrases = [\"ghost town\"]\nexplanation = \"x\"\nexamples = [\"a {{ghost town}}\"]\nnear_misses = [\"a ghost\"]\n";
    let dir = project(
        "rules = [\"house\"]\n",
        &[
            ("house/ghost.toml", rule),
            ("story.txt", "It is a ghost town.\n"),
        ],
    );
    assert_eq!(rules_of(&lint(dir.path(), &[])), ["house/ghost"]);
}

fn assert_config_error(config: &str, location: &str, message: &str) {
    let dir = project(config, &[("story.txt", KIEV)]);
    let out = lint(dir.path(), &[]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("mtlint.toml:{location}")),
        "no {location} in {err}"
    );
    assert!(err.contains(message), "no {message:?} in {err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn unknown_key_is_located() {
    assert_config_error(
        "fail_on = \"error\"\nfial_on = \"x\"\n",
        "2:1",
        "unknown field `fial_on`",
    );
}

#[test]
fn bad_value_is_located() {
    assert_config_error(
        "fail_on = \"sometimes\"\n",
        "1:11",
        "unknown variant `sometimes`",
    );
}

#[test]
fn bad_severity_is_located() {
    assert_config_error(
        "[severity]\n\"names/kyiv\" = \"fatal\"\n",
        "2:16",
        "unknown variant `fatal`",
    );
}

#[test]
fn unknown_rule_name_is_located() {
    assert_config_error(
        "disable = [\"names/kiev\"]\n",
        "1:12",
        "no rule or pack is called `names/kiev`",
    );
}

#[test]
fn invalid_glob_is_located() {
    assert_config_error("exclude = [\"drafts/[\"]\n", "1:12", "invalid glob");
}

#[test]
fn bad_toml_is_located() {
    assert_config_error("fail_on = \n", "1:11", "");
}

#[test]
fn init_writes_a_starter_that_loads_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let run_init = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_mtlint"))
            .arg("init")
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    assert_eq!(code(&run_init()), 0);
    let written = std::fs::read_to_string(dir.path().join("mtlint.toml")).unwrap();
    assert!(written.contains("fail_on = \"warning\""));
    std::fs::write(dir.path().join("story.txt"), KIEV).unwrap();
    assert_eq!(
        code(&lint(dir.path(), &[])),
        1,
        "the starter loads and lints"
    );
    assert_eq!(code(&run_init()), 2, "an existing file is not overwritten");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mtlint.toml")).unwrap(),
        written
    );
}
