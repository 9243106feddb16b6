#!/usr/bin/env bash
# Page speed figures in headless Chromium on a throttled link (400 kbit/s, 400 ms round trip,
# CPU slowed 4x): first contentful paint cold and warm, CLS over a reload, requests before
# first paint, requests and bytes transferred, for the index page and a product page
# (Tests/browser/page_metrics.py). Serves the default catalog with the web root of this
# checkout on a kernel-chosen port, or measures BASE_URL when one is given.
#
#   scripts/page-metrics.sh [--runs N] [BASE_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=3
BASE_URL=""
while (($#)); do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        *) BASE_URL=$1; shift ;;
    esac
done

VENV="$ROOT/.build/browser-venv"
REQUIREMENTS="$ROOT/Tests/browser/requirements.txt"
REQUIREMENTS_NO_DEPS="$ROOT/Tests/browser/requirements-no-deps.txt"
if [[ ! -x "$VENV/bin/python" ]]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$REQUIREMENTS_NO_DEPS"
    # The same stamp as scripts/browser-tests.sh writes, so that it reuses this venv.
    cat "$REQUIREMENTS" "$REQUIREMENTS_NO_DEPS" | sha256sum | cut -d' ' -f1 > "$VENV/.requirements.sha256"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/uplyft-page-metrics.XXXXXX")
SERVER_PID=""
stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap stop_server EXIT

if [[ -z $BASE_URL ]]; then
    swift build -c release --product uplyft >&2
    UPLYFT="$(swift build -c release --product uplyft --show-bin-path)/uplyft"
    "$UPLYFT" index "$ROOT/corpus/catalog.jsonl" -o "$WORK/catalog.uplyft" >/dev/null
    # shellcheck source=lib/serving.sh
    source "$ROOT/scripts/lib/serving.sh"
    "$UPLYFT" serve --index "$WORK/catalog.uplyft" --host 127.0.0.1 --port 0 --data-dir "$WORK/data" \
        --web-root "$ROOT/web" >"$WORK/server.out" 2>"$WORK/server.log" &
    SERVER_PID=$!
    BASE_URL=$(wait_for_serving "$WORK/server.out" "$SERVER_PID" "$WORK/server.log") || exit 1
fi

PRODUCT=$(curl -fsS "$BASE_URL/api/search/?q=&page_size=1" | "$VENV/bin/python" -c \
    'import json, sys, urllib.parse; r = json.load(sys.stdin)["results"]; print(urllib.parse.quote(r[0]["id"], safe="") if r else "")')
paths=(--path /)
[[ -n $PRODUCT ]] && paths+=(--path "/products/$PRODUCT")
"$VENV/bin/python" "$ROOT/Tests/browser/page_metrics.py" "$BASE_URL" --runs "$RUNS" "${paths[@]}"
