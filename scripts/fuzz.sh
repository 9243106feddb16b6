#!/usr/bin/env bash
# Fuzzes uplyft's input parsers with libFuzzer (issue 7): builds each fuzz target with
# AddressSanitizer into .build-fuzz (normal builds in .build are untouched), then runs each for
# a fixed time on a working copy of its seed corpus. The seeds in Fuzz/corpus/<Name> stay as
# committed; inputs libFuzzer finds interesting accumulate in the work directory, so later runs
# start from them. A target with a dictionary of tokens, Fuzz/dictionaries/<Name>.dict, gets it
# with -dict.
#
#   scripts/fuzz.sh [--seconds N] [target...]    targets: HTTPRequestParser APIRequests
#                                                CatalogLine IndexReader JWT Chat (default: all)
#
# `make fuzz` runs each target for 600 s; `make test` for 15 s. Exits non-zero if any target
# crashed, leaked, hung or ran out of memory, and prints the input that did it: reproduce with
#   SWIFT_BACKTRACE=enable=no .build-fuzz/release/Fuzz<Name> <input>
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
targets=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --seconds=*) seconds="${1#*=}"; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) targets+=("$1"); shift ;;
    esac
done
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=(HTTPRequestParser APIRequests CatalogLine IndexReader JWT Chat)
fi

build_path=.build-fuzz
work_root=${FUZZ_WORK_DIR:-$build_path/work}

# Sanitizers: SwiftPM's --sanitize=fuzzer (which makes it link libFuzzer's main instead of its
# own) plus -sanitize=fuzzer,address for swiftc, not --sanitize=fuzzer --sanitize=address.
# SwiftPM keeps its sanitizers in a Set and emits them in a different order from one run to the
# next, and swiftc turns on coverage instrumentation only when the last -sanitize flag names the
# fuzzer: in the other order the binary has no coverage counters (libFuzzer then fuzzes blind:
# "no interesting inputs were found"), and each new order recompiles everything.
build() {
    swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address --build-path "$build_path" "$@"
}

# True when the binary carries libFuzzer's coverage counters; checked so that a blind binary
# fails loudly instead of "passing" its run.
has_coverage() {
    local sections
    sections=$(readelf -SW "$1" 2>/dev/null || true)
    [[ $sections == *__sancov_cntrs* ]]
}

for target in "${targets[@]}"; do
    if [[ ! -d "Fuzz/corpus/$target" ]]; then
        echo "fuzz: unknown target $target (no Fuzz/corpus/$target)" >&2
        exit 2
    fi
    echo "== building Fuzz$target"
    build --product "Fuzz$target"
done

binary_dir=$(build --show-bin-path)
for target in "${targets[@]}"; do
    if ! has_coverage "$binary_dir/Fuzz$target"; then
        echo "fuzz: Fuzz$target was linked without coverage counters (check the -sanitize flags)" >&2
        exit 2
    fi
done

failed=()
for target in "${targets[@]}"; do
    work="$work_root/$target"
    mkdir -p "$work/corpus" "$work/artifacts"
    # Stale artifacts from an earlier run would be reported as this run's.
    rm -f "$work/artifacts"/*
    cp -R "Fuzz/corpus/$target/." "$work/corpus/"
    echo "== fuzzing $target for ${seconds}s (log: $work/fuzz.log)"
    dictionary=()
    if [[ -f "Fuzz/dictionaries/$target.dict" ]]; then
        dictionary=("-dict=Fuzz/dictionaries/$target.dict")
    fi
    status=0
    # -timeout: an input taking 10 s is a hang; -rss_limit_mb: a damaged length must not make a
    # reader allocate gigabytes. The Swift backtracer would hide libFuzzer's own report.
    # Fuzz/lsan.supp: the OpenAPI schemas' one-time statics, which LeakSanitizer cannot see held.
    LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}" SWIFT_BACKTRACE=enable=no "$binary_dir/Fuzz$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 ${dictionary[@]+"${dictionary[@]}"} \
        -artifact_prefix="$work/artifacts/" "$work/corpus" >"$work/fuzz.log" 2>&1 || status=$?
    # The closing "DONE" line holds the coverage; exec/s comes from the final statistics.
    summary=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$work/fuzz.log" | tail -1 || true)
    rate=$(grep -E '^stat::average_exec_per_sec' "$work/fuzz.log" | awk '{print $2}' || true)
    echo "   ${summary:-no DONE line} | exec/s ${rate:-?}"
    # A binary linked without coverage counters fuzzes blind and finds nothing: say so loudly.
    if grep -q 'no interesting inputs were found' "$work/fuzz.log"; then
        echo "!! $target ran without coverage feedback (not instrumented?): rebuild with rm -rf $build_path" >&2
        failed+=("$target")
    fi
    artifacts=$(find "$work/artifacts" -type f | sort)
    if [[ $status -ne 0 || -n "$artifacts" ]]; then
        echo "!! $target failed (exit $status); the reason is at the end of $work/fuzz.log:" >&2
        grep -E 'Fatal error|ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|SUMMARY' "$work/fuzz.log" | head -5 >&2 || true
        for artifact in $artifacts; do echo "!! crashing input: $artifact" >&2; done
        failed+=("$target")
    fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz: failures in ${failed[*]}" >&2
    exit 1
fi
echo "fuzz: ${#targets[@]} target(s) ran ${seconds}s each without a failure"
