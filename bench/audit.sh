#!/usr/bin/env bash
# The audit benchmark (issue 15, item 7), in one command from the repository root:  bench/audit.sh
#
# Starts Debian's PostgreSQL (as bench/run.sh does) on a free loopback port in a temporary folder, applies
# db/migration in order, and measures in the database, where the work happens:
#   1. dropping one day partition of ROWS_DROP audit rows (target: under 1 s), DROPS times;
#   2. the audit viewer's first and 100th keyset page (the portal's own SQL, prepared) on ROWS_VIEW rows
#      over 8 days, for the platform-wide view and for one big team holding a fifth of the rows
#      (target: under 50 ms at p99), RUNS times each, with pgbench.
# Prints one table and writes it to bench/results/audit-<date>.txt. Everything it starts is stopped on exit.
#
# Settings: ROWS_DROP [1000000]  ROWS_VIEW [5000000]  TEAMS [1000]  RUNS [200]  DROPS [3]  KEEP_TMP [0]
set -euo pipefail

ROWS_DROP=${ROWS_DROP:-1000000}
ROWS_VIEW=${ROWS_VIEW:-5000000}
TEAMS=${TEAMS:-1000}
RUNS=${RUNS:-200}
DROPS=${DROPS:-3}
KEEP_TMP=${KEEP_TMP:-0}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STAMP=$(date -u +%Y-%m-%d-%H%M)
RESULT=$ROOT/bench/results/audit-$STAMP.txt
PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
TMP=$(mktemp -d /tmp/aventian-audit-bench.XXXXXX)
PGDATA=$TMP/postgres
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
as_postgres() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
sql() { psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d aventian "$@"; }

cleanup() {
	local rc=$?
	if [[ -f $PGDATA/postmaster.pid ]]; then
		as_postgres "$PG_BIN/pg_ctl" stop -D "$PGDATA" -m fast -t 30 >/dev/null 2>&1 || true
	fi
	if [[ $KEEP_TMP == 1 || $rc != 0 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
	exit $rc
}
trap cleanup EXIT INT TERM

mkdir -p "$PGDATA" "$TMP/socket" "$ROOT/bench/results"
[[ $(id -u) == 0 ]] && chown postgres: "$PGDATA" "$TMP/socket" "$TMP"
PG_VERSION=$("$PG_BIN/postgres" --version | grep -o '[0-9][0-9.]*' | head -1)
log "PostgreSQL $PG_VERSION on 127.0.0.1:$PG_PORT"
as_postgres "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$TMP/initdb.log"
as_postgres "$PG_BIN/pg_ctl" start -D "$PGDATA" -w -t 60 -l "$PGDATA/server.log" -o "-p $PG_PORT \
	-c listen_addresses=127.0.0.1 -c unix_socket_directories=$TMP/socket -c shared_buffers=512MB \
	-c max_wal_size=4GB -c checkpoint_timeout=30min" >/dev/null
psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c 'create database aventian'
sql -c 'create schema aventian; create schema aventian_audit'
for migration in $(ls "$ROOT"/db/migration/V*__*.sql | sort -V); do
	sql -f "$migration" >/dev/null
done
log "schema at $(basename "$(ls "$ROOT"/db/migration/V*__*.sql | sort -V | tail -1)")"

# --- 1. dropping a day of ROWS_DROP rows ----------------------------------------------------------------
drop_ms=()
for run in $(seq "$DROPS"); do
	sql -c "select aventian_audit.ensure_daily_partitions('tbl_audit_events', date '2020-01-01', 1)" >/dev/null
	sql -c "insert into aventian_audit.tbl_audit_events (occurred_at, actor_email, action, target_type, target_id, team_id, details)
	        select timestamptz '2020-01-01 00:00:00+00' + (n * interval '86399 seconds' / $ROWS_DROP),
	               'user' || (n % 5000) || '@example.com', 'TEAM_RENAMED', 'team', n::text,
	               md5((n % $TEAMS)::text)::uuid, jsonb_build_object('from', 'a', 'to', 'b')
	        from generate_series(1, $ROWS_DROP) n"
	sql -c 'checkpoint'
	ms=$(sql -c '\timing on' -c "select aventian_audit.drop_daily_partitions_before('tbl_audit_events', date '2020-01-02')" \
		| grep -o 'Time: [0-9.]*' | grep -o '[0-9.]*')
	log "drop $run: ${ms} ms"
	drop_ms+=("$ms")
done

# --- 2. the viewer's pages on ROWS_VIEW rows ----------------------------------------------------------
TODAY=$(date -u +%F)
sql -c "select aventian_audit.ensure_daily_partitions('tbl_audit_events', date '$TODAY' - 7, 8)" >/dev/null
log "generating $ROWS_VIEW rows over 8 days"
sql -c "insert into aventian_audit.tbl_audit_events (occurred_at, actor_email, action, target_type, target_id, team_id, details, ip)
        select timestamptz '$TODAY 00:00:00+00' - interval '7 days' + (n * interval '8 days' / ($ROWS_VIEW + 1)),
               'user' || (n % 20000) || '@example.com',
               (array['TEAM_RENAMED','ROLE_CHANGED','INVITATION_SENT','MEMBER_REMOVED','USER_CREATED'])[1 + n % 5],
               'user', md5(n::text),
               case when n % 5 = 0 then '00000000-0000-0000-0000-00000000b16b'::uuid else md5((n % $TEAMS)::text)::uuid end,
               jsonb_build_object('from', 'Member', 'to', 'Admin'), '10.0.0.1'::inet
        from generate_series(1, $ROWS_VIEW) n"
sql -c 'vacuum analyze aventian_audit.tbl_audit_events'

BIG_TEAM=00000000-0000-0000-0000-00000000b16b
COLUMNS='e.id, e.occurred_at, e.actor_user_id, e.actor_email, e.action, e.target_type, e.target_id, e.team_id, e.product_id, e.details, e.ip'
# the cursor of page 99's last row (row 4,950), found once the slow way
cursor() { sql -F ' ' -c "select occurred_at, id from aventian_audit.tbl_audit_events e $1 order by occurred_at desc, id desc offset 4949 limit 1"; }
read -r PLATFORM_AT_DATE PLATFORM_AT_TIME PLATFORM_ID <<<"$(cursor '')"
read -r TEAM_AT_DATE TEAM_AT_TIME TEAM_ID <<<"$(cursor "where e.team_id = '$BIG_TEAM'")"

cat >"$TMP/platform-first.sql" <<SQL
select $COLUMNS from aventian_audit.tbl_audit_events e order by e.occurred_at desc, e.id desc limit 51;
SQL
cat >"$TMP/platform-100.sql" <<SQL
select $COLUMNS from aventian_audit.tbl_audit_events e
where e.occurred_at <= '$PLATFORM_AT_DATE $PLATFORM_AT_TIME' and (e.occurred_at, e.id) < ('$PLATFORM_AT_DATE $PLATFORM_AT_TIME', $PLATFORM_ID)
order by e.occurred_at desc, e.id desc limit 51;
SQL
cat >"$TMP/team-first.sql" <<SQL
select $COLUMNS from aventian_audit.tbl_audit_events e where e.team_id = '$BIG_TEAM' order by e.occurred_at desc, e.id desc limit 51;
SQL
cat >"$TMP/team-100.sql" <<SQL
select $COLUMNS from aventian_audit.tbl_audit_events e
where e.team_id = '$BIG_TEAM' and e.occurred_at <= '$TEAM_AT_DATE $TEAM_AT_TIME'
  and (e.occurred_at, e.id) < ('$TEAM_AT_DATE $TEAM_AT_TIME', $TEAM_ID)
order by e.occurred_at desc, e.id desc limit 51;
SQL

percentiles() {  # latencies in microseconds on stdin -> "p50 p99 max" in ms
	sort -n | awk '{ v[NR] = $1 } END { printf "%.2f %.2f %.2f", v[int(NR * .5)] / 1000, v[int(NR * .99)] / 1000, v[NR] / 1000 }'
}
declare -A page
for name in platform-first platform-100 team-first team-100; do
	(cd "$TMP" && as_postgres "$PG_BIN/pgbench" -n -M prepared -h 127.0.0.1 -p "$PG_PORT" -U postgres -c 1 -t "$RUNS" \
		-l --log-prefix="$name" -f "$name.sql" aventian >"$name.out" 2>&1)
	page[$name]=$(cat "$TMP/$name".[0-9]* 2>/dev/null | awk '{ print $3 }' | percentiles)
	log "$name: ${page[$name]} (p50 p99 max, ms)"
done
sql -c "explain (analyze, buffers) $(cat "$TMP/team-100.sql")" >"$TMP/team-100.plan"

{
	echo "Audit benchmark $STAMP (bench/audit.sh): PostgreSQL $PG_VERSION, $(nproc) cores, $(free -g | awk '/Mem/ { print $2 }') GiB"
	echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: other builds ran meanwhile)"
	echo
	echo "drop one day partition of $ROWS_DROP rows (target < 1000 ms): ${drop_ms[*]} ms"
	echo
	echo "viewer page, $ROWS_VIEW rows over 8 days, $RUNS runs each, pgbench prepared (target p99 < 50 ms)"
	printf '%-36s %10s %10s %10s\n' "page" "p50 ms" "p99 ms" "max ms"
	for name in platform-first platform-100 team-first team-100; do
		read -r p50 p99 max <<<"${page[$name]}"
		printf '%-36s %10s %10s %10s\n' "$name" "$p50" "$p99" "$max"
	done
	echo
	echo "(team = one team holding a fifth of the rows; page 100 starts after row 4,950)"
	echo "plan of the team's 100th page:"
	sed 's/^/  /' "$TMP/team-100.plan" | head -30
} | tee "$RESULT"
