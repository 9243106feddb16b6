#!/usr/bin/env bash
# Side-by-side benchmark: uplyft against Tantivy (and SQLite FTS5) on the same generated
# catalog and the same query sets, in one run, on this machine.
#
#   Benchmarks/run.sh            # 100,000 products (a few minutes)
#   Benchmarks/run.sh --full     # 1,000,000 products (the issue's target size)
#   Benchmarks/run.sh --count N  # any size
#
# Every figure printed is measured in this run; the table also lands in
# Benchmarks/results/<count>.md together with the machine it ran on.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
count=100000
peers="tantivy fts5"
while [ $# -gt 0 ]; do
  case "$1" in
    --full) count=1000000 ;;
    --quick) count=100000 ;;
    --count) count="$2"; shift ;;
    --peers) peers="$2"; shift ;;
    *) echo "usage: $0 [--quick|--full|--count N] [--peers 'tantivy fts5']" >&2; exit 2 ;;
  esac
  shift
done

work="$here/work/$count"
results="$here/results"
mkdir -p "$work" "$results"
log() { printf '== %s\n' "$*" >&2; }

log "building uplyft (release)"
(cd "$root" && swift build -c release --product uplyft >/dev/null)
uplyft="$root/.build/release/uplyft"

log "setting up peers"
bash "$here/setup-peers.sh"
python="$here/.venv/bin/python"

catalog="$work/catalog.jsonl"
if [ ! -s "$catalog" ]; then
  log "generating $count products"
  "$uplyft" gen --seed 7 --count "$count" -o "$catalog.tmp"
  mv "$catalog.tmp" "$catalog"
fi

log "making query sets"
"$python" "$here/make_queries.py" "$catalog" --count 1000 --seed 11 > "$work/queries-clean.tsv"
"$python" "$here/make_queries.py" "$catalog" --count 1000 --seed 11 --typo > "$work/queries-typo.tsv"
"$python" "$here/make_queries.py" "$catalog" --count 1000 --seed 11 --prefix > "$work/queries-prefix.tsv"

# Drops the page cache's hold on earlier files where allowed, so builds start alike.
sync

summary="$work/summary.jsonl"
: > "$summary"

log "uplyft: building the index"
rm -f "$work/uplyft.idx"
/usr/bin/time -f '%e %M' -o "$work/uplyft-build.time" "$uplyft" index "$catalog" -o "$work/uplyft.idx" > "$work/uplyft-build.log"
read -r seconds peak_kb < "$work/uplyft-build.time"
bytes=$(stat -c %s "$work/uplyft.idx")
printf '{"peer":"uplyft","products":%s,"build_seconds":%s,"index_bytes":%s,"peak_rss_kb":%s}\n' "$count" "$seconds" "$bytes" "$peak_kb" >> "$summary"

for peer in $peers; do
  log "$peer: building the index"
  rm -rf "$work/$peer.idx"
  /usr/bin/time -f '%e %M' -o "$work/$peer-build.time" \
    "$python" "$here/peers/${peer}_peer.py" build "$catalog" "$work/$peer.idx" > "$work/$peer-build.json"
  read -r _ peak_kb < "$work/$peer-build.time"
  "$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); d["peak_rss_kb"]=int(sys.argv[2]); print(json.dumps(d))' \
    "$work/$peer-build.json" "$peak_kb" >> "$summary"
done

for mode in clean typo prefix; do
  queries="$work/queries-$mode.tsv"
  log "uplyft: $mode queries"
  "$uplyft" search "$work/uplyft.idx" --batch "$queries" --top 10 > "$work/uplyft-$mode.tsv" 2> "$work/uplyft-$mode.timing"
  "$python" "$here/batch_timing.py" "$work/uplyft-$mode.timing" --peer uplyft --mode "$mode" >> "$summary"
  for peer in $peers; do
    log "$peer: $mode queries"
    "$python" "$here/peers/${peer}_peer.py" query "$work/$peer.idx" "$queries" --mode "$mode" --top 10 \
      --results "$work/$peer-$mode.tsv" >> "$summary"
    if [ -s "$work/$peer-$mode.tsv" ]; then
      "$python" "$here/overlap.py" "$work/uplyft-$mode.tsv" "$work/$peer-$mode.tsv" --json \
        | "$python" -c 'import json,sys; d=json.load(sys.stdin); d.update(peer=sys.argv[1], mode=sys.argv[2], against="uplyft"); print(json.dumps(d))' "$peer" "$mode" >> "$summary"
    fi
  done
done

"$python" "$here/report.py" "$summary" --count "$count" | tee "$results/$count.md"
