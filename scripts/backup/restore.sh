#!/usr/bin/env bash
# Restores a backup made by backup.sh into a new database on the server PG* points at, then checks it against
# the backup's manifest (schema version and every table's row count).
#
#   PGHOST=... PGUSER=... scripts/backup/restore.sh /backups/avn-prod-20261129T020000Z.dump avn-prod-restored
#
# The database must not exist yet: a restore never writes over live data. Point the portal at it afterwards
# (SPRING_DATASOURCE_URL); its Flyway finds the schema at the backup's version and migrates it forward.
source "$(dirname "$0")/common.sh"

[ $# -eq 2 ] || die "usage: $0 <backup.dump> <new database name>"
dump=$1
target=$2
manifest="${dump%.dump}.manifest"
[ -f "$dump" ] || die "no backup at $dump"
[ -f "$manifest" ] || die "no manifest at $manifest"
start=$(now_ms)

[ "$(sha256_of "$dump")" = "$(sed -n 's/^sha256 //p' "$manifest")" ] || die "$dump does not match its manifest's checksum"

exists=$("$(bin psql)" -X -At -d postgres -v name="$target" <<'SQL'
select count(*) from pg_database where datname = :'name';
SQL
)
[ "$exists" = "0" ] || die "database $target exists already; restore into a new one"
"$(bin createdb)" "$target"

# as many jobs as cores (the data of each table loads in parallel, and its indexes are built in parallel)
"$(bin pg_restore)" --exit-on-error --no-owner --no-privileges --jobs="$(nproc)" --dbname="$target" "$dump"
"$(bin psql)" -X -q -d "$target" -c "analyze" >/dev/null

if ! diff <(grep -v '^sha256 ' "$manifest") <(manifest_of "$target") >&2; then
  die "the restored database $target differs from the manifest (lines above: < manifest, > restored)"
fi
echo "restore: $target matches the manifest, in $(seconds_since "$start") s" >&2
