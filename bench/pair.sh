#!/usr/bin/env bash
# Two portal jars side by side on the liveness pair (issue 10: "a request with a session costs at most 1.5x one
# without"), for comparing a change to the session's path on a shared, noisy machine:
#     bench/pair.sh A.jar B.jar        e.g. main's jar against a branch's, each built with ./mvnw -DskipTests package
# Starts PostgreSQL and Redis (Debian's packages, free loopback ports, a temporary folder), both jars with the production
# flags (bench/jvm.options) on that one database and Redis, a small data set (bench/dataset.sql), and signs in once:
# the session is in the shared Redis, so both portals read the same session. Then ROUNDS rounds of the four kinds
# (A or B, liveness without or with the session cookie), each KIND_SECONDS of wrk at 8 connections, their order rotated every
# round so that a noisy phase of the machine falls on every kind alike. Each line: the kind, req/s, errors, and the
# portal's CPU per request from /proc (all threads, user + system, as bench/run.sh counts it), then the same for
# Tomcat's threads (http-nio-*) and Lettuce's (lettuce-*) alone, and the load average. At the end, over the rounds
# after WARM_ROUNDS: each kind's medians, and per round the session's part (with minus without) and ratio of A and B.
# Everything it starts is stopped on exit. See docs/PERFORMANCE.md ("The session's cost, fourth look").
#
# Settings (environment variables, defaults in brackets): ROUNDS [8], KIND_SECONDS [6], WARM_ROUNDS [3] (rounds left out of
# the summary: at a load average above 20 the JIT was still compiling in the first ones), CONNECTIONS [8],
# REDIS_TIMEOUT [5s] (a busy machine fails the portal's first Redis handshake at the production 500 ms).
set -euo pipefail

if [[ $# != 2 ]]; then
	echo "usage: bench/pair.sh A.jar B.jar" >&2
	exit 2
fi
A_JAR=$(realpath "$1")
B_JAR=$(realpath "$2")
ROUNDS=${ROUNDS:-8}
SECONDS_PER_KIND=${KIND_SECONDS:-6}
WARM_ROUNDS=${WARM_ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-8}
REDIS_TIMEOUT=${REDIS_TIMEOUT:-5s}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
# the password of every generated user and its Argon2id hash at the portal's parameters (as in bench/run.sh)
BENCH_PASSWORD='bench-only passphrase 2026'
BENCH_PASSWORD_HASH='{argon2}$argon2id$v=19$m=19456,t=2,p=1$2M8eWt7CdY6aamFqjv45Uw$Z9dNYlQ0Kfze95Plr+rzOjavHXDng8MH2+jbPeRFEgs'
ACCEPT='Accept: text/html,application/xhtml+xml,*/*;q=0.8'

log() { printf '[pair %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
as_postgres() {
	if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
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
	echo "no free port" >&2
	exit 1
}

TMP=$(mktemp -d /tmp/aventian-pair.XXXXXX)
chmod 755 "$TMP"
PIDS=()
cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	as_postgres "$PG_BIN/pg_ctl" stop -D "$TMP/postgres" -m immediate >/dev/null 2>&1 || true
	wait 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT

PG_PORT=$(free_port)
REDIS_PORT=$(free_port)
A_PORT=$(free_port)
B_PORT=$(free_port)
if (($(printf '%s\n' "$PG_PORT" "$REDIS_PORT" "$A_PORT" "$B_PORT" | sort -u | wc -l) != 4)); then
	echo "port collision, run again" >&2
	exit 1
fi

mkdir -p "$TMP/redis"
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --dir "$TMP/redis" \
	--logfile "$TMP/redis.log" --daemonize no &
PIDS+=($!)
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.2; done
mkdir -p "$TMP/postgres" "$TMP/pg-socket"
if [[ $(id -u) == 0 ]]; then chown postgres: "$TMP/postgres" "$TMP/pg-socket"; fi
as_postgres "$PG_BIN/initdb" -D "$TMP/postgres" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$TMP/initdb.log"
as_postgres "$PG_BIN/pg_ctl" start -D "$TMP/postgres" -w -t 60 -l "$TMP/postgres/server.log" \
	-o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$TMP/pg-socket" >/dev/null
sql() { psql -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
sql -d postgres -c 'create database aventian'

MALLOC_ARENA_MAX=$(sed -n 's/^ENV MALLOC_ARENA_MAX=\([0-9]*\).*/\1/p' "$ROOT/docker/Dockerfile")
# start <jar> <port> <log>: prints the pid; the settings beyond production's: loopback, the Redis timeout, and the
# per-address sign-in throttle raised (as in bench/run.sh)
start() {
	SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/aventian" SPRING_DATASOURCE_USERNAME=postgres \
		SPRING_DATASOURCE_PASSWORD=unused SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=$REDIS_PORT \
		MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX java "@$BENCH/jvm.options" -jar "$1" --server.port="$2" \
		--server.address=127.0.0.1 --spring.data.redis.timeout="$REDIS_TIMEOUT" \
		--aventian.throttle.limits.sign-in.per-ip=1000000 >>"$3" 2>&1 &
	echo $!
}
ready() {
	until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/actuator/health/readiness" || true) == 200 ]]; do
		if ! kill -0 "$2" 2>/dev/null; then
			tail -20 "$3" >&2
			echo "the portal on port $1 stopped at start-up; on a busy machine try REDIS_TIMEOUT=10s" >&2
			exit 1
		fi
		sleep 1
	done
}
# one after the other: the first runs the migrations
log "starting A ($A_JAR) on 127.0.0.1:$A_PORT"
A_PID=$(start "$A_JAR" "$A_PORT" "$TMP/a.log")
PIDS+=("$A_PID")
ready "$A_PORT" "$A_PID" "$TMP/a.log"
log "starting B ($B_JAR) on 127.0.0.1:$B_PORT"
B_PID=$(start "$B_JAR" "$B_PORT" "$TMP/b.log")
PIDS+=("$B_PID")
ready "$B_PORT" "$B_PID" "$TMP/b.log"

sql -d aventian -v users=2000 -v teams=100 -v big_team_members=50 -v teams_per_user=3 \
	-v password_hash="$BENCH_PASSWORD_HASH" -f "$BENCH/dataset.sql" >/dev/null
JAR_COOKIES=$TMP/cookies.txt
token=$(curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -H "$ACCEPT" "http://127.0.0.1:$A_PORT/login" \
	| grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
location=$(curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -H "$ACCEPT" -o /dev/null -w '%{redirect_url}' \
	--data-urlencode 'email=bench-00001@bench.aventian.test' --data-urlencode "password=$BENCH_PASSWORD" \
	--data-urlencode "_csrf=$token" "http://127.0.0.1:$A_PORT/login")
SESSION=$(awk '$6 == "AVENTIAN_SESSION" { print $7 }' "$JAR_COOKIES" | tail -1)
if [[ -z $SESSION || $location == *"/login"* ]]; then
	echo "signing in as bench-00001 failed (redirected to $location)" >&2
	exit 1
fi
COOKIE="Cookie: AVENTIAN_SESSION=$SESSION"
log "A's Lettuce threads: $(cat /proc/"$A_PID"/task/*/comm | grep '^lettuce-' | sort -u | tr '\n' ' ')"
log "B's Lettuce threads: $(cat /proc/"$B_PID"/task/*/comm | grep '^lettuce-' | sort -u | tr '\n' ' ')"

CLK_TCK=$(getconf CLK_TCK)
# ticks <pid> [thread name prefix]: user + system ticks of the process, or of its live threads with that name
ticks() {
	if [[ $# == 1 ]]; then
		sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
		return
	fi
	local total=0 task name
	for task in /proc/"$1"/task/*; do
		name=$(cat "$task/comm" 2>/dev/null || true)
		if [[ $name == "$2"* ]]; then
			total=$((total + $(sed 's/^.*) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 }')))
		fi
	done
	echo "$total"
}
# measure <kind> <port> <pid> <seconds> [header]: one wrk run, one line
measure() {
	local kind=$1 port=$2 pid=$3 seconds=$4
	shift 4
	local headers=()
	if [[ $# -gt 0 ]]; then headers=(-H "$1"); fi
	local all0 http0 lettuce0 all1 http1 lettuce1 result
	all0=$(ticks "$pid"); http0=$(ticks "$pid" http-nio); lettuce0=$(ticks "$pid" lettuce-)
	result=$(timeout $((seconds + 30)) wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" --timeout 2s -s "$BENCH/report.lua" \
		"${headers[@]}" "http://127.0.0.1:$port/actuator/health/liveness" | grep '^RESULT' || true)
	all1=$(ticks "$pid"); http1=$(ticks "$pid" http-nio); lettuce1=$(ticks "$pid" lettuce-)
	local requests=0 seconds_run=1 errors=0 p50_ms p99_ms
	eval "$(sed 's/^RESULT //; s/seconds=/seconds_run=/' <<<"$result")"
	awk -v k="$kind" -v r="$requests" -v s="$seconds_run" -v e="$errors" -v hz="$CLK_TCK" -v a=$((all1 - all0)) \
		-v h=$((http1 - http0)) -v l=$((lettuce1 - lettuce0)) -v load="$(cut -d' ' -f1 /proc/loadavg)" \
		'BEGIN { if (r == 0) r = 1; printf "%s %.1f %d %.4f %.4f %.4f %s\n", k, r / s, e, a * 1000 / hz / r, h * 1000 / hz / r, l * 1000 / hz / r, load }'
}
KINDS=("A_without $A_PORT $A_PID" "A_with $A_PORT $A_PID" "B_without $B_PORT $B_PID" "B_with $B_PORT $B_PID")
run_kind() {
	local kind
	read -r -a kind <<<"$1"
	if [[ ${kind[0]} == *_with ]]; then
		measure "${kind[@]}" "$2" "$COOKIE"
	else
		measure "${kind[@]}" "$2"
	fi
}

log "warm-up: every kind twice for 8 s"
for _ in 1 2; do for i in 0 1 2 3; do run_kind "${KINDS[$i]}" 8 >/dev/null; done; done
OUT=$TMP/rounds.txt
log "$ROUNDS rounds of ${SECONDS_PER_KIND}s per kind at $CONNECTIONS connections (load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "round kind req/s errors cpu_ms_per_req tomcat_threads_ms lettuce_threads_ms load1"
for round in $(seq "$ROUNDS"); do
	for j in 0 1 2 3; do
		# rotated every round, and reversed every other round
		i=$(((j + round) % 4))
		if ((round % 2 == 0)); then i=$(((3 - j + round) % 4)); fi
		echo "$round $(run_kind "${KINDS[$i]}" "$SECONDS_PER_KIND")" | tee -a "$OUT"
	done
done
echo
echo "summary over rounds $((WARM_ROUNDS + 1))-$ROUNDS (A = $A_JAR, B = $B_JAR):"
awk -v first=$((WARM_ROUNDS + 1)) '
	function ratio(with, without) { return (without > 0) ? with / without : 0 }
	function median(list, n,   i, j, t, v) {
		split(list, v, " "); n = length(v)
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
		return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	}
	$1 >= first {
		rps[$2] = rps[$2] " " $3; cpu[$2] = cpu[$2] " " $5; tomcat[$2] = tomcat[$2] " " $6; lettuce[$2] = lettuce[$2] " " $7
		c[$1, $2] = $5; rounds[$1] = 1
	}
	END {
		for (k in rps) printf "  %-10s req/s %7.0f  CPU ms/req %.4f  Tomcat threads %.4f  Lettuce threads %.4f\n", k, median(rps[k]), median(cpu[k]), median(tomcat[k]), median(lettuce[k])
		for (r in rounds) printf "  round %s: session part (with minus without, ms) A %.3f B %.3f; ratio A %.2fx B %.2fx\n", r, c[r, "A_with"] - c[r, "A_without"], c[r, "B_with"] - c[r, "B_without"], ratio(c[r, "A_with"], c[r, "A_without"]), ratio(c[r, "B_with"], c[r, "B_without"])
	}' "$OUT" | sort -V
