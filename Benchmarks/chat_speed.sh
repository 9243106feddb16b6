#!/usr/bin/env bash
# Per-message time of the shop assistant in process (ChatSpeed: ChatAssistant.respond over an
# index file and a real cart database), on the default catalog and on generated ones, with the
# index build time and size of each. Writes Benchmarks/results/chat-speed.md.
#
#   Benchmarks/chat_speed.sh                          # default catalog and 100,000 products
#   Benchmarks/chat_speed.sh --sizes "default 10000"  # "default" is corpus/catalog.jsonl
#   options: --conversations N (of 10 messages each, default 300)  --out FILE  --work DIR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
sizes="default 100000"
conversations=300
work="$here/work/chat"
out="$here/results/chat-speed.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift ;;
    --conversations) conversations="$2"; shift ;;
    --out) out="$2"; shift ;;
    --work) work="$2"; shift ;;
    *) echo "usage: $0 [--sizes 'default N ...'] [--conversations N] [--out FILE] [--work DIR]" >&2; exit 2 ;;
  esac
  shift
done
[[ "$conversations" =~ ^[1-9][0-9]*$ ]] || { echo "chat_speed.sh: --conversations must be a positive number" >&2; exit 2; }
for size in $sizes; do
  [[ "$size" == default || "$size" =~ ^[1-9][0-9]*$ ]] || { echo "chat_speed.sh: size '$size' is neither 'default' nor a number" >&2; exit 2; }
done

cd "$root"
swift build -c release --product uplyft >&2
swift build -c release --product ChatSpeed >&2
bin=$(swift build -c release --show-bin-path)
mkdir -p "$work" "$(dirname "$out")"

now() { date +%s.%N; }
report=$(mktemp)
trap 'rm -f "$report"' EXIT
{
  echo "# Chat speed: per-message time in process"
  echo
  echo "Written by \`Benchmarks/chat_speed.sh --sizes \"$sizes\" --conversations $conversations\` (\`make bench-chat\`)."
  echo "Each figure is one call of \`ChatAssistant.respond\` (parse, searches, cart database, state"
  echo "JSON), timed in process by \`Benchmarks/ChatSpeed\`: no HTTP, no history table. Conversations"
  echo "are made from each catalog's own products: ten messages each, of five kinds (search,"
  echo "refine, question, cart, need), the state carried over."
  echo
  echo "## Machine"
  echo
  echo "- $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, Linux $(uname -r)"
  echo "- $(swift --version 2>/dev/null | head -1), release build; commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Benchmarks/ChatSpeed || echo ' with local changes')"
  echo "- load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (other builds share the machine)"
} > "$report"

for size in $sizes; do
  if [ "$size" = default ]; then
    catalog="$root/corpus/catalog.jsonl"
    label="default catalog (corpus/catalog.jsonl, $(wc -l < "$catalog") products)"
  else
    catalog="$work/catalog-$size.jsonl"
    [ -f "$catalog" ] || "$bin/uplyft" gen --seed 42 --count "$size" -o "$catalog" >&2
    label="$size products (uplyft gen --seed 42 --count $size)"
  fi
  index="$work/index-$size.uplyft"
  rm -f "$index"
  start=$(now)
  "$bin/uplyft" index "$catalog" -o "$index" >&2
  build_seconds=$(echo "$(now) - $start" | bc)
  bytes=$(stat -c %s "$index")
  echo "== $label: index built in ${build_seconds}s, $bytes bytes" >&2
  {
    echo
    echo "## $label"
    echo
    echo "Index: built in $(printf '%.2f' "$build_seconds") s, $bytes bytes. Messages: $conversations conversations."
    echo
    "$bin/ChatSpeed" "$index" --conversations "$conversations"
  } >> "$report"
done
{
  echo
  echo "## Commands"
  echo
  echo '```'
  echo "swift build -c release --product uplyft; swift build -c release --product ChatSpeed"
  echo "uplyft gen --seed 42 --count N -o Benchmarks/work/chat/catalog-N.jsonl"
  echo "uplyft index CATALOG -o Benchmarks/work/chat/index-N.uplyft"
  echo "ChatSpeed Benchmarks/work/chat/index-N.uplyft --conversations $conversations"
  echo '```'
} >> "$report"
cp "$report" "$out"
echo "wrote $out" >&2
