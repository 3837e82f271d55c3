#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server on loopback for the tests and the local cluster.
#   scripts/postgres.sh start   install (Debian's postgresql-15) if missing, init, start, create the database; prints the connection string
#   scripts/postgres.sh stop
#   scripts/postgres.sh restart [S]  stop it (fast: open connections are cut), stay down S seconds (default 0), start it again
#   scripts/postgres.sh url     print the connection string
# PostgreSQL refuses to run as root, so the server runs as the `postgres` user with its data under /tmp.
set -euo pipefail

PORT="${ACTORSYNC_PG_PORT:-55432}"
DATA="${ACTORSYNC_PG_DATA:-/tmp/actorsync-pg-$PORT}"
DB="${ACTORSYNC_PG_DB:-actorsync}"
USER_NAME="actorsync"
PASSWORD="actorsync"   # a local test server bound to 127.0.0.1 only; not a secret
URL="Host=127.0.0.1;Port=$PORT;Username=$USER_NAME;Password=$PASSWORD;Database=$DB;Pooling=true;Maximum Pool Size=50"

find_bin() {
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

as_postgres() {
  if [ "$(id -un)" = "postgres" ]; then "$@"; else su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; fi
}

install_if_missing() {
  if ! find_bin >/dev/null; then
    echo "postgres.sh: installing Debian's postgresql-15" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql-15 >&2
  fi
  id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql --shell /bin/bash postgres
}

start() {
  install_if_missing
  local bin; bin="$(find_bin)"
  if [ ! -f "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"; chown postgres "$DATA"; chmod 700 "$DATA"
    as_postgres "$bin/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 >/dev/null
    cat >> "$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DATA'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start >/dev/null
  fi
  local psql="$bin/psql -h 127.0.0.1 -p $PORT -U postgres -v ON_ERROR_STOP=1 -qtA"
  if [ -z "$(as_postgres $psql -c "select 1 from pg_roles where rolname='$USER_NAME'")" ]; then
    as_postgres $psql -c "create role $USER_NAME login superuser password '$PASSWORD'" >/dev/null
  fi
  if [ -z "$(as_postgres $psql -c "select 1 from pg_database where datname='$DB'")" ]; then
    as_postgres $psql -c "create database $DB owner $USER_NAME" >/dev/null
  fi
  echo "$URL"
}

stop() {
  local bin; bin="$(find_bin)" || exit 0
  [ -f "$DATA/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
}

# A restart as an operator's maintenance or a crash-restart looks to clients: every connection is cut, the port is
# closed for a while, then the same data comes back.
restart() {
  local down="${1:-0}" bin; bin="$(find_bin)" || { echo "postgres.sh: no PostgreSQL installed; run start first" >&2; exit 1; }
  [ -f "$DATA/PG_VERSION" ] || { echo "postgres.sh: no server in $DATA; run start first" >&2; exit 1; }
  as_postgres "$bin/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  sleep "$down"
  start
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  restart) restart "${2:-0}" ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|restart [seconds-down]|url" >&2; exit 2 ;;
esac
