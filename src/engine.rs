//! The compiled rule set and the one pass that runs it over a document.
//!
//! Compiled once per run: every literal of every rule and the gate literals
//! of every pattern go into one Aho-Corasick automaton, so that a document
//! is scanned once for all of them whatever the number of rules; a pattern
//! then runs only on the paragraphs its gate opened.

use crate::finding::{Edit, Finding, Fix};
use crate::rules::Rule;
use crate::rules::kinds::consistency::NameHit;
use crate::rules::kinds::pattern::{Build, Gate, exact_case};
use crate::rules::kinds::{Candidate, Kind, Literal};
use crate::rules::record::DocRecord;
use crate::source::Document;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rayon::prelude::*;

use std::collections::HashMap;
use std::ops::Range;

pub struct Engine {
    rules: Vec<Rule>,
    /// Every literal of every rule and every gate literal of every pattern,
    /// so that one scan finds them all.
    literals: Option<AhoCorasick>,
    /// For each automaton pattern: what stands behind it.
    needs: Vec<Vec<Need>>,
    /// Pattern rules with no usable literals: they run on the whole text.
    ungated: Vec<usize>,
    /// Pattern rules whose gate literals are checked at each line's start.
    each_line: LineStartGates,
    /// Gated pattern rules with the characters their literals leave out
    /// (see `Gate::rare_chars`): they run on the whole text where one occurs.
    rare: Vec<(usize, Vec<(char, char)>)>,
    /// Whether the engine checks a single input (see `check_one_input`).
    one_input: bool,
}

/// What stands behind a literal of the automaton.
enum Need {
    /// A literal of a phrase, substitution or consistency rule.
    Literal(Owner),
    /// A gate literal of a pattern rule: where it occurs, the pattern runs.
    Gate(GateOwner),
}

/// A rule literal behind an automaton pattern.
struct Owner {
    rule: usize,
    literal: usize,
    /// The literal as written, for rules that match case-sensitively.
    exact: Option<String>,
}

/// A pattern rule behind a gate literal.
struct GateOwner {
    rule: usize,
    /// The literal as the rule wrote it, when it must match in exact case.
    exact: Option<Vec<u8>>,
    /// The literal opens the rule only where it starts a line.
    at_line_start: bool,
    /// The literal opens the whole text, not only its paragraph.
    whole_text: bool,
    /// The literal is of the gate's second set: it opens nothing, but the
    /// pattern runs only where one also occurs.
    second: bool,
}

/// A text at least this long has its rules run in parallel.
const PARALLEL_RULES_FROM: usize = 256 * 1024;

/// A single input shorter than this compiles its patterns for a quick build.
/// Measured with callgrind on news articles of the bench corpus: a 4 KB
/// article costs 20% fewer instructions that way, an 8 KB one 10%, and the
/// two ways break even at about 12 KB.
const QUICK_BUILD_BELOW: usize = 10 * 1024;

/// What the shared scans found for one rule.
struct RuleInput {
    hits: Vec<LiteralHit>,
    /// For a pattern rule: where its gate opened it (`None`: nowhere).
    regions: Option<Vec<Range<usize>>>,
}

/// Where each pattern rule runs, indexed like `rules` (`None`: nowhere).
type Regions = Vec<Option<Vec<Range<usize>>>>;

/// A literal found in the document, before the rule's filter has run.
struct LiteralHit {
    literal: usize,
    span: Range<usize>,
}

impl Engine {
    pub fn new(rules: Vec<Rule>) -> Engine {
        let mut needles = Needles::new();
        add_literals(&rules, &mut needles);
        let Gates {
            ungated,
            each_line,
            rare,
        } = add_gates(&rules, &mut needles);
        let (literals, needs) = needles.build();
        Engine {
            rules,
            literals,
            needs,
            ungated,
            each_line,
            rare,
            one_input: false,
        }
    }

    /// For a run of one input. Its rules run in parallel, since they (and
    /// compiling their patterns) are all there is to share the cores with;
    /// and if it is short, its patterns compile for a quick build rather
    /// than a quick search, which only a long text or many of them repay.
    pub fn check_one_input(&mut self) {
        self.one_input = true;
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Every finding of every rule in `doc`, sorted by position then rule id.
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        let (hits, regions) = self.scan(doc);
        let work: Vec<(&Rule, RuleInput)> = self
            .rules
            .iter()
            .zip(hits.into_iter().zip(regions))
            .filter(|(rule, _)| applies_to(rule, doc))
            .map(|(rule, (hits, regions))| (rule, RuleInput { hits, regions }))
            .collect();
        let build = if self.one_input && doc.text.len() < QUICK_BUILD_BELOW {
            Build::ForOneShortText
        } else {
            Build::ForVolume
        };
        let run = |(rule, input)| self.rule_findings(rule, doc, input, build);
        // A long text alone would keep one core busy: its rules share them.
        let parallel = self.one_input || doc.text.len() >= PARALLEL_RULES_FROM;
        let mut findings: Vec<Finding> = if parallel {
            work.into_par_iter().flat_map_iter(run).collect()
        } else {
            work.into_iter().flat_map(run).collect()
        };
        findings.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        findings.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
        findings
    }

    /// The findings of one rule, from its share of the shared scans.
    fn rule_findings(
        &self,
        rule: &Rule,
        doc: &Document,
        input: RuleInput,
        build: Build,
    ) -> Vec<Finding> {
        let candidates = Self::candidates(rule, doc, input, build);
        if candidates.is_empty() || !rule.filter.admits(doc) {
            return Vec::new();
        }
        candidates
            .into_iter()
            .filter(|c| rule.filter.accepts(doc, &c.span))
            .map(|c| finding(rule, doc, c))
            .collect()
    }

    /// For the corpus record: what each rule that applies to `doc` found
    /// in it, and what its conditions silenced, indexed like `rules`
    /// (`None`: a rule tagged for another source language).
    pub fn record(&self, doc: &Document) -> Vec<Option<DocRecord>> {
        let (hits, regions) = self.scan(doc);
        self.rules
            .iter()
            .zip(hits.into_iter().zip(regions))
            .map(|(rule, (hits, regions))| {
                let input = RuleInput { hits, regions };
                let found = || Self::candidates(rule, doc, input, Build::ForVolume);
                applies_to(rule, doc).then(|| DocRecord::new(rule, doc, found()))
            })
            .collect()
    }

    /// What a rule's kind proposes in `doc`, from its share of the shared
    /// scans, before its filter has run.
    fn candidates(rule: &Rule, doc: &Document, input: RuleInput, build: Build) -> Vec<Candidate> {
        match &rule.kind {
            Kind::Literal(list) => literal_candidates(list, input.hits),
            Kind::Consistency(c) => {
                let names = input
                    .hits
                    .into_iter()
                    .map(|h| {
                        let (name, form) = c.form_of(h.literal);
                        NameHit {
                            name,
                            form,
                            span: h.span,
                        }
                    })
                    .collect();
                c.resolve(&doc.text, names)
            }
            Kind::Pattern(p) => match input.regions {
                Some(list) => {
                    let window = rule.filter.line_window(doc);
                    list.into_iter()
                        .filter_map(|r| clip(r, window.as_ref()))
                        .flat_map(|r| rule.filter.short_line_runs(doc, r))
                        .flat_map(|r| p.find(&doc.text, r, build))
                        .collect()
                }
                None => Vec::new(),
            },
            Kind::Repetition(r) => r.find(doc),
            Kind::Structure(s) => s.find(doc),
            Kind::Language(l) => l.find(doc),
        }
    }

    /// One scan for the literals of all rules: the literal hits of each rule,
    /// and where each pattern rule is worth running (`None`: nowhere), both
    /// indexed like `rules`. The automaton holds lower-case literals and
    /// scans a lower-cased copy of the text (cheaper to build and to run
    /// than one that ignores case).
    ///
    /// Ungated patterns run on the whole text, gated ones only where one of
    /// their literals occurs: in the paragraph and the blank lines either
    /// side of it (see `Document::paragraph_reach`), so that a long text is
    /// not scanned once per rule. (A joint RegexSet of the ungated patterns,
    /// run per paragraph, was measured at twice the cost of running them one
    /// by one.)
    fn scan(&self, doc: &Document) -> (Vec<Vec<LiteralHit>>, Regions) {
        let mut hits: Vec<Vec<LiteralHit>> = Vec::new();
        hits.resize_with(self.rules.len(), Vec::new);
        // Where gate literals open patterns, and where the literals of their
        // second sets occur.
        let mut gated = self.opened_at_line_starts(doc);
        let mut seconds: Vec<Vec<usize>> = vec![Vec::new(); self.rules.len()];
        let text = &doc.text;
        let whole = 0..text.len();
        if let Some(automaton) = &self.literals {
            let lower = text.to_ascii_lowercase();
            for m in automaton.find_overlapping_iter(&lower) {
                let span = m.range();
                let found = &text[span.clone()];
                // Worked out once a match, and only if an owner asks.
                let mut bounded = None;
                let mut reach = None;
                for need in &self.needs[m.pattern().as_usize()] {
                    match need {
                        Need::Literal(owner) => {
                            if !*bounded.get_or_insert_with(|| word_bounded(text, &span))
                                || owner.exact.as_ref().is_some_and(|e| e != found)
                            {
                                continue;
                            }
                            hits[owner.rule].push(LiteralHit {
                                literal: owner.literal,
                                span: span.clone(),
                            });
                        }
                        Need::Gate(owner) => {
                            if owner.exact.as_ref().is_some_and(|e| e != found.as_bytes())
                                || (owner.at_line_start
                                    && !starts_line(text.as_bytes(), span.start))
                            {
                                continue;
                            }
                            if owner.second {
                                seconds[owner.rule].push(span.start);
                                continue;
                            }
                            let region = if owner.whole_text {
                                whole.clone()
                            } else {
                                reach
                                    .get_or_insert_with(|| doc.paragraph_reach(span.start))
                                    .clone()
                            };
                            open(&mut gated, owner.rule, region);
                        }
                    }
                }
            }
        }
        let mut regions = self.opened_without_literals(doc);
        for (rule, list) in gated.into_iter().enumerate() {
            let Some(mut list) = list else { continue };
            if has_second_set(&self.rules[rule]) {
                // A match holds a literal of each set, both within its reach.
                let at = &mut seconds[rule];
                at.sort_unstable();
                list.retain(|region| {
                    let first = at.partition_point(|&offset| offset < region.start);
                    at.get(first).is_some_and(|&offset| offset < region.end)
                });
            }
            for region in list {
                open(&mut regions, rule, region);
            }
        }
        for list in regions.iter_mut().flatten() {
            merge_overlapping(list);
        }
        (hits, regions)
    }

    /// Where pattern rules run whatever literals occur: ungated ones, and
    /// those a rare character opens.
    fn opened_without_literals(&self, doc: &Document) -> Regions {
        let mut regions: Regions = vec![None; self.rules.len()];
        let whole = 0..doc.text.len();
        for &rule in &self.ungated {
            open(&mut regions, rule, whole.clone());
        }
        if !self.rare.is_empty() && !doc.text.is_ascii() {
            let present = non_ascii_chars(&doc.text);
            for (rule, ranges) in &self.rare {
                if present.iter().any(|&c| in_ranges(ranges, c)) {
                    open(&mut regions, *rule, whole.clone());
                }
            }
        }
        regions
    }

    /// Where pattern rules whose literals are checked at each line's start
    /// are opened.
    fn opened_at_line_starts(&self, doc: &Document) -> Regions {
        let mut regions: Regions = vec![None; self.rules.len()];
        if self.each_line.is_empty() {
            return regions;
        }
        let whole = 0..doc.text.len();
        let text = doc.text.as_bytes();
        for start in line_starts(text) {
            let blanks = text[start..]
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            // The pattern's `^[ \t]*` may take any of the leading blanks.
            for at in start..=start + blanks {
                for gate in self.each_line.opening(&text[at..]) {
                    let region = if gate.whole_text {
                        whole.clone()
                    } else {
                        doc.paragraph_reach(start)
                    };
                    open(&mut regions, gate.rule, region);
                }
            }
        }
        regions
    }
}

/// The gate literals checked at each line's start, filed by the bytes they
/// can start with, so that a line costs a lookup of its first byte rather
/// than a comparison with every literal of every such rule.
struct LineStartGates {
    by_first_byte: Vec<Vec<LineStartLiteral>>,
}

struct LineStartLiteral {
    rule: usize,
    literal: Vec<u8>,
    /// It has an upper-case letter, so it must occur in that case.
    exact: bool,
    whole_text: bool,
}

impl LineStartGates {
    fn new() -> LineStartGates {
        LineStartGates {
            by_first_byte: (0..256).map(|_| Vec::new()).collect(),
        }
    }

    fn add(&mut self, rule: usize, gate: &Gate) {
        for literal in &gate.literals {
            let Some(&first) = literal.first() else {
                continue;
            };
            let exact = exact_case(literal);
            let entry = || LineStartLiteral {
                rule,
                literal: literal.clone(),
                exact,
                whole_text: gate.whole_text,
            };
            self.by_first_byte[usize::from(first)].push(entry());
            let other = first.to_ascii_uppercase();
            if !exact && other != first {
                self.by_first_byte[usize::from(other)].push(entry());
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.by_first_byte.iter().all(Vec::is_empty)
    }

    /// The literals `text` starts with, in their case where it matters.
    fn opening<'a>(&'a self, text: &'a [u8]) -> impl Iterator<Item = &'a LineStartLiteral> {
        let candidates = match text.first() {
            Some(&b) => &self.by_first_byte[usize::from(b)][..],
            None => &[],
        };
        candidates.iter().filter(|c| {
            text.get(..c.literal.len()).is_some_and(|start| {
                if c.exact {
                    start == c.literal
                } else {
                    start.eq_ignore_ascii_case(&c.literal)
                }
            })
        })
    }
}

/// The part of `region` inside `window` (all of it when there is no
/// window), if any.
fn clip(region: Range<usize>, window: Option<&Range<usize>>) -> Option<Range<usize>> {
    let Some(w) = window else { return Some(region) };
    let clipped = region.start.max(w.start)..region.end.min(w.end);
    (clipped.start < clipped.end).then_some(clipped)
}

/// Whether `rule` is a pattern whose gate has a second set of literals.
fn has_second_set(rule: &Rule) -> bool {
    matches!(&rule.kind, Kind::Pattern(p) if p.gate.as_ref().is_some_and(|g| !g.also.is_empty()))
}

/// Adds `region` to where pattern rule `rule` runs (once, if the last
/// added was the same).
fn open(regions: &mut Regions, rule: usize, region: Range<usize>) {
    let list = regions[rule].get_or_insert_with(Vec::new);
    if list.last() != Some(&region) {
        list.push(region);
    }
}

/// Sorts `ranges` and joins those that overlap, so that no stretch of text
/// is searched twice (neighbouring paragraphs share the blank lines between
/// them).
fn merge_overlapping(ranges: &mut Vec<Range<usize>>) {
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges.drain(..) {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    *ranges = merged;
}

/// Whether only spaces and tabs stand between the line's start and `offset`;
/// looks back no further than the first other byte, which most hits have
/// right before them. A line may also start after a lone `\r`, as `^` does.
fn starts_line(text: &[u8], offset: usize) -> bool {
    text[..offset]
        .iter()
        .rev()
        .find(|&&b| b != b' ' && b != b'\t')
        .is_none_or(|&b| b == b'\n' || b == b'\r')
}

/// Where each line starts: at the start and after every `\n` or `\r` (a
/// lone `\r` also starts a line for `^`).
fn line_starts(text: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let breaks = text
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n' || b == b'\r')
        .map(|(i, _)| i + 1);
    std::iter::once(0).chain(breaks)
}

/// The distinct characters of `text` outside ASCII (few, in English news).
fn non_ascii_chars(text: &str) -> Vec<char> {
    let mut found: Vec<char> = Vec::new();
    for (i, &b) in text.as_bytes().iter().enumerate() {
        // The first byte of a character of two or more bytes.
        if b >= 0xC0 {
            let c = text[i..].chars().next().expect("a character starts here");
            if !found.contains(&c) {
                found.push(c);
            }
        }
    }
    found
}

fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    ranges
        .iter()
        .any(|&(start, end)| (start..=end).contains(&c))
}

/// A rule tagged with source languages runs on an article whose source
/// language is unknown, or is one of them.
fn applies_to(rule: &Rule, doc: &Document) -> bool {
    match &doc.source_language {
        Some(lang) if !rule.meta.source_languages.is_empty() => rule
            .meta
            .source_languages
            .iter()
            .any(|l| l.eq_ignore_ascii_case(lang)),
        _ => true,
    }
}

fn literal_candidates(list: &[Literal], hits: Vec<LiteralHit>) -> Vec<Candidate> {
    hits.into_iter()
        .map(|h| Candidate {
            span: h.span,
            replacements: list[h.literal].replacements.clone(),
            message: None,
        })
        .collect()
}

fn finding(rule: &Rule, doc: &Document, candidate: Candidate) -> Finding {
    let span = rule.filter.widen(doc, candidate.span.clone());
    let matched = &doc.text[span.clone()];
    let suggestion = candidate.replacements.first().map(String::as_str);
    let message = candidate
        .message
        .unwrap_or_else(|| fill(&rule.meta.message, matched, suggestion));
    let help = rule
        .meta
        .suggestion
        .as_deref()
        .map(|s| fill(s, matched, suggestion))
        .or_else(|| suggestion.map(|s| describe_replacement(matched, s)));
    // A rule that reports a whole sentence or line proposes deleting it.
    let replacements = if rule.filter.expand.is_some() {
        vec![String::new()]
    } else {
        candidate.replacements
    };
    let fix = rule
        .meta
        .fix
        .zip(replacements.first())
        .map(|(applicability, r)| Fix {
            edits: vec![Edit {
                range: span.clone(),
                replacement: r.clone(),
            }],
            applicability,
        });
    Finding {
        rule: rule.meta.id.clone(),
        severity: rule.meta.severity,
        message,
        help,
        span,
        replacements,
        fix,
    }
}

fn describe_replacement(matched: &str, replacement: &str) -> String {
    if replacement.is_empty() {
        format!("delete `{}`", matched.trim())
    } else {
        format!("replace with `{replacement}`")
    }
}

/// Fills `{text}` (the flagged text) and `{suggestion}` (the first replacement).
fn fill(template: &str, matched: &str, suggestion: Option<&str>) -> String {
    template
        .replace("{text}", matched.trim())
        .replace("{suggestion}", suggestion.unwrap_or(""))
}

/// A literal counts only as whole words: the characters around it must not
/// continue a word, unless the literal itself starts or ends with punctuation.
fn word_bounded(text: &str, span: &Range<usize>) -> bool {
    let matched = &text[span.clone()];
    let starts_word = matched.chars().next().is_some_and(char::is_alphanumeric);
    let ends_word = matched
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let before_ok = !starts_word
        || !text[..span.start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    let after_ok = !ends_word
        || !text[span.end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
    before_ok && after_ok
}

/// The literals of the automaton, each once and lower-cased (it scans a
/// lower-cased copy of the text), with what stands behind each.
struct Needles {
    slots: HashMap<Vec<u8>, usize>,
    literals: Vec<Vec<u8>>,
    owners: Vec<Vec<Need>>,
}

impl Needles {
    fn new() -> Needles {
        Needles {
            slots: HashMap::new(),
            literals: Vec::new(),
            owners: Vec::new(),
        }
    }

    fn add(&mut self, literal: &[u8], owner: Need) {
        let key = literal.to_ascii_lowercase();
        let slot = match self.slots.get(&key) {
            Some(&slot) => slot,
            None => {
                self.slots.insert(key.clone(), self.literals.len());
                self.literals.push(key);
                self.owners.push(Vec::new());
                self.literals.len() - 1
            }
        };
        self.owners[slot].push(owner);
    }

    /// The automaton (none without literals) and, for each of its
    /// patterns, what stands behind it.
    fn build(self) -> (Option<AhoCorasick>, Vec<Vec<Need>>) {
        let automaton = (!self.literals.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&self.literals)
                .expect("the literals of rule files stay far below automaton limits")
        });
        (automaton, self.owners)
    }
}

/// Adds the literals of phrase, substitution and consistency rules.
fn add_literals(rules: &[Rule], needles: &mut Needles) {
    for (r, rule) in rules.iter().enumerate() {
        let literals = match &rule.kind {
            Kind::Literal(list) => list.clone(),
            Kind::Consistency(c) => c.literals(),
            _ => continue,
        };
        for (l, literal) in literals.iter().enumerate() {
            let owner = Owner {
                rule: r,
                literal: l,
                exact: rule.filter.case_sensitive.then(|| literal.text.clone()),
            };
            needles.add(literal.text.as_bytes(), Need::Literal(owner));
        }
    }
}

/// The pattern rules that the automaton's gate literals do not open.
struct Gates {
    ungated: Vec<usize>,
    each_line: LineStartGates,
    rare: Vec<(usize, Vec<(char, char)>)>,
}

/// Adds the gate literals of pattern rules, and sorts out those opened
/// otherwise.
fn add_gates(rules: &[Rule], needles: &mut Needles) -> Gates {
    let mut ungated = Vec::new();
    let mut each_line = LineStartGates::new();
    let mut rare = Vec::new();
    for (r, rule) in rules.iter().enumerate() {
        let Kind::Pattern(p) = &rule.kind else {
            continue;
        };
        let Some(gate) = &p.gate else {
            ungated.push(r);
            continue;
        };
        if !gate.rare_chars.is_empty() {
            rare.push((r, gate.rare_chars.clone()));
        }
        let owner = |literal: &Vec<u8>, second: bool| GateOwner {
            rule: r,
            exact: exact_case(literal).then(|| literal.clone()),
            at_line_start: gate.at_line_start && !second,
            whole_text: gate.whole_text,
            second,
        };
        for literal in &gate.also {
            needles.add(literal, Need::Gate(owner(literal, true)));
        }
        if gate.each_line {
            each_line.add(r, gate);
            continue;
        }
        for literal in &gate.literals {
            needles.add(literal, Need::Gate(owner(literal, false)));
        }
    }
    Gates {
        ungated,
        each_line,
        rare,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{RuleSource, load_rule_file};
    use std::sync::Arc;

    fn engine(rule_file: &str) -> Engine {
        let source = RuleSource {
            path: "test.toml".into(),
            pack: "test".into(),
            text: Arc::from(rule_file),
        };
        Engine::new(load_rule_file(Arc::new(source)).unwrap())
    }

    /// The pattern rules whose gates open somewhere in `doc`.
    fn opened(engine: &Engine, doc: &Document) -> Vec<usize> {
        let (_, regions) = engine.scan(doc);
        (0..regions.len())
            .filter(|&r| regions[r].is_some())
            .collect()
    }

    fn spans(engine: &Engine, text: &str) -> Vec<Range<usize>> {
        let doc = Document::new("a.txt", text.to_string());
        engine.check(&doc).into_iter().map(|f| f.span).collect()
    }

    const COOKIES: &str = r#"
[[rule]]
id = "test/cookies"
kind = "pattern"
message = "cookie notice"
pattern = '(?i)we use cookies'
examples = ["{{We use cookies}} here."]
near_misses = ["We bake cookies."]
"#;

    #[test]
    fn a_pattern_runs_where_its_gate_opens_it_and_not_elsewhere() {
        let engine = engine(COOKIES);
        assert_eq!(spans(&engine, "Intro.\n\nWE USE COOKIES.\n"), vec![8..22]);
        assert!(spans(&engine, "We bake cookies.\n").is_empty());
    }

    #[test]
    fn long_s_and_kelvin_sign_open_case_insensitive_gates() {
        // `(?i)s` also matches `ſ`, and `(?i)k` the Kelvin sign `K`; the
        // gate literal spells neither, yet the pattern must still run.
        let engine = engine(COOKIES);
        let text = "We use cookieſ.\n";
        assert_eq!(spans(&engine, text), vec![0.."We use cookieſ".len()]);
        let text = "We use coo\u{212A}ies.\n";
        assert_eq!(spans(&engine, text), vec![0.."We use coo\u{212A}ies".len()]);
    }

    fn pattern_rule(id: &str, pattern: &str, example: &str, near_miss: &str) -> Engine {
        engine(&format!(
            "[[rule]]\nid = \"test/{id}\"\nkind = \"pattern\"\nmessage = \"m\"\n\
             pattern = '{pattern}'\nexamples = [\"{example}\"]\nnear_misses = [\"{near_miss}\"]\n"
        ))
    }

    fn gate_of(engine: &Engine) -> &crate::rules::kinds::pattern::Gate {
        let Kind::Pattern(p) = &engine.rules()[0].kind else {
            panic!("a pattern rule");
        };
        p.gate.as_ref().expect("a gated pattern")
    }

    #[test]
    fn an_exact_case_literal_opens_only_where_it_occurs_in_that_case() {
        let engine = pattern_rule("ap", r"[-–] ?AP$", "Text {{- AP}}", "Text - ap");
        assert!(gate_of(&engine).literals.iter().all(|l| l.ends_with(b"AP")));
        assert!(
            opened(
                &engine,
                &Document::new("a.txt", "happen apart - ap\n".into())
            )
            .is_empty()
        );
        // At the start and end of the text, and of paragraphs, with CRLF.
        let text = "x -AP\r\n\r\nThe ape.\r\ny - AP\r\n\r\nz -AP";
        let found = spans(&engine, text);
        assert_eq!(found.len(), 3, "{found:?}");
        for span in found {
            assert!(text[span].ends_with("AP"));
        }
        assert!(spans(&engine, "x -Ap\n").is_empty());
    }

    #[test]
    fn a_gate_with_a_second_set_opens_only_a_paragraph_that_holds_both() {
        let engine = pattern_rule(
            "sought",
            r"\bsought by \w+ newsroom\b",
            "{{sought by our newsroom}}",
            "sought by police",
        );
        assert!(!gate_of(&engine).also.is_empty());
        let doc = |text: &str| Document::new("a.txt", text.to_string());
        assert!(opened(&engine, &doc("He was sought by police.")).is_empty());
        let apart = doc("He was sought by police.\n\nThe newsroom closed.");
        assert!(opened(&engine, &apart).is_empty());
        let both = "Asked, he was sought by our newsroom.";
        assert_eq!(spans(&engine, both), vec![14..36]);
    }

    #[test]
    fn a_gate_that_opens_the_whole_text_finds_matches_across_paragraphs() {
        let engine = pattern_rule("said", r"\bsaid\s+that\b", "{{said that}}", "said so");
        assert!(gate_of(&engine).whole_text);
        let text = "Intro.\r\n\r\nHe said\r\n\r\nthat it rained.\n";
        assert_eq!(spans(&engine, text), vec![13..25]);
        assert_eq!(&text[13..25], "said\r\n\r\nthat");
    }

    #[test]
    fn a_match_with_one_line_break_is_found_on_either_side_of_its_paragraph() {
        let engine = pattern_rule("said", r"said\.\s|\ssaid!", "{{said. }}", "said so");
        assert!(!gate_of(&engine).whole_text);
        // One match starts in the blank line before its paragraph, the other
        // ends in the blank line after its own.
        let text = "One.\n\nsaid!\n\nMid.\n\nsaid.\n\nTwo.";
        assert_eq!(
            spans(&engine, text)
                .iter()
                .map(|r| &text[r.clone()])
                .collect::<Vec<_>>(),
            ["\nsaid!", "said.\n"]
        );
    }

    #[test]
    fn digits_of_other_scripts_open_the_whole_text_for_a_digit_gate() {
        let engine = pattern_rule("comma", r"\d,\d", "{{3,5}}", "3.5");
        let gate = gate_of(&engine);
        assert_eq!(gate.literals.len(), 100);
        assert_eq!(spans(&engine, "3,5\r\n\r\nA 1,2"), vec![0..3, 9..12]);
        let text = "It was \u{663},\u{665} today.\n";
        assert_eq!(spans(&engine, text), vec![7..12]);
        assert!(spans(&engine, "It was 3.5 and 3, 5.\n").is_empty());
    }

    #[test]
    fn glued_sentences_are_found_in_either_paragraph_edge_and_case() {
        let engine = pattern_rule(
            "glued",
            r"\b[A-Za-z][a-z]+[.!?][A-Z][a-z]+\b",
            "{{rain.The}}",
            "rain. The",
        );
        let text = "rain.The\r\n\r\nWet!Sun and sun?Rain";
        assert_eq!(spans(&engine, text), vec![0..8, 12..19, 24..32]);
        assert!(spans(&engine, "rain.the\n").is_empty());
    }

    #[test]
    fn a_gate_checked_at_each_line_start_finds_matches_on_any_line() {
        let engine = pattern_rule(
            "counter",
            r"(?i)^[ \t]*(?:photo[ \t]+)?\d{1,3}[ \t]*of[ \t]*\d{1,3}[ \t]*$",
            "{{Photo 3 of 12}}",
            "It was 3 of 12",
        );
        assert!(gate_of(&engine).each_line);
        let text = "1 of 5\r\n\r\nIntro.\r\n  PHOTO 3 of 12\r\nText.\rphoto 2 of 4\n\n4 of 4";
        let found: Vec<&str> = spans(&engine, text).into_iter().map(|s| &text[s]).collect();
        assert_eq!(
            found,
            ["1 of 5", "  PHOTO 3 of 12", "photo 2 of 4", "4 of 4"]
        );
        let doc = Document::new("a.txt", "It was 3 of 4.\nA photo 2 of 4\n".into());
        assert!(opened(&engine, &doc).is_empty());
        // A literal that starts with a blank may follow other blanks.
        let engine = pattern_rule("blank", r"^[ \t]*[ \t]-[a-z]*$", "{{ -x}}", "-x");
        assert!(gate_of(&engine).each_line);
        assert_eq!(spans(&engine, "a\n \t -x"), vec![2..7]);
    }

    #[test]
    fn a_line_start_gate_opens_its_pattern_after_blanks_and_line_breaks() {
        let engine = engine(
            r#"
[[rule]]
id = "test/byline"
kind = "pattern"
message = "byline"
pattern = '^[ \t]*By \p{Lu}\w+ \p{Lu}\w+$'
examples = ["{{By Jane Doe}}"]
near_misses = ["Written by Jane Doe"]
"#,
        );
        assert!(gate_of(&engine).at_line_start);
        assert_eq!(spans(&engine, "Intro.\n  By Jane Doe\n"), vec![7..20]);
        assert_eq!(spans(&engine, "Intro.\r\nBy Jane Doe\r\n"), vec![8..19]);
        assert!(spans(&engine, "It was written By Jane Doe\n").is_empty());
        assert!(spans(&engine, "Intro. \t By Jane Doe\n").is_empty());
        assert_eq!(spans(&engine, "\t By Jane Doe"), vec![0..13]);
        // `^` also matches after a lone `\r` (old Mac line breaks).
        assert_eq!(spans(&engine, "Intro.\rBy Jane Doe\r"), vec![7..18]);
    }
}
