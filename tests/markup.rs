//! Markdown and HTML articles: findings land on the bytes of the file as
//! written (after entities, multi-byte characters and CRLF), non-prose is
//! never flagged, inline markup splits no phrase, front matter takes effect,
//! and headings, captions and quotes are scopes that rules can keep to.
//!
//! The rules are `testdata/markup/rules`, small and fixed, so that these tests
//! do not move when the shipped packs change.

mod common;
use common::*;
use mtlint::source::{self, Format, Scope};
use serde_json::Value;

const RULES: &[&str] = &["--no-default-rules", "--rules", "testdata/markup/rules"];

fn fixture(name: &str) -> String {
    std::fs::read_to_string(testdata(&format!("markup/{name}"))).expect("fixture readable")
}

/// The findings of one fixture, under the test rules and `extra` flags.
fn lint(name: &str, extra: &[&str]) -> Vec<Value> {
    let args: Vec<&str> = RULES.iter().chain(extra).copied().collect();
    let out = lint_jsonl(&[&testdata(&format!("markup/{name}"))], &args);
    assert!(code(&out) <= 1, "{}", stderr(&out));
    findings(&out)
}

fn lint_stdin(name: &str, text: &str, extra: &[&str]) -> Vec<Value> {
    let mut args: Vec<&str> = RULES.to_vec();
    args.extend_from_slice(extra);
    args.extend(["--format", "jsonl", "--stdin-filename", name, "-"]);
    let out = run(&args, text.as_bytes());
    assert!(code(&out) <= 1, "{}", stderr(&out));
    findings(&out)
}

fn of_rule<'a>(all: &'a [Value], rule: &str) -> Vec<&'a Value> {
    all.iter().filter(|f| f["rule"] == rule).collect()
}

fn lines(findings: &[&Value]) -> Vec<u64> {
    findings
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect()
}

/// The file's own bytes at a finding's `start..end`.
fn flagged<'a>(file: &'a str, f: &Value) -> &'a str {
    let start = f["start"].as_u64().unwrap() as usize;
    let end = f["end"].as_u64().unwrap() as usize;
    &file[start..end]
}

/// Each finding's line and column, worked out here from its byte offset,
/// agree with the report, and its `text` is the file's bytes there.
fn assert_positions_agree(file: &str, findings: &[Value]) {
    for f in findings {
        let start = f["start"].as_u64().unwrap() as usize;
        let before = &file[..start];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(line as u64), Some(column as u64)),
            "{f}"
        );
        assert_eq!(f["text"], flagged(file, f), "{f}");
    }
}

#[test]
fn markdown_findings_land_on_the_words_in_the_file() {
    let file = fixture("article.md");
    let all = lint("article.md", &[]);
    let kiev = of_rule(&all, "test/kiev");
    // Heading, the repeated headline, bold text, after `&amp;`, image alt text.
    assert_eq!(lines(&kiev), [6, 8, 10, 10, 20]);
    assert!(kiev.iter().all(|f| flagged(&file, f) == "Kiev"));
    // "Café owners in **Kiev**": 17 characters but 18 bytes before it.
    assert_eq!(kiev[2]["column"].as_u64(), Some(18));
    assert_positions_agree(&file, &all);
}

#[test]
fn markdown_non_prose_is_never_flagged() {
    // Front matter (2), link target and title, autolink, inline code (12),
    // code blocks (14, 17), image URL (20), comment (22), script (24).
    let all = lint("article.md", &[]);
    let flagged_lines = lines(&all.iter().collect::<Vec<_>>());
    for line in [2, 12, 14, 17, 22, 24] {
        assert!(!flagged_lines.contains(&line), "line {line}: {all:#?}");
    }
    assert_eq!(
        lines(&of_rule(&all, "test/kiev"))
            .iter()
            .filter(|&&l| l == 20)
            .count(),
        1,
        "the alt text, not the image URL"
    );
}

#[test]
fn html_findings_land_after_entities_and_multibyte_characters() {
    let file = fixture("article.html");
    let all = lint("article.html", &[]);
    let kiev = of_rule(&all, "test/kiev");
    // h1, figcaption, link text after `Caf&eacute;`, before `&nbsp;`, quote.
    assert_eq!(lines(&kiev), [10, 11, 12, 13, 15]);
    assert!(kiev.iter().all(|f| flagged(&file, f) == "Kiev"));
    assert_positions_agree(&file, &all);
}

#[test]
fn html_non_prose_is_never_flagged() {
    // title (5), style (6), script (7), comment (16), noscript (17),
    // template (18), pre and code (19); attributes: alt (11), href (12).
    let all = lint("article.html", &[]);
    let flagged_lines = lines(&all.iter().collect::<Vec<_>>());
    for line in [5, 6, 7, 16, 17, 18, 19] {
        assert!(!flagged_lines.contains(&line), "line {line}: {all:#?}");
    }
    // The alt and href attributes hold "Kiev" too; only the text is flagged.
    let kiev = lines(&of_rule(&all, "test/kiev"));
    for line in [11, 12] {
        assert_eq!(
            kiev.iter().filter(|&&l| l == line).count(),
            1,
            "line {line}"
        );
    }
}

#[test]
fn a_phrase_split_by_inline_markup_still_matches() {
    let md = fixture("article.md");
    let hits = lint("article.md", &[]);
    let hits = of_rule(&hits, "test/touching-the-base");
    assert_eq!(hits.len(), 1);
    assert_eq!(flagged(&md, hits[0]), "touching *the* base");

    let html = fixture("article.html");
    let hits = lint("article.html", &[]);
    let hits = of_rule(&hits, "test/touching-the-base");
    assert_eq!(hits.len(), 1, "not the one in <script>");
    assert_eq!(flagged(&html, hits[0]), "touching <em>the</em>\n   base");
}

#[test]
fn crlf_files_report_the_right_bytes_lines_and_columns() {
    let md = fixture("crlf.md");
    let all = lint("crlf.md", &[]);
    let kiev = of_rule(&all, "test/kiev");
    assert_eq!(lines(&kiev), [6, 7]);
    assert!(kiev.iter().all(|f| flagged(&md, f) == "Kiev"));
    assert_positions_agree(&md, &all);

    let html = fixture("crlf.html");
    let all = lint("crlf.html", &[]);
    let kiev = of_rule(&all, "test/kiev");
    // The second is after a CRLF and `&#8212;`.
    assert_eq!(lines(&kiev), [1, 3]);
    assert!(kiev.iter().all(|f| flagged(&html, f) == "Kiev"));
    let phrase = of_rule(&all, "test/touching-the-base");
    assert_eq!(flagged(&html, phrase[0]), "touching <b>the</b>\r\n  base");
    assert_positions_agree(&html, &all);
}

#[test]
fn front_matter_source_lang_takes_effect_unless_the_command_line_says_otherwise() {
    // The weekday rule is for Portuguese; article.md declares Spanish.
    assert!(of_rule(&lint("article.md", &[]), "test/pt-weekday").is_empty());
    assert_eq!(
        of_rule(
            &lint("article.md", &["--source-lang", "pt"]),
            "test/pt-weekday"
        )
        .len(),
        1
    );
    assert_eq!(
        of_rule(&lint("no-front-matter.md", &[]), "test/pt-weekday").len(),
        1
    );
}

#[test]
fn front_matter_title_is_the_headline_to_look_for() {
    // The heading that prints the title is not a copy; the paragraph is.
    let all = lint("article.md", &[]);
    assert_eq!(lines(&of_rule(&all, "test/headline")), [8]);
    // Without front matter the first line is the headline: the same body
    // starting with a different line has no repeated headline.
    let body =
        "Talks go on\n\nBlinken and Kuleba meet in Kiev\n\nBlinken and Kuleba meet in Kiev\n";
    let titled = format!("---\ntitle: Blinken and Kuleba meet in Kiev\n---\n{body}");
    assert!(of_rule(&lint_stdin("a.md", body, &[]), "test/headline").is_empty());
    assert_eq!(
        lines(&of_rule(&lint_stdin("a.md", &titled, &[]), "test/headline")),
        [6, 8]
    );
}

#[test]
fn broken_toml_front_matter_is_an_error_at_its_line() {
    let out = run(
        &["--stdin-filename", "story.md", "-"],
        b"+++\ntitle = \"ok\"\nlang = \n+++\nBody.\n",
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("story.md:3:"), "{}", stderr(&out));
}

#[test]
fn scopes_restrict_rules_where_markup_tells_them_apart() {
    let all = lint("article.html", &[]);
    // "Breaking" and "Photograph:" also open the body paragraph on line 14.
    assert_eq!(lines(&of_rule(&all, "test/breaking-in-heading")), [10]);
    assert_eq!(lines(&of_rule(&all, "test/photograph-in-caption")), [11]);
    assert_eq!(lines(&of_rule(&all, "test/kiev-in-quote")), [15]);
    // Plain text does not tell a heading from the body: the rule runs anywhere.
    let text = "Breaking news came later.\n";
    assert!(of_rule(&lint_stdin("a.html", text, &[]), "test/breaking-in-heading").is_empty());
    assert_eq!(
        of_rule(&lint_stdin("a.txt", text, &[]), "test/breaking-in-heading").len(),
        1
    );
}

#[test]
fn headings_are_known_as_headings() {
    let md = source::read("t.md", "# Talks\n\nBody.\n".into(), Format::Markdown).unwrap();
    assert_eq!(md.scopes_at(0), Some(vec![Scope::Heading]));
    assert_eq!(
        md.scopes_at(md.text.find("Body").unwrap()),
        Some(vec![Scope::Body])
    );
    let html = source::read("t.html", "<h2>Talks</h2><p>Body.</p>".into(), Format::Html).unwrap();
    assert_eq!(html.scopes_at(0), Some(vec![Scope::Heading]));
    let text = source::read("t.txt", "Talks\n\nBody.\n".into(), Format::Text).unwrap();
    assert_eq!(text.scopes_at(0), None);
}

#[test]
fn a_markdown_subheading_is_no_stray_subheading() {
    // The shipped check: a lone lower-case line between paragraphs.
    let body = |line: &str| {
        format!(
            "The call is the second this month.\n\n{line}\n\nIn this context, Blinken spoke by phone.\n"
        )
    };
    let stray = |name: &str, text: &str| {
        let out = run(
            &["--format", "jsonl", "--stdin-filename", name, "-"],
            text.as_bytes(),
        );
        findings(&out)
            .iter()
            .filter(|f| f["rule"] == "structure/stray-subheading")
            .count()
    };
    assert_eq!(stray("a.txt", &body("reassure Ukraine")), 1);
    assert_eq!(stray("a.md", &body("reassure Ukraine")), 1);
    assert_eq!(stray("a.md", &body("## reassure Ukraine")), 0);
    assert_eq!(
        stray(
            "a.html",
            "<p>The call is the second this month.</p><h2>reassure Ukraine</h2><p>In this context, Blinken spoke by phone.</p>"
        ),
        0
    );
}

#[test]
fn comments_are_kept_apart_from_the_prose() {
    let md = source::read("t.md", fixture("article.md"), Format::Markdown).unwrap();
    let html = source::read("t.html", fixture("article.html"), Format::Html).unwrap();
    for doc in [&md, &html] {
        let comments: Vec<&str> = doc
            .comments
            .iter()
            .map(|r| &doc.source_text()[r.clone()])
            .collect();
        assert_eq!(comments, ["<!-- Kiev in a comment -->"]);
        assert!(!doc.text.contains("comment"));
    }
}

#[test]
fn folders_include_html_files() {
    let out = lint_jsonl(&[&testdata("markup")], RULES);
    let all = findings(&out);
    let paths: Vec<&str> = all.iter().filter_map(|f| f["path"].as_str()).collect();
    for name in ["article.html", "crlf.html", "article.md"] {
        assert!(paths.iter().any(|p| p.ends_with(name)), "{name}: {paths:?}");
    }
}
