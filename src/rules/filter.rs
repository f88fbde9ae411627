//! Narrowing a match by its surroundings: context words near it or not near
//! it, words of the article's topic, words right before or after it, its
//! position in the article, and whether it is quoted speech.

use super::context::{Context, Neighbour, Term, Window};
use super::load::BuildCx;
use super::spec::{At, Expand, Quote, RuleSpec, Scope};
use crate::error::LocatedError;
use crate::source::{self, Document, Format, words};
use std::ops::Range;
use toml::Spanned;

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub case_sensitive: bool,
    /// Looked for around the match (never article-wide: that is `topic`).
    near: Option<Context>,
    not_near: Option<Context>,
    /// Looked for in the whole article.
    topic: Option<Context>,
    not_topic: Option<Context>,
    not_preceded_by: Vec<Neighbour>,
    not_followed_by: Vec<Neighbour>,
    at: Option<At>,
    not_at: Vec<At>,
    quote: Option<Quote>,
    /// Empty: any part of the article.
    scopes: Vec<source::Scope>,
    first_lines: Option<usize>,
    last_lines: Option<usize>,
    max_line_chars: Option<usize>,
    pub expand: Option<Expand>,
}

/// A condition of a filter, named as rule files write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Condition {
    FirstLines,
    LastLines,
    MaxLineChars,
    At,
    NotAt,
    Scopes,
    Quote,
    NotPrecededBy,
    NotFollowedBy,
    Near,
    NotNear,
    Topic,
    NotTopic,
}

impl Condition {
    pub fn as_str(self) -> &'static str {
        match self {
            Condition::FirstLines => "first_lines",
            Condition::LastLines => "last_lines",
            Condition::MaxLineChars => "max_line_chars",
            Condition::At => "at",
            Condition::NotAt => "not_at",
            Condition::Scopes => "scopes",
            Condition::Quote => "quote",
            Condition::NotPrecededBy => "not_preceded_by",
            Condition::NotFollowedBy => "not_followed_by",
            Condition::Near => "near",
            Condition::NotNear => "not_near",
            Condition::Topic => "topic",
            Condition::NotTopic => "not_topic",
        }
    }
}

/// What rejected a match, for the corpus record: a condition, and for a
/// list of words or positions that reject what they find, the entry found
/// (its index in the list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Silencer {
    pub condition: Condition,
    pub entry: Option<usize>,
}

impl Silencer {
    fn of(condition: Condition) -> Silencer {
        Silencer {
            condition,
            entry: None,
        }
    }

    fn entry(condition: Condition, entry: usize) -> Silencer {
        Silencer {
            condition,
            entry: Some(entry),
        }
    }
}

impl Filter {
    pub fn build(cx: &BuildCx, spec: &RuleSpec) -> Result<Filter, LocatedError> {
        let near = context(cx, &spec.near, &spec.near_scope, &spec.near_words, "near")?;
        let not_near = context(
            cx,
            &spec.not_near,
            &spec.not_near_scope,
            &spec.not_near_words,
            "not_near",
        )?;
        let (near, topic) = split_topic(cx, near, &spec.topic, "near", "topic")?;
        let (not_near, not_topic) =
            split_topic(cx, not_near, &spec.not_topic, "not_near", "not_topic")?;
        Ok(Filter {
            case_sensitive: spec.case_sensitive.as_ref().is_some_and(|c| *c.get_ref()),
            near,
            not_near,
            topic,
            not_topic,
            not_preceded_by: neighbours(cx, &spec.not_preceded_by, false)?,
            not_followed_by: neighbours(cx, &spec.not_followed_by, true)?,
            at: spec.at.as_ref().map(|a| *a.get_ref()),
            not_at: spec
                .not_at
                .clone()
                .map(Spanned::into_inner)
                .unwrap_or_default(),
            quote: spec.quote.as_ref().map(|q| *q.get_ref()),
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

    /// Whether the rule can fire in `doc` at all: the topic does not depend
    /// on the match, so it is checked once a document.
    pub fn admits(&self, doc: &Document) -> bool {
        let found = |c: &Context| !c.found_in(&doc.text, true).is_empty();
        self.topic.as_ref().is_none_or(found) && !self.not_topic.as_ref().is_some_and(found)
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
    /// `admits` has said yes for the document). `silencers` asks the same
    /// questions without stopping at the first no.
    pub fn accepts(&self, doc: &Document, span: &Range<usize>) -> bool {
        within_lines(doc, span, self.first_lines, false)
            && within_lines(doc, span, self.last_lines, true)
            && self.line_short_enough(doc, span)
            && self.at.is_none_or(|at| at_ok(doc, span, at))
            && !self.not_at.iter().any(|&at| at_ok(doc, span, at))
            && self.in_scope(doc, span)
            && self.quote_ok(doc, span)
            && self.preceded_by(doc, span).is_none()
            && self.followed_by(doc, span).is_none()
            && self.near.as_ref().is_none_or(|c| c.found(doc, span))
            && !self.not_near.as_ref().is_some_and(|c| c.found(doc, span))
    }

    /// Every condition that rejects the match at `span`, apart from the
    /// topic (see `topic_silencers`): a list once for each of its entries
    /// found. Only the corpus record asks, so lint runs never pay for
    /// looking past the first rejection.
    pub fn silencers(&self, doc: &Document, span: &Range<usize>) -> Vec<Silencer> {
        let checks = [
            (
                Condition::FirstLines,
                within_lines(doc, span, self.first_lines, false),
            ),
            (
                Condition::LastLines,
                within_lines(doc, span, self.last_lines, true),
            ),
            (Condition::MaxLineChars, self.line_short_enough(doc, span)),
            (Condition::At, self.at.is_none_or(|at| at_ok(doc, span, at))),
            (Condition::Scopes, self.in_scope(doc, span)),
            (Condition::Quote, self.quote_ok(doc, span)),
            (
                Condition::Near,
                self.near.as_ref().is_none_or(|c| c.found(doc, span)),
            ),
        ];
        let failed = checks.into_iter().filter(|(_, ok)| !ok);
        let mut out: Vec<Silencer> = failed.map(|(c, _)| Silencer::of(c)).collect();
        out.extend(self.entries_found(doc, span));
        out
    }

    /// The entries of `not_at`, `not_preceded_by`, `not_followed_by` and
    /// `not_near` that hold for the match at `span`.
    fn entries_found(&self, doc: &Document, span: &Range<usize>) -> Vec<Silencer> {
        let not_at = (0..self.not_at.len()).filter(|&i| at_ok(doc, span, self.not_at[i]));
        let mut out: Vec<Silencer> = not_at
            .map(|i| Silencer::entry(Condition::NotAt, i))
            .collect();
        let neighbours = [
            (Condition::NotPrecededBy, self.preceded_by(doc, span)),
            (Condition::NotFollowedBy, self.followed_by(doc, span)),
        ];
        out.extend(
            neighbours
                .into_iter()
                .filter_map(|(c, found)| found.map(|i| Silencer::entry(c, i))),
        );
        if let Some(c) = &self.not_near {
            let found = c.found_terms(doc, span).into_iter();
            out.extend(found.map(|i| Silencer::entry(Condition::NotNear, i)));
        }
        out
    }

    /// What the topic conditions reject in `doc`, for every match in it.
    pub fn topic_silencers(&self, doc: &Document) -> Vec<Silencer> {
        let mut out = Vec::new();
        if let Some(c) = &self.topic
            && c.found_in(&doc.text, true).is_empty()
        {
            out.push(Silencer::of(Condition::Topic));
        }
        if let Some(c) = &self.not_topic {
            let found = c.found_in(&doc.text, false).into_iter();
            out.extend(found.map(|i| Silencer::entry(Condition::NotTopic, i)));
        }
        out
    }

    /// The entry of a list that `s` names, as the rule wrote it.
    pub fn entry(&self, s: Silencer) -> Option<String> {
        let i = s.entry?;
        let word = |c: &Option<Context>| c.as_ref().map(|c| c.terms[i].written.clone());
        match s.condition {
            Condition::NotAt => Some(self.not_at[i].as_str().to_string()),
            Condition::NotPrecededBy => Some(self.not_preceded_by[i].written().to_string()),
            Condition::NotFollowedBy => Some(self.not_followed_by[i].written().to_string()),
            Condition::NotNear => word(&self.not_near),
            Condition::NotTopic => word(&self.not_topic),
            _ => None,
        }
    }

    /// How a report names a silencer: `not_near "US"`, `at = "line-start"`.
    pub fn describe(&self, s: Silencer) -> String {
        let name = s.condition.as_str();
        if let Some(entry) = self.entry(s) {
            return format!("{name} \"{entry}\"");
        }
        let setting = match s.condition {
            Condition::FirstLines => self.first_lines.map(|n| n.to_string()),
            Condition::LastLines => self.last_lines.map(|n| n.to_string()),
            Condition::MaxLineChars => self.max_line_chars.map(|n| n.to_string()),
            Condition::At => self.at.map(|a| format!("\"{}\"", a.as_str())),
            Condition::Quote => self.quote.map(|q| format!("\"{}\"", q.as_str())),
            _ => None,
        };
        match setting {
            Some(value) => format!("{name} = {value}"),
            None => name.to_string(),
        }
    }

    /// The word lists that reject what they find around a match, with the
    /// condition each belongs to, for reviewing a rule (words looked for in
    /// the match itself silence nothing around it).
    pub fn rejecting_terms(&self) -> impl Iterator<Item = (Condition, &Term)> {
        let lists = [
            (Condition::NotNear, &self.not_near),
            (Condition::NotTopic, &self.not_topic),
        ];
        lists.into_iter().flat_map(|(condition, c)| {
            c.iter()
                .filter(|c| !c.is_within_match())
                .flat_map(|c| c.terms.iter())
                .map(move |t| (condition, t))
        })
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

    /// The `not_preceded_by` entry that comes right before the match, by index.
    fn preceded_by(&self, doc: &Document, span: &Range<usize>) -> Option<usize> {
        if self.not_preceded_by.is_empty() {
            return None;
        }
        let para = doc.paragraph_at(span.start);
        let before = &doc.text[para.start.min(span.start)..span.start];
        self.not_preceded_by.iter().position(|n| n.precedes(before))
    }

    /// The `not_followed_by` entry that comes right after the match, by index.
    fn followed_by(&self, doc: &Document, span: &Range<usize>) -> Option<usize> {
        if self.not_followed_by.is_empty() {
            return None;
        }
        let para = doc.paragraph_at(span.start);
        let after = &doc.text[span.end..para.end.max(span.end)];
        self.not_followed_by.iter().position(|n| n.follows(after))
    }

    /// A rule restricted to some scopes runs everywhere in plain text, whose
    /// format does not tell headings or captions from the body.
    fn in_scope(&self, doc: &Document, span: &Range<usize>) -> bool {
        self.scopes.is_empty()
            || doc
                .scopes_at(span.start)
                .is_none_or(|found| found.iter().any(|s| self.scopes.contains(s)))
    }

    /// Whether the match's line is no longer than `max_line_chars`.
    fn line_short_enough(&self, doc: &Document, span: &Range<usize>) -> bool {
        self.max_line_chars
            .is_none_or(|max| !line_chars_over(&doc.text[doc.line_at(span.start)], max))
    }

    fn quote_ok(&self, doc: &Document, span: &Range<usize>) -> bool {
        match self.quote {
            None => true,
            Some(Quote::Inside) => in_quotation(doc, span.start),
            Some(Quote::Outside) => !in_quotation(doc, span.start),
        }
    }
}

/// Whether `line`, without the white space around it, is longer than `max`
/// characters (counted only as far as needed).
fn line_chars_over(line: &str, max: usize) -> bool {
    line.len() > max && line.trim().chars().nth(max).is_some()
}

/// Whether the match starts within `limit` non-blank lines of the
/// article's start (or end).
fn within_lines(doc: &Document, span: &Range<usize>, limit: Option<usize>, from_end: bool) -> bool {
    let line = doc.lines.line_of(span.start);
    limit.is_none_or(|n| doc.nonblank_lines_around(line, from_end) < n)
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
        At::Headline => in_headline(doc, span.start),
    }
}

/// The headline is the first non-blank line of plain text; Markdown and
/// HTML mark their headings.
fn in_headline(doc: &Document, offset: usize) -> bool {
    match doc.format {
        Format::Text => doc.nonblank_lines_around(doc.lines.line_of(offset), false) == 0,
        Format::Markdown | Format::Html => doc
            .scopes_at(offset)
            .is_some_and(|s| s.contains(&source::Scope::Heading)),
    }
}

/// Whether `offset` is in quoted speech: in a block quote where the format
/// marks them, or after an opening double quotation mark of its paragraph
/// that nothing closes before it. A straight mark opens and closes by
/// turns; a paragraph of a quotation that runs on opens with a mark of its
/// own, as news style has it.
fn in_quotation(doc: &Document, offset: usize) -> bool {
    if doc
        .scopes_at(offset)
        .is_some_and(|s| s.contains(&source::Scope::Quote))
    {
        return true;
    }
    let para = doc.paragraph_at(offset);
    doc.text[para.start.min(offset)..offset]
        .chars()
        .fold(false, |open, c| match c {
            '“' => true,
            '”' => false,
            '"' => !open,
            _ => open,
        })
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

fn terms(cx: &BuildCx, list: &Option<Spanned<Vec<String>>>) -> Result<Vec<Term>, LocatedError> {
    let Some(list) = list else {
        return Ok(Vec::new());
    };
    list.get_ref()
        .iter()
        .map(|t| Term::parse(t).ok_or_else(|| no_word(cx, list, t)))
        .collect()
}

fn neighbours(
    cx: &BuildCx,
    list: &Option<Spanned<Vec<String>>>,
    after: bool,
) -> Result<Vec<Neighbour>, LocatedError> {
    let Some(list) = list else {
        return Ok(Vec::new());
    };
    list.get_ref()
        .iter()
        .map(|t| Neighbour::parse(t, after).ok_or_else(|| no_word(cx, list, t)))
        .collect()
}

fn no_word(cx: &BuildCx, list: &Spanned<Vec<String>>, entry: &str) -> LocatedError {
    cx.error(list.span(), format!("`{entry}` has no word to look for"))
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
    if let Some(zero) = words.as_ref().filter(|n| *n.get_ref() == 0) {
        return Err(cx.error(
            zero.span(),
            format!(
                "a window of 0 words holds no word, as the match's own words do not count: to look in the match itself, write `{name}_scope = \"match\"`"
            ),
        ));
    }
    let window = match (scope, words) {
        (_, Some(n)) => Window::Words(*n.get_ref()),
        (Some(s), None) => Window::Scope(*s.get_ref()),
        (None, None) => Window::Scope(Scope::Sentence),
    };
    Ok(Some(Context { terms, window }))
}

/// Sorts context words into those looked for around the match and those of
/// the topic: `topic` words, or `near` words looked for in the whole
/// article (`near_scope = "article"`, the same thing written the older way).
fn split_topic(
    cx: &BuildCx,
    local: Option<Context>,
    topic: &Option<Spanned<Vec<String>>>,
    name: &str,
    topic_name: &str,
) -> Result<(Option<Context>, Option<Context>), LocatedError> {
    let topic_terms = terms(cx, topic)?;
    let written = (!topic_terms.is_empty()).then_some(Context {
        terms: topic_terms,
        window: Window::Scope(Scope::Article),
    });
    match (local, written) {
        (Some(c), None) if c.is_article_wide() => Ok((None, Some(c))),
        (Some(c), Some(_)) if c.is_article_wide() => Err(cx.error(
            topic.as_ref().map_or(0..0, Spanned::span),
            format!(
                "`{name}_scope = \"article\"` already makes `{name}` the topic: give `{topic_name}` or that, not both"
            ),
        )),
        (local, written) => Ok((local, written)),
    }
}
