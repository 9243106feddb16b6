#!/usr/bin/env bash
# Every test of the project: the Swift unit and end-to-end tests (including the PyJWT
# cross-check, whose Python environment scripts/python-venv.sh makes), then the browser tests
# (Selenium driving headless Chromium against the real server), the benchmark harness on a
# tiny catalog, fault tests, operations tests (systemd unit, make run), schemathesis and short
# fuzz runs. Installs what they need.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== swift test"
# The import check makes the layers of ARCHITECTURE.md part of the build: a target that
# imports a module it does not declare as a dependency fails, even when that module happens
# to be built already (a plain `swift build` would let it through).
swift build --build-tests --explicit-target-dependency-import-check error
# The store tests run on SQLite and on PostgreSQL: a throwaway server on loopback
# (scripts/postgres.sh installs Debian's postgresql when missing), stopped after them (or on failure).
# A state directory of this run's own, so that two runs on one machine never share a server.
# (mktemp's directory is 0700; the server runs as `nobody` when we are root and must reach it.)
pg_parent="$(mktemp -d)"
chmod 755 "$pg_parent"
UPLYFT_PG_STATE="$pg_parent/postgres"
export UPLYFT_PG_STATE
UPLYFT_TEST_DATABASE_URL="$(bash scripts/postgres.sh start | tail -n 1)"
export UPLYFT_TEST_DATABASE_URL
trap 'bash scripts/postgres.sh stop' EXIT
swift test --skip-build 2>&1 | tee .build/swift-test.log
bash scripts/postgres.sh stop
trap - EXIT

echo "== browser tests"
bash scripts/browser-tests.sh

# The benchmark harness on a tiny catalog, so that it does not rot (figures are not checked:
# they come from `make bench`).
echo "== benchmark smoke run"
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ]; then
  apt-get install -y -qq time > /dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time > /dev/null; }
fi
bash Benchmarks/smoke.sh

# Faults (killed indexer and server, read-only and full disks, damaged files, connection
# floods) and schemathesis against the OpenAPI document, on the release binary smoke.sh built.
echo "== fault tests"
UPLYFT="$PWD/.build/release/uplyft" bash scripts/fault-tests.sh
# How it is run: the systemd unit (systemd-analyze verify), make run's settings and index
# decision, and what scripts/run.sh says when the server dies.
echo "== operations tests"
UPLYFT="$PWD/.build/release/uplyft" bash scripts/operations-tests.sh
# Three nodes on PostgreSQL behind HAProxy: sign-in and refresh across nodes, reuse detection,
# a node killed and all restarted under load, the database taken away and brought back.
echo "== cluster tests"
UPLYFT="$PWD/.build/release/uplyft" bash scripts/cluster-tests.sh
echo "== schemathesis"
UPLYFT="$PWD/.build/release/uplyft" bash scripts/schemathesis.sh

# Every libFuzzer target briefly, from its seed corpus (make fuzz runs each for ten minutes).
echo "== fuzz (short)"
bash scripts/fuzz.sh --seconds 10
