#!/usr/bin/env bash
# Soak: the server under steady search and chat load for a while, its memory and open file
# descriptors sampled every few seconds. Passes when both stay flat: resident memory in the
# last tenth of the run within 20% (and 32 MB) of the second tenth, descriptors back to where
# they started once the load stops.
#
#   scripts/soak.sh [--minutes N] [--connections C]     (make soak: 10 minutes)
#
# Writes test-output/soak/samples.csv (seconds, rss_kb, fds) and summary.json; exits non-zero
# when memory or descriptors grow. Uses the release binary ($UPLYFT, default
# .build/release/uplyft) and wrk (installed with apt when running as root).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
minutes=10
connections=16
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    *) echo "usage: $0 [--minutes N] [--connections C]" >&2; exit 2 ;;
  esac
  shift
done
uplyft=${UPLYFT:-$root/.build/release/uplyft}
[ -x "$uplyft" ] || { echo "soak: $uplyft missing; run: swift build -c release --product uplyft" >&2; exit 1; }
if ! command -v wrk > /dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq wrk > /dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
  else
    echo "soak: wrk is missing (apt-get install wrk)" >&2; exit 1
  fi
fi

out="$root/test-output/soak"
scratch=$(mktemp -d)
mkdir -p "$out"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT

"$uplyft" index corpus/catalog.jsonl -o "$scratch/catalog.uplyft" > /dev/null
awk -F'\t' '!/^#/ && NF >= 2' corpus/queries.tsv > "$scratch/queries.tsv"
UPLYFT_PASSWORD_ITERATIONS=1000 UPLYFT_ACCESS_SECONDS=86400 \
  "$uplyft" serve --index "$scratch/catalog.uplyft" --data-dir "$scratch/data" --port 0 --web-root web \
  > "$scratch/serve.out" 2> "$scratch/serve.err" &
server_pid=$!
# shellcheck source=lib/serving.sh
source "$root/scripts/lib/serving.sh"
base=$(wait_for_serving "$scratch/serve.out" "$server_pid" "$scratch/serve.err") || exit 1
password=$(grep -o 'password [0-9a-f]*' "$scratch/serve.out" | cut -d' ' -f2)
[ -n "$password" ] || { echo "soak: the server created no demo account" >&2; cat "$scratch/serve.err" >&2; exit 1; }
token=$(curl -sf -X POST "$base/api/token/" -H 'Content-Type: application/json' \
  -d "{\"username\":\"demo\",\"password\":\"$password\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access"])')

sample() {
  local rss fds
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status")
  fds=$(ls "/proc/$server_pid/fd" | wc -l)
  echo "$1,$rss,$fds"
}

seconds=$((minutes * 60))
echo "seconds,rss_kb,fds" > "$out/samples.csv"
rm -f "$out/search.json" "$out/chat.json"  # wrk's done hook appends
sample 0 >> "$out/samples.csv"
fds_at_start=$(ls "/proc/$server_pid/fd" | wc -l)
half=$(( connections / 2 > 0 ? connections / 2 : 1 ))
BENCH_QUERIES="$scratch/queries.tsv" BENCH_RESULT="$out/search.json" BENCH_TARGET=soak-search \
  wrk -t1 -c"$half" -d"${seconds}s" -s Benchmarks/wrk/search.lua "$base" > "$scratch/wrk-search.txt" 2>&1 &
search_pid=$!
BENCH_QUERIES="$scratch/queries.tsv" BENCH_TOKEN="$token" BENCH_RESULT="$out/chat.json" BENCH_TARGET=soak-chat \
  wrk -t1 -c"$half" -d"${seconds}s" -s Benchmarks/wrk/chat.lua "$base" > "$scratch/wrk-chat.txt" 2>&1 &
chat_pid=$!
start=$(date +%s)
while kill -0 "$search_pid" 2> /dev/null || kill -0 "$chat_pid" 2> /dev/null; do
  sleep 5
  sample $(( $(date +%s) - start )) >> "$out/samples.csv"
done
wait "$search_pid" "$chat_pid" || true
# Keep-alive connections close once wrk is gone, and the server releases each when it next
# reads from it: poll (at most 30 s) until the descriptors are back to the pass threshold
# below, rather than hoping a fixed pause is long enough on a loaded machine.
release_deadline=$((SECONDS + 30))
while [ "$(ls "/proc/$server_pid/fd" | wc -l)" -gt $((fds_at_start + 2)) ] && [ "$SECONDS" -lt "$release_deadline" ]; do
  sleep 0.1
done
sample $(( $(date +%s) - start )) >> "$out/samples.csv"

python3 - "$out" <<'PYTHON'
import csv, json, os, sys
out = sys.argv[1]
rows = [(int(r["seconds"]), int(r["rss_kb"]), int(r["fds"])) for r in csv.DictReader(open(os.path.join(out, "samples.csv")))]
loaded = rows[1:-1] or rows
tenth = max(1, len(loaded) // 10)
early = sum(r[1] for r in loaded[tenth:2 * tenth]) / tenth
late = sum(r[1] for r in loaded[-tenth:]) / tenth
growth = (late - early) / early if early else 0
fds_start, fds_end = rows[0][2], rows[-1][2]
runs = [json.loads(open(os.path.join(out, name)).read().strip().splitlines()[-1])
        for name in ("search.json", "chat.json") if os.path.exists(os.path.join(out, name))]
summary = {
    "seconds": rows[-1][0], "samples": len(rows), "rss_kb_second_tenth": round(early), "rss_kb_last_tenth": round(late),
    "rss_growth": round(growth, 4), "rss_kb_peak": max(r[1] for r in rows), "fds_start": fds_start, "fds_peak": max(r[2] for r in rows),
    "fds_end": fds_end, "load": runs,
}
json.dump(summary, open(os.path.join(out, "summary.json"), "w"), indent=2)
print(json.dumps(summary))
flat_memory = growth < 0.20 or late - early < 32 * 1024
errors = sum(run.get("errors", 0) for run in runs)
ok = flat_memory and fds_end <= fds_start + 2 and errors == 0 and len(runs) == 2
print("soak:", "PASS" if ok else "FAIL", f"memory {early / 1024:.1f} -> {late / 1024:.1f} MB ({growth:+.1%}),",
      f"descriptors {fds_start} -> peak {summary['fds_peak']} -> {fds_end}, wrk errors {errors}")
sys.exit(0 if ok else 1)
PYTHON
