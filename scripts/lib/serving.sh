# Sourced by the scripts that start `uplyft serve` in the background and must know when it is
# ready and on which port (scripts/*.sh, Benchmarks/*.sh). Bash only; no output but the result.
#
#   "$uplyft" serve --port 0 ... > "$out" 2> "$err" &
#   base_url=$(wait_for_serving "$out" $! "$err") || exit 1
#
# Readiness is the server's own `serving http://HOST:PORT/ (index ..., data ...)` line: it is
# printed once the socket listens, with the port the kernel chose for --port 0. The wait is a
# bounded poll of that file, never a fixed sleep, and copes with everything a loaded machine
# can reorder:
#   - the file may not exist yet: the background job's redirection runs in the child, which may
#     not have been scheduled when the parent first looks (browser tests failed 6 times in 300
#     runs under CPU load from exactly this, under `set -e`);
#   - the line may be half written: only a complete line, closing parenthesis included, counts;
#   - the server may exit instead (a busy port, a bad index): reported at once, with its stderr;
#   - it may take long to start on a loaded machine: SERVING_TIMEOUT_SECONDS (default 120).

# Prints the base URL (http://HOST:PORT) once FILE holds the serving line of the process PID.
# On failure prints why to stderr (and the tail of ERROR_FILE, if given) and returns 1.
wait_for_serving() {
    local file=$1 pid=$2 error_file=${3:-}
    local deadline=$((SECONDS + ${SERVING_TIMEOUT_SECONDS:-120}))
    local line
    while :; do
        line=$(grep -m1 -E '^serving http://[^ /]+/ \(index .*\)$' "$file" 2>/dev/null || true)
        if [[ -n $line ]]; then
            line=${line#serving }
            echo "${line%%/ *}"
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "uplyft serve (pid $pid) exited before it was serving" >&2
            [[ -n $error_file && -f $error_file ]] && tail -n 20 "$error_file" >&2
            return 1
        fi
        if ((SECONDS >= deadline)); then
            echo "uplyft serve (pid $pid) printed no serving line within ${SERVING_TIMEOUT_SECONDS:-120} s" >&2
            [[ -n $error_file && -f $error_file ]] && tail -n 20 "$error_file" >&2
            return 1
        fi
        sleep 0.05
    done
}
