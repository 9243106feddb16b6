#!/usr/bin/env bash
# The HTTP benchmark of issue 16 in one run: uplyft (release) and nginx serving a static body of
# the size of a typical search answer, on loopback, wrk at 1, 16 and 64 connections against
# /api/health/, /api/search/, /api/chat/ and nginx; the table, the machine, its load, the date
# and the ratios the issue's targets are stated in go to a Markdown report.
#
#   Benchmarks/http.sh [--catalog FILE.jsonl] [--queries FILE.tsv] [--words N] [--duration S]
#                      [--connections "1 16 64"] [--out Benchmarks/results/http16.md]
#
# Defaults: the default catalog (corpus/catalog.jsonl, 1,000 products), the one- and two-word
# queries of corpus/queries.tsv (--words 2: queries of at most that many words), 10 s a run.
# Builds uplyft (release) unless UPLYFT names a binary. wrk and nginx are Debian's, installed by
# http_bench.sh when missing. Fails (exit 1) when any answer is not 2xx.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
catalog="$root/corpus/catalog.jsonl"
queries="$root/corpus/queries.tsv"
words=2
duration=10
connection_counts="1 16 64"
report="$here/results/http16.md"
usage="usage: $0 [--catalog FILE.jsonl] [--queries FILE.tsv] [--words N] [--duration S] [--connections \"1 16 64\"] [--out REPORT.md]"
while [ $# -gt 0 ]; do
  case "$1" in
    --catalog) catalog="${2:?$usage}"; shift ;;
    --queries) queries="${2:?$usage}"; shift ;;
    --words) words="${2:?$usage}"; shift ;;
    --duration) duration="${2:?$usage}"; shift ;;
    --connections) connection_counts="${2:?$usage}"; shift ;;
    --out) report="${2:?$usage}"; shift ;;
    -h|--help) echo "$usage"; exit 0 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift
done
[[ "$words" =~ ^[1-9][0-9]*$ ]] || { echo "http.sh: --words takes a positive number" >&2; exit 2; }
[ -s "$catalog" ] || { echo "http.sh: no catalog at $catalog" >&2; exit 2; }
[ -s "$queries" ] || { echo "http.sh: no queries at $queries" >&2; exit 2; }
log() { printf '== %s\n' "$*" >&2; }

if [ -z "${UPLYFT:-}" ]; then
  log "building uplyft (release)"
  (cd "$root" && swift build -c release --product uplyft >/dev/null)
  UPLYFT="$root/.build/release/uplyft"
fi
export UPLYFT

scratch=$(mktemp -d "${TMPDIR:-/tmp}/uplyft-http16.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

log "indexing $catalog"
"$UPLYFT" index "$catalog" -o "$scratch/catalog.uplyft" > /dev/null
# Queries of at most --words words, comment lines left out; the file keeps the qid<TAB>text form.
awk -F'\t' -v most="$words" '!/^#/ && NF >= 2 { n = split($2, w, " "); if (n >= 1 && n <= most) print }' "$queries" \
  > "$scratch/queries.tsv"
[ -s "$scratch/queries.tsv" ] || { echo "http.sh: no query of at most $words words in $queries" >&2; exit 2; }

products=$(grep -c . "$catalog")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
bash "$here/http_bench.sh" "$scratch/catalog.uplyft" "$scratch/queries.tsv" "$scratch/http.jsonl" \
  --duration "$duration" --connections "$connection_counts"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
# http_bench.sh ends without rows when wrk is missing and cannot be installed (it says why).
[ -s "$scratch/http.jsonl" ] || { echo "http.sh: no HTTP figures this run (see above)" >&2; exit 1; }

mkdir -p "$(dirname "$report")"
python3 "$here/http_report.py" "$scratch/http.jsonl" --products "$products" --queries "$scratch/queries.tsv" \
  --words "$words" --started "$started" --load-before "$load_before" --load-after "$load_after" \
  --revision "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)" > "$report.tmp"
mv "$report.tmp" "$report"
cp "$scratch/http.jsonl" "${report%.md}.jsonl"
log "wrote $report"
