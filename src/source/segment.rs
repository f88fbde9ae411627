//! Paragraphs and sentences as byte ranges of the text.
//!
//! Segmentation is deliberately simple and predictable: a paragraph is a run of
//! non-blank lines, and a sentence ends at `.`, `!`, `?` or `…` (plus any closing
//! quotes or brackets) when the next word starts like a new sentence and the
//! word before is not a known abbreviation.

use std::ops::Range;

/// Abbreviations after which a full stop does not end a sentence in news copy.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "capt",
    "sgt", "prof", "rev", "hon", "pres", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "approx", "est",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "mt", "ft", "fig", "vol", "dept", "univ",
];

/// Runs of non-blank lines, each range without its trailing line break.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            start.get_or_insert(line_start);
            end = line_start + content.len();
        }
        line_start += line.len();
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

/// Sentences inside each paragraph; a sentence never crosses a paragraph.
pub fn sentences(text: &str, paragraphs: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for para in paragraphs {
        split_paragraph(text, para.clone(), &mut out);
    }
    out
}

fn split_paragraph(text: &str, para: Range<usize>, out: &mut Vec<Range<usize>>) {
    let body = &text[para.clone()];
    let mut start = 0;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if is_closing(next) || matches!(next, '.' | '!' | '?') {
                end = j + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        if ends_sentence(body, i, c, end) {
            push_trimmed(body, para.start, start..end, out);
            start = end;
        }
    }
    push_trimmed(body, para.start, start..body.len(), out);
}

fn ends_sentence(body: &str, stop: usize, stop_char: char, end: usize) -> bool {
    let rest = &body[end..];
    let Some(first_ws) = rest.chars().next() else {
        return true;
    };
    if !first_ws.is_whitespace() {
        return false;
    }
    let Some(next) = rest.trim_start().chars().next() else {
        return true;
    };
    let starts_new = next.is_uppercase()
        || is_caseless_letter(next)
        || next.is_ascii_digit()
        || is_opening(next);
    starts_new && !(stop_char == '.' && is_abbreviation(&body[..stop]))
}

/// A letter of a script without capitals (Han, Arabic, Hangul…): a sentence
/// left untranslated in one starts after a full stop like a capital does.
fn is_caseless_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase()
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    // A lone capital is an initial ("Joe R. Biden"), not a sentence end.
    let is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    is_initial || ABBREVIATIONS.contains(&lower.as_str())
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '—' | '–' | '-'
    )
}

fn push_trimmed(body: &str, base: usize, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &body[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(base + range.start + lead..base + range.end - trail);
    }
}

/// Words of a text: runs of letters and digits, with their byte offsets.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn paragraphs_are_runs_of_non_blank_lines() {
        let text = "Title\nCaption line\n\n  \r\nBody one.\r\n\nLast";
        assert_eq!(
            texts(text, &paragraphs(text)),
            ["Title\nCaption line", "Body one.", "Last"]
        );
    }

    #[test]
    fn sentences_skip_abbreviations_and_initials() {
        let text =
            "Mr. Biden met Joe R. Smith in the U.S. on Jan. 10. “It went well,” he said. Next?";
        let paras = paragraphs(text);
        assert_eq!(
            texts(text, &sentences(text, &paras)),
            [
                "Mr. Biden met Joe R. Smith in the U.S. on Jan. 10.",
                "“It went well,” he said.",
                "Next?"
            ]
        );
    }

    #[test]
    fn a_sentence_in_a_script_without_capitals_starts_after_a_stop() {
        let text = "The minister spoke. 我们将继续努力。 Then she left. مرحبا بكم. ok. fine.";
        let paras = paragraphs(text);
        assert_eq!(
            texts(text, &sentences(text, &paras)),
            [
                "The minister spoke.",
                "我们将继续努力。 Then she left.",
                "مرحبا بكم. ok. fine."
            ]
        );
    }

    #[test]
    fn sentence_end_keeps_closing_quote() {
        let text = "He said “never.” Then he left.";
        let paras = paragraphs(text);
        assert_eq!(
            texts(text, &sentences(text, &paras)),
            ["He said “never.”", "Then he left."]
        );
    }
}
