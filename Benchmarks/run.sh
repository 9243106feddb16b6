#!/usr/bin/env bash
# Side-by-side benchmark: uplyft against Tantivy and SQLite FTS5 on the same generated catalogs
# and the same query files, in one run, on this machine.
#
#   Benchmarks/run.sh                     # quick: 10,000 and 100,000 products (a few minutes)
#   Benchmarks/run.sh --full              # 10,000, 100,000 and 1,000,000 products
#   Benchmarks/run.sh --sizes "10000"     # any list of sizes
#   options: --queries N (per mix, default 1000)  --peers "tantivy fts5"  --name NAME
#            --work DIR (default Benchmarks/work)  --out DIR (default Benchmarks/results)
#            --http-seconds S | --no-http   --flood-seconds S [--flood-clients N] | --no-flood
#
# Per size: catalog (`uplyft gen`, kept between runs), six query mixes (make_queries.py), index
# builds, each mix on one process and on two processes side by side (one per core), opening
# the index with a cold and a warm page cache, top-10 overlap. Every figure comes from this run;
# report.py writes OUT/NAME.md and charts.py the PNGs beside it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
sizes="10000 100000"
name=quick
query_count=1000
peers="tantivy fts5"
work_root="$here/work"
out="$here/results"
mixes="one-word multi-word typo prefix filtered sorted few-full"
http_seconds=10
flood_seconds=30
flood_clients=32
usage="usage: $0 [--quick|--full|--sizes 'N ...'] [--queries N] [--peers 'tantivy fts5'] [--name NAME] [--work DIR] [--out DIR] [--http-seconds S|--no-http] [--flood-seconds S [--flood-clients N]|--no-flood]"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) sizes="10000 100000"; name=quick ;;
    --full) sizes="10000 100000 1000000"; name=full ;;
    --sizes) sizes="$2"; shift ;;
    --http-seconds) http_seconds="$2"; shift ;;
    --no-http) http_seconds=0 ;;
    --flood-seconds) flood_seconds="$2"; shift ;;
    --flood-clients) flood_clients="$2"; shift ;;
    --no-flood) flood_seconds=0 ;;
    --queries) query_count="$2"; shift ;;
    --peers) peers="$2"; shift ;;
    --name) name="$2"; shift ;;
    --work) work_root="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift
done
for size in $sizes; do
  [[ "$size" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: size '$size' is not a positive number" >&2; exit 2; }
done
[[ "$query_count" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --queries must be a positive number" >&2; exit 2; }

mkdir -p "$work_root" "$out"
work_root=$(cd "$work_root" && pwd)
out=$(cd "$out" && pwd)
summary="$work_root/$name.summary.jsonl"
commands="$work_root/$name.commands.txt"
: > "$summary"
: > "$commands"
log() { printf '== %s\n' "$*" >&2; }
fail() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }
# Runs a command and keeps it (without its redirections) for the report's list of commands.
logged() { printf '%s\n' "$*" >> "$commands"; "$@"; }

log "building uplyft (release)"
(cd "$root" && logged swift build -c release --product uplyft >/dev/null)
uplyft="$root/.build/release/uplyft"

log "setting up peers"
bash "$here/setup-peers.sh"
python="$here/.venv/bin/python"

# Dropping the page cache needs root; without it the cold figures are left out, and said so.
if (sync && echo 1 > /proc/sys/vm/drop_caches) 2>/dev/null; then can_drop_caches=1; else can_drop_caches=0; fi

peer_mode() { case "$1" in typo) echo typo ;; prefix) echo prefix ;; *) echo clean ;; esac; }
# The few-full mix's words are mostly not all in one product: the peers answer it with any
# word (a union, best first), as uplyft's partial-match tiers do.
peer_operator() { case "$1" in few-full) echo or ;; *) echo and ;; esac; }
# uplyft matches the last word as a prefix by default; the peers do so only in the prefix mix.
uplyft_flags() { case "$1" in typo|prefix) ;; *) echo --no-prefix ;; esac; }
larger() { if [ "$1" -gt "$2" ]; then echo "$1"; else echo "$2"; fi; }

# uplyft_batch INDEX QUERIES PREFIX MIX: uplyft's CLI takes one filter per batch run, so the
# queries are grouped by their filter columns (3-6) and each group runs as one batch; the
# per-query latencies of all groups make up the mix. Writes PREFIX.results, PREFIX.latency and
# PREFIX.rss (the largest peak RSS of the runs, KiB).
uplyft_batch() {
  local index=$1 queries=$2 prefix=$3 mix=$4 groups="$3.groups" number=0 category low high sort
  rm -rf "$groups"; mkdir -p "$groups"
  : > "$prefix.results"; : > "$prefix.latency"; echo 0 > "$prefix.rss"
  awk -F'\t' -v dir="$groups" '
    { key = (NF >= 6) ? sprintf("%s%c%s%c%s%c%s", $3, 31, $4, 31, $5, 31, $6) : sprintf("%c%c%c", 31, 31, 31)
      if (!(key in group)) { group[key] = ++groups; print key > (dir "/filters") }
      print $1 "\t" $2 > (dir "/" group[key] ".tsv") }' "$queries"
  while IFS=$'\x1f' read -r category low high sort; do
    number=$((number + 1))
    local flags=(--top 10 $(uplyft_flags "$mix"))
    if [ -n "$category" ]; then flags+=(--category "$category"); fi
    if [ -n "$low" ]; then flags+=(--min-price "$low"); fi
    if [ -n "$high" ]; then flags+=(--max-price "$high"); fi
    if [ -n "$sort" ]; then flags+=(--sort "$sort"); fi
    logged /usr/bin/time -f %M -o "$groups/$number.rss" "$uplyft" search "$index" --batch "$groups/$number.tsv" \
      "${flags[@]}" --latency-log "$groups/$number.latency" >> "$prefix.results" 2> "$groups/$number.timing" \
      || { cat "$groups/$number.timing" >&2; fail "uplyft search failed on $groups/$number.tsv"; }
    cat "$groups/$number.latency" >> "$prefix.latency"
    larger "$(tail -n 1 "$groups/$number.rss")" "$(cat "$prefix.rss")" > "$prefix.rss.new"
    mv "$prefix.rss.new" "$prefix.rss"
  done < "$groups/filters"
}

# peer_batch PEER INDEX QUERIES PREFIX MIX: one process per query file; the peer reads the
# filter columns itself. Writes PREFIX.results, PREFIX.latency, PREFIX.rss and PREFIX.json.
peer_batch() {
  local peer=$1 index=$2 queries=$3 prefix=$4 mix=$5
  rm -f "$prefix.latency" "$prefix.results"
  logged /usr/bin/time -f %M -o "$prefix.rss" "$python" "$here/peers/${peer}_peer.py" query "$index" "$queries" \
    --mode "$(peer_mode "$mix")" --operator "$(peer_operator "$mix")" --top 10 --results "$prefix.results" --latency-log "$prefix.latency" > "$prefix.json" \
    || fail "$peer query failed on $queries"
}

# engine_batch ENGINE WORK QUERIES PREFIX MIX
engine_batch() {
  if [ "$1" = uplyft ]; then uplyft_batch "$2/uplyft.idx" "$3" "$4" "$5"; else peer_batch "$1" "$2/$1.idx" "$3" "$4" "$5"; fi
}

for size in $sizes; do
  work="$work_root/$size"
  mkdir -p "$work"
  catalog="$work/catalog.jsonl"
  if [ ! -s "$catalog" ]; then
    log "$size: generating the catalog"
    logged "$uplyft" gen --seed 7 --count "$size" -o "$catalog.tmp" > /dev/null
    mv "$catalog.tmp" "$catalog"
  fi

  log "$size: making the query mixes"
  for mix in $mixes; do
    logged "$python" "$here/make_queries.py" "$catalog" --count "$query_count" --seed 11 --mix "$mix" > "$work/queries-$mix.tsv"
  done

  log "$size: uplyft builds its index"
  rm -f "$work/uplyft.idx"
  sync
  logged /usr/bin/time -f '%e %M' -o "$work/uplyft-build.time" "$uplyft" index "$catalog" -o "$work/uplyft.idx" > "$work/uplyft-build.log"
  read -r seconds peak_kb < <(tail -n 1 "$work/uplyft-build.time")
  printf '{"kind":"build","size":%s,"peer":"uplyft","products":%s,"build_seconds":%s,"index_bytes":%s,"peak_rss_kb":%s}\n' \
    "$size" "$size" "$seconds" "$(stat -c %s "$work/uplyft.idx")" "$peak_kb" >> "$summary"
  for peer in $peers; do
    log "$size: $peer builds its index"
    rm -rf "$work/$peer.idx"
    sync
    logged /usr/bin/time -f '%e %M' -o "$work/$peer-build.time" \
      "$python" "$here/peers/${peer}_peer.py" build "$catalog" "$work/$peer.idx" > "$work/$peer-build.json"
    read -r seconds peak_kb < <(tail -n 1 "$work/$peer-build.time")
    "$python" "$here/report.py" build-record "$work/$peer-build.json" --size "$size" --wall-seconds "$seconds" \
      --peak-rss-kb "$peak_kb" >> "$summary"
  done

  for mix in $mixes; do
    queries="$work/queries-$mix.tsv"
    lines=$(wc -l < "$queries")
    half=$(( (lines + 1) / 2 ))
    head -n "$half" "$queries" > "$work/queries-$mix.half1.tsv"
    tail -n +"$((half + 1))" "$queries" > "$work/queries-$mix.half2.tsv"
    for engine in uplyft $peers; do
      log "$size: $engine, $mix, one process"
      single="$work/$engine-$mix"
      engine_batch "$engine" "$work" "$queries" "$single" "$mix"
      "$python" "$here/report.py" query-record --size "$size" --peer "$engine" --mix "$mix" --queries "$queries" \
        --results "$single.results" --latency "$single.latency" --rss "$single.rss" --peer-json "$single.json" >> "$summary"
      log "$size: $engine, $mix, two processes"
      engine_batch "$engine" "$work" "$work/queries-$mix.half1.tsv" "$single.p1" "$mix" & first=$!
      engine_batch "$engine" "$work" "$work/queries-$mix.half2.tsv" "$single.p2" "$mix" & second=$!
      wait "$first" || fail "$engine $mix: first of two processes failed"
      wait "$second" || fail "$engine $mix: second of two processes failed"
      "$python" "$here/report.py" query-record --size "$size" --peer "$engine" --mix "$mix" --procs 2 \
        --latency "$single.p1.latency" "$single.p2.latency" --rss "$single.p1.rss" "$single.p2.rss" >> "$summary"
    done
    for peer in $peers; do
      if [ -s "$work/$peer-$mix.results" ]; then
        "$python" "$here/overlap.py" "$work/uplyft-$mix.results" "$work/$peer-$mix.results" --queries "$queries" --json \
          | "$python" -c 'import json,sys; d=json.load(sys.stdin); d.update(kind="overlap", size=int(sys.argv[1]), peer=sys.argv[2], mix=sys.argv[3]); print(json.dumps(d))' \
            "$size" "$peer" "$mix" >> "$summary"
      fi
    done
  done

  # What tolerating typos costs uplyft: the typo mix's own queries without their typos (the
  # same generator and seed, no typo drawn), run with the typo mix's flags.
  if [[ " $mixes " == *" typo "* ]]; then
    log "$size: uplyft, the typo mix without its typos"
    logged "$python" "$here/make_queries.py" "$catalog" --count "$query_count" --seed 11 > "$work/queries-typo-free.tsv"
    uplyft_batch "$work/uplyft.idx" "$work/queries-typo-free.tsv" "$work/uplyft-typo-free" typo
    "$python" "$here/report.py" typo-cost-record --size "$size" --typo-latency "$work/uplyft-typo.latency" \
      --typo-free-latency "$work/uplyft-typo-free.latency" >> "$summary"
  fi

  # Opening: one query, so the figure is the open itself; cold after dropping the page cache.
  head -n 1 "$work/queries-multi-word.tsv" > "$work/queries-open.tsv"
  for engine in uplyft $peers; do
    states="warm"
    if [ "$can_drop_caches" = 1 ]; then states="cold warm"; fi
    for state in $states; do
      if [ "$state" = cold ]; then sync; echo 1 > /proc/sys/vm/drop_caches; fi
      log "$size: $engine opens its index ($state)"
      engine_batch "$engine" "$work" "$work/queries-open.tsv" "$work/$engine-open-$state" multi-word
      "$python" "$here/report.py" open-record --size "$size" --peer "$engine" --state "$state" \
        --timing "$work/$engine-open-$state.groups/1.timing" --peer-json "$work/$engine-open-$state.json" >> "$summary"
    done
  done
done

# HTTP on the largest size, after every in-process measurement so that the load never
# overlaps one: wrk against the server and against nginx (the machine's ceiling), then a
# rebuild swapped into the running server under load.
if [ "$http_seconds" != 0 ]; then
  largest=$(printf '%s\n' $sizes | sort -n | tail -n 1)
  work="$work_root/$largest"
  log "HTTP: wrk against uplyft and nginx ($largest products)"
  UPLYFT="$uplyft" logged bash "$here/http_bench.sh" "$work/uplyft.idx" "$work/queries-multi-word.tsv" "$summary" --duration "$http_seconds"
  log "HTTP: rebuilding the index under load"
  rebuild_seconds=$(( largest >= 1000000 ? 90 : 20 ))
  UPLYFT="$uplyft" logged bash "$here/rebuild_under_load.sh" "$work/catalog.jsonl" "$summary" --duration "$rebuild_seconds" \
    || log "rebuild under load: a check failed (see its line in the report)"
fi

# The sign-up and sign-in flood on the default catalog (issue 11): search p99 and a
# legitimate sign-in while clients hammer the password endpoints, with real hashing.
if [ "$flood_seconds" != 0 ]; then
  log "sign-in flood: $flood_clients clients, $flood_seconds s a phase"
  quiet_seconds=$(( flood_seconds < 10 ? flood_seconds : 10 ))
  UPLYFT="$uplyft" logged bash "$here/auth_flood.sh" "$root/corpus/catalog.jsonl" "$summary" --seconds "$flood_seconds" \
    --quiet-seconds "$quiet_seconds" --clients "$flood_clients"
fi

cp "$summary" "$out/$name.summary.jsonl"
log "charts"
logged "$python" "$here/charts.py" "$summary" --out "$out" --name "$name"
log "report"
"$python" "$here/report.py" render "$summary" --name "$name" --commands "$commands" --root "$root" \
  --cold-open "$can_drop_caches" --query-count "$query_count" > "$out/$name.md"
log "wrote $out/$name.md"
