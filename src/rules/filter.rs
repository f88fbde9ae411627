//! Narrowing a match by its surroundings: context words near it or not near
//! it, words right before or after it, and its position in the article.

use super::load::BuildCx;
use super::spec::{At, Expand, RuleSpec, Scope};
use crate::error::LocatedError;
use crate::source::{self, Document, words};
use std::ops::Range;
use toml::Spanned;

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub case_sensitive: bool,
    near: Option<Context>,
    not_near: Option<Context>,
    not_preceded_by: Vec<Term>,
    not_followed_by: Vec<Term>,
    at: Option<At>,
    /// Empty: any part of the article.
    scopes: Vec<source::Scope>,
    first_lines: Option<usize>,
    last_lines: Option<usize>,
    max_line_chars: Option<usize>,
    pub expand: Option<Expand>,
}

/// Words looked for within a window around a match.
#[derive(Debug, Clone)]
struct Context {
    terms: Vec<Term>,
    window: Window,
}

#[derive(Debug, Clone, Copy)]
enum Window {
    Scope(Scope),
    Words(usize),
}

/// A word or a few words, lowercase; a final `*` matches any word ending.
#[derive(Debug, Clone)]
struct Term {
    words: Vec<String>,
    prefix: bool,
}

impl Term {
    fn parse(text: &str) -> Option<Term> {
        let prefix = text.ends_with('*');
        let words: Vec<String> = words(text.trim_end_matches('*'))
            .map(|(_, w)| w.to_lowercase())
            .collect();
        (!words.is_empty()).then_some(Term { words, prefix })
    }

    /// Whether the term matches the words starting at `tokens[0]`.
    fn matches_at(&self, tokens: &[&str]) -> bool {
        if tokens.len() < self.words.len() {
            return false;
        }
        let last = self.words.len() - 1;
        self.words
            .iter()
            .zip(tokens)
            .enumerate()
            .all(|(i, (w, t))| {
                if i == last && self.prefix {
                    starts_with_ignore_case(t, w)
                } else {
                    t.len() == w.len() && t.to_lowercase() == *w
                }
            })
    }
}

fn starts_with_ignore_case(word: &str, prefix: &str) -> bool {
    word.to_lowercase().starts_with(prefix)
}

impl Filter {
    pub fn build(cx: &BuildCx, spec: &RuleSpec) -> Result<Filter, LocatedError> {
        Ok(Filter {
            case_sensitive: spec.case_sensitive.as_ref().is_some_and(|c| *c.get_ref()),
            near: context(cx, &spec.near, &spec.near_scope, &spec.near_words, "near")?,
            not_near: context(
                cx,
                &spec.not_near,
                &spec.not_near_scope,
                &spec.not_near_words,
                "not_near",
            )?,
            not_preceded_by: terms(cx, &spec.not_preceded_by)?,
            not_followed_by: terms(cx, &spec.not_followed_by)?,
            at: spec.at.as_ref().map(|a| *a.get_ref()),
            scopes: spec
                .scopes
                .clone()
                .map(Spanned::into_inner)
                .unwrap_or_default(),
            first_lines: spec.first_lines.as_ref().map(|n| *n.get_ref()),
            last_lines: spec.last_lines.as_ref().map(|n| *n.get_ref()),
            max_line_chars: spec.max_line_chars.as_ref().map(|n| *n.get_ref()),
            expand: spec.expand.as_ref().map(|e| *e.get_ref()),
        })
    }

    /// Whether the rule can fire in `doc` at all: context words looked for in
    /// the whole article do not depend on the match, so they are checked once.
    pub fn admits(&self, doc: &Document) -> bool {
        let whole = |c: &Context| c.is_article_wide().then(|| c.found_in(&doc.text));
        self.near.as_ref().and_then(whole) != Some(false)
            && self.not_near.as_ref().and_then(whole) != Some(true)
    }

    /// Where a match of a rule limited to the first or last lines can start,
    /// reaching on to the end of the line after the last such line (a match
    /// may run over one line break): patterns search only there instead of
    /// the whole text. `None`: anywhere.
    pub fn line_window(&self, doc: &Document) -> Option<Range<usize>> {
        if self.first_lines.is_none() && self.last_lines.is_none() {
            return None;
        }
        let lines = doc.lines.line_count();
        let line_start = |l: usize| doc.lines.line_range(&doc.text, l).start;
        let mut window = 0..doc.text.len();
        if let Some(n) = self.first_lines {
            let inside = (0..lines).take_while(|&l| doc.nonblank_lines_around(l, false) < n);
            window.end = match inside.last() {
                Some(last) => {
                    doc.lines
                        .line_range(&doc.text, (last + 1).min(lines - 1))
                        .end
                }
                None => 0,
            };
        }
        if let Some(n) = self.last_lines {
            let inside = (0..lines)
                .rev()
                .take_while(|&l| doc.nonblank_lines_around(l, true) < n);
            if let Some(first) = inside.last() {
                window.start = window.start.max(line_start(first));
            } else {
                window.start = doc.text.len();
            }
        }
        Some(window)
    }

    /// The runs of consecutive lines of `region` no longer than
    /// `max_line_chars` (blank lines count as short), or the whole region
    /// when the rule sets no limit: page furniture is short, so patterns for
    /// it need not read the long lines of prose.
    pub fn short_line_runs(&self, doc: &Document, region: Range<usize>) -> Vec<Range<usize>> {
        let Some(max) = self.max_line_chars else {
            return vec![region];
        };
        let mut runs: Vec<Range<usize>> = Vec::new();
        let first = doc.lines.line_of(region.start);
        let last = doc
            .lines
            .line_of(region.end.saturating_sub(1).max(region.start));
        for l in first..=last {
            let line = doc.lines.line_range(&doc.text, l);
            if line_chars_over(&doc.text[line.clone()], max) {
                continue;
            }
            // With its line break, so that a match may end at it.
            let end = (line.end + 1).min(doc.text.len());
            match runs.last_mut() {
                Some(run) if run.end >= line.start => run.end = end,
                _ => runs.push(line.start..end),
            }
        }
        runs.iter()
            .map(|r| r.start.max(region.start)..r.end.min(region.end))
            .filter(|r| r.start < r.end)
            .collect()
    }

    /// Whether a match at `span` survives every narrowing of the rule (after
    /// `admits` has said yes for the document).
    pub fn accepts(&self, doc: &Document, span: &Range<usize>) -> bool {
        let local = |c: &&Context| !c.is_article_wide();
        self.position_ok(doc, span)
            && self.in_scope(doc, span)
            && self.neighbours_ok(doc, span)
            && self
                .near
                .as_ref()
                .filter(local)
                .is_none_or(|c| c.found(doc, span))
            && !self
                .not_near
                .as_ref()
                .filter(local)
                .is_some_and(|c| c.found(doc, span))
    }

    /// The span a finding reports: the match, or what `expand` widens it to.
    pub fn widen(&self, doc: &Document, span: Range<usize>) -> Range<usize> {
        let wider = match self.expand {
            None => return span,
            Some(Expand::Sentence) => doc.sentence_at(span.start),
            Some(Expand::Line) => trim(&doc.text, doc.line_at(span.start)),
            Some(Expand::Paragraph) => doc.paragraph_at(span.start),
        };
        wider.start.min(span.start)..wider.end.max(span.end)
    }

    fn neighbours_ok(&self, doc: &Document, span: &Range<usize>) -> bool {
        let para = doc.paragraph_at(span.start);
        if !self.not_followed_by.is_empty() {
            let after: Vec<&str> = words(&doc.text[span.end..para.end.max(span.end)])
                .take(4)
                .map(|(_, w)| w)
                .collect();
            if self.not_followed_by.iter().any(|t| t.matches_at(&after)) {
                return false;
            }
        }
        if !self.not_preceded_by.is_empty() {
            let before: Vec<&str> = words(&doc.text[para.start.min(span.start)..span.start])
                .map(|(_, w)| w)
                .collect();
            let preceded = self.not_preceded_by.iter().any(|t| {
                before.len() >= t.words.len()
                    && t.matches_at(&before[before.len() - t.words.len()..])
            });
            if preceded {
                return false;
            }
        }
        true
    }

    /// A rule restricted to some scopes runs everywhere in plain text, whose
    /// format does not tell headings or captions from the body.
    fn in_scope(&self, doc: &Document, span: &Range<usize>) -> bool {
        self.scopes.is_empty()
            || doc
                .scopes_at(span.start)
                .is_none_or(|found| found.iter().any(|s| self.scopes.contains(s)))
    }

    fn position_ok(&self, doc: &Document, span: &Range<usize>) -> bool {
        if let Some(max) = self.max_line_chars
            && line_chars_over(&doc.text[doc.line_at(span.start)], max)
        {
            return false;
        }
        let line = doc.lines.line_of(span.start);
        let too_far = |limit: Option<usize>, from_end| {
            limit.is_some_and(|n| doc.nonblank_lines_around(line, from_end) >= n)
        };
        if too_far(self.first_lines, false) || too_far(self.last_lines, true) {
            return false;
        }
        match self.at {
            None => true,
            Some(at) => at_ok(doc, span, at),
        }
    }
}

/// Whether `line`, without the white space around it, is longer than `max`
/// characters (counted only as far as needed).
fn line_chars_over(line: &str, max: usize) -> bool {
    line.len() > max && line.trim().chars().nth(max).is_some()
}

fn at_ok(doc: &Document, span: &Range<usize>, at: At) -> bool {
    let text = &doc.text;
    let line = doc.line_at(span.start);
    let before_on_line = text[line.start..span.start].trim();
    let after_on_line = text[span.end.min(line.end)..line.end].trim();
    match at {
        At::Line => before_on_line.is_empty() && after_on_line.is_empty() && span.end <= line.end,
        At::LineStart => before_on_line.is_empty(),
        At::LineEnd => after_on_line.is_empty() && span.end <= line.end,
        At::ParagraphStart => doc.paragraph_at(span.start).start == span.start,
        At::SentenceStart => {
            let sentence = doc.sentence_at(span.start);
            text[sentence.start..span.start]
                .chars()
                .all(|c| c.is_whitespace() || "\"“‘'(".contains(c))
        }
        At::BodyStart => body_start(doc) == Some(span.start),
    }
}

/// Where running prose starts: the first paragraph of at least a dozen words
/// that ends like a sentence. Headlines, captions and bylines come before it.
fn body_start(doc: &Document) -> Option<usize> {
    doc.paragraphs
        .iter()
        .find(|p| {
            let text = doc.text[(*p).clone()].trim_end_matches(['”', '"', '’', '\'', ')']);
            words(text).count() >= 12 && text.ends_with(['.', '!', '?'])
        })
        .map(|p| p.start)
}

fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

impl Context {
    fn is_article_wide(&self) -> bool {
        matches!(self.window, Window::Scope(Scope::Article))
    }

    fn found(&self, doc: &Document, span: &Range<usize>) -> bool {
        let region = match self.window {
            Window::Scope(Scope::Sentence) => doc.sentence_at(span.start),
            Window::Scope(Scope::Paragraph) => doc.paragraph_at(span.start),
            Window::Scope(Scope::Article) => 0..doc.text.len(),
            Window::Words(n) => return self.found_within_words(doc, span, n),
        };
        let region = region.start.min(span.start)..region.end.max(span.end);
        self.found_in(&doc.text[region])
    }

    fn found_in(&self, text: &str) -> bool {
        self.any_term(words(text).map(|(_, w)| w))
    }

    fn found_within_words(&self, doc: &Document, span: &Range<usize>, n: usize) -> bool {
        let para = doc.paragraph_at(span.start);
        let before: Vec<&str> = words(&doc.text[para.start.min(span.start)..span.start])
            .map(|(_, w)| w)
            .collect();
        let after = words(&doc.text[span.end..para.end.max(span.end)]).map(|(_, w)| w);
        let inside = words(&doc.text[span.clone()]).map(|(_, w)| w);
        let nearby = before[before.len().saturating_sub(n)..].iter().copied();
        self.any_term(nearby.chain(inside).chain(after.take(n)))
    }

    /// Streams the words, keeping only as many as the longest term needs, so
    /// that a whole article is searched without collecting its words.
    fn any_term<'a>(&self, tokens: impl Iterator<Item = &'a str>) -> bool {
        let longest = self.terms.iter().map(|t| t.words.len()).max().unwrap_or(1);
        let mut recent: Vec<&str> = Vec::with_capacity(longest);
        for token in tokens {
            if recent.len() == longest {
                recent.remove(0);
            }
            recent.push(token);
            let ends_here = |t: &Term| {
                t.words.len() <= recent.len()
                    && t.matches_at(&recent[recent.len() - t.words.len()..])
            };
            if self.terms.iter().any(ends_here) {
                return true;
            }
        }
        false
    }
}

fn terms(cx: &BuildCx, list: &Option<Spanned<Vec<String>>>) -> Result<Vec<Term>, LocatedError> {
    let Some(list) = list else {
        return Ok(Vec::new());
    };
    list.get_ref()
        .iter()
        .map(|t| {
            Term::parse(t)
                .ok_or_else(|| cx.error(list.span(), format!("`{t}` has no word to look for")))
        })
        .collect()
}

fn context(
    cx: &BuildCx,
    list: &Option<Spanned<Vec<String>>>,
    scope: &Option<Spanned<Scope>>,
    words: &Option<Spanned<usize>>,
    name: &str,
) -> Result<Option<Context>, LocatedError> {
    let terms = terms(cx, list)?;
    if terms.is_empty() {
        if let Some(extra) = scope
            .as_ref()
            .map(Spanned::span)
            .or(words.as_ref().map(Spanned::span))
        {
            return Err(cx.error(
                extra,
                format!("this sets the window of `{name}`, but the rule has no `{name}` words"),
            ));
        }
        return Ok(None);
    }
    if let (Some(s), Some(_)) = (scope, words) {
        return Err(cx.error(
            s.span(),
            format!("give `{name}_scope` or `{name}_words`, not both"),
        ));
    }
    let window = match (scope, words) {
        (_, Some(n)) => Window::Words(*n.get_ref()),
        (Some(s), None) => Window::Scope(*s.get_ref()),
        (None, None) => Window::Scope(Scope::Sentence),
    };
    Ok(Some(Context { terms, window }))
}
