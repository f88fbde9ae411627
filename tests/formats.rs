//! Every `--format` on one small fixture linted with house rules only (so the
//! shipped rules can change without touching these outputs): exact text for
//! the line formats, parsed key fields for JSON and SARIF, SARIF validated
//! against the SARIF 2.1.0 schema, and fingerprints that survive edits.

mod common;
use common::*;
use serde_json::{Value, json};

const STORY: &str = "testdata/formats/story.txt";
const CLEAN: &str = "testdata/formats/clean.txt";

/// Lints the story and a clean file with the house rules of testdata/formats.
fn lint_fixture(format: &str) -> std::process::Output {
    let out = run(
        &[
            "--no-default-rules",
            "--rules",
            "testdata/formats/rules",
            "--format",
            format,
            STORY,
            CLEAN,
        ],
        b"",
    );
    // The story holds an error and a warning.
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    out
}

fn lint_fixture_json(format: &str) -> Value {
    let text = stdout(&lint_fixture(format));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not one JSON document: {e}\n{text}"))
}

#[test]
fn short_prints_one_line_per_finding() {
    assert_eq!(
        stdout(&lint_fixture("short")),
        "\
testdata/formats/story.txt:1:45: warning[house/kiev] `Kiev` is spelled `Kyiv` in our copy
testdata/formats/story.txt:3:1: info[house/to-note] `To note,` is a calque; write `Notably,`
testdata/formats/story.txt:3:68: error[house/weekday-number] `third (14)`: a weekday <written> as a number & \"quoted\", 100% wrong: fix it, or ask the desk
"
    );
}

#[test]
fn github_prints_workflow_commands_with_escaped_data() {
    assert_eq!(
        stdout(&lint_fixture("github")),
        "\
::warning file=testdata/formats/story.txt,line=1,col=45,endLine=1,endColumn=49,title=house/kiev::`Kiev` is spelled `Kyiv` in our copy
::notice file=testdata/formats/story.txt,line=3,col=1,endLine=3,endColumn=9,title=house/to-note::`To note,` is a calque; write `Notably,`
::error file=testdata/formats/story.txt,line=3,col=68,endLine=3,endColumn=78,title=house/weekday-number::`third (14)`: a weekday <written> as a number & \"quoted\", 100%25 wrong: fix it,%0Aor ask the desk
"
    );
}

#[test]
fn checkstyle_lists_every_file_with_escaped_errors() {
    assert_eq!(
        stdout(&lint_fixture("checkstyle")),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<checkstyle version="4.3">
  <file name="testdata/formats/story.txt">
    <error line="1" column="45" severity="warning" message="`Kiev` is spelled `Kyiv` in our copy" source="house/kiev"/>
    <error line="3" column="1" severity="info" message="`To note,` is a calque; write `Notably,`" source="house/to-note"/>
    <error line="3" column="68" severity="error" message="`third (14)`: a weekday &lt;written&gt; as a number &amp; &quot;quoted&quot;, 100% wrong: fix it,&#10;or ask the desk" source="house/weekday-number"/>
  </file>
  <file name="testdata/formats/clean.txt">
  </file>
</checkstyle>
"#
    );
}

#[test]
fn checkstyle_with_no_files_is_still_a_whole_document() {
    let empty = tempfile::tempdir().unwrap();
    let out = run(
        &[
            "--format",
            "checkstyle",
            &empty.path().display().to_string(),
        ],
        b"",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n</checkstyle>\n"
    );
}

#[test]
fn json_holds_the_jsonl_records_and_a_summary() {
    let document = lint_fixture_json("json");
    let jsonl = findings(&lint_fixture("jsonl"));
    assert_eq!(jsonl.len(), 3);
    assert_eq!(document["findings"], Value::Array(jsonl));
    assert_eq!(
        document["summary"],
        json!({
            "total": 3,
            "by_severity": { "error": 1, "warning": 1, "info": 1 },
            "files_checked": 2,
            "files_with_findings": 1,
            "files_failed": 0,
            "files_skipped": 0,
        })
    );
}

#[test]
fn sarif_lists_every_rule_of_the_run_with_its_metadata() {
    let log = lint_fixture_json("sarif");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "mtlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "house/kiev",
            "house/weekday-number",
            "house/to-note",
            "mtlint/unused-suppression"
        ]
    );
    let kiev = &rules[0];
    assert_eq!(
        kiev["shortDescription"]["text"],
        "`{text}` is spelled `{suggestion}` in our copy"
    );
    assert_eq!(
        kiev["fullDescription"]["text"],
        "House style follows the wire services."
    );
    assert_eq!(kiev["defaultConfiguration"]["level"], "warning");
    let help = kiev["help"]["text"].as_str().unwrap();
    assert!(help.starts_with("house/kiev\n") && help.contains("Talks in [Kiev] resumed."));
    // No explanation, no fullDescription; info is SARIF's `note`.
    assert!(rules[2].get("fullDescription").is_none());
    assert_eq!(rules[2]["defaultConfiguration"]["level"], "note");
}

#[test]
fn sarif_results_carry_rule_level_message_and_region() {
    let log = lint_fixture_json("sarif");
    let results = log["runs"][0]["results"].as_array().unwrap();
    let summary: Vec<(&str, u64, &str)> = results
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap(),
                r["ruleIndex"].as_u64().unwrap(),
                r["level"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("house/kiev", 0, "warning"),
            ("house/to-note", 2, "note"),
            ("house/weekday-number", 1, "error"),
        ]
    );
    assert_eq!(
        results[2]["message"]["text"],
        "`third (14)`: a weekday <written> as a number & \"quoted\", 100% wrong: fix it,\nor ask the desk"
    );
    let location = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], STORY);
    // Columns count characters: `—`, `“` and `”` come before `Kiev` on its
    // line, so the byte offset is 6 past the column.
    assert_eq!(
        location["region"],
        json!({
            "startLine": 1, "startColumn": 45, "endLine": 1, "endColumn": 49,
            "byteOffset": 50, "byteLength": 4,
        })
    );
    let bytes = std::fs::read(root().join(STORY)).unwrap();
    assert_eq!(&bytes[50..54], b"Kiev");
}

#[test]
fn sarif_offers_fixes_only_for_safe_replacements() {
    let log = lint_fixture_json("sarif");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(
        results[0]["fixes"],
        json!([{
            "description": { "text": "replace with `Kyiv`" },
            "artifactChanges": [{
                "artifactLocation": { "uri": STORY },
                "replacements": [{
                    "deletedRegion": {
                        "startLine": 1, "startColumn": 45, "endLine": 1, "endColumn": 49,
                        "byteOffset": 50, "byteLength": 4,
                    },
                    "insertedContent": { "text": "Kyiv" },
                }],
            }],
        }])
    );
    // `house/to-note` has an unsafe fix, `house/weekday-number` none.
    assert!(results[1].get("fixes").is_none());
    assert!(results[2].get("fixes").is_none());
}

fn sarif_validator() -> jsonschema::Validator {
    let path = testdata("schemas/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, log: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF: {errors:#?}");
}

#[test]
fn sarif_is_valid_against_the_sarif_2_1_0_schema() {
    let validator = sarif_validator();
    assert_valid_sarif(&validator, &lint_fixture_json("sarif"));
    // Every shipped rule's metadata and the findings of the example articles.
    let out = run(&["--format", "sarif", "testdata/articles"], b"");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
    assert_valid_sarif(&validator, &log);
    // A path that is not a valid URI as written.
    let out = run(
        &[
            "--format",
            "sarif",
            "--stdin-filename",
            "my desk/a:b é.txt",
            "-",
        ],
        b"Talks in Kiev ended.\n",
    );
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "my%20desk/a%3Ab%20%C3%A9.txt"
    );
    assert_valid_sarif(&validator, &log);
    // A run with no results.
    let out = run(&["--format", "sarif", CLEAN], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(log["runs"][0]["results"], json!([]));
    assert_valid_sarif(&validator, &log);
}

#[test]
fn the_schema_check_rejects_broken_sarif() {
    let validator = sarif_validator();
    let mut log = lint_fixture_json("sarif");
    log["runs"][0]["results"][0]["level"] = json!("warn");
    assert!(!validator.is_valid(&log));
}

/// The fingerprint of the one `house/kiev` result of linting `text`.
fn kiev_fingerprint(text: &str) -> String {
    let out = run(
        &[
            "--no-default-rules",
            "--rules",
            "testdata/formats/rules",
            "--format",
            "sarif",
            "-",
        ],
        text.as_bytes(),
    );
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let kiev: Vec<&Value> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "house/kiev")
        .collect();
    assert_eq!(kiev.len(), 1, "{log:#}");
    kiev[0]["partialFingerprints"]["mtlintContext/v1"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn fingerprints_survive_a_paragraph_above_and_follow_the_flagged_text() {
    let story = "VIENNA — Talks resumed.\n\nThe ministers flew to Kiev on Monday.\n";
    let before = kiev_fingerprint(story);
    let inserted = kiev_fingerprint(
        "VIENNA — Talks resumed.\n\nA paragraph added above, long enough to move every line and offset.\n\nThe ministers flew to Kiev on Monday.\n",
    );
    assert_eq!(before, inserted);
    let changed =
        kiev_fingerprint("VIENNA — Talks resumed.\n\nThe ministers flew to Kiew on Monday.\n");
    assert_ne!(before, changed);
}

#[test]
fn sarif_lists_the_built_in_suppression_rule_its_results_point_to() {
    let out = run(
        &[
            "--format",
            "sarif",
            "--no-default-rules",
            "--rules",
            "testdata/suppress/rules",
            "testdata/suppress/unused.md",
        ],
        b"",
    );
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let unused: Vec<&Value> = results
        .iter()
        .filter(|r| r["ruleId"] == "mtlint/unused-suppression")
        .collect();
    assert!(!unused.is_empty(), "{results:?}");
    for result in unused {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], "mtlint/unused-suppression");
    }
    assert_valid_sarif(&sarif_validator(), &log);
}

/// A compiler shows a long line only around the span: a megabyte line
/// printed whole for each of its findings was gigabytes of output.
#[test]
fn human_output_shows_a_long_line_only_around_the_span() {
    let before = "The minister spoke at length. ".repeat(100);
    let after = " The talks went on for days.".repeat(100);
    let line = format!("{before}Talks in Kiev resumed.{after}\n");
    let column = before.chars().count() + "Talks in ".len() + 1;
    let out = run(
        &["--color", "never", "--stdin-filename", "long.txt", "-"],
        line.as_bytes(),
    );
    let text = stdout(&out);
    assert!(text.contains(&format!("long.txt:1:{column}")), "{text}");
    let shown = text
        .lines()
        .find(|l| l.starts_with("1 │"))
        .expect("the source line is shown");
    assert!(shown.contains("Talks in Kiev resumed."), "{shown}");
    assert!(
        shown.len() < 600,
        "{} bytes of a {}-byte line shown",
        shown.len(),
        line.len()
    );
    let caret = text.lines().find(|l| l.contains("^^^^")).unwrap();
    assert_eq!(
        shown.find("Kiev").map(|i| shown[..i].chars().count()),
        caret.find('^').map(|i| caret[..i].chars().count()),
        "the caret stands under the word"
    );
}
