#!/usr/bin/env bash
# Facet counting's cost (issue 15): the same query mixes searched with and without
# `--facets category,brand,price,rating,in_stock`, both counting every match as
# `GET /api/search/` does (`--count-all`), on one process, release build. Writes a Markdown
# table of median, p90 and p99 per mix to Benchmarks/results/facets.md (or --out FILE).
#
#   Benchmarks/facets.sh [--count N (default 1000000)] [--queries N per mix (default 300)]
#                        [--work DIR (catalog and index kept between runs)] [--out FILE]
#
# Mixes: make_queries.py's one-word, multi-word, typo and prefix (the filtered and sorted
# mixes carry their filters as extra columns, which the batch runner does not read), and
# "browse", the empty query: facets over the whole catalog, the worst case.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
count=1000000
queries=300
work="${TMPDIR:-/tmp}/uplyft-facets-bench"
out="$here/results/facets.md"
while (($#)); do
    case "$1" in
        --count) count="$2"; shift ;;
        --queries) queries="$2"; shift ;;
        --work) work="$2"; shift ;;
        --out) out="$2"; shift ;;
        *) echo "usage: $0 [--count N] [--queries N] [--work DIR] [--out FILE]" >&2; exit 2 ;;
    esac
    shift
done
[[ "$count" =~ ^[1-9][0-9]*$ && "$queries" =~ ^[1-9][0-9]*$ ]] || { echo "facets.sh: --count and --queries take positive numbers" >&2; exit 2; }

cd "$root"
swift build -c release --product uplyft >&2
uplyft="$root/.build/release/uplyft"
mkdir -p "$work"
catalog="$work/catalog-$count.jsonl"
index="$work/catalog-$count.uplyft"
[[ -s "$catalog" ]] || "$uplyft" gen --seed 42 --count "$count" -o "$catalog" >&2
[[ -s "$index" ]] || "$uplyft" index "$catalog" -o "$index" >&2

mixes="one-word multi-word typo prefix"
for mix in $mixes; do
    python3 "$here/make_queries.py" "$catalog" --count "$queries" --seed 11 --mix "$mix" > "$work/queries-$mix.tsv"
done
# The empty query, browsed: 50 times is enough for a median and a p99 of a slow, steady case.
for number in $(seq 1 50); do printf 'b%d\t\n' "$number"; done > "$work/queries-browse.tsv"

# The summary line of one batch run: "queries=N median_us=X p90_us=Y p99_us=Z ...".
summary() {
    "$uplyft" search "$index" --batch "$1" --top 10 --count-all "${@:2}" 2>&1 >/dev/null | grep '^queries='
}
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<< "$2"; }

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
{
    echo "# Facet counts: search with and without facets, $(printf "%'d" "$count") products"
    echo
    echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') on ${cpu:-unknown CPU}, $(nproc) cores, commit $(git rev-parse --short HEAD)."
    echo "Command: \`Benchmarks/facets.sh --count $count --queries $queries\`. Each mix is searched twice by"
    echo "\`uplyft search --batch --top 10 --count-all\` (every match counted, as the API does), once plain and once with"
    echo "\`--facets category,brand,price,rating,in_stock\`; times are per query, in microseconds, after a warm-up pass."
    echo
    echo "| mix | queries | median plain | median facets | p90 plain | p90 facets | p99 plain | p99 facets |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for mix in $mixes browse; do
        plain="$(summary "$work/queries-$mix.tsv")"
        faceted="$(summary "$work/queries-$mix.tsv" --facets category,brand,price,rating,in_stock)"
        echo "| $mix | $(field queries "$plain") | $(field median_us "$plain") | $(field median_us "$faceted") |" \
             "$(field p90_us "$plain") | $(field p90_us "$faceted") | $(field p99_us "$plain") | $(field p99_us "$faceted") |"
    done
} > "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
