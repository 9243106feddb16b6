#!/usr/bin/env bash
# What each cause costs uplyft, measured on the folder a relevance run left (run.sh first).
#
#   Benchmarks/relevance/diagnose.sh [--work DIR] [--out FILE]
#     default work: Benchmarks/work/relevance; default out: Benchmarks/results/relevance-diagnosis.md
#
# Scores, beside the run's systems (whose top 10 still make the pool), uplyft with one feature
# off (--no-prefix, --no-typos) and uplyft on queries rewritten to take one cause away
# (rewrite_queries.py: units set apart from their numbers, mixed numbers hyphenated, filler
# words removed). The difference with uplyft's own row is what that feature or cause is worth.
# The binary is $UPLYFT when set, else .build/release/uplyft (not rebuilt here).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/Benchmarks/work/relevance"
out="$root/Benchmarks/results/relevance-diagnosis.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "usage: $0 [--work DIR] [--out FILE]" >&2; exit 2 ;;
  esac
  shift
done
uplyft=${UPLYFT:-$root/.build/release/uplyft}
for needed in "$uplyft" "$work/uplyft.idx" "$work/queries.tsv" "$work/uplyft.results"; do
  [ -e "$needed" ] || { echo "diagnose.sh: $needed is missing; run Benchmarks/relevance/run.sh first" >&2; exit 1; }
done

results=()
primary=""
for system in uplyft tantivy tantivy-fuzzy xapian fts5 bm25s; do
  if [ -s "$work/$system.results" ]; then results+=("$system=$work/$system.results"); primary+="$system "; fi
done
for flag in no-prefix no-typos; do
  "$uplyft" search "$work/uplyft.idx" --batch "$work/queries.tsv" --top 100 "--$flag" > "$work/uplyft-$flag.results" 2> /dev/null
  results+=("uplyft--$flag=$work/uplyft-$flag.results")
done
for rewrite in unit-apart mixed-hyphen no-filler; do
  python3 "$here/rewrite_queries.py" "$work/queries.tsv" --rewrite "$rewrite" --judgements "$work/queries.jsonl" > "$work/queries-$rewrite.tsv"
  "$uplyft" search "$work/uplyft.idx" --batch "$work/queries-$rewrite.tsv" --top 100 > "$work/uplyft-$rewrite.results" 2> /dev/null
  results+=("uplyft-on-$rewrite=$work/uplyft-$rewrite.results")
done
python3 -c 'import json; print(json.dumps({"preamble": [
  "Diagnosis of the last relevance run (relevance/diagnose.sh): uplyft with a feature off (`uplyft--no-prefix`,",
  "`uplyft--no-typos`) and uplyft on queries rewritten to take one cause away (`uplyft-on-unit-apart`: units set apart",
  "from their numbers; `uplyft-on-mixed-hyphen`: \"1 1/4\" typed as \"1-1/4\"; `uplyft-on-no-filler`: words no product",
  "of the type has removed). Each row minus uplyft is what that feature or cause is worth; only the systems of the run make the pool."],
  "postscript": []}))' > "$work/diagnosis-context.json"
python3 "$here/evaluate.py" --context "$work/diagnosis-context.json" --judgements "$work/queries.jsonl" --truth "$work/catalog.truth.jsonl" --catalog "$work/catalog.jsonl" \
  --results "${results[@]}" --primary "$primary" --markdown "$out" --json "$work/diagnosis.json"
echo "diagnose.sh: wrote $out" >&2
