#!/usr/bin/env bash
# Makes (or reuses) the Python virtual environment the tests use for cross-checks against
# independent implementations, installs the given requirement lines into it, and prints the
# path of its python on stdout (progress and errors go to stderr).
#
#   scripts/python-venv.sh 'PyJWT==2.10.1'
#
# Idempotent: a second run with the same requirements starts no pip at all, so tests may
# call it every time. UPLYFT_TEST_VENV overrides the location (default .build/test-venv),
# PYTHON the interpreter that creates it (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${UPLYFT_TEST_VENV:-.build/test-venv}"
python="${PYTHON:-python3}"
stamp="$venv/.uplyft-requirements"
wanted="$(printf '%s\n' "$@")"

log() { echo "python-venv: $*" >&2; }

if ! command -v "$python" >/dev/null 2>&1; then
    log "$python not found"
    exit 1
fi

# Debian and Ubuntu ship venv without ensurepip unless python3-venv is installed.
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        log "installing python3-venv"
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >&2
    else
        log "$python cannot create virtual environments (install python3-venv)"
        exit 1
    fi
fi

# A half-made venv (interrupted run) has no working python: start it over.
if ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
    rm -rf "$venv"
    log "creating $venv"
    "$python" -m venv "$venv" >&2
fi

if [ "$#" -gt 0 ] && [ "$(cat "$stamp" 2>/dev/null || true)" != "$wanted" ]; then
    log "installing $*"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@" >&2
    printf '%s' "$wanted" > "$stamp"
fi

echo "$(cd "$venv/bin" && pwd)/python"
