#!/usr/bin/env bash
# Rebuild under load: while wrk drives /api/search/, rebuild the index from an updated
# catalog into the same path (`uplyft index` writes a temp file and renames it over the old
# one) and check that the running server swaps it in without a failed request, finds the new
# products right after, and lets go of the old file.
#
#   Benchmarks/rebuild_under_load.sh CATALOG OUT.jsonl [--duration S] [--count N] [--connections C]
#
# CATALOG is generated (`uplyft gen --seed 7 --count N`, default 100000) when it does not
# exist. The updated catalog is a copy with a few products appended whose names carry a word
# no generated product has ("zebrafrost") and whose ids are sku-new-0001... Builds nothing:
# the binary is $UPLYFT, default .build/release/uplyft under the repository. Appends one
# JSON line to OUT.jsonl:
#   {"requests","errors","non_2xx","socket_errors","new_products","new_products_found",
#    "new_products_visible_after_seconds","rebuild_seconds","swapped_under_load",
#    "old_index_released","old_index_mapped","old_index_open", ...}
# and exits 1 when a request failed, the new products stay invisible or the old file is held.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
usage="usage: $0 CATALOG OUT.jsonl [--duration SECONDS] [--count N] [--connections C]"

duration=20
count=100000
connections=16
new_products=5
unique_word=zebrafrost
positional=()
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="${2:?$usage}"; shift ;;
    --count) count="${2:?$usage}"; shift ;;
    --connections) connections="${2:?$usage}"; shift ;;
    -h|--help) echo "$usage"; exit 0 ;;
    -*) echo "$usage" >&2; exit 2 ;;
    *) positional+=("$1") ;;
  esac
  shift
done
[ ${#positional[@]} -eq 2 ] || { echo "$usage" >&2; exit 2; }
catalog="${positional[0]}"
out="${positional[1]}"
for number in "$duration" "$count" "$connections"; do
  case "$number" in ''|*[!0-9]*) echo "--duration, --count and --connections take whole numbers" >&2; exit 2 ;; esac
done
[ "$duration" -ge 10 ] || { echo "--duration must be at least 10 seconds: the rebuild has to land inside the load" >&2; exit 2; }
uplyft="${UPLYFT:-$root/.build/release/uplyft}"
[ -x "$uplyft" ] || { echo "no uplyft binary at $uplyft (build it: swift build -c release --product uplyft, or set UPLYFT)" >&2; exit 2; }
log() { printf '== %s\n' "$*" >&2; }

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    log "installing wrk (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null 2>&1; } || true
  fi
  if ! command -v wrk >/dev/null; then
    echo "rebuild_under_load: SKIPPED: wrk is not installed (apt-get install wrk as root)" >&2
    exit 0
  fi
fi

if [ ! -s "$catalog" ]; then
  log "generating $count products into $catalog"
  "$uplyft" gen --seed 7 --count "$count" -o "$catalog.tmp"
  mv "$catalog.tmp" "$catalog"
fi
catalog=$(realpath "$catalog")

scratch=$(mktemp -d "${TMPDIR:-/tmp}/uplyft-rebuild.XXXXXX")
server_pid=""
wrk_pid=""
stop_all() {
  for pid in "$wrk_pid" "$server_pid"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$scratch"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

index="$scratch/uplyft.idx"
log "indexing $catalog"
"$uplyft" index "$catalog" -o "$index" > /dev/null
python3 "$here/make_queries.py" "$catalog" --count 1000 --seed 11 > "$scratch/queries.tsv"

mkdir -p "$scratch/data"
UPLYFT_PASSWORD_ITERATIONS=1000 \
  "$uplyft" serve --index "$index" --port 0 --host 127.0.0.1 --data-dir "$scratch/data" --web-root "$root/web" \
  > "$scratch/uplyft.out" 2> "$scratch/uplyft.err" &
server_pid=$!
# shellcheck source=../scripts/lib/serving.sh
source "$root/scripts/lib/serving.sh"
base_url=$(wait_for_serving "$scratch/uplyft.out" "$server_pid" "$scratch/uplyft.err") || exit 1
log "uplyft at $base_url (pid $server_pid)"

# How many of the new products a search for the unique word returns (its first page).
count_new_products() {
  curl -sf "$base_url/api/search/?q=$unique_word&page_size=50" \
    | python3 -c 'import json, sys; print(sum(1 for r in json.load(sys.stdin)["results"] if str(r.get("id", "")).startswith("sku-new-")))'
}
before=$(count_new_products)
[ "$before" -eq 0 ] || { echo "the catalog already holds products named $unique_word" >&2; exit 1; }

# The updated catalog: the old one plus the new products, shaped like its first product.
python3 - "$catalog" "$scratch/catalog-updated.jsonl" "$new_products" "$unique_word" <<'PY'
import json, shutil, sys
source, target, count, word = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
shutil.copyfile(source, target)
with open(source, encoding="utf-8") as handle:
    template = json.loads(handle.readline())
with open(target, "rb") as handle:
    handle.seek(0, 2)
    needs_newline = handle.tell() > 0 and (handle.seek(-1, 2) or handle.read(1)) != b"\n"
kinds = ["Lantern", "Thermos", "Trail Blanket", "Camp Mug", "Headlamp", "Ice Scraper", "Snow Shovel", "Beanie", "Glove Liner"]
with open(target, "a", encoding="utf-8") as handle:
    if needs_newline:
        handle.write("\n")
    for number in range(1, count + 1):
        product = dict(template)
        kind = kinds[(number - 1) % len(kinds)]
        product["id"] = f"sku-new-{number:04d}"
        product["name"] = f"{word.capitalize()} {kind} No. {number}"
        product["description"] = f"A {word} {kind.lower()} added by the rebuild-under-load benchmark."
        handle.write(json.dumps(product) + "\n")
PY

load_started=$EPOCHREALTIME
log "wrk: $connections connections on /api/search/ for ${duration}s"
BENCH_QUERIES="$scratch/queries.tsv" BENCH_RESULT="$scratch/wrk.jsonl" BENCH_TARGET=rebuild-under-load \
BENCH_CONNECTIONS="$connections" BENCH_THREADS=2 \
  wrk -t 2 -c "$connections" -d "${duration}s" -s "$here/wrk/search.lua" "$base_url" > "$scratch/wrk.txt" &
wrk_pid=$!
# The rebuild must start under load: wait (at most 30 s) until the server has logged 500
# searches since wrk started, instead of a fixed pause that a loaded machine can outlast.
searches_before=$(grep -c ' GET /api/search/' "$scratch/uplyft.err" || true)
load_deadline=$((SECONDS + 30))
while [ $(( $(grep -c ' GET /api/search/' "$scratch/uplyft.err" || true) - searches_before )) -lt 500 ]; do
  kill -0 "$wrk_pid" 2>/dev/null || { echo "wrk exited early: $(cat "$scratch/wrk.txt")" >&2; wrk_pid=""; exit 1; }
  [ "$SECONDS" -lt "$load_deadline" ] || { echo "no search load reached the server within 30 s" >&2; exit 1; }
  sleep 0.1
done

old_inode=$(stat -c %i "$index")
log "rebuilding into $index under load"
rebuild_started=$EPOCHREALTIME
"$uplyft" index "$scratch/catalog-updated.jsonl" -o "$index" > "$scratch/rebuild.log"
swapped_at=$EPOCHREALTIME
new_inode=$(stat -c %i "$index")

# Seconds from the rename until a search returns every new product, and until the server
# logs the reload (which tells a slow reload from a slow poll).
visible_after=null
reload_logged_after=null
found=0
for _ in $(seq 1 600); do
  if [ "$reload_logged_after" = null ] && grep -q "index reloaded" "$scratch/uplyft.err"; then
    reload_logged_after=$(awk -v now="$EPOCHREALTIME" -v then="$swapped_at" 'BEGIN { printf "%.3f", now - then }')
  fi
  found=$(count_new_products || echo 0)
  if [ "$found" -ge "$new_products" ]; then
    visible_after=$(awk -v now="$EPOCHREALTIME" -v then="$swapped_at" 'BEGIN { printf "%.3f", now - then }')
    break
  fi
  sleep 0.05
done
visible_at=$EPOCHREALTIME
# The products can show before this loop saw the log line: then the reload was logged by now.
if [ "$reload_logged_after" = null ] && grep -q "index reloaded" "$scratch/uplyft.err"; then
  reload_logged_after=$(awk -v now="$EPOCHREALTIME" -v then="$swapped_at" 'BEGIN { printf "%.3f", now - then }')
fi
log "new products found: $found of $new_products (after ${visible_after}s)"

wait "$wrk_pid" || { echo "wrk failed: $(cat "$scratch/wrk.txt")" >&2; wrk_pid=""; exit 1; }
wrk_pid=""
load_ended=$EPOCHREALTIME
found_after_load=$(count_new_products || echo 0)

# The old file was renamed over, so if anything still holds it the kernel shows it as
# "PATH (deleted)" in the maps (a live mmap) or among the open descriptors. Allow the
# last in-flight searches ~2 s to let go.
index_real=$(realpath "$index")
old_mapped=true
old_open=true
for _ in $(seq 1 30); do
  if grep -qF "$index_real (deleted)" "/proc/$server_pid/maps"; then old_mapped=true; else old_mapped=false; fi
  if find "/proc/$server_pid/fd" -maxdepth 1 -type l -printf '%l\n' 2>/dev/null | grep -qF "$index_real (deleted)"; then old_open=true; else old_open=false; fi
  [ "$old_mapped" = false ] && [ "$old_open" = false ] && break
  sleep 0.1
done
new_mapped=false
grep -qE "$(printf '%s' "$index_real" | sed 's/[.[\*^$]/\\&/g')\$" "/proc/$server_pid/maps" && new_mapped=true
reloads=$(grep -c "index reloaded" "$scratch/uplyft.err" || true)

python3 - "$scratch/wrk.jsonl" "$out" <<PY
import json, sys
null = None  # what the shell writes for a time it did not see
run = json.loads(open(sys.argv[1], encoding="utf-8").readline())
visible_after = $visible_after
reload_logged_after = $reload_logged_after
load_started, rebuild_started, swapped_at, visible_at, load_ended = $load_started, $rebuild_started, $swapped_at, $visible_at, $load_ended
old_mapped, old_open = "$old_mapped" == "true", "$old_open" == "true"
record = {
    "target": "rebuild-under-load",
    "products": sum(1 for _ in open("$catalog", encoding="utf-8")),
    "connections": run["connections"],
    "duration_seconds": run["duration_seconds"],
    "requests": run["requests"],
    "requests_per_second": run["requests_per_second"],
    "p50_ms": run["p50_ms"], "p99_ms": run["p99_ms"], "max_ms": run["max_ms"],
    "errors": run["errors"],
    "non_2xx": run["non_2xx"],
    "socket_errors": run["socket_errors"],
    "new_products": $new_products,
    "new_products_found": max($found, $found_after_load),
    "new_products_visible_after_seconds": visible_after,
    "reload_logged_after_seconds": reload_logged_after,
    "rebuild_seconds": round(swapped_at - rebuild_started, 3),
    "swapped_under_load": visible_after is not None and visible_at < load_ended,
    "index_replaced": "$old_inode" != "$new_inode",
    "reloads_logged": int("$reloads" or 0),
    "new_index_mapped": "$new_mapped" == "true",
    "old_index_mapped": old_mapped,
    "old_index_open": old_open,
    "old_index_released": not old_mapped and not old_open,
}
line = json.dumps(record)
print(line)
with open(sys.argv[2], "a", encoding="utf-8") as handle:
    handle.write(line + "\n")
ok = (record["errors"] == 0 and record["new_products_found"] >= record["new_products"]
      and record["old_index_released"] and record["swapped_under_load"])
sys.exit(0 if ok else 1)
PY
