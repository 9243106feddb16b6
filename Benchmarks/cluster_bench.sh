#!/usr/bin/env bash
# Throughput through HAProxy (issue 17): the same balancer (deploy/haproxy.cfg) in front of
#   pg-3-nodes    three nodes sharing PostgreSQL (scripts/cluster.sh up)
#   pg-1-node     the same cluster with nodes 2 and 3 stopped
#   sqlite-1-node one node on its own SQLite file behind the balancer
#   sqlite-direct that node without the balancer (the balancer's own cost)
# for GET /api/search/?q=headphones (index only) and GET /api/health/ (reads the database),
# with wrk at each of --connections (16 64), --duration seconds (5) each, 2 wrk threads.
#
#   Benchmarks/cluster_bench.sh [--duration S] [--connections "16 64"] > table.md
#
# Prints a Markdown table (config, path, connections, req/s, p50, p99, errors); the machine
# and its load go to stderr. Uses $UPLYFT (default .build/release/uplyft); everything on
# loopback ports asked of the kernel, state in a temporary directory removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export UPLYFT="${UPLYFT:-$ROOT/.build/release/uplyft}"
duration=5
connection_counts="16 64"
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration="$2"; shift ;;
        --connections) connection_counts="$2"; shift ;;
        *) echo "usage: $0 [--duration S] [--connections \"16 64\"]" >&2; exit 2 ;;
    esac
    shift
done
[ -x "$UPLYFT" ] || { echo "$UPLYFT is missing (swift build -c release --product uplyft)" >&2; exit 1; }

port="$(python3 "$ROOT/scripts/free-ports.py" 6)"
work="$(mktemp -d)"
chmod 755 "$work"
export UPLYFT_CLUSTER_STATE="$work/cluster" UPLYFT_CLUSTER_PORT="$port"
export UPLYFT_METRICS=off UPLYFT_ACCESS_LOG=off
sqlite_pid=""
cleanup() {
    [ -n "$sqlite_pid" ] && kill -TERM "$sqlite_pid" 2>/dev/null || true
    [ -f "$work/haproxy-sqlite.pid" ] && kill -TERM "$(cat "$work/haproxy-sqlite.pid")" 2>/dev/null || true
    bash "$ROOT/scripts/cluster.sh" down > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(uname -sr); load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "| config | path | connections | req/s | p50 ms | p99 ms | errors |"
echo "|---|---|---:|---:|---:|---:|---:|"

# wrk's summary as one table row: errors are socket errors plus non-2xx answers.
run_wrk() {
    local config="$1" url="$2" path="$3" connections="$4" out
    out="$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$url$path" 2>&1)"
    WRK_OUTPUT="$out" python3 - "$config" "$path" "$connections" <<'PY'
import os, re, sys
text = os.environ["WRK_OUTPUT"]
def ms(label):
    m = re.search(r"^\s+" + label + r"\s+([\d.]+)(us|ms|s)", text, re.M)
    if not m: return "?"
    v = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    return f"{v:.2f}"
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors += int(non2xx.group(1)) if non2xx else 0
config, path, connections = sys.argv[1:]
print(f"| {config} | {path} | {connections} | {float(rps.group(1)) if rps else 0:,.0f} | {ms('50%')} | {ms('99%')} | {errors} |")
PY
}

measure() {
    local config="$1" url="$2" path connections
    for path in "/api/search/?q=headphones" "/api/health/"; do
        for connections in $connection_counts; do run_wrk "$config" "$url" "$path" "$connections"; done
    done
}

balancer="$(bash scripts/cluster.sh up 2>/dev/null | tail -n 1)"
measure pg-3-nodes "$balancer"
for n in 2 3; do kill -TERM "$(cat "$UPLYFT_CLUSTER_STATE/node$n.pid")"; done
for n in 2 3; do while kill -0 "$(cat "$UPLYFT_CLUSTER_STATE/node$n.pid")" 2>/dev/null; do sleep 0.2; done; done
sleep 2   # two failed health checks (deploy/haproxy.cfg: inter 500ms, fall 2) and a margin
measure pg-1-node "$balancer"
bash scripts/cluster.sh down > /dev/null 2>&1

# One SQLite node, alone behind the same balancer configuration (nodes 2 and 3 left out).
mkdir -p "$work/sqlite"
"$UPLYFT" index corpus/catalog.jsonl -o "$work/sqlite/catalog.uplyft" > /dev/null
UPLYFT_SECRET="$(openssl rand -hex 32)" "$UPLYFT" serve --index "$work/sqlite/catalog.uplyft" --data-dir "$work/sqlite" \
    --host 127.0.0.1 --port "$((port + 1))" --web-root "$ROOT/web" > "$work/sqlite.out" 2> "$work/sqlite.log" &
sqlite_pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:$((port + 1))/api/ready/"; do sleep 0.2; done
grep -v -E 'server node[23] ' deploy/haproxy.cfg > "$work/haproxy-sqlite.cfg"
UPLYFT_LB_BIND="127.0.0.1:$port" UPLYFT_LB_PIDFILE="$work/haproxy-sqlite.pid" UPLYFT_NODE1="127.0.0.1:$((port + 1))" \
    haproxy -D -f "$work/haproxy-sqlite.cfg"
until curl -fs -o /dev/null "http://127.0.0.1:$port/api/ready/"; do sleep 0.2; done
measure sqlite-1-node "http://127.0.0.1:$port"
measure sqlite-direct "http://127.0.0.1:$((port + 1))"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
