#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL server on 127.0.0.1:55432 for the tests, installing
# Debian's server package when it is missing. Prints the JDBC URL for SHEETSMITH_TEST_PG_URL.
# Usage: .ci/postgres.sh start DIR | .ci/postgres.sh stop DIR
set -euo pipefail
action=${1:?start or stop}; dir=${2:?data folder}
port=55432
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_postgres "'$bin/initdb' -D '$dir/data' -A trust -U sheetsmith >/dev/null"
    as_postgres "'$bin/pg_ctl' -D '$dir/data' -l '$dir/log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1\" start >/dev/null"
    echo "jdbc:postgresql://127.0.0.1:$port/postgres?user=sheetsmith"
    ;;
  stop)
    as_postgres "'$bin/pg_ctl' -D '$dir/data' -m fast stop >/dev/null" || true
    ;;
esac
