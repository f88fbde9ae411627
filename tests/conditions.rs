//! The conditions that narrow a match, as docs/rules.md describes them: the
//! case of context words, where they are looked for, the topic, words right
//! before or after, positions, quoted speech; and what the corpus record
//! counts of them.

use mtlint::Engine;
use mtlint::rules::filter::Silencer;
use mtlint::rules::record::{DocRecord, Totals};
use mtlint::rules::{Rule, RuleSource, load_rule_file};
use mtlint::source::{self, Document, Format};
use std::ops::Range;
use std::sync::Arc;

/// The rules of a rule file's text (a pattern rule needs no examples here).
fn rules(fields: &str) -> Vec<Rule> {
    let text = format!("[[rule]]\nid = \"test/rule\"\nmessage = \"m\"\n{fields}\n");
    let source = RuleSource {
        path: "test.toml".into(),
        pack: "test".into(),
        text: Arc::from(text.as_str()),
    };
    load_rule_file(Arc::new(source)).unwrap_or_else(|e| panic!("{}", e[0]))
}

/// A pattern rule for `pattern` with the given conditions.
fn pattern(pattern: &str, conditions: &str) -> Engine {
    Engine::new(rules(&format!(
        "kind = \"pattern\"\npattern = '{pattern}'\n{conditions}"
    )))
}

fn flagged(engine: &Engine, text: &str) -> Vec<String> {
    flagged_in(engine, &Document::new("a.txt", text.to_string()))
}

fn flagged_in(engine: &Engine, doc: &Document) -> Vec<String> {
    engine
        .check(doc)
        .into_iter()
        .map(|f| doc.text[f.span].to_string())
        .collect()
}

fn markdown(text: &str) -> Document {
    source::read("a.md", text.to_string(), Format::Markdown).unwrap()
}

#[test]
fn a_word_with_capitals_matches_only_its_capitals() {
    let engine = pattern(r"\bcongressman\b", r#"not_near = ["US"]"#);
    assert_eq!(
        flagged(&engine, "A congressman told us so."),
        ["congressman"]
    );
    assert!(flagged(&engine, "A US congressman said so.").is_empty());
    let engine = pattern(r"\bKingdom\b", r#"not_near = ["Kerry"]"#);
    assert!(flagged(&engine, "KERRY: the Kingdom won.").is_empty());
    assert_eq!(
        flagged(&engine, "Blue kerry: the Kingdom won."),
        ["Kingdom"]
    );
}

#[test]
fn a_lower_case_word_matches_in_any_case() {
    let engine = pattern(r"\b\d+ mln\b", r#"not_near = ["update"]"#);
    for text in [
        "UPDATE: 5 mln sold.",
        "Update: 5 mln sold.",
        "An update: 5 mln sold.",
    ] {
        assert!(flagged(&engine, text).is_empty(), "{text}");
    }
    assert_eq!(flagged(&engine, "Updated: 5 mln sold."), ["5 mln"]);
}

#[test]
fn the_match_s_own_words_are_not_its_context() {
    let engine = pattern(r"\bmilitary ranks\b", r#"not_near = ["military"]"#);
    assert_eq!(
        flagged(&engine, "He joined the military ranks."),
        ["military ranks"]
    );
    assert!(flagged(&engine, "The military said he joined the military ranks.").is_empty());
    let engine = pattern(r"\bsentence of the court\b", r#"near = ["court"]"#);
    assert!(flagged(&engine, "The sentence of the court was read.").is_empty());
}

#[test]
fn a_match_scope_looks_only_in_the_match_s_own_words() {
    let engine = pattern(
        r"\bthe \w+ of \w+",
        "not_near = [\"head\"]\nnot_near_scope = \"match\"",
    );
    assert!(flagged(&engine, "He met the head of state.").is_empty());
    assert_eq!(
        flagged(&engine, "The head met the minister of finance."),
        ["the minister of finance"]
    );
}

#[test]
fn a_window_of_zero_words_is_an_error_that_names_the_match_scope() {
    let text = "[[rule]]\nid = \"test/r\"\nmessage = \"m\"\nkind = \"pattern\"\npattern = 'x'\nnot_near = [\"of\"]\nnot_near_words = 0\n";
    let source = RuleSource {
        path: "test.toml".into(),
        pack: "test".into(),
        text: Arc::from(text),
    };
    let errors = load_rule_file(Arc::new(source)).unwrap_err();
    assert!(
        errors[0]
            .message
            .contains("write `not_near_scope = \"match\"`"),
        "{}",
        errors[0]
    );
}

#[test]
fn near_looks_in_the_sentence_by_default() {
    let engine = pattern(r"\btrading\b", r#"not_near = ["stock*"]"#);
    assert!(flagged(&engine, "Stocks fell in trading.").is_empty());
    assert_eq!(
        flagged(&engine, "Stocks fell. The trading is tense."),
        ["trading"]
    );
    let engine = pattern(
        r"\btrading\b",
        "not_near = [\"stock*\"]\nnot_near_scope = \"paragraph\"",
    );
    assert!(flagged(&engine, "Stocks fell. The trading is tense.").is_empty());
}

#[test]
fn a_words_window_counts_words_on_either_side_of_the_match() {
    let engine = pattern(
        r"\bnew balance\b",
        "not_near = [\"power\"]\nnot_near_words = 3",
    );
    assert!(flagged(&engine, "A new balance of power emerged.").is_empty());
    assert_eq!(
        flagged(&engine, "A new balance is 30 dead after power cuts."),
        ["new balance"]
    );
}

#[test]
fn topic_words_are_looked_for_in_the_whole_article() {
    let engine = pattern(
        r"\btrading\b",
        "topic = [\"talks\"]\nnot_topic = [\"crore\"]",
    );
    let text = "Talks resumed on Monday.\n\nThe trading is tense.";
    assert_eq!(flagged(&engine, text), ["trading"]);
    assert!(flagged(&engine, "The trading is tense.").is_empty());
    let text = "Talks resumed.\n\nThe trading is tense.\n\nIt cost 4 crore.";
    assert!(flagged(&engine, text).is_empty());
}

#[test]
fn an_article_scope_is_the_topic_written_the_older_way() {
    let older = pattern(
        r"\btrading\b",
        "near = [\"talks\"]\nnear_scope = \"article\"",
    );
    let text = "Talks resumed on Monday.\n\nThe trading is tense.";
    assert_eq!(flagged(&older, text), ["trading"]);
    let both = "kind = \"pattern\"\npattern = 'x'\nnear = [\"a\"]\nnear_scope = \"article\"\ntopic = [\"b\"]\n";
    let source = RuleSource {
        path: "test.toml".into(),
        pack: "test".into(),
        text: Arc::from(format!("[[rule]]\nid = \"test/r\"\nmessage = \"m\"\n{both}").as_str()),
    };
    let errors = load_rule_file(Arc::new(source)).unwrap_err();
    assert!(errors[0].message.contains("give `topic` or that, not both"));
}

#[test]
fn punctuation_in_not_followed_by_and_not_preceded_by_is_matched_as_written() {
    let engine = pattern(r"\bKingdom\b", r#"not_followed_by = ["(", "'s"]"#);
    assert!(flagged(&engine, "The Kingdom (Saudi Arabia) spoke.").is_empty());
    assert!(flagged(&engine, "The Kingdom's view.").is_empty());
    assert_eq!(flagged(&engine, "The Kingdom spoke (again)."), ["Kingdom"]);
    let engine = pattern(r"\bCongress\b", r#"not_preceded_by = ["U.S."]"#);
    assert!(flagged(&engine, "The U.S. Congress met.").is_empty());
    assert_eq!(flagged(&engine, "The US Congress met."), ["Congress"]);
}

/// The 0-based lines where `engine` flags something in plain `text`.
fn lines_flagged(engine: &Engine, text: &str) -> Vec<usize> {
    let doc = Document::new("a.txt", text.to_string());
    engine
        .check(&doc)
        .iter()
        .map(|f| doc.lines.line_of(f.span.start))
        .collect()
}

#[test]
fn not_at_headline_spares_the_first_line_of_plain_text() {
    let text = "\nExports hit 5 mln\n\nExports hit 5 mln in May.";
    let engine = pattern(r"\b\d+ mln\b", r#"not_at = ["headline"]"#);
    assert_eq!(lines_flagged(&engine, text), [3]);
    let engine = pattern(r"\b\d+ mln\b", r#"at = "headline""#);
    assert_eq!(lines_flagged(&engine, text), [1]);
}

#[test]
fn the_headline_of_markdown_is_a_heading() {
    let engine = pattern(r"\b\d+ mln\b", r#"not_at = ["headline"]"#);
    let doc = markdown("Intro line.\n\n## Exports hit 5 mln\n\nExports hit 6 mln in May.\n");
    assert_eq!(flagged_in(&engine, &doc), ["6 mln"]);
}

#[test]
fn quote_outside_leaves_quoted_speech_alone() {
    let engine = pattern(r"\b[Tt]he enemy \w+", r#"quote = "outside""#);
    assert!(flagged(&engine, "“The enemy attacked at dawn,” he said.").is_empty());
    assert!(flagged(&engine, "He said: \"the enemy attacked\" at dawn.").is_empty());
    assert_eq!(
        flagged(&engine, "“We held,” he said. The enemy attacked."),
        ["The enemy attacked"]
    );
    assert_eq!(
        flagged(
            &engine,
            "\"We held,\" he said. \"Then\" the enemy attacked."
        ),
        ["the enemy attacked"]
    );
    // A quotation over two paragraphs opens each with a mark.
    let text = "“We held the line.\n\n“The enemy attacked at dawn.”";
    assert!(flagged(&engine, text).is_empty());
}

#[test]
fn quote_inside_keeps_only_quoted_speech_and_block_quotes() {
    let engine = pattern(r"\b[Tt]he enemy \w+", r#"quote = "inside""#);
    assert_eq!(
        flagged(&engine, "The enemy left. “The enemy attacked,” he said."),
        ["The enemy attacked"]
    );
    let doc = markdown("The enemy left.\n\n> The enemy attacked at dawn.\n");
    assert_eq!(flagged_in(&engine, &doc), ["The enemy attacked"]);
}

/// Every condition of a rule with several, for the record's tests.
const MANY: &str = r#"kind = "pattern"
pattern = '\btrading\b'
not_near = ["said", "told", "US"]
not_followed_by = ["day"]
quote = "outside"
"#;

fn silencers(rule: &Rule, text: &str) -> Vec<Silencer> {
    let doc = Document::new("a.txt", text.to_string());
    let at = text.find("trading").unwrap();
    rule.filter.silencers(&doc, &(at..at + 7))
}

#[test]
fn silencers_name_every_condition_that_rejects_a_match_and_every_word_found() {
    let rule = &rules(MANY)[0];
    let found = silencers(rule, "“US trading day,” he said and told.");
    let mut labels: Vec<String> = found.iter().map(|s| rule.filter.describe(*s)).collect();
    labels.sort();
    assert_eq!(
        labels,
        [
            "not_followed_by \"day\"",
            "not_near \"US\"",
            "not_near \"said\"",
            "not_near \"told\"",
            "quote = \"outside\"",
        ]
    );
    assert!(silencers(rule, "The trading is tense.").is_empty());
}

#[test]
fn silencers_and_accepts_agree() {
    let rule = &rules(MANY)[0];
    for text in [
        "The trading is tense.",
        "The trading day, he said.",
        "“The trading,” he told us.",
        "US trading fell.",
    ] {
        let doc = Document::new("a.txt", text.to_string());
        let at = text.find("trading").unwrap();
        let span: Range<usize> = at..at + 7;
        assert_eq!(
            rule.filter.accepts(&doc, &span),
            rule.filter.silencers(&doc, &span).is_empty(),
            "{text}"
        );
    }
}

#[test]
fn the_record_counts_candidates_findings_files_and_silencing_words() {
    let engine = Engine::new(rules(MANY));
    let texts = [
        "The trading is tense. The trading went on, he said.",
        "US trading fell, he said.",
        "Nothing here.",
    ];
    let totals = texts.iter().fold(Totals::default(), |totals, text| {
        totals.with(engine.record(&Document::new("a.txt", text.to_string())))
    });
    let record = totals.report(engine.rules());
    assert_eq!(record.files, 3);
    let rule = &record.rules[0];
    assert_eq!(
        (rule.candidates, rule.findings, rule.files),
        (3, 1, 1),
        "{rule:?}"
    );
    let counts: Vec<(&str, Option<&str>, usize)> = rule
        .silenced
        .iter()
        .map(|s| (s.condition, s.entry.as_deref(), s.silenced))
        .collect();
    assert_eq!(
        counts,
        [("not_near", Some("said"), 2), ("not_near", Some("US"), 1)]
    );
    assert!(record.human().contains("2 of 3 (66%)"));
}

#[test]
fn the_record_lists_never_firing_rules_first_most_candidates_first() {
    let mut set = rules(MANY);
    set.extend(rules("kind = \"pattern\"\npattern = '\\bnever\\b'"));
    set.extend(rules(
        "kind = \"pattern\"\npattern = '\\btense\\b'\nnot_near = [\"trading\"]",
    ));
    set[1].meta.id = Arc::from("test/b");
    set[2].meta.id = Arc::from("test/c");
    let engine = Engine::new(set);
    let doc = Document::new("a.txt", "The trading is tense.".to_string());
    let record = Totals::default()
        .with(engine.record(&doc))
        .report(engine.rules());
    let order: Vec<&str> = record.rules.iter().map(|r| r.rule.as_str()).collect();
    // test/c never fires but had a candidate; test/b had none.
    assert_eq!(order, ["test/c", "test/b", "test/rule"]);
}

#[test]
fn a_document_record_counts_a_candidate_once_per_span() {
    let set = rules("kind = \"phrase\"\nphrases = [\"trading\"]");
    let doc = Document::new("a.txt", "Trading rose.".to_string());
    let candidates = vec![
        mtlint::rules::kinds::Candidate::new(0..7),
        mtlint::rules::kinds::Candidate::new(0..7),
    ];
    let record = DocRecord::new(&set[0], &doc, candidates);
    let report = Totals::default().with(vec![Some(record)]).report(&set);
    assert_eq!(
        (report.rules[0].candidates, report.rules[0].findings),
        (1, 1)
    );
}

/// A paragraph of megabytes (text without blank lines) is searched for
/// context words only so far either side of each match, so that many matches
/// in it do not each walk the whole of it.
#[test]
fn context_in_a_huge_paragraph_is_looked_for_within_reach_of_the_match() {
    let engine = pattern(
        r"\bghost town\b",
        "not_near = [\"haunted\"]\nnot_near_scope = \"paragraph\"",
    );
    let filler = "The council met and the vote was close.\n".repeat(100);
    let near = format!("The haunted house stands.\n{filler}It is a ghost town now.");
    assert_eq!(flagged(&engine, &near), Vec::<String>::new());
    let far_filler = filler.repeat(10); // about 40 KB, past the reach
    let far = format!("The haunted house stands.\n{far_filler}It is a ghost town now.");
    assert_eq!(flagged(&engine, &far), ["ghost town"]);
}
