#!/usr/bin/env bash
# Recall benchmark: a job of 10,000 messages at the default 200 calls/s against a stub Tencent (WireMock standalone,
# 100 ms latency). Prints achieved calls/s, the busiest 1-second window at the stub and the job's wall time.
# A warm-up job (WARMUP messages, default 4000) runs first. Usage: src/bench/recall.sh [messages] [stub-latency-ms]
set -euo pipefail
source "$(dirname "$0")/common.sh"

MESSAGES=${1:-10000}
LATENCY=${2:-100}
WARMUP=${WARMUP:-4000}
PORT=18093
STUB_PORT=18094
DB=msgkey_bench_recall
ALICE=$(printf 'alice:alice-demo' | base64)
BOB=$(printf 'bob:bob-demo' | base64)

package_service
WIREMOCK="$BENCH_DIR/wiremock-standalone.jar"
if [ ! -f "$WIREMOCK" ]; then
    (cd "$ROOT" && ./mvnw -B -q dependency:copy -Dartifact=org.wiremock:wiremock-standalone:3.13.2 \
        -DoutputDirectory="$BENCH_DIR" -Dmdep.stripVersion=true)
fi

log "starting the Tencent stub on :$STUB_PORT with ${LATENCY} ms latency"
java -jar "$WIREMOCK" --port "$STUB_PORT" --async-response-enabled true --async-response-threads 32 \
    --container-threads 64 --disable-http2-plain --disable-gzip --disable-request-logging \
    >"$BENCH_DIR/wiremock.log" 2>&1 &
STUB_PID=$!
trap 'stop_service; kill $STUB_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$STUB_PORT/__admin/mappings" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs -X POST "http://127.0.0.1:$STUB_PORT/__admin/mappings" -d '{
  "request": {"method": "POST", "urlPath": "/v4/openim/admin_msgwithdraw"},
  "response": {"status": 200, "fixedDelayMilliseconds": '"$LATENCY"',
               "jsonBody": {"ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 0}}}' >/dev/null

fresh_database "$DB"
start_service "$DB" "$PORT" TENCENT_API_BASE_URL="http://127.0.0.1:$STUB_PORT" TENCENT_ADMIN_SECRET_KEY=bench-secret
URL="http://127.0.0.1:$PORT"
for sender in bench-warmup:$WARMUP bench-spammer:$MESSAGES; do
    psql_db "$DB" -c "INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_time, first_seen_at,
        seen_after, send_result)
        SELECT 1400000000, '${sender%%:*}', 'victim-' || i, '${sender%%:*}-' || i,
            timestamptz '2024-01-01' + i * interval '1 second', now(), true, 0
        FROM generate_series(1, ${sender##*:}) AS i"
done

# run_job <sender>: creates a job for the sender's messages, has a second moderator confirm it, waits for the end
run_job() {
    JOB=$(curl -fs -H "Authorization: Basic $ALICE" -H 'Content-Type: application/json' -X POST \
        "$URL/api/recall-jobs" -d '{"filter": {"from": "'"$1"'"}, "reason": "spam", "reference": "benchmark"}' \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
    # a job bigger than a freeze chunk is frozen in the background first
    until curl -fs -H "Authorization: Basic $ALICE" "$URL/api/recall-jobs/$JOB" \
        | grep -q '"state":"AWAITING_CONFIRMATION"'; do sleep 0.2; done
    log "job $JOB frozen; confirming as a second moderator"
    curl -fs -H "Authorization: Basic $BOB" -H "Content-Type: application/json" -X POST \
        "$URL/api/recall-jobs/$JOB/confirm" >/dev/null
    while true; do
        STATE=$(curl -fs -H "Authorization: Basic $ALICE" "$URL/api/recall-jobs/$JOB")
        echo "$STATE" | grep -q '"state":"COMPLETED"' && break
        sleep 2
    done
}

# A fresh JVM runs its first thousands of calls while still compiling them; a service in production is warm.
log "warm-up job: $WARMUP messages"
run_job bench-warmup
curl -fs -X DELETE "http://127.0.0.1:$STUB_PORT/__admin/requests" >/dev/null
log "measured job: $MESSAGES messages"
run_job bench-spammer
read -r WALL RECALLED < <(echo "$STATE" | python3 -c '
import json, re, sys
from datetime import datetime
j = json.load(sys.stdin)
parse = lambda s: datetime.fromisoformat(re.sub(r"(\.\d{6})\d*", r"\1", s).replace("Z", "+00:00"))
wall = (parse(j["completedAt"]) - parse(j["confirmedAt"])).total_seconds()
print(f"{wall:.1f}", j["counts"]["RECALLED"])')
STATS=$(python3 "$(dirname "$0")/recall-windows.py" "http://127.0.0.1:$STUB_PORT" "$BENCH_DIR/recall-per-second.txt")
read -r CALLS RATE BUSIEST CALENDAR < <(echo "$STATS" | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); printf "%s ", kv[2] }; print "" }')
PERCENT=$(awk -v r="$RATE" 'BEGIN {printf "%.1f", 100 * r / 200}')
echo "recall: $RECALLED of $MESSAGES recalled, $CALLS calls at $RATE calls/s ($PERCENT % of the configured 200/s);" \
    "busiest 1-second window at the stub $BUSIEST (sliding) / $CALENDAR (calendar second);" \
    "job wall time ${WALL} s with ${LATENCY} ms stub latency"
