#!/usr/bin/env bash
# Fault and load checks against a built uplyft binary (Tests/faults/fault_tests.py): kill -9 of
# the indexer and of the server, read-only and full data directories, damaged database and
# index files, a connection flood. Prints PASS/FAIL per check; exits 1 on any FAIL.
#
#   UPLYFT=.build/release/uplyft scripts/fault-tests.sh              # every check (~2 minutes)
#   UPLYFT=.build/release/uplyft scripts/fault-tests.sh chat-kill    # only the named checks
#
# FAULT_SEED repeats a run's random kill points. Some checks need root (private mount
# namespaces for the read-only bind mount and the small tmpfs); without it they fall back
# to file modes or are skipped, and say so.
set -euo pipefail
cd "$(dirname "$0")/.."

UPLYFT="${UPLYFT:-.build/release/uplyft}"
if [ ! -x "$UPLYFT" ]; then
    echo "fault-tests: $UPLYFT is not an executable; build it (swift build -c release) or set UPLYFT" >&2
    exit 2
fi
UPLYFT="$(cd "$(dirname "$UPLYFT")" && pwd)/$(basename "$UPLYFT")" exec python3 Tests/faults/fault_tests.py "$@"
