#!/usr/bin/env bash
# Retention benchmark: a day partition of 1,000,000 messages 40 days old is removed by POST /api/retention/run while
# wrk posts signed after-callbacks; prints the run's answer time and the ingest p99 during it beside the p99 of the
# same load just before, without the run (same process). The run answers once the day is detached, counted and
# audited, and drops its table after: the script also prints when the table left the catalog and when its files
# (heap, toast, indexes) were emptied on disk (the blocks freed; the empty first segments go at the next checkpoint),
# both counted from the request. Also, in the same run: the
# first and second runs of a fresh process while nothing is old (the cold request's own cost), the service's time per
# step (detach, count, drop) and, as the drop's baseline, how long this file system takes to free a file of the day's
# size (ext4 mounted with online discard frees blocks synchronously). Usage: src/bench/retention.sh [connections]
# [seconds]
set -euo pipefail
source "$(dirname "$0")/common.sh"

CONNECTIONS=${1:-16}
DURATION=${2:-20}
THREADS=2
PORT=18093
DB=msgkey_bench_retention
TOKEN=bench-callback-token
AUTH=$(printf 'cora:cora-demo' | base64)

need wrk
package_service
fresh_database "$DB"

SIGNS="$BENCH_DIR/signs-retention.lua"
{
    echo "return {"
    now=$(date +%s)
    for t in $(seq $((now - 5)) $((now + DURATION * 4 + 300))); do
        printf '[%s]="%s",\n' "$t" "$(printf '%s%s' "$TOKEN" "$t" | sha256sum | cut -d' ' -f1)"
    done
    echo "}"
} >"$SIGNS"

URL="http://127.0.0.1:$PORT"
retention_run() {
    curl -s -w ' %{http_code} %{time_total}' -X POST -H "Authorization: Basic $AUTH" -H "Origin: $URL" \
        -H "Content-Type: application/json" "$URL/api/retention/run"
}
# Migrations first, and the cold request's own cost: the first run of a fresh process, with nothing old to remove.
start_service "$DB" "$PORT" TENCENT_CALLBACK_TOKEN="$TOKEN" RECALL_WORKER_ENABLED=false RETENTION_MESSAGES=P30D
EMPTY=$(retention_run)
EMPTY_AGAIN=$(retention_run)
stop_service

# The old day, loaded while no service runs; the next process's scheduled run comes a minute after its start, after
# the measured one.
DAY=$(date -u -d '40 days ago' +%Y-%m-%d)
NAME="message_p$(date -u -d "$DAY" +%Y%m%d)"
log "loading 1,000,000 messages into $NAME"
psql_db "$DB" <<SQL
CREATE TABLE $NAME PARTITION OF message FOR VALUES FROM ('$DAY 00:00Z') TO ('$DAY 00:00Z'::timestamptz + interval '1 day');
INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_seq, msg_random, msg_time, online_only,
    client_ip, platform, first_seen_at, seen_before, seen_after, send_result)
SELECT 1400000000, 'user-' || ((i * 104729) % 500000), 'user-' || ((i * 7919) % 500000), 'old-' || i, i % 65536, i,
       '$DAY 00:00Z'::timestamptz + i * interval '86 milliseconds', false, '203.0.113.1', 'Android', now(), true, true, 0
FROM generate_series(1::bigint, 1000000::bigint) AS i;
VACUUM ANALYZE message;
SQL
DAY_MB=$(($(psql_db "$DB" -c "SELECT pg_total_relation_size('$NAME')") / 1048576))

start_service "$DB" "$PORT" TENCENT_CALLBACK_TOKEN="$TOKEN" RECALL_WORKER_ENABLED=false RETENTION_MESSAGES=P30D \
    QUARKUS_LOG_CATEGORY__IO_MSGKEY_RECORDER_RETENTION__LEVEL=INFO

log "warm-up: 10 s"
BENCH_SIGNS="$SIGNS" BENCH_PREFIX=warmup wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s "$(dirname "$0")/ingest.lua" \
    "$URL" >/dev/null
log "baseline: $DURATION s without the drop"
BENCH_SIGNS="$SIGNS" BENCH_PREFIX=base wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s "$(dirname "$0")/ingest.lua" "$URL" >"$BENCH_DIR/wrk-retention-base.txt"
log "measuring: $DURATION s, the drop $((DURATION / 4)) s in"
BENCH_SIGNS="$SIGNS" BENCH_PREFIX=drop wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s "$(dirname "$0")/ingest.lua" "$URL" >"$BENCH_DIR/wrk-retention-drop.txt" &
WRK=$!
sleep $((DURATION / 4))
# The day's files, and two watchers started before the request: the catalog (a statement per poll, each with a fresh
# snapshot) and the files themselves (PostgreSQL unlinks them after the commit is visible).
DATA_DIR=$(psql_db "$DB" -c "SHOW data_directory")
mapfile -t FILES < <(psql_db "$DB" -c "SELECT pg_relation_filepath(c.oid) FROM pg_class c WHERE c.oid = '$NAME'::regclass
    OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = '$NAME'::regclass)
    OR c.oid = (SELECT reltoastrelid FROM pg_class WHERE oid = '$NAME'::regclass)")
STARTED=$(date +%s%N)
( psql_db "$DB" -c "DO \$\$ BEGIN WHILE EXISTS (SELECT 1 FROM pg_class WHERE relname = '$NAME') LOOP
      PERFORM pg_sleep(0.005); END LOOP; END \$\$"; date +%s%N >"$BENCH_DIR/retention-catalog-gone" ) &
CATALOG=$!
( while :; do
      left=0
      # a dropped relation's first segment is truncated at once and unlinked at the next checkpoint: empty is gone
      for file in "${FILES[@]}"; do [ -s "$DATA_DIR/$file" ] && left=1 && break; done
      [ "$left" = 0 ] && break
      sleep 0.005
  done; date +%s%N >"$BENCH_DIR/retention-files-gone" ) &
WATCHER=$!
ANSWER=$(retention_run)
wait "$CATALOG" "$WATCHER"
CATALOG_S=$(awk -v a="$STARTED" -v b="$(cat "$BENCH_DIR/retention-catalog-gone")" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
FILES_S=$(awk -v a="$STARTED" -v b="$(cat "$BENCH_DIR/retention-files-gone")" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
wait "$WRK"
stop_service
STEPS="$(grep -o "retention removed $NAME: .*" "$BENCH_DIR/service-$PORT.log" | sed 's/.*legal holds; //'),\
 $(grep "[1-9][0-9]* detached days are dropped" "$BENCH_DIR/service-$PORT.log" \
 | grep -o "messages in .* audited in [0-9]* ms"), $(grep -o "retention dropped $NAME in [0-9]* ms" "$BENCH_DIR/service-$PORT.log" | sed 's/.* in /dropped (after the answer) in /')"

# The file system's own cost of freeing the day's bytes, beside the database's files.
SCRATCH="$(psql_db "$DB" -c "SHOW data_directory")/../bench-retention-scratch"
dd if=/dev/zero of="$SCRATCH" bs=1M count="$DAY_MB" conv=fsync status=none
FREE_STARTED=$(date +%s%N)
rm "$SCRATCH"
FREE_MS=$((($(date +%s%N) - FREE_STARTED) / 1000000))

p99() { awk '/^WRK/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } print v["p99"], v["rps"], v["failed"] }' "$1"; }
read -r BASE_P99 BASE_RPS BASE_FAILED < <(p99 "$BENCH_DIR/wrk-retention-base.txt")
read -r DROP_P99 DROP_RPS DROP_FAILED < <(p99 "$BENCH_DIR/wrk-retention-drop.txt")
LEFT=$(psql_db "$DB" -c "SELECT count(*) FROM pg_class WHERE relname = '$NAME'")
echo "retention: a first run while nothing is old (cold request) answered ${EMPTY} s, the second ${EMPTY_AGAIN} s;" \
    "POST /api/retention/run answered ${ANSWER} s; $NAME ($DAY_MB MB) gone from the catalog ${CATALOG_S} s and its" \
    "${#FILES[@]} files emptied ${FILES_S} s after the request; left at the end: $LEFT;" \
    "the service's steps: ${STEPS}; freeing a file of that size here takes ${FREE_MS} ms;" \
    "ingest during the drop: p99 ${DROP_P99} ms, ${DROP_RPS} callbacks/s, ${DROP_FAILED} non-200;" \
    "baseline without it: p99 ${BASE_P99} ms, ${BASE_RPS} callbacks/s, ${BASE_FAILED} non-200"
