# Shared by backup.sh, restore.sh and drill.sh (sourced, not run). Connection: libpq's PG* environment
# variables (PGHOST, PGPORT, PGUSER, PGPASSWORD or a ~/.pgpass, PGDATABASE), never a password argument:
# arguments show in `ps`. PG_BIN picks the client binaries (e.g. /usr/lib/postgresql/17/bin).

set -euo pipefail

readonly SCHEMAS=(aventian aventian_audit)

bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN/$1"; else command -v "$1" || { echo "$1 not found: install postgresql-client" >&2; exit 2; }; fi
}

die() { echo "error: $*" >&2; exit 1; }

# pg_dump refuses a server newer than itself: say which client to install instead of its long message
check_client_version() {
  local client server
  client=$("$(bin pg_dump)" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)?.*/\1/')
  server=$("$(bin psql)" -X -At -c 'show server_version_num' | cut -c1-2 | sed 's/^0//')
  [ "$client" -ge "$server" ] \
    || die "pg_dump $client cannot dump PostgreSQL $server: install postgresql-client-$server or set PG_BIN"
}

# The manifest's SQL: the schema version, then one line per table with its exact row count, sorted.
# Partitions count as tables of their own; partitioned parents (no rows of their own) are left out.
manifest_sql() {
  cat <<'SQL'
select 'schema_version ' || coalesce((select version from aventian.flyway_schema_history
                                       where success and version is not null
                                       order by installed_rank desc limit 1), 'none');
select format('select %L || '' '' || count(*) from %I.%I;', n.nspname || '.' || c.relname, n.nspname, c.relname)
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where n.nspname in ('aventian', 'aventian_audit') and c.relkind = 'r'
 order by 1
\gexec
SQL
}

# The manifest of the database named (without the checksum line).
manifest_of() {
  manifest_sql | "$(bin psql)" -X -At -q -v ON_ERROR_STOP=1 -d "$1"
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

now_ms() { date +%s%3N; }

seconds_since() { awk -v start="$1" -v end="$(now_ms)" 'BEGIN { printf "%.1f", (end - start) / 1000 }'; }
