#!/usr/bin/env bash
# deploy/restore.sh FILE: restore a dump made by backup.sh into an EMPTY WritersRoom database (a new instance,
# or a new database given by ConnectionStrings__WritersRoom), all or nothing (one transaction).
# It refuses a database that already has tables: restoring over live data would mix two histories.
# Start the app afterwards: it applies any newer migrations to the restored schema.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
source "$HERE/common.sh"

file=${1:-}
[[ -n $file && -f $file ]] || die "usage: restore.sh FILE (a dump made by backup.sh)"
wr_database_env

psql_q() { "$(_pg_client psql)" -X -At -v ON_ERROR_STOP=1 -c "$1"; }
tables=$(psql_q "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
((tables == 0)) || die "database $PGDATABASE is not empty ($tables tables): restore only into an empty database"

if [[ -f $file.json ]]; then
  want=$(sed -n 's/.*"sha256": "\([0-9a-f]*\)".*/\1/p' "$file.json")
  [[ -z $want || $want == "$(sha256sum "$file" | cut -d' ' -f1)" ]] || die "$file does not match the sha256 in $file.json"
fi

# pgvector must exist before the tables that use it. Creating an extension needs a superuser, so the
# embedded cluster's set-up (and a test database's template) already has it; the dump's own extension
# entries are left out so that the database owner can restore without superuser rights.
if [[ -z $(psql_q "SELECT 1 FROM pg_extension WHERE extname = 'vector'") ]]; then
  psql_q "CREATE EXTENSION vector" >/dev/null ||
    die "the vector extension is missing in $PGDATABASE and this role may not create it" "CREATE EXTENSION vector as a superuser, then run again."
fi
list=$(mktemp)
trap 'rm -f "$list"' EXIT
"$(_pg_client pg_restore)" -l "$file" | grep -Ev '^[0-9]+; [0-9]+ [0-9]+ (EXTENSION - |COMMENT - EXTENSION )' >"$list"

t0=$(_now_ms)
"$(_pg_client pg_restore)" --no-owner --no-privileges --exit-on-error --single-transaction -L "$list" -d "$PGDATABASE" "$file"
psql_q "ANALYZE" >/dev/null
log "restored $file into $PGDATABASE in $(_secs $(($(_now_ms) - t0))): $(psql_q 'SELECT count(*) FROM scripts') scripts, $(psql_q 'SELECT count(*) FROM messages') messages"
