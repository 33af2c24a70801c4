#!/usr/bin/env bash
# ./run.sh          set up what is missing (Debian packages, pgvector, PostgreSQL, Redis, npm, build), then
#                   run WritersRoom in the foreground (Ctrl-C stops the app; the databases keep running)
# ./run.sh setup    only set up
# ./run.sh stop     stop this checkout's PostgreSQL cluster and Redis
# ./run.sh status   show what runs where
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

cmd=${1:-start}
case $cmd in
  start | setup | stop | status) ;;
  -h | --help | help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: ./run.sh [start|setup|stop|status]" >&2; exit 2 ;;
esac

wr_begin "run-$cmd"
cd "$REPO"

external_pg=0
[[ -n ${ConnectionStrings__WritersRoom:-} ]] && external_pg=1
external_redis=0
[[ -n ${Redis__Connection:-} ]] && external_redis=1

if [[ $cmd == stop ]]; then
  step "Stop PostgreSQL" stop_cluster
  step "Stop Redis" stop_redis
  echo "stopped in $(wr_elapsed)"
  exit 0
fi

if [[ $cmd == status ]]; then
  _pg_paths
  if ((external_pg)); then echo "PostgreSQL: external (ConnectionStrings__WritersRoom)"
  elif _pg_running; then echo "PostgreSQL: running, $PG_DATA, 127.0.0.1:$WR_PG_PORT (log $PG_RUN/postgres.log)"
  elif _port_open "$WR_PG_PORT"; then echo "PostgreSQL: not this checkout's; port $WR_PG_PORT is served by another process"
  else echo "PostgreSQL: stopped ($PG_DATA)"; fi
  if _redis_ping 2>/dev/null; then echo "Redis: answering on 127.0.0.1:$WR_REDIS_PORT"; else echo "Redis: not answering on 127.0.0.1:$WR_REDIS_PORT"; fi
  exit 0
fi

mapfile -t packages < <(wr_base_packages)
step "Check the .NET SDK" ensure_dotnet
step --hint "$APT_HINT" "Debian packages" ensure_apt "${packages[@]}"
step "Fonts" ensure_fonts
if ((external_pg)); then
  echo "==> PostgreSQL: using ConnectionStrings__WritersRoom (no private cluster)"
else
  step --hint "$PGVECTOR_HINT" "pgvector for PostgreSQL $PG_MAJOR" ensure_pgvector
  step "PostgreSQL cluster on 127.0.0.1:$WR_PG_PORT" ensure_cluster
fi
if ((external_redis)); then
  echo "==> Redis: using Redis__Connection (no private Redis)"
else
  step "Redis on 127.0.0.1:$WR_REDIS_PORT" ensure_redis
fi
step "npm packages (WritersRoom.Web/ClientApp)" ensure_node_modules "$REPO/WritersRoom.Web/ClientApp"
step "dotnet local tools" ensure_dotnet_tools
step "Build WritersRoom.Web (Debug)" dotnet_build_if_changed WritersRoom.Web/WritersRoom.Web.csproj Debug
echo "set-up done in $(wr_elapsed)"
[[ $cmd == setup ]] && exit 0

export ASPNETCORE_URLS="${WR_URLS:-http://127.0.0.1:5000}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
ConnectionStrings__WritersRoom="$(wr_app_connection)"
export ConnectionStrings__WritersRoom
export Redis__Connection="${Redis__Connection:-127.0.0.1:$WR_REDIS_PORT}"

# Refuse to start a second copy on a busy port (only the first URL is checked).
first_url=${ASPNETCORE_URLS%%;*}
hostport=${first_url#*://}
hostport=${hostport%%/*}
port=${hostport##*:}
if [[ $port =~ ^[0-9]+$ ]] && _port_open "$port"; then
  echo "error: port $port is already in use (is WritersRoom already running?). Stop it, or set WR_URLS=http://127.0.0.1:5001" >&2
  exit 1
fi

echo "==> Starting WritersRoom on $ASPNETCORE_URLS ($ASPNETCORE_ENVIRONMENT); Ctrl-C stops it; './run.sh stop' stops the databases"
# dotnet run runs in the project folder, so content root, appsettings and static web assets resolve.
exec dotnet run --project WritersRoom.Web/WritersRoom.Web.csproj -c Debug --no-build --no-launch-profile
