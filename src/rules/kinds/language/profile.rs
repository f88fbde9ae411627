//! The cheap gate in front of lingua: a one-pass profile of a span (its words,
//! their case, how many are common English words, its letters by script) and
//! the decision whether the span is worth asking lingua about at all.

use super::script::{Scripts, letter_script};
use crate::rules::filter::words;
use std::cmp::Ordering;
use std::sync::OnceLock;
use unicode_script::Script;

/// Below this share of words starting in lower case a span is a list of
/// names, a title-case headline or a label in capitals: lingua would take
/// "João Silva, Antônio Carvalho, Luís Fernandes" for Portuguese.
pub const MIN_LOWERCASE_SHARE: f64 = 0.4;

/// From this share of common English words on, a span is English and never
/// reaches lingua (see `english-words.txt` for the figures behind it).
pub const MAX_ENGLISH_SHARE: f64 = 0.2;

/// What the gate needs to know about a span, gathered in one pass.
#[derive(Debug, Default, PartialEq)]
pub struct Profile {
    pub words: usize,
    pub lowercase_words: usize,
    pub english_words: usize,
    /// Letters in a script of the expected language.
    pub native_letters: usize,
    /// Letters in other scripts, by script, most frequent first.
    pub foreign: Vec<(Script, usize)>,
}

/// What the gate decides about a span.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// Not worth a look: too short, a list of names, or plainly English.
    Pass,
    /// Mostly written in this other script: not the expected language whatever
    /// its words say.
    OtherScript(Script),
    /// In the expected script but unlike English: ask lingua.
    Ask,
}

impl Profile {
    pub fn of(text: &str, native: Scripts) -> Profile {
        let mut profile = Profile::default();
        for (_, word) in words(text) {
            if !word.chars().any(char::is_alphabetic) {
                continue; // a number
            }
            profile.words += 1;
            if word.starts_with(char::is_lowercase) {
                profile.lowercase_words += 1;
            }
            if is_common_english(word) {
                profile.english_words += 1;
            }
        }
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            match letter_script(c) {
                Some(s) if native.contains(&s) => profile.native_letters += 1,
                Some(s) => match profile.foreign.iter_mut().find(|(f, _)| *f == s) {
                    Some((_, n)) => *n += 1,
                    None => profile.foreign.push((s, 1)),
                },
                None => {}
            }
        }
        profile.foreign.sort_by(|a, b| b.1.cmp(&a.1));
        profile
    }

    pub fn foreign_letters(&self) -> usize {
        self.foreign.iter().map(|(_, n)| n).sum()
    }

    /// The gate. `min_words` applies to spans in the expected script: lingua
    /// takes short English for French or Malay ("crème brûlée recipe", "a
    /// smörgåsbord of policies"). `min_letters` applies to spans in another
    /// script, whose script alone says they are not in the expected language.
    /// The English word share is only a signal when English is expected.
    pub fn verdict(&self, min_words: usize, min_letters: usize, english: bool) -> Verdict {
        let foreign = self.foreign_letters();
        if foreign > self.native_letters {
            return if foreign >= min_letters {
                Verdict::OtherScript(self.foreign[0].0)
            } else {
                Verdict::Pass
            };
        }
        let words = self.words.max(1) as f64;
        if self.words < min_words.max(1)
            || (self.lowercase_words as f64) / words < MIN_LOWERCASE_SHARE
            || (english && self.english_words as f64 / words >= MAX_ENGLISH_SHARE)
        {
            Verdict::Pass
        } else {
            Verdict::Ask
        }
    }
}

/// Whether `word` (any case) is on the list of common English words.
fn is_common_english(word: &str) -> bool {
    word.len() <= MAX_LISTED_LEN
        && word.is_ascii()
        && common_english()
            .binary_search_by(|w| cmp_ignore_ascii_case(w, word))
            .is_ok()
}

/// No word on the list is longer: longer words skip the search.
const MAX_LISTED_LEN: usize = 16;

/// The list in `english-words.txt`, which says how it was made.
fn common_english() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("english-words.txt")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

fn cmp_ignore_ascii_case(listed: &str, word: &str) -> Ordering {
    listed
        .bytes()
        .cmp(word.bytes().map(|b| b.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::kinds::language::script::LATIN;

    #[test]
    fn common_words_are_sorted_lowercase_and_short() {
        let list = common_english();
        assert!(list.len() > 1000);
        assert!(list.windows(2).all(|w| w[0] < w[1]));
        assert!(
            list.iter()
                .all(|w| w.len() <= MAX_LISTED_LEN && w.bytes().all(|b| b.is_ascii_lowercase()))
        );
        assert!(is_common_english("Said") && !is_common_english("disse"));
    }

    #[test]
    fn english_prose_passes_and_foreign_prose_is_asked_about() {
        let english = Profile::of(
            "The minister said the talks would resume next week in Brussels.",
            LATIN,
        );
        assert_eq!(english.verdict(5, 2, true), Verdict::Pass);
        let portuguese = Profile::of(
            "O ministro disse que as negociações serão retomadas na próxima semana.",
            LATIN,
        );
        assert_eq!(portuguese.verdict(5, 2, true), Verdict::Ask);
    }

    #[test]
    fn names_and_short_spans_pass() {
        let names = Profile::of(
            "Participants: João Silva, Antônio Carvalho, Luís Fernandes and Maria José",
            LATIN,
        );
        assert_eq!(names.verdict(5, 2, true), Verdict::Pass);
        let short = Profile::of("sobre a crise", LATIN);
        assert_eq!(short.verdict(5, 2, true), Verdict::Pass);
    }

    #[test]
    fn a_span_mostly_in_another_script_is_other_script() {
        let russian = Profile::of("Переговоры продолжатся, said Lavrov", LATIN);
        assert_eq!(
            russian.verdict(5, 2, true),
            Verdict::OtherScript(Script::Cyrillic)
        );
        let one_letter = Profile::of("Ж", LATIN);
        assert_eq!(one_letter.verdict(5, 2, true), Verdict::Pass);
    }
}
