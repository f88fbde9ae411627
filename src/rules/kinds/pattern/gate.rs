//! The gate of a pattern: a small set of literals of which every match
//! contains one. The engine finds all gate literals of all patterns in one
//! Aho-Corasick pass and runs a pattern only on the paragraphs holding one of
//! its literals, so a pattern that cannot match is neither run nor compiled.
//!
//! The automaton ignores ASCII case; a literal with an upper-case letter is
//! then checked for its exact case, so that a case-sensitive `AP` gates on
//! `AP` and not on every `ap` of "happen". Letters the pattern matches in
//! either case are lower-cased.
//!
//! Literals are built from the parsed pattern: a run of parts that each
//! match one of a few strings (`(?:fourth|fifth) \(`) multiplies out into
//! longer literals (`fourth (`, `fifth (`), which are rarer, hence better
//! gates, than any part.
//!
//! A pattern anchored at the start of a line (`^[ \t]*By `) gets a stricter
//! gate: literals that must open a line, not merely occur in it; those too
//! common for the automaton (`-`, a digit) are checked at each line's start.
//! A pattern whose matches may span lines opens the whole text, not the
//! paragraph, since a paragraph alone could match differently.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Literal sets larger than this make a poor gate: the pattern runs ungated.
/// (A digit, a comma and a digit make 100.)
const MAX_LITERALS: usize = 128;

/// A gate must be at least this selective (see `selectivity`): `by ` and
/// `|` are gates, `of` is not.
const MIN_SELECTIVITY: u32 = 5;

/// Selectivity is capped here when gates are compared: past it (a word of
/// six letters), fewer literals matter more than longer ones, so that the
/// branches of an alternation keep small sets that add up to a usable gate.
const ENOUGH_SELECTIVITY: u32 = 12;

/// A literal that must open a line is rarer than the same literal anywhere:
/// `by ` opening a line is a byline, anywhere it is every other sentence.
const MIN_LINE_START_SELECTIVITY: u32 = 4;

/// Line-start literals too common to look for anywhere (`x`, `-`, a digit)
/// are checked at each line's start instead, unless this many or more are
/// single characters: a line starting with any capital is every line.
const MAX_EACH_LINE_SINGLES: usize = 11;

/// A class of up to this many characters (after case folding) is enumerated
/// as strings: the ten digits, or the letters of `[A-Z]`.
const MAX_CLASS_CHARS: usize = 26;

/// The gate of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gate {
    /// A literal with an upper-case letter must occur in exactly that case.
    pub literals: Vec<Vec<u8>>,
    /// Characters the pattern matches that the literals leave out (ranges,
    /// sorted): `ſ` and `K` (Kelvin sign) beside the `s` and `k` they
    /// case-fold to, and the digits of other scripts beside `0`-`9` for `\d`.
    /// The pattern also runs on the whole of a text where one occurs.
    pub rare_chars: Vec<(char, char)>,
    /// Whether every match starts a line (after spaces or tabs) with one of
    /// the literals, rather than holding one anywhere.
    pub at_line_start: bool,
    /// Whether the literals (opening a line) are too common to look for
    /// anywhere, and are checked at the start of each line instead.
    pub each_line: bool,
    /// Whether a match may reach past the paragraph where a literal occurs
    /// (it can match two line breaks, or uses `\A` or `\z`): the gate then
    /// opens the whole text, not only that paragraph.
    pub whole_text: bool,
    /// A second set of literals, one of which every match also holds,
    /// where the pattern has one that the first does not imply (`sought by `
    /// and ` report` in `sought by \w+ report`): the pattern then runs only
    /// where one of each occurs. Empty when there is none.
    pub also: Vec<Vec<u8>>,
}

/// The gate of `hir`, if it has a selective one.
pub fn gate(hir: &Hir) -> Option<Gate> {
    let mut rare = Vec::new();
    let line_start = line_start_literals(hir, &mut rare);
    let required = facts(hir, &mut rare)
        .required()
        .map(|r| minimal(r.clone(), contains));
    let (literals, at_line_start, each_line) = match (line_start, required) {
        (Some(l), _) if selective(&l, MIN_LINE_START_SELECTIVITY) => (l, true, false),
        (_, Some(r)) if selective(&r, MIN_SELECTIVITY) => (r, false, false),
        (Some(l), _) if for_each_line(&l) => (l, true, true),
        _ => return None,
    };
    let also = second_set(hir, &literals, &mut rare).unwrap_or_default();
    rare.sort();
    rare.dedup();
    Some(Gate {
        literals,
        rare_chars: rare,
        at_line_start,
        each_line,
        whole_text: may_leave_paragraph(hir),
        also,
    })
}

/// The most selective literal set required by one part of the pattern's
/// top-level concatenation that `first` does not imply (some literal of
/// `first` holds none of it), if one is selective enough to gate on. Every
/// match holds a match of each part, so each part's requirement is the
/// whole pattern's.
fn second_set(hir: &Hir, first: &Set, rare: &mut Vec<(char, char)>) -> Option<Set> {
    let mut best = Best::default();
    for part in concat_parts(hir) {
        let facts = facts(part, rare);
        for set in [facts.required(), facts.fewest()].into_iter().flatten() {
            let set = minimal(set.clone(), contains);
            let implied = first.iter().all(|f| set.iter().any(|s| contains(f, s)));
            if !implied {
                best.offer(Some(&set));
            }
        }
    }
    // Its literals are looked for in every text, so only rare ones pay:
    // a common word would cost the scan more than the runs it saves.
    best.set.filter(|s| selective(s, ENOUGH_SELECTIVITY))
}

/// The parts of the concatenation `hir` is, looking through groups.
fn concat_parts(hir: &Hir) -> Vec<&Hir> {
    match hir.kind() {
        HirKind::Capture(c) => concat_parts(&c.sub),
        HirKind::Concat(subs) => subs.iter().flat_map(concat_parts).collect(),
        _ => vec![hir],
    }
}

/// Whether line-start literals are worth checking at each line's start.
fn for_each_line(literals: &Set) -> bool {
    let singles = literals.iter().filter(|l| l.len() == 1).count();
    selective(literals, 1) && singles < MAX_EACH_LINE_SINGLES
}

/// Whether `literal` must occur in its exact case: whether it has an
/// upper-case letter. Building literals keeps that true (see `concat`).
pub fn exact_case(literal: &[u8]) -> bool {
    literal.iter().any(u8::is_ascii_uppercase)
}

/// Whether a match of `hir` may reach past the paragraph where its literal
/// is, and the blank lines either side: whether it can hold two line breaks
/// (a blank line between paragraphs takes two), or depends on where the text
/// starts or ends. One line break, as in a wrapped line, stays within reach.
fn may_leave_paragraph(hir: &Hir) -> bool {
    uses_text_edges(hir) || most_newlines(hir) >= 2
}

fn uses_text_edges(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(look) => matches!(look, Look::Start | Look::End),
        HirKind::Repetition(r) => uses_text_edges(&r.sub),
        HirKind::Capture(c) => uses_text_edges(&c.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(uses_text_edges),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => false,
    }
}

/// The most `\n` a match of `hir` can hold, counted up to 2. Paragraphs are
/// split at `\n` only, so a `\r` (even a lone one) never leaves one.
fn most_newlines(hir: &Hir) -> u32 {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 0,
        HirKind::Literal(l) => l.0.iter().filter(|&&b| b == b'\n').count().min(2) as u32,
        HirKind::Class(c) => u32::from(holds_newline(c)),
        HirKind::Repetition(r) => match (most_newlines(&r.sub), r.max) {
            (0, _) => 0,
            (n, Some(max)) => n.saturating_mul(max).min(2),
            (_, None) => 2,
        },
        HirKind::Capture(c) => most_newlines(&c.sub),
        HirKind::Concat(subs) => subs.iter().map(most_newlines).sum::<u32>().min(2),
        HirKind::Alternation(subs) => subs.iter().map(most_newlines).max().unwrap_or(0),
    }
}

fn holds_newline(class: &Class) -> bool {
    match class {
        Class::Unicode(c) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= '\n' && '\n' <= r.end()),
        Class::Bytes(c) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
    }
}

/// For a pattern that starts `^` or `^[ \t]*`: what every match opens a
/// line with, if that makes a gate.
fn line_start_literals(hir: &Hir, rare: &mut Vec<(char, char)>) -> Option<Set> {
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let (first, mut rest) = parts.split_first()?;
    let HirKind::Look(Look::Start | Look::StartLF | Look::StartCRLF) = first.kind() else {
        return None;
    };
    if rest.first().is_some_and(is_blanks) {
        rest = &rest[1..];
    }
    let parts: Vec<Facts> = rest.iter().map(|h| facts(h, rare)).collect();
    Some(minimal(leading(parts.iter(), Side::Start), starts_with))
}

/// `[ \t]*`, or any repetition of spaces and tabs from zero times.
fn is_blanks(hir: &Hir) -> bool {
    let HirKind::Repetition(r) = hir.kind() else {
        return false;
    };
    let mut unused = Vec::new();
    let blanks = |s: &Set| s.iter().all(|l| l == b" " || l == b"\t");
    r.min == 0
        && facts(&r.sub, &mut unused)
            .exact
            .as_ref()
            .is_some_and(blanks)
}

fn selective(literals: &Set, min: u32) -> bool {
    !literals.is_empty()
        && literals.len() <= MAX_LITERALS
        && literals.iter().all(|l| selectivity(l) >= min)
}

type Set = Vec<Vec<u8>>;

/// Drops literals `covers` another: a text holding the one (anywhere, or at
/// a line start) holds the other, so the gate opens on the same texts.
fn minimal(mut set: Set, covers: fn(&[u8], &[u8]) -> bool) -> Set {
    set.sort();
    set.dedup();
    set.iter()
        .filter(|l| !set.iter().any(|other| l != &other && covers(l, other)))
        .cloned()
        .collect()
}

/// Whether every occurrence of `a` holds an occurrence of `b`.
fn contains(a: &[u8], b: &[u8]) -> bool {
    within(a, b, |a, b| a.windows(b.len()).any(|w| w == b))
}

/// Whether every occurrence of `a` starts with an occurrence of `b`.
fn starts_with(a: &[u8], b: &[u8]) -> bool {
    within(a, b, <[u8]>::starts_with)
}

/// `found(a, b)`, with case: a literal in exact case is found only in a
/// literal in exact case; one in any case, in the other lower-cased.
fn within(a: &[u8], b: &[u8], found: fn(&[u8], &[u8]) -> bool) -> bool {
    if exact_case(b) {
        exact_case(a) && found(a, b)
    } else {
        found(&a.to_ascii_lowercase(), b)
    }
}

/// How rare a literal is likely to be in news text, roughly: letters and
/// digits count 2 (an upper-case letter that must match exactly, 3), a
/// space 1, other punctuation and non-ASCII bytes 5.
fn selectivity(literal: &[u8]) -> u32 {
    literal
        .iter()
        .map(|&b| match b {
            b' ' | b'\t' | b'\n' => 1,
            b if b.is_ascii_uppercase() => 3,
            b if b.is_ascii_alphanumeric() => 2,
            b',' | b'.' | b'\'' | b'-' => 2,
            _ => 5,
        })
        .sum()
}

/// What one part of a pattern tells about the text it matches; worked out
/// once for each part, from the facts of its own parts. When `exact` is
/// known, it also stands for the three others unless they are set.
#[derive(Default)]
struct Facts {
    /// Every string it can match, if they are few.
    exact: Option<Set>,
    /// Strings one of which every match starts with.
    prefix: Option<Set>,
    /// Strings one of which every match ends with.
    suffix: Option<Set>,
    /// For a part that may match nothing (`[ \t]*`, an optional group):
    /// strings one of which every other match starts with; ends with.
    prefix_unless_empty: Option<Set>,
    suffix_unless_empty: Option<Set>,
    /// Strings one of which every match contains: the best gate found so far.
    required: Option<Set>,
    /// The same, as few strings as make a gate: an alternation whose
    /// branches' best sets add up to too many falls back on these.
    fewest: Option<Set>,
}

impl Facts {
    fn exact(exact: Option<Set>) -> Facts {
        Facts {
            exact,
            ..Facts::default()
        }
    }

    fn prefix(&self) -> Option<&Set> {
        self.exact.as_ref().or(self.prefix.as_ref())
    }

    fn suffix(&self) -> Option<&Set> {
        self.exact.as_ref().or(self.suffix.as_ref())
    }

    fn required(&self) -> Option<&Set> {
        let exact = self.exact.as_ref().filter(|e| no_empty(e));
        self.required.as_ref().or(exact)
    }

    fn fewest(&self) -> Option<&Set> {
        self.fewest.as_ref().or(self.required())
    }
}

fn facts(hir: &Hir, rare: &mut Vec<(char, char)>) -> Facts {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Facts::exact(Some(vec![Vec::new()])),
        HirKind::Literal(l) => Facts::exact(Some(vec![l.0.to_vec()])),
        HirKind::Class(class) => Facts::exact(class_strings(class, rare)),
        HirKind::Capture(c) => facts(&c.sub, rare),
        HirKind::Repetition(r) => {
            let sub = facts(&r.sub, rare);
            let exact = sub.exact.as_ref().and_then(|e| repeated(e, r.min, r.max));
            if exact.is_some() {
                return Facts::exact(exact);
            }
            if r.min == 0 {
                // A match is empty, or starts and ends like one of `sub`
                // (unless that is unknown: an empty string in the set).
                let known = |s: Option<&Set>| s.filter(|s| no_empty(s)).cloned();
                return Facts {
                    prefix_unless_empty: known(sub.prefix()),
                    suffix_unless_empty: known(sub.suffix()),
                    ..Facts::default()
                };
            }
            // Every match starts, ends and goes on like a match of `sub`.
            Facts {
                exact: None,
                prefix: sub.prefix().cloned(),
                suffix: sub.suffix().cloned(),
                required: sub.required().cloned(),
                fewest: sub.fewest().cloned(),
                ..Facts::default()
            }
        }
        HirKind::Alternation(subs) => {
            let subs: Vec<Facts> = subs.iter().map(|s| facts(s, rare)).collect();
            let fewest = union(subs.iter().map(Facts::fewest));
            Facts {
                exact: union(subs.iter().map(|f| f.exact.as_ref())),
                prefix: union(subs.iter().map(Facts::prefix)),
                suffix: union(subs.iter().map(Facts::suffix)),
                required: union(subs.iter().map(Facts::required)).or_else(|| fewest.clone()),
                fewest,
                ..Facts::default()
            }
        }
        HirKind::Concat(subs) => {
            let subs: Vec<Facts> = subs.iter().map(|s| facts(s, rare)).collect();
            let exact = subs
                .iter()
                .try_fold(vec![Vec::new()], |run, f| product(&run, f.exact.as_ref()?));
            match exact {
                // A concatenation that matches one string (a word) is its own
                // best gate: no part of it is longer or fewer.
                Some(one) if one.len() == 1 => Facts::exact(Some(one)),
                exact => {
                    let best = best_in_concat(&subs);
                    Facts {
                        prefix: Some(leading(subs.iter(), Side::Start)),
                        suffix: Some(leading(subs.iter().rev(), Side::End)),
                        required: best.set,
                        fewest: best.fewest,
                        exact,
                        ..Facts::default()
                    }
                }
            }
        }
    }
}

/// Which end of a concatenation `leading` works out.
#[derive(Clone, Copy)]
enum Side {
    Start,
    End,
}

impl Side {
    fn affix(self, facts: &Facts) -> Option<&Set> {
        match self {
            Side::Start => facts.prefix(),
            Side::End => facts.suffix(),
        }
    }

    fn affix_unless_empty(self, facts: &Facts) -> Option<&Set> {
        match self {
            Side::Start => facts.prefix_unless_empty.as_ref(),
            Side::End => facts.suffix_unless_empty.as_ref(),
        }
    }

    /// `run` extended by `next`, away from this end.
    fn join(self, run: &Set, next: &Set) -> Option<Set> {
        match self {
            Side::Start => product(run, next),
            Side::End => product(next, run),
        }
    }

    /// `set` cut to as many characters nearest this end as keep its product
    /// with `run` within `MAX_LITERALS`, and to one character at least:
    /// "(Author:", "(Author " and "[Author:" become "(Author" and "[Author"
    /// rather than "(" and "[".
    fn shorten(self, run: &Set, set: &Set) -> Set {
        let longest = set.iter().map(Vec::len).max().unwrap_or(0);
        (2..=longest)
            .rev()
            .map(|n| cut(set, n, self))
            .find(|c| c.len().saturating_mul(run.len()) <= MAX_LITERALS)
            .unwrap_or_else(|| cut(set, 1, self))
    }
}

/// What a concatenation starts with: its leading exact parts multiplied out,
/// then the start of the first part that is not exact (run backwards over
/// the parts, for `Side::End`, for what it ends with). A part with too many
/// strings to multiply adds its first characters if they are few enough,
/// and ends the run. A part that may match nothing (`[ \t]*`, an optional
/// group) ends the run with its own start, and also lets it go on to the
/// next part.
fn leading<'a>(parts: impl Iterator<Item = &'a Facts>, side: Side) -> Set {
    let mut run: Set = vec![Vec::new()];
    let mut ended: Set = Vec::new();
    for part in parts {
        if let (None, Some(own)) = (&part.exact, side.affix_unless_empty(part)) {
            let joined = side
                .join(&run, own)
                .or_else(|| side.join(&run, &side.shorten(&run, own)));
            match joined.and_then(|j| union([Some(&ended), Some(&j)].into_iter())) {
                Some(all) => ended = all,
                None => break,
            }
            continue;
        }
        let (next, last) = match (&part.exact, side.affix(part)) {
            (Some(exact), _) => (exact, false),
            (None, Some(affix)) => (affix, true),
            (None, None) => break,
        };
        match side.join(&run, next) {
            Some(joined) => run = joined,
            None => {
                if let Some(joined) = side.join(&run, &side.shorten(&run, next)) {
                    run = joined;
                }
                break;
            }
        }
        if last {
            break;
        }
    }
    // Too many together: cut short until they fit.
    union([Some(&ended), Some(&run)].into_iter()).unwrap_or_else(|| {
        let mut all = [ended, run].concat();
        all.sort();
        all.dedup();
        side.shorten(&vec![Vec::new()], &all)
    })
}

/// The most selective requirement of a concatenation: one part's own, or a
/// run of adjacent exact parts multiplied out, extended by what the parts on
/// either side of the run end or start with.
fn best_in_concat(parts: &[Facts]) -> Best {
    let mut best = Best::default();
    for part in parts {
        best.offer(part.required());
        best.offer(part.fewest());
    }
    for start in 0..parts.len() {
        let before = start
            .checked_sub(1)
            .and_then(|b| parts[b].suffix().cloned());
        let mut run = before.unwrap_or_else(|| vec![Vec::new()]);
        for part in &parts[start..] {
            let Some(next) = part.exact.as_ref().and_then(|e| product(&run, e)) else {
                if let Some(prefix) = part.prefix() {
                    best.offer(product(&run, prefix).as_ref());
                    // Too many strings: the run's end and the part's start,
                    // one character of each, may still be few (`.` `T`).
                    let start = first_chars(prefix);
                    best.offer(product(&run, &start).as_ref());
                    best.offer(product(&last_chars(&run), &start).as_ref());
                }
                break;
            };
            run = next;
            // Past twice enough, longer runs gain nothing worth their cost.
            if best.offer(Some(&run)) >= 2 * ENOUGH_SELECTIVITY {
                break;
            }
        }
    }
    best
}

/// The most selective of the literal sets offered (see `ENOUGH_SELECTIVITY`),
/// and the smallest of those selective enough to be a gate.
#[derive(Default)]
struct Best {
    set: Option<Set>,
    score: (u32, std::cmp::Reverse<usize>, u32),
    fewest: Option<Set>,
}

impl Best {
    /// Keeps `set` if it beats the best so far; returns its weakest
    /// literal's selectivity (0 when it is no gate at all).
    fn offer(&mut self, set: Option<&Set>) -> u32 {
        let Some(set) = set.filter(|c| !c.is_empty() && c.len() <= MAX_LITERALS && no_empty(c))
        else {
            return 0;
        };
        let weakest = set.iter().map(|l| selectivity(l)).min().unwrap_or(0);
        let score = (
            weakest.min(ENOUGH_SELECTIVITY),
            std::cmp::Reverse(set.len()),
            weakest,
        );
        if self.set.is_none() || score > self.score {
            self.set = Some(set.clone());
            self.score = score;
        }
        if weakest >= MIN_SELECTIVITY && self.fewest.as_ref().is_none_or(|f| set.len() < f.len()) {
            self.fewest = Some(set.clone());
        }
        weakest
    }
}

fn no_empty(set: &Set) -> bool {
    set.iter().all(|l| !l.is_empty())
}

/// Every string of `min` to `max` repetitions of `sub`, if they are few.
fn repeated(sub: &Set, min: u32, max: Option<u32>) -> Option<Set> {
    let max = max.filter(|&m| m as usize <= MAX_LITERALS)?;
    let mut set = Vec::new();
    let mut power: Set = vec![Vec::new()];
    for count in 0..=max {
        if count >= min {
            set.extend(power.iter().cloned());
        }
        if count < max {
            power = product(&power, sub)?;
        }
    }
    (set.len() <= MAX_LITERALS).then_some(set)
}

/// The strings of a small class: an ASCII letter it holds in both cases is
/// one lower-case string (matched in any case), any other character its own
/// string. `ſ` and `K` beside the `s` and `k` they case-fold to, and the
/// members of a class too large to enumerate that are rare in English news
/// (`\d` beyond `0`-`9`), are left out and added to `rare` (see `Gate`).
fn class_strings(class: &Class, rare: &mut Vec<(char, char)>) -> Option<Set> {
    let ranges: Vec<(char, char)> = match class {
        Class::Unicode(c) => c.ranges().iter().map(|r| (r.start(), r.end())).collect(),
        Class::Bytes(c) if c.is_ascii() => c
            .ranges()
            .iter()
            .map(|r| (char::from(r.start()), char::from(r.end())))
            .collect(),
        Class::Bytes(_) => return None,
    };
    let ascii: Vec<char> = ranges
        .iter()
        .flat_map(|&(start, end)| start..=end.min('\x7f'))
        .collect();
    let mut others: Vec<(char, char)> = ranges
        .iter()
        .filter(|&&(_, end)| !end.is_ascii())
        .map(|&(start, end)| (start.max('\u{80}'), end))
        .collect();
    for (folded, letter) in [('ſ', 's'), ('\u{212A}', 'k')] {
        if ascii.contains(&letter) && others.contains(&(folded, folded)) {
            others.retain(|&r| r != (folded, folded));
            rare.push((folded, folded));
        }
    }
    let mut set = folded_ascii(&ascii);
    set.sort();
    set.dedup();
    let count: usize = others
        .iter()
        .map(|&(s, e)| e as usize - s as usize + 1)
        .sum();
    if set.len() + count <= MAX_CLASS_CHARS {
        let chars = others.iter().flat_map(|&(s, e)| s..=e);
        set.extend(chars.map(|c| c.to_string().into_bytes()));
    } else if set.len() <= MAX_CLASS_CHARS && others.iter().all(|&r| rare_in_news(r)) {
        rare.extend(others);
    } else {
        return None;
    }
    Some(set)
}

/// ASCII characters as strings, a letter present in both cases as one
/// lower-case string.
fn folded_ascii(chars: &[char]) -> Set {
    chars
        .iter()
        .map(|&c| {
            let other = if c.is_ascii_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            if other != c && chars.contains(&other) {
                c.to_ascii_lowercase()
            } else {
                c
            }
        })
        .map(|c| vec![c as u8])
        .collect()
}

/// Whether no character of `range` is common in English news: none is
/// Latin-1 (accents, the no-break space) or general punctuation (dashes,
/// curly quotes, thin spaces).
fn rare_in_news((start, end): (char, char)) -> bool {
    let common = ['\u{80}'..='\u{ff}', '\u{2000}'..='\u{206f}'];
    common.iter().all(|c| end < *c.start() || start > *c.end())
}

/// The first character of each literal, deduplicated.
fn first_chars(set: &Set) -> Set {
    cut(set, 1, Side::Start)
}

/// The last character of each literal, deduplicated.
fn last_chars(set: &Set) -> Set {
    cut(set, 1, Side::End)
}

/// Each literal cut to its `n` characters nearest `side`'s end (all of it
/// if shorter), deduplicated.
fn cut(set: &Set, n: usize, side: Side) -> Set {
    let mut out: Set = set
        .iter()
        .map(|l| {
            let text = std::str::from_utf8(l).expect("literals are whole characters");
            let kept: String = match side {
                Side::Start => text.chars().take(n).collect(),
                Side::End => {
                    let skip = text.chars().count().saturating_sub(n);
                    text.chars().skip(skip).collect()
                }
            };
            kept.into_bytes()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Every string of `a` followed by every string of `b`, if not too many.
fn product(a: &Set, b: &Set) -> Option<Set> {
    if a.len().saturating_mul(b.len()) > MAX_LITERALS {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(move |y| concat(x, y)))
            .collect(),
    )
}

/// `a` then `b`. Joined to a literal in any case, one in exact case is
/// lower-cased: the whole is then matched in any case, which also finds it.
fn concat(a: &[u8], b: &[u8]) -> Vec<u8> {
    let any_case = |l: &[u8]| !exact_case(l) && l.iter().any(u8::is_ascii_lowercase);
    let joined = [a, b].concat();
    if (exact_case(a) && any_case(b)) || (any_case(a) && exact_case(b)) {
        joined.to_ascii_lowercase()
    } else {
        joined
    }
}

/// The union of sets, if each exists and together they are not too many.
fn union<'a>(sets: impl Iterator<Item = Option<&'a Set>>) -> Option<Set> {
    let mut all: Set = Vec::new();
    for set in sets {
        for literal in set? {
            if !all.contains(literal) {
                all.push(literal.clone());
            }
        }
        if all.len() > MAX_LITERALS {
            return None;
        }
    }
    Some(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        gate(&hir).map(|g| {
            g.literals
                .into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect()
        })
    }

    #[test]
    fn adjacent_parts_multiply_into_longer_literals() {
        assert_eq!(
            literals(r"\b(?:fourth|fifth) \(\d\)"),
            Some(vec!["fifth (".into(), "fourth (".into()])
        );
        assert_eq!(
            literals(r"(?i)\bthe (?:high|low) (?:of|in) \w+"),
            Some(vec!["the high ".into(), "the low ".into()])
        );
    }

    #[test]
    fn a_repeated_part_extends_a_run_by_what_it_starts_with() {
        assert_eq!(
            literals(r"\b(?:By|BY):?[ \t]+\p{Lu}"),
            Some(vec![
                "BY\t".into(),
                "BY ".into(),
                "BY:\t".into(),
                "BY: ".into(),
                "By\t".into(),
                "By ".into(),
                "By:\t".into(),
                "By: ".into()
            ])
        );
    }

    #[test]
    fn case_insensitive_s_and_k_fold_to_ascii_and_say_so() {
        let hir = regex_syntax::Parser::new()
            .parse(r"(?i)we use cookies")
            .unwrap();
        let g = gate(&hir).unwrap();
        assert_eq!(g.literals, vec![b"we use cookies".to_vec()]);
        assert_eq!(g.rare_chars, vec![('ſ', 'ſ'), ('\u{212A}', '\u{212A}')]);
        let hir = regex_syntax::Parser::new()
            .parse(r"we use cookies")
            .unwrap();
        assert!(gate(&hir).unwrap().rare_chars.is_empty());
    }

    #[test]
    fn rare_punctuation_is_a_gate_and_a_space_or_dot_is_not() {
        assert_eq!(literals(r"\w+ ?\| ?\w+"), Some(vec!["|".into()]));
        assert_eq!(literals(r"\w+ \w+"), None);
        assert_eq!(literals(r"\w+\.\w+"), None);
    }

    #[test]
    fn a_pattern_anchored_at_a_line_start_gets_literals_that_open_the_line() {
        let hir = regex_syntax::Parser::new()
            .parse(r"(?m)^[ \t]*(?i:by):?[ \t]+\p{Lu}\w+(?:, Reuters)?$")
            .unwrap();
        let g = gate(&hir).unwrap();
        assert!(g.at_line_start);
        let expected: Vec<&[u8]> = vec![b"by\t", b"by ", b"by:\t", b"by: "];
        assert_eq!(g.literals, expected);
        // A literal in the middle of another is no line start of its own.
        let hir = regex_syntax::Parser::new()
            .parse(r"(?m)^(?:sub|xsubmit)\w")
            .unwrap();
        assert_eq!(
            gate(&hir).unwrap().literals,
            vec![b"sub".to_vec(), b"xsubmit".to_vec()]
        );
        let hir = regex_syntax::Parser::new().parse(r"\bby \p{Lu}").unwrap();
        assert!(!gate(&hir).unwrap().at_line_start);
    }

    fn gate_of(pattern: &str) -> Gate {
        gate(&regex_syntax::Parser::new().parse(pattern).unwrap()).unwrap()
    }

    #[test]
    fn case_sensitive_capitals_stay_exact_so_short_names_make_gates() {
        // `ap` ignoring case is in every other word; `AP` in exact case is not.
        assert_eq!(
            literals(r"\b(?:AP|Reuters)\b"),
            Some(vec!["AP".into(), "Reuters".into()])
        );
        assert_eq!(literals(r"(?i)\b(?:ap|reuters)\b"), None);
    }

    #[test]
    fn a_literal_in_any_case_covers_the_same_in_exact_case() {
        assert_eq!(literals(r"\b(?:APX|apx)\b"), Some(vec!["apx".into()]));
        // Joined to a letter matched in either case, `AP` goes lower case.
        assert_eq!(literals(r"[xX]-A\w"), Some(vec!["x-a".into()]));
        assert_eq!(literals(r"-AP\w"), Some(vec!["-AP".into()]));
    }

    #[test]
    fn punctuation_before_a_capital_pairs_one_character_of_each_side() {
        let g = gate_of(r"\b[A-Za-z][a-z]+[.!?][A-Z][a-z]+\b");
        assert_eq!(g.literals.len(), 3 * 26);
        assert!(g.literals.contains(&b".T".to_vec()));
        assert!(g.literals.contains(&b"?A".to_vec()));
        assert!(!g.whole_text && !g.at_line_start);
    }

    #[test]
    fn unicode_digits_gate_on_ascii_digits_and_name_the_others_as_rare() {
        let g = gate_of(r"\b\d{1,3},\d{1,2}\b");
        assert_eq!(g.literals.len(), 100);
        assert!(g.literals.contains(&b"0,0".to_vec()) && g.literals.contains(&b"9,9".to_vec()));
        // Arabic-Indic and fullwidth digits: rare, so they open the whole text.
        for digit in ['\u{663}', '\u{FF13}'] {
            assert!(g.rare_chars.iter().any(|&(s, e)| (s..=e).contains(&digit)));
        }
        assert!(!g.rare_chars.iter().any(|&(s, e)| (s..=e).contains(&'3')));
        // The no-break space is no rare character: `\s` is not enumerated.
        assert_eq!(literals(r"\w\s\w"), None);
    }

    #[test]
    fn a_pattern_that_can_match_two_line_breaks_opens_the_whole_text() {
        assert!(gate_of(r"\bsaid\s+that\b").whole_text);
        assert!(gate_of(r"said\s{1,2}that").whole_text);
        assert!(gate_of(r"said\n[^,]*that").whole_text);
        assert!(gate_of(r"\Asaid that").whole_text);
        // One line break stays within the paragraph; a `\r` does not split one.
        assert!(!gate_of(r"said\r?\nthat").whole_text);
        assert!(!gate_of(r"\bsaid\s?that\b").whole_text);
        assert!(!gate_of(r"said[^\n]*that").whole_text);
        assert!(!gate_of(r"\bsaid[ \t]+that\b").whole_text);
        assert!(!gate_of(r"(?m)^said that$").whole_text);
    }

    #[test]
    fn branches_whose_best_sets_are_too_many_together_fall_back_on_fewer() {
        // Alone, the first branch is best gated by `0,0` ... `9,9` and the
        // second by `Rp1`, `Rp 1`, ...: 210 strings together, too many.
        assert_eq!(
            literals(r"\b\d{1,3},\d{1,2}%|\b(?:Rp ?|IDR ?)\d{1,3},\d{1,2}\b"),
            Some(vec!["%".into(), "IDR".into(), "Rp".into()])
        );
    }

    #[test]
    fn an_optional_part_lets_the_line_start_go_on_to_the_next() {
        let g = gate_of(r"(?im)^[ \t]*(?:(?:photo|image)[ \t]+)?\d{1,3}[ \t]*of[ \t]*\d{1,3}$");
        assert!(g.at_line_start);
        let mut expected: Vec<Vec<u8>> = (b'0'..=b'9').map(|d| vec![d]).collect();
        for word in ["image", "photo"] {
            for blank in ["\t", " "] {
                expected.push(format!("{word}{blank}").into_bytes());
            }
        }
        assert_eq!(g.literals, expected);
    }

    #[test]
    fn common_line_starts_are_checked_at_each_line_and_capitals_are_no_gate() {
        let g = gate_of(r"(?m)^[ \t]*(?:-{1,3}|=)[ \t]*0[ \t]*$");
        assert!(g.each_line && g.at_line_start);
        assert!(g.literals.contains(&b"- ".to_vec()) && g.literals.contains(&b"=0".to_vec()));
        assert_eq!(g.literals.len(), 12);
        // A line-start gate strong enough for the automaton stays there.
        assert!(!gate_of(r"(?m)^[ \t]*By [A-Z]").each_line);
        // Any capital opens nearly every line: no gate.
        assert_eq!(literals(r"(?m)^[ \t]*[A-Z][A-Z]+ [a-z]+$"), None);
    }

    #[test]
    fn a_rare_part_that_the_first_set_does_not_imply_is_a_second_set() {
        let g = gate_of(r"\b(?:sought|contacted) by \w+ (?:newsroom|reporters)\b");
        assert_eq!(
            g.literals,
            [b"contacted by ".to_vec(), b"sought by ".to_vec()]
        );
        assert_eq!(g.also, [b"newsroom".to_vec(), b"reporters".to_vec()]);
        // A common word is no second set, and a single word has no second part.
        assert!(gate_of(r"\bsought by \w+ of\b").also.is_empty());
        assert!(gate_of(r"\bsought by the report").also.is_empty());
    }

    #[test]
    fn a_line_start_too_long_to_multiply_out_is_cut_short_not_to_one_character() {
        // 3 openings x 18 words x 4 endings: too many literals, so the words
        // are cut until they fit, rather than to their first letters.
        let g = gate_of(
            r"(?m)^[ \t]*[(\[]?(?:Alpha|Bravo|Charlie|Delta|Echo|Foxtrot|Golf|Hotel|India|Juliett|Kilo|Lima|Mike|November|Oscar|Papa|Quebec|Romeo)[ \t]*[:=]",
        );
        let shown: Vec<String> = g
            .literals
            .iter()
            .map(|l| String::from_utf8_lossy(l).into())
            .collect();
        assert!(g.at_line_start, "{shown:?}");
        assert!(
            g.literals.contains(&b"[Brav".to_vec()) && g.literals.contains(&b"Echo:".to_vec()),
            "{shown:?}"
        );
        assert!(g.literals.iter().all(|l| l.len() >= 4), "{:?}", g.literals);
    }

    #[test]
    fn an_optional_part_of_unknown_start_does_not_let_the_line_start_go_on() {
        // `Get the Tempo app` does not start with `get the app`.
        let g = gate_of(r"(?im)^[ \t]*get the (?:[^\n]{0,30} )?app$");
        assert_eq!(g.literals, vec![b"get the ".to_vec()]);
    }

    #[test]
    fn optional_parts_give_no_requirement() {
        assert_eq!(literals(r"(?:Original Article)?\d+"), None);
        assert_eq!(
            literals(r"^[ \t]*Original Article$"),
            Some(vec!["Original Article".into()])
        );
    }
}
