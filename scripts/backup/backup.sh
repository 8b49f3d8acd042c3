#!/usr/bin/env bash
# A logical backup of the portal's two schemas (aventian, aventian_audit) in pg_dump's custom format, with a
# manifest beside it: schema version, exact row counts per table, and the dump's SHA-256.
#
#   PGHOST=... PGUSER=... PGDATABASE=avn-prod scripts/backup/backup.sh /backups
#
# Writes <dir>/<database>-<UTC time>.dump and .manifest, prints the dump's path, and records the run in
# aventian.tbl_backup_runs (the portal's aventian_backup_last_success_age_seconds metric reads it).
source "$(dirname "$0")/common.sh"

[ $# -eq 1 ] || die "usage: $0 <output directory>"
: "${PGDATABASE:?set PGDATABASE (and PGHOST, PGUSER, PGPASSWORD) to the portal database}"
mkdir -p "$1"
out_dir=$(cd "$1" && pwd)
check_client_version

name="$PGDATABASE-$(date -u +%Y%m%dT%H%M%SZ)"
dump="$out_dir/$name.dump"
manifest="$out_dir/$name.manifest"
start=$(now_ms)
rm -f "$dump.ok"

# One repeatable-read transaction exports its snapshot, pg_dump reads that snapshot, and the manifest's counts
# are taken in the same transaction afterwards: rows written meanwhile are in neither, so a backup of a live
# database still restores to exactly its manifest.
export AVN_PG_DUMP AVN_DUMP
AVN_PG_DUMP=$(bin pg_dump)
AVN_DUMP=$dump
{
  echo "begin isolation level repeatable read read only;"
  echo "select pg_export_snapshot() as snapshot \\gset"
  echo "\\setenv AVN_SNAPSHOT :snapshot"
  echo "\\! \"\$AVN_PG_DUMP\" --format=custom --compress=6 --no-owner --no-privileges --snapshot=\"\$AVN_SNAPSHOT\" --schema=aventian --schema=aventian_audit --file=\"\$AVN_DUMP\" && touch \"\$AVN_DUMP.ok\""
  echo "\\o $manifest.tmp"
  manifest_sql
  echo "\\o"
  echo "commit;"
} | "$(bin psql)" -X -At -q -v ON_ERROR_STOP=1
[ -f "$dump.ok" ] || die "pg_dump failed; no backup written"
rm -f "$dump.ok"

sha=$(sha256_of "$dump")
{ cat "$manifest.tmp"; echo "sha256 $sha"; } >"$manifest"
rm -f "$manifest.tmp"

size=$(stat -c %s "$dump")
version=$(sed -n 's/^schema_version //p' "$manifest")
"$(bin psql)" -X -q -v ON_ERROR_STOP=1 \
  -v file="$(basename "$dump")" -v size="$size" -v sha="$sha" -v version="$version" >/dev/null 2>&1 <<'SQL' \
  || echo "warning: the run was not recorded in aventian.tbl_backup_runs (a read-only server?)" >&2
insert into aventian.tbl_backup_runs (file_name, size_bytes, sha256, schema_version)
values (:'file', :'size', :'sha', :'version');
SQL

echo "backup: $dump ($size bytes) in $(seconds_since "$start") s" >&2
echo "$dump"
