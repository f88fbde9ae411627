//! A rule's record on a corpus, for rule authors: how often each rule fires
//! and in how many files, and how many of its candidate matches each of its
//! conditions silenced. `mtlint test-rules --corpus DIR` prints it.

use super::Rule;
use super::filter::Silencer;
use super::kinds::Candidate;
use crate::source::Document;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// What one rule did in one document.
#[derive(Debug, Clone, Default)]
pub struct DocRecord {
    candidates: usize,
    findings: usize,
    silenced: BTreeMap<Silencer, usize>,
}

impl DocRecord {
    /// Runs every condition of `rule` on each of its candidates, without
    /// stopping at the first that rejects it: a match may be silenced by
    /// several, and each is counted.
    pub fn new(rule: &Rule, doc: &Document, mut candidates: Vec<Candidate>) -> DocRecord {
        candidates.sort_by_key(|c| (c.span.start, c.span.end));
        candidates.dedup_by(|a, b| a.span == b.span);
        let mut record = DocRecord {
            candidates: candidates.len(),
            ..DocRecord::default()
        };
        if candidates.is_empty() {
            return record;
        }
        let topic = rule.filter.topic_silencers(doc);
        let mut found = Vec::new();
        for c in &candidates {
            let local = rule.filter.silencers(doc, &c.span);
            if topic.is_empty() && local.is_empty() {
                found.push(rule.filter.widen(doc, c.span.clone()));
            }
            for s in topic.iter().chain(&local) {
                *record.silenced.entry(*s).or_default() += 1;
            }
        }
        // Findings are told apart by their reported span, as the engine does.
        found.sort_by_key(|s| (s.start, s.end));
        found.dedup();
        record.findings = found.len();
        record
    }
}

/// A corpus's totals so far, indexed like the engine's rules.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    files: usize,
    rules: Vec<RuleTotals>,
}

#[derive(Debug, Clone, Default)]
struct RuleTotals {
    candidates: usize,
    findings: usize,
    files: usize,
    silenced: BTreeMap<Silencer, usize>,
}

impl Totals {
    /// Adds one document's records (as `Engine::record` gives them).
    pub fn with(mut self, records: Vec<Option<DocRecord>>) -> Totals {
        self.files += 1;
        self.rules.resize_with(records.len(), RuleTotals::default);
        for (totals, record) in self.rules.iter_mut().zip(records) {
            let Some(record) = record else { continue };
            totals.candidates += record.candidates;
            totals.findings += record.findings;
            totals.files += usize::from(record.findings > 0);
            for (s, n) in record.silenced {
                *totals.silenced.entry(s).or_default() += n;
            }
        }
        self
    }

    /// Joins the totals of two parts of a corpus.
    pub fn merge(mut self, other: Totals) -> Totals {
        self.files += other.files;
        if self.rules.len() < other.rules.len() {
            self.rules
                .resize_with(other.rules.len(), RuleTotals::default);
        }
        for (mine, theirs) in self.rules.iter_mut().zip(other.rules) {
            mine.candidates += theirs.candidates;
            mine.findings += theirs.findings;
            mine.files += theirs.files;
            for (s, n) in theirs.silenced {
                *mine.silenced.entry(s).or_default() += n;
            }
        }
        self
    }

    /// The record of `rules` (those the totals were counted for), rules
    /// that never fire first, and among them those with the most
    /// candidates: the ones whose conditions silenced everything.
    pub fn report(&self, rules: &[Rule]) -> CorpusRecord {
        let empty = RuleTotals::default();
        let mut records: Vec<RuleRecord> = rules
            .iter()
            .enumerate()
            .map(|(i, rule)| rule_record(rule, self.rules.get(i).unwrap_or(&empty)))
            .collect();
        records.sort_by(|a, b| {
            (a.findings, b.candidates, &a.rule).cmp(&(b.findings, a.candidates, &b.rule))
        });
        CorpusRecord {
            files: self.files,
            rules: records,
        }
    }
}

fn rule_record(rule: &Rule, totals: &RuleTotals) -> RuleRecord {
    let mut silenced: Vec<Silenced> = totals
        .silenced
        .iter()
        .map(|(&s, &n)| Silenced {
            condition: s.condition.as_str(),
            entry: rule.filter.entry(s),
            label: rule.filter.describe(s),
            silenced: n,
        })
        .collect();
    silenced.sort_by(|a, b| b.silenced.cmp(&a.silenced).then(a.label.cmp(&b.label)));
    RuleRecord {
        rule: rule.meta.id.to_string(),
        findings: totals.findings,
        files: totals.files,
        candidates: totals.candidates,
        silenced,
    }
}

/// The record of a rule set on a corpus; `--format json` prints it as is.
#[derive(Debug, Serialize)]
pub struct CorpusRecord {
    pub files: usize,
    pub rules: Vec<RuleRecord>,
}

#[derive(Debug, Serialize)]
pub struct RuleRecord {
    pub rule: String,
    pub findings: usize,
    /// Files with at least one finding.
    pub files: usize,
    /// Matches the rule's kind proposed, before its conditions ran.
    pub candidates: usize,
    /// Most silencing first.
    pub silenced: Vec<Silenced>,
}

/// How many candidates one condition rejected.
#[derive(Debug, Serialize)]
pub struct Silenced {
    /// The field of the rule file: `not_near`, `at`, …
    pub condition: &'static str,
    /// For a list, the entry found (`US` of `not_near`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    /// How the human report names it: `not_near "US"`.
    pub label: String,
    pub silenced: usize,
}

impl CorpusRecord {
    /// The conditions that silenced most candidates, over all rules: the
    /// rule, the condition, and the rule's candidates.
    fn conditions(&self) -> Vec<(&RuleRecord, &Silenced)> {
        let mut all: Vec<(&RuleRecord, &Silenced)> = self
            .rules
            .iter()
            .flat_map(|r| r.silenced.iter().map(move |s| (r, s)))
            .collect();
        all.sort_by(|(ra, a), (rb, b)| {
            b.silenced
                .cmp(&a.silenced)
                .then((b.silenced * ra.candidates).cmp(&(a.silenced * rb.candidates)))
                .then(ra.rule.cmp(&rb.rule))
        });
        all
    }

    /// The report for people: a summary, the conditions that silence most,
    /// then every rule, those that never fire first.
    pub fn human(&self) -> String {
        let firing = self.rules.iter().filter(|r| r.findings > 0).count();
        let muted = self
            .rules
            .iter()
            .filter(|r| r.findings == 0 && r.candidates > 0)
            .count();
        let mut out = format!(
            "corpus record: {} files, {} rules: {} fire, {} never fire ({} of these had candidates that their conditions silenced)\n",
            self.files,
            self.rules.len(),
            firing,
            self.rules.len() - firing,
            muted
        );
        out.push_str(
            "\nconditions that silence the most candidates (a candidate may be silenced by several):\n",
        );
        let _ = writeln!(out, "{:>18}  {:<44} condition", "silenced", "rule");
        let conditions = self.conditions();
        if conditions.is_empty() {
            out.push_str("  (none)\n");
        }
        for (rule, s) in conditions {
            let share = format!(
                "{} of {} ({}%)",
                s.silenced,
                rule.candidates,
                percent(s.silenced, rule.candidates)
            );
            let _ = writeln!(out, "{share:>18}  {:<44} {}", rule.rule, s.label);
        }
        out.push_str("\nrules, those that never fire first:\n");
        let _ = writeln!(out, "findings  files  candidates  rule");
        for r in &self.rules {
            let _ = writeln!(
                out,
                "{:>8}  {:>5}  {:>10}  {}",
                r.findings, r.files, r.candidates, r.rule
            );
        }
        out
    }
}

fn percent(part: usize, whole: usize) -> usize {
    (part * 100).checked_div(whole).unwrap_or(0)
}
