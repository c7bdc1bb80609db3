#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests and prints its connection string.
# Usage: eval "$(scripts/postgres-throwaway.sh start)"   then   scripts/postgres-throwaway.sh stop "$WAYMARK_PG_DIR"
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
pgrun() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/waymark-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    pgrun "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log"
    # fsync stays on: the durability tests must mean something on PostgreSQL too.
    pgrun "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -h 127.0.0.1 -p $port -c max_connections=300" start >/dev/null
    echo "export WAYMARK_PG_DIR='$dir'"
    echo "export WAYMARK_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true'"
    ;;
  stop)
    dir=${2:?usage: stop DIR}
    pgrun "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
