#!/usr/bin/env python3
"""Deterministic generator of a synthetic news-like English corpus for mtlint benchmarks.

Everything is composed from the word lists and templates in this file:
invented people and organisations, real city and country names, dates and
numbers.  Nothing is copied from any publication.  The same --seed always
gives byte-identical output.

Modes (exactly one):
  --articles N --out DIR           N articles of ~4 KB, in subfolders of 500
  --single-file SIZE_MB --out FILE one file of concatenated articles (1 MB = 10^6 bytes)
  --phrase-rules N --out-rules DIR N synthetic phrase rules, 100 per TOML file

A share of articles (--artifact-rate, default 0.2) gets one or two planted
machine-translation or scraping artifacts (see ARTIFACTS).  --truth FILE
writes which article got which, as TSV.

Article i is generated from its own Random("seed:i"), so the first 2,000
articles of a 20,000-article corpus equal the 2,000-article corpus.

Python 3.11 standard library only.
"""

import argparse
import os
import random
import re
import string
import sys

ARTICLES_PER_FOLDER = 500
RULES_PER_FILE = 100

# ---------------------------------------------------------------------------
# Vocabulary.  Place names are real; people and organisations are invented.
# ---------------------------------------------------------------------------

FIRST_NAMES = [
    "Amara", "Bruno", "Celia", "Dmitri", "Elena", "Farid", "Greta", "Hugo",
    "Irene", "Jonas", "Keiko", "Luis", "Marta", "Nikos", "Olga", "Pavel",
    "Rosa", "Samir", "Tomas", "Ursula", "Viktor", "Wen", "Yasmin", "Zoltan",
    "Adele", "Bjorn", "Carmen", "Dario", "Esther", "Felix", "Hana", "Ivo",
]
LAST_NAMES = [
    "Albrecht", "Barros", "Castell", "Dunmore", "Eriksen", "Ferreira",
    "Galloway", "Hartwell", "Iqbal", "Jansen", "Kowalczyk", "Lindqvist",
    "Moreau", "Novak", "Okafor", "Petrescu", "Quintero", "Rahman", "Sorensen",
    "Takahashi", "Ulrich", "Varga", "Whitcombe", "Yilmaz", "Zeller",
    "Abbott", "Brennan", "Carvalho", "Delacroix", "Esposito", "Fontaine",
]
# (city, country).  Kyiv is spelled the current way; "Kiev" is an artifact.
CITIES = [
    ("Lisbon", "Portugal"), ("Porto", "Portugal"), ("Madrid", "Spain"),
    ("Valencia", "Spain"), ("Lyon", "France"), ("Marseille", "France"),
    ("Hamburg", "Germany"), ("Leipzig", "Germany"), ("Gdansk", "Poland"),
    ("Krakow", "Poland"), ("Kyiv", "Ukraine"), ("Odesa", "Ukraine"),
    ("Brno", "the Czech Republic"), ("Turin", "Italy"), ("Naples", "Italy"),
    ("Rotterdam", "the Netherlands"), ("Ghent", "Belgium"),
    ("Gothenburg", "Sweden"), ("Bergen", "Norway"), ("Tampere", "Finland"),
    ("Cork", "Ireland"), ("Leeds", "Britain"), ("Glasgow", "Britain"),
    ("Recife", "Brazil"), ("Curitiba", "Brazil"), ("Rosario", "Argentina"),
    ("Osaka", "Japan"), ("Busan", "South Korea"), ("Pune", "India"),
    ("Nairobi", "Kenya"), ("Accra", "Ghana"), ("Halifax", "Canada"),
]
ORG_PLACES = [
    "Northfield", "Ashbury", "Kellerton", "Marrowby", "Pellston", "Redwater",
    "Stonebridge", "Tallow Creek", "Westmere", "Brackenridge", "Elmstead",
    "Fernhollow", "Greyhaven", "Holloway Bay", "Lower Dunsby", "Oakhampton",
]
ORG_KINDS = [
    "Transit Authority", "Water Board", "Chamber of Commerce",
    "Teachers' Union", "Housing Trust", "Port Authority",
    "Farmers' Cooperative", "Health Council", "Energy Company", "Rail Group",
    "Retail Association", "Savings Bank", "District Council", "Science Institute",
]
# With their article, so that no template writes "a economist".
ROLES = [
    "a spokesperson", "the chief executive", "a council member", "an economist",
    "a union leader", "a senior analyst", "a deputy minister", "the finance director",
    "an engineer", "a researcher", "a board member", "a policy adviser",
]
COUNTRIES = sorted({country for _, country in CITIES})
TOPICS = [
    "bus fares", "the harbour expansion", "school funding", "rent controls",
    "the new tram line", "fuel prices", "the wheat harvest",
    "hospital waiting times", "the flood defences", "interest rates",
    "the fishing quota", "road repairs", "the pension reform",
    "the budget deficit", "broadband coverage", "wind farm permits",
    "the airport runway", "water charges", "the steel tariff",
    "youth unemployment", "the tourism levy", "grain exports",
    "the minimum wage", "public library hours",
]
SAID = ["said", "told reporters", "said in a statement", "noted", "added", "argued"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
]
PHOTO_AGENCIES = ["AP", "AFP", "Reuters", "EPA", "Getty Images"]

# Sentence templates.  Each {slot} is filled by FILLERS below; a slot name
# may appear at most once per template (use person2, city2, ... for a second).
SENTENCES = [
    "{person}, {role} at the {org}, said a decision on {topic} would come by {month}.",
    "The {org} {said} that {topic} had become the main concern for residents of {city}.",
    "Officials in {city} expect {topic} to dominate the debate when the council meets on {weekday}.",
    "\"We have been clear from the start,\" {person} {said}. \"This cannot wait another year.\"",
    "Figures published on {weekday} showed a rise of {pct} percent compared with the same period last year.",
    "About {num} people attended the meeting, according to the organisers.",
    "The proposal would cost roughly {money} over {years} years, the {org} estimated.",
    "Critics say the plan does little to address {topic}.",
    "{person} declined to comment on the talks with the {org}.",
    "Traders in {city} reported quieter business as {topic} weighed on confidence.",
    "The {org} has scheduled a public hearing for {month} {day}.",
    "Local newspapers in {city} described the mood as cautious.",
    "In a separate development, the {org} said it would review its policy on {topic}.",
    "Residents interviewed this week were divided over {topic}.",
    "The figure was {pct} percent higher than analysts had forecast.",
    "Negotiations are expected to resume next {weekday} in {city}.",
    "{person}, who has led the {org} since {year}, called the result encouraging.",
    "A report by the {org} found that {topic} had affected some {num} households.",
    "The ministry did not respond to a request for comment.",
    "The motion passed by {votes_for} votes to {votes_against}.",
    "Opposition members said they would challenge the measure in court.",
    "Forecasters in {city} warned of heavy rain through {weekday}.",
    "The agreement still needs approval from the regional parliament.",
    "{person} said the {org} had received more than {num} complaints about {topic}.",
    "Officials from {countries} met in {city} to discuss {topic}.",
    "Earlier this month, the {org} raised its forecast for {topic} for the second time.",
    "It was not immediately clear how the changes would affect {topic}.",
    "The {org} said the work should be finished by the end of {month}.",
    "Last year, a similar plan collapsed after objections from the {org}.",
    "{person} and {person2} are due to present the findings in {city} on {weekday}.",
    "Turnout at the consultation was {pct} percent, below the level seen in {year}.",
    "The {org} {said} it had set aside {money} for the first phase.",
    "Construction firms in {city} have struggled to hire staff since {year}.",
    "{person}, {role} at the {org}, said the numbers were better than expected.",
    "Ticket sales rose by {pct} percent in the week to {weekday}.",
    "The {org} plans to publish a full report in {month}.",
    "Several shops in the old town of {city} closed early on {weekday}.",
    "Lawmakers in {country} are expected to debate {topic} before the summer recess.",
    "A spokesperson for the {org} said the figures were provisional.",
    "Demand for new housing in {city} has outpaced supply for {years} years.",
    "The union said its members would vote on the offer by {month} {day}.",
    "Exports to {country} fell by {pct} percent in the first quarter.",
    "{person} {said} that the timetable was realistic but tight.",
    "The new rules are due to take effect on {month} 1.",
]

HEADLINES = [
    "{city} council delays vote on {topic}",
    "{last} warns over {topic} as talks stall",
    "Prices in {city} rise {pct}% in {month}",
    "{countries} agree to revisit {topic}",
    "{org} unveils {money} plan for {topic}",
    "Protest in {city} over {topic} draws {num}",
    "Regulator opens inquiry into {topic}",
    "{org} chief steps down after {years} years",
    "Talks on {topic} to resume in {city}",
    "Survey finds support for {topic} changes in {country}",
]


def _money(r):
    return f"{r.randint(2, 950)} million {r.choice(['euros', 'dollars', 'pounds'])}"


# One function per slot; each takes the article's Random.
FILLERS = {
    "person": lambda r: f"{r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}",
    "person2": lambda r: f"{r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}",
    "last": lambda r: r.choice(LAST_NAMES),
    "role": lambda r: r.choice(ROLES),
    "org": lambda r: f"{r.choice(ORG_PLACES)} {r.choice(ORG_KINDS)}",
    "city": lambda r: r.choice(CITIES)[0],
    "country": lambda r: r.choice(COUNTRIES),
    "countries": lambda r: " and ".join(r.sample(COUNTRIES, 2)),
    "topic": lambda r: r.choice(TOPICS),
    "said": lambda r: r.choice(SAID),
    "weekday": lambda r: r.choice(WEEKDAYS),
    "month": lambda r: r.choice(MONTHS),
    "day": lambda r: str(r.randint(1, 28)),
    "year": lambda r: str(r.randint(2008, 2024)),
    "years": lambda r: str(r.randint(2, 15)),
    "num": lambda r: f"{r.randint(120, 48000):,}",
    "pct": lambda r: f"{r.uniform(0.3, 19.9):.1f}",
    "money": _money,
    "votes_for": lambda r: str(r.randint(31, 60)),
    "votes_against": lambda r: str(r.randint(5, 30)),
}


def _slots(template):
    """Slot names used by a template, parsed once up front for speed."""
    return tuple(name for _, name, _, _ in string.Formatter().parse(template) if name)


SENTENCE_SLOTS = [(t, _slots(t)) for t in SENTENCES]
HEADLINE_SLOTS = [(t, _slots(t)) for t in HEADLINES]


def fill(r, template_and_slots):
    template, slots = template_and_slots
    return template.format(**{s: FILLERS[s](r) for s in slots})


# ---------------------------------------------------------------------------
# Planted artifacts.  Each takes (Random, Article) and edits the article.
# ---------------------------------------------------------------------------

class Article:
    def __init__(self, headline, dateline, paragraphs):
        self.headline = headline
        self.dateline = dateline
        self.paragraphs = paragraphs  # list of lists of sentences, or a str for a stray line
        self.trailer = None           # optional last line

    def insert_sentence(self, r, sentence):
        """Put a sentence at a random place inside a random body paragraph."""
        bodies = [p for p in self.paragraphs if isinstance(p, list)]
        para = r.choice(bodies)
        para.insert(r.randint(0, len(para)), sentence)

    def render(self):
        lines = [self.headline, "", self.dateline, ""]
        for p in self.paragraphs:
            lines.append(p if isinstance(p, str) else " ".join(p))
            lines.append("")
        if self.trailer:
            lines.append(self.trailer)
            lines.append("")
        return "\n".join(lines)


def _kiev(r, a):
    # Outdated transliteration of the Ukrainian capital.
    a.insert_sentence(r, f"Officials in Kiev said the {FILLERS['org'](r)} would send a delegation.")


def _touching_base(r, a):
    # Calque of "touching base".
    a.insert_sentence(r, f"{FILLERS['person'](r)} said the team had been touching the base with suppliers all week.")


def _photo_credit(r, a):
    # Image caption credit left behind by a scraper, as a stray paragraph.
    credit = f"Photograph: {FILLERS['person'](r)}/{r.choice(PHOTO_AGENCIES)}"
    a.paragraphs.insert(r.randint(1, len(a.paragraphs)), credit)


def _weekday_day_parens(r, a):
    # Portuguese/Spanish-style "on Wednesday (29)" date.
    a.insert_sentence(r, f"On {r.choice(WEEKDAYS)} ({r.randint(1, 31)}), the {FILLERS['org'](r)} confirmed the schedule.")


def _trailing_agency(r, a):
    # Wire-agency tag copied at the end of the text.
    a.trailer = "– Reuters"


def _repeated_headline(r, a):
    # Scraper captured the headline twice.
    a.paragraphs.insert(0, a.headline)


def _to_note(r, a):
    # Literal translation of "a notar" / "à noter".
    a.insert_sentence(r, f"To note, {FILLERS['topic'](r)} was not on the agenda.")


ARTIFACTS = {
    "kiev": _kiev,
    "touching_the_base": _touching_base,
    "photo_credit": _photo_credit,
    "weekday_day_parens": _weekday_day_parens,
    "trailing_agency": _trailing_agency,
    "repeated_headline": _repeated_headline,
    "to_note": _to_note,
}

# ---------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------

def make_article(seed, index, artifact_rate, seen=None):
    """Return (text, artifact kinds) for article number `index`.

    `seen` holds sentences and headlines already used; none is used twice,
    since a repeated sentence is itself an artifact that mtlint reports.
    Folder mode gives each article a fresh set; single-file mode shares one.
    """
    r = random.Random(f"{seed}:{index}")
    seen = set() if seen is None else seen
    city = r.choice(CITIES)[0]
    headline = unique(seen, lambda: fill(r, r.choice(HEADLINE_SLOTS)))
    headline = headline[0].upper() + headline[1:]
    dateline = f"{city.upper()}, {r.choice(MONTHS)} {r.randint(1, 28)}, {r.randint(2019, 2025)}"
    deck = Deck(r, SENTENCE_SLOTS)
    paragraphs = [make_paragraph(r, deck, seen) for _ in range(r.randint(7, 9))]
    article = Article(headline, dateline, paragraphs)

    kinds = []
    if r.random() < artifact_rate:
        kinds = sorted(r.sample(sorted(ARTIFACTS), r.randint(1, 2)))
        for kind in kinds:
            ARTIFACTS[kind](r, article)
    return article.render(), kinds


def unique(seen, make, tries=100):
    """Call make() until it returns text not in `seen` (bounded, so a
    corpus far larger than the templates allow still terminates)."""
    for _ in range(tries):
        text = make()
        if text not in seen:
            break
    seen.add(text)
    return text


def make_paragraph(r, deck, seen):
    """Sentences until the paragraph reaches ~350-540 characters (~4 KB per article)."""
    target = r.randint(350, 540)
    sentences, length = [], 0
    while length < target:
        s = unique(seen, lambda: fill(r, deck.draw()))
        sentences.append(s)
        length += len(s) + 1
    return sentences


class Deck:
    """Templates drawn without replacement, reshuffled when used up,
    so an article rarely repeats a sentence pattern."""

    def __init__(self, r, items):
        self.r, self.items, self.left = r, items, []

    def draw(self):
        if not self.left:
            self.left = list(self.items)
            self.r.shuffle(self.left)
        return self.left.pop()


def article_path(out_dir, index):
    return os.path.join(out_dir, f"{index // ARTICLES_PER_FOLDER:04d}", f"article-{index:06d}.txt")


def write_articles(n, out_dir, seed, rate, truth):
    total = 0
    for i in range(n):
        text, kinds = make_article(seed, i, rate)
        path = article_path(out_dir, i)
        if i % ARTICLES_PER_FOLDER == 0:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        total += len(data)
        if truth and kinds:
            truth.write(f"{os.path.relpath(path, out_dir)}\t{','.join(kinds)}\n")
    return total


def write_single_file(size_mb, out_file, seed, rate, truth):
    """Concatenate whole articles until the file reaches size_mb * 10^6 bytes."""
    target = int(size_mb * 1_000_000)
    parent = os.path.dirname(out_file)
    if parent:
        os.makedirs(parent, exist_ok=True)
    total, i = 0, 0
    # One set for the whole file: mtlint sees the file as one article, and
    # sentences repeated across the concatenated articles would be findings.
    seen = set()
    with open(out_file, "wb") as f:
        while total < target:
            text, kinds = make_article(seed, i, rate, seen)
            data = (text + "\n").encode("utf-8")
            f.write(data)
            total += len(data)
            if truth and kinds:
                truth.write(f"article-{i:06d}\t{','.join(kinds)}\n")
            i += 1
    return total

# ---------------------------------------------------------------------------
# Synthetic phrase rules
# ---------------------------------------------------------------------------

# Words that never occur in the generated corpus, so the rules cost matching
# time but never fire.  check_rule_words_absent() enforces that.
RULE_ADJECTIVES = [
    "amber", "brittle", "copper", "dappled", "feathered", "gilded", "hollow",
    "ivory", "jagged", "lacquered", "marbled", "mossy", "nimble", "opaline",
    "pewter", "quilted", "rusted", "saffron", "tawny", "umber", "velvet",
    "wicker", "burnished", "crinkled", "frosted", "gossamer", "speckled",
    "tarnished", "woolen", "silken",
]
RULE_NOUNS = [
    "lantern", "teapot", "kettle", "thimble", "walrus", "badger", "trombone",
    "accordion", "parasol", "hammock", "canoe", "lighthouse", "pinecone",
    "marmalade", "biscuit", "saddle", "spindle", "quill", "anvil", "bellows",
    "cauldron", "gazebo", "lagoon", "porcupine", "sundial", "tambourine",
    "weathervane", "wheelbarrow", "xylophone", "chandelier",
]
RULE_VERBS = [
    "hums", "sways", "glistens", "wobbles", "rattles", "creaks", "shimmers",
    "clatters", "flutters", "tumbles", "squeaks", "dangles", "jingles",
    "drifts", "teeters", "whistles",
]


def corpus_vocabulary():
    """Every lower-case word the article generator can emit."""
    texts = (FIRST_NAMES + LAST_NAMES + [c for pair in CITIES for c in pair]
             + ORG_PLACES + ORG_KINDS + ROLES + TOPICS + SAID + WEEKDAYS + MONTHS
             + PHOTO_AGENCIES + SENTENCES + HEADLINES
             + ["euros dollars pounds million percent Kiev touching the base "
                "Photograph Reuters officials said delegation team had been "
                "with suppliers all week confirmed schedule to note was not on agenda"])
    return set(re.findall(r"[a-z]+", " ".join(texts).lower()))


def check_rule_words_absent():
    clash = set(RULE_ADJECTIVES + RULE_NOUNS + RULE_VERBS) & corpus_vocabulary()
    if clash:
        sys.exit(f"gen_corpus: rule words also occur in the corpus: {sorted(clash)}")


def rule_phrases(seed, count):
    """`count` distinct 2-3 word phrases, in a seed-determined order."""
    two = [f"{a} {n}" for a in RULE_ADJECTIVES for n in RULE_NOUNS]
    three = [f"{p} {v}" for p in two for v in RULE_VERBS]
    pool = two + three
    if count > len(pool):
        sys.exit(f"gen_corpus: at most {len(pool)} phrases can be generated, asked for {count}")
    r = random.Random(f"{seed}:rules")
    return r.sample(pool, count)


def rule_toml(number, phrases):
    """One [[rule]] table.  Phrases are plain ASCII, so no TOML escaping is needed."""
    first = phrases[0]
    words = first.split()
    return "\n".join([
        "[[rule]]",
        f'id = "bench-phrase-{number:05d}"',
        'kind = "phrase"',
        'severity = "warning"',
        f'message = "synthetic benchmark phrase rule {number}"',
        "phrases = [" + ", ".join(f'"{p}"' for p in phrases) + "]",
        f'examples = ["The report mentioned the {{{{{first}}}}} near the harbour."]',
        f'near_misses = ["The report mentioned the {words[0]} item near the harbour."]',
        "",
    ])


def write_phrase_rules(n, out_dir, seed):
    """n rules with 1-3 phrases each, RULES_PER_FILE rules per TOML file."""
    check_rule_words_absent()
    r = random.Random(f"{seed}:rule-sizes")
    sizes = [r.randint(1, 3) for _ in range(n)]
    phrases = rule_phrases(seed, sum(sizes))
    os.makedirs(out_dir, exist_ok=True)
    pos = 0
    for start in range(0, n, RULES_PER_FILE):
        chunk = []
        for number in range(start, min(n, start + RULES_PER_FILE)):
            chunk.append(rule_toml(number + 1, phrases[pos:pos + sizes[number]]))
            pos += sizes[number]
        path = os.path.join(out_dir, f"bench-phrases-{start // RULES_PER_FILE:04d}.toml")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("# Generated by bench/gen_corpus.py; phrases never occur in its corpus.\n\n")
            f.write("\n".join(chunk))
    return pos

# ---------------------------------------------------------------------------


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--articles", type=int, metavar="N", help="write N article files into --out DIR")
    mode.add_argument("--single-file", type=float, metavar="SIZE_MB", help="write one file of SIZE_MB into --out FILE")
    mode.add_argument("--phrase-rules", type=int, metavar="N", help="write N phrase rules into --out-rules DIR")
    ap.add_argument("--out", help="output folder (--articles) or file (--single-file)")
    ap.add_argument("--out-rules", help="output folder for --phrase-rules")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("--artifact-rate", type=float, default=0.2,
                    help="share of articles with planted artifacts (default 0.2)")
    ap.add_argument("--truth", help="also write a TSV of planted artifacts per article")
    a = ap.parse_args(argv)
    if a.phrase_rules is not None and not a.out_rules:
        ap.error("--phrase-rules needs --out-rules DIR")
    if a.phrase_rules is None and not a.out:
        ap.error("--articles and --single-file need --out")
    if not 0.0 <= a.artifact_rate <= 1.0:
        ap.error("--artifact-rate must be between 0 and 1")
    return a


def main(argv=None):
    a = parse_args(argv)
    if a.phrase_rules is not None:
        count = write_phrase_rules(a.phrase_rules, a.out_rules, a.seed)
        print(f"gen_corpus: {a.phrase_rules} rules, {count} phrases -> {a.out_rules}", file=sys.stderr)
        return
    truth = open(a.truth, "w", encoding="utf-8", newline="\n") if a.truth else None
    try:
        if a.articles is not None:
            total = write_articles(a.articles, a.out, a.seed, a.artifact_rate, truth)
            what = f"{a.articles} articles"
        else:
            total = write_single_file(a.single_file, a.out, a.seed, a.artifact_rate, truth)
            what = "single file"
    finally:
        if truth:
            truth.close()
    print(f"gen_corpus: {what}, {total / 1e6:.1f} MB -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
