//! `pattern`: a regular expression (Rust `regex` syntax, linear time, no
//! look-around). A group named `flag` narrows the reported span to that
//! group; `replacement` may use `$1` or `$name` to build the suggestion.
//!
//! A pattern is checked when its rule file loads but compiled only when a
//! document needs it: the engine first looks for the literals every match
//! contains (its `gate`), so most patterns never compile for a short article,
//! and start-up stays fast however many pattern rules there are.

mod gate;
mod syntax;

use super::Candidate;
use crate::error::LocatedError;
use crate::rules::load::BuildCx;
use crate::rules::spec::RuleSpec;
pub use gate::{Gate, exact_case};
use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::{Input, PatternID};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Bounds compile-time memory of one rule's automaton; a pathological
/// pattern is rejected with a message instead of exhausting memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// How a pattern is compiled, chosen by the first text that needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    /// For search speed: the regex crate's full engine, lazy DFAs included.
    /// Building the reverse automaton they need doubles the cost.
    ForVolume,
    /// For a quick build: the NFA and its backtracking and PikeVM engines
    /// only. About half the build cost, many times the search cost: right
    /// for a run of one short article, where building is nearly all the work.
    ForOneShortText,
}

/// A pattern once compiled, with the index of its `flag` group.
#[derive(Debug)]
struct Compiled {
    regex: Regex,
    flag: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    compiled: Arc<OnceLock<Option<Compiled>>>,
    replacement: Option<String>,
    /// Literals of which every match contains one; `None` when no useful
    /// set exists and the pattern must always run.
    pub gate: Option<Gate>,
}

pub fn build(cx: &BuildCx, spec: &RuleSpec) -> Result<Pattern, LocatedError> {
    let written = cx.required(&spec.pattern, "pattern", "pattern")?;
    let case_insensitive = spec.case_sensitive.as_ref().is_some_and(|c| !*c.get_ref());
    let source = syntax::full_source(written.get_ref(), case_insensitive);
    let gate = match shipped_gate(&source) {
        Some(gate) => gate,
        None => syntax::analyse(&source).map_err(|m| cx.error(written.span(), m))?,
    };
    Ok(Pattern {
        gate,
        source,
        compiled: Arc::new(OnceLock::new()),
        replacement: spec.replacement.as_ref().map(|r| r.get_ref().clone()),
    })
}

/// A gate as build.rs writes it: literals, rare characters, whether they
/// open a line, whether each line's start is checked for them, whether it
/// opens the whole text, the second set of literals.
type ShippedGate = (
    &'static [&'static [u8]],
    &'static [(char, char)],
    bool,
    bool,
    bool,
    &'static [&'static [u8]],
);

// `SHIPPED_GATES`: the gate of every shipped pattern, worked out by
// build.rs with `syntax::analyse`, keyed by the pattern's full source.
include!(concat!(env!("OUT_DIR"), "/shipped_gates.rs"));

/// The gate build.rs worked out for `source`, if it is a shipped pattern
/// (which build.rs also found valid).
fn shipped_gate(source: &str) -> Option<Option<Gate>> {
    static INDEX: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        SHIPPED_GATES
            .iter()
            .enumerate()
            .map(|(i, (source, _))| (*source, i))
            .collect()
    });
    let (_, gate) = SHIPPED_GATES[*index.get(source)?];
    Some(gate.map(
        |(literals, rare_chars, at_line_start, each_line, whole_text, also)| Gate {
            literals: literals.iter().map(|l| l.to_vec()).collect(),
            rare_chars: rare_chars.to_vec(),
            at_line_start,
            each_line,
            whole_text,
            also: also.iter().map(|l| l.to_vec()).collect(),
        },
    ))
}

/// The regex crate's engine, without its own literal prefilter for a gated
/// pattern: the gate already found where the pattern may match, and
/// extracting the prefilter's literals is a third of the cost of compiling.
fn compile(source: &str, gated: bool, build: Build) -> Result<Regex, Box<meta::BuildError>> {
    let quick = build == Build::ForOneShortText;
    let config = meta::Config::new()
        .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
        .auto_prefilter(!gated)
        .hybrid(!quick)
        .dfa(!quick)
        .onepass(!quick);
    Regex::builder()
        .configure(config)
        .build(source)
        .map_err(Box::new)
}

impl Pattern {
    /// Compiles on first use. The size estimate at load keeps compilation from
    /// failing; if it still did, the rule finds nothing (and `test-rules`,
    /// which runs every rule, reports its examples as not flagged).
    fn compiled(&self, build: Build) -> Option<&Compiled> {
        self.compiled
            .get_or_init(|| {
                let regex = compile(&self.source, self.gate.is_some(), build).ok()?;
                let flag = regex.group_info().to_index(PatternID::ZERO, "flag");
                Some(Compiled { regex, flag })
            })
            .as_ref()
    }

    /// Candidates within `region` of `text` (paragraphs, or all of it). The
    /// text around the region still decides line anchors and word
    /// boundaries at its edges. `build` applies if the pattern is not
    /// compiled yet.
    pub fn find(&self, text: &str, region: std::ops::Range<usize>, build: Build) -> Vec<Candidate> {
        let Some(Compiled { regex, flag }) = self.compiled(build) else {
            return Vec::new();
        };
        let input = Input::new(text).span(region);
        // Capture groups cost; plain matches are enough when none is used.
        if flag.is_none() && self.replacement.is_none() {
            return regex
                .find_iter(input)
                .filter(|m| !m.is_empty())
                .map(|m| Candidate::new(m.range()))
                .collect();
        }
        let mut out = Vec::new();
        for caps in regex.captures_iter(input) {
            let Some(whole) = caps.get_group(0) else {
                continue;
            };
            let flagged = flag.and_then(|g| caps.get_group(g)).unwrap_or(whole);
            if flagged.is_empty() {
                continue;
            }
            let mut candidate = Candidate::new(flagged.range());
            if let Some(template) = &self.replacement {
                candidate.replacements.push(expand(&caps, text, template));
            }
            out.push(candidate);
        }
        out
    }
}

/// `template` with `$1`, `$name` or `${name}` filled from `caps`.
fn expand(caps: &Captures, text: &str, template: &str) -> String {
    let mut out = String::new();
    caps.interpolate_string_into(text, template, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(source: &str, replacement: Option<&str>) -> Pattern {
        Pattern {
            source: syntax::full_source(source, false),
            compiled: Arc::new(OnceLock::new()),
            replacement: replacement.map(String::from),
            gate: None,
        }
    }

    #[test]
    fn both_builds_find_the_same_spans_and_suggestions() {
        let text = "Intro.\nOn Monday (6), it rained. On Friday (13) too.\nKIEV, Kiev.\n";
        let cases = [
            (r"(?P<flag>(?:Monday|Friday) \((\d+)\))", Some("the $2th")),
            (r"\bKiev\b", None),
            (r"(?m)^\p{Lu}+,", None),
        ];
        for (source, replacement) in cases {
            let [volume, quick] = [Build::ForVolume, Build::ForOneShortText]
                .map(|build| pattern(source, replacement).find(text, 0..text.len(), build));
            assert!(!volume.is_empty(), "{source} finds something");
            assert_eq!(volume, quick, "{source}");
        }
    }

    #[test]
    fn shipped_gates_are_the_gates_worked_out_at_run_time() {
        assert!(
            SHIPPED_GATES.len() > 100,
            "build.rs analysed the shipped rules"
        );
        for (source, _) in SHIPPED_GATES {
            assert_eq!(
                shipped_gate(source),
                Some(syntax::analyse(source).unwrap()),
                "{source}"
            );
        }
    }
}
