//! Context words: the word lists of `near`, `not_near`, `topic`,
//! `not_topic`, `not_preceded_by` and `not_followed_by`, and how they match.
//!
//! Case follows each word as written ("smart case", as ripgrep has it): a
//! word in lower case matches in any case, so that `said` also finds the
//! `Said` that opens a sentence; a word written with a capital matches only
//! with that capital, or in all capitals as headlines write it, so that `US`
//! is not the pronoun "us", `UPDATE` is not every "update", and `Kerry` is
//! not "kerry".

use super::spec::Scope;
use crate::source::{Document, words};
use std::ops::Range;

/// One word of a term, as it is compared with the words of the text.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    /// For a word written with a capital: the same in all capitals. `None`:
    /// the word is in lower case and matches in any case.
    capitals: Option<String>,
}

impl Word {
    fn new(written: &str) -> Word {
        let capitals = written
            .chars()
            .any(char::is_uppercase)
            .then(|| written.to_uppercase());
        Word {
            text: written.to_string(),
            capitals,
        }
    }

    /// Whether `token` is this word, or (`prefix`) starts with it.
    fn matches(&self, token: &str, prefix: bool) -> bool {
        let same = |w: &str| {
            if prefix {
                token.starts_with(w)
            } else {
                token == w
            }
        };
        match &self.capitals {
            Some(capitals) => same(&self.text) || same(capitals),
            None => {
                // Lower-cases `token` as it goes, without allocating.
                let mut lower = token.chars().flat_map(char::to_lowercase);
                self.text.chars().all(|c| lower.next() == Some(c))
                    && (prefix || lower.next().is_none())
            }
        }
    }

    /// Whether `text` ends with this word (for a word that ends with a
    /// punctuation mark, which need not stand alone).
    fn ends(&self, text: &str) -> bool {
        let count = self.text.chars().count();
        let start = text
            .char_indices()
            .rev()
            .nth(count.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        self.matches(&text[start..], false)
    }
}

/// A word or a few words to look for; a final `*` matches any word ending.
#[derive(Debug, Clone)]
pub struct Term {
    /// As the rule wrote it, for reports.
    pub written: String,
    words: Vec<Word>,
    prefix: bool,
}

impl Term {
    pub fn parse(written: &str) -> Option<Term> {
        let prefix = written.ends_with('*');
        let words: Vec<Word> = words(written.trim_end_matches('*'))
            .map(|(_, w)| Word::new(w))
            .collect();
        (!words.is_empty()).then(|| Term {
            written: written.to_string(),
            words,
            prefix,
        })
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the term matches the words starting at `tokens[0]`.
    pub fn matches_at(&self, tokens: &[&str]) -> bool {
        let last = self.words.len() - 1;
        tokens.len() >= self.words.len()
            && self
                .words
                .iter()
                .zip(tokens)
                .enumerate()
                .all(|(i, (w, t))| w.matches(t, i == last && self.prefix))
    }

    /// Whether the term finds `phrase`, a lower-case word or words (of the
    /// list of words common in news).
    pub fn matches_phrase(&self, phrase: &str) -> bool {
        let tokens: Vec<&str> = words(phrase).map(|(_, w)| w).collect();
        tokens.len() == self.words.len() && self.matches_at(&tokens)
    }
}

/// An entry of `not_preceded_by` or `not_followed_by`: words, or text that
/// opens (after the match) or closes (before it) with a punctuation mark,
/// such as `(` or `'s`, matched as written.
#[derive(Debug, Clone)]
pub struct Neighbour {
    written: String,
    shape: Shape,
}

#[derive(Debug, Clone)]
enum Shape {
    Words(Term),
    Mark(Word),
}

impl Neighbour {
    /// Parses an entry; `after` says which side of the match it is looked
    /// for, and so which end of it makes it a punctuation mark.
    pub fn parse(written: &str, after: bool) -> Option<Neighbour> {
        let edge = if after {
            written.chars().next()
        } else {
            written.chars().next_back()
        };
        let shape = match edge {
            Some(c) if !c.is_alphanumeric() && !c.is_whitespace() && c != '*' => {
                Shape::Mark(Word::new(written))
            }
            _ => Shape::Words(Term::parse(written)?),
        };
        Some(Neighbour {
            written: written.to_string(),
            shape,
        })
    }

    pub fn written(&self) -> &str {
        &self.written
    }

    /// Whether the entry is what comes right after a match: `text` is the
    /// rest of its paragraph.
    pub fn follows(&self, text: &str) -> bool {
        match &self.shape {
            Shape::Words(term) => {
                let after: Vec<&str> = words(text).take(term.len()).map(|(_, w)| w).collect();
                term.matches_at(&after)
            }
            Shape::Mark(mark) => mark.matches(text.trim_start_matches([' ', '\t']), true),
        }
    }

    /// Whether the entry is what comes right before a match: `text` is its
    /// paragraph up to the match.
    pub fn precedes(&self, text: &str) -> bool {
        match &self.shape {
            Shape::Words(term) => {
                let before = last_words(text, term.len());
                before.len() == term.len() && term.matches_at(&before)
            }
            Shape::Mark(mark) => mark.ends(text.trim_end_matches([' ', '\t'])),
        }
    }
}

/// Where context words are looked for around a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    Scope(Scope),
    /// N words either side, within the paragraph.
    Words(usize),
}

/// A list of words looked for within a window around a match.
#[derive(Debug, Clone)]
pub struct Context {
    pub terms: Vec<Term>,
    pub window: Window,
}

impl Context {
    pub fn is_article_wide(&self) -> bool {
        self.window == Window::Scope(Scope::Article)
    }

    /// Whether the words are looked for in the match itself, not around it.
    pub fn is_within_match(&self) -> bool {
        self.window == Window::Scope(Scope::Match)
    }

    /// Whether a term occurs around `span`, outside the match itself.
    pub fn found(&self, doc: &Document, span: &Range<usize>) -> bool {
        !self.search(doc, span, true).is_empty()
    }

    /// Every term that occurs around `span`, by index (for the corpus record).
    pub fn found_terms(&self, doc: &Document, span: &Range<usize>) -> Vec<usize> {
        self.search(doc, span, false)
    }

    /// Every term that occurs in the whole of `text`; stops at the first
    /// one found when `first_only`.
    pub fn found_in(&self, text: &str, first_only: bool) -> Vec<usize> {
        let mut found = Vec::new();
        self.scan(words(text).map(|(_, w)| w), first_only, &mut found);
        found
    }

    /// The words before the match and those after it are searched apart,
    /// so that the match's own words never count (unless the window is the
    /// match), and a term of several words does not reach across the match.
    fn search(&self, doc: &Document, span: &Range<usize>, first_only: bool) -> Vec<usize> {
        let region = match self.window {
            Window::Scope(Scope::Match) => {
                return self.found_in(&doc.text[span.clone()], first_only);
            }
            Window::Scope(Scope::Sentence) => doc.sentence_at(span.start),
            Window::Scope(Scope::Paragraph) => doc.paragraph_at(span.start),
            Window::Scope(Scope::Article) => return self.found_in(&doc.text, first_only),
            Window::Words(n) => return self.search_words(doc, span, n, first_only),
        };
        let region = within_reach(&doc.text, span, region);
        let before = words(&doc.text[region.start.min(span.start)..span.start]).map(|(_, w)| w);
        let after = words(&doc.text[span.end..region.end.max(span.end)]).map(|(_, w)| w);
        let mut found = Vec::new();
        if !self.scan(before, first_only, &mut found) {
            self.scan(after, first_only, &mut found);
        }
        found
    }

    fn search_words(
        &self,
        doc: &Document,
        span: &Range<usize>,
        n: usize,
        first_only: bool,
    ) -> Vec<usize> {
        let para = doc.paragraph_at(span.start);
        let before = last_words(&doc.text[para.start.min(span.start)..span.start], n);
        let nearby = before.into_iter();
        let after = words(&doc.text[span.end..para.end.max(span.end)]).map(|(_, w)| w);
        let mut found = Vec::new();
        if !self.scan(nearby, first_only, &mut found) {
            self.scan(after.take(n), first_only, &mut found);
        }
        found
    }

    /// Streams the words, keeping only as many as the longest term needs, so
    /// that a whole article is searched without collecting its words. Adds
    /// the terms found to `found`; true when it stopped at the first.
    fn scan<'a>(
        &self,
        tokens: impl Iterator<Item = &'a str>,
        first_only: bool,
        found: &mut Vec<usize>,
    ) -> bool {
        let longest = self.terms.iter().map(Term::len).max().unwrap_or(1);
        let mut recent: Vec<&str> = Vec::with_capacity(longest);
        for token in tokens {
            if recent.len() == longest {
                recent.remove(0);
            }
            recent.push(token);
            for (i, term) in self.terms.iter().enumerate() {
                let ends_here = term.len() <= recent.len()
                    && term.matches_at(&recent[recent.len() - term.len()..]);
                if ends_here && !found.contains(&i) {
                    found.push(i);
                    if first_only {
                        return true;
                    }
                }
            }
        }
        false
    }
}

/// The last `n` words of `text` (fewer if it has fewer), found by reading
/// back from its end only as far as they reach, not from its start: a
/// paragraph of megabytes is asked this once per match.
fn last_words(text: &str, n: usize) -> Vec<&str> {
    let mut reach = 64 * (n + 1);
    loop {
        let start = text.floor_char_boundary(text.len().saturating_sub(reach));
        let found: Vec<&str> = words(&text[start..]).map(|(_, w)| w).collect();
        // The first word read may be cut by `start`: only more than `n`
        // words are sure to hold the last `n` whole.
        if start == 0 || found.len() > n {
            return found[found.len().saturating_sub(n)..].to_vec();
        }
        reach *= 2;
    }
}

/// How far either side of a match its sentence or paragraph is searched for
/// context words. Far more than any real paragraph; it keeps text without
/// blank lines or full stops (one "paragraph" of megabytes) from costing a
/// walk over the whole of it for every match.
const CONTEXT_REACH: usize = 16 * 1024;

/// `region` cut to `CONTEXT_REACH` bytes either side of `span`, at
/// character boundaries.
fn within_reach(text: &str, span: &Range<usize>, region: Range<usize>) -> Range<usize> {
    let start = text.ceil_char_boundary(region.start.max(span.start.saturating_sub(CONTEXT_REACH)));
    let end = text.floor_char_boundary(region.end.min(span.end.saturating_add(CONTEXT_REACH)));
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_words_are_found_reading_back_from_the_end() {
        let long = format!("{} the former prime minister", "word ".repeat(10_000));
        assert_eq!(last_words(&long, 2), ["prime", "minister"]);
        assert_eq!(last_words("a very long-winded", 2), ["long", "winded"]);
        assert_eq!(last_words("one", 3), ["one"]);
        // The read starts inside a two-byte letter, and inside a word.
        let wide = format!("{} é ñandú", "ñ".repeat(200));
        assert_eq!(last_words(&wide, 2), ["é", "ñandú"]);
        assert!(last_words("", 1).is_empty());
    }

    fn term(written: &str) -> Term {
        Term::parse(written).unwrap()
    }

    #[test]
    fn a_lower_case_word_matches_in_any_case() {
        assert!(term("said").matches_at(&["said"]));
        assert!(term("said").matches_at(&["Said"]));
        assert!(term("update").matches_at(&["UPDATE"]));
        assert!(term("negotiat*").matches_at(&["Negotiations"]));
        assert!(!term("said").matches_at(&["saids"]));
    }

    #[test]
    fn a_word_with_a_capital_matches_that_case_or_all_capitals() {
        assert!(term("US").matches_at(&["US"]));
        assert!(!term("US").matches_at(&["us"]));
        assert!(!term("US").matches_at(&["Us"]));
        assert!(term("Kerry").matches_at(&["KERRY"]));
        assert!(!term("Kerry").matches_at(&["kerry"]));
        assert!(!term("UPDATE").matches_at(&["update"]));
        assert!(term("Malaysia*").matches_at(&["MALAYSIAN"]));
        assert!(!term("Malaysia*").matches_at(&["malaysian"]));
        // Word by word: `of` ignores case, `Heaven` does not.
        assert!(term("of Heaven").matches_at(&["Of", "Heaven"]));
        assert!(!term("of Heaven").matches_at(&["of", "heaven"]));
    }

    #[test]
    fn punctuation_opens_an_entry_after_the_match_or_closes_one_before_it() {
        let after = |w: &str, text: &str| Neighbour::parse(w, true).unwrap().follows(text);
        assert!(after("(", " (AFP) said"));
        assert!(after("'s", "'s army"));
        assert!(!after("(", " said (AFP)"));
        assert!(after(":", ":\tthe list"));
        let before = |w: &str, text: &str| Neighbour::parse(w, false).unwrap().precedes(text);
        assert!(before("U.S.", "Talks with the U.S. "));
        assert!(!before("U.S.", "Talks with the US "));
        assert!(before("–", "Reuters – "));
        assert!(before("the", "He saw THE "));
        // Inside an entry, punctuation only separates words.
        assert!(before("won't", "He won’t "));
    }
}
