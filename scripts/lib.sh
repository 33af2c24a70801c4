#!/usr/bin/env bash
# scripts/lib.sh: shared set-up helpers for run.sh and test.sh. Source it; don't run it.
#
# Every ensure_* function is idempotent: it checks cheaply whether its job is already done and only then
# does the work, so a second run of ./run.sh or ./test.sh skips straight to what is missing.
#
# Where things live (all git-ignored):
#   .data/postgres        the private PostgreSQL 15 cluster (PGDATA), owned by the `postgres` OS user
#   .data/postgres-run    its unix socket, its log (postgres.log); also owned by `postgres`
#   .data/redis           the private Redis's pid file and log (nothing is persisted)
#   .data/logs/<command>  one log per step of the last ./run.sh or ./test.sh
#   .data/stamps          stamp files of finished builds
# If the `postgres` user cannot reach .data (a checkout under /root, whose mode is 0700, say), the cluster
# goes to /var/lib/writersroom/<first 12 hex digits of sha256(repo path)>/{postgres,run} instead;
# `./run.sh status` prints which. Nothing else on the machine is changed: Debian packages are installed
# with apt-get, and pgvector is built from Debian's own source package into PostgreSQL 15's directories.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
WR_DATA="$REPO/.data"
WR_PG_PORT="${WR_PG_PORT:-55432}"
WR_REDIS_PORT="${WR_REDIS_PORT:-56379}"
PG_MAJOR=15
PG_USER=writersroom        # role and password of the private cluster
PG_DB=writersroom
# What the private cluster looks like. deploy/entrypoint.sh changes these before it creates its cluster:
PG_OS_USER=postgres                 # the OS user that owns and runs the cluster (the container's app user there)
PG_LISTEN=127.0.0.1                 # listen_addresses; '' for the unix socket only
PG_PASSWORD=$PG_USER                # the role's password; '' for none (socket-only clusters need none)
PG_ROLE_ATTRS="SUPERUSER CREATEDB"  # a development cluster; the container's role owns its database, no more
PG_APP_HOST=127.0.0.1               # where _pg_app_query connects: 127.0.0.1, or the socket folder
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------------------------------------- logging
_WR_STEP_NO=0
_WR_T0=0
WR_LOGS="$WR_DATA/logs"
WR_TMP=""

_now_ms() { local t=${EPOCHREALTIME//[.,]/}; echo $((t / 1000)); }
_secs() { printf '%d.%ds' $(($1 / 1000)) $((($1 % 1000) / 100)); }

# wr_begin NAME: call once at the top of a script; logs go to .data/logs/NAME/.
wr_begin() {
  _WR_T0=$(_now_ms)
  WR_LOGS="$WR_DATA/logs/$1"
  mkdir -p "$WR_DATA" "$WR_DATA/stamps"
  rm -rf "$WR_LOGS"
  mkdir -p "$WR_LOGS"
  WR_TMP="$(mktemp -d "${TMPDIR:-/tmp}/writersroom.XXXXXX")"
  trap 'rm -rf "$WR_TMP"' EXIT
}

# wr_elapsed: time since wr_begin, e.g. "12.3s".
wr_elapsed() { _secs $(($(_now_ms) - _WR_T0)); }

# note TEXT: inside a step, a line to show under the step's result (the step's own output goes to its log).
note() {
  if [[ -n $WR_TMP ]]; then echo "$*" >>"$WR_TMP/notes"; else echo "    $*"; fi
}

# die MESSAGE [WHAT-TO-DO]: fail the current step with a reason and, optionally, advice.
die() {
  echo "error: $1" >&2
  if [[ -n ${2:-} && -n $WR_TMP ]]; then echo "$2" >"$WR_TMP/hint"; fi
  exit 1
}

# step [--hint WHAT-TO-DO] "description" COMMAND [ARGS...]
# Runs COMMAND (usually one of the functions below) with set -e in a subshell, its output in a log file,
# and prints one line with its result and time. On failure it prints which step failed, the last lines of
# its log and what to do, and exits with the step's exit code. WR_VERBOSE=1 also shows the output live.
step() {
  local hint=""
  if [[ ${1-} == --hint ]]; then hint=$2; shift 2; fi
  local desc=$1; shift
  _WR_STEP_NO=$((_WR_STEP_NO + 1))
  local slug
  slug=$(printf '%s' "$desc" | tr -cs 'A-Za-z0-9' '-' | tr '[:upper:]' '[:lower:]' | cut -c1-40)
  local log
  log="$WR_LOGS/$(printf '%02d' "$_WR_STEP_NO")-${slug%-}.log"
  rm -f "$WR_TMP/notes" "$WR_TMP/hint"
  local t0 rc
  t0=$(_now_ms)
  if [[ ${WR_VERBOSE:-0} == 1 ]]; then
    echo "==> $desc"
    set +e
    (set -e; "$@") </dev/null 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    printf '    ... '
  else
    printf '==> %s ... ' "$desc"
    set +e
    (set -e; "$@") </dev/null >"$log" 2>&1
    rc=$?
    set -e
  fi
  local dt
  dt=$(_secs $(($(_now_ms) - t0)))
  if ((rc == 0)); then
    echo "ok ($dt)"
    if [[ -s $WR_TMP/notes ]]; then sed 's/^/    /' "$WR_TMP/notes"; fi
    return 0
  fi
  echo "FAILED ($dt)"
  if [[ -s $WR_TMP/hint ]]; then hint=$(cat "$WR_TMP/hint"); fi
  {
    echo
    echo "!! Step failed: $desc (exit code $rc)"
    echo "!! Why (last lines of $log):"
    tail -n 30 "$log" | sed 's/^/   | /'
    echo "!! What to do: ${hint:-read the log above (full log: $log), fix the cause, then run the same command again; finished steps are skipped.}"
  } >&2
  exit "$rc"
}

# ------------------------------------------------------------------------------------------ privileges
as_root() {
  if ((EUID == 0)); then "$@"; else sudo -n "$@"; fi
}

# as_postgres CMD...: run as the cluster's OS user ($PG_OS_USER), from / (its cwd must be readable by that user).
# When that user is the current one (the container), the command simply runs.
as_postgres() {
  if [[ $(id -un) == "$PG_OS_USER" ]]; then (cd / && "$@")
  elif ((EUID == 0)); then (cd / && runuser -u "$PG_OS_USER" -- "$@")
  else (cd / && sudo -n -u "$PG_OS_USER" "$@"); fi
}

# _pg_own_dirs DIR...: create the folders for the cluster's OS user alone (mode 700): as root when that
# user is another one, directly when it is the current user.
_pg_own_dirs() {
  if [[ $(id -un) == "$PG_OS_USER" ]]; then
    mkdir -p "$@" && chmod 700 "$@"
  else
    as_root mkdir -p "$@"
    as_root chown "$PG_OS_USER:" "$@"
    as_root chmod 700 "$@"
  fi
}

# ---------------------------------------------------------------------------------------------- apt
_pkg_installed() {
  local s
  s=$(dpkg -s "$1" 2>/dev/null) || return 1
  [[ $s == *"Status: install ok installed"* ]]
}

_apt_update_once() {
  if [[ -n $WR_TMP && -e $WR_TMP/apt-updated ]]; then return 0; fi
  as_root apt-get -o DPkg::Lock::Timeout=600 update
  if [[ -n $WR_TMP ]]; then touch "$WR_TMP/apt-updated"; fi
}

# ensure_apt PKG...: install the packages that are missing (one apt-get update first, only if needed).
ensure_apt() {
  (($# > 0)) || return 0
  local all
  all=$(dpkg -s "$@" 2>/dev/null || true)
  if [[ $(grep -c '^Status: install ok installed' <<<"$all" || true) -eq $# ]]; then return 0; fi
  local missing=() p
  for p in "$@"; do _pkg_installed "$p" || missing+=("$p"); done
  ((${#missing[@]} > 0)) || return 0
  echo "installing: ${missing[*]}"
  _apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}"
  note "installed ${missing[*]}"
}

# _apt_has PKG: does apt know a candidate for PKG? (after one apt-get update)
_apt_has() {
  local c
  c=$(apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p')
  [[ -n $c && $c != "(none)" ]]
}

# ------------------------------------------------------------------------------------------- tools
# ensure_dotnet: the .NET SDK is not a Debian package; it must already be on PATH.
ensure_dotnet() {
  command -v dotnet >/dev/null ||
    die "dotnet is not on PATH" "install the .NET 10 SDK (see global.json), make sure 'dotnet' is on PATH, then re-run."
  local v
  v=$(cd "$REPO" && dotnet --version) ||
    die "'dotnet --version' failed in $REPO: the SDK does not satisfy global.json" "install a .NET SDK matching global.json (10.0.1xx or later feature band)."
  note ".NET SDK $v"
}

# ensure_dotnet_tools: restore local tools (dotnet-ef, ...) when .config/dotnet-tools.json exists.
ensure_dotnet_tools() {
  local manifest="$REPO/.config/dotnet-tools.json" stamp="$WR_DATA/stamps/dotnet-tools"
  [[ -f $manifest ]] || { note "no .config/dotnet-tools.json: nothing to restore"; return 0; }
  if [[ -f $stamp && ! $manifest -nt $stamp ]]; then return 0; fi
  (cd "$REPO" && dotnet tool restore)
  touch "$stamp"
}

# ensure_node_modules DIR: npm ci (npm install without a lock file) when node_modules is missing or older
# than package.json/package-lock.json, then `npm run build` (if there is a build script) when anything in
# DIR outside node_modules changed since the last build. A no-op when DIR/package.json does not exist.
ensure_node_modules() {
  local dir=$1
  [[ -f $dir/package.json ]] || { note "no ${dir#"$REPO"/}/package.json: nothing to do"; return 0; }
  if ! command -v npm >/dev/null; then ensure_apt nodejs npm; fi
  local istamp="$dir/node_modules/.wr-installed" bstamp="$dir/node_modules/.wr-built"
  if [[ ! -f $istamp || $dir/package.json -nt $istamp || (-f $dir/package-lock.json && $dir/package-lock.json -nt $istamp) ]]; then
    if [[ -f $dir/package-lock.json ]]; then
      (cd "$dir" && npm ci --no-audit --no-fund)
    else
      (cd "$dir" && npm install --no-audit --no-fund)
    fi
    touch "$istamp"
    rm -f "$bstamp"
    note "npm packages installed in ${dir#"$REPO"/}"
  fi
  if (cd "$dir" && node -e 'process.exit(((require("./package.json").scripts)||{}).build ? 0 : 1)'); then
    local changed=""
    if [[ -f $bstamp ]]; then
      changed=$(find "$dir" -mindepth 1 -path "$dir/node_modules" -prune -o -newer "$bstamp" -print -quit)
    fi
    if [[ ! -f $bstamp || -n $changed ]]; then
      (cd "$dir" && npm run build)
      touch "$bstamp"
      note "npm run build done in ${dir#"$REPO"/}"
    fi
  fi
}

# ensure_chromium: Debian's Chromium and ChromeDriver (never a browser download) plus basic fonts.
ensure_chromium() {
  ensure_apt chromium chromium-driver fonts-liberation fonts-dejavu-core
  [[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is missing although the package is installed"
}

# ensure_nginx: Debian's nginx (the light build: proxy, upstream hashing, WebSockets), the load balancer the
# scale-out test puts in front of two app instances. Only the test starts it, with its own config and port.
ensure_nginx() {
  ensure_apt nginx-light
  [[ -x /usr/sbin/nginx ]] || die "/usr/sbin/nginx is missing although nginx-light is installed"
}

# ensure_fonts: the fonts PDF export draws with: Liberation Mono (Courier's metrics; Latin, Greek, Cyrillic),
# DejaVu for symbols and WenQuanYi Zen Hei for CJK (see WritersRoom.Web/Formats/ScriptFonts.cs).
ensure_fonts() {
  ensure_apt fonts-liberation fonts-dejavu-core fonts-wqy-zenhei
}

# ---------------------------------------------------------------------------------------- PostgreSQL
PG_LIB="/usr/lib/postgresql/$PG_MAJOR/bin"

# _pg_bin: the directory with initdb, pg_ctl and postgres of PostgreSQL 15. Debian's own location first;
# else whatever `initdb` on PATH is (on some machines /usr/local/bin holds links or wrappers).
_pg_bin() {
  if [[ -x $PG_LIB/initdb && -x $PG_LIB/pg_ctl && -x $PG_LIB/postgres ]]; then echo "$PG_LIB"; return 0; fi
  local i d v
  i=$(command -v initdb) || return 1
  d=$(dirname "$(readlink -f "$i")")
  [[ -x $d/pg_ctl && -x $d/postgres ]] || d=$(dirname "$i")
  v=$("$d/postgres" --version 2>/dev/null) || return 1
  [[ $v == *"PostgreSQL) $PG_MAJOR."* ]] || return 1
  echo "$d"
}

# _pg_client NAME: psql / pg_isready of PostgreSQL 15 (any version works for these).
_pg_client() {
  if [[ -x $PG_LIB/$1 ]]; then echo "$PG_LIB/$1"; else command -v "$1"; fi
}

_repo_hash() { printf '%s' "$REPO" | sha256sum | cut -c1-12; }

# _pg_paths: sets PG_DATA (cluster), PG_RUN (log), PG_SOCK (socket dir). Deterministic, so stop finds
# the cluster that start made: an existing cluster wins; otherwise .data/ when postgres can reach it.
_pg_paths() {
  local fallback
  fallback="/var/lib/writersroom/$(_repo_hash)"
  if [[ -n ${WR_PG_DATA:-} ]]; then
    PG_DATA=$WR_PG_DATA; PG_RUN="$WR_PG_DATA-run"
  elif [[ -f $WR_DATA/postgres/PG_VERSION ]]; then
    PG_DATA="$WR_DATA/postgres"; PG_RUN="$WR_DATA/postgres-run"
  elif [[ -f $fallback/postgres/PG_VERSION ]]; then
    PG_DATA="$fallback/postgres"; PG_RUN="$fallback/run"
  elif id postgres >/dev/null 2>&1 && mkdir -p "$WR_DATA" && chmod o+x "$WR_DATA" 2>/dev/null &&
    as_postgres test -x "$WR_DATA" 2>/dev/null; then
    PG_DATA="$WR_DATA/postgres"; PG_RUN="$WR_DATA/postgres-run"
  else
    PG_DATA="$fallback/postgres"; PG_RUN="$fallback/run"
  fi
  PG_SOCK=$PG_RUN
  # A unix socket path is limited to 107 bytes.
  if ((${#PG_SOCK} + 20 > 107)); then PG_SOCK="/tmp/writersroom-pg-$(_repo_hash)"; fi
}

_pg_running() { [[ -f $PG_DATA/PG_VERSION ]] && as_postgres "$(_pg_bin)/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1; }

_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# _pg_app_query SQL [DB]: run SQL over TCP as the app role, as the app does.
_pg_app_query() {
  PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=5 "$(_pg_client psql)" -X -At -v ON_ERROR_STOP=1 \
    -h "$PG_APP_HOST" -p "$WR_PG_PORT" -U "$PG_USER" -d "${2:-$PG_DB}" -c "$1"
}

_pg_admin() {
  as_postgres "$(_pg_client psql)" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$WR_PG_PORT" -U postgres "$@"
}

# ensure_pgvector: install pgvector into PostgreSQL 15, built from the source package of Debian's next
# release (trixie), fetched with a private apt configuration (the system's /etc/apt is left alone).
ensure_pgvector() {
  ensure_apt "postgresql-$PG_MAJOR" "postgresql-client-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR"
  local pgc="$PG_LIB/pg_config" bin v sv
  [[ -x $pgc ]] || die "$pgc is missing" "install postgresql-server-dev-$PG_MAJOR."
  v=$("$pgc" --version)
  [[ $v == "PostgreSQL $PG_MAJOR."* ]] || die "$pgc is '$v', not PostgreSQL $PG_MAJOR"
  bin=$(_pg_bin) || die "no PostgreSQL $PG_MAJOR server binaries (initdb, pg_ctl, postgres) found" "install postgresql-$PG_MAJOR."
  sv=$("$bin/postgres" --version)
  [[ $sv == *"PostgreSQL) $PG_MAJOR."* ]] || die "server is '$sv', not PostgreSQL $PG_MAJOR"
  local share lib
  share=$("$pgc" --sharedir)
  lib=$("$pgc" --pkglibdir)
  if [[ -f $share/extension/vector.control && -f $lib/vector.so ]]; then
    return 0
  fi

  ensure_apt build-essential dpkg-dev ca-certificates
  local work="$WR_DATA/build/pgvector"
  rm -rf "$work"
  mkdir -p "$work/parts" "$work/state/lists/partial" "$work/cache/archives/partial" "$work/src"
  local mirror
  mirror=$(_debian_mirror)
  local -a opts=(
    -o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=$work/parts"
    -o "Dir::State=$work/state" -o "Dir::Cache=$work/cache" -o "APT::Sandbox::User=root"
    -o "Acquire::Languages=none"
  )
  echo "deb-src $mirror trixie main" >"$work/sources.list"
  if ! apt-get "${opts[@]}" update; then
    [[ $mirror == http://deb.debian.org/debian ]] && die "could not read trixie's source index from $mirror"
    echo "retrying with http://deb.debian.org/debian"
    echo "deb-src http://deb.debian.org/debian trixie main" >"$work/sources.list"
    apt-get "${opts[@]}" update
  fi
  (cd "$work/src" && apt-get "${opts[@]}" source --only-source pgvector)
  local srcdir
  srcdir=$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n1)
  [[ -n $srcdir ]] || die "apt-get source pgvector unpacked nothing"
  # OPTFLAGS="" as Debian does: no -march=native, so the library runs on any x86-64 this disk moves to.
  make -C "$srcdir" -j"$(nproc)" PG_CONFIG="$pgc" OPTFLAGS=""
  as_root make -C "$srcdir" PG_CONFIG="$pgc" OPTFLAGS="" install
  [[ -f $share/extension/vector.control && -f $lib/vector.so ]] || die "pgvector did not install into $share/extension"
  note "built pgvector $(basename "$srcdir" | sed 's/^pgvector-//') from Debian trixie's source package ($mirror)"
  rm -rf "$work"
  rmdir "$WR_DATA/build" 2>/dev/null || true
}

# _debian_mirror: the Debian mirror this machine's apt uses (first http(s) URI of a "debian" archive).
_debian_mirror() {
  local f u
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    if [[ $f == *.sources ]]; then
      u=$(sed -n 's/^URIs:[[:space:]]*//p' "$f" | tr ' ' '\n')
    else
      u=$(sed -n 's/^[[:space:]]*deb\(-src\)\?[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\3/p' "$f")
    fi
    u=$(grep -E '^https?://' <<<"$u" | grep -E '/debian/?$' | head -n1 || true)
    if [[ -n $u ]]; then echo "${u%/}"; return 0; fi
  done
  echo "http://deb.debian.org/debian"
}

# ensure_cluster: a private PostgreSQL 15 cluster on 127.0.0.1:$WR_PG_PORT with role/database writersroom
# and the vector extension in template1 and writersroom. If the port already serves a cluster that is
# ready for the app (another checkout's, say), that one is used.
ensure_cluster() {
  ensure_apt "postgresql-$PG_MAJOR" "postgresql-client-$PG_MAJOR"
  local bin
  bin=$(_pg_bin) || die "no PostgreSQL $PG_MAJOR server binaries found" "install postgresql-$PG_MAJOR."
  _pg_paths

  if ! _pg_running; then
    if _port_open "$WR_PG_PORT"; then
      local ext
      if ext=$(_pg_app_query "SELECT extversion FROM pg_extension WHERE extname='vector'") && [[ -n $ext ]]; then
        note "port $WR_PG_PORT already serves a PostgreSQL with role $PG_USER and pgvector $ext (another checkout's cluster?): using it"
        return 0
      fi
      die "port $WR_PG_PORT is in use by something that is not a ready WritersRoom PostgreSQL" \
        "stop whatever listens on 127.0.0.1:$WR_PG_PORT, or choose another port: WR_PG_PORT=55433 $0"
    fi
    _pg_init "$bin"
    _pg_write_conf
    rm -f "$PG_RUN/postgres.log.prev"
    [[ -f $PG_RUN/postgres.log ]] && as_postgres mv "$PG_RUN/postgres.log" "$PG_RUN/postgres.log.prev"
    as_postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_RUN/postgres.log" -w -t 120 start ||
      { tail -n 20 "$PG_RUN/postgres.log" >&2 || true; die "PostgreSQL did not start (log: $PG_RUN/postgres.log)"; }
    note "PostgreSQL started: $PG_DATA on 127.0.0.1:$WR_PG_PORT"
  else
    local running_port
    running_port=$(sed -n 4p "$PG_DATA/postmaster.pid" 2>/dev/null || true)
    if [[ -n $running_port && $running_port != "$WR_PG_PORT" ]]; then
      die "the cluster in $PG_DATA runs on port $running_port, not WR_PG_PORT=$WR_PG_PORT" \
        "use WR_PG_PORT=$running_port, or './run.sh stop' and start again with the new port."
    fi
  fi
  _pg_provision
}

_pg_init() {
  local bin=$1
  [[ -f $PG_DATA/PG_VERSION ]] && return 0
  _pg_own_dirs "$PG_DATA" "$PG_RUN" "$PG_SOCK"
  if [[ -n $(as_postgres find "$PG_DATA" -mindepth 1 -print -quit) ]]; then
    die "$PG_DATA is not empty but holds no cluster (an interrupted initdb?)" \
      "look at it, remove it (rm -rf '$PG_DATA') and run again."
  fi
  as_postgres "$bin/initdb" -D "$PG_DATA" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256
  echo "include_if_exists = 'writersroom.conf'" | as_postgres tee -a "$PG_DATA/postgresql.conf" >/dev/null
  note "initialised a new cluster in $PG_DATA"
}

# Settings for 2 cores; durable (fsync, synchronous_commit, full_page_writes on). Rewritten at each start.
_pg_write_conf() {
  _pg_own_dirs "$PG_SOCK"
  as_postgres tee "$PG_DATA/writersroom.conf" >/dev/null <<EOF
# Written by scripts/lib.sh before every start: change the script, not this file.
port = $WR_PG_PORT
listen_addresses = '$PG_LISTEN'
unix_socket_directories = '$PG_SOCK'
max_connections = 200
shared_buffers = 256MB
work_mem = 16MB
maintenance_work_mem = 256MB
effective_cache_size = 4GB
fsync = on
synchronous_commit = on
full_page_writes = on
timezone = 'UTC'
log_timezone = 'UTC'
log_line_prefix = '%m [%p] %q%u@%d '
# A streaming replica can copy this cluster (pg_basebackup -R; the read-only replica test does, over the
# "host replication" line initdb writes). These are PostgreSQL's defaults, stated because that test needs them;
# a replication slot left behind by a crashed test may keep no more WAL than this.
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
max_slot_wal_keep_size = 1GB
EOF
}

_pg_provision() {
  local password="PASSWORD NULL"
  [[ -n $PG_PASSWORD ]] && password="PASSWORD '$PG_PASSWORD'"
  _pg_admin -d postgres <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN $PG_ROLE_ATTRS $password;
  ELSE
    ALTER ROLE $PG_USER LOGIN $PG_ROLE_ATTRS $password;
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB')\\gexec
SQL
  local db
  for db in template1 "$PG_DB"; do
    _pg_admin -d "$db" -c "CREATE EXTENSION IF NOT EXISTS vector" -c "ALTER EXTENSION vector UPDATE"
  done
  local ext
  ext=$(_pg_app_query "SELECT extversion FROM pg_extension WHERE extname='vector'") ||
    die "cannot log in as $PG_USER over $PG_APP_HOST:$WR_PG_PORT"
  [[ -n $ext ]] || die "the vector extension is missing in database $PG_DB"
  note "PostgreSQL $PG_APP_HOST:$WR_PG_PORT ready: role $PG_USER, database $PG_DB, pgvector $ext"
}

# stop_cluster: stop this checkout's cluster (never one that belongs to another checkout).
stop_cluster() {
  _pg_paths
  if [[ ! -f $PG_DATA/PG_VERSION ]]; then note "no cluster in $PG_DATA"; return 0; fi
  if ! _pg_running; then note "PostgreSQL ($PG_DATA) was not running"; return 0; fi
  as_postgres "$(_pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w -t 120 stop
  note "PostgreSQL stopped ($PG_DATA)"
}

# ---------------------------------------------------------------------------------------------- Redis
_redis_ping() {
  local r
  r=$(timeout 5 redis-cli -h 127.0.0.1 -p "$WR_REDIS_PORT" ping 2>/dev/null) || return 1
  [[ $r == PONG ]]
}

# ensure_redis: a private, memory-only Redis on 127.0.0.1:$WR_REDIS_PORT, unless one answers there already.
ensure_redis() {
  ensure_apt redis-server redis-tools
  local dir="$WR_DATA/redis"
  mkdir -p "$dir"
  if _redis_ping; then
    note "Redis 127.0.0.1:$WR_REDIS_PORT answers"
    return 0
  fi
  if _port_open "$WR_REDIS_PORT"; then
    die "port $WR_REDIS_PORT is in use by something that is not Redis" \
      "stop whatever listens on 127.0.0.1:$WR_REDIS_PORT, or choose another port: WR_REDIS_PORT=56380 $0"
  fi
  redis-server --port "$WR_REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  local i
  for i in $(seq 1 50); do
    if _redis_ping; then note "Redis started on 127.0.0.1:$WR_REDIS_PORT"; return 0; fi
    sleep 0.1
  done
  tail -n 20 "$dir/redis.log" >&2 || true
  die "Redis did not answer on port $WR_REDIS_PORT (log: $dir/redis.log)"
}

# _alive PID: the process exists and is not a zombie waiting for its parent (init here) to reap it.
_alive() {
  local st
  st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  st=${st##*) }
  [[ ${st:0:1} != Z ]]
}

# stop_redis: stop the Redis this checkout started (found by its pid file).
stop_redis() {
  local pidf="$WR_DATA/redis/redis.pid" pid comm
  pid=$(cat "$pidf" 2>/dev/null || true)
  comm=""
  if [[ -n $pid ]]; then comm=$(cat "/proc/$pid/comm" 2>/dev/null || true); fi
  if [[ -z $pid || $comm != redis-server* ]] || ! _alive "$pid"; then
    rm -f "$pidf"
    note "Redis (this checkout's) was not running"
    return 0
  fi
  kill "$pid"
  local i
  for i in $(seq 1 100); do
    _alive "$pid" || { rm -f "$pidf"; note "Redis stopped"; return 0; }
    sleep 0.1
  done
  die "Redis (pid $pid) did not stop within 10 s"
}

# -------------------------------------------------------------------------------------------- dotnet
# _sources_changed_since STAMP: prints a path if any file or folder the app's build reads changed after
# STAMP (tests/, scripts, docs and outputs are left out).
_sources_changed_since() {
  find "$REPO" -mindepth 1 \( -name .git -o -name .data -o -name bin -o -name obj -o -name node_modules \
    -o -name TestResults -o -name .vs -o -name .idea -o -path "$REPO/tests" -o -path "$REPO/scripts" \
    -o -path "$REPO/.ci" \) -prune -o \( -name '*.md' -o -name '*.sh' \) -o -newer "$1" -print -quit
}

# dotnet_build_if_changed PROJECT-OR-SLN CONFIGURATION: build unless nothing changed since the last build.
dotnet_build_if_changed() {
  local target=$1 config=$2 stamp
  stamp="$WR_DATA/stamps/build-$(basename "$target")-$config"
  if [[ -f $stamp && -z $(_sources_changed_since "$stamp") ]]; then
    note "nothing changed since the last build"
    return 0
  fi
  rm -f "$stamp"
  local t
  t=$(mktemp "$WR_DATA/stamps/.build.XXXXXX")
  (cd "$REPO" && dotnet build "$target" -c "$config" -tl:off -nologo)
  mv "$t" "$stamp"
}

# -------------------------------------------------------------------------------------- connections
# The connection the app uses (an external one when ConnectionStrings__WritersRoom is set).
wr_app_connection() {
  if [[ -n ${ConnectionStrings__WritersRoom:-} ]]; then
    echo "$ConnectionStrings__WritersRoom"
  else
    echo "Host=127.0.0.1;Port=$WR_PG_PORT;Database=$PG_DB;Username=$PG_USER;Password=$PG_USER"
  fi
}

# The admin connection the tests use to create their own databases: database "postgres".
wr_test_pg_connection() {
  if [[ -n ${ConnectionStrings__WritersRoom:-} ]]; then
    local cs=";$ConnectionStrings__WritersRoom"
    # Replace the Database=/Db= key of the external connection string with Database=postgres.
    cs=$(sed -E 's/;[[:space:]]*(database|db)[[:space:]]*=[^;]*/;Database=postgres/Ig' <<<"$cs")
    [[ $cs == *";Database=postgres"* ]] || cs="$cs;Database=postgres"
    echo "${cs#;}"
  else
    echo "Host=127.0.0.1;Port=$WR_PG_PORT;Database=postgres;Username=$PG_USER;Password=$PG_USER"
  fi
}

# shellcheck disable=SC2034 # used by run.sh and test.sh
APT_HINT="run as root (or with passwordless sudo); check that 'apt-get update' works and reaches the Debian mirror, then run again."
# shellcheck disable=SC2034
PGVECTOR_HINT="the build needs Debian trixie's source index from the mirror in /etc/apt/sources.list(.d) and postgresql-server-dev-15; read the log, or set ConnectionStrings__WritersRoom to a PostgreSQL that has pgvector."

# Debian packages both scripts need (the PostgreSQL ones only for the private cluster).
wr_base_packages() {
  local p=(ca-certificates redis-server redis-tools)
  if [[ -z ${ConnectionStrings__WritersRoom:-} ]]; then
    p+=("postgresql-$PG_MAJOR" "postgresql-client-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR")
  fi
  printf '%s\n' "${p[@]}"
}
