#!/usr/bin/env bash
# Freeze benchmark: a recall job over MESSAGES messages of one sender (default 1,000,000), created through the API,
# timed from the request to AWAITING_CONFIRMATION (chunks frozen in the background). The baseline, in the same run
# and on the same rows, is one plain INSERT ... SELECT of them into recall_item: what the old single-transaction
# freeze did, holding one transaction for the whole selection. While the job freezes, a probe posts callbacks and
# reports their worst answer time. Usage: src/bench/freeze.sh [messages]
set -euo pipefail
source "$(dirname "$0")/common.sh"

MESSAGES=${1:-1000000}
PORT=18095
TOKEN=bench-callback-token
DB=msgkey_bench_freeze
ALICE=$(printf 'alice:alice-demo' | base64)
URL="http://127.0.0.1:$PORT"

package_service
fresh_database "$DB"
start_service "$DB" "$PORT" TENCENT_CALLBACK_TOKEN="$TOKEN" RECALL_WORKER_ENABLED=false
log "seeding $MESSAGES messages of one sender (and as many of others around them)"
psql_db "$DB" -c "INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_time, first_seen_at,
    seen_after, send_result)
    SELECT 1400000000, CASE WHEN i % 2 = 0 THEN 'bench-spammer' ELSE 'bystander-' || (i % 1000) END,
        'victim-' || (i % 5000), 'k-' || i, timestamptz '2024-01-01' + i * interval '100 milliseconds', now(), true, 0
    FROM generate_series(1, 2 * $MESSAGES) AS i"
psql_db "$DB" -c "VACUUM ANALYZE message"
# the seeding's dirty pages are written now, not during the measurements
psql_db "$DB" -c "CHECKPOINT"

now_ms() { date +%s%3N; }
state() { curl -fs -H "Authorization: Basic $ALICE" "$URL/api/recall-jobs/$1"; }

log "creating the job through the API"
START=$(now_ms)
CREATED=$(curl -fs -w ' %{http_code} %{time_total}' -H "Authorization: Basic $ALICE" -H 'Content-Type: application/json' \
    -X POST "$URL/api/recall-jobs" -d '{"filter": {"from": "bench-spammer"}, "reason": "spam"}')
read -r BODY CODE ANSWER_S <<<"$CREATED"
JOB=$(echo "$BODY" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
log "answered $CODE in ${ANSWER_S} s: $(echo "$BODY" | python3 -c 'import json, sys; j = json.load(sys.stdin); print(j["state"], j.get("frozen"))')"

# callbacks while it freezes: their worst answer time (the callback path must not wait for the freeze)
WORST=0
SENT=0
while ! state "$JOB" | grep -q '"state":"AWAITING_CONFIRMATION"'; do
    NOW=$(date +%s)
    SIGN=$(printf '%s%s' "$TOKEN" "$NOW" | sha256sum | cut -d' ' -f1)
    T=$(curl -fs -o /dev/null -w '%{time_total}' -H 'Content-Type: application/json' -X POST \
        "$URL/tencent/callback?SdkAppid=1400000000&CallbackCommand=C2C.CallbackAfterSendMsg&contenttype=json&RequestTime=$NOW&Sign=$SIGN" \
        -d '{"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":"bench-spammer","To_Account":"late",
             "MsgSeq":1,"MsgRandom":2,"MsgTime":1704067300,"MsgKey":"late-'"$SENT"'","SendMsgResult":0}')
    WORST=$(awk -v a="$WORST" -v b="$T" 'BEGIN {print (b > a) ? b : a}')
    SENT=$((SENT + 1))
    sleep 0.2
done
FREEZE_MS=$(( $(now_ms) - START ))
TOTAL=$(state "$JOB" | python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])')
LATE=$(psql_db "$DB" -c "SELECT count(*) FROM recall_item WHERE job_id = $JOB AND msg_key LIKE 'late-%'")

log "baseline: one INSERT ... SELECT of the same rows"
BASE_JOB=$(psql_db "$DB" -c "INSERT INTO recall_job (state, filter, reason, total, created_by, created_at)
    VALUES ('CANCELLED', '{}', 'spam', 0, 'bench', now()) RETURNING id" | head -1)
BASE_START=$(now_ms)
BASE_ROWS=$(psql_db "$DB" -c "WITH ins AS (INSERT INTO recall_item (job_id, message_id, from_account, to_account, msg_key, msg_time)
    SELECT $BASE_JOB, id, from_account, to_account, msg_key, msg_time FROM message
    WHERE sdk_app_id = 1400000000 AND from_account = 'bench-spammer' AND msg_key NOT LIKE 'late-%'
    ORDER BY msg_time DESC, id DESC RETURNING 1) SELECT count(*) FROM ins")
BASE_MS=$(( $(now_ms) - BASE_START ))

echo "freeze: $TOTAL of $MESSAGES messages frozen in $(awk -v m="$FREEZE_MS" 'BEGIN {printf "%.1f", m / 1000}') s" \
    "(create answered $CODE in ${ANSWER_S} s; $LATE of $SENT callbacks posted meanwhile in the job, worst answer" \
    "${WORST} s); baseline INSERT ... SELECT of $BASE_ROWS rows in one transaction" \
    "$(awk -v m="$BASE_MS" 'BEGIN {printf "%.1f", m / 1000}') s; ratio freeze/baseline" \
    "$(awk -v a="$FREEZE_MS" -v b="$BASE_MS" 'BEGIN {printf "%.2f", a / b}'); target < 60 s"
