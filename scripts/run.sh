#!/usr/bin/env bash
# Runs `uplyft serve` in the foreground for `make run` and, when it stops for any reason but
# a requested one, says how in one line: the exit status it gave, or the signal that killed it
# and what that usually means. A Ctrl-C (or SIGTERM/SIGHUP to this script) is passed to the
# server once, which finishes the requests in flight and exits 0: nothing more is printed then.
#
#   scripts/run.sh [uplyft serve options...]        e.g. --index data/catalog.uplyft --port 8080
#
# UPLYFT names the binary (default: .build/release/uplyft of this checkout). The exit status
# is the server's (128 + N when signal N killed it). Nothing here restarts the server: that is
# the supervisor's job, deploy/uplyft.service (docs/operations.md).
set -uo pipefail

uplyft=${UPLYFT:-"$(dirname "$0")/../.build/release/uplyft"}
if [[ ! -x $uplyft ]]; then
    echo "run.sh: $uplyft is not an executable; build it with: swift build -c release --product uplyft" >&2
    exit 2
fi

# Job control puts the server in a process group of its own, so that the terminal's Ctrl-C
# reaches it once, through the trap below, instead of twice (directly and forwarded), and so
# that the server keeps the default SIGINT action while it starts (a non-interactive shell
# starts background commands with SIGINT ignored unless job control is on).
set -m
"$uplyft" serve "$@" &
server=$!

stop_requested=""
interrupted=0
forward() {
    interrupted=1
    stop_requested=$1
    kill -s "$1" "$server" 2>/dev/null
}
trap 'forward INT' INT
trap 'forward TERM' TERM
trap 'forward HUP' HUP

# `wait` returns early (128 + signal) when a trapped signal arrives while the server is still
# stopping: wait again until it returns because the server ended. Bash keeps an ended child's
# status, so a second `wait` after it ended returns that status at once. Its stderr goes to
# /dev/null to drop bash's own "Illegal instruction" job notice: the line below says it better.
while :; do
    interrupted=0
    wait "$server" 2>/dev/null
    status=$?
    [[ $interrupted -eq 1 ]] || break
done
trap - INT TERM HUP

supervisor="to restart it automatically, run it under systemd: deploy/uplyft.service (docs/operations.md)"
if ((status == 0)); then
    exit 0
elif ((status > 128)); then
    # uplyft itself exits with 0, 1 or 2 only (Sources/uplyft/main.swift), so above 128 is a signal.
    number=$((status - 128))
    name="SIG$(kill -l "$number" 2>/dev/null || echo "$number")"
    case $name in
        SIGILL | SIGTRAP | SIGABRT | SIGSEGV | SIGBUS | SIGFPE)
            meaning="a crash: a bug in uplyft; the lines above say where" ;;
        SIGKILL)
            meaning="killed from outside: kill -9, or the kernel's out-of-memory killer (see dmesg)" ;;
        SIGINT | SIGTERM | SIGHUP | SIGQUIT)
            meaning="asked to stop before it had finished starting" ;;
        SIGXCPU | SIGXFSZ)
            meaning="a resource limit (ulimit) was reached" ;;
        *)
            meaning="a signal uplyft does not handle" ;;
    esac
    # Stopping while it started is what a Ctrl-C then asks for: nothing to be alarmed about.
    if [[ $name == "SIG$stop_requested" ]]; then
        exit "$status"
    fi
    echo "uplyft serve stopped: killed by signal $number ($name, $meaning); $supervisor" >&2
else
    echo "uplyft serve stopped: exit status $status (an error uplyft reported: the lines above say which)" >&2
fi
exit "$status"
