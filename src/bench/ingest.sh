#!/usr/bin/env bash
# Ingest benchmark: wrk posts signed after-callbacks for 30 s; pgbench then inserts single rows into the same table
# with the same number of connections. Prints one summary line. Usage: src/bench/ingest.sh [connections] [seconds]
set -euo pipefail
source "$(dirname "$0")/common.sh"

CONNECTIONS=${1:-64}
DURATION=${2:-30}
THREADS=2
PORT=18090
DB=msgkey_bench_ingest
TOKEN=bench-callback-token

need wrk
need pgbench postgresql-client
package_service
fresh_database "$DB"

# wrk's Lua has no SHA-256: Sign = sha256(token + RequestTime) is computed here for every second of the run.
SIGNS="$BENCH_DIR/signs.lua"
{
    echo "return {"
    now=$(date +%s)
    for t in $(seq $((now - 5)) $((now + DURATION * 3 + 120))); do
        printf '[%s]="%s",\n' "$t" "$(printf '%s%s' "$TOKEN" "$t" | sha256sum | cut -d' ' -f1)"
    done
    echo "}"
} >"$SIGNS"

start_service "$DB" "$PORT" TENCENT_CALLBACK_TOKEN="$TOKEN" RECALL_WORKER_ENABLED=false
URL="http://127.0.0.1:$PORT"

log "warm-up: 10 s"
BENCH_SIGNS="$SIGNS" BENCH_PREFIX=warmup wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s "$(dirname "$0")/ingest.lua" \
    "$URL" >/dev/null

log "measuring: $DURATION s, $CONNECTIONS connections"
RSS_MAX=0
( while kill -0 "$SERVICE_PID" 2>/dev/null; do rss_mb "$SERVICE_PID"; sleep 1; done ) >"$BENCH_DIR/rss.txt" &
SAMPLER=$!
BENCH_SIGNS="$SIGNS" BENCH_PREFIX=run wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s "$(dirname "$0")/ingest.lua" "$URL" >"$BENCH_DIR/wrk.txt"
sleep 2
kill "$SAMPLER" 2>/dev/null || true
RSS_MAX=$(sort -n "$BENCH_DIR/rss.txt" | tail -1)
stop_service

read -r MADE DUPS OK FAILED RPS P50 P99 MAX < <(awk '/^WRK/ {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    print v["made"], v["duplicates"], v["ok"], v["failed"], v["rps"], v["p50"], v["p99"], v["max"] }' \
    "$BENCH_DIR/wrk.txt")
ROWS=$(psql_db "$DB" -c "SELECT count(*) FROM message WHERE msg_key LIKE 'run-%'")
DISTINCT_MADE=$((MADE - DUPS))
IN_FLIGHT=$((MADE - OK - FAILED))
if [ "$ROWS" -ge $((DISTINCT_MADE - IN_FLIGHT)) ] && [ "$ROWS" -le "$DISTINCT_MADE" ] && [ "$FAILED" -eq 0 ]; then
    VERDICT="rows match"
else
    VERDICT="ROWS DO NOT MATCH"
fi

log "baseline: pgbench, $CONNECTIONS connections, $DURATION s"
pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -f "$(dirname "$0")/ingest.sql" "$DB" >"$BENCH_DIR/pgbench.txt" 2>&1
BASELINE=$(awk '/^tps = / {printf "%.1f", $3}' "$BENCH_DIR/pgbench.txt")
RATIO=$(awk -v a="$RPS" -v b="$BASELINE" 'BEGIN {printf "%.2f", a / b}')

echo "ingest: ${RPS} callbacks/s, p50 ${P50} ms, p99 ${P99} ms (max ${MAX} ms), ${FAILED} non-200;" \
    "pgbench baseline ${BASELINE} rows/s; ratio ${RATIO};" \
    "${ROWS} rows for ${OK} OK (${DUPS} duplicates sent, ${IN_FLIGHT} in flight at the end): ${VERDICT};" \
    "service RSS max ${RSS_MAX} MB"
