//! Unicode scripts: which script a letter is in, the scripts a language is
//! written in, the scripts that name their language on their own, and runs of
//! another script inside a span.

use lingua::Language as Lang;
use std::ops::Range;
use unicode_script::{Script, UnicodeScript};

/// The scripts a language is written in.
pub type Scripts = &'static [Script];

pub const LATIN: Scripts = &[Script::Latin];
const CYRILLIC: Scripts = &[Script::Cyrillic];
const ARABIC: Scripts = &[Script::Arabic];
const CHINESE: Scripts = &[Script::Han];
const JAPANESE: Scripts = &[Script::Han, Script::Hiragana, Script::Katakana];
const KOREAN: Scripts = &[Script::Hangul, Script::Han];
const DEVANAGARI: Scripts = &[Script::Devanagari];

/// The scripts of a compiled-in language. A language added to Cargo.toml
/// that is not written in Latin script needs its line here.
pub fn native_scripts(language: Lang) -> Scripts {
    match language {
        Lang::Russian | Lang::Ukrainian => CYRILLIC,
        Lang::Arabic => ARABIC,
        Lang::Chinese => CHINESE,
        Lang::Japanese => JAPANESE,
        Lang::Korean => KOREAN,
        Lang::Hindi => DEVANAGARI,
        _ => LATIN,
    }
}

/// The script of a letter; `None` for anything else, and for marks and
/// symbols shared by all scripts (Common, Inherited).
pub fn letter_script(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    if !c.is_alphabetic() {
        return None;
    }
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        s => Some(s),
    }
}

/// The language a script is written in when it is the only one that uses it,
/// so that a span in it needs no lingua (and no compiled-in model).
pub fn only_language_of(script: Script) -> Option<&'static str> {
    Some(match script {
        Script::Hangul => "Korean",
        Script::Hiragana | Script::Katakana => "Japanese",
        Script::Greek => "Greek",
        Script::Hebrew => "Hebrew",
        Script::Thai => "Thai",
        Script::Armenian => "Armenian",
        Script::Georgian => "Georgian",
        Script::Tamil => "Tamil",
        Script::Telugu => "Telugu",
        Script::Kannada => "Kannada",
        Script::Malayalam => "Malayalam",
        Script::Gujarati => "Gujarati",
        Script::Gurmukhi => "Punjabi",
        Script::Sinhala => "Sinhala",
        Script::Khmer => "Khmer",
        Script::Lao => "Lao",
        Script::Myanmar => "Burmese",
        Script::Ethiopic => "Amharic",
        _ => return None,
    })
}

/// Japanese mixes Han with kana: one run, not three.
fn run_group(script: Script) -> Script {
    match script {
        Script::Hiragana | Script::Katakana => Script::Han,
        s => s,
    }
}

/// A stretch of letters in one other script, with only spaces, digits and
/// punctuation between them.
#[derive(Debug, PartialEq)]
pub struct Run {
    pub span: Range<usize>,
    /// What to call the script in a message ("Cyrillic", "Japanese").
    pub script: &'static str,
    pub letters: usize,
}

/// The runs of letters in scripts outside `native` in `text`; spans are
/// relative to `text`.
pub fn foreign_runs(text: &str, native: Scripts) -> Vec<Run> {
    let mut runs = Vec::new();
    // (group, start, end, letters, saw kana)
    let mut open: Option<(Script, usize, usize, usize, bool)> = None;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let Some(script) = letter_script(c) else {
            // A combining mark belongs to the letter before it.
            if let Some(run) = open.as_mut().filter(|r| r.2 == i && is_mark(c)) {
                run.2 = end;
            }
            continue;
        };
        match open.as_mut() {
            Some(run) if run.0 == run_group(script) => {
                run.2 = end;
                run.3 += 1;
                run.4 |= run.0 != script;
            }
            _ => {
                runs.extend(open.take().map(close));
                if !native.contains(&script) {
                    let group = run_group(script);
                    open = Some((group, i, end, 1, group != script));
                }
            }
        }
    }
    runs.extend(open.map(close));
    runs
}

fn close((group, start, end, letters, kana): (Script, usize, usize, usize, bool)) -> Run {
    Run {
        span: start..end,
        script: if kana { "Japanese" } else { group.full_name() },
        letters,
    }
}

fn is_mark(c: char) -> bool {
    c.script() == Script::Inherited
}

/// Up to this many words in quotes or brackets are a gloss or a title
/// ("Xi Jinping (习近平)", the daily “Известия”), not untranslated text.
const MAX_GLOSS_WORDS: usize = 4;

/// Whether the run at `span` of `text` stands alone inside quotes or brackets.
pub fn is_gloss(text: &str, span: &Range<usize>) -> bool {
    let words = text[span.clone()].split_whitespace().count();
    let before = text[..span.start].trim_end().chars().next_back();
    let after = text[span.end..]
        .trim_start_matches(|c: char| c.is_whitespace() || ",.;:!?".contains(c))
        .chars()
        .next();
    words <= MAX_GLOSS_WORDS
        && before.is_some_and(|c| "\"“‘'«‹(（[「『《".contains(c))
        && after.is_some_and(|c| "\"”’'»›)）]」』》".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, runs: &[Run]) -> Vec<(&'a str, &'static str)> {
        runs.iter()
            .map(|r| (&text[r.span.clone()], r.script))
            .collect()
    }

    #[test]
    fn runs_span_words_and_punctuation_of_one_script() {
        let text = "He met Путин, Лавров and 习近平 in Tokyo (東京オリンピック).";
        assert_eq!(
            texts(text, &foreign_runs(text, LATIN)),
            [
                ("Путин, Лавров", "Cyrillic"),
                ("习近平", "Han"),
                ("東京オリンピック", "Japanese")
            ]
        );
    }

    #[test]
    fn accented_latin_is_not_another_script() {
        assert!(foreign_runs("José Martínez visited Nuuk and Kraków.", LATIN).is_empty());
    }

    #[test]
    fn a_combining_mark_stays_in_its_run() {
        let text = "the word كِتاب here";
        let runs = foreign_runs(text, LATIN);
        assert_eq!(texts(text, &runs), [("كِتاب", "Arabic")]);
        assert_eq!(runs[0].letters, 4);
    }

    #[test]
    fn quoted_or_bracketed_short_runs_are_glosses() {
        let text = "Xi Jinping (习近平) reads “Известия”, and “Мы не отступим ни на шаг”.";
        let runs = foreign_runs(text, LATIN);
        let glosses: Vec<bool> = runs.iter().map(|r| is_gloss(text, &r.span)).collect();
        assert_eq!(glosses, [true, true, false]);
    }
}
