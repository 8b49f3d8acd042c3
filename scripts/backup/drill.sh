#!/usr/bin/env bash
# The restore drill: back up the database PG* points at, restore it into a fresh database on the same server,
# compare the restored database with the manifest, print how long each step took, and drop the copy.
#
#   PGHOST=... PGUSER=... PGDATABASE=avn-staging scripts/backup/drill.sh /tmp/drill
#
# Its last line is machine-readable:  drill: ok backup=<s> restore=<s> total=<s> size=<bytes> rows=<n>
source "$(dirname "$0")/common.sh"

[ $# -eq 1 ] || die "usage: $0 <work directory>"
: "${PGDATABASE:?set PGDATABASE (and PGHOST, PGUSER, PGPASSWORD) to the database to drill}"
here=$(dirname "$0")
copy="${PGDATABASE}_drill_$(date -u +%Y%m%d%H%M%S)"
start=$(now_ms)

dump=$("$here/backup.sh" "$1")
backup_seconds=$(seconds_since "$start")

restore_start=$(now_ms)
trap '"$(bin dropdb)" --if-exists "$copy" >/dev/null 2>&1 || true' EXIT
"$here/restore.sh" "$dump" "$copy"
restore_seconds=$(seconds_since "$restore_start")

rows=$(awk '$1 ~ /\./ { sum += $2 } END { print sum + 0 }' "${dump%.dump}.manifest")
echo "drill: ok backup=${backup_seconds} restore=${restore_seconds} total=$(seconds_since "$start") size=$(stat -c %s "$dump") rows=$rows"
