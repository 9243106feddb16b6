#!/usr/bin/env bash
# Property-based API testing with schemathesis against a running uplyft server: every
# operation of /api/openapi.json is called with generated inputs (valid and invalid), signed
# in as a real user, and every response must be no 5xx, match its documented schema and
# have a documented status code. Builds nothing: takes the binary from $UPLYFT.
#
#   UPLYFT=.build/release/uplyft scripts/schemathesis.sh [extra schemathesis options]
#
# ST_MAX_EXAMPLES (default 60) and ST_MAX_SECONDS (default 75) bound the run; ST_SEED repeats
# one. Exits non-zero when schemathesis finds a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

UPLYFT="${UPLYFT:-.build/release/uplyft}"
if [ ! -x "$UPLYFT" ]; then
    echo "schemathesis: $UPLYFT is not an executable; build it or set UPLYFT" >&2
    exit 2
fi
python="$(bash scripts/python-venv.sh 'schemathesis==4.32.5')"
schemathesis="$(dirname "$python")/schemathesis"

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

"$UPLYFT" gen --seed 42 --count 1000 -o "$work/catalog.jsonl" >/dev/null
"$UPLYFT" index "$work/catalog.jsonl" -o "$work/catalog.uplyft" >/dev/null

# Cheap password hashing (the fuzzer signs in often); access tokens outlive the run.
UPLYFT_PASSWORD_ITERATIONS=1000 UPLYFT_ACCESS_SECONDS=3600 \
    "$UPLYFT" serve --index "$work/catalog.uplyft" --data-dir "$work/data" --host 127.0.0.1 --port 0 \
    > "$work/server.out" 2> "$work/server.err" &
server_pid=$!
# shellcheck source=lib/serving.sh
source scripts/lib/serving.sh
# The demo account's line comes before the serving line, so it is complete once that is.
base="$(wait_for_serving "$work/server.out" "$server_pid" "$work/server.err")" || exit 1
password="$(sed -n 's|^created account demo with password \([^ ]*\) .*|\1|p' "$work/server.out")"
if [ -z "$password" ]; then
    echo "schemathesis: the server created no demo account:" >&2
    cat "$work/server.out" "$work/server.err" >&2
    exit 1
fi
access="$("$python" - "$base" "$password" <<'PY'
import json, sys, urllib.request
base, password = sys.argv[1:3]
request = urllib.request.Request(base + "/api/token/", method="POST",
                                 data=json.dumps({"username": "demo", "password": password}).encode(),
                                 headers={"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request, timeout=10))["access"])
PY
)"

echo "schemathesis: fuzzing $base/api/openapi.json as demo (server log: $work/server.err)"
status=0
"$schemathesis" run "$base/api/openapi.json" \
    --header "Authorization: Bearer $access" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance \
    --max-examples "${ST_MAX_EXAMPLES:-60}" \
    --max-time "${ST_MAX_SECONDS:-75}" \
    --request-timeout 10 \
    --workers 2 \
    ${ST_SEED:+--seed "$ST_SEED"} \
    --no-color \
    --output-truncate false \
    "$@" \
    || status=$?

if ! kill -0 "$server_pid" 2>/dev/null; then
    wait "$server_pid" && server_status=0 || server_status=$?
    echo "schemathesis: the server DIED during the run (exit status $server_status); its last log lines:" >&2
    grep -E -m 5 'Fatal error|Crash|at /.*\.swift:[0-9]+' "$work/server.err" >&2 || tail -n 15 "$work/server.err" >&2
    server_pid=""
    status=1
elif [ "$status" -ne 0 ]; then
    echo "schemathesis: failures found (exit $status); the server's 5xx log lines:" >&2
    grep -E ' 5[0-9][0-9] [0-9]+ [0-9]+us$| failed with ' "$work/server.err" | head -20 >&2 || true
fi
exit "$status"
