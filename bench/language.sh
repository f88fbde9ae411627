#!/usr/bin/env bash
# The marginal cost of the `language` rules (rules/language/): times mtlint on
# a generated corpus of English news-like articles with every shipped rule,
# and with every shipped rule but the language pack, and prints MB/s and peak
# RSS for each. A third row plants an untranslated sentence in 2% of the
# articles, so that lingua actually runs. Two more rows isolate the pack: the
# language pack alone, and one rule that never matches (the cost of reading
# and segmenting the corpus); their difference is the pack's own cost.
#
#   bash bench/language.sh
#
# Environment overrides:
#   MTLINT_BIN         binary to time (default target/release/mtlint; when set, no build)
#   BENCH_CORPUS       scratch folder (default bench/.corpus)
#   BENCH_RUNS         timed runs per row (default 3); the figure is their median
#   LANGUAGE_ARTICLES  articles in the corpus (default 5500, about 22 MB)
#   BENCH_SEED         corpus seed (default 7)
#
# Both rows load the rules from folders (`--no-default-rules --rules DIR`):
# one a copy of rules/, the other the same copy without rules/language/, so
# that the only difference is the language pack. The rows take turns and the
# binary is copied first, so that other work on the machine (or a rebuild)
# touches them alike; CPU time is steadier than wall time on a busy machine.
# Needs python3 and GNU time (/usr/bin/time; Debian package `time`).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS=${BENCH_CORPUS:-$ROOT/bench/.corpus}
RUNS=${BENCH_RUNS:-3}
ARTICLES=${LANGUAGE_ARTICLES:-5500}
SEED=${BENCH_SEED:-7}
WORK=$CORPUS/language
TIME_BIN=/usr/bin/time

die() { echo "language.sh: error: $*" >&2; exit 1; }
say() { echo "language.sh: $*" >&2; }

[[ -x $TIME_BIN ]] || die "GNU time not found at $TIME_BIN (apt-get install time)"
command -v python3 >/dev/null || die "python3 not found"

if [[ -z ${MTLINT_BIN:-} ]]; then
    say "building the release binary"
    (cd "$ROOT" && cargo build --release --quiet) || die "cargo build --release failed"
    MTLINT_BIN=$ROOT/target/release/mtlint
fi
[[ -x $MTLINT_BIN ]] || die "no executable at $MTLINT_BIN"
mkdir -p "$WORK"
cp "$MTLINT_BIN" "$WORK/mtlint"
MTLINT_BIN=$WORK/mtlint

# The corpus is generated once per seed and size; the stamp records how, and a
# corpus whose stamp differs (or is missing after an interrupted run) is redone.
generate() {
    local out=$1 stamp="$1.stamp" want
    want="$(sha256sum "$ROOT/bench/gen_corpus.py" | cut -d' ' -f1) --seed $SEED --articles $ARTICLES"
    if [[ -d $out && -f $stamp && $(cat "$stamp") == "$want" ]]; then
        return
    fi
    say "generating $ARTICLES articles in ${out#"$ROOT"/}"
    rm -rf "$out" "$stamp"
    python3 "$ROOT/bench/gen_corpus.py" --seed "$SEED" --articles "$ARTICLES" --out "$out" >/dev/null
    echo "$want" >"$stamp"
}

# A copy of the corpus where every 50th article gets one sentence of
# testdata/language/untranslated.tsv (in turn) appended to its first paragraph
# of prose.
plant() {
    local from=$1 to=$2
    rm -rf "$to"
    cp -r "$from" "$to"
    python3 - "$to" "$ROOT/testdata/language/untranslated.tsv" <<'EOF'
import pathlib, sys
root, tsv = pathlib.Path(sys.argv[1]), sys.argv[2]
sentences = [l.split("\t", 1)[1].rstrip("\n") for l in open(tsv, encoding="utf-8")][1:]
files = sorted(root.rglob("*.txt"))
for n, path in enumerate(files[::50]):
    paras = path.read_text(encoding="utf-8").split("\n\n")
    prose = next(i for i, p in enumerate(paras) if p.endswith(".") and len(p) > 200)
    paras[prose] += " " + sentences[n % len(sentences)]
    path.write_text("\n\n".join(paras), encoding="utf-8")
EOF
}

corpus_bytes() {
    find "$1" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}'
}

# run_once NAME CORPUS RULES: one run under GNU time; appends "wall cpu rss"
# (seconds, user + system seconds, KiB) to $WORK/NAME.times.
run_once() {
    local name=$1 corpus=$2 rules=$3 rc=0
    "$TIME_BIN" -f '%e %U %S %M' -o "$WORK/time" \
        "$MTLINT_BIN" --format jsonl --no-default-rules --rules "$rules" "$corpus" \
        >"$WORK/$name.jsonl" 2>"$WORK/$name.stderr" || rc=$?
    [[ $rc == 0 || $rc == 1 ]] || die "$name: mtlint exited $rc; see $WORK/$name.stderr"
    tail -n 1 "$WORK/time" | awk '{print $1, $2 + $3, $4}' >>"$WORK/$name.times"
}

# median NAME FIELD: the median of one field (1 wall, 2 CPU, 3 RSS) of NAME's runs.
median() {
    awk -v f="$2" '{print $f}' "$WORK/$1.times" | sort -g |
        awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'
}

# row NAME LABEL CORPUS: NAME's medians as a table row (RSS: the largest).
row() {
    local name=$1 label=$2 findings rss
    findings=$(grep -c '"rule":"language/' "$WORK/$name.jsonl" || true)
    rss=$(awk '$3 > m {m = $3} END {print m}' "$WORK/$name.times")
    awk -v l="$label" -v w="$(median "$name" 1)" -v c="$(median "$name" 2)" \
        -v b="$(corpus_bytes "$3")" -v r="$rss" -v f="$findings" 'BEGIN {
            printf "| %s | %.2f s | %.1f | %.2f s | %.1f | %.1f | %d |\n",
                l, w, b / 1e6 / w, c, b / 1e6 / c, r / 1024, f
        }'
}

corpus=$CORPUS/articles-$ARTICLES
generate "$corpus"
planted=$WORK/planted-$ARTICLES
say "planting untranslated sentences in ${planted#"$ROOT"/}"
plant "$corpus" "$planted"
rm -rf "$WORK"/rules-*
cp -r "$ROOT/rules" "$WORK/rules-with"
cp -r "$ROOT/rules" "$WORK/rules-without"
rm -rf "$WORK/rules-without/language"
mkdir -p "$WORK/rules-language" "$WORK/rules-floor"
cp -r "$ROOT/rules/language" "$WORK/rules-language/"
cat >"$WORK/rules-floor/floor.toml" <<'EOF'
[[rule]]
id = "floor/never"
kind = "phrase"
message = "never matches"
phrases = ["zqxjkvw"]
EOF

# The rows take turns, so that a machine busy with something else slows
# them alike; one warm-up round (page cache) is not counted.
say "timing ($RUNS rounds, median)"
rm -f "$WORK"/*.times
for ((i = 0; i <= RUNS; i++)); do
    run_once without "$corpus" "$WORK/rules-without"
    run_once with "$corpus" "$WORK/rules-with"
    run_once planted "$planted" "$WORK/rules-with"
    run_once language "$corpus" "$WORK/rules-language"
    run_once floor "$corpus" "$WORK/rules-floor"
    if ((i == 0)); then rm -f "$WORK"/*.times; fi
done
{
    echo "Corpus: ${corpus#"$ROOT"/}, $ARTICLES articles, $(corpus_bytes "$corpus" | awk '{printf "%.1f MB", $1 / 1e6}'); $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$MTLINT_BIN" --version)"
    echo
    echo "| rules | wall (median) | MB/s | CPU user+sys (median) | MB per CPU s | peak RSS (MiB) | language findings |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    row without "all but language" "$corpus"
    row with "all" "$corpus"
    row planted "all, 2% of articles with an untranslated sentence" "$planted"
    row language "the language pack alone" "$corpus"
    row floor "one rule that never matches" "$corpus"
    echo
    awk -v a="$(median without 2)" -v b="$(median with 2)" \
        'BEGIN {printf "Throughput with the language rules, by CPU time: %.0f%% of the throughput without.\n", 100 * a / b}'
    awk -v l="$(median language 2)" -v f="$(median floor 2)" -v a="$(median without 2)" 'BEGIN {
        printf "The language pack alone costs %.2f CPU s over the floor: with it, %.0f%% of the throughput without.\n",
            l - f, 100 * a / (a + l - f)
    }'
} | tee "$WORK/results.md"
say "written to ${WORK#"$ROOT"/}/results.md"
