#!/usr/bin/env bash
# Checks of how uplyft is run (docs/operations.md): the systemd unit deploy/uplyft.service
# passes `systemd-analyze verify` and keeps its restart and confinement settings, and
# scripts/run.sh (`make run`) says in one line why the server stopped: a crash signal, a
# kill -9, an error exit; and nothing alarming for Ctrl-C or SIGTERM, after which the server
# has shut down gracefully. Prints PASS/FAIL/SKIP per check; exits 1 on any FAIL.
#
#   UPLYFT=.build/release/uplyft scripts/operations-tests.sh
#
# systemd-analyze comes with Debian's systemd package: installed through apt when missing and
# running as root, otherwise that check is skipped and says so. No systemd needs to be running.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

uplyft=${UPLYFT:-$root/.build/release/uplyft}
if [[ ! -x $uplyft ]]; then
    echo "operations-tests: $uplyft is not an executable; build it (swift build -c release --product uplyft) or set UPLYFT" >&2
    exit 2
fi
uplyft=$(cd "$(dirname "$uplyft")" && pwd)/$(basename "$uplyft")

work=$(mktemp -d "${TMPDIR:-/tmp}/uplyft-operations.XXXXXX")
wrapper_pid=""
started=()   # every wrapper and server pid, for the clean-up
cleanup() {
    # A check that failed half-way may leave its wrapper and server running.
    for pid in "${started[@]}"; do kill -KILL "$pid" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT

failures=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }
skip() { echo "SKIP $1: $2"; }

# --- The systemd unit ---------------------------------------------------------------------------
unit=deploy/uplyft.service
if ! command -v systemd-analyze >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "== apt-get install systemd (for systemd-analyze)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd; } >/dev/null 2>&1 || true
fi
if ! command -v systemd-analyze >/dev/null 2>&1; then
    skip "systemd-unit" "systemd-analyze is missing and cannot be installed here (install Debian's systemd package: apt-get install systemd)"
else
    # verify checks that ExecStart names an executable: point it at this checkout's binary,
    # every other line as shipped. Unknown keys only warn (exit 0), so any output fails.
    sed "s|^ExecStart=/opt/uplyft/bin/uplyft |ExecStart=$uplyft |" "$unit" > "$work/uplyft.service"
    if output=$(systemd-analyze verify "$work/uplyft.service" 2>&1) && [[ -z $output ]]; then
        pass "systemd-unit (systemd-analyze verify: no error, no warning)"
    else
        fail "systemd-unit" "systemd-analyze verify said: $output"
    fi
    missing=()
    for setting in '^Restart=on-failure$' '^RestartSec=[1-9]' '^StartLimitIntervalSec=[1-9]' '^StartLimitBurst=[1-9]' \
        '^User=uplyft$' '^NoNewPrivileges=yes$' '^ProtectSystem=strict$' '^ReadWritePaths=/var/lib/uplyft$' \
        '^PrivateTmp=yes$' '^EnvironmentFile=-/etc/uplyft/uplyft.env$' '^CapabilityBoundingSet=$'; do
        grep -qE "$setting" "$unit" || missing+=("$setting")
    done
    # The server allows 10,000 connections; each needs a descriptor, plus its own files.
    limit=$(sed -n 's/^LimitNOFILE=\([0-9]*\)$/\1/p' "$unit")
    [[ -n $limit && $limit -ge 10240 ]] || missing+=("LimitNOFILE>=10240 (found '${limit}')")
    if ((${#missing[@]} == 0)); then
        pass "systemd-unit settings (restart on failure with a start limit, own user, confinement, 10,000+ descriptors)"
    else
        fail "systemd-unit settings" "missing or changed: ${missing[*]}"
    fi
    exposure=$(systemd-analyze security --offline=yes "$work/uplyft.service" 2>/dev/null | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]* [A-Z]*\).*/\1/p')
    echo "     systemd-analyze security --offline=yes: exposure ${exposure:-unknown}"
fi

# --- scripts/run.sh -----------------------------------------------------------------------------
"$uplyft" gen --seed 42 --count 300 -o "$work/catalog.jsonl" >/dev/null
"$uplyft" index "$work/catalog.jsonl" -o "$work/catalog.uplyft" >/dev/null

# Job control: each wrapper runs in a process group of its own, so a "Ctrl-C" can go to that
# group as a terminal sends it; without it bash would also start the wrapper with SIGINT
# ignored, which no trap can undo.
set -m
# That holds only if this script itself did not start with SIGINT ignored (as a background
# job of a non-interactive shell does): then every child inherits the ignore, no trap or set -m
# undoes it, and the Ctrl-C checks would wait on processes that never see the signal. Say so
# instead of waiting.
if (( (0x$(awk '/^SigIgn:/ {print $2}' /proc/$$/status) >> 1) & 1 )); then
    echo "FAIL operations tests: this shell was started with SIGINT ignored (a background job of a" \
         "non-interactive shell), so the Ctrl-C checks cannot work; run it in the foreground or under set -m" >&2
    exit 1
fi

# Starts run.sh, waits for the serving line, and sets wrapper_pid and server_pid.
# $1 names the run; its output lands in $work/$1.out and $work/$1.err.
start_wrapper() {
    local name=$1
    : > "$work/$name.out"
    : > "$work/$name.err"
    UPLYFT="$uplyft" UPLYFT_PASSWORD_ITERATIONS=1000 SWIFT_BACKTRACE=enable=no \
        bash scripts/run.sh --index "$work/catalog.uplyft" --data-dir "$work/data-$name" \
        --host 127.0.0.1 --port 0 --web-root "$root/web" >"$work/$name.out" 2>"$work/$name.err" &
    wrapper_pid=$!
    started+=("$wrapper_pid")
    server_pid=""
    local deadline=$((SECONDS + 60))
    while ((SECONDS < deadline)); do
        if grep -q '^serving http://' "$work/$name.out"; then
            server_pid=$(pgrep -P "$wrapper_pid" || true)
            if [[ -n $server_pid ]]; then
                started+=("$server_pid")
                return 0
            fi
        fi
        kill -0 "$wrapper_pid" 2>/dev/null || break
        sleep 0.05
    done
    return 1
}

# Waits (bounded) for the wrapper to end; sets wrapper_status.
wait_wrapper() {
    local deadline=$((SECONDS + 60))
    while kill -0 "$wrapper_pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.05; done
    if kill -0 "$wrapper_pid" 2>/dev/null; then
        wrapper_status="still running after 60 s"
        kill -KILL "$wrapper_pid" $(pgrep -P "$wrapper_pid") 2>/dev/null
        return 1
    fi
    wait "$wrapper_pid"
    wrapper_status=$?
    wrapper_pid=""
}

# The line run.sh adds, if any.
stop_line() { grep '^uplyft serve stopped' "$work/$1.err" || true; }

check_killed() {
    local name=$1 signal=$2 number=$3 expected=$4
    if ! start_wrapper "$name"; then fail "$name" "the server did not start: $(tail -3 "$work/$name.err")"; return; fi
    kill -s "$signal" "$server_pid"
    wait_wrapper
    local line
    line=$(stop_line "$name")
    if [[ $wrapper_status == $((128 + number)) && $line == *"killed by signal $number (SIG$signal, $expected"* \
          && $line == *"deploy/uplyft.service"* && $(stop_line "$name" | wc -l) -eq 1 ]]; then
        pass "$name: $line"
    else
        fail "$name" "exit ${wrapper_status}, line '${line}'"
    fi
}

check_requested_stop() {
    local name=$1 how=$2
    if ! start_wrapper "$name"; then fail "$name" "the server did not start: $(tail -3 "$work/$name.err")"; return; fi
    local server=$server_pid
    case $how in
        ctrl-c) kill -INT -- "-$wrapper_pid" ;;   # the whole foreground group, as a terminal does
        sigterm) kill -TERM "$wrapper_pid" ;;     # the wrapper alone, as `make` or a process manager does
    esac
    wait_wrapper
    local line graceful
    line=$(stop_line "$name")
    graceful=$(grep -c '^stopped$' "$work/$name.err" || true)
    if [[ $wrapper_status == 0 && -z $line && $graceful == 1 ]] && ! kill -0 "$server" 2>/dev/null; then
        pass "$name: exit 0, the server finished gracefully, no alarm"
    else
        fail "$name" "exit ${wrapper_status}, added line '${line}', graceful 'stopped' lines ${graceful}, server $(kill -0 "$server" 2>/dev/null && echo 'STILL RUNNING' || echo gone)"
    fi
}

check_killed "run.sh crash (SIGILL)" ILL 4 "a crash: a bug in uplyft"
check_killed "run.sh kill -9" KILL 9 "killed from outside"
check_requested_stop "run.sh Ctrl-C" ctrl-c
check_requested_stop "run.sh SIGTERM" sigterm

# An error exit: an index that does not exist.
name="run.sh error exit"
UPLYFT="$uplyft" bash scripts/run.sh --index "$work/missing.uplyft" --data-dir "$work/data-missing" --port 0 \
    >"$work/missing.out" 2>"$work/missing.err"
status=$?
line=$(grep '^uplyft serve stopped' "$work/missing.err" || true)
if [[ $status == 1 && $line == "uplyft serve stopped: exit status 1 "* ]] && grep -q 'missing.uplyft' "$work/missing.err"; then
    pass "$name: $line"
else
    fail "$name" "exit $status, line '$line'"
fi

# --- make run: settings and the index decision ----------------------------------------------
# `make -n` prints the commands make would run: the index and run.sh lines show which
# settings won. Inherited settings (an outer `make test PORT=...` passes its command-line
# variables down through MAKEFLAGS; UPLYFT_* may be exported) are cleared first.
plain_make() {
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u UPLYFT_PORT -u UPLYFT_HOST -u UPLYFT_DATA_DIR -u UPLYFT_INDEX \
        -u UPLYFT_WEB_ROOT -u UPLYFT_SYNONYMS -u PORT -u HOST -u DATA_DIR -u CATALOG -u INDEX -u SYNONYMS "$@"
}
check_make_settings() {
    local name=$1 expected_index=$2 expected_run=$3
    shift 3
    local printed index_line run_line
    printed=$(plain_make "$@" 2>&1)
    index_line=$(grep -E '^\.build/release/uplyft index ' <<<"$printed" || echo "(no index command)")
    run_line=$(grep -E 'scripts/run\.sh ' <<<"$printed" | sed 's/^.*scripts\/run\.sh //')
    if [[ $index_line == "$expected_index" && $run_line == "$expected_run" ]]; then
        pass "make settings: $name"
    else
        fail "make settings: $name" "index '$index_line', run '$run_line'"
    fi
}
default_index=".build/release/uplyft index corpus/catalog.jsonl -o data/catalog.uplyft --if-changed"
check_make_settings "defaults" "$default_index" \
    "--index data/catalog.uplyft --data-dir data --host 127.0.0.1 --port 8080 --web-root web --synonyms corpus/synonyms.txt" make -n run
check_make_settings "UPLYFT_* environment" \
    ".build/release/uplyft index corpus/catalog.jsonl -o /srv/shop/catalog.uplyft --if-changed" \
    "--index /srv/shop/catalog.uplyft --data-dir /srv/shop --host 0.0.0.0 --port 8081 --web-root /srv/web --synonyms /srv/shop/synonyms.txt" \
    UPLYFT_PORT=8081 UPLYFT_HOST=0.0.0.0 UPLYFT_DATA_DIR=/srv/shop UPLYFT_WEB_ROOT=/srv/web UPLYFT_SYNONYMS=/srv/shop/synonyms.txt make -n run
check_make_settings "make variables beat UPLYFT_*" "$default_index" \
    "--index data/catalog.uplyft --data-dir data --host 127.0.0.1 --port 8082 --web-root web --synonyms corpus/synonyms.txt" \
    UPLYFT_PORT=8081 make -n run PORT=8082
check_make_settings "make names in the environment are ignored" "$default_index" \
    "--index data/catalog.uplyft --data-dir data --host 127.0.0.1 --port 8080 --web-root web --synonyms corpus/synonyms.txt" \
    PORT=9999 HOST=example.org SYNONYMS=/elsewhere make -n run
check_make_settings "CATALOG" ".build/release/uplyft index my.jsonl -o data/catalog.uplyft --if-changed" \
    "--index data/catalog.uplyft --data-dir data --host 127.0.0.1 --port 8080 --web-root web" make -n run CATALOG=my.jsonl
check_make_settings "an index of one's own is served as it is" "(no index command)" \
    "--index /srv/own.uplyft --data-dir data --host 127.0.0.1 --port 8080 --web-root web" \
    UPLYFT_INDEX=/srv/own.uplyft make -n run
check_make_settings "INDEX with CATALOG" ".build/release/uplyft index c.jsonl -o /srv/own.uplyft --if-changed" \
    "--index /srv/own.uplyft --data-dir data --host 127.0.0.1 --port 8080 --web-root web" \
    make -n run INDEX=/srv/own.uplyft CATALOG=c.jsonl

check_make_settings "SYNONYMS= serves none" "$default_index" \
    "--index data/catalog.uplyft --data-dir data --host 127.0.0.1 --port 8080 --web-root web" make -n run SYNONYMS=
check_make_settings "SYNONYMS beats UPLYFT_SYNONYMS" "$default_index" \
    "--index data/catalog.uplyft --data-dir data --host 127.0.0.1 --port 8080 --web-root web --synonyms mine.txt" \
    UPLYFT_SYNONYMS=other.txt make -n run SYNONYMS=mine.txt

# make clean, run in a scratch copy of the Makefile among stand-ins for what builds and tests
# leave: all of it goes, and a data directory elsewhere (UPLYFT_DATA_DIR) is left alone.
scratch="$work/clean"
mkdir -p "$scratch" "$work/shop-data"
cp Makefile "$scratch/"
made=(.build/release .build-fuzz/work Benchmarks/.venv/bin Benchmarks/work/2000 test-output/screenshots
      .schemathesis data Tests/browser/__pycache__ Benchmarks/peers/__pycache__)
for path in "${made[@]}"; do mkdir -p "$scratch/$path" && touch "$scratch/$path/file"; done
mkdir -p "$scratch/Fuzz" "$scratch/corpus" && touch "$scratch/corpus/catalog.jsonl" "$work/shop-data/uplyft.db"
plain_make UPLYFT_DATA_DIR="$work/shop-data" make --no-print-directory -C "$scratch" clean >/dev/null 2>"$work/clean.err"
left=()
for path in "${made[@]}"; do [[ -e $scratch/$path ]] && left+=("$path"); done
if ((${#left[@]} == 0)) && [[ -f $scratch/corpus/catalog.jsonl && -f $work/shop-data/uplyft.db ]]; then
    pass "make clean: build, fuzz, venv, benchmark, test output and data/ removed; corpus and an outside data directory kept"
else
    fail "make clean" "left ${left[*]:-nothing}; corpus $([[ -f $scratch/corpus/catalog.jsonl ]] && echo kept || echo REMOVED); outside data $([[ -f $work/shop-data/uplyft.db ]] && echo kept || echo REMOVED); $(cat "$work/clean.err")"
fi

# The real thing, twice, stopped by a Ctrl-C to make's process group as a terminal sends it:
# the UPLYFT_* settings reach the server, the first run indexes, the second finds the index
# up to date, and neither prints a stop line.
check_make_run() {
    local name=$1 expected=$2 out="$work/make-$1.out" err="$work/make-$1.err"
    plain_make UPLYFT_PORT=0 UPLYFT_DATA_DIR="$work/make-data" make --no-print-directory run >"$out" 2>"$err" &
    local make_pid=$!
    started+=("$make_pid")
    local line=""
    # A cold release build may take minutes; make test has built it by now.
    line=$(SERVING_TIMEOUT_SECONDS=600 wait_for_serving "$out" "$make_pid" "$err") || true
    # make dies of the SIGINT, as it does under a terminal; bash's "Interrupt" job notice for
    # it would only clutter the report, hence stderr to /dev/null while it ends.
    {
        kill -INT -- "-$make_pid"
        local deadline=$((SECONDS + 60))
        while kill -0 "$make_pid" && ((SECONDS < deadline)); do sleep 0.05; done
        # Bounded: a group that ignored the signal is killed, and the check fails below.
        if kill -0 "$make_pid"; then
            kill -KILL -- "-$make_pid"
            [[ $line == http://127.0.0.1:* ]] && pkill -KILL -f -- "--data-dir $work/make-data"
        fi
        wait "$make_pid"
    } 2>/dev/null
    if [[ $line == http://127.0.0.1:* ]] && grep -q "^serving http://.*data $work/make-data)\$" "$out" \
        && grep -q "$expected" "$out" && ! grep -q '^uplyft serve stopped' "$err" && grep -q '^stopped$' "$err"; then
        pass "make run ($name): $(grep -m1 "$expected" "$out" | cut -c1-100)"
    else
        fail "make run ($name)" "served at '${line}'; output: $(tail -5 "$out" | tr '\n' '|'); errors: $(tail -5 "$err" | tr '\n' '|')"
    fi
}
# shellcheck source=lib/serving.sh
source scripts/lib/serving.sh
check_make_run first "^rebuilding $work/make-data/catalog.uplyft from corpus/catalog.jsonl: it does not exist yet"
check_make_run second "^$work/make-data/catalog.uplyft is up to date"

if ((failures > 0)); then
    echo "operations tests: $failures failed"
    exit 1
fi
echo "operations tests: all passed"
