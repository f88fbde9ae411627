//! `structure`: checks written in Rust, switched on and tuned from TOML with
//! `check = "…"` and the fields `min_words`, `max_words` and `keys`.

use super::Candidate;
use crate::error::LocatedError;
use crate::rules::load::BuildCx;
use crate::rules::spec::{Check, RuleSpec};
use crate::source::{Document, words};
use regex::Regex;
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Structure {
    check: Check,
    min_words: usize,
    max_words: usize,
    /// For `metadata-line`: the field names a crawler leaves in front of the text.
    metadata: Option<Regex>,
}

/// Words that open a person's name in news copy ("President Biden").
const PERSON_TITLES: &[&str] = &[
    "President",
    "Prime",
    "Premier",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Minister",
    "Secretary",
    "Chairman",
    "Chairwoman",
    "Governor",
    "Mayor",
    "Pope",
    "Sheikh",
    "Emir",
    "Sultan",
    "General",
    "Gen",
    "Senator",
    "Sen",
    "Leader",
    "Ambassador",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Foreign",
    "Defence",
    "Defense",
    "Vice",
    "Crown",
    "Speaker",
    "Judge",
    "Justice",
];

const DEFAULT_METADATA_KEYS: &[&str] = &[
    "date",
    "published",
    "updated",
    "modified",
    "created",
    "pubdate",
    "timestamp",
    "crawled",
    "url",
    "link",
    "source_url",
    "canonical",
    "id",
    "doc_id",
    "article_id",
];

pub fn build(cx: &BuildCx, spec: &RuleSpec) -> Result<Structure, LocatedError> {
    let check = *cx.required(&spec.check, "check", "structure")?.get_ref();
    let (min_default, max_default) = match check {
        Check::StraySubheading => (1, 6),
        Check::TruncatedEnding => (8, usize::MAX),
        Check::MirroredName => (2, 4),
        _ => (0, usize::MAX),
    };
    let metadata = (check == Check::MetadataLine).then(|| {
        let keys: Vec<String> = spec.keys.as_ref().map_or_else(
            || {
                DEFAULT_METADATA_KEYS
                    .iter()
                    .map(|k| k.to_string())
                    .collect()
            },
            |k| k.get_ref().clone(),
        );
        metadata_regex(&keys)
    });
    Ok(Structure {
        check,
        min_words: spec
            .min_words
            .as_ref()
            .map_or(min_default, |n| *n.get_ref()),
        max_words: spec
            .max_words
            .as_ref()
            .map_or(max_default, |n| *n.get_ref()),
        metadata,
    })
}

/// `key`, an optional `:` or `=`, then a value a crawler writes: an ISO date
/// or time, a URL, or a number. Prose rarely starts a line like that.
/// Crawlers write ASCII digits: `[0-9]` rather than `\d`, which under `(?i)`
/// makes the pattern four times as costly to compile.
fn metadata_regex(keys: &[String]) -> Regex {
    let keys: Vec<String> = keys.iter().map(|k| regex::escape(k)).collect();
    let value = r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?|https?://\S+|[0-9]+)";
    Regex::new(&format!(
        r"(?im)^[ \t]*(?:{})[ \t]*[:=]?[ \t]*{value}",
        keys.join("|")
    ))
    .expect("escaped keys make a valid pattern")
}

impl Structure {
    pub fn find(&self, doc: &Document) -> Vec<Candidate> {
        match self.check {
            Check::StraySubheading => self.stray_subheadings(doc),
            Check::MetadataLine => self.metadata_lines(doc),
            Check::TruncatedEnding => self.truncated_ending(doc),
            Check::UnbalancedQuotes => unbalanced_quotes(doc),
            Check::UnbalancedBrackets => unbalanced_brackets(doc),
            Check::MirroredName => self.mirrored_names(doc),
        }
    }

    /// A one-line paragraph of a few words, starting in lower case and with no
    /// closing punctuation, between two paragraphs of prose: a subheading
    /// translated out of its markup ("reassure Ukraine").
    fn stray_subheadings(&self, doc: &Document) -> Vec<Candidate> {
        let paras = &doc.paragraphs;
        let mut out = Vec::new();
        for i in 1..paras.len().saturating_sub(1) {
            let text = &doc.text[paras[i].clone()];
            // The cheap checks first: nearly every paragraph fails them.
            let lowercase_start = text.chars().next().is_some_and(char::is_lowercase);
            let unpunctuated =
                !text.ends_with(|c: char| c.is_ascii_punctuation() || "”’…".contains(c));
            if lowercase_start
                && unpunctuated
                && !text.contains('\n')
                && (self.min_words..=self.max_words)
                    .contains(&doc.words_in(paras[i].clone()).count())
                && ends_like_prose(&doc.text[paras[i - 1].clone()])
                && starts_like_prose(&doc.text[paras[i + 1].clone()])
            {
                out.push(delete(paras[i].clone()));
            }
        }
        out
    }

    fn metadata_lines(&self, doc: &Document) -> Vec<Candidate> {
        let regex = self.metadata.as_ref().expect("built for metadata-line");
        regex
            .find_iter(&doc.text)
            .map(|m| delete(m.range()))
            .collect()
    }

    /// The last paragraph stops mid-sentence: no closing punctuation after a
    /// lower-case word, in a paragraph long enough to be prose.
    fn truncated_ending(&self, doc: &Document) -> Vec<Candidate> {
        let Some(last) = doc.paragraphs.last() else {
            return Vec::new();
        };
        let text = &doc.text[last.clone()];
        let last_word = words(text).last().map(|(_, w)| w).unwrap_or("");
        let closed = text.ends_with(|c: char| ".!?…:;”\"’')]".contains(c));
        if closed
            || words(text).count() < self.min_words
            || !last_word.starts_with(char::is_lowercase)
        {
            return Vec::new();
        }
        let sentence = doc.sentence_at(last.end);
        vec![Candidate::new(sentence.start.max(last.start)..last.end)]
    }

    /// "President Biden … with President Biden": the same name on both sides
    /// of "with" in one sentence, as a caption translated word by word says.
    fn mirrored_names(&self, doc: &Document) -> Vec<Candidate> {
        let mut out = Vec::new();
        for sentence in doc.sentences() {
            let text = &doc.text[sentence.clone()];
            if !text.contains("with") {
                continue; // most sentences: no need to split them into words
            }
            let ws: Vec<(usize, &str)> = words(text).collect();
            for (i, &(_, w)) in ws.iter().enumerate() {
                if w != "with" {
                    continue;
                }
                if let Some(span) = self.mirror_around(text, &ws, i) {
                    out.push(Candidate::new(
                        sentence.start + span.start..sentence.start + span.end,
                    ));
                }
            }
        }
        out
    }

    fn mirror_around(&self, text: &str, ws: &[(usize, &str)], with: usize) -> Option<Range<usize>> {
        let name = capitalised_run(text, &ws[with + 1..], self.max_words);
        // A title makes it a person: "with ST Engineering" may well be a partner.
        if name.len() < self.min_words || !PERSON_TITLES.contains(&name[0].1) {
            return None;
        }
        let after_end = ws[with + name.len()].0 + ws[with + name.len()].1.len();
        if text[after_end..].starts_with(['\'', '’']) {
            return None; // "with Biden's aides" is about someone else
        }
        (0..with.saturating_sub(name.len() - 1))
            .rev()
            .find_map(|start| {
                let same = (0..name.len()).all(|k| ws[start + k].1 == name[k].1);
                let one_line = !text[ws[start].0..after_end].contains('\n');
                (same && one_line).then(|| ws[start].0..after_end)
            })
    }
}

/// Consecutive capitalised words (separated by single spaces) at the start of `ws`.
fn capitalised_run<'a>(
    text: &str,
    ws: &'a [(usize, &'a str)],
    max: usize,
) -> &'a [(usize, &'a str)] {
    let mut n = 0;
    while n < ws.len().min(max) && ws[n].1.starts_with(char::is_uppercase) {
        if n > 0 && &text[ws[n - 1].0 + ws[n - 1].1.len()..ws[n].0] != " " {
            break;
        }
        n += 1;
    }
    &ws[..n]
}

fn ends_like_prose(text: &str) -> bool {
    text.trim_end().ends_with(|c: char| ".!?”\"’)".contains(c))
}

fn starts_like_prose(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || "“\"‘(".contains(c))
}

fn delete(span: Range<usize>) -> Candidate {
    Candidate {
        span,
        replacements: vec![String::new()],
        message: None,
    }
}

/// Double quotation marks (curly or straight, in any mix: a style slip is
/// not a missing mark) whose count is odd in a unit of text: a paragraph, or
/// a line of it that ends a sentence. A quotation left open in one unit may
/// run on: into a next unit that opens with a quotation mark (a quotation
/// over several paragraphs), or, inside a paragraph, over lines without
/// quotation marks to the first line that has an odd count and so closes it
/// (a quotation of several sentences in text written one sentence a line).
/// A quotation of sentences (its first quoted word capitalised) still open
/// where the text ends is not reported: a quotation of several paragraphs
/// leaves all but its last unclosed, so an excerpt or a window that stops
/// inside one looks exactly like this, and an article cut short is the
/// truncated-ending check's to report.
fn unbalanced_quotes(doc: &Document) -> Vec<Candidate> {
    let units: Vec<(usize, Range<usize>)> = doc
        .paragraphs
        .iter()
        .enumerate()
        .flat_map(|(p, para)| {
            sentence_lines(&doc.text, para)
                .into_iter()
                .map(move |u| (p, u))
        })
        .collect();
    let mut out = Vec::new();
    // The last mark of a quotation left open, and the paragraph it is in.
    let mut open: Option<(usize, usize)> = None;
    for (para, unit) in &units {
        let text = &doc.text[unit.clone()];
        let marks: Vec<(usize, char)> = text
            .char_indices()
            .filter(|(_, c)| matches!(c, '“' | '”' | '"'))
            .map(|(j, c)| (unit.start + j, c))
            .collect();
        let odd = !marks.len().is_multiple_of(2);
        if let Some((at, open_para)) = open {
            if text.starts_with(['“', '"']) {
                open = None; // reopened: the quotation runs on
            } else if open_para == *para && marks.is_empty() {
                continue;
            } else if open_para == *para && odd {
                open = None; // this line closes it
                continue;
            } else {
                out.push(mark(at, doc));
                open = None;
            }
        }
        if !odd {
            continue;
        }
        match marks[0] {
            (at, '”') => out.push(mark(at, doc)),
            _ => open = Some((marks[marks.len() - 1].0, *para)),
        }
    }
    let runs_past_the_end = |at: usize| {
        doc.text[at..]
            .chars()
            .nth(1)
            .is_some_and(char::is_uppercase)
    };
    out.extend(
        open.filter(|&(at, _)| !runs_past_the_end(at))
            .map(|(at, _)| mark(at, doc)),
    );
    out
}

/// The quotation mark at `at`.
fn mark(at: usize, doc: &Document) -> Candidate {
    let len = doc.text[at..].chars().next().map_or(1, char::len_utf8);
    Candidate::new(at..at + len)
}

/// The lines of a paragraph grouped so that a unit ends where a line ends a
/// sentence: one unit per line for one-line-per-paragraph text, the whole
/// paragraph for hard-wrapped prose.
fn sentence_lines(text: &str, para: &Range<usize>) -> Vec<Range<usize>> {
    let mut units = Vec::new();
    let mut start = para.start;
    for (j, _) in text[para.clone()].match_indices('\n') {
        let end = para.start + j;
        let line = text[start..end].trim_end();
        if line.ends_with(['.', '!', '?', '”', '"', ':']) {
            units.push(start..end);
            start = end + 1;
        }
    }
    units.push(start..para.end);
    units
}

/// Round and square brackets that do not pair up in a paragraph. A `)` after
/// one or two letters or digits is a list marker at the start of a line, or
/// after a colon, semicolon or comma in running text ("two routes: 1) by car;
/// 2) by metro").
fn unbalanced_brackets(doc: &Document) -> Vec<Candidate> {
    let mut out = Vec::new();
    for para in &doc.paragraphs {
        let slice = &doc.text[para.clone()];
        let mut stack: Vec<(char, usize)> = Vec::new();
        for (j, c) in slice.char_indices() {
            let at = para.start + j;
            match c {
                '(' | '[' => stack.push((c, at)),
                ')' | ']' => {
                    let opener = if c == ')' { '(' } else { '[' };
                    if stack.last().is_some_and(|&(o, _)| o == opener) {
                        stack.pop();
                    } else if !is_list_marker(slice, j) {
                        out.push(Candidate::new(at..at + 1));
                    }
                }
                _ => {}
            }
        }
        out.extend(stack.into_iter().map(|(_, at)| Candidate::new(at..at + 1)));
    }
    out.sort_by_key(|c| c.span.start);
    out
}

fn is_list_marker(slice: &str, close: usize) -> bool {
    let before = &slice[..close];
    let marker_start = before.trim_end_matches(char::is_alphanumeric).len();
    let marker = &before[marker_start..];
    let lead = before[..marker_start].trim_end_matches([' ', '\t']);
    let at_line_start = lead.is_empty() || lead.ends_with('\n');
    let in_running_list = !marker.is_empty() && lead.ends_with([':', ';', ',']);
    marker.chars().count() <= 2 && (at_line_start || in_running_list)
}
