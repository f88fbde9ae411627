//! Suppressions an editor writes in the comments of a Markdown or HTML article:
//!
//! - `<!-- mtlint-disable RULE … -->` … `<!-- mtlint-enable RULE … -->`: from
//!   the end of the first comment to the start of the second, or to the end
//!   of the file when nothing ends it;
//! - `<!-- mtlint-disable-next-line RULE … -->`: the line after the comment;
//! - `<!-- mtlint-disable-file RULE … -->`: the whole file.
//!
//! A RULE is a rule id or a pack; without one a directive covers every rule.
//! An `mtlint-enable` ends the `mtlint-disable` of the names it gives, or all
//! of them when it gives none. A finding is suppressed when it starts inside
//! the region of a suppression naming its rule or its pack.
//!
//! Suppressions must not rot into blind spots, so their own mistakes are
//! reported as findings of [`RULE`], at the comment: a suppression that
//! suppresses nothing and an `mtlint-enable` that ends nothing (info, like an
//! unused lint allow), and a name that is no rule or pack or a misspelt
//! directive (warning: it suppresses nothing either, though the editor meant
//! it to).

use crate::finding::{Finding, Severity};
use crate::source::Document;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// The built-in rule that reports the suppressions' own mistakes.
pub const RULE: &str = "mtlint/unused-suppression";

const DIRECTIVES: &str =
    "mtlint-disable, mtlint-enable, mtlint-disable-next-line, mtlint-disable-file";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
    File,
}

impl Kind {
    fn parse(word: &str) -> Option<Kind> {
        match word {
            "mtlint-disable" => Some(Kind::Disable),
            "mtlint-enable" => Some(Kind::Enable),
            "mtlint-disable-next-line" => Some(Kind::NextLine),
            "mtlint-disable-file" => Some(Kind::File),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Kind::Disable => "mtlint-disable",
            Kind::Enable => "mtlint-enable",
            Kind::NextLine => "mtlint-disable-next-line",
            Kind::File => "mtlint-disable-file",
        }
    }
}

/// A word of a comment and where it is in the source text.
type Word<'s> = (&'s str, Range<usize>);

/// A comment that speaks to mtlint. Ranges are offsets of the source text.
struct Directive<'s> {
    kind: Kind,
    comment: Range<usize>,
    keyword: Range<usize>,
    names: Vec<Word<'s>>,
}

/// Where findings of a rule or pack (`None`: of every rule) are suppressed,
/// and whether any was.
struct Suppression<'s> {
    kind: Kind,
    name: Option<&'s str>,
    /// The name in the comment, or the directive's keyword: what a report
    /// about this suppression points at.
    written: Range<usize>,
    region: Range<usize>,
    used: bool,
}

impl Suppression<'_> {
    fn covers(&self, start: usize, rule: &str, pack: &str) -> bool {
        self.region.start <= start
            && start <= self.region.end
            && self.name.is_none_or(|n| n == rule || n == pack)
    }

    fn shown(&self) -> String {
        match self.name {
            Some(name) => format!("{} {name}", self.kind.as_str()),
            None => self.kind.as_str().to_string(),
        }
    }
}

/// A mistake in the suppressions, at a range of the source text.
struct Report {
    at: Range<usize>,
    severity: Severity,
    message: String,
    help: &'static str,
}

/// Drops the findings that `doc`'s comments suppress and adds a finding of
/// [`RULE`] for each suppression mistake. `packs` maps every rule id of the
/// run to its pack: it tells which names exist. Findings stay sorted by
/// position in the file.
pub fn apply(doc: &mut Document, findings: &mut Vec<Finding>, packs: &HashMap<Arc<str>, String>) {
    if doc.comments.is_empty() {
        return;
    }
    let source = doc.source_text();
    let mut reports = Vec::new();
    let directives: Vec<Directive> = doc
        .comments
        .iter()
        .filter_map(|c| directive(source, c.clone(), &mut reports))
        .collect();
    let known = |name: &str| packs.contains_key(name) || packs.values().any(|p| p == name);
    let mut suppressions = regions(source, &directives, &known, &mut reports);
    findings.retain(|f| {
        let start = doc.source_span(&f.span).start;
        let pack = packs.get(&f.rule).map_or("", String::as_str);
        let mut suppressed = false;
        for s in suppressions
            .iter_mut()
            .filter(|s| s.covers(start, &f.rule, pack))
        {
            s.used = true;
            suppressed = true;
        }
        !suppressed
    });
    reports.extend(suppressions.iter().filter(|s| !s.used).map(|s| Report {
        at: s.written.clone(),
        severity: Severity::Info,
        message: format!("unused suppression: `{}` suppresses nothing", s.shown()),
        help: "remove it, or the rule name from it",
    }));
    if reports.is_empty() {
        return;
    }
    for report in reports {
        let span = doc.anchor(report.at);
        findings.push(Finding {
            rule: Arc::from(RULE),
            severity: report.severity,
            message: report.message,
            help: Some(report.help.to_string()),
            span,
            replacements: Vec::new(),
            fix: None,
        });
    }
    findings.sort_by_cached_key(|f| doc.source_span(&f.span).start);
}

/// The directive `source[comment]` holds, if it speaks to mtlint at all (its
/// first word starts with `mtlint-`); a misspelt directive is reported.
fn directive<'s>(
    source: &'s str,
    comment: Range<usize>,
    reports: &mut Vec<Report>,
) -> Option<Directive<'s>> {
    let mut words = words(source, comment.clone());
    let (first, keyword) = words.next()?;
    if !first.starts_with("mtlint-") {
        return None;
    }
    let Some(kind) = Kind::parse(first) else {
        reports.push(Report {
            at: keyword,
            severity: Severity::Warning,
            message: format!("`{first}` is not an mtlint directive ({DIRECTIVES})"),
            help: "correct the directive's spelling",
        });
        return None;
    };
    Some(Directive {
        kind,
        comment,
        keyword,
        names: words.collect(),
    })
}

/// The words inside the comment `source[comment]`, without its `<!--` and
/// `-->`; names may be separated by spaces or commas.
fn words(source: &str, comment: Range<usize>) -> impl Iterator<Item = Word<'_>> {
    let text = &source[comment.clone()];
    let inner_start = text.strip_prefix("<!--").map_or(0, |_| 4);
    let inner_end = text.strip_suffix("-->").map_or(text.len(), |t| t.len());
    let base = comment.start + inner_start;
    let inner = &source[base..comment.start + inner_end.max(inner_start)];
    inner
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(move |w| {
            let at = base + (w.as_ptr() as usize - inner.as_ptr() as usize);
            (w, at..at + w.len())
        })
}

/// The suppressions the directives set up in `source`; names that `known`
/// does not know and enables that end nothing are reported.
fn regions<'s>(
    source: &str,
    directives: &[Directive<'s>],
    known: &dyn Fn(&str) -> bool,
    reports: &mut Vec<Report>,
) -> Vec<Suppression<'s>> {
    let mut open: Vec<Suppression> = Vec::new();
    let mut done = Vec::new();
    for d in directives {
        let region = match d.kind {
            Kind::Disable => d.comment.end..source.len(),
            Kind::NextLine => next_line(source, d.comment.end),
            Kind::File => 0..source.len(),
            Kind::Enable => {
                end_disables(d, &mut open, &mut done, known, reports);
                continue;
            }
        };
        let suppressions = names(d, known, reports).map(|(name, written)| Suppression {
            kind: d.kind,
            name,
            written,
            region: region.clone(),
            used: false,
        });
        if d.kind == Kind::Disable {
            open.extend(suppressions);
        } else {
            done.extend(suppressions);
        }
    }
    done.extend(open);
    done
}

/// The names a directive gives that exist (`None` alone when it gives none:
/// every rule), with where each is written; the others are reported.
fn names<'s, 'd>(
    d: &'d Directive<'s>,
    known: &'d dyn Fn(&str) -> bool,
    reports: &'d mut Vec<Report>,
) -> impl Iterator<Item = (Option<&'s str>, Range<usize>)> + 'd {
    let all = d.names.is_empty().then(|| (None, d.keyword.clone()));
    let named = d.names.iter().filter_map(move |(name, at)| {
        if known(name) {
            return Some((Some(*name), at.clone()));
        }
        reports.push(Report {
            at: at.clone(),
            severity: Severity::Warning,
            message: format!(
                "unknown rule in a suppression: no rule or pack is called `{name}` (`mtlint rules` lists them)"
            ),
            help: "correct the name, or remove it",
        });
        None
    });
    all.into_iter().chain(named)
}

/// Ends the open `mtlint-disable`s that the `mtlint-enable` `d` names (all of
/// them when it names none), moving them to `done`.
fn end_disables<'s>(
    d: &Directive<'s>,
    open: &mut Vec<Suppression<'s>>,
    done: &mut Vec<Suppression<'s>>,
    known: &dyn Fn(&str) -> bool,
    reports: &mut Vec<Report>,
) {
    let ends: Vec<(Option<&str>, Range<usize>)> = names(d, known, reports).collect();
    for (name, written) in ends {
        let ended: Vec<Suppression> = open
            .extract_if(.., |s| name.is_none() || s.name == name)
            .collect();
        if ended.is_empty() {
            let shown = name.map_or(String::new(), |n| format!(" {n}"));
            reports.push(Report {
                at: written,
                severity: Severity::Info,
                message: format!(
                    "`mtlint-enable{shown}` ends no `mtlint-disable{shown}` before it"
                ),
                help: "remove it, or the rule name from it",
            });
        }
        done.extend(ended.into_iter().map(|mut s| {
            s.region.end = d.comment.start;
            s
        }));
    }
}

/// The line after the one where a comment ends at `after` (empty at the end
/// of the text when there is none), without its line break.
fn next_line(source: &str, after: usize) -> Range<usize> {
    let Some(newline) = source[after..].find('\n') else {
        return source.len()..source.len();
    };
    let start = after + newline + 1;
    let end = source[start..]
        .find('\n')
        .map_or(source.len(), |n| start + n);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(source: &str) -> Vec<(&str, Range<usize>)> {
        words(source, 0..source.len()).collect()
    }

    #[test]
    fn words_skip_the_comment_markers_and_keep_their_offsets() {
        assert_eq!(
            words_of("<!--mtlint-disable a/b,c -->"),
            [("mtlint-disable", 4..18), ("a/b", 19..22), ("c", 23..24)]
        );
        assert!(words_of("<!-->").is_empty(), "an abrupt empty comment");
    }

    #[test]
    fn the_next_line_is_the_one_after_the_comment_ends() {
        let source = "<!-- x -->\nnext line\nlast";
        assert_eq!(&source[next_line(source, 10)], "next line");
        assert_eq!(&source[next_line(source, 3)], "next line");
        assert_eq!(next_line(source, source.len()), source.len()..source.len());
    }
}
