#!/usr/bin/env bash
# Search benchmark at 10 million messages of each chat (one-to-one and group): p50/p99 of GET /api/messages by sender,
# by conversation, by time range (first page and a page 50 deep), by group, and of /count for heavy senders, each
# beside the same queries sent to PostgreSQL alone (pgbench, same parameters, same connections). Searches without
# chat cover both chats, so their baselines run both tables' queries. Seeds the database once and reuses it.
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
if ! psql_db postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
    || [ "$(psql_db "$DB" -c "SELECT count(*) FROM message" 2>/dev/null || echo 0)" != 10000000 ]; then
    fresh_database "$DB"
    start_service "$DB" "$PORT" RECALL_WORKER_ENABLED=false
    stop_service
    log "seeding 10,000,000 messages (several minutes, once)"
    SECONDS=0
    psql_db "$DB" -f "$(dirname "$0")/search-seed.sql"
    log "seeded in ${SECONDS} s"
fi
if [ "$(psql_db "$DB" -c "SELECT count(*) FROM group_message" 2>/dev/null || echo 0)" != 10000000 ]; then
    start_service "$DB" "$PORT" RECALL_WORKER_ENABLED=false
    stop_service
    log "seeding 10,000,000 group messages (several minutes, once)"
    SECONDS=0
    psql_db "$DB" -c "TRUNCATE group_message" -f "$(dirname "$0")/search-seed-group.sql"
    log "seeded in ${SECONDS} s"
fi

start_service "$DB" "$PORT" RECALL_WORKER_ENABLED=false
URL="http://127.0.0.1:$PORT"

# A cursor 50 pages (5,000 messages) into a heavy sender's history.
CURSOR=""
for _ in $(seq 1 50); do
    CURSOR=$(curl -fs -H "Authorization: Basic $AUTH" \
        "$URL/api/messages?from=heavy-3&limit=100${CURSOR:+&cursor=$CURSOR}" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["nextCursor"])')
done

PLANS="$BENCH_DIR/search-plans.txt"
: >"$PLANS"
explain() {
    echo "== $1" >>"$PLANS"
    psql_db "$DB" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $2" >>"$PLANS"
}
explain "by sender (heavy)" "SELECT * FROM message m WHERE m.sdk_app_id = 1400000000 AND m.from_account = 'heavy-3'
    AND m.delivered AND m.recalled_at IS NULL ORDER BY msg_time DESC, id DESC LIMIT 101"
explain "by time range" "SELECT * FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.msg_time >= '2024-06-01T00:00:00Z' AND m.msg_time < '2024-06-01T01:00:00Z'
    AND m.delivered AND m.recalled_at IS NULL ORDER BY msg_time DESC, id DESC LIMIT 101"
explain "conversation" "SELECT * FROM ((SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'heavy-3' AND m.to_account = 'user-21' AND m.delivered AND m.recalled_at IS NULL
    ORDER BY msg_time DESC, id DESC LIMIT 101) UNION ALL (SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'user-21' AND m.to_account = 'heavy-3' AND m.delivered AND m.recalled_at IS NULL
    ORDER BY msg_time DESC, id DESC LIMIT 101)) m ORDER BY msg_time DESC, id DESC LIMIT 101"
explain "count (heavy sender)" "SELECT count(*) FROM (SELECT 1 FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'heavy-3' AND m.delivered AND m.recalled_at IS NULL) m"
explain "group: by sender (heavy)" "SELECT * FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.from_account = 'heavy-3' AND g.recalled_at IS NULL ORDER BY g.msg_time DESC, g.id DESC LIMIT 101"
explain "group: by group" "SELECT * FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.group_id = 'group-3' AND g.recalled_at IS NULL ORDER BY g.msg_time DESC, g.id DESC LIMIT 101"
explain "group: by group and sender" "SELECT * FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.group_id = 'group-3' AND g.from_account = 'heavy-3' AND g.recalled_at IS NULL
    ORDER BY g.msg_time DESC, g.id DESC LIMIT 101"
explain "group: by time range" "SELECT * FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.msg_time >= '2024-06-01T00:00:00Z' AND g.msg_time < '2024-06-01T01:00:00Z' AND g.recalled_at IS NULL
    ORDER BY g.msg_time DESC, g.id DESC LIMIT 101"
explain "group: count (heavy sender)" "SELECT count(*) FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.from_account = 'heavy-3' AND g.recalled_at IS NULL"

# The baseline: the same queries straight to PostgreSQL with pgbench, right after the service's run of each scenario,
# so that both meet the same cache and the same neighbours. The deep page's cursor is the 5,000th message of both chats.
read -r AFTER_TIME AFTER_ID < <(psql_db "$DB" -F ' ' -c "SELECT extract(epoch FROM msg_time), id FROM (
    SELECT msg_time, id FROM message WHERE sdk_app_id = 1400000000 AND from_account = 'heavy-3' AND delivered
        AND recalled_at IS NULL
    UNION ALL SELECT msg_time, id FROM group_message WHERE sdk_app_id = 1400000000 AND from_account = 'heavy-3'
        AND recalled_at IS NULL) m ORDER BY msg_time DESC, id DESC OFFSET 4999 LIMIT 1")
database_alone() {
    rm -f "$BENCH_DIR/db-$1".*
    pgbench -n -c "$CONNECTIONS" -j 1 -T "$DURATION" -f "$(dirname "$0")/search-db/$1.sql" \
        -D after_time="$AFTER_TIME" -D after_id="$AFTER_ID" -l --log-prefix="$BENCH_DIR/db-$1" "$DB" \
        >"$BENCH_DIR/db-$1.txt" 2>&1
    # per-transaction log: the third column is the latency in microseconds
    cat "$BENCH_DIR/db-$1".[0-9]* | awk '{print $3 / 1000}' | sort -n | awk '{ v[NR] = $1 }
        END { printf "%.2f %.2f\n", v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1] }'
}

SUMMARY=""
for scenario in sender conversation range deep count group; do
    log "scenario $scenario: $DURATION s, $CONNECTIONS connection(s), then the database alone"
    BENCH_SCENARIO=$scenario BENCH_CURSOR="$CURSOR" BENCH_AUTH="$AUTH" wrk -t1 -c"$CONNECTIONS" -d10s \
        -s "$(dirname "$0")/search.lua" "$URL" >/dev/null
    BENCH_SCENARIO=$scenario BENCH_CURSOR="$CURSOR" BENCH_AUTH="$AUTH" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" \
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
$(psql_db "$DB" -c "SELECT count(*) FROM group_message") group messages: $SUMMARY plans in $PLANS"
