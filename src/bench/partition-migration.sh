#!/usr/bin/env bash
# Time of the V15 migration (daily partitions) per million rows: a database at V14 with N one-to-one messages spread
# over the last 30 days (1 % of them stand-ins) and N/10 group messages, then V15 alone, timed by psql; then V16 (the
# list of stand-ins) on the partitioned tables, timed the same way. The migrations
# are applied with psql in Flyway's order (the service is not needed), so the figure is the SQL's own.
# Usage: src/bench/partition-migration.sh [rows]   (default 1000000)
set -euo pipefail
source "$(dirname "$0")/common.sh"

ROWS=${1:-1000000}
DB=msgkey_bench_partition_migration
MIGRATIONS="$ROOT/db/migration"

fresh_database "$DB"
for file in $(ls "$MIGRATIONS" | sort -V); do
    case "$file" in V1[5-9]__*) continue ;; esac
    psql_db "$DB" -f "$MIGRATIONS/$file" >/dev/null 2>&1
done
log "loading $ROWS messages at V14"
psql_db "$DB" <<SQL
INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_seq, msg_random, msg_time, online_only,
    client_ip, platform, first_seen_at, seen_before, seen_after, send_result, msg_time_estimated)
SELECT 1400000000, 'user-' || ((i * 104729) % 500000), 'user-' || ((i * 7919) % 500000),
       (i % 65536) || '_' || ((i * 2654435761) % 4294967296) || '_' || i, i % 65536, (i * 2654435761) % 4294967296,
       now() - interval '30 days' + i * (interval '30 days' / $ROWS), false, '203.0.113.' || (i % 250), 'Android',
       now(), true, true, 0, i % 100 = 0
FROM generate_series(1::bigint, $ROWS::bigint) AS i;
INSERT INTO group_message (sdk_app_id, group_id, msg_seq, from_account, msg_time, first_seen_at)
SELECT 1400000000, 'group-' || (i % 1000), i, 'user-' || ((i * 7919) % 500000),
       now() - interval '30 days' + i * (interval '30 days' / ($ROWS / 10)), now()
FROM generate_series(1, $ROWS / 10) AS i;
VACUUM ANALYZE message;
VACUUM ANALYZE group_message;
SQL
log "migrating (V15)"
start=$(date +%s.%N)
psql_db "$DB" -f "$MIGRATIONS/V15__Daily_message_partitions.sql" >/dev/null
end=$(date +%s.%N)
total=$(echo "$end - $start" | bc -l)
rows=$(psql_db "$DB" -c "SELECT (SELECT count(*) FROM message) + (SELECT count(*) FROM group_message)")
partitions=$(psql_db "$DB" -c "SELECT count(*) FROM pg_inherits WHERE inhparent = 'message'::regclass")
printf 'V15: %s rows (one-to-one and group) in %.1f s = %.1f s per million rows; %s partitions of message\n' \
    "$rows" "$total" "$(echo "$total * 1000000 / $rows" | bc -l)" "$partitions"
start=$(date +%s.%N)
psql_db "$DB" -f "$MIGRATIONS/V16__Stand_in_index.sql" >/dev/null
end=$(date +%s.%N)
listed=$(psql_db "$DB" -c "SELECT count(*) FROM message_stand_in")
printf 'V16: %s stand-ins listed in %.2f s = %.2f s per million rows\n' "$listed" "$(echo "$end - $start" | bc -l)" \
    "$(echo "($end - $start) * 1000000 / $rows" | bc -l)"
psql_db postgres -c "DROP DATABASE $DB" >/dev/null
