//! Criterion benchmarks of the engine on in-memory documents: loading and
//! compiling the shipped rules, building and segmenting a document, and
//! checking a 4 KB article and a 1 MB text with each kind of rule on its own
//! and with the whole shipped set. The texts are generated here, from a
//! fixed seed, so that every run measures the same bytes.
//!
//! `cargo bench --bench engine` runs them all (a few minutes on 2 cores);
//! `cargo bench --bench engine -- pattern` runs those whose id contains
//! "pattern". bench/README.md says what each one measures.

use criterion::{
    BatchSize, BenchmarkGroup, Criterion, SamplingMode, Throughput, criterion_group,
    criterion_main, measurement::WallTime,
};
use mtlint::rules::{Docs, KindName, Rule};
use mtlint::source::{Document, sentences};
use mtlint::{Engine, RuleSet};
use std::collections::HashSet;
use std::hint::black_box;
use std::time::Duration;

/// Sentences of the small article before its ten artifacts go in: with
/// them it comes to 3,964 bytes.
const ARTICLE_BYTES: usize = 3_200;
const LARGE_BYTES: usize = 1_000_000;
/// Share of the articles of the large text that get one planted artifact.
const ARTIFACT_PERCENT: usize = 20;

/// The kinds benchmarked one at a time; phrase and substitution rules share
/// the literal automaton, so they are measured together.
const KINDS: [(&str, &[KindName]); 6] = [
    (
        "phrase-substitution",
        &[KindName::Phrase, KindName::Substitution],
    ),
    ("pattern", &[KindName::Pattern]),
    ("repetition", &[KindName::Repetition]),
    ("consistency", &[KindName::Consistency]),
    ("structure", &[KindName::Structure]),
    ("language", &[KindName::Language]),
];

// ---------------------------------------------------------------------------
// Text generation
// ---------------------------------------------------------------------------

/// SplitMix64: deterministic on every machine, and a few lines instead of a
/// dependency on `rand`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Ana", "Bernard", "Chiara", "Daniel", "Edith", "Fatima", "Gustav", "Helena", "Ismael",
    "Johanna", "Kofi", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Rafael", "Sofia", "Tariq",
    "Vera",
];
const LAST: &[&str] = &[
    "Almeida",
    "Brandt",
    "Costa",
    "Dalton",
    "Engel",
    "Fischer",
    "Gallo",
    "Haddad",
    "Ivanova",
    "Jovanovic",
    "Keller",
    "Lindgren",
    "Mendes",
    "Nowak",
    "Osei",
    "Pereira",
    "Rossi",
    "Sato",
    "Tanaka",
    "Vidal",
];
const PLACES: &[&str] = &[
    "Northbrook",
    "Eastmoor",
    "Kingsford",
    "Millbrae",
    "Ravenscar",
    "Southport",
    "Whitlow",
    "Ashdown",
];
const BODIES: &[&str] = &[
    "Housing Trust",
    "Transit Authority",
    "Water Board",
    "Chamber of Commerce",
    "Health Council",
    "Port Authority",
    "Teachers' Union",
    "Savings Bank",
];
const ROLES: &[&str] = &[
    "a spokesperson",
    "the chief executive",
    "a board member",
    "an economist",
    "the finance director",
    "a senior analyst",
];
const CITIES: &[&str] = &[
    "Lisbon", "Valencia", "Lyon", "Hamburg", "Krakow", "Turin", "Ghent", "Bergen", "Cork", "Leeds",
    "Recife", "Osaka", "Pune", "Nairobi", "Accra", "Halifax",
];
const COUNTRIES: &[&str] = &[
    "Portugal", "Spain", "France", "Germany", "Poland", "Italy", "Belgium", "Norway", "Ireland",
    "Brazil", "Japan", "India", "Kenya", "Ghana", "Canada",
];
const TOPICS: &[&str] = &[
    "bus fares",
    "school meals",
    "the port expansion",
    "rent controls",
    "water charges",
    "the pension reform",
    "fuel duty",
    "hospital staffing",
    "flood defences",
    "the tram extension",
    "farm subsidies",
    "broadband coverage",
];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "September",
    "October",
    "November",
];
const CURRENCIES: &[&str] = &["euros", "dollars", "pounds"];

/// Each `{slot}` is filled on its own (see `slot`), so a slot may appear twice.
const SENTENCES: &[&str] = &[
    "{person}, {role} at the {org}, said the review of {topic} would finish in {month}.",
    "The {org} reported that spending on {topic} rose {pct} percent in {year}.",
    "Council members in {city} will vote on {topic} on {weekday}, {person} said.",
    "About {num} residents signed a petition about {topic} last month.",
    "The plan would cost {money} over the next {small} years, according to the {org}.",
    "{person} told reporters in {city} that talks with the {org} were going well.",
    "Figures released on {weekday} put the shortfall in {city} at {money}.",
    "Shops in central {city} reported {pct} percent fewer customers than in {year}.",
    "The {org} expects a decision on {topic} before {month} {day}.",
    "Analysts at the {org} said {topic} would weigh on growth in {country} this year.",
    "A survey of {num} households found broad support for changes to {topic}.",
    "{person}, who joined the {org} in {year}, described the outcome as fair.",
    "Lawmakers in {country} have debated {topic} since {month} {year}.",
    "Ministers from {country} and {country} met in {city} to discuss {topic}.",
    "Rail services between {city} and {city} were cut by {pct} percent on {weekday}.",
    "The {org} said it had hired {small} more inspectors to deal with {topic}.",
    "Turnout in {city} reached {pct} percent, the highest level since {year}.",
    "{person} said the {org} would publish its findings on {weekday}.",
];
const HEADLINES: &[&str] = &[
    "{city} council postpones vote on {topic} until {month}",
    "{org} sets aside {money} for {topic}",
    "{last} calls for review of {topic} in {country}",
    "Prices in {city} up {pct}% as {topic} bites",
];

/// Planted artifacts, one of each kind of rule: a sentence put into a
/// paragraph or, for the lines that start with `\n`, a line of its own.
const ARTIFACTS: &[&str] = &[
    // substitution (names/kyiv)
    "Officials in Kiev said the talks on {topic} would resume on {weekday}.",
    // phrase (mt/to-note-opener)
    "To note, the {org} had warned about {topic} in {year}.",
    // pattern (mt/weekday-day-in-parentheses)
    "On Wednesday ({day}), the {org} announced new measures on {topic}.",
    // pattern (structure/mojibake-apostrophe)
    "Itâ€™s too early to judge {topic}, {person} said.",
    // consistency (names/public-figures)
    "President Volodimir Zelenski met the {org} in {city} on {weekday}.",
    // repetition (structure/doubled-word)
    "The {org} said the the figures for {year} were provisional.",
    // structure (structure/unbalanced-brackets)
    "The {org} (which denied the report said nothing about {topic}.",
    // language (language/untranslated)
    "O governo anunciou novas medidas para conter a inflação e proteger os salários.",
    // boilerplate lines
    "\nPhotograph: {person}/Reuters",
    "\n– Reuters",
];

fn slot(name: &str, rng: &mut Rng) -> String {
    match name {
        "person" => format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
        "last" => rng.pick(LAST).to_string(),
        "role" => rng.pick(ROLES).to_string(),
        "org" => format!("{} {}", rng.pick(PLACES), rng.pick(BODIES)),
        "city" => rng.pick(CITIES).to_string(),
        "country" => rng.pick(COUNTRIES).to_string(),
        "topic" => rng.pick(TOPICS).to_string(),
        "weekday" => rng.pick(WEEKDAYS).to_string(),
        "month" => rng.pick(MONTHS).to_string(),
        "day" => (1 + rng.below(28)).to_string(),
        "year" => (2005 + rng.below(20)).to_string(),
        "small" => (2 + rng.below(30)).to_string(),
        "num" => (150 + rng.below(40_000)).to_string(),
        "pct" => format!("{}.{}", 1 + rng.below(19), rng.below(10)),
        "money" => format!("{} million {}", 2 + rng.below(900), rng.pick(CURRENCIES)),
        other => panic!("no filler for slot {{{other}}}"),
    }
}

fn fill(template: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(template.len() + 40);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}').expect("slots are closed");
        out.push_str(&rest[..open]);
        out.push_str(&slot(&rest[open + 1..close], rng));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A filled template not used before in the text: the repetition rules
/// report any repeated line or sentence, which a real article does not have.
fn fresh(templates: &[&str], rng: &mut Rng, used: &mut HashSet<String>) -> String {
    loop {
        let text = fill(rng.pick(templates), rng);
        if used.insert(text.clone()) {
            return text;
        }
    }
}

/// A headline and paragraphs of three or four sentences, about `bytes` long,
/// with the artifacts of `plants` (indexes into `ARTIFACTS`) put in.
fn article(rng: &mut Rng, used: &mut HashSet<String>, bytes: usize, plants: &[usize]) -> String {
    let mut paragraphs = Vec::new();
    let mut length = 0;
    while length < bytes {
        let count = 3 + rng.below(2);
        let paragraph: Vec<String> = (0..count).map(|_| fresh(SENTENCES, rng, used)).collect();
        let paragraph = paragraph.join(" ");
        length += paragraph.len() + 2;
        paragraphs.push(paragraph);
    }
    for &plant in plants {
        let artifact = fill(ARTIFACTS[plant], rng);
        match artifact.strip_prefix('\n') {
            Some(line) => paragraphs.push(line.to_string()),
            None => {
                let at = rng.below(paragraphs.len());
                paragraphs[at] = format!("{} {artifact}", paragraphs[at]);
            }
        }
    }
    let headline = fresh(HEADLINES, rng, used);
    format!("{headline}\n\n{}\n", paragraphs.join("\n\n"))
}

/// One 4 KB article with one artifact of each kind.
fn small_text() -> String {
    let plants: Vec<usize> = (0..ARTIFACTS.len()).collect();
    article(&mut Rng(7), &mut HashSet::new(), ARTICLE_BYTES, &plants)
}

/// Articles of 3 to 5 KB one after the other, a fifth of them with one
/// artifact, up to 1 MB: one long file, as mtlint reads a concatenated dump.
fn large_text() -> String {
    let mut rng = Rng(11);
    let mut used = HashSet::new();
    let mut text = String::with_capacity(LARGE_BYTES + 8_000);
    while text.len() < LARGE_BYTES {
        let bytes = 3_000 + rng.below(2_000);
        let plants: Vec<usize> = if rng.below(100) < ARTIFACT_PERCENT {
            vec![rng.below(ARTIFACTS.len())]
        } else {
            Vec::new()
        };
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&article(&mut rng, &mut used, bytes, &plants));
    }
    text
}

// ---------------------------------------------------------------------------
// Benchmarks
// ---------------------------------------------------------------------------

fn shipped_rules() -> Vec<Rule> {
    RuleSet::load(Some(Docs::Without), &[] as &[&str])
        .expect("shipped rules load")
        .rules
}

/// The sizes benchmarked, with the group-name suffix each is reported under.
fn texts() -> [(&'static str, String); 2] {
    [("4KB", small_text()), ("1MB", large_text())]
}

/// A group reporting bytes per second of `text`; runs on the 1 MB text take
/// up to a second (see `slow`).
fn text_group<'a>(c: &'a mut Criterion, name: &str, text: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(text.len() as u64));
    if text.len() > 100_000 {
        slow(&mut group);
    }
    group
}

/// For runs of tens of milliseconds and more: the same number of iterations
/// in every sample (criterion's default grows it, sample after sample), and
/// criterion's smallest sample count, which keeps the slowest to seconds.
fn slow(group: &mut BenchmarkGroup<WallTime>) {
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
}

fn rule_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("rules");
    slow(&mut group);
    group.bench_function("load", |b| b.iter(shipped_rules));
    let rules = shipped_rules();
    // Cloning the rules is setup, left out of the time.
    group.bench_function("engine-new", |b| {
        b.iter_batched(|| rules.clone(), Engine::new, BatchSize::SmallInput)
    });
    // Patterns compile and the language detector is built on a document's
    // first need: a fresh rule set checking one article pays for all of it.
    let text = small_text();
    group.bench_function("first-check-4KB", |b| {
        b.iter_batched(
            || (shipped_rules(), Document::new("article.txt", text.clone())),
            |(rules, doc)| Engine::new(rules).check(&doc),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn document_benches(c: &mut Criterion) {
    for (size, text) in texts() {
        let mut group = text_group(c, &format!("document-{size}"), &text);
        group.bench_function("new", |b| {
            b.iter_batched(
                || text.clone(),
                |t| Document::new("bench.txt", t),
                BatchSize::LargeInput,
            )
        });
        // What `Document::sentences` runs on its first call.
        let doc = Document::new("bench.txt", text.clone());
        group.bench_function("sentences", |b| {
            b.iter(|| sentences(black_box(&doc.text), &doc.paragraphs))
        });
        group.finish();
    }
}

fn check_benches(c: &mut Criterion) {
    let rules = shipped_rules();
    let mut engines: Vec<(&str, Engine)> = KINDS
        .iter()
        .map(|(name, kinds)| {
            let chosen = rules.iter().filter(|r| kinds.contains(&r.meta.kind));
            (*name, Engine::new(chosen.cloned().collect()))
        })
        .filter(|(_, engine)| !engine.rules().is_empty())
        .collect();
    engines.push(("all", Engine::new(rules)));
    for (size, text) in texts() {
        let mut group = text_group(c, &format!("check-{size}"), &text);
        for (name, engine) in &engines {
            // A fresh document each time, so that sentences segmented on
            // first need are paid for by the kind that needs them.
            group.bench_function(*name, |b| {
                b.iter_batched_ref(
                    || Document::new("bench.txt", text.clone()),
                    |doc| engine.check(doc),
                    BatchSize::LargeInput,
                )
            });
        }
        group.finish();
    }
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = rule_benches, document_benches, check_benches
}
criterion_main!(benches);
