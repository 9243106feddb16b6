#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests and local runs, on loopback only.
#
#   scripts/postgres.sh start   initialise a cluster in a temporary directory (once), start it,
#                               create the database and print its libpq URL as the last line
#   scripts/postgres.sh url     print the URL of the running server
#   scripts/postgres.sh stop    stop it and delete the cluster
#   scripts/postgres.sh pause   stop it, keeping its data and port for the next start
#
# Installs Debian's `postgresql` when its programs are missing (as root; otherwise says how).
# PostgreSQL refuses to run as root, so as root the server runs as the unprivileged user
# `nobody`. The state (directory, port) lives in $UPLYFT_PG_STATE (default
# /tmp/uplyft-postgres-$UID), so start and stop from different shells meet.
set -euo pipefail

state="${UPLYFT_PG_STATE:-/tmp/uplyft-postgres-$(id -u)}"
database=uplyft
user=uplyft
# A password that means nothing outside this throwaway cluster, so that the URL has the
# USER:PASSWORD form operators use; the server listens on loopback only.
password=uplyft-test

find_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    return 1
}

install_if_missing() {
    find_bin >/dev/null && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "postgres.sh: PostgreSQL is not installed; install it with: sudo apt-get install -y postgresql" >&2
        exit 1
    fi
    echo "== apt-get install postgresql" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    find_bin >/dev/null || { echo "postgres.sh: postgresql installed but initdb not found" >&2; exit 1; }
}

# Runs a command as the cluster's owner: ourselves, or `nobody` when we are root.
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

# A free loopback port, asked of the kernel (port 0) rather than guessed.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

url() {
    [ -f "$state/port" ] || { echo "postgres.sh: not started (no $state/port)" >&2; exit 1; }
    echo "postgresql://$user:$password@127.0.0.1:$(cat "$state/port")/$database"
}

start() {
    install_if_missing
    local bin; bin="$(find_bin)"
    if [ -f "$state/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$state/data" status >/dev/null 2>&1; then
        url; return 0
    fi
    mkdir -p "$state"
    if [ ! -f "$state/data/PG_VERSION" ]; then
        rm -rf "$state/data"
        mkdir -p "$state/data" "$state/socket"
        [ "$(id -u)" = 0 ] && chown -R nobody:nogroup "$state" && chmod 755 "$state"
        printf '%s\n' "$password" > "$state/pwfile"
        [ "$(id -u)" = 0 ] && chown nobody:nogroup "$state/pwfile"
        chmod 600 "$state/pwfile"
        # The superuser is the database user the tests connect as: they create and drop a
        # schema per test. scram-sha-256 over TCP, as a production server would ask.
        as_owner "$bin/initdb" -D "$state/data" -U "$user" --pwfile="$state/pwfile" -A scram-sha-256 \
            -E UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1 || { cat "$state/initdb.log" >&2; exit 1; }
    fi
    # A restart after `pause` keeps its port, so the URL nodes were given still holds.
    [ -s "$state/port" ] || free_port > "$state/port"
    # A throwaway cluster for tests: no fsync (what it holds need not survive power loss, and
    # the tests create a schema and run the migrations per test), loopback only.
    as_owner "$bin/pg_ctl" -D "$state/data" -l "$state/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $(cat "$state/port") -c unix_socket_directories=$state/socket -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || { tail -20 "$state/server.log" >&2; exit 1; }
    if ! PGPASSWORD="$password" "$bin/psql" -h 127.0.0.1 -p "$(cat "$state/port")" -U "$user" -d postgres -tAc \
            "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
        PGPASSWORD="$password" "$bin/psql" -q -h 127.0.0.1 -p "$(cat "$state/port")" -U "$user" -d postgres \
            -c "CREATE DATABASE $database" >/dev/null
    fi
    url
}

# Stops the server but keeps its data and port: `start` brings the same database back (the
# cluster tests take the database away under running nodes this way).
pause() {
    local bin
    if bin="$(find_bin)" && [ -f "$state/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$state/data" -m fast -w stop >/dev/null
    fi
}

stop() {
    local bin
    if bin="$(find_bin)" && [ -f "$state/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$state/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$state"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    pause) pause ;;
    url) url ;;
    *) echo "usage: scripts/postgres.sh start|stop|pause|url" >&2; exit 2 ;;
esac
