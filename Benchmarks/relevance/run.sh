#!/usr/bin/env bash
# Relevance benchmark (issue 13): nDCG@10 of uplyft, Tantivy (plain and fuzzy + BM25), Xapian
# (with its spelling corrections), SQLite FTS5 and bm25s on one generated home-improvement
# catalog and one set of judged shopper queries, in one run.
#
#   Benchmarks/relevance/run.sh            # 22,000 products, 660 queries, every system (a few minutes)
#   Benchmarks/relevance/run.sh --smoke    # the harness's unit tests, then 1,500 products, 60 queries, uplyft
#                                          # and FTS5 only (seconds; no venv, no apt), into a temporary folder,
#                                          # then checks the report
#   options: --count N  --queries N  --seed S  --systems "uplyft fts5 ..."  --name NAME
#            --work DIR (default Benchmarks/work/relevance)  --out DIR (default Benchmarks/results)
#
# Steps: catalog and grades (make_catalog.py), queries and what each asks for
# (make_judged_queries.py), one index per system, every query 100 deep per system, then
# evaluate.py writes OUT/NAME.md (tables, losses, the commands) and OUT/NAME.json (per query).
# The binary is $UPLYFT when set, else .build/release/uplyft built here.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
benchmarks=$(cd "$here/.." && pwd)
root=$(cd "$benchmarks/.." && pwd)
count=22000
query_count=660
seed=13
systems="uplyft tantivy tantivy-fuzzy xapian fts5 bm25s"
name=relevance
work=""
out="$benchmarks/results"
smoke=0
invocation="bash Benchmarks/relevance/run.sh${*:+ $*}"
usage="usage: $0 [--smoke] [--count N] [--queries N] [--seed S] [--systems 'uplyft ...'] [--name NAME] [--work DIR] [--out DIR]"
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1; count=1500; query_count=60; systems="uplyft fts5"; name=relevance-smoke ;;
    --count) count="$2"; shift ;;
    --queries) query_count="$2"; shift ;;
    --seed) seed="$2"; shift ;;
    --systems) systems="$2"; shift ;;
    --name) name="$2"; shift ;;
    --work) work="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift
done
for number in "$count" "$query_count" "$seed"; do
  [[ "$number" =~ ^[0-9]+$ ]] || { echo "run.sh: '$number' is not a whole number" >&2; exit 2; }
done
[[ " $systems " == *" uplyft "* ]] || { echo "run.sh: --systems must include uplyft" >&2; exit 2; }
for system in $systems; do
  case "$system" in uplyft|tantivy|tantivy-fuzzy|xapian|fts5|bm25s) ;; *) echo "run.sh: unknown system '$system'" >&2; exit 2 ;; esac
done

log() { printf '== %s\n' "$*" >&2; }
fail() { printf 'relevance/run.sh: %s\n' "$*" >&2; exit 1; }
if [ "$smoke" = 1 ] && [ -z "$work" ]; then
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/uplyft-relevance-smoke.XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
  work="$scratch/work"; out="$scratch/results"
fi
work=${work:-$benchmarks/work/relevance}
mkdir -p "$work" "$out"
work=$(cd "$work" && pwd); out=$(cd "$out" && pwd)
commands="$work/commands.txt"
echo "$invocation    # runs what follows" > "$commands"
# Runs a command and keeps it (without its redirections) for the report's list of commands.
logged() { printf '%s\n' "$*" | sed "s|$work/|WORK/|g; s|$root/||g" >> "$commands"; "$@"; }
needs() { [[ " $systems " == *" $1 "* ]]; }

if [ -n "${UPLYFT:-}" ]; then
  uplyft=$UPLYFT
else
  log "building uplyft (release)"
  (cd "$root" && logged swift build -c release --product uplyft > /dev/null)
  uplyft="$root/.build/release/uplyft"
fi
[ -x "$uplyft" ] || fail "no uplyft binary at $uplyft"

# The venv (Tantivy, bm25s) only when one of its engines runs; FTS5 needs only Python's sqlite3.
python=python3
if needs tantivy || needs tantivy-fuzzy || needs bm25s; then
  log "setting up the peers' venv"
  bash "$benchmarks/setup-peers.sh"
  python="$benchmarks/.venv/bin/python"
fi
# Xapian's Python binding is Debian's python3-xapian, built for Debian's /usr/bin/python3.
xapian_python=/usr/bin/python3
if needs xapian && ! "$xapian_python" -c 'import xapian' 2>/dev/null; then
  log "installing python3-xapian with apt-get"
  as_root=""; [ "$(id -u)" = 0 ] || as_root=sudo
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-xapian > /dev/null 2>&1 ||
    { $as_root apt-get update -qq && $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-xapian > /dev/null; } ||
    fail "cannot install python3-xapian"
fi

if [ "$smoke" = 1 ]; then
  log "unit tests of the harness"
  (cd "$here" && python3 -m unittest -q test_relevance) || fail "smoke: the harness's unit tests failed"
fi

log "catalog of $count products and $query_count judged queries (seed $seed)"
catalog="$work/catalog.jsonl"; truth="$work/catalog.truth.jsonl"
queries="$work/queries.tsv"; judgements="$work/queries.jsonl"
logged python3 "$here/make_catalog.py" --count "$count" --seed "$seed" --catalog "$catalog" --truth "$truth"
logged python3 "$here/make_judged_queries.py" --truth "$truth" --catalog "$catalog" --seed "$seed" --count "$query_count" \
  --queries "$queries" --judgements "$judgements"

results=()
rm -f "$work/tantivy.built"
for system in $systems; do
  log "$system: index and queries"
  index="$work/$system.idx"
  rm -rf "$index" "$work/$system.results"
  case "$system" in
    uplyft)
      logged "$uplyft" index "$catalog" -o "$index" > "$work/uplyft-build.log"
      # The shop's defaults: typo tolerance, the last word as a prefix, partial matches.
      logged "$uplyft" search "$index" --batch "$queries" --top 100 > "$work/uplyft.results" 2> "$work/uplyft.json" ;;
    tantivy|tantivy-fuzzy)
      index="$work/tantivy.idx"
      if [ ! -f "$work/tantivy.built" ]; then
        rm -rf "$index"
        # One writer thread: one segment, so Tantivy's ties and figures do not depend on the core count.
        logged "$python" "$benchmarks/peers/tantivy_peer.py" build "$catalog" "$index" --threads 1 > "$work/tantivy-build.json"
        touch "$work/tantivy.built"
      fi
      mode=clean; [ "$system" = tantivy-fuzzy ] && mode=fuzzy
      logged "$python" "$benchmarks/peers/tantivy_peer.py" query "$index" "$queries" --mode "$mode" --operator or --top 100 \
        --results "$work/$system.results" > "$work/$system.json" ;;
    xapian)
      logged "$xapian_python" "$benchmarks/peers/xapian_peer.py" build "$catalog" "$index" > "$work/xapian-build.json"
      logged "$xapian_python" "$benchmarks/peers/xapian_peer.py" query "$index" "$queries" --top 100 \
        --results "$work/xapian.results" > "$work/xapian.json" ;;
    fts5)
      logged "$python" "$benchmarks/peers/fts5_peer.py" build "$catalog" "$index" > "$work/fts5-build.json"
      logged "$python" "$benchmarks/peers/fts5_peer.py" query "$index" "$queries" --operator or --top 100 \
        --results "$work/fts5.results" > "$work/fts5.json" ;;
    bm25s)
      logged "$python" "$benchmarks/peers/bm25s_peer.py" build "$catalog" "$index" > "$work/bm25s-build.json"
      logged "$python" "$benchmarks/peers/bm25s_peer.py" query "$index" "$queries" --top 100 \
        --results "$work/bm25s.results" > "$work/bm25s.json" ;;
  esac
  [ -f "$work/$system.results" ] || fail "$system wrote no results"
  results+=("$system=$work/$system.results")
done
rm -f "$work/tantivy.built"

log "scoring"
printf '%s\n' "python3 Benchmarks/relevance/evaluate.py --judgements WORK/queries.jsonl --truth WORK/catalog.truth.jsonl --catalog WORK/catalog.jsonl --results ${results[*]//$work\//WORK/} --primary '$systems' ..." >> "$commands"
python3 "$here/report_context.py" --work "$work" --systems "$systems" --uplyft "$uplyft" --count "$count" \
  --seed "$seed" --commands "$commands" --root "$root" > "$work/context.json"
python3 "$here/evaluate.py" --judgements "$judgements" --truth "$truth" --catalog "$catalog" --results "${results[@]}" \
  --primary "$systems" --context "$work/context.json" --markdown "$out/$name.md" --json "$out/$name.json"
log "wrote $out/$name.md and $out/$name.json"

if [ "$smoke" = 1 ]; then
  # The smoke run checks that every step ran and the report holds its tables, never figures.
  report="$out/$name.md"
  for heading in "## nDCG@10 over full retrieval" "## nDCG@10 over the judged pool only" "## Where uplyft loses most, by slice" "## Commands"; do
    grep -qxF "$heading" "$report" || fail "smoke: the report lacks '$heading'"
  done
  [ "$(grep -c '^| all | [0-9]* | [0-9.*]* | [0-9.*]* |' "$report")" = 2 ] || fail "smoke: no 'all' row with uplyft and fts5 in both tables"
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert len(d["queries"]) >= 50, "too few queries"' "$out/$name.json" ||
    fail "smoke: the per-query JSON is incomplete"
  log "smoke: relevance harness ran end to end"
fi
