#!/usr/bin/env bash
# The shop page's end-to-end tests: headless Chromium (Debian's chromium and chromium-driver)
# driven by Selenium against the real `uplyft serve` on a loopback port, with a fresh data
# directory and 5-second access tokens. Installs what is missing: apt packages when running
# as root, Python packages in .build/browser-venv. Screenshots go to test-output/screenshots/.
#
#   scripts/browser-tests.sh                                    every test in Tests/browser
#   scripts/browser-tests.sh Tests/browser/test_search_page.py  pytest's arguments: one file,
#   scripts/browser-tests.sh Tests/browser -k assistant         or a selection (-k, ::name)
# UPLYFT_WEB_ROOT serves another copy of web/ (to see a new test fail on the page before a fix).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYTEST_ARGS=("$@")
((${#PYTEST_ARGS[@]})) || PYTEST_ARGS=("$ROOT/Tests/browser")
OUTPUT="$ROOT/test-output"
VENV="$ROOT/.build/browser-venv"
REQUIREMENTS="$ROOT/Tests/browser/requirements.txt"
# Wheels installed without their dependencies (only axe-core's JavaScript is used from it).
REQUIREMENTS_NO_DEPS="$ROOT/Tests/browser/requirements-no-deps.txt"
ACCESS_SECONDS=5

# --- Chromium and its driver ---------------------------------------------------------------
missing_packages=()
command -v chromium >/dev/null 2>&1 || missing_packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing_packages+=(chromium-driver)
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing_packages+=(python3-venv)
if ((${#missing_packages[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "browser tests need: ${missing_packages[*]}" >&2
        echo "install them with: sudo apt-get install -y ${missing_packages[*]}" >&2
        exit 1
    fi
    echo "== apt-get install ${missing_packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing_packages[@]}" >/dev/null
fi

# --- Python packages --------------------------------------------------------------------------
# The stamp holds the requirements' checksum, so a changed pin reinstalls and nothing else does.
stamp="$VENV/.requirements.sha256"
wanted=$(cat "$REQUIREMENTS" "$REQUIREMENTS_NO_DEPS" | sha256sum | cut -d' ' -f1)
if [[ ! -x "$VENV/bin/python" || ! -f "$stamp" || $(cat "$stamp") != "$wanted" ]]; then
    echo "== python venv $VENV"
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$REQUIREMENTS_NO_DEPS"
    echo "$wanted" > "$stamp"
fi

# --- The server -------------------------------------------------------------------------------
echo "== swift build --product uplyft"
swift build --product uplyft
UPLYFT="$(swift build --product uplyft --show-bin-path)/uplyft"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/uplyft-browser.XXXXXX")
SERVER_PID=""
stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap stop_server EXIT

# The default catalog, plus products whose image addresses the page must refuse
# (Tests/browser/hostile_images.py; test_shop.py opens their pages).
CATALOG="$WORK/catalog.jsonl"
if [[ -f "$ROOT/corpus/catalog.jsonl" ]]; then
    cp "$ROOT/corpus/catalog.jsonl" "$CATALOG"
    [[ $(tail -c 1 "$CATALOG" | od -An -c | tr -d ' ') == '\n' ]] || echo >> "$CATALOG"
else
    "$UPLYFT" gen --seed 42 --count 300 -o "$CATALOG"
fi
python3 "$ROOT/Tests/browser/hostile_images.py" >> "$CATALOG"
"$UPLYFT" index "$CATALOG" -o "$WORK/catalog.uplyft" >/dev/null

rm -rf "$OUTPUT"
mkdir -p "$OUTPUT/screenshots"
SERVER_LOG="$OUTPUT/server.log"
# Port 0: the kernel picks a free port and the `serving` line tells which.
# shellcheck source=lib/serving.sh
source "$ROOT/scripts/lib/serving.sh"
UPLYFT_ACCESS_SECONDS=$ACCESS_SECONDS UPLYFT_PASSWORD_ITERATIONS=1000 \
    "$UPLYFT" serve --index "$WORK/catalog.uplyft" --host 127.0.0.1 --port 0 \
    --data-dir "$WORK/data" --web-root "${UPLYFT_WEB_ROOT:-$ROOT/web}" >"$WORK/server.out" 2>"$SERVER_LOG" &
SERVER_PID=$!
BASE_URL=$(wait_for_serving "$WORK/server.out" "$SERVER_PID" "$SERVER_LOG") || exit 1
echo "== browser tests against $BASE_URL"

status=0
UPLYFT_BASE_URL="$BASE_URL" UPLYFT_SERVER_LOG="$SERVER_LOG" UPLYFT_SCREENSHOTS="$OUTPUT/screenshots" \
UPLYFT_ACCESS_SECONDS=$ACCESS_SECONDS \
    "$VENV/bin/python" -m pytest -p no:cacheprovider -q "${PYTEST_ARGS[@]}" \
    --junitxml="$OUTPUT/browser-tests.xml" || status=$?
echo "screenshots: $OUTPUT/screenshots"
exit $status
