#!/usr/bin/env bash
# Rolls a new index file out to uplyft nodes, one node at a time (issue 17):
#
#   scripts/rollout-index.sh NEW_INDEX INDEX_PATH@BASE_URL...
#
# e.g. scripts/rollout-index.sh build/catalog.uplyft /srv/a/catalog.uplyft@http://10.0.0.2:8080 ...
#
# 1. `uplyft index --verify NEW_INDEX`: every checksum, and the generation the nodes will
#    report (the body checksum, SearchIndex.generation). A damaged file goes nowhere.
# 2. For each node: copy the file to a temporary name in the directory of the node's
#    INDEX_PATH (the same file system, so the rename is atomic), fsync it, rename it over
#    INDEX_PATH, fsync the directory (so the rename survives a crash). A node never sees a
#    half-written file: it maps the old inode or the new one (IndexHolder notices the new
#    file within a second and swaps it in for the next requests; searches running keep the
#    old mapping).
# 3. Wait until the node's BASE_URL/api/health/ reports the new generation, at most
#    $UPLYFT_ROLLOUT_WAIT_SECONDS (20) seconds; otherwise stop, naming the node and what it
#    still serves (a node refuses a file it cannot open and keeps serving the old one: its log
#    says why), leaving the nodes not yet reached on the old file.
#
# The paths are local; for nodes on other hosts run it where each path is mounted, or copy
# with the same temp-name-then-rename steps. Exit status 0 only when every node serves the
# new generation.
set -euo pipefail
cd "$(dirname "$0")/.."

uplyft="${UPLYFT:-$PWD/.build/release/uplyft}"
wait_seconds="${UPLYFT_ROLLOUT_WAIT_SECONDS:-20}"

say() { echo "rollout: $*" >&2; }
die() { say "$*"; exit 1; }

[ "$#" -ge 2 ] || { echo "usage: $0 NEW_INDEX INDEX_PATH@BASE_URL..." >&2; exit 2; }
new_index="$1"; shift
[ -f "$new_index" ] || die "$new_index: no such file"
[ -x "$uplyft" ] || die "$uplyft is missing (swift build -c release --product uplyft)"

verified="$("$uplyft" index --verify "$new_index")" || die "$new_index failed verification; nothing was rolled out"
generation="$(sed -n 's/^  generation \([0-9a-f]\{8\}\)$/\1/p' <<< "$verified")"
[ -n "$generation" ] || die "could not read the generation of $new_index"
say "$new_index verified, generation $generation"

# The generation BASE_URL's health endpoint reports, or "unreachable".
served_generation() {
    curl -s --max-time 2 "$1/api/health/" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin).get("index_generation") or "none")' 2>/dev/null \
        || echo unreachable
}

for node in "$@"; do
    index_path="${node%@*}"
    base_url="${node##*@}"
    [ "$index_path" != "$node" ] && [ -n "$index_path" ] && [ -n "$base_url" ] || die "'$node' is not INDEX_PATH@BASE_URL"
    directory="$(dirname "$index_path")"
    [ -d "$directory" ] || die "$directory (for $base_url) does not exist"
    temporary="$directory/.$(basename "$index_path").rollout.$$"
    trap 'rm -f "$temporary"' EXIT
    cp -- "$new_index" "$temporary"
    sync -- "$temporary"
    mv -fT -- "$temporary" "$index_path"
    sync -- "$directory"
    trap - EXIT
    say "placed on $index_path; waiting for $base_url to serve it"
    deadline=$((SECONDS + wait_seconds))
    while served="$(served_generation "$base_url")"; [ "$served" != "$generation" ]; do
        [ "$SECONDS" -lt "$deadline" ] || die "FAILED: $base_url still serves generation $served, not $generation, after ${wait_seconds}s (see that node's log); nodes after it were not changed"
        sleep 0.2
    done
    say "$base_url serves generation $generation"
done
say "done: ${#} nodes serve generation $generation"
echo "$generation"
