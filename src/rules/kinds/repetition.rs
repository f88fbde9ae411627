//! `repetition`: text printed twice. Units: a doubled `word` ("the the", also
//! across a line break), a doubled `phrase` ("on his website on his website"),
//! a repeated `line`, a line printed twice in a row (`doubled-line`: a caption,
//! a byline or a timestamp the scraper collected twice), a repeated
//! `sentence`, and the `headline` (the title the file declares, else its first
//! line) printed again in the body.

use super::Candidate;
use crate::error::LocatedError;
use crate::fnv;
use crate::rules::load::BuildCx;
use crate::rules::spec::{RuleSpec, Unit};
use crate::source::{Document, words};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Words English repeats after `and` for emphasis ("more and more").
const REDUPLICATED: &[&str] = &["more", "less", "on", "over", "again", "further", "round"];

#[derive(Debug, Clone)]
pub struct Repetition {
    unit: Unit,
    min_words: usize,
    max_words: usize,
    /// Words that are correctly doubled in English ("had had", "that that").
    allow: HashSet<String>,
}

pub fn build(cx: &BuildCx, spec: &RuleSpec) -> Result<Repetition, LocatedError> {
    let unit = *cx.required(&spec.unit, "unit", "repetition")?.get_ref();
    let (default_min, default_max) = match unit {
        Unit::Word => (1, 1),
        Unit::Phrase => (2, 8),
        Unit::Line => (4, usize::MAX),
        Unit::DoubledLine => (1, usize::MAX),
        Unit::Sentence => (6, usize::MAX),
        Unit::Headline => (3, 25),
    };
    let min_words = spec
        .min_words
        .as_ref()
        .map_or(default_min, |n| *n.get_ref());
    let max_words = spec
        .max_words
        .as_ref()
        .map_or(default_max, |n| *n.get_ref());
    if min_words == 0 || min_words > max_words {
        let span = spec
            .min_words
            .as_ref()
            .map_or(cx.rule_span.clone(), |n| n.span());
        return Err(cx.error(
            span,
            "`min_words` must be at least 1 and not above `max_words`",
        ));
    }
    let allow = spec
        .allow
        .as_ref()
        .map(|a| a.get_ref().iter().map(|w| w.to_lowercase()).collect())
        .unwrap_or_default();
    Ok(Repetition {
        unit,
        min_words,
        max_words,
        allow,
    })
}

/// A word with its byte range in the document.
struct Word<'a> {
    range: Range<usize>,
    text: &'a str,
}

impl Repetition {
    pub fn find(&self, doc: &Document) -> Vec<Candidate> {
        match self.unit {
            Unit::Word | Unit::Phrase => self.doubled_runs(doc),
            // The headline's copies are the `headline` unit's to report.
            Unit::Line => self.repeated_ranges(doc, lines_not_doubled(doc)),
            Unit::DoubledLine => self.doubled_lines(doc),
            Unit::Sentence => self.repeated_ranges(doc, doc.sentences().to_vec()),
            Unit::Headline => self.repeated_headline(doc),
        }
    }

    /// Runs of `n` words immediately followed by the same `n` words, with only
    /// white space between them; the candidate covers both and suggests one.
    fn doubled_runs(&self, doc: &Document) -> Vec<Candidate> {
        let text = &doc.text;
        let mut out = Vec::new();
        let mut ws: Vec<Word> = Vec::new();
        for para in &doc.paragraphs {
            ws.clear();
            ws.extend(doc.words_in(para.clone()).map(|(i, w)| Word {
                range: i..i + w.len(),
                text: w,
            }));
            let mut i = 0;
            while i < ws.len() {
                match self.doubled_at(text, &ws, i) {
                    Some(n) => {
                        let span = ws[i].range.start..ws[i + 2 * n - 1].range.end;
                        let once = text[ws[i].range.start..ws[i + n - 1].range.end].to_string();
                        out.push(Candidate {
                            span,
                            replacements: vec![once],
                            message: None,
                        });
                        i += 2 * n;
                    }
                    None => i += 1,
                }
            }
        }
        out
    }

    /// How many words from `i` on are repeated right after them, if any.
    fn doubled_at(&self, text: &str, ws: &[Word], i: usize) -> Option<usize> {
        let sizes = if self.unit == Unit::Word {
            1..=1
        } else {
            self.min_words.max(2)..=self.max_words
        };
        let same = |a: &Word, b: &Word| {
            a.text.len() == b.text.len() && a.text.eq_ignore_ascii_case(b.text)
        };
        for n in sizes {
            if i + 2 * n > ws.len() {
                break;
            }
            // Nearly every position fails here, on its first word.
            if !same(&ws[i], &ws[i + n]) {
                continue;
            }
            if (1..n).all(|k| same(&ws[i + k], &ws[i + n + k]))
                && (0..2 * n - 1).all(|k| only_space_between(text, &ws[i + k], &ws[i + k + 1]))
                && !self.is_allowed(&ws[i..i + n], &ws[i + n])
            {
                return Some(n);
            }
        }
        None
    }

    /// Whether `run`, followed by its copy starting with `copy`, is doubled on
    /// purpose.
    fn is_allowed(&self, run: &[Word], copy: &Word) -> bool {
        let first = run[0].text;
        let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let all_numbers = run
            .iter()
            .all(|w| w.text.chars().all(|c| c.is_ascii_digit()));
        // Doubled capitalised words are mostly names ("Bora Bora", "Walla
        // Walla"); a capital on the first copy only is a sentence start ("The the").
        let name_like = run.len() == 1 && capitalised(first) && capitalised(copy.text);
        // "and more and more", "and on and on": English doubles these on purpose.
        let reduplication = run.len() == 2
            && first.eq_ignore_ascii_case("and")
            && REDUPLICATED.contains(&run[1].text.to_lowercase().as_str());
        all_numbers
            || name_like
            || reduplication
            || (run.len() == 1 && self.allow.contains(&first.to_lowercase()))
    }

    /// Whether there are from `min_words` to `max_words` of `words`, counting
    /// no further than needed to tell.
    fn has_word_count<'a>(&self, words: impl Iterator<Item = (usize, &'a str)>) -> bool {
        let enough = match self.max_words {
            usize::MAX => self.min_words,
            max => max + 1,
        };
        (self.min_words..=self.max_words).contains(&words.take(enough).count())
    }

    /// Later copies of a line or sentence already seen, compared ignoring case
    /// and runs of white space.
    fn repeated_ranges(&self, doc: &Document, ranges: Vec<Range<usize>>) -> Vec<Candidate> {
        // Keyed by a hash of the compared form, without building it: most
        // lines and sentences are seen once.
        let mut seen: HashMap<u64, Vec<&str>> = HashMap::new();
        let mut out = Vec::new();
        for range in ranges {
            if !self.has_word_count(doc.words_in(range.clone())) {
                continue;
            }
            let text = &doc.text[range.clone()];
            let earlier = seen.entry(hash(text)).or_default();
            if earlier.iter().any(|e| normalised(e).eq(normalised(text))) {
                out.push(Candidate {
                    span: range,
                    replacements: vec![String::new()],
                    message: None,
                });
            } else {
                earlier.push(text);
            }
        }
        out
    }

    /// A line followed by the same line (blank lines between them aside): the
    /// candidate covers both, so an editor sees the pair, and suggests one.
    fn doubled_lines(&self, doc: &Document) -> Vec<Candidate> {
        doubled_line_pairs(&doc.text, &line_ranges(doc))
            .into_iter()
            .filter(|(first, _)| self.has_word_count(doc.words_in(first.clone())))
            .map(|(first, copy)| Candidate {
                span: first.start..copy.end,
                replacements: vec![doc.text[first].to_string()],
                message: None,
            })
            .collect()
    }

    /// Copies of the headline: the title the file declares (front matter),
    /// else its first line. A first line that is the headline is where it is
    /// printed, not a copy.
    fn repeated_headline(&self, doc: &Document) -> Vec<Candidate> {
        let Some(first) = doc.paragraphs.first() else {
            return Vec::new();
        };
        let first_line = doc.line_at(first.start);
        let printed = doc.text[first_line.clone()].trim();
        let title = doc.title.as_deref().map_or(printed, str::trim);
        if !self.has_word_count(words(title)) || title.ends_with('.') {
            return Vec::new();
        }
        let from = if printed == title {
            first_line.end
        } else {
            first.start
        };
        doc.text[from..]
            .match_indices(title)
            .map(|(i, _)| from + i)
            .map(|start| Candidate {
                span: start..start + title.len(),
                replacements: vec![String::new()],
                message: None,
            })
            .collect()
    }
}

fn only_space_between(text: &str, a: &Word, b: &Word) -> bool {
    text[a.range.end..b.range.start]
        .chars()
        .all(char::is_whitespace)
}

fn line_ranges(doc: &Document) -> Vec<Range<usize>> {
    (0..doc.lines.line_count())
        .map(|l| {
            let r = doc.lines.line_range(&doc.text, l);
            let slice = &doc.text[r.clone()];
            let start = r.start + (slice.len() - slice.trim_start().len());
            start..r.start + slice.trim_end().len()
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// Each non-blank line after the first with the next non-blank line, where the
/// two are the same. The first line is the headline's, whose copies the
/// `headline` unit reports.
fn doubled_line_pairs(text: &str, lines: &[Range<usize>]) -> Vec<(Range<usize>, Range<usize>)> {
    lines
        .windows(2)
        .skip(1)
        .filter(|pair| normalised(&text[pair[0].clone()]).eq(normalised(&text[pair[1].clone()])))
        .map(|pair| (pair[0].clone(), pair[1].clone()))
        .collect()
}

/// The lines after the first whose copies the `line` unit reports: all but a
/// copy that directly follows its original (the `doubled-line` unit's).
fn lines_not_doubled(doc: &Document) -> Vec<Range<usize>> {
    let lines = line_ranges(doc);
    let doubled: HashSet<usize> = doubled_line_pairs(&doc.text, &lines)
        .into_iter()
        .map(|(_, copy)| copy.start)
        .collect();
    lines
        .into_iter()
        .skip(1)
        .filter(|r| !doubled.contains(&r.start))
        .collect()
}

/// `text` as lines and sentences are compared: lower-cased, with each run of
/// white space as one space and none at either end.
fn normalised(text: &str) -> impl Iterator<Item = char> + '_ {
    text.split_whitespace().enumerate().flat_map(|(i, word)| {
        let space = (i > 0).then_some(' ');
        space
            .into_iter()
            .chain(word.chars().flat_map(char::to_lowercase))
    })
}

/// FNV-1a over the characters of `normalised(text)`, in one plain loop:
/// every line and sentence of every article goes through it, so ASCII bytes
/// skip decoding.
fn hash(text: &str) -> u64 {
    let text = text.trim();
    let mut h = fnv::OFFSET_BASIS;
    let mut space = false;
    let mut i = 0;
    while let Some(&b) = text.as_bytes().get(i) {
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            text[i..].chars().next().unwrap_or_default()
        };
        i += c.len_utf8();
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if std::mem::take(&mut space) {
            h = fnv::step(h, u32::from(' '));
        }
        h = if c.is_ascii() {
            fnv::step(h, b.to_ascii_lowercase())
        } else {
            c.to_lowercase().map(u32::from).fold(h, fnv::step)
        };
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_compared_as_equal_hash_alike_and_others_do_not() {
        let a = "  The Minister  SAID\tno.\n";
        let b = "the minister said no.";
        assert!(normalised(a).eq(normalised(b)));
        assert_eq!(hash(a), hash(b));
        assert_eq!(hash("Ärger über Öl"), hash("ärger  ÜBER öl"));
        assert_ne!(hash("the minister said no."), hash("the minister said so."));
        assert_ne!(hash("ab c"), hash("a bc"));
    }
}
