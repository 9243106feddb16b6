#!/usr/bin/env bash
# Sign-in flood: search latency and a legitimate sign-in while 32 clients hammer sign-up and
# sign-in (issue 11, section 2). Three phases, each on a fresh server with the same
# accounts and real password hashing (1,000,000 PBKDF2 iterations):
#   quiet  no flood (the baseline)
#   one    the flood from one address (127.0.0.1)
#   many   the flood from 200 loopback addresses (127.0.0.10-209), so that the per-address
#          limits do not make it easy
# Figures per phase (auth_flood.py): search p50/p99/max (targets: p99 < 50 ms), a legitimate
# sign-in's time from another address (target < 2 s), and the flood's answers by status.
#
#   Benchmarks/auth_flood.sh CATALOG OUT.jsonl [--seconds S] [--quiet-seconds S] [--clients N]
#                            [--markdown FILE]
#
# Builds nothing: the server is $UPLYFT, default .build/release/uplyft under the repository.
# Appends one JSON line per phase to OUT.jsonl; --markdown also writes the figures as a
# report (report.py auth-flood-markdown). Load generator and server share the machine.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
usage="usage: $0 CATALOG OUT.jsonl [--seconds S] [--quiet-seconds S] [--clients N] [--markdown FILE]"
seconds=30
quiet_seconds=10
clients=32
markdown=""
positional=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="${2:?$usage}"; shift ;;
    --quiet-seconds) quiet_seconds="${2:?$usage}"; shift ;;
    --clients) clients="${2:?$usage}"; shift ;;
    --markdown) markdown="${2:?$usage}"; shift ;;
    -h|--help) echo "$usage"; exit 0 ;;
    -*) echo "$usage" >&2; exit 2 ;;
    *) positional+=("$1") ;;
  esac
  shift
done
[ ${#positional[@]} -eq 2 ] || { echo "$usage" >&2; exit 2; }
for number in "$seconds" "$quiet_seconds" "$clients"; do
  case "$number" in ''|*[!0-9]*|0) echo "--seconds, --quiet-seconds and --clients take positive whole numbers" >&2; exit 2 ;; esac
done
catalog="${positional[0]}"
out="${positional[1]}"
[ -s "$catalog" ] || { echo "no catalog at $catalog" >&2; exit 2; }
uplyft="${UPLYFT:-$root/.build/release/uplyft}"
[ -x "$uplyft" ] || { echo "no uplyft binary at $uplyft (build it: swift build -c release --product uplyft, or set UPLYFT)" >&2; exit 2; }
log() { printf '== %s\n' "$*" >&2; }
# shellcheck source=../scripts/lib/serving.sh
source "$root/scripts/lib/serving.sh"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/uplyft-auth-flood.XXXXXX")
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
trap 'stop_server; rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM

log "indexing $catalog"
"$uplyft" index "$catalog" -o "$scratch/catalog.uplyft" > /dev/null
# Queries: the first two words of product names, as shoppers type them.
python3 - "$catalog" > "$scratch/queries.txt" <<'PY'
import json, sys
seen = []
for line in open(sys.argv[1], encoding="utf-8"):
    try:
        name = json.loads(line).get("name", "")
    except ValueError:
        continue
    words = " ".join(name.split()[:2])
    if words and words not in seen:
        seen.append(words)
    if len(seen) >= 200:
        break
print("\n".join(seen))
PY

# The accounts, made once with the real iteration count (each ~0.2 s) and copied into every
# phase's data directory: eight the flood signs in to, one legitimate shopper.
log "creating the accounts"
mkdir -p "$scratch/accounts"
python3 - "$scratch/accounts.json" <<'PY'
import json, sys
flood = [{"username": f"flood-{n}", "password": f"flood account password {n}"} for n in range(8)]
legit = {"username": "legit-shopper", "password": "a legitimate shopper's password"}
json.dump({"flood": flood, "legit": legit}, open(sys.argv[1], "w"))
PY
python3 - "$scratch/accounts.json" > "$scratch/accounts.tsv" <<'PY'
import json, sys
accounts = json.load(open(sys.argv[1]))
for account in accounts["flood"] + [accounts["legit"]]:
    print(f"{account['username']}\t{account['password']}")
PY
while IFS=$'\t' read -r username password; do
  printf '%s\n' "$password" | "$uplyft" user add "$username" --data-dir "$scratch/accounts" > /dev/null
done < "$scratch/accounts.tsv"

run_phase() {
  local phase=$1 addresses=$2 duration=$3
  rm -rf "$scratch/data-$phase"
  cp -r "$scratch/accounts" "$scratch/data-$phase"
  "$uplyft" serve --index "$scratch/catalog.uplyft" --port 0 --host 127.0.0.1 --data-dir "$scratch/data-$phase" \
    --web-root "$root/web" > "$scratch/server-$phase.out" 2> "$scratch/server-$phase.err" &
  server_pid=$!
  local base
  base=$(wait_for_serving "$scratch/server-$phase.out" "$server_pid" "$scratch/server-$phase.err")
  log "phase $phase: $duration s, flood from $addresses address(es), $clients clients"
  python3 "$here/auth_flood.py" --base "$base" --phase "$phase" --addresses "$addresses" --seconds "$duration" \
    --clients "$clients" --queries "$scratch/queries.txt" --accounts "$scratch/accounts.json" >> "$out"
  stop_server
}

run_phase quiet none "$quiet_seconds"
run_phase one one "$seconds"
run_phase many many "$seconds"

if [ -n "$markdown" ]; then
  python3 "$here/report.py" auth-flood-markdown "$out" > "$markdown"
  log "wrote $markdown"
fi
