//! `language`: text that is not in the article's expected language, which is
//! the language the file declares (`Document::language`) or else the rule's
//! `expected_language` (English by default).
//!
//! The spans looked at are sentences, cut at line breaks so that a caption or
//! a menu item on a line of its own is a span too. With `detect = "language"`
//! a span is flagged when lingua is sure enough it is in another language;
//! lingua is slow (about a millisecond a sentence), so a cheap gate in
//! [`profile`] sends it only spans that do not look English. With
//! `detect = "script"`, runs of another script inside a span in the expected
//! script are flagged by their Unicode script alone, however short. The two
//! split the work: a span mostly in another script is the first's, a few
//! words of another script inside English the second's.

mod profile;
mod script;

use super::Candidate;
use crate::error::LocatedError;
use crate::rules::load::BuildCx;
use crate::rules::spec::{Detect, RuleSpec};
use crate::source::Document;
use lingua::{IsoCode639_1, Language as Lang, LanguageDetector, LanguageDetectorBuilder};
use profile::{Profile, Verdict};
use script::{Scripts, foreign_runs, is_gloss, native_scripts, only_language_of};
use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};
use toml::Spanned;
use unicode_script::Script;

const DEFAULT_MIN_WORDS: usize = 5;
const DEFAULT_MIN_LETTERS: usize = 2;
const DEFAULT_MIN_CONFIDENCE: f64 = 0.9;

#[derive(Clone)]
pub struct Language {
    detect: Detect,
    /// Used when the article does not declare its language.
    expected: Lang,
    /// The languages lingua chooses among (the expected one included).
    languages: Vec<Lang>,
    min_words: usize,
    min_letters: usize,
    /// How sure lingua must be that a span is not in the expected language.
    min_confidence: f64,
    message: String,
    /// Built on first need and shared by the clones of the rule, so that an
    /// article with no suspicious span never builds it nor touches a model.
    detector: Arc<OnceLock<LanguageDetector>>,
}

impl fmt::Debug for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Language")
            .field("detect", &self.detect)
            .field("expected", &self.expected)
            .field("languages", &self.languages)
            .field("min_words", &self.min_words)
            .field("min_letters", &self.min_letters)
            .field("min_confidence", &self.min_confidence)
            .finish_non_exhaustive()
    }
}

pub fn build(cx: &BuildCx, spec: &RuleSpec) -> Result<Language, LocatedError> {
    let detect = spec
        .detect
        .as_ref()
        .map_or(Detect::Language, |d| *d.get_ref());
    if detect == Detect::Script {
        reject_for_script(cx, spec)?;
    }
    let expected = match &spec.expected_language {
        Some(code) => compiled_language(code.get_ref())
            .ok_or_else(|| cx.error(code.span(), not_compiled(code.get_ref())))?,
        None => Lang::English,
    };
    let mut languages = match &spec.languages {
        Some(codes) => languages_of(cx, codes)?,
        None => Lang::all().into_iter().collect(),
    };
    languages.push(expected);
    languages.sort();
    languages.dedup();
    let min_confidence = spec
        .min_confidence
        .as_ref()
        .map_or(Ok(DEFAULT_MIN_CONFIDENCE), |c| {
            let value = *c.get_ref();
            if value > 0.0 && value <= 1.0 {
                Ok(value)
            } else {
                Err(cx.error(
                    c.span(),
                    "`min_confidence` is a number above 0 and at most 1",
                ))
            }
        })?;
    Ok(Language {
        detect,
        expected,
        languages,
        min_words: at_least_one(cx, &spec.min_words, "min_words", DEFAULT_MIN_WORDS)?,
        min_letters: at_least_one(cx, &spec.min_letters, "min_letters", DEFAULT_MIN_LETTERS)?,
        min_confidence,
        message: cx
            .required(&spec.message, "message", "language")?
            .get_ref()
            .clone(),
        detector: Arc::new(OnceLock::new()),
    })
}

/// Script runs need no lingua: its settings would silently do nothing.
fn reject_for_script(cx: &BuildCx, spec: &RuleSpec) -> Result<(), LocatedError> {
    let lingua_only = [
        ("min_words", spec.min_words.as_ref().map(Spanned::span)),
        ("languages", spec.languages.as_ref().map(Spanned::span)),
        (
            "min_confidence",
            spec.min_confidence.as_ref().map(Spanned::span),
        ),
    ];
    match lingua_only.into_iter().find_map(|(n, s)| s.map(|s| (n, s))) {
        Some((name, span)) => Err(cx.error(
            span,
            format!("`{name}` does not apply to `detect = \"script\"` (it is for `detect = \"language\"`)"),
        )),
        None => Ok(()),
    }
}

fn at_least_one(
    cx: &BuildCx,
    field: &Option<Spanned<usize>>,
    name: &str,
    default: usize,
) -> Result<usize, LocatedError> {
    match field {
        None => Ok(default),
        Some(n) if *n.get_ref() >= 1 => Ok(*n.get_ref()),
        Some(n) => Err(cx.error(n.span(), format!("`{name}` must be at least 1"))),
    }
}

fn languages_of(cx: &BuildCx, codes: &Spanned<Vec<String>>) -> Result<Vec<Lang>, LocatedError> {
    let mut languages = Vec::new();
    for code in codes.get_ref() {
        let language =
            compiled_language(code).ok_or_else(|| cx.error(codes.span(), not_compiled(code)))?;
        languages.push(language);
    }
    if languages.is_empty() {
        return Err(cx.error(codes.span(), "`languages` needs at least one language"));
    }
    Ok(languages)
}

/// The compiled-in language of an ISO 639-1 code ("pt"), of a tag that
/// starts with one ("en-GB", as an HTML `lang` says), or of its English name.
fn compiled_language(tag: &str) -> Option<Lang> {
    let primary = tag.split(['-', '_']).next().unwrap_or("").trim();
    IsoCode639_1::from_str(primary)
        .map(|code| Lang::from_iso_code_639_1(&code))
        .or_else(|_| Lang::from_str(tag.trim()))
        .ok()
}

fn not_compiled(code: &str) -> String {
    let mut compiled: Vec<String> = Lang::all()
        .iter()
        .map(|l| l.iso_code_639_1().to_string())
        .collect();
    compiled.sort();
    format!(
        "`{code}` is not the ISO 639-1 code of a language compiled into mtlint ({})",
        compiled.join(", ")
    )
}

impl Language {
    pub fn find(&self, doc: &Document) -> Vec<Candidate> {
        let expected = match &doc.language {
            Some(tag) => compiled_language(tag),
            None => Some(self.expected),
        };
        // lingua cannot confirm a language it does not choose among: with it
        // missing, every sentence would look foreign. Such articles are left alone.
        let Some(expected) = expected.filter(|l| self.languages.contains(l)) else {
            return Vec::new();
        };
        let native = native_scripts(expected);
        if self.detect == Detect::Script && doc.text.is_ascii() && native.contains(&Script::Latin) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for unit in units(doc) {
            let text = &doc.text[unit.clone()];
            let words = doc.words_in(unit.clone()).map(|(_, w)| w);
            match self.detect {
                Detect::Language => {
                    out.extend(self.check_language(text, words, unit, expected, native))
                }
                Detect::Script => out.extend(self.check_script(text, words, unit.start, expected)),
            }
        }
        out
    }

    fn check_language<'a>(
        &self,
        text: &str,
        words: impl Iterator<Item = &'a str>,
        unit: Range<usize>,
        expected: Lang,
        native: Scripts,
    ) -> Option<Candidate> {
        let profile = Profile::of(text, words, native);
        let verdict = profile.verdict(self.min_words, self.min_letters, expected == Lang::English);
        let (language, confidence) = match verdict {
            Verdict::Pass => return None,
            Verdict::OtherScript(script) => match only_language_of(script) {
                Some(name) => (name.to_string(), 1.0),
                // lingua knows no language of this script: name the script.
                None => self
                    .ask(text, expected)
                    .unwrap_or_else(|| (script.full_name().to_string(), 1.0)),
            },
            Verdict::Ask => self.ask(text, expected)?,
        };
        let fields = [
            ("{unit}", unit_name(text).to_string()),
            ("{language}", language),
            ("{confidence}", format!("{confidence:.2}")),
            ("{expected}", expected.to_string()),
            ("{text}", text.to_string()),
        ];
        Some(Candidate {
            message: Some(fill(&self.message, &fields)),
            ..Candidate::new(unit)
        })
    }

    /// lingua's most likely language for `text` and its confidence, when
    /// that is not `expected` and lingua is sure enough that `text` is not
    /// in `expected`; `None` otherwise.
    fn ask(&self, text: &str, expected: Lang) -> Option<(String, f64)> {
        let detector = self
            .detector
            .get_or_init(|| LanguageDetectorBuilder::from_languages(&self.languages).build());
        let values = detector.compute_language_confidence_values(text);
        let &(top, confidence) = values.first()?;
        let of_expected = values
            .iter()
            .find(|(l, _)| *l == expected)
            .map_or(0.0, |&(_, c)| c);
        (top != expected && confidence > 0.0 && 1.0 - of_expected >= self.min_confidence)
            .then(|| (top.to_string(), confidence))
    }

    fn check_script<'a>(
        &self,
        text: &str,
        words: impl Iterator<Item = &'a str>,
        base: usize,
        expected: Lang,
    ) -> Vec<Candidate> {
        let native = native_scripts(expected);
        if text.is_ascii() && native.contains(&Script::Latin) {
            return Vec::new();
        }
        let profile = Profile::of(text, words, native);
        if profile.foreign_letters() > profile.native_letters {
            return Vec::new(); // a span in another script: the `detect = "language"` rule's
        }
        foreign_runs(text, native)
            .into_iter()
            .filter(|run| run.letters >= self.min_letters && !is_gloss(text, &run.span))
            .map(|run| {
                let fields = [
                    ("{script}", run.script.to_string()),
                    ("{expected}", expected.to_string()),
                    ("{text}", text[run.span.clone()].to_string()),
                ];
                Candidate {
                    message: Some(fill(&self.message, &fields)),
                    ..Candidate::new(base + run.span.start..base + run.span.end)
                }
            })
            .collect()
    }
}

/// Sentence stops, those of Chinese, Japanese, Hindi and Arabic included.
const STOPS: &[char] = &['.', '!', '?', '…', '。', '！', '？', '।', '؟'];

/// CJK stops end a sentence with no space after them.
const CJK_STOPS: &[char] = &['。', '！', '？'];

/// Sentences, cut at line breaks (a caption or menu item has its own line)
/// and before a sentence in a script without case: the sentence splitter
/// waits for a capital after a full stop, which Chinese, Arabic or Hindi never
/// bring, and would read "…forecast. 政府表示…。" as one sentence.
fn units(doc: &Document) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for sentence in doc.sentences() {
        let mut start = sentence.start;
        for line in doc.text[sentence.clone()].split_inclusive('\n') {
            split_before_caseless(&doc.text, start..start + line.len(), &mut out);
            start += line.len();
        }
    }
    out
}

fn split_before_caseless(text: &str, span: Range<usize>, out: &mut Vec<Range<usize>>) {
    let caseless = |c: char| c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase();
    let mut start = span.start;
    for (i, c) in text[span.clone()].char_indices() {
        if !STOPS.contains(&c) {
            continue;
        }
        let closed = text[span.start + i + c.len_utf8()..span.end].trim_start_matches(is_closing);
        let next = closed
            .trim_start_matches(|c: char| c.is_whitespace() || "\"'“‘(«「『[".contains(c))
            .chars()
            .next();
        if next.is_some_and(caseless)
            || (CJK_STOPS.contains(&c) && next.is_some_and(char::is_alphabetic))
        {
            let cut = span.end - closed.len();
            push_trimmed(text, start..cut, out);
            start = cut;
        }
    }
    push_trimmed(text, start..span.end, out);
}

fn is_closing(c: char) -> bool {
    "\"'”’)]»」』".contains(c)
}

fn push_trimmed(text: &str, span: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[span.clone()];
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        let lead = slice.len() - slice.trim_start().len();
        out.push(span.start + lead..span.start + lead + trimmed.len());
    }
}

/// "sentence" when the span ends like one, else "line" (a caption, a label).
fn unit_name(text: &str) -> &'static str {
    if text.trim_end_matches(is_closing).ends_with(STOPS) {
        "sentence"
    } else {
        "line"
    }
}

fn fill(template: &str, fields: &[(&str, String)]) -> String {
    fields
        .iter()
        .fold(template.to_string(), |out, (key, value)| {
            out.replace(key, value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn language_rule() -> Language {
        Language {
            detect: Detect::Language,
            expected: Lang::English,
            languages: Lang::all().into_iter().collect(),
            min_words: DEFAULT_MIN_WORDS,
            min_letters: DEFAULT_MIN_LETTERS,
            min_confidence: DEFAULT_MIN_CONFIDENCE,
            message: "{unit}: {language}".into(),
            detector: Arc::new(OnceLock::new()),
        }
    }

    fn doc(text: &str) -> Document {
        Document::new("t", text.to_string())
    }

    #[test]
    fn lingua_is_loaded_only_for_a_suspicious_span() {
        let rule = language_rule();
        let english = doc(
            "The minister said on Tuesday that the talks would resume next week.\n\n\
             Officials in Brussels declined to comment on the report, which was leaked.",
        );
        assert!(rule.find(&english).is_empty());
        // A script of one language names it without lingua.
        let korean = doc("정부는 새로운 규정이 내년 초부터 시행될 것이라고 밝혔다.");
        assert_eq!(
            rule.find(&korean)[0].message.as_deref(),
            Some("sentence: Korean")
        );
        assert!(rule.detector.get().is_none());
        let portuguese =
            doc("O ministro disse que as negociações serão retomadas na próxima semana.");
        assert_eq!(
            rule.find(&portuguese)[0].message.as_deref(),
            Some("sentence: Portuguese")
        );
        assert!(rule.detector.get().is_some());
    }

    #[test]
    fn an_article_in_a_language_lingua_does_not_know_is_left_alone() {
        let rule = language_rule();
        let mut dutch =
            doc("De minister zei dinsdag dat de gesprekken volgende week worden hervat.");
        dutch.language = Some("nl".into());
        assert!(rule.find(&dutch).is_empty());
        dutch.language = Some("en-GB".into());
        assert_eq!(rule.find(&dutch).len(), 1);
    }

    #[test]
    fn units_are_sentences_cut_at_line_breaks() {
        let doc = doc("Headline here\nLeia também\n\nOne sentence. Another one.");
        let units: Vec<&str> = units(&doc).iter().map(|u| &doc.text[u.clone()]).collect();
        assert_eq!(
            units,
            [
                "Headline here",
                "Leia também",
                "One sentence.",
                "Another one."
            ]
        );
    }

    #[test]
    fn units_end_before_a_sentence_in_a_script_without_case() {
        let doc = doc("It rose by 4.9 percent. 政府表示将于明年生效。“Yes,” he said. قال الرئيس.");
        let units: Vec<&str> = units(&doc).iter().map(|u| &doc.text[u.clone()]).collect();
        assert_eq!(
            units,
            [
                "It rose by 4.9 percent.",
                "政府表示将于明年生效。",
                "“Yes,” he said.",
                "قال الرئيس."
            ]
        );
    }

    #[test]
    fn language_tags_resolve_to_compiled_languages() {
        assert_eq!(compiled_language("pt"), Some(Lang::Portuguese));
        assert_eq!(compiled_language("en-GB"), Some(Lang::English));
        assert_eq!(compiled_language("Portuguese"), Some(Lang::Portuguese));
        assert_eq!(compiled_language("xx"), None);
    }

    #[test]
    fn unit_names() {
        assert_eq!(unit_name("Ele disse “não.”"), "sentence");
        assert_eq!(unit_name("VOIR ÉGALEMENT:"), "line");
    }
}
