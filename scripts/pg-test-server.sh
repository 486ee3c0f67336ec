#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite: initdb + pg_ctl in a temporary directory, loopback only,
# on a free port, as a non-root user (PostgreSQL refuses to run as root).
#
#   eval "$(scripts/pg-test-server.sh start)"   # prints: export MARSAD_TEST_PG=postgresql://...
#   scripts/pg-test-server.sh stop              # stops the server and removes its directory
#
# Installs the Debian `postgresql` package first when no server binaries are found and we are root.
# State lives in ${MARSAD_PG_STATE:-${TMPDIR:-/tmp}/marsad-pg-test}; only messages go to stderr.
set -euo pipefail

STATE="${MARSAD_PG_STATE:-${TMPDIR:-/tmp}/marsad-pg-test}"
say() { echo "pg-test-server: $*" >&2; }

find_bindir() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    command -v initdb >/dev/null 2>&1 && { dirname "$(readlink -f "$(command -v initdb)")"; return 0; }
    return 1
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
    if [ -f "$STATE/env" ] && [ -f "$STATE/data/postmaster.pid" ]; then
        say "already running"; cat "$STATE/env"; return 0
    fi
    local bindir
    if ! bindir="$(find_bindir)"; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            say "installing the postgresql Debian package"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 \
                || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
            bindir="$(find_bindir)"
        else
            say "no PostgreSQL server binaries (initdb) found; install the postgresql package"; exit 1
        fi
    fi
    local run=()
    local owner
    owner="$(id -un)"
    if [ "$(id -u)" = 0 ]; then
        owner=postgres
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
        run=(runuser -u postgres --)
    fi
    rm -rf "$STATE"
    mkdir -p "$STATE"
    chown "$owner" "$STATE"
    chmod 700 "$STATE"
    local port
    port="$(free_port)"
    "${run[@]}" "$bindir/initdb" -D "$STATE/data" -U marsad --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        >"$STATE/initdb.log" 2>&1 || { cat "$STATE/initdb.log" >&2; exit 1; }
    "${run[@]}" "$bindir/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $STATE -c fsync=off -c full_page_writes=off" start >&2 \
        || { cat "$STATE/server.log" >&2; exit 1; }
    "${run[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U marsad marsad_test
    echo "$bindir" > "$STATE/bindir"
    echo "export MARSAD_TEST_PG=postgresql://marsad@127.0.0.1:$port/marsad_test" > "$STATE/env"
    say "running on 127.0.0.1:$port (data in $STATE)"
    cat "$STATE/env"
}

stop() {
    if [ ! -d "$STATE" ]; then say "not running"; return 0; fi
    local bindir run=()
    bindir="$(cat "$STATE/bindir" 2>/dev/null || find_bindir || true)"
    [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
    if [ -n "$bindir" ] && [ -f "$STATE/data/postmaster.pid" ]; then
        "${run[@]}" "$bindir/pg_ctl" -D "$STATE/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$STATE"
    say "stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
