#!/usr/bin/env bash
# HTTP benchmark: wrk against uplyft's /api/health/, /api/search/ and /api/chat/ at 1, 16 and 64
# connections, and, in the same run, against nginx serving a static body of the size of a
# typical /api/search/ response: the ceiling of HTTP on loopback on this machine.
#
#   Benchmarks/http_bench.sh INDEX QUERIES.tsv OUT.jsonl [--duration S] [--connections "1 16 64"]
#
# Builds nothing: the server is $UPLYFT, default .build/release/uplyft under the repository.
# Appends one JSON line per wrk run to OUT.jsonl:
#   {"target":"uplyft-health"|"uplyft-search"|"uplyft-chat"|"nginx-static","connections":N,"threads":T,
#    "requests":..,"requests_per_second":..,"p50_ms":..,"p90_ms":..,"p99_ms":..,"max_ms":..,
#    "socket_errors":..,"timeouts":..,"non_2xx":..,"errors":..,...}
# plus one {"target":"setup",...} line with the measured body size and the tool versions.
# wrk and nginx come from Debian: installed with apt-get when missing and running as root;
# otherwise wrk missing ends the run with a message, nginx missing skips only its rows.
# Exits 1, after writing every row, when any run got an answer outside 2xx or a socket error.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
usage="usage: $0 INDEX QUERIES.tsv OUT.jsonl [--duration SECONDS] [--connections \"1 16 64\"]"

duration=10
connection_counts="1 16 64"
positional=()
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="${2:?$usage}"; shift ;;
    --connections) connection_counts="${2:?$usage}"; shift ;;
    -h|--help) echo "$usage"; exit 0 ;;
    -*) echo "$usage" >&2; exit 2 ;;
    *) positional+=("$1") ;;
  esac
  shift
done
[ ${#positional[@]} -eq 3 ] || { echo "$usage" >&2; exit 2; }
case "$duration" in ''|*[!0-9]*) echo "--duration takes whole seconds" >&2; exit 2 ;; esac
[ -r "${positional[0]}" ] || { echo "no index at ${positional[0]}" >&2; exit 2; }
[ -s "${positional[1]}" ] || { echo "no queries at ${positional[1]}" >&2; exit 2; }
index=$(realpath "${positional[0]}")
queries=$(realpath "${positional[1]}")
out="${positional[2]}"
uplyft="${UPLYFT:-$root/.build/release/uplyft}"
[ -x "$uplyft" ] || { echo "no uplyft binary at $uplyft (build it: swift build -c release --product uplyft, or set UPLYFT)" >&2; exit 2; }
log() { printf '== %s\n' "$*" >&2; }

# --- tools ------------------------------------------------------------------------------

find_nginx() { command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true; }

# Installs the Debian packages named when running as root; says why not otherwise.
install_debian_packages() {
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    log "missing $*: not root (or no apt-get), cannot install them"
    return 1
  fi
  log "installing $* (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1; }
}

if ! command -v wrk >/dev/null; then
  install_debian_packages wrk || true
fi
if ! command -v wrk >/dev/null; then
  echo "http_bench: SKIPPED: wrk is not installed (apt-get install wrk as root) - no HTTP figures this run" >&2
  exit 0
fi
nginx_binary=$(find_nginx)
if [ -z "$nginx_binary" ]; then
  install_debian_packages nginx-light || install_debian_packages nginx || true
  nginx_binary=$(find_nginx)
fi
[ -n "$nginx_binary" ] || log "nginx is not installed (apt-get install nginx-light as root): skipping the nginx-static ceiling"

# --- servers ----------------------------------------------------------------------------

scratch=$(mktemp -d "${TMPDIR:-/tmp}/uplyft-http-bench.XXXXXX")
server_pid=""
nginx_pid=""
stop_servers() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then
    kill -QUIT "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

# Asks the kernel for a loopback port nobody listens on.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# shellcheck source=../scripts/lib/serving.sh
source "$root/scripts/lib/serving.sh"

log "starting uplyft on the index $index"
mkdir -p "$scratch/data"
# Access lifetime long enough for the whole matrix; cheap password hashing for the
# throwaway account. The access log (stderr) goes to a file, as a deployed server's would.
UPLYFT_PASSWORD_ITERATIONS=1000 UPLYFT_ACCESS_SECONDS=86400 \
  "$uplyft" serve --index "$index" --port 0 --host 127.0.0.1 --data-dir "$scratch/data" --web-root "$root/web" \
  > "$scratch/uplyft.out" 2> "$scratch/uplyft.err" &
server_pid=$!
base_url=$(wait_for_serving "$scratch/uplyft.out" "$server_pid" "$scratch/uplyft.err") || exit 1
password=$(sed -nE 's/^created account demo with password ([^ ]+).*/\1/p' "$scratch/uplyft.out")
[ -n "$password" ] || { echo "the server did not create the demo account (fresh data dir expected)" >&2; exit 1; }

token=$(curl -sf -X POST "$base_url/api/token/" -H 'Content-Type: application/json' \
          -d "{\"username\":\"demo\",\"password\":\"$password\"}" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["access"])')

# The static body's size: the median /api/search/ response over the first queries.
body_bytes=$(python3 - "$base_url" "$queries" <<'PY'
import statistics, sys, urllib.parse, urllib.request
base, path = sys.argv[1], sys.argv[2]
texts = []
for line in open(path, encoding="utf-8"):
    text = line.rstrip("\r\n").split("\t", 1)[-1]
    if text.strip():
        texts.append(text)
sizes = []
for text in texts[:50]:
    url = f"{base}/api/search/?q={urllib.parse.quote(text, safe='')}&page_size=10"
    with urllib.request.urlopen(url) as response:
        sizes.append(len(response.read()))
print(int(statistics.median(sizes)))
PY
)
log "uplyft at $base_url; median /api/search/ body $body_bytes bytes"

nginx_url=""
if [ -n "$nginx_binary" ]; then
  nginx_port=$(free_port)
  mkdir -p "$scratch/nginx/www" "$scratch/nginx/logs" "$scratch/nginx/temp"
  # nginx's workers drop to an unprivileged user, who must be able to reach the file.
  chmod go+rx "$scratch" "$scratch/nginx" "$scratch/nginx/www"
  # A JSON object padded to exactly the measured size.
  python3 -c 'import sys; n = int(sys.argv[1]); sys.stdout.write("{\"pad\":\"" + "x" * max(0, n - 10) + "\"}")' "$body_bytes" \
    > "$scratch/nginx/www/search.json"
  # One worker per core, no access log, every path answered with the same file: the cheapest
  # a production HTTP server does on this machine.
  cat > "$scratch/nginx/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $scratch/nginx/nginx.pid;
error_log $scratch/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $scratch/nginx/temp/body;
  proxy_temp_path $scratch/nginx/temp/proxy;
  fastcgi_temp_path $scratch/nginx/temp/fastcgi;
  uwsgi_temp_path $scratch/nginx/temp/uwsgi;
  scgi_temp_path $scratch/nginx/temp/scgi;
  keepalive_requests 100000000;
  server {
    listen 127.0.0.1:$nginx_port;
    root $scratch/nginx/www;
    default_type application/json;
    location / { try_files /search.json =404; }
  }
}
CONF
  "$nginx_binary" -p "$scratch/nginx" -c "$scratch/nginx/nginx.conf" -e "$scratch/nginx/logs/error.log" &
  nginx_pid=$!
  nginx_url="http://127.0.0.1:$nginx_port"
  static_bytes=""
  for _ in $(seq 1 50); do
    static_bytes=$(curl -sf -o /dev/null -w '%{size_download}' "$nginx_url/api/search/?q=probe") && break
    static_bytes=""
    kill -0 "$nginx_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ "$static_bytes" = "$body_bytes" ]; then
    log "nginx at $nginx_url serving $static_bytes bytes"
  else
    log "nginx did not serve the $body_bytes-byte file (got '${static_bytes}'): skipping the nginx-static ceiling"
    cat "$scratch/nginx/logs/error.log" >&2 2>/dev/null || true
    nginx_url=""
  fi
fi

wrk_version=$(wrk -v 2>&1 | head -1 | sed -E 's/ Copyright.*//' || true)
nginx_version=$([ -n "$nginx_binary" ] && "$nginx_binary" -v 2>&1 | sed 's/^nginx version: //' || echo none)
printf '{"target":"setup","body_bytes":%s,"duration_seconds":%s,"wrk":"%s","nginx":"%s","cores":%s}\n' \
  "$body_bytes" "$duration" "$wrk_version" "$nginx_version" "$(nproc)" >> "$out"

# --- the matrix -------------------------------------------------------------------------

# Rows before this run's: OUT may hold other measurements, which the error check leaves alone.
lines_before=$(wc -l < "$out")

# run_wrk TARGET URL SCRIPT CONNECTIONS: one run, its JSON line appended to OUT.
run_wrk() {
  local target=$1 url=$2 script=$3 connections=$4
  local threads=$(( connections < 2 ? connections : 2 ))
  log "$target: $connections connections, $threads threads, ${duration}s"
  BENCH_QUERIES="$queries" BENCH_TOKEN="$token" BENCH_RESULT="$out" \
  BENCH_TARGET="$target" BENCH_CONNECTIONS="$connections" BENCH_THREADS="$threads" \
    wrk -t "$threads" -c "$connections" -d "${duration}s" -s "$script" "$url" > "$scratch/wrk-$target-$connections.txt"
}

for connections in $connection_counts; do
  run_wrk uplyft-health "$base_url" "$here/wrk/health.lua" "$connections"
done
for connections in $connection_counts; do
  run_wrk uplyft-search "$base_url" "$here/wrk/search.lua" "$connections"
done
for connections in $connection_counts; do
  run_wrk uplyft-chat "$base_url" "$here/wrk/chat.lua" "$connections"
done
if [ -n "$nginx_url" ]; then
  # The same script and request paths as uplyft-search: nginx answers every path with the file.
  for connections in $connection_counts; do
    run_wrk nginx-static "$nginx_url" "$here/wrk/search.lua" "$connections"
  done
fi
log "wrote $out"

# A benchmark of error answers measures nothing: any non-2xx or socket error fails the run,
# after every row is written, naming the rows.
failed=$(python3 - "$out" "$lines_before" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8").readlines()[int(sys.argv[2]):]:
    record = json.loads(line)
    if record.get("target") in ("uplyft-health", "uplyft-search", "uplyft-chat", "nginx-static") and (record.get("non_2xx", 0) or record.get("socket_errors", 0)):
        print(f"{record['target']} at {record['connections']} connections: {record['non_2xx']} non-2xx, "
              f"{record['socket_errors']} socket errors")
PY
)
if [ -n "$failed" ]; then
  printf 'http_bench: FAILED: answers other than 2xx or socket errors:\n%s\n' "$failed" >&2
  tail -n 20 "$scratch/uplyft.err" >&2 || true
  exit 1
fi
