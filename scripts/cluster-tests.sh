#!/usr/bin/env bash
# The cluster tests (issue 17): brings up PostgreSQL, three nodes and HAProxy with
# scripts/cluster.sh on free loopback ports and a state directory of their own, runs
# Tests/cluster with pytest, and takes everything down again, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export UPLYFT="${UPLYFT:-$ROOT/.build/release/uplyft}"
[ -x "$UPLYFT" ] || { echo "cluster-tests: $UPLYFT is missing (make build)" >&2; exit 1; }

# Four consecutive free ports: the balancer and the three nodes.
port="$(python3 "$ROOT/scripts/free-ports.py" 4)"
work="$(mktemp -d)"
# PostgreSQL runs as `nobody` under root and must reach its directory inside.
chmod 755 "$work"
export UPLYFT_CLUSTER_STATE="$work/cluster" UPLYFT_CLUSTER_PORT="$port"
export UPLYFT_PG_STATE="$UPLYFT_CLUSTER_STATE/postgres"
# A short reuse interval, so the refresh-reuse test waits one second, not five.
export UPLYFT_REFRESH_REUSE_SECONDS=1 UPLYFT_PASSWORD_ITERATIONS=1000
trap 'bash "$ROOT/scripts/cluster.sh" down || true; rm -rf "$work"' EXIT

url="$(bash scripts/cluster.sh up | tail -n 1)"
echo "== cluster up at $url"
bash scripts/cluster.sh status

VENV_PYTHON="$(bash scripts/python-venv.sh 'pytest==9.2.0')"
UPLYFT_CLUSTER_URL="$url" UPLYFT_CLUSTER_SCRIPT="$ROOT/scripts/cluster.sh" UPLYFT_PG_SCRIPT="$ROOT/scripts/postgres.sh" \
    "$VENV_PYTHON" -m pytest -p no:cacheprovider -q -s "$ROOT/Tests/cluster"
