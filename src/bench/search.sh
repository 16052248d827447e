#!/usr/bin/env bash
# Search benchmark at 10 million messages of each chat (one-to-one and group), spread over the 30 UTC days ending
# yesterday in their day partitions: p50/p99 of GET /api/messages by sender, by conversation, by time range (first page
# and a page 50 deep), by sender within a day, by group, and of /count for heavy senders, each beside the same queries
# sent to PostgreSQL alone (pgbench, same parameters, same connections). Searches without chat cover both chats, so
# their baselines run both tables' queries. Writes the plans of every filter combination (search-plans.sql) to
# target/bench/search-plans.txt. Seeds the database once and reuses it.
# Usage: src/bench/search.sh [seconds-per-scenario] [connections]
set -euo pipefail
source "$(dirname "$0")/common.sh"

DURATION=${1:-15}
CONNECTIONS=${2:-1}
PORT=18092
DB=msgkey_bench_search
AUTH=$(printf 'alice:alice-demo' | base64)

need wrk
need pgbench postgresql-client
package_service
# rows of a table: its count, or -1 when the table (or, for a seed older than the day partitions, its default
# partition) is not there
rows() { psql_db "$DB" -c "SELECT count(*) FROM $1" 2>/dev/null || echo -1; }
# A seed is reused when it has its 10 million rows and they are in day partitions: the seeds before V15's partitions
# put theirs in 2024, which lands in the default partition.
seeded() {
    local default
    default=$(rows "$1_default")
    [ "$(rows "$1")" = 10000000 ] && [ "$default" -ge 0 ] && [ "$default" -lt 100000 ]
}
SEEDED_ONE_TO_ONE="an earlier seed"
SEEDED_GROUP="an earlier seed"
if ! psql_db postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 || ! seeded message; then
    fresh_database "$DB"
    start_service "$DB" "$PORT" RECALL_WORKER_ENABLED=false
    stop_service
    log "seeding 10,000,000 messages (several minutes, once)"
    SECONDS=0
    psql_db "$DB" -f "$(dirname "$0")/search-seed.sql"
    log "seeded in ${SECONDS} s"
    SEEDED_ONE_TO_ONE="seeded in ${SECONDS} s"
fi
if ! seeded group_message; then
    start_service "$DB" "$PORT" RECALL_WORKER_ENABLED=false
    stop_service
    log "seeding 10,000,000 group messages (several minutes, once)"
    SECONDS=0
    psql_db "$DB" -c "TRUNCATE group_message" -f "$(dirname "$0")/search-seed-group.sql"
    log "seeded in ${SECONDS} s"
    SEEDED_GROUP="seeded in ${SECONDS} s"
fi

# Retention off for the measurement: a run on a later day would otherwise drop the oldest seeded day in mid-scenario.
start_service "$DB" "$PORT" RECALL_WORKER_ENABLED=false RETENTION_MESSAGES=off
URL="http://127.0.0.1:$PORT"

# A cursor 50 pages (5,000 messages) into a heavy sender's history.
CURSOR=""
for _ in $(seq 1 50); do
    CURSOR=$(curl -fs -H "Authorization: Basic $AUTH" \
        "$URL/api/messages?from=heavy-3&limit=100${CURSOR:+&cursor=$CURSOR}" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["nextCursor"])')
done

# The deep page's cursor is the 5,000th message of both chats.
read -r AFTER_TIME AFTER_ID < <(psql_db "$DB" -F ' ' -c "SELECT extract(epoch FROM msg_time), id FROM (
    SELECT msg_time, id FROM message WHERE sdk_app_id = 1400000000 AND from_account = 'heavy-3' AND delivered
        AND recalled_at IS NULL
    UNION ALL SELECT msg_time, id FROM group_message WHERE sdk_app_id = 1400000000 AND from_account = 'heavy-3'
        AND recalled_at IS NULL) m ORDER BY msg_time DESC, id DESC OFFSET 4999 LIMIT 1")
# The seeded span, for the time-bounded scenarios, and a day in its middle for the plans.
read -r SPAN_FROM SPAN_TO DAY < <(psql_db "$DB" -F ' ' -c "SELECT floor(extract(epoch FROM min(msg_time))),
    floor(extract(epoch FROM max(msg_time))),
    to_char((min(msg_time) + (max(msg_time) - min(msg_time)) / 2) AT TIME ZONE 'UTC', 'YYYY-MM-DD')
    FROM message WHERE sdk_app_id = 1400000000")
# A cursor 500 messages into group-3's history (a heavy group holds about 1,100).
read -r GROUP_AFTER_TIME GROUP_AFTER_ID < <(psql_db "$DB" -F ' ' -c "SELECT extract(epoch FROM msg_time), id
    FROM group_message WHERE sdk_app_id = 1400000000 AND group_id = 'group-3' AND recalled_at IS NULL
    ORDER BY msg_time DESC, id DESC OFFSET 499 LIMIT 1")

PLANS="$BENCH_DIR/search-plans.txt"
psql -X -v ON_ERROR_STOP=1 -qtA -d "$DB" -v day="$DAY" -v after_time="$AFTER_TIME" -v after_id="$AFTER_ID" \
    -v group_after_time="$GROUP_AFTER_TIME" -v group_after_id="$GROUP_AFTER_ID" \
    -f "$(dirname "$0")/search-plans.sql" >"$PLANS.body"
# A sequential scan of a partition that holds rows means an index did not fit: the header and the summary say so.
NONEMPTY=$(psql_db "$DB" -c "SELECT string_agg(c.relname, ' ') FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent IN ('message'::regclass, 'group_message'::regclass) AND c.reltuples > 0")
BAD_SCANS=$(grep -o 'Seq Scan on [a-z_0-9]*' "$PLANS.body" | awk -v names=" $NONEMPTY " \
    'index(names, " " $4 " ") { n++ } END { print n + 0 }')
{
    echo "Search plans at 10 million one-to-one and 10 million group messages in day partitions"
    echo "Written by src/bench/search.sh (search-plans.sql) on $(date -u '+%Y-%m-%d %H:%M UTC'), after the seed"
    echo "(one-to-one: $SEEDED_ONE_TO_ONE; group: $SEEDED_GROUP) and before the timed scenarios: EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) of the service's SQL"
    echo "(MessageQuery, GroupMessageQuery) with the values inline; state active unless named."
    echo "Machine: $(nproc) vCPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)),"\
        "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), shared with other work."
    psql_db "$DB" -F ' ' -c "SELECT 'PostgreSQL ' || current_setting('server_version') || ', shared_buffers '
        || current_setting('shared_buffers') || ', work_mem ' || current_setting('work_mem')
        || ', max_locks_per_transaction ' || current_setting('max_locks_per_transaction')
        || ', max_connections ' || current_setting('max_connections')"
    for table in message group_message; do
        psql_db "$DB" -c "SELECT '$table: ' || count(*) || ' rows, ' || to_char(min(msg_time) AT TIME ZONE 'UTC',
            'YYYY-MM-DD HH24:MI') || ' to ' || to_char(max(msg_time) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')
            || ' UTC; ' || (SELECT count(*) FROM pg_inherits WHERE inhparent = '$table'::regclass)
            || ' partitions (' || (SELECT count(*) FROM ${table}_default) || ' rows in ${table}_default; '
            || (SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = '$table'::regclass AND c.reltuples <= 0) || ' empty, the days ahead)' FROM $table"
    done
    echo "Time bounds below: $DAY (since $DAY 12:00Z, until $DAY 13:00Z; two days from $DAY 00:00Z; across midnight"
    echo "from 22:00Z the day before to 02:00Z). Partition indexes are named by PostgreSQL; they map to the parents' as:"
    psql_db "$DB" -F ' -> ' -c "SELECT regexp_replace(c.relname, '_p[0-9]{8}_', '_pYYYYMMDD_'), p.relname
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname IN (SELECT indexname FROM pg_indexes WHERE tablename IN ('message', 'group_message'))
            AND c.relname LIKE '%_p${DAY//-/}_%' ORDER BY 2" | sed 's/^/  /'
    echo "Locks one search without time bounds over both chats holds (its one transaction): $(psql -X -qtA -d "$DB" \
        -c "BEGIN" -c "SELECT count(*) FROM (SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
            AND m.from_account = 'heavy-3' AND m.delivered AND m.recalled_at IS NULL
            ORDER BY msg_time DESC, id DESC LIMIT 101) m" \
        -c "SELECT count(*) FROM (SELECT g.* FROM group_message g WHERE g.sdk_app_id = 1400000000
            AND g.from_account = 'heavy-3' AND g.recalled_at IS NULL ORDER BY g.msg_time DESC, g.id DESC LIMIT 101) g" \
        -c "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid()" -c "COMMIT" | sed -n 3p)."
    echo "Sequential scans of a partition holding rows: $BAD_SCANS. Others are of the empty days ahead (nothing to read)."
    echo
    cat "$PLANS.body"
} >"$PLANS"
rm "$PLANS.body"

# The baseline: the same queries straight to PostgreSQL with pgbench, right after the service's run of each scenario,
# so that both meet the same cache and the same neighbours.
database_alone() {
    rm -f "$BENCH_DIR/db-$1".*
    pgbench -n -c "$CONNECTIONS" -j 1 -T "$DURATION" -f "$(dirname "$0")/search-db/$1.sql" \
        -D after_time="$AFTER_TIME" -D after_id="$AFTER_ID" -D span_from="$SPAN_FROM" -D span_to="$SPAN_TO" \
        -l --log-prefix="$BENCH_DIR/db-$1" "$DB" \
        >"$BENCH_DIR/db-$1.txt" 2>&1
    # per-transaction log: the third column is the latency in microseconds
    cat "$BENCH_DIR/db-$1".[0-9]* | awk '{print $3 / 1000}' | sort -n | awk '{ v[NR] = $1 }
        END { printf "%.2f %.2f\n", v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1] }'
}

SUMMARY=""
for scenario in sender conversation range deep sender-day count group; do
    log "scenario $scenario: $DURATION s, $CONNECTIONS connection(s), then the database alone"
    BENCH_SCENARIO=$scenario BENCH_CURSOR="$CURSOR" BENCH_AUTH="$AUTH" BENCH_SPAN_FROM=$SPAN_FROM \
        BENCH_SPAN_TO=$SPAN_TO wrk -t1 -c"$CONNECTIONS" -d10s \
        -s "$(dirname "$0")/search.lua" "$URL" >/dev/null
    BENCH_SCENARIO=$scenario BENCH_CURSOR="$CURSOR" BENCH_AUTH="$AUTH" BENCH_SPAN_FROM=$SPAN_FROM \
        BENCH_SPAN_TO=$SPAN_TO wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" \
        --latency -s "$(dirname "$0")/search.lua" "$URL" >"$BENCH_DIR/search-$scenario.txt"
    read -r DB_P50 DB_P99 < <(database_alone "$scenario")
    SUMMARY+=$(awk -v d50="$DB_P50" -v d99="$DB_P99" '/^WRK/ {
        for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        printf "%s p50 %s ms p99 %s ms (%s req/s, %s errors; database alone p50 %s ms p99 %s ms, p99 ratio %.2f); ",
            $2, v["p50"], v["p99"], v["rps"], v["errors"], d50, d99, v["p99"] / d99 }' \
        "$BENCH_DIR/search-$scenario.txt")
done
stop_service
echo "search at $(psql_db "$DB" -c "SELECT count(*) FROM message") one-to-one and \
$(psql_db "$DB" -c "SELECT count(*) FROM group_message") group messages in day partitions: $SUMMARY plans in $PLANS \
($BAD_SCANS sequential scans of a partition holding rows)"
