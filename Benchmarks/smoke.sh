#!/usr/bin/env bash
# The benchmark harness end to end on a tiny catalog (2,000 products, 50 queries per mix, both
# peers) and a 3-second sign-in flood per phase, so that `make test` catches a harness that
# has rotted. Figures are not checked (no
# timing assertions), only that every step ran and the report holds every table and chart.
# Writes into a temporary folder, never into Benchmarks/results; exits non-zero on any failure.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/uplyft-bench-smoke.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# run.sh builds uplyft (release) and creates the peers' venv through setup-peers.sh.
if ! bash "$here/run.sh" --sizes 2000 --queries 50 --no-http --flood-seconds 3 --flood-clients 8 --name smoke \
    --work "$scratch/work" --out "$scratch/results" \
    > "$scratch/run.log" 2>&1; then
  tail -n 40 "$scratch/run.log" >&2
  echo "smoke: run.sh failed" >&2
  exit 1
fi

report="$scratch/results/smoke.md"
missing=0
for heading in "## Versions" "## How the engines are timed" "## Build" "## Query mixes" "## Queries" \
    "## What typo tolerance costs uplyft" "## Opening the index" "## Overlap with uplyft's top 10" "## Sign-in flood" "## Commands"; do
  grep -qxF "$heading" "$report" || { echo "smoke: report lacks '$heading'" >&2; missing=1; }
done
grep -q "^| 2,000 | [0-9][0-9,]* | [0-9]" "$report" || { echo "smoke: no typo cost row" >&2; missing=1; }
# Every engine in the build table and on every mix, and an overlap row per peer on the clean mixes.
for engine in uplyft tantivy fts5; do
  grep -q "^| 2,000 | $engine | " "$report" || { echo "smoke: no build row for $engine" >&2; missing=1; }
  for mix in one-word multi-word typo prefix filtered sorted few-full; do
    grep -q "^| $mix | $engine | " "$report" || { echo "smoke: no $mix row for $engine" >&2; missing=1; }
  done
done
for peer in tantivy fts5; do
  for mix in one-word multi-word; do
    grep -q "^| 2,000 | $mix | $peer | [0-9]" "$report" || { echo "smoke: no $mix overlap with $peer" >&2; missing=1; }
  done
done
# The flood's three phases, each with search and sign-in figures (not checked against targets).
for phase in "no flood" "flood from one address" "flood from 200 addresses"; do
  grep -q "^| $phase | [0-9]* | [0-9.]* | [0-9.]* | [0-9.]* | [1-9]" "$report" || { echo "smoke: no flood row '$phase'" >&2; missing=1; }
done
for chart in smoke-latency.png smoke-build.png; do
  [ -s "$scratch/results/$chart" ] || { echo "smoke: chart $chart not written" >&2; missing=1; }
  grep -qF "($chart)" "$report" || { echo "smoke: report does not link $chart" >&2; missing=1; }
done
# The HTTP benchmark (http.sh) for a second a run at 1 and 4 connections on the default
# catalog: every uplyft row present (nginx's only when nginx is installed), no non-2xx.
if command -v wrk >/dev/null || [ "$(id -u)" -eq 0 ]; then
  if UPLYFT="$here/../.build/release/uplyft" bash "$here/http.sh" --duration 1 --connections "1 4" \
      --out "$scratch/results/http16.md" > "$scratch/http.log" 2>&1; then
    for target in uplyft-health uplyft-search uplyft-chat; do
      for connections in 1 4; do
        grep -q "^| $target | $connections | [0-9,]* | [0-9.]* | [0-9.]* | [0-9.]* | [0-9.]* | 0 | 0 |$" "$scratch/results/http16.md" \
          || { echo "smoke: no $target row at $connections connections in http16.md" >&2; missing=1; }
      done
    done
  else
    tail -n 20 "$scratch/http.log" >&2
    echo "smoke: http.sh failed" >&2
    missing=1
  fi
else
  echo "smoke: wrk not installed and not root: HTTP benchmark not smoke-tested" >&2
fi
if [ "$missing" -ne 0 ]; then
  echo "smoke: report incomplete: $report" >&2
  trap - EXIT
  exit 1
fi
echo "benchmark smoke: OK (report with every table, both charts, the sign-in flood and the HTTP rows)"
