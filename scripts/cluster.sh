#!/usr/bin/env bash
# Several uplyft nodes behind HAProxy on this machine (issue 17):
#
#   scripts/cluster.sh up       PostgreSQL (scripts/postgres.sh), three nodes sharing the signing
#                               secret and the database, HAProxy in front (deploy/haproxy.cfg);
#                               prints the balancer's base URL as its last line
#   scripts/cluster.sh status   one line per node: name, pid, port, index generation (or "down")
#   scripts/cluster.sh down     stops HAProxy, the nodes (each drains first) and PostgreSQL
#   scripts/cluster.sh restart-node N   stops node N (drain, then SIGTERM) and starts it again
#   scripts/cluster.sh rollout NEW_INDEX  places NEW_INDEX on every node and waits until each
#                               serves it (scripts/rollout-index.sh); prints its generation
#
# Everything listens on loopback: the balancer on $UPLYFT_CLUSTER_PORT (8800), node N on
# that port + N, serving its own copy of the index (node N/catalog.uplyft, as separate hosts
# would). State (pids, logs, index, secret, data) lives in $UPLYFT_CLUSTER_STATE
# (default /tmp/uplyft-cluster-$UID). Installs HAProxy from Debian when missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."

state="${UPLYFT_CLUSTER_STATE:-/tmp/uplyft-cluster-$(id -u)}"
uplyft="${UPLYFT:-$PWD/.build/release/uplyft}"
base_port="${UPLYFT_CLUSTER_PORT:-8800}"
nodes=(1 2 3)
# Longer than two health-check intervals (deploy/haproxy.cfg: inter 500ms, fall 2).
drain_seconds="${UPLYFT_CLUSTER_DRAIN_SECONDS:-2}"

say() { echo "cluster: $*" >&2; }
die() { say "$*"; exit 1; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Waits (bounded) until $1 answers 200.
wait_ready() {
    local url="$1" what="$2" tries=0
    until curl -fs -o /dev/null --max-time 2 "$url"; do
        tries=$((tries + 1))
        [ "$tries" -lt 300 ] || die "$what did not become ready at $url (see $state)"
        sleep 0.2
    done
}

install_haproxy() {
    command -v haproxy > /dev/null && return 0
    [ "$(id -u)" = 0 ] || die "HAProxy is not installed: sudo apt-get install -y haproxy"
    say "apt-get install haproxy"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy > /dev/null 2>&1 \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy > /dev/null; }
    # Debian's package starts a system-wide HAProxy on port 80; this cluster runs its own.
    if command -v systemctl > /dev/null && systemctl is-active --quiet haproxy 2>/dev/null; then systemctl stop haproxy; fi
}

start_node() {
    local n="$1" port=$((base_port + $1))
    alive "$state/node$n.pid" && return 0
    mkdir -p "$state/node$n"
    : > "$state/node$n.out"
    UPLYFT_SECRET="$(cat "$state/secret")" UPLYFT_DATABASE_URL="$(cat "$state/database-url")" \
    UPLYFT_TRUSTED_PROXIES=127.0.0.1 UPLYFT_DRAIN_SECONDS="$drain_seconds" \
        nohup "$uplyft" serve --index "$state/node$n/catalog.uplyft" --data-dir "$state/node$n" --host 127.0.0.1 --port "$port" \
        --web-root "$PWD/web" > "$state/node$n.out" 2>> "$state/node$n.log" < /dev/null &
    echo $! > "$state/node$n.pid"
    wait_ready "http://127.0.0.1:$port/api/ready/" "node$n"
}

stop_node() {
    local n="$1" pid tries=0
    alive "$state/node$n.pid" || { rm -f "$state/node$n.pid"; return 0; }
    pid="$(cat "$state/node$n.pid")"
    kill -TERM "$pid"
    # The drain, then requests in flight (at most 10 s), then a kill as the last resort.
    while kill -0 "$pid" 2>/dev/null; do
        tries=$((tries + 1))
        if [ "$tries" -gt $(( (drain_seconds + 15) * 10 )) ]; then say "node$n did not stop: killed"; kill -KILL "$pid"; fi
        sleep 0.1
    done
    rm -f "$state/node$n.pid"
}

balancer_env() {
    export UPLYFT_LB_BIND="127.0.0.1:$base_port" UPLYFT_LB_PIDFILE="$state/haproxy.pid"
    export UPLYFT_NODE1="127.0.0.1:$((base_port + 1))" UPLYFT_NODE2="127.0.0.1:$((base_port + 2))" UPLYFT_NODE3="127.0.0.1:$((base_port + 3))"
}

up() {
    [ -x "$uplyft" ] || { say "building $uplyft"; swift build -c release --product uplyft > /dev/null; }
    install_haproxy
    # Readable by others: PostgreSQL runs as `nobody` under root and keeps its data inside.
    # The secret and the database URL are files of mode 0600.
    mkdir -p "$state"
    chmod 755 "$state"
    if [ ! -s "$state/database-url" ]; then
        UPLYFT_PG_STATE="$state/postgres" bash scripts/postgres.sh start | tail -n 1 > "$state/database-url.tmp"
        mv "$state/database-url.tmp" "$state/database-url"
    fi
    chmod 600 "$state/database-url"
    [ -s "$state/secret" ] || { (umask 077; openssl rand -hex 32 > "$state/secret"); }
    "$uplyft" index corpus/catalog.jsonl -o "$state/catalog.uplyft" --if-changed > /dev/null
    # Each node its own copy, placed by rename (a later rollout replaces it the same way).
    for n in "${nodes[@]}"; do
        mkdir -p "$state/node$n"
        if [ ! -f "$state/node$n/catalog.uplyft" ]; then
            cp "$state/catalog.uplyft" "$state/node$n/.catalog.uplyft.tmp"
            mv -f "$state/node$n/.catalog.uplyft.tmp" "$state/node$n/catalog.uplyft"
        fi
    done
    # One at a time: the first start on an empty database creates the demo account.
    for n in "${nodes[@]}"; do start_node "$n"; done
    balancer_env
    if ! alive "$state/haproxy.pid"; then
        haproxy -D -f deploy/haproxy.cfg 2>> "$state/haproxy.log"
    fi
    wait_ready "http://127.0.0.1:$base_port/api/ready/" "the balancer"
    grep -h "created account demo" "$state"/node*.out >&2 || true
    echo "http://127.0.0.1:$base_port"
}

status() {
    local n port pid generation
    for n in "${nodes[@]}"; do
        port=$((base_port + n))
        if alive "$state/node$n.pid"; then
            pid="$(cat "$state/node$n.pid")"
            generation="$(curl -sS --max-time 2 "http://127.0.0.1:$port/api/ready/" \
                | python3 -c 'import json,sys; print(json.load(sys.stdin).get("index_generation","?"))' 2>/dev/null || echo "?")"
            echo "node$n $pid $port $generation"
        else
            echo "node$n - $port down"
        fi
    done
}

down() {
    if alive "$state/haproxy.pid"; then kill -TERM "$(cat "$state/haproxy.pid")"; fi
    rm -f "$state/haproxy.pid"
    for n in "${nodes[@]}"; do stop_node "$n"; done
    if [ -d "$state/postgres" ]; then UPLYFT_PG_STATE="$state/postgres" bash scripts/postgres.sh stop > /dev/null; fi
    rm -rf "$state"
}

case "${1:-}" in
    up) up ;;
    status) status ;;
    down) down ;;
    restart-node)
        [[ "${2:-}" =~ ^[123]$ ]] || die "usage: $0 restart-node 1|2|3"
        stop_node "$2"; start_node "$2" ;;
    rollout)
        [ -n "${2:-}" ] || die "usage: $0 rollout NEW_INDEX"
        targets=()
        for n in "${nodes[@]}"; do targets+=("$state/node$n/catalog.uplyft@http://127.0.0.1:$((base_port + n))"); done
        UPLYFT="$uplyft" bash scripts/rollout-index.sh "$2" "${targets[@]}" ;;
    *) echo "usage: $0 up|status|down|restart-node N|rollout NEW_INDEX" >&2; exit 2 ;;
esac
