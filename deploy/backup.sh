#!/usr/bin/env bash
# deploy/backup.sh [FILE]: a consistent dump of the whole WritersRoom database (scripts, history, chat, accounts,
# data-protection keys, job state), written to FILE (default WR_DATA/backups/writersroom-<UTC time>.dump) with
# FILE.json beside it: when, from which server and schema version, row counts and the dump's sha256.
#
# pg_dump reads everything in one snapshot, so the app can keep running: writes committed after the snapshot
# are simply not in this backup. Custom format (-Fc): compressed, restored by restore.sh.
# Uses ConnectionStrings__WritersRoom when set, else the embedded cluster in WR_DATA (which must be running:
# `entrypoint.sh backup` starts it when the app is not running).
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
source "$HERE/common.sh"
wr_database_env

out=${1:-$WR_DATA/backups/writersroom-$(date -u +%Y%m%dT%H%M%SZ).dump}
mkdir -p "$(dirname "$out")"
tmp="$out.partial"
trap 'rm -f "$tmp" "$tmp.json"' EXIT

t0=$(_now_ms)
# No owners or grants in the dump: it restores into any database whose owner runs restore.sh.
"$(_pg_client pg_dump)" -Fc --no-owner --no-privileges -f "$tmp"

psql_q() { "$(_pg_client psql)" -X -At -v ON_ERROR_STOP=1 -c "$1"; }
count() { psql_q "SELECT count(*) FROM $1" 2>/dev/null || echo null; }
{
  printf '{\n  "createdAt": "%s",\n' "$(date -u +%FT%TZ)"
  printf '  "database": "%s",\n' "$(psql_q 'SELECT current_database()')"
  printf '  "server": "%s",\n' "$(psql_q 'SHOW server_version')"
  printf '  "pgvector": "%s",\n' "$(psql_q "SELECT coalesce(max(extversion), '') FROM pg_extension WHERE extname = 'vector'")"
  printf '  "lastMigration": "%s",\n' "$(psql_q 'SELECT coalesce(max(migration_id), '"''"') FROM "__EFMigrationsHistory"' 2>/dev/null || true)"
  printf '  "counts": {"users": %s, "scripts": %s, "scenes": %s, "blocks": %s, "conversations": %s, "messages": %s},\n' \
    "$(count '"AspNetUsers"')" "$(count scripts)" "$(count scenes)" "$(count blocks)" "$(count conversations)" "$(count messages)"
  printf '  "sha256": "%s",\n' "$(sha256sum "$tmp" | cut -d' ' -f1)"
  printf '  "bytes": %s\n}\n' "$(stat -c %s "$tmp")"
} >"$tmp.json"
mv "$tmp.json" "$out.json"
mv "$tmp" "$out"
trap - EXIT
log "backup written: $out ($(stat -c %s "$out") bytes, $(_secs $(($(_now_ms) - t0)))); metadata: $out.json"
echo "$out"
