#!/usr/bin/env bash
# deploy/entrypoint.sh: the image's entrypoint; also runs outside a container (the deploy tests do).
#
#   entrypoint.sh                     start PostgreSQL (initialised on first start) and the app; on SIGTERM or
#                                     SIGINT the app drains and stops, then PostgreSQL stops cleanly
#   entrypoint.sh backup [FILE]       consistent dump of the whole database (see backup.sh)
#   entrypoint.sh restore FILE        restore a dump into this (empty) instance (see restore.sh)
#   entrypoint.sh export-all FILE     every script as Fountain in one zip
#
# Environment: WR_DATA (default /data), WR_APP_DIR (the published app, default /app), ASPNETCORE_URLS
# (default http://+:8080), ASPNETCORE_ENVIRONMENT (default Production), ConnectionStrings__WritersRoom
# (your own PostgreSQL with pgvector: then no embedded cluster), WR_PG_PORT (the embedded cluster's port
# number, socket only; default 5432). Everything else the app reads (Ai__*, Redis__*) passes through.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
source "$HERE/common.sh"

WR_APP_DIR=${WR_APP_DIR:-/app}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://+:8080}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}

# app_command ARGS...: the published app: a self-contained executable in the image, else `dotnet X.dll`.
app_command() {
  if [[ -x $WR_APP_DIR/WritersRoom.Web ]]; then
    APP=("$WR_APP_DIR/WritersRoom.Web" "$@")
  elif [[ -f $WR_APP_DIR/WritersRoom.Web.dll ]]; then
    APP=(dotnet "$WR_APP_DIR/WritersRoom.Web.dll" "$@")
  else
    die "no published app in WR_APP_DIR=$WR_APP_DIR (WritersRoom.Web or WritersRoom.Web.dll)"
  fi
}

# with_database CMD...: run CMD with the database up: the embedded cluster is started for it (and stopped
# after it when it was not running before); an external one is simply used.
with_database() {
  if wr_external; then "$@"; return; fi
  wr_embedded_layout
  local was_running=0
  _pg_running && was_running=1
  wr_pg_start
  local rc=0
  "$@" || rc=$?
  ((was_running)) || wr_pg_stop
  return "$rc"
}

serve() {
  app_command
  if wr_external; then
    log "using the PostgreSQL of ConnectionStrings__WritersRoom (no embedded cluster)"
  else
    wr_embedded_layout
    wr_pg_start
    ConnectionStrings__WritersRoom=$(wr_embedded_connection)
    export ConnectionStrings__WritersRoom
    stop_pg_on_exit=1
  fi

  # The app runs as a child so that this script outlives it and can stop PostgreSQL afterwards. A signal
  # is passed on and the script keeps waiting: the app finishes acknowledged writes and running jobs
  # within its shutdown timeout before it exits.
  log "starting the app: ${APP[*]} on $ASPNETCORE_URLS ($ASPNETCORE_ENVIRONMENT)"
  (cd "$WR_APP_DIR" && exec "${APP[@]}") &
  app_pid=$!
  trap 'log "stopping (signal received)"; kill -TERM "$app_pid" 2>/dev/null || true' TERM INT
  local rc=0
  while :; do
    rc=0
    wait "$app_pid" || rc=$?
    # wait returns early (above 128) when a trapped signal arrives; the app is then still running.
    kill -0 "$app_pid" 2>/dev/null || break
  done
  trap - TERM INT
  log "the app exited with code $rc"
  if ((${stop_pg_on_exit:-0})); then wr_pg_stop; fi
  exit "$rc"
}

export_all() {
  app_command export-all --out "$1"
  if ! wr_external; then
    ConnectionStrings__WritersRoom=$(wr_embedded_connection)
    export ConnectionStrings__WritersRoom
  fi
  (cd "$WR_APP_DIR" && "${APP[@]}")
}

case ${1:-serve} in
  serve) serve ;;
  backup) shift; with_database "$HERE/backup.sh" "$@" ;;
  restore) shift; with_database "$HERE/restore.sh" "$@" ;;
  export-all) [[ -n ${2:-} ]] || die "usage: entrypoint.sh export-all FILE.zip"; with_database export_all "$2" ;;
  -h | --help | help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) exec "$@" ;;
esac
