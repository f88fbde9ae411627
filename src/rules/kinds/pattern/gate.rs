//! The gate of a pattern: a small set of literals of which every match
//! contains one. The engine finds all gate literals of all patterns in one
//! Aho-Corasick pass and runs a pattern only on the paragraphs holding one of
//! its literals, so a pattern that cannot match is neither run nor compiled.
//!
//! Literals are lower-cased (the automaton ignores ASCII case). They are
//! built from the parsed pattern: a run of parts that each match one of a few
//! strings (`(?:fourth|fifth) \(`) multiplies out into longer literals
//! (`fourth (`, `fifth (`), which are rarer, hence better gates, than any part.
//!
//! A pattern anchored at the start of a line (`^[ \t]*By `) gets a stricter
//! gate: literals that must open a line, not merely occur in it.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Literal sets larger than this make a poor gate: the pattern runs ungated.
const MAX_LITERALS: usize = 64;

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

/// A class of up to this many characters is enumerated as strings.
const MAX_CLASS_CHARS: usize = 4;

/// The gate of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gate {
    pub literals: Vec<Vec<u8>>,
    /// Whether the literals treat `ſ` (long s) and `K` (Kelvin sign) as the
    /// ASCII letters they case-fold to: the pattern then also runs where
    /// either appears.
    pub folds_rare_letters: bool,
    /// Whether every match starts a line (after spaces or tabs) with one of
    /// the literals, rather than holding one anywhere.
    pub at_line_start: bool,
}

/// The gate of `hir`, if it has a selective one.
pub fn gate(hir: &Hir) -> Option<Gate> {
    let mut folds = false;
    let (literals, at_line_start) = match line_start_literals(hir, &mut folds) {
        Some(literals) => (literals, true),
        None => {
            let literals = minimal(facts(hir, &mut folds).required()?.clone(), contains);
            (literals, false)
        }
    };
    selective(&literals, MIN_SELECTIVITY).then_some(Gate {
        literals,
        folds_rare_letters: folds,
        at_line_start,
    })
}

/// For a pattern that starts `^` or `^[ \t]*`: what every match opens a
/// line with, if that makes a gate.
fn line_start_literals(hir: &Hir, folds: &mut bool) -> Option<Set> {
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
    let parts: Vec<Facts> = rest.iter().map(|h| facts(h, folds)).collect();
    let literals = minimal(leading(parts.iter(), Facts::prefix, product), starts_with);
    selective(&literals, MIN_LINE_START_SELECTIVITY).then_some(literals)
}

/// `[ \t]*`, or any repetition of spaces and tabs from zero times.
fn is_blanks(hir: &Hir) -> bool {
    let HirKind::Repetition(r) = hir.kind() else {
        return false;
    };
    let mut unused = false;
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

/// Drops literals `covers` another: a text holding the longer one (anywhere,
/// or at a line start) holds the shorter, so the gate opens on the same texts.
fn minimal(mut set: Set, covers: fn(&[u8], &[u8]) -> bool) -> Set {
    set.sort();
    set.dedup();
    set.iter()
        .filter(|l| {
            !set.iter()
                .any(|other| l.len() > other.len() && covers(l, other))
        })
        .cloned()
        .collect()
}

fn contains(a: &[u8], b: &[u8]) -> bool {
    a.windows(b.len()).any(|w| w == b)
}

fn starts_with(a: &[u8], b: &[u8]) -> bool {
    a.starts_with(b)
}

/// How rare a literal is likely to be in news text, roughly: letters and
/// digits count 2, a space 1, other punctuation and non-ASCII bytes 5.
fn selectivity(literal: &[u8]) -> u32 {
    literal
        .iter()
        .map(|&b| match b {
            b' ' | b'\t' | b'\n' => 1,
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
    /// Strings one of which every match contains: the best gate found so far.
    required: Option<Set>,
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
}

fn facts(hir: &Hir, folds: &mut bool) -> Facts {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Facts::exact(Some(vec![Vec::new()])),
        HirKind::Literal(l) => Facts::exact(Some(vec![l.0.to_ascii_lowercase()])),
        HirKind::Class(class) => Facts::exact(class_strings(class, folds)),
        HirKind::Capture(c) => facts(&c.sub, folds),
        HirKind::Repetition(r) => {
            let sub = facts(&r.sub, folds);
            let exact = sub.exact.as_ref().and_then(|e| repeated(e, r.min, r.max));
            if r.min == 0 || exact.is_some() {
                return Facts::exact(exact);
            }
            // Every match starts, ends and goes on like a match of `sub`.
            Facts {
                exact: None,
                prefix: sub.prefix().cloned(),
                suffix: sub.suffix().cloned(),
                required: sub.required().cloned(),
            }
        }
        HirKind::Alternation(subs) => {
            let subs: Vec<Facts> = subs.iter().map(|s| facts(s, folds)).collect();
            Facts {
                exact: union(subs.iter().map(|f| f.exact.as_ref())),
                prefix: union(subs.iter().map(Facts::prefix)),
                suffix: union(subs.iter().map(Facts::suffix)),
                required: union(subs.iter().map(Facts::required)),
            }
        }
        HirKind::Concat(subs) => {
            let subs: Vec<Facts> = subs.iter().map(|s| facts(s, folds)).collect();
            let exact = subs
                .iter()
                .try_fold(vec![Vec::new()], |run, f| product(&run, f.exact.as_ref()?));
            match exact {
                // A concatenation that matches one string (a word) is its own
                // best gate: no part of it is longer or fewer.
                Some(one) if one.len() == 1 => Facts::exact(Some(one)),
                exact => Facts {
                    prefix: Some(leading(subs.iter(), Facts::prefix, product)),
                    suffix: Some(leading(subs.iter().rev(), Facts::suffix, |a, b| {
                        product(b, a)
                    })),
                    required: best_in_concat(&subs),
                    exact,
                },
            }
        }
    }
}

/// What a concatenation starts with: its leading exact parts multiplied out,
/// then the start of the first part that is not exact (run backwards over
/// the parts, with `join` reversed, for what it ends with).
fn leading<'a>(
    parts: impl Iterator<Item = &'a Facts>,
    affix: impl Fn(&Facts) -> Option<&Set>,
    join: impl Fn(&Set, &Set) -> Option<Set>,
) -> Set {
    let mut run: Set = vec![Vec::new()];
    for part in parts {
        let (next, last) = match (&part.exact, affix(part)) {
            (Some(exact), _) => (exact, false),
            (None, Some(affix)) => (affix, true),
            (None, None) => break,
        };
        match join(&run, next) {
            Some(joined) => run = joined,
            None => break,
        }
        if last {
            break;
        }
    }
    run
}

/// The most selective requirement of a concatenation: one part's own, or a
/// run of adjacent exact parts multiplied out, extended by what the parts on
/// either side of the run end or start with.
fn best_in_concat(parts: &[Facts]) -> Option<Set> {
    let mut best = Best::default();
    for part in parts {
        best.offer(part.required());
    }
    for start in 0..parts.len() {
        let before = start
            .checked_sub(1)
            .and_then(|b| parts[b].suffix().cloned());
        let mut run = before.unwrap_or_else(|| vec![Vec::new()]);
        for part in &parts[start..] {
            let Some(next) = part.exact.as_ref().and_then(|e| product(&run, e)) else {
                best.offer(part.prefix().and_then(|p| product(&run, p)).as_ref());
                break;
            };
            run = next;
            // Past twice enough, longer runs gain nothing worth their cost.
            if best.offer(Some(&run)) >= 2 * ENOUGH_SELECTIVITY {
                break;
            }
        }
    }
    best.set
}

/// The most selective of the literal sets offered (see `ENOUGH_SELECTIVITY`).
#[derive(Default)]
struct Best {
    set: Option<Set>,
    score: (u32, std::cmp::Reverse<usize>, u32),
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

/// The strings of a small class, lower-cased and deduplicated; `ſ` and `K`
/// are dropped beside the ASCII letters they fold to (see `Gate`).
fn class_strings(class: &Class, folds: &mut bool) -> Option<Set> {
    // Case folding may merge a few characters, hence the margin.
    let too_many = 2 * MAX_CLASS_CHARS;
    let mut chars: Vec<char> = match class {
        Class::Unicode(c) => {
            let count: usize = c.ranges().iter().map(|r| r.len()).sum();
            if count > too_many {
                return None;
            }
            c.ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .collect()
        }
        Class::Bytes(c) => {
            let count: usize = c.ranges().iter().map(|r| r.len()).sum();
            if count > too_many || !c.is_ascii() {
                return None;
            }
            c.ranges()
                .iter()
                .flat_map(|r| (r.start()..=r.end()).map(char::from))
                .collect()
        }
    };
    let has = |c: char| chars.contains(&c);
    if (has('ſ') && has('s')) || (has('\u{212A}') && has('k')) {
        *folds = true;
        chars.retain(|&c| c != 'ſ' && c != '\u{212A}');
    }
    let mut set: Set = chars
        .iter()
        .map(|c| c.to_string().into_bytes().to_ascii_lowercase())
        .collect();
    set.sort();
    set.dedup();
    (set.len() <= MAX_CLASS_CHARS).then_some(set)
}

/// Every string of `a` followed by every string of `b`, if not too many.
fn product(a: &Set, b: &Set) -> Option<Set> {
    if a.len().saturating_mul(b.len()) > MAX_LITERALS {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(move |y| [x.as_slice(), y].concat()))
            .collect(),
    )
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
                "by\t".into(),
                "by ".into(),
                "by:\t".into(),
                "by: ".into()
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
        assert!(g.folds_rare_letters);
        let hir = regex_syntax::Parser::new()
            .parse(r"we use cookies")
            .unwrap();
        assert!(!gate(&hir).unwrap().folds_rare_letters);
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
            .parse(r"(?m)^[ \t]*(?:By|BY):?[ \t]+\p{Lu}\w+(?:, Reuters)?$")
            .unwrap();
        let g = gate(&hir).unwrap();
        assert!(g.at_line_start);
        let expected: Vec<&[u8]> = vec![b"by\t", b"by ", b"by:\t", b"by: "];
        assert_eq!(g.literals, expected);
        // A literal in the middle of another is no line start of its own.
        let hir = regex_syntax::Parser::new()
            .parse(r"(?m)^(?:sub|xsubmit)\d")
            .unwrap();
        assert_eq!(
            gate(&hir).unwrap().literals,
            vec![b"sub".to_vec(), b"xsubmit".to_vec()]
        );
        let hir = regex_syntax::Parser::new().parse(r"\bby \p{Lu}").unwrap();
        assert!(!gate(&hir).unwrap().at_line_start);
    }

    #[test]
    fn optional_parts_give_no_requirement() {
        assert_eq!(literals(r"(?:Original Article)?\d+"), None);
        assert_eq!(
            literals(r"^[ \t]*Original Article$"),
            Some(vec!["original article".into()])
        );
    }
}
