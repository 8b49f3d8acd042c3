#!/usr/bin/env bash
# The portal benchmark (issue 10), in one command from the repository root:  bench/run.sh
# The products' API benchmark (issue 12, item 10), the same way:                  bench/run.sh api
# Password sign-ins only (the last part of the portal benchmark, for comparing sign-in changes): bench/run.sh signin
#
# Builds the production jar, starts PostgreSQL and Redis from Debian's packages on free loopback ports
# in a temporary folder, runs the jar with the production JVM flags (bench/jvm.options), generates the
# data set (bench/dataset.sql), signs in, and measures with wrk: throughput, latency, errors, SQL
# statements and Redis commands per request, password sign-ins (rate and server CPU per sign-in) and
# resident memory. Prints one table and writes it to bench/results/<date>.txt. Everything it starts is
# stopped on exit, failure included. All traffic goes to 127.0.0.1. See docs/PERFORMANCE.md.
# The session's cost (issue 10: "a request with a session costs at most 1.5x one without") is the ratio of two rows:
# liveness without and with the signed-in session. They are not measured one after the other like the other rows
# (one noisy phase of a shared machine decided the ratio: 1.34x and 2.04x in two quiet runs of one jar), but
# alternately: both warmed up, then SESSION_ROUNDS rounds of SESSION_SECONDS seconds of each, the order swapped every
# round; each row gives the medians over its rounds (req/s, p50, p99, CPU ms/req; errors summed), the line under the
# table the ratio of the medians, by throughput and by CPU, and the breakdown every round's figures.
# With "api": the API data set (bench/api-dataset.sql on top of dataset.sql, larger defaults) and, instead
# of pages and sign-ins, GetUserDetails, its 304, authorize and batch authorize, warm and cold, next to the
# trivial API call (/api/v1/ping), at CONNECTIONS and HIGH_CONNECTIONS (wrk script bench/api.lua).
# PostgreSQL holds the data set as a server in service would: vacuumed and frozen after it is generated (no first read
# of a row writes, no autovacuum of the load during the rows); with "api" the schema is also read into its buffers
# (pg_prewarm) and every call kind, cold ones included, warmed up before the first row.
#
# Settings (environment variables, defaults in brackets):
#   DURATION [15]          seconds measured per request kind      WARMUP [5]      seconds of warm-up before each
#   PREWARM [4]            seconds of warm-up of every kind per warm-up round, all before the first measurement;
#                          rounds run until one's JIT compilations take under JIT_IDLE_MS [300] ms of CPU or
#                          WARMUP_ROUNDS [8] rounds have run (PREWARM=0: none)
#   CONNECTIONS [8]        wrk connections                         HIGH_CONNECTIONS [50]  for the team-home rerun
#   COUNT_REQUESTS [50]    sequential requests over which SQL statements and Redis commands are counted
#   SESSION_ROUNDS [5]     rounds of the liveness pair (see below)   SESSION_SECONDS [6]  seconds of each kind per round
#   SIGNINS [200]          measured password sign-ins              SIGNIN_WARMUP [2000]   sign-ins before them
#   SIGNIN_CLIENTS [8]     parallel sign-in clients                SEARCH [mar]    members search term
#   SIGNIN_SETTLE [60]     at most this many seconds of waiting, after the warm-up, for the JIT compilers to go idle
#   USERS [10000] TEAMS [1000] BIG_TEAM_MEMBERS [500] TEAMS_PER_USER [3]   the data set
#   SKIP_BUILD [0]         1: use the jar already in target/      JFR [0]         1: record a flight recording
#   GC_LOG [0]             1: the portal's GC log (every pause, its cause and length) in bench/results/<date>-gc.log
#                          (a portal started again at start-up leaves the failed attempts' logs as -gc.log.0, .1)
#   NMT [0]                1: native memory tracking on, its summary (heap, metaspace, code, threads, GC...) in the report
#   JVM_OPTIONS_FILE [bench/jvm.options]  another flags file (same format), for comparing candidate flags; the report
#                          names the file, and anything but bench/jvm.options is not production
#   KEEP_TMP [0]           1: keep the temporary folder (server logs) after the run
#   MAX_MINUTES [15]       the whole run is stopped (and cleaned up) after this long
#   PORTAL_ARGS []         extra arguments to the jar, e.g. --spring.data.redis.timeout=2s when a busy
#                          machine keeps the portal from starting (printed in the report: not production)
# With "api" the defaults differ: USERS [100000] TEAMS [10000] BIG_TEAM_MEMBERS [50] TEAMS_PER_USER [5]
#   (1,000,100 role grants: two per membership), DURATION [6], WARMUP [1] (after rounds of warm-up of every call kind,
#   API_WARMUP [3] seconds each, cold then warm, until a round's JIT compilations take under JIT_IDLE_MS ms of
#   CPU or WARMUP_ROUNDS rounds have run), WARM_MEMBERS [1000] members the warm rows cycle through,
#   ETAG_MEMBERS [200] members the 304 rows cycle through, SETTLE [1] seconds of pause after each wrk run;
#   the trivial call and the warm rows (GetUserDetails, its 304, authorize, batch) are measured in API_ROUNDS [5]
#   alternating rounds of API_ROUND_SECONDS [5] each, the order rotated every round, each row the medians (the
#   ratios they are compared by are the issue's targets); the cold rows once each, DURATION seconds.
set -euo pipefail

SUITE=${1:-pages}
if [[ $SUITE != pages && $SUITE != api && $SUITE != signin ]]; then
	echo "usage: bench/run.sh [pages|api|signin]" >&2
	exit 2
fi
if [[ $SUITE == api ]]; then
	DURATION=${DURATION:-6}
	WARMUP=${WARMUP:-1}
	USERS=${USERS:-100000}
	TEAMS=${TEAMS:-10000}
	BIG_TEAM_MEMBERS=${BIG_TEAM_MEMBERS:-50}
	TEAMS_PER_USER=${TEAMS_PER_USER:-5}
fi
API_WARMUP=${API_WARMUP:-3}
API_ROUNDS=${API_ROUNDS:-5}
API_ROUND_SECONDS=${API_ROUND_SECONDS:-5}
SETTLE=${SETTLE:-1}
WARM_MEMBERS=${WARM_MEMBERS:-1000}
ETAG_MEMBERS=${ETAG_MEMBERS:-200}

DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
PREWARM=${PREWARM:-4}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-8}
JIT_IDLE_MS=${JIT_IDLE_MS:-300}
WARMED=''
CONNECTIONS=${CONNECTIONS:-8}
HIGH_CONNECTIONS=${HIGH_CONNECTIONS:-50}
COUNT_REQUESTS=${COUNT_REQUESTS:-50}
SIGNINS=${SIGNINS:-200}
SIGNIN_WARMUP=${SIGNIN_WARMUP:-2000}
SIGNIN_CLIENTS=${SIGNIN_CLIENTS:-8}
SIGNIN_SETTLE=${SIGNIN_SETTLE:-60}
SEARCH=${SEARCH:-mar}
SESSION_ROUNDS=${SESSION_ROUNDS:-5}
SESSION_SECONDS=${SESSION_SECONDS:-6}
SESSION_RATIO=''
USERS=${USERS:-10000}
TEAMS=${TEAMS:-1000}
BIG_TEAM_MEMBERS=${BIG_TEAM_MEMBERS:-500}
TEAMS_PER_USER=${TEAMS_PER_USER:-3}
SKIP_BUILD=${SKIP_BUILD:-0}
JFR=${JFR:-0}
NMT=${NMT:-0}
GC_LOG=${GC_LOG:-0}
KEEP_TMP=${KEEP_TMP:-0}
MAX_MINUTES=${MAX_MINUTES:-15}
PORTAL_ARGS=${PORTAL_ARGS:-}

# Every generated user has this password; dataset.sql stores its Argon2id hash, computed once with the
# portal's parameters (Argon2PasswordEncoder(16, 32, 1, 19456, 2), as in SecurityConfig) so that a
# sign-in does exactly one hash and no re-hash. If those parameters change, recompute it (see
# docs/PERFORMANCE.md); the run warns when sign-ins re-hashed a password.
BENCH_PASSWORD='bench-only passphrase 2026'
BENCH_PASSWORD_HASH='{argon2}$argon2id$v=19$m=19456,t=2,p=1$2M8eWt7CdY6aamFqjv45Uw$Z9dNYlQ0Kfze95Plr+rzOjavHXDng8MH2+jbPeRFEgs'
# sign-in starts at this user number; users below it are the data set's team owners and the bench user
FIRST_SIGNIN_USER=1001

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
JVM_OPTIONS=$(realpath "${JVM_OPTIONS_FILE:-$BENCH/jvm.options}")
SIGNIN_DRIVER=$ROOT/src/test/java/com/aventian/portal/bench/SignInLoad.java
STAMP=$(date -u +%Y-%m-%d-%H%M)
RESULT=$BENCH/results/$STAMP.txt
BROWSER_ACCEPT='Accept: text/html,application/xhtml+xml,*/*;q=0.8'
# The products' API keys of this run (api-dataset.sql stores their hashes): made here, never kept
random_secret() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c1-40; }
CRM_KEY=avn_$(random_secret)
# the metrics scraper's token of this run: the sign-in rows read the portal's own hash CPU from /actuator/prometheus
SCRAPE_TOKEN=$(random_secret)
DOCS_KEY=avn_$(random_secret)

if [[ $SUITE != api ]] && (( SIGNIN_WARMUP + SIGNINS + FIRST_SIGNIN_USER > USERS + 1 )); then
	echo "SIGNIN_WARMUP + SIGNINS must leave $FIRST_SIGNIN_USER..USERS enough users (each signs in once)" >&2
	exit 2
fi

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- clean-up: everything started below is stopped, whatever happens -------------------------------
TMP='' APP_PID='' REDIS_PID='' PGDATA='' POLICY_CREATED='' WATCHDOG_PID=''
cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	if [[ -n $WATCHDOG_PID ]]; then
		kill "$WATCHDOG_PID" 2>/dev/null || true
	fi
	if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
		kill "$APP_PID" 2>/dev/null || true
		for _ in $(seq 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
		kill -9 "$APP_PID" 2>/dev/null || true
	fi
	if [[ -n $REDIS_PID ]] && kill -0 "$REDIS_PID" 2>/dev/null; then
		kill "$REDIS_PID" 2>/dev/null || true
		wait "$REDIS_PID" 2>/dev/null || true
	fi
	if [[ -n $PGDATA && -f $PGDATA/postmaster.pid ]]; then
		as_postgres "$PG_BIN/pg_ctl" stop -D "$PGDATA" -m fast -t 30 >/dev/null 2>&1 || true
	fi
	if [[ -n $POLICY_CREATED ]]; then
		$SUDO rm -f /usr/sbin/policy-rc.d
	fi
	if [[ -n $TMP ]]; then
		if [[ $KEEP_TMP == 1 || $rc != 0 ]]; then
			log "server logs kept in $TMP"
		else
			rm -rf "$TMP"
		fi
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The time bound: past MAX_MINUTES the watchdog ends this script's own child processes (wrk, curl, the
# portal...) by their ids, so the shell is free to run the clean-up above at once.
script_pid=$$
(
	sleep $((MAX_MINUTES * 60)) &
	sleep_pid=$!
	trap 'kill "$sleep_pid" 2>/dev/null; exit 0' TERM
	wait "$sleep_pid"
	echo "[bench] stopped after $MAX_MINUTES minutes (MAX_MINUTES)" >&2
	kill -TERM "$script_pid" 2>/dev/null
	for child in $(ps -o pid= --ppid "$script_pid"); do
		[[ $child == "$BASHPID" ]] || kill -TERM "$child" 2>/dev/null
	done
) &
WATCHDOG_PID=$!

SUDO=''
if [[ $(id -u) != 0 ]]; then
	SUDO=sudo
fi

# PostgreSQL refuses to run as root: as root, its server runs as Debian's postgres user.
as_postgres() {
	if [[ $(id -u) == 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

free_port() {
	local port
	for _ in $(seq 100); do
		port=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return
		fi
	done
	echo "no free port found" >&2
	return 1
}

# --- 1. tools, from Debian's packages ----------------------------------------------------------------
packages=()
command -v wrk >/dev/null || packages+=(wrk)
command -v curl >/dev/null || packages+=(curl)
command -v redis-server >/dev/null || packages+=(redis-server)
command -v redis-cli >/dev/null || packages+=(redis-tools)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || packages+=(postgresql)
command -v psql >/dev/null || packages+=(postgresql-client)
if (( ${#packages[@]} > 0 )); then
	log "installing ${packages[*]} (services kept from starting on their standard ports)"
	# policy-rc.d answering 101 is Debian's way to keep a package's service from starting on install
	if [[ ! -e /usr/sbin/policy-rc.d ]]; then
		printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
		$SUDO chmod 755 /usr/sbin/policy-rc.d
		POLICY_CREATED=1
	fi
	$SUDO apt-get update -qq
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
	if [[ -n $POLICY_CREATED ]]; then
		$SUDO rm -f /usr/sbin/policy-rc.d
		POLICY_CREATED=''
	fi
fi
PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")

# --- 2. the production jar ---------------------------------------------------------------------------
cd "$ROOT"
if [[ $SKIP_BUILD != 1 ]] || ! compgen -G 'target/aventian-portal-*.jar' >/dev/null; then
	log "building the production jar"
	timeout 900 ./mvnw -B -q -DskipTests package
fi
JAR=$(ls target/aventian-portal-*.jar | grep -v -e '-plain' -e '-sources' | head -1)

# --- 3. PostgreSQL and Redis on free loopback ports, in a temporary folder ---------------------------
TMP=$(mktemp -d /tmp/aventian-bench.XXXXXX)
chmod 755 "$TMP"
PG_PORT=$(free_port)
REDIS_PORT=$(free_port)
APP_PORT=$(free_port)
if [[ $PG_PORT == "$REDIS_PORT" || $PG_PORT == "$APP_PORT" || $REDIS_PORT == "$APP_PORT" ]]; then
	echo "port collision, run again" >&2
	exit 1
fi

log "starting Redis $(redis-server --version | grep -o 'v=[0-9.]*') on 127.0.0.1:$REDIS_PORT"
mkdir -p "$TMP/redis"
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --dir "$TMP/redis" \
	--logfile "$TMP/redis.log" --daemonize no &
REDIS_PID=$!
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.2; done
redis() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" "$@"; }

log "starting PostgreSQL $("$PG_BIN/postgres" --version | grep -o '[0-9][0-9.]*' | head -1) on 127.0.0.1:$PG_PORT"
PGDATA=$TMP/postgres
mkdir -p "$PGDATA" "$TMP/pg-socket"
if [[ $(id -u) == 0 ]]; then
	chown postgres: "$PGDATA" "$TMP/pg-socket"
fi
as_postgres "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$TMP/initdb.log"
# pg_stat_statements counts the statements each request runs (a preload library of our own server)
as_postgres "$PG_BIN/pg_ctl" start -D "$PGDATA" -w -t 60 -l "$PGDATA/server.log" -o "-p $PG_PORT \
	-c listen_addresses=127.0.0.1 -c unix_socket_directories=$TMP/pg-socket \
	-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top" >/dev/null
sql() { psql -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
sql -d postgres -c 'create database aventian' -c 'create extension pg_stat_statements'

# --- 4. the portal, as in production ------------------------------------------------------------------
# as the image sets it (docker/Dockerfile): glibc's malloc arenas, else up to 8 per core, each growing with the
# threads that used it (part of the resident memory of issue 10)
MALLOC_ARENA_MAX=$(sed -n 's/^ENV MALLOC_ARENA_MAX=\([0-9]*\).*/\1/p' "$ROOT/docker/Dockerfile")
JVM_FLAGS=$(grep -v -e '^#' -e '^[[:space:]]*$' "$JVM_OPTIONS" | tr '\n' ' ')
java_args=("@$JVM_OPTIONS")
if [[ $JFR == 1 ]]; then
	mkdir -p "$BENCH/results"
	java_args+=("-XX:StartFlightRecording=filename=$BENCH/results/$STAMP.jfr,settings=profile,dumponexit=true")
fi
if [[ $NMT == 1 ]]; then
	java_args+=(-XX:NativeMemoryTracking=summary)
fi
if [[ $GC_LOG == 1 ]]; then
	mkdir -p "$BENCH/results"
	java_args+=("-Xlog:gc,safepoint:file=$BENCH/results/$STAMP-gc.log:utctime,uptime,tags")
fi
log "starting the portal ($JAR, $JVM_FLAGS) on 127.0.0.1:$APP_PORT"
# The only settings beyond production's: loopback, no mail or OIDC, the per-address sign-in throttle
# raised, because every benchmark sign-in comes from 127.0.0.1, and the bench product key's rate limit
# raised (the key's bucket is still taken on every call), as a product calling this often would have it.
# A metrics scraper's token is set, as production's scraper has one (the sign-in rows read the hash's CPU).
# The per-key map's key is in brackets: unbracketed, Spring's binder would drop its underscore.
# On a busy machine the portal may fail its first Redis handshake (500 ms, spring.data.redis.timeout)
# and stop at start-up: it is started again then (three attempts), with its production settings unchanged.
start_portal() {
	SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/aventian" \
		SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=unused \
		SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=$REDIS_PORT \
		MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX java "${java_args[@]}" -jar "$JAR" --server.port="$APP_PORT" --server.address=127.0.0.1 \
		--aventian.throttle.limits.sign-in.per-ip=1000000 "--aventian.api.rate-limit.per-key.[${CRM_KEY:0:12}]=1000000000" \
		--aventian.management.scrape-token="$SCRAPE_TOKEN" \
		$PORTAL_ARGS >>"$TMP/portal.log" 2>&1 &
	APP_PID=$!
}
BASE=http://127.0.0.1:$APP_PORT
started=$(date +%s)
attempt=1
start_portal
until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/actuator/health/readiness" || true) == 200 ]]; do
	if ! kill -0 "$APP_PID" 2>/dev/null && ((attempt < 3)); then
		log "the portal stopped at start-up ($(tail -200 "$TMP/portal.log" | grep -o 'Caused by: [^:]*' | tail -1 || true)); starting it again"
		attempt=$((attempt + 1))
		start_portal
	elif ! kill -0 "$APP_PID" 2>/dev/null || (($(date +%s) - started > 300)); then
		tail -40 "$TMP/portal.log" >&2
		echo "the portal did not become ready (load average $(cut -d' ' -f1-3 /proc/loadavg));" \
			"on a busy machine try PORTAL_ARGS=--spring.data.redis.timeout=2s" >&2
		exit 1
	fi
	sleep 1
done
log "portal ready after $(($(date +%s) - started)) s"

# --- 5. the data set -----------------------------------------------------------------------------------
log "generating the data set: $USERS users, $TEAMS teams (one of $BIG_TEAM_MEMBERS members), $TEAMS_PER_USER more teams per user"
DATASET=$(sql -d aventian -F ' ' -v users="$USERS" -v teams="$TEAMS" -v big_team_members="$BIG_TEAM_MEMBERS" \
	-v teams_per_user="$TEAMS_PER_USER" -v password_hash="$BENCH_PASSWORD_HASH" -f "$BENCH/dataset.sql")
read -r n_users n_teams n_memberships n_big n_roles n_user_roles <<<"$DATASET"
if [[ $SUITE == api ]]; then
	read -r n_user_roles n_subscriptions n_keys <<<"$(sql -d aventian -F ' ' -v crm_key="$CRM_KEY" -v docs_key="$DOCS_KEY" \
		-f "$BENCH/api-dataset.sql")"
	n_roles=$((n_roles + n_teams))
fi
DATASET_LINE="$n_users users, $n_teams teams, $n_memberships memberships (big team: $n_big), $n_roles team roles, $n_user_roles role grants"
if [[ $SUITE == api ]]; then
	DATASET_LINE="$DATASET_LINE, $n_subscriptions subscriptions, $n_keys API keys"
fi
log "data set: $DATASET_LINE"
BIG_TEAM=$(sql -d postgres -c "select md5('bench-team-1')::uuid")

# --- 6. the signed-in session used by wrk (user 1, owner of the big team) -----------------------------
sign_in_bench_user() {
JAR_COOKIES=$TMP/cookies.txt
token=$(curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -H "$BROWSER_ACCEPT" "$BASE/login" \
	| grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
location=$(curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -H "$BROWSER_ACCEPT" -o /dev/null -w '%{redirect_url}' \
	--data-urlencode 'email=bench-00001@bench.aventian.test' --data-urlencode "password=$BENCH_PASSWORD" \
	--data-urlencode "_csrf=$token" "$BASE/login")
SESSION=$(awk '$6 == "AVENTIAN_SESSION" { print $7 }' "$JAR_COOKIES" | tail -1)
if [[ -z $SESSION || $location == *"/login"* ]]; then
	echo "signing in as bench-00001 failed (redirected to $location)" >&2
	exit 1
fi
COOKIE="Cookie: AVENTIAN_SESSION=$SESSION"
}

# --- 7. counting SQL statements and Redis commands ------------------------------------------------------
reset_counters() {
	sql -d postgres -c 'select pg_stat_statements_reset()' >/dev/null
	redis config resetstat >/dev/null
}

# Prints "<statements> <writes> <redis commands>" per unit, and appends the breakdown to $DETAILS.
# Transaction control (BEGIN, COMMIT, ...) is not counted as a statement; it is listed in the breakdown.
read_counters() {
	local units=$1 title=$2 totals
	totals=$(sql -d postgres -F ' ' -v units="$units" <<-'SQL'
		with s as (
		  select calls,
		         query ~* '^\s*(begin|commit|rollback|start transaction|savepoint|release|set|show|reset)\M' as tx,
		         query ~* '^\s*(with\s.*\s)?(insert|update|delete|merge)\s' as write
		  from pg_stat_statements where dbid = (select oid from pg_database where datname = 'aventian'))
		select round(coalesce(sum(calls) filter (where not tx), 0)::numeric / :units, 1),
		       round(coalesce(sum(calls) filter (where write), 0)::numeric / :units, 1)
		from s;
	SQL
	)
	local redis_stats
	redis_stats=$(redis info commandstats | tr -d '\r' | grep '^cmdstat_' \
		| grep -v -e '^cmdstat_info:' -e '^cmdstat_config|resetstat:' -e '^cmdstat_config:' || true)
	local redis_total
	redis_total=$(awk -F'[:=,]' -v units="$units" '{ total += $3 } END { printf "%.1f", total / units }' <<<"$redis_stats")
	{
		echo
		echo "## $title: per request, over $units requests"
		echo "SQL (calls per request, statement):"
		sql -d postgres -F ' ' -v units="$units" <<-'SQL' | sed 's/^/  /'
			select to_char(calls::numeric / :units, 'FM990.00'), left(regexp_replace(query, '\s+', ' ', 'g'), 160)
			from pg_stat_statements where dbid = (select oid from pg_database where datname = 'aventian')
			order by calls desc, query;
		SQL
		echo "Redis (calls per request, command):"
		if [[ -n $redis_stats ]]; then
			awk -F'[:=,]' -v units="$units" '{ sub(/^cmdstat_/, "", $1); printf "  %.2f %s\n", $3 / units, $1 }' <<<"$redis_stats" | sort -rn
		fi
	} >>"$DETAILS"
	echo "$totals $redis_total"
}

status_of() {
	curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true
}

# --- 8. the request kinds -------------------------------------------------------------------------------
DETAILS=$TMP/details.txt
: >"$DETAILS"
ROWS=()
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

CLK_TCK=$(getconf CLK_TCK)
# the portal's CPU so far (utime + stime, in clock ticks; every thread: requests, JIT, GC)
cpu_ticks() { sed 's/^.*) //' "/proc/$APP_PID/stat" | awk '{ print $12 + $13 }'; }
# PostgreSQL's CPU so far (clock ticks): the postmaster's own and its reaped children's, and its live children's (the
# backends serving the portal's pool, autovacuum, the writers)
pg_ticks() {
	local postmaster
	postmaster=$(head -1 "$PGDATA/postmaster.pid")
	cat /proc/[0-9]*/stat 2>/dev/null | awk -v pm="$postmaster" '{ pid = $1; sub(/^.*\) /, "")
		if (pid == pm) t += $12 + $13 + $14 + $15; else if ($2 == pm) t += $12 + $13 } END { print t + 0 }'
}
# Redis's CPU so far (clock ticks)
redis_ticks() { sed 's/^.*) //' "/proc/$REDIS_PID/stat" | awk '{ print $12 + $13 }'; }
# the whole machine's busy CPU so far (clock ticks, every core: the portal, the servers, wrk, the kernel; not idle nor
# waiting for I/O)
machine_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# the JIT compilers' threads and their CPU so far, "<thread id> <clock ticks>" a line (names "C1 CompilerThre...",
# "C2 CompilerThre..."; the JVM starts and ends compiler threads as the queue needs them)
jit_threads() {
	local task
	for task in /proc/"$APP_PID"/task/*; do
		if [[ $(<"$task/comm") == C[12]\ Compiler* ]]; then
			echo "${task##*/} $(sed 's/^.*) //' "$task/stat" | awk '{ print $12 + $13 }')"
		fi
	done 2>/dev/null
}
# jit_ms_since <jit_threads output>: milliseconds of CPU the compilers took since (a thread ended since counts nothing)
jit_ms_since() {
	awk -v hz="$CLK_TCK" 'NR == FNR { before[$1] = $2; next } { total += $2 - (($1 in before) ? before[$1] : 0) }
		END { printf "%d\n", total * 1000 / hz }' <(echo "$1") <(jit_threads)
}

# count_kind <title> <connections> <url> <header ...>: "<statements> <writes> <redis commands>" per request over
# COUNT_REQUESTS sequential requests ("? ? ?" when one of them did not answer 200); the breakdown goes to $DETAILS
count_kind() {
	local title=$1 connections=$2 url=$3
	shift 3
	reset_counters
	local urls=()
	for _ in $(seq "$COUNT_REQUESTS"); do urls+=("$url"); done
	local ok counts
	ok=$(curl -s --max-time 120 "$@" -w '%{stderr}%{http_code}\n' "${urls[@]}" 2>&1 >/dev/null | grep -c '^200$' || true)
	counts=$(read_counters "$COUNT_REQUESTS" "$title ($connections connections)")
	[[ $ok == "$COUNT_REQUESTS" ]] || counts="? ? ?"
	echo "$counts"
}

# wrk_once <seconds> <connections> <url> <header ...>: "<req/s> <p50 ms> <p99 ms> <errors> <CPU ms/req> <PostgreSQL
# CPU ms/req> <Redis CPU ms/req> <machine CPU ms/req>" of one wrk run; CPU ms/req is the portal's CPU (all threads)
# over the measured seconds, load-independent unlike req/s; the servers' and the whole machine's (wrk and the kernel
# included) likewise: a page's throughput is the 2 cores over the machine's CPU per request, not the portal's alone
wrk_once() {
	local seconds=$1 connections=$2 url=$3
	shift 3
	local result cpu_before cpu_after pg_before pg_after redis_before redis_after machine_before machine_after
	cpu_before=$(cpu_ticks)
	pg_before=$(pg_ticks)
	redis_before=$(redis_ticks)
	machine_before=$(machine_ticks)
	result=$(timeout $((seconds + 30)) wrk -t2 -c"$connections" -d"${seconds}s" --timeout 2s -s "$BENCH/report.lua" \
		"$@" "$url" | grep '^RESULT' || true)
	machine_after=$(machine_ticks)
	cpu_after=$(cpu_ticks)
	pg_after=$(pg_ticks)
	redis_after=$(redis_ticks)
	local local_requests local_seconds local_p50_ms local_p99_ms local_errors
	eval "$(sed 's/^RESULT //; s/\([a-z0-9_]*\)=/local_\1=/g' <<<"$result")"
	awk -v r="$local_requests" -v s="$local_seconds" -v p50="$local_p50_ms" -v p99="$local_p99_ms" -v e="$local_errors" \
		-v t=$((cpu_after - cpu_before)) -v pg=$((pg_after - pg_before)) -v rd=$((redis_after - redis_before)) \
		-v m=$((machine_after - machine_before)) -v hz="$CLK_TCK" \
		'function per(ticks) { return (r > 0) ? ticks * 1000 / hz / r : 0 }
		BEGIN { printf "%.1f %.2f %.2f %d %.3f %.3f %.3f %.3f\n", (s > 0) ? r / s : 0, p50, p99, e, per(t), per(pg), per(rd), per(m) }'
}

# headers_for <header ...>: the request headers of a kind, one argument each, into the array HEADERS
headers_for() {
	HEADERS=(-H "$BROWSER_ACCEPT")
	local header
	for header in "$@"; do HEADERS+=(-H "$header"); done
}

# row <title> <connections> <req/s> <p50> <p99> <errors> <statements> <writes> <commands> <CPU ms/req> <PostgreSQL
# ms/req> <Redis ms/req> <machine ms/req> [note]
row() {
	ROWS+=("$(printf '%-32s %5s %8.1f %8.1f %8.1f %7s %8s %7s %8s %10.2f %7.2f %7.2f %8.2f%s' "${@:1:13}" "${14:-}")")
}

# measure <title> <connections> <path> [header ...]: wrk's figures, the portal's CPU per request over the
# measured seconds ("CPU ms/req", load-independent unlike req/s), and the statements and commands counted
measure() {
	local title=$1 connections=$2 path=$3
	shift 3
	headers_for "$@"
	local url=$BASE$path status
	status=$(status_of "${HEADERS[@]}" "$url")
	if [[ $status != 200 ]]; then
		ROWS+=("$(printf '%-32s %5s  answered %s instead of 200: not measured' "$title" "$connections" "$status")")
		log "$title: answered $status, skipped"
		return
	fi
	log "$title: warm-up ${WARMUP}s, counting over $COUNT_REQUESTS requests, measuring ${DURATION}s at $connections connections"
	if ((WARMUP > 0)); then
		timeout $((WARMUP + 30)) wrk -t2 -c"$connections" -d"${WARMUP}s" "${HEADERS[@]}" "$url" >/dev/null
	fi
	local statements writes commands rate p50 p99 errors cpu pg_cpu redis_cpu machine_cpu
	read -r statements writes commands <<<"$(count_kind "$title" "$connections" "$url" "${HEADERS[@]}")"
	read -r rate p50 p99 errors cpu pg_cpu redis_cpu machine_cpu \
		<<<"$(wrk_once "$DURATION" "$connections" "$url" "${HEADERS[@]}")"
	local after note=''
	after=$(status_of "${HEADERS[@]}" "$url")
	[[ $after == 200 ]] || note="  (answered $after after the run)"
	row "$title" "$connections" "$rate" "$p50" "$p99" "$errors" "$statements" "$writes" "$commands" "$cpu" \
		"$pg_cpu" "$redis_cpu" "$machine_cpu" "$note"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure_session_pair <connections>: the trivial endpoint without and with the signed-in session, measured in
# alternation (SESSION_ROUNDS rounds of SESSION_SECONDS each, the order swapped every round, both after the same
# warm-up), so that a noisy phase of the machine falls on both kinds instead of deciding their ratio. Each row gives
# the median over the rounds of every figure (errors: the sum); the ratio line compares the medians; every round's
# figures go to the breakdown.
measure_session_pair() {
	local connections=$1 url=$BASE/actuator/health/liveness
	local titles=('liveness, no session' 'liveness, with session') kind status
	local -a kind_headers=("" "$COOKIE")
	for kind in 0 1; do
		headers_for ${kind_headers[$kind]:+"${kind_headers[$kind]}"}
		status=$(status_of "${HEADERS[@]}" "$url")
		if [[ $status != 200 ]]; then
			ROWS+=("$(printf '%-32s %5s  answered %s instead of 200: not measured' "${titles[$kind]}" "$connections" "$status")")
			log "${titles[$kind]}: answered $status, pair skipped"
			return
		fi
	done
	log "liveness without and with a session: warm-up ${WARMUP}s each, then $SESSION_ROUNDS alternating rounds of ${SESSION_SECONDS}s each at $connections connections"
	local -a counts=() samples=()
	for kind in 0 1; do
		headers_for ${kind_headers[$kind]:+"${kind_headers[$kind]}"}
		if ((WARMUP > 0)); then
			timeout $((WARMUP + 30)) wrk -t2 -c"$connections" -d"${WARMUP}s" "${HEADERS[@]}" "$url" >/dev/null
		fi
		counts[$kind]=$(count_kind "${titles[$kind]}" "$connections" "$url" "${HEADERS[@]}")
	done
	local round order
	{
		echo
		echo "## liveness without and with a session: $SESSION_ROUNDS alternating rounds of ${SESSION_SECONDS}s at $connections connections"
		echo "round kind req/s p50_ms p99_ms errors CPU_ms/req PostgreSQL_ms/req Redis_ms/req machine_ms/req"
	} >>"$DETAILS"
	for round in $(seq "$SESSION_ROUNDS"); do
		order='0 1'
		((round % 2 == 0)) && order='1 0'
		for kind in $order; do
			headers_for ${kind_headers[$kind]:+"${kind_headers[$kind]}"}
			local sample
			sample=$(wrk_once "$SESSION_SECONDS" "$connections" "$url" "${HEADERS[@]}")
			samples[$kind]+="$sample"$'\n'
			echo "$round ${titles[$kind]// /_} $sample" >>"$DETAILS"
		done
	done
	local -a medians=()
	for kind in 0 1; do
		local column values=()
		local measured
		measured=$(awk 'NF && $1 > 0' <<<"${samples[$kind]}")
		if [[ -z $measured ]]; then
			ROWS+=("$(printf '%-32s %5s  no round completed a request: not measured' "${titles[$kind]}" "$connections")")
			continue
		fi
		for column in 1 2 3 5 6 7 8; do
			values+=("$(awk -v c=$column '{ print $c }' <<<"$measured" | median)")
		done
		local errors statements writes commands after note='' empty
		errors=$(awk 'NF { e += $4 } END { print e + 0 }' <<<"${samples[$kind]}")
		# a round in which wrk completed no request (a stall of the machine) has no figures to take the median of
		empty=$(awk 'NF && $1 == 0 { n++ } END { print n + 0 }' <<<"${samples[$kind]}")
		((empty == 0)) || note="  ($empty of $SESSION_ROUNDS rounds completed no request: left out)"
		read -r statements writes commands <<<"${counts[$kind]}"
		headers_for ${kind_headers[$kind]:+"${kind_headers[$kind]}"}
		after=$(status_of "${HEADERS[@]}" "$url")
		[[ $after == 200 ]] || note="  (answered $after after the run)"
		row "${titles[$kind]}" "$connections" "${values[0]}" "${values[1]}" "${values[2]}" "$errors" \
			"$statements" "$writes" "$commands" "${values[3]}" "${values[4]}" "${values[5]}" "${values[6]}" "$note"
		medians[$kind]="${values[0]} ${values[3]}"
	done
	[[ -n ${medians[0]:-} && -n ${medians[1]:-} ]] || return 0
	SESSION_RATIO=$(awk -v a="${medians[0]}" -v b="${medians[1]}" -v n="$SESSION_ROUNDS" -v s="$SESSION_SECONDS" 'BEGIN {
		split(a, x, " "); split(b, y, " ")
		printf "a session costs %.2fx by throughput (median req/s without over with), %.2fx by CPU (median CPU ms/req with over without); medians of %d alternating rounds of %ss each", \
			(y[1] > 0) ? x[1] / y[1] : 0, (x[2] > 0) ? y[2] / x[2] : 0, n, s }')
	log "$SESSION_RATIO"
}

# Every kind is warmed before any is measured: run in order, the first team page would otherwise pay for
# the JIT compiling the code that all team pages share (team home measured lower at 8 connections than at 50).
warm_all() {
	local path header extra
	for kind in '/actuator/health/liveness' "/actuator/health/liveness|$COOKIE" "/teams/$BIG_TEAM|$COOKIE" \
		"/teams/$BIG_TEAM/members|$COOKIE" "/teams/$BIG_TEAM/members?q=$SEARCH|$COOKIE" \
		"/teams/$BIG_TEAM/members|$COOKIE|HX-Request: true" "/switcher|$COOKIE|HX-Request: true"; do
		IFS='|' read -r path header extra <<<"$kind"
		local headers=(-H "$BROWSER_ACCEPT")
		[[ -n $header ]] && headers+=(-H "$header")
		[[ -n ${extra:-} ]] && headers+=(-H "$extra")
		timeout $((PREWARM + 30)) wrk -t2 -c"$CONNECTIONS" -d"${PREWARM}s" "${headers[@]}" "$BASE$path" >/dev/null
	done
}
page_kinds() {
if ((PREWARM > 0)); then
	# In rounds until the JIT compilers are done, as the API suite does: the liveness pair runs first, and a pair
	# measured while C2 still compiles the team pages' code measures the compilers sharing the 2 cores.
	log "warming every request kind up for ${PREWARM}s each, in rounds, before measuring any"
	local round=0 jit_before jit_ms
	while :; do
		round=$((round + 1))
		jit_before=$(jit_threads)
		warm_all
		jit_ms=$(jit_ms_since "$jit_before")
		log "warm-up round $round: the JIT compilers took $jit_ms ms of CPU"
		if ((jit_ms < JIT_IDLE_MS || round >= WARMUP_ROUNDS)); then
			break
		fi
	done
	WARMED="$round warm-up rounds, the last one's compilations $jit_ms ms of CPU"
fi
measure_session_pair "$CONNECTIONS"
measure 'team home' "$CONNECTIONS" "/teams/$BIG_TEAM" "$COOKIE"
measure 'members page (first 20)' "$CONNECTIONS" "/teams/$BIG_TEAM/members" "$COOKIE"
measure "members search (q=$SEARCH)" "$CONNECTIONS" "/teams/$BIG_TEAM/members?q=$SEARCH" "$COOKIE"
measure 'members list (htmx)' "$CONNECTIONS" "/teams/$BIG_TEAM/members" "$COOKIE" 'HX-Request: true'
measure 'switcher panel (htmx)' "$CONNECTIONS" /switcher "$COOKIE" 'HX-Request: true'
measure 'team home' "$HIGH_CONNECTIONS" "/teams/$BIG_TEAM" "$COOKIE"
}

# --- 8b. the products' API (bench/run.sh api) -------------------------------------------------------------
API_AUTH="Authorization: Bearer $CRM_KEY"
MEMBERS=$TMP/members.txt
ETAG_FILE=$TMP/members-etag.txt

# Every call of the API kinds goes through here once per member when counting, as wrk's bench/api.lua sends it.
# api_call <kind> <user> <team> [etag]: prints the status
api_call() {
	local kind=$1 user=$2 team=$3 etag=${4:-}
	case $kind in
		ping) status_of -H "$API_AUTH" "$BASE/api/v1/ping" ;;
		details) status_of -H "$API_AUTH" "$BASE/api/v1/users/$user/details?teamId=$team" ;;
		details-304) status_of -H "$API_AUTH" -H "If-None-Match: $etag" "$BASE/api/v1/users/$user/details?teamId=$team" ;;
		authorize)
			status_of -H "$API_AUTH" -H 'Content-Type: application/json' \
				--data "{\"userId\":\"$user\",\"teamId\":\"$team\",\"privilege\":\"benchcrm.doc.read\"}" "$BASE/api/v1/authorize" ;;
		batch)
			local checks=() privilege
			for privilege in benchcrm.doc.read benchcrm.doc.write benchcrm.doc.delete benchcrm.report.view team.read \
					benchcrm.doc.read benchcrm.doc.write benchcrm.doc.delete benchcrm.report.view team.read; do
				checks+=("{\"userId\":\"$user\",\"teamId\":\"$team\",\"privilege\":\"$privilege\"}")
			done
			status_of -H "$API_AUTH" -H 'Content-Type: application/json' \
				--data "{\"checks\":[$(IFS=,; echo "${checks[*]}")]}" "$BASE/api/v1/authorize/batch" ;;
	esac
}

# Cold: no member's privileges cached. Only the role cache goes; the key's cache entry and rate-limit bucket stay.
flush_role_cache() {
	redis --scan --pattern 'user:roles:*' | xargs -r -n 500 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" unlink >/dev/null
}

cold_start() {
	if [[ $1 == cold ]]; then
		flush_role_cache
	fi
}

# api_wrk <seconds> <connections> <kind> <file> <lines>: wrk's RESULT line. Then a pause (SETTLE): calls wrk
# sent before it stopped are still being answered (up to a second at 50 connections on a busy machine: use
# SETTLE=2 there), and must not be counted with the next row's.
api_wrk() {
	timeout $(($1 + 30)) wrk -t2 -c"$2" -d"$1s" --timeout 2s -H "$API_AUTH" -s "$BENCH/api.lua" "$BASE" \
		-- "$3" "$4" "$5" 2 | grep '^RESULT' || true
	sleep "$SETTLE"
}

# api_prepare <title> <connections> <kind> <warm|cold>: checks the call answers as it should, warms it up and counts
# its SQL statements and Redis commands. Sets FILE and LINES (the members the calls take) and COUNTS ("<statements>
# <writes> <commands>"); returns 1 with a row saying why when the call does not answer as it should.
# warm: the first WARM_MEMBERS members (ETAG_MEMBERS for the 304), cached by the warm-up and then again and
# again; cold: the role cache emptied before the warm-up, the counting and the measurement, and every call
# names a member not asked for since (the run is marked when it had to reuse members).
api_prepare() {
	local title=$1 connections=$2 kind=$3 temperature=$4 expect=200
	FILE=$MEMBERS LINES=$(wc -l <"$MEMBERS")
	case $kind in
		ping) FILE=/dev/null LINES=0 ;;
		details-304) FILE=$ETAG_FILE LINES=$(wc -l <"$ETAG_FILE") expect=304 ;;
		*) if [[ $temperature == warm ]]; then LINES=$((WARM_MEMBERS < LINES ? WARM_MEMBERS : LINES)); fi ;;
	esac
	local user team etag status
	read -r user team etag < <(head -1 "${FILE/#\/dev\/null/$MEMBERS}")
	status=$(api_call "$kind" "$user" "$team" "$etag")
	if [[ $status != "$expect" ]]; then
		ROWS+=("$(printf '%-32s %5s  answered %s instead of %s: not measured' "$title" "$connections" "$status" "$expect")")
		log "$title: answered $status, skipped"
		return 1
	fi
	log "$title: warm-up ${WARMUP}s, counting over $COUNT_REQUESTS calls at $connections connections"
	cold_start "$temperature"
	if ((WARMUP > 0)); then
		api_wrk "$WARMUP" "$connections" "$kind" "$FILE" "$LINES" >/dev/null
	fi
	cold_start "$temperature"
	reset_counters
	local ok=0 count_file=$FILE
	[[ $kind == ping ]] && count_file=$MEMBERS
	while read -r user team etag; do
		[[ $(api_call "$kind" "$user" "$team" "$etag") == "$expect" ]] && ok=$((ok + 1))
	done < <(if [[ $temperature == warm && $kind != ping ]]; then head -"$LINES" "$count_file" | shuf -n "$COUNT_REQUESTS" -r; \
		else head -"$COUNT_REQUESTS" "$count_file"; fi)
	COUNTS=$(read_counters "$COUNT_REQUESTS" "$title ($connections connections)")
	[[ $ok == "$COUNT_REQUESTS" ]] || COUNTS="? ? ?"
}

# api_sample <seconds> <connections> <kind>: one wrk run on FILE and LINES, as "<req/s> <p50> <p99> <errors> <CPU ms
# per call> <calls>" (empty when wrk failed)
api_sample() {
	local result cpu_before cpu_after
	cpu_before=$(cpu_ticks)
	result=$(api_wrk "$1" "$2" "$3" "$FILE" "$LINES")
	cpu_after=$(cpu_ticks)
	[[ -n $result ]] || return 0
	sed 's/^RESULT //' <<<"$result" | tr ' ' '\n' | awk -F= -v t=$((cpu_after - cpu_before)) -v hz="$CLK_TCK" '
		{ v[$1] = $2 }
		END { r = v["requests"]; printf "%.1f %s %s %s %.3f %d\n", (v["seconds"] > 0) ? r / v["seconds"] : 0,
			v["p50_ms"], v["p99_ms"], v["errors"], (r > 0) ? t * 1000 / hz / r : 0, r }'
}

# api_row <title> <connections> <counts> <sample> [note]: a row of the API table ("vs ping" against PING_RATE)
api_row() {
	local title=$1 connections=$2 statements writes commands rate p50 p99 errors cpu
	read -r statements writes commands <<<"$3"
	read -r rate p50 p99 errors cpu _ <<<"$4"
	ROWS+=("$(printf '%-32s %5s %8.1f %8.1f %8.1f %7s %8s %7s %8s %8s %10.2f%s' "$title" "$connections" "$rate" "$p50" "$p99" \
		"$errors" "$statements" "$writes" "$commands" \
		"$(awk -v r="$rate" -v p="${PING_RATE[$connections]:-0}" 'BEGIN { if (p > 0) printf "%.2f", r / p; else printf "-" }')" \
		"$cpu" "${5:-}")")
}

# measure_api_rounds <connections> <title|kind> ...: warm calls (and the trivial one) measured in alternation,
# API_ROUNDS rounds of API_ROUND_SECONDS of each, the order rotated every round (as the liveness pair of the pages
# suite: a noisy phase of the shared machine falls on every kind instead of deciding their ratios, which single runs
# of 6 s swung by about 5%). Each row gives the medians over the rounds (errors: the sum); 'vs ping' compares
# medians; every round's figures go to the breakdown. The first kind must be the trivial call.
measure_api_rounds() {
	local connections=$1 spec i j round n
	shift
	local -a titles=() kinds=() counts=() files=() lines=() samples=()
	for spec in "$@"; do
		titles+=("${spec%%|*}")
		kinds+=("${spec##*|}")
	done
	n=${#kinds[@]}
	for ((i = 0; i < n; i++)); do
		if ! api_prepare "${titles[i]}" "$connections" "${kinds[i]}" warm; then
			return
		fi
		counts[i]=$COUNTS files[i]=$FILE lines[i]=$LINES
	done
	log "$n kinds in $API_ROUNDS alternating rounds of ${API_ROUND_SECONDS}s each at $connections connections"
	{
		echo
		echo "## the API's warm calls at $connections connections: $API_ROUNDS alternating rounds of ${API_ROUND_SECONDS}s"
		echo "round kind req/s p50_ms p99_ms errors CPU_ms/req calls"
	} >>"$DETAILS"
	for ((round = 1; round <= API_ROUNDS; round++)); do
		for ((j = 0; j < n; j++)); do
			i=$(((j + round - 1) % n))
			FILE=${files[i]} LINES=${lines[i]}
			local sample
			sample=$(api_sample "$API_ROUND_SECONDS" "$connections" "${kinds[i]}")
			[[ -n $sample ]] || sample="0 0 0 0 0 0"
			samples[i]+="$sample"$'\n'
			echo "$round ${titles[i]// /_} $sample" >>"$DETAILS"
		done
	done
	for ((i = 0; i < n; i++)); do
		local measured column values=() errors empty note=''
		measured=$(awk 'NF && $1 > 0' <<<"${samples[i]}")
		if [[ -z $measured ]]; then
			ROWS+=("$(printf '%-32s %5s  no round completed a call: not measured' "${titles[i]}" "$connections")")
			continue
		fi
		for column in 1 2 3 5; do
			values+=("$(awk -v c=$column '{ print $c }' <<<"$measured" | median)")
		done
		errors=$(awk 'NF { e += $4 } END { print e + 0 }' <<<"${samples[i]}")
		empty=$(awk 'NF && $1 == 0 { n++ } END { print n + 0 }' <<<"${samples[i]}")
		((empty == 0)) || note="  ($empty of $API_ROUNDS rounds completed no call: left out)"
		if ((i == 0)); then
			PING_RATE[$connections]=${values[0]}
		fi
		api_row "${titles[i]}" "$connections" "${counts[i]}" "${values[0]} ${values[1]} ${values[2]} $errors ${values[3]}" "$note"
	done
}

# measure_api <title> <connections> <kind> <warm|cold>: one measurement of DURATION seconds after api_prepare
measure_api() {
	local title=$1 connections=$2 kind=$3 temperature=$4 counts sample calls note=''
	api_prepare "$@" || return 0
	counts=$COUNTS
	cold_start "$temperature"
	sample=$(api_sample "$DURATION" "$connections" "$kind")
	if [[ -z $sample ]]; then
		ROWS+=("$(printf '%-32s %5s  wrk failed: not measured' "$title" "$connections")")
		return
	fi
	read -r _ _ _ _ _ calls <<<"$sample"
	if [[ $temperature == cold ]] && ((calls > LINES)); then
		note="  (reused members: $calls calls, $LINES members; not all cold)"
	fi
	if [[ $kind == ping ]]; then
		PING_RATE[$connections]=${sample%% *}
	fi
	api_row "$title" "$connections" "$counts" "$sample" "$note"
}

api_kinds() {
	declare -gA PING_RATE=()
	# members in random order, one team each, drawn in SQL: the cold rows take them in turn
	sql -d aventian -F ' ' >"$MEMBERS" <<-'SQL'
		select user_id, team_id
		from (select distinct on (user_id) user_id, team_id from aventian.tbl_memberships order by user_id, random()) m
		order by random();
	SQL
	# the 304 rows' members with their answer's current ETag
	local urls=()
	while read -r user team; do
		urls+=(-o /dev/null "$BASE/api/v1/users/$user/details?teamId=$team")
	done < <(head -"$ETAG_MEMBERS" "$MEMBERS")
	curl -s -H "$API_AUTH" -w '%{url_effective} %header{etag}\n' "${urls[@]}" \
		| sed -E 's|^.*/users/([^/]+)/details\?teamId=([^ ]+) (.*)$|\1 \2 \3|' >"$ETAG_FILE"
	# PostgreSQL as in service (the data set is vacuumed and frozen, dataset.sql): its buffers hold what a running
	# server's would, the schema's tables and indexes read once (pg_prewarm, largest first, so what stays in
	# shared_buffers is the smaller relations, the indexes mostly; the rest is in the system's page cache). A cold row
	# measures the role cache's miss, not each member's first read since PostgreSQL started (that alone did not explain
	# the slow first cold row: the JIT did, see the warm-up rounds below and docs/PERFORMANCE.md)
	PREWARMED=$(sql -d aventian -F ' ' <<-'SQL'
		create extension if not exists pg_prewarm;
		select replace(pg_size_pretty(sum(size)), ' ', ''),
			round(sum(pg_prewarm(oid)) * current_setting('block_size')::bigint / 1048576.0), current_setting('shared_buffers')
		from (select c.oid, pg_relation_size(c.oid) as size from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'aventian' and c.relkind in ('r', 'i') order by 2 desc) r;
	SQL
	)
	read -r PREWARMED_SIZE PREWARMED_MB SHARED_BUFFERS <<<"$(tail -1 <<<"$PREWARMED")"
	log "PostgreSQL prewarmed: $PREWARMED_MB MB read of the schema's $PREWARMED_SIZE (shared_buffers $SHARED_BUFFERS)"
	log "$(wc -l <"$MEMBERS") members drawn; warming every call kind up for ${API_WARMUP}s each, cold then warm, in rounds"
	# Every kind warmed up, cold ones included (a server's cold calls run compiled code: the role cache, not the code,
	# is what a cold row measures cold), in rounds until the JIT compilers are done: the first cold row once ran while
	# C2 still compiled the JDBC and result-set paths (315 C2 compilations in its 21 s, 2026-11-29 23:45) and its p99
	# was 25.8 ms against 10.0 for the next cold row. A round: each cold kind, then the role cache emptied, then each
	# warm kind, API_WARMUP seconds each; done when a round's compilations took under JIT_IDLE_MS of CPU, or after
	# WARMUP_ROUNDS rounds.
	local kind round=0 jit_before jit_ms
	while :; do
		round=$((round + 1))
		jit_before=$(jit_threads)
		for kind in details authorize batch; do
			api_wrk "$API_WARMUP" "$CONNECTIONS" "$kind" "$MEMBERS" 0 >/dev/null
		done
		flush_role_cache
		for kind in ping details authorize batch; do
			api_wrk "$API_WARMUP" "$CONNECTIONS" "$kind" "$MEMBERS" "$WARM_MEMBERS" >/dev/null
		done
		jit_ms=$(jit_ms_since "$jit_before")
		log "warm-up round $round: the JIT compilers took $jit_ms ms of CPU"
		if ((jit_ms < JIT_IDLE_MS || round >= WARMUP_ROUNDS)); then
			break
		fi
	done
	WARMED="$round warm-up rounds, the last one's compilations $jit_ms ms of CPU"
	# every warm member in the role cache, whatever the warm-up managed on a busy machine (one curl, one connection)
	local user team warm_urls=()
	while read -r user team; do
		warm_urls+=(-o /dev/null "$BASE/api/v1/users/$user/details?teamId=$team")
	done < <(head -"$WARM_MEMBERS" "$MEMBERS")
	curl -s -H "$API_AUTH" "${warm_urls[@]}"
	local c
	for c in "$CONNECTIONS" "$HIGH_CONNECTIONS"; do
		measure_api_rounds "$c" 'ping (trivial)|ping' 'GetUserDetails, warm|details' 'GetUserDetails, 304|details-304' \
			'authorize, warm|authorize' 'authorize batch of 10, warm|batch'
		measure_api 'GetUserDetails, cold' "$c" details cold
		measure_api 'authorize, cold' "$c" authorize cold
		measure_api 'authorize batch of 10, cold' "$c" batch cold
	done
}

if [[ $SUITE == pages ]]; then
	sign_in_bench_user
	page_kinds
elif [[ $SUITE == api ]]; then
	api_kinds
fi

# --- 9. password sign-ins ---------------------------------------------------------------------------------
# "<hashes> <CPU seconds>" of the password checks so far, from the portal's own metric (aventian.password.hash.cpu:
# each hash's CPU time on its thread): the floor a sign-in's CPU is compared with, taken in the same process,
# under the same load, on the same sign-ins. "0 0" from a portal without the metric.
hash_cpu() {
	curl -s --max-time 30 -H "Authorization: Bearer $SCRAPE_TOKEN" "$BASE/actuator/prometheus" \
		| awk '/^aventian_password_hash_cpu_seconds_count\{.*operation="matches"/ { n = $NF }
			/^aventian_password_hash_cpu_seconds_sum\{.*operation="matches"/ { s = $NF }
			END { printf "%d %.6f\n", n, s }'
}
sign_ins() {
log "password sign-ins: $SIGNIN_WARMUP warm-up, $SIGNINS measured, $SIGNIN_CLIENTS clients"
signin() { timeout 600 java "$SIGNIN_DRIVER" "$@"; }
signin forms "$APP_PORT" "$SIGNIN_WARMUP" "$FIRST_SIGNIN_USER" "$TMP/warmup-forms.txt"
signin post "$APP_PORT" "$APP_PID" "$CLK_TCK" "$SIGNIN_CLIENTS" "$BENCH_PASSWORD" "$TMP/warmup-forms.txt" >/dev/null
signin forms "$APP_PORT" "$SIGNINS" $((FIRST_SIGNIN_USER + SIGNIN_WARMUP)) "$TMP/forms.txt"
SETTLED=$(signin settle "$APP_PID" "$CLK_TCK" "$SIGNIN_SETTLE")
log "JIT compilers after the warm-up: $SETTLED"
read -r hashes_before hash_seconds_before <<<"$(hash_cpu)"
reset_counters
SIGNIN_RESULT=$(signin post "$APP_PORT" "$APP_PID" "$CLK_TCK" "$SIGNIN_CLIENTS" "$BENCH_PASSWORD" "$TMP/forms.txt" \
	2>"$TMP/signin-failures.txt")
if [[ -s $TMP/signin-failures.txt ]]; then
	log "failed sign-ins: $(head -3 "$TMP/signin-failures.txt" | paste -sd ';')"
fi
eval "$(sed 's/\([a-z0-9_]*\)=/signin_\1=/g' <<<"$SIGNIN_RESULT")"
read -r signin_sql signin_writes signin_redis <<<"$(read_counters "$((signin_signins > 0 ? signin_signins : 1))" 'password sign-in (POST /login)')"
# after the counting: the scrape is not a sign-in's work
read -r hashes_after hash_seconds_after <<<"$(hash_cpu)"
HASH_LINE="one hash: not measured (the portal has no aventian.password.hash.cpu metric)"
if ((hashes_after > hashes_before)); then
	HASH_LINE=$(awk -v n=$((hashes_after - hashes_before)) -v s0="$hash_seconds_before" -v s1="$hash_seconds_after" \
		-v c="$signin_cpu_ms_per_signin" -v j="$signin_cpu_ms_jit" 'BEGIN { h = (s1 - s0) * 1000 / n
		printf "one hash: %.1f ms CPU (mean of the %d hashes of these sign-ins, on their threads); a sign-in costs %.2f hashes, %.2f without the JIT compilers'"'"' threads", h, n, c / h, (c - j) / h }')
fi
REHASHED=$(sql -d aventian -v hash="$BENCH_PASSWORD_HASH" <<<"select count(*) from aventian.tbl_users where password_hash <> :'hash'")
}
if [[ $SUITE != api ]]; then
	sign_ins
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 10. memory after the load -------------------------------------------------------------------------------
rss_mb() { awk -v key="$1:" '$1 == key { printf "%d", $2 / 1024 }' "/proc/$APP_PID/status"; }
RSS=$(rss_mb VmRSS)
HWM=$(rss_mb VmHWM)
NMT_SUMMARY=''
if [[ $NMT == 1 ]]; then
	NMT_SUMMARY=$(jcmd "$APP_PID" VM.native_memory summary scale=MB 2>&1 | grep -E '^(Total|-)' || true)
fi

# --- 11. the report ------------------------------------------------------------------------------------------
mkdir -p "$BENCH/results"
{
	echo "# Portal benchmark ($SUITE), $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src db templates static pom.xml || echo ' (with uncommitted changes)')"
	echo "machine: $(nproc) cores, $(awk '$1 == "MemTotal:" { printf "%d GiB", $2 / 1048576 }' /proc/meminfo); load average before $LOAD_BEFORE, after $LOAD_AFTER"
	echo "java: $(java -version 2>&1 | head -1); flags: $JVM_FLAGS(from ${JVM_OPTIONS#"$ROOT"/}), MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX (docker/Dockerfile)"
	if [[ -n $PORTAL_ARGS ]]; then
		echo "NOT production settings: PORTAL_ARGS=$PORTAL_ARGS"
	fi
	echo "servers: PostgreSQL $("$PG_BIN/postgres" --version | grep -o '[0-9][0-9.]*' | head -1), Redis $(redis-server --version | grep -o 'v=[0-9.]*' | cut -c3-)"
	echo "data set: $DATASET_LINE"
	echo "wrk: 2 threads, ${DURATION}s per row after ${WARMUP}s warm-up; SQL and Redis counted over $COUNT_REQUESTS sequential requests"
	if [[ $SUITE == pages ]]; then
		echo "CPU ms/req: the portal's; PG ms, Redis ms: the servers'; all ms: the whole machine's busy CPU per request (the portal,"
		echo "the servers, wrk, the kernel): 2 cores over it bound the throughput"
		echo "the liveness pair: medians of $SESSION_ROUNDS alternating rounds of ${SESSION_SECONDS}s of each kind (every round in the breakdown)"
		if [[ -n $WARMED ]]; then echo "before the rows: $WARMED (every kind ${PREWARM}s per round)"; fi
	fi
	if [[ $SUITE == api ]]; then
		echo "API: key of product benchcrm; warm rows cycle through $WARM_MEMBERS members (304: $ETAG_MEMBERS) and, with the trivial"
		echo "call, give the medians of $API_ROUNDS alternating rounds of ${API_ROUND_SECONDS}s (every round in the breakdown); cold rows name a"
		echo "member not asked for since user:roles:* was emptied; 'vs ping' = req/s over the ping row's at the same connections"
		echo "PostgreSQL as in service: the schema's tables and indexes ($PREWARMED_SIZE) read once by pg_prewarm before the rows,"
		echo "largest first, into shared_buffers of $SHARED_BUFFERS (the rest in the system's page cache); the data set vacuumed and frozen"
		echo "before the rows: $WARMED (every kind, cold ones included, ${API_WARMUP}s each per round)"
	fi
	echo
	if [[ $SUITE != signin ]]; then
	printf '%-32s %5s %8s %8s %8s %7s %8s %7s %8s' request conns 'req/s' 'p50 ms' 'p99 ms' errors 'SQL/req' writes 'Redis/req'
	[[ $SUITE == pages ]] && printf ' %10s %7s %7s %8s' 'CPU ms/req' 'PG ms' 'Redis ms' 'all ms'
	[[ $SUITE == api ]] && printf ' %8s %10s' 'vs ping' 'CPU ms/req'
	echo
	printf '%s\n' "${ROWS[@]}"
	if [[ -n $SESSION_RATIO ]]; then
		echo "liveness pair: $SESSION_RATIO"
	fi
	echo
	fi
	if [[ $SUITE != api ]]; then
	printf 'password sign-ins (%s clients): %s/s, p50 %s ms, p99 %s ms, server CPU %s ms per sign-in; %s SQL (%s writes) and %s Redis commands per sign-in; %s ok, %s failed\n' \
		"$SIGNIN_CLIENTS" "$signin_rate" "$signin_p50_ms" "$signin_p99_ms" "$signin_cpu_ms_per_signin" \
		"$signin_sql" "$signin_writes" "$signin_redis" "$signin_signins" "$signin_failed"
	echo "$HASH_LINE"
	echo "sign-ins measured after $SIGNIN_WARMUP warm-up sign-ins and the JIT compilers going idle: ${SETTLED:-?}"
	printf 'CPU ms per sign-in by thread: requests %s, GC and VM thread %s, JIT compilers %s, Redis client %s, other %s\n' \
		"${signin_cpu_ms_requests:-?}" "${signin_cpu_ms_gc:-?}" "${signin_cpu_ms_jit:-?}" "${signin_cpu_ms_redis_client:-?}" \
		"${signin_cpu_ms_other:-?}"
	if [[ -s $TMP/signin-failures.txt ]]; then
		echo "failed sign-ins (first three):"
		head -3 "$TMP/signin-failures.txt" | sed 's/^/  /'
	fi
	if [[ $REHASHED != 0 ]]; then
		echo "WARNING: $REHASHED users' password hashes changed at sign-in: the portal re-hashed, so the CPU figure includes a second hash; recompute BENCH_PASSWORD_HASH"
	fi
	fi
	echo "resident memory after the load: $RSS MB (peak $HWM MB)"
	if [[ -n $NMT_SUMMARY ]]; then
		echo "native memory tracking (committed, MB; NMT=1 costs a little CPU):"
		echo "$NMT_SUMMARY"
	fi
	echo
	echo "# Breakdown per request kind"
	cat "$DETAILS"
} >"$RESULT"
sed '/^# Breakdown/,$d' "$RESULT"
log "written to ${RESULT#"$ROOT"/} (with the per-statement breakdown); whole run $((SECONDS / 60)) min $((SECONDS % 60)) s"
