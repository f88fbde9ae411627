//! The cheap gate in front of lingua: a one-pass profile of a span (its words,
//! their case, how many are common English words, its letters by script) and
//! the decision whether the span is worth asking lingua about at all.

use super::script::{Scripts, letter_script};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;
use unicode_script::Script;

/// Below this share of words starting in lower case a span is a list of
/// names, a title-case headline or a label in capitals: lingua would take
/// "João Silva, Antônio Carvalho, Luís Fernandes" for Portuguese.
pub const MIN_LOWERCASE_SHARE: f64 = 0.4;

/// From this share of common English words on, a span is English and never
/// reaches lingua (see `english-words.txt` for the figures behind it).
pub const MAX_ENGLISH_SHARE: f64 = 0.2;

/// Frequent English words that are about as frequent in other languages
/// ("a" in Portuguese, "in" in German, "as" in Portuguese): each counts half a
/// word. Words far more frequent elsewhere ("do", "no", "so") count nothing.
const SHARED_WORDS: &[&str] = &["a", "all", "also", "an", "as", "in", "on"];

/// What the gate needs to know about a span, gathered in one pass.
#[derive(Debug, Default, PartialEq)]
pub struct Profile {
    pub words: usize,
    pub lowercase_words: usize,
    /// Common English words, counted in halves (see `SHARED_WORDS`).
    pub english_halves: usize,
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
    /// The profile of `text`, whose words (`source::words`) are `words`.
    pub fn of<'a>(text: &str, words: impl Iterator<Item = &'a str>, native: Scripts) -> Profile {
        let mut profile = Profile::default();
        for word in words {
            if !word.chars().any(char::is_alphabetic) {
                continue; // a number
            }
            profile.words += 1;
            if word.starts_with(char::is_lowercase) {
                profile.lowercase_words += 1;
            }
            profile.english_halves += english_halves(word);
        }
        if text.is_ascii() && native.contains(&Script::Latin) {
            // Most English text: no letter needs a script lookup.
            profile.native_letters = text.bytes().filter(u8::is_ascii_alphabetic).count();
            return profile;
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
        profile.foreign.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
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
        let english_share = self.english_halves as f64 / 2.0 / words;
        if self.words < min_words.max(1)
            || (self.lowercase_words as f64) / words < MIN_LOWERCASE_SHARE
            || (english && english_share >= MAX_ENGLISH_SHARE)
        {
            Verdict::Pass
        } else {
            Verdict::Ask
        }
    }
}

/// How much `word` (any case) counts as common English, in halves: 2 for a
/// word of `english-words.txt`, 1 for a shared word, else 0.
fn english_halves(word: &str) -> usize {
    key(word)
        .and_then(|k| common_english().get(&k).copied())
        .unwrap_or(0)
}

/// A word of up to 16 ASCII letters packed into a number, lower-cased: a key
/// that hashes in one step. Longer words are on no list.
fn key(word: &str) -> Option<u128> {
    (word.len() <= 16 && word.is_ascii()).then(|| {
        word.bytes()
            .fold(0, |k, b| (k << 8) | u128::from(b.to_ascii_lowercase()))
    })
}

/// The gate looks up every word of the text: a multiplicative hash of the
/// key is enough, and several times faster than the default SipHash.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    /// Required by `Hasher`; the keys themselves go through `write_u128`.
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }

    fn write_u128(&mut self, key: u128) {
        self.0 = ((key as u64) ^ (key >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Words = HashMap<u128, usize, BuildHasherDefault<KeyHasher>>;

/// The keys of the words in `english-words.txt` (which says how it was made)
/// and of `SHARED_WORDS`, with their weight in halves.
fn common_english() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let listed = listed_words().map(|w| (w, 2));
        let shared = SHARED_WORDS.iter().map(|&w| (w, 1));
        listed
            .chain(shared)
            .map(|(w, halves)| (key(w).expect("listed words are short ASCII"), halves))
            .collect()
    })
}

fn listed_words() -> impl Iterator<Item = &'static str> {
    include_str!("english-words.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::kinds::language::script::LATIN;
    use crate::source::words;

    #[test]
    fn the_word_list_is_sorted_lowercase_short_and_apart_from_shared_words() {
        let list: Vec<&str> = listed_words().collect();
        assert!(list.len() > 1000);
        assert!(list.windows(2).all(|w| w[0] < w[1]));
        assert!(
            list.iter()
                .all(|w| key(w).is_some() && w.bytes().all(|b| b.is_ascii_lowercase()))
        );
        assert!(SHARED_WORDS.iter().all(|w| !list.contains(w)));
    }

    #[test]
    fn listed_words_count_whole_and_shared_words_half() {
        assert_eq!(english_halves("Said"), 2);
        assert_eq!(english_halves("in"), 1);
        assert_eq!(english_halves("disse"), 0);
        assert_eq!(english_halves("internationalisation"), 0);
    }

    fn profile(text: &str) -> Profile {
        Profile::of(text, words(text).map(|(_, w)| w), LATIN)
    }

    #[test]
    fn english_prose_passes_and_foreign_prose_is_asked_about() {
        let english = profile("The minister said the talks would resume next week in Brussels.");
        assert_eq!(english.verdict(5, 2, true), Verdict::Pass);
        let portuguese =
            profile("O ministro disse que as negociações serão retomadas na próxima semana.");
        assert_eq!(portuguese.verdict(5, 2, true), Verdict::Ask);
    }

    #[test]
    fn names_and_short_spans_pass() {
        let names =
            profile("Participants: João Silva, Antônio Carvalho, Luís Fernandes and Maria José");
        assert_eq!(names.verdict(5, 2, true), Verdict::Pass);
        let short = profile("sobre a crise");
        assert_eq!(short.verdict(5, 2, true), Verdict::Pass);
    }

    #[test]
    fn a_span_mostly_in_another_script_is_other_script() {
        let russian = profile("Переговоры продолжатся, said Lavrov");
        assert_eq!(
            russian.verdict(5, 2, true),
            Verdict::OtherScript(Script::Cyrillic)
        );
        let one_letter = profile("Ж");
        assert_eq!(one_letter.verdict(5, 2, true), Verdict::Pass);
    }
}
