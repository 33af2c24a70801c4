#!/usr/bin/env bash
# deploy/common.sh: what entrypoint.sh, backup.sh and restore.sh share. Source it; don't run it.
#
# The same scripts run in the image (as its non-root user, which then owns the database cluster) and on a
# plain machine (as root, when the `postgres` OS user owns the cluster), so a test can run them without a
# container engine. Cluster helpers come from scripts/lib.sh; only the layout of the data folder is set here.
#
# WR_DATA (default /data) holds everything:
#   postgres/       the PostgreSQL 15 cluster
#   postgres-run/   its unix socket and its log (postgres.log)
#   backups/        what backup.sh writes unless told otherwise
set -euo pipefail

_wr_data=${WR_DATA:-/data}
_wr_pg_port=${WR_PG_PORT:-5432}
# shellcheck source=../scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)/scripts/lib.sh"
WR_DATA=$_wr_data
WR_PG_PORT=$_wr_pg_port
# psql's notices ("extension already exists, skipping") say nothing an operator needs at every start.
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

log() { printf '%s writersroom: %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }

# wr_external: true when the operator gave their own PostgreSQL.
wr_external() { [[ -n ${ConnectionStrings__WritersRoom:-} ]]; }

# wr_embedded_layout: the private cluster's paths and rules. It listens on its unix socket only (no TCP port
# to collide with, nothing to reach from outside), and the app's role owns its database and nothing else.
wr_embedded_layout() {
  if ((EUID == 0)); then PG_OS_USER=postgres; else PG_OS_USER=$(id -un); fi
  PG_DATA="$WR_DATA/postgres"
  PG_RUN="$WR_DATA/postgres-run"
  PG_SOCK=$PG_RUN
  # A unix socket path is limited to 107 bytes.
  if ((${#PG_SOCK} + 20 > 107)); then PG_SOCK="/tmp/writersroom-pg-$(printf '%s' "$WR_DATA" | sha256sum | cut -c1-12)"; fi
  PG_LISTEN=${WR_PG_LISTEN:-}
  PG_PASSWORD=${WR_PG_PASSWORD:-}
  PG_ROLE_ATTRS="NOSUPERUSER NOCREATEDB NOCREATEROLE"
  PG_APP_HOST=$PG_SOCK
}

# wr_embedded_connection: the app's Npgsql connection string to the private cluster.
wr_embedded_connection() {
  echo "Host=$PG_SOCK;Port=$WR_PG_PORT;Database=$PG_DB;Username=$PG_USER"
}

# wr_reach_data: when root runs the cluster as `postgres`, that user must be able to pass through WR_DATA.
wr_reach_data() {
  mkdir -p "$WR_DATA"
  if [[ $(id -un) != "$PG_OS_USER" ]] && ! as_postgres test -x "$WR_DATA" 2>/dev/null; then
    chmod o+x "$WR_DATA"
  fi
}

# wr_pg_start: initialise the cluster on first start, then start it and make sure role, database and pgvector
# exist. Settings are rewritten at every start (scripts/lib.sh: _pg_write_conf).
wr_pg_start() {
  local bin
  bin=$(_pg_bin) || die "no PostgreSQL $PG_MAJOR server binaries found (initdb, pg_ctl, postgres)"
  wr_reach_data
  if [[ ! -f $PG_DATA/PG_VERSION ]]; then
    log "first start: initialising the database cluster in $PG_DATA"
    _pg_init "$bin" >&2
  fi
  _pg_write_conf
  if _pg_running; then
    log "PostgreSQL already runs in $PG_DATA"
  else
    _pg_own_dirs "$PG_RUN"
    as_postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_RUN/postgres.log" -w -t 120 -s start ||
      { tail -n 20 "$PG_RUN/postgres.log" >&2 || true; die "PostgreSQL did not start (log: $PG_RUN/postgres.log)"; }
  fi
  _pg_provision >&2
  log "PostgreSQL $PG_MAJOR ready in $PG_DATA (socket $PG_SOCK)"
}

# wr_pg_stop: a fast shutdown (sessions are ended, everything committed is on disk), waiting for it.
wr_pg_stop() {
  _pg_running || return 0
  as_postgres "$(_pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 -s stop
  log "PostgreSQL stopped"
}

# wr_libpq_env CONNECTION-STRING: export PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD from an Npgsql
# connection string (Host=...;Port=...;Database=...;Username=...;Password=...), for pg_dump and psql.
wr_libpq_env() {
  local part key value parts
  unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD
  IFS=';' read -ra parts <<<"$1"
  for part in "${parts[@]}"; do
    [[ $part == *=* ]] || continue
    key=$(tr -d '[:space:]' <<<"${part%%=*}" | tr '[:upper:]' '[:lower:]')
    value=${part#*=}
    case $key in
      host | server) export PGHOST=$value ;;
      port) export PGPORT=$value ;;
      database | db) export PGDATABASE=$value ;;
      username | userid | user | uid) export PGUSER=$value ;;
      password | pwd) export PGPASSWORD=$value ;;
      sslmode) export PGSSLMODE=${value,,} ;;
    esac
  done
}

# wr_database_env: libpq variables for the app's database, embedded or external.
wr_database_env() {
  if wr_external; then
    wr_libpq_env "$ConnectionStrings__WritersRoom"
  else
    wr_embedded_layout
    wr_libpq_env "$(wr_embedded_connection)"
  fi
}
