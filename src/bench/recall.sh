#!/usr/bin/env bash
# Recall benchmark: the first job of a freshly started service (cold) and then a second job in the same process (warm),
# each of MESSAGES messages at the default 200 calls/s, against a strict stub Tencent (src/bench/WithdrawStub.java:
# 100 ms latency, counts every arriving call in a sliding second and answers 60007 above 200). Prints, per job and
# measured at the stub, the calls/s from the first call to the last, its share of 200/s, the busiest sliding and
# calendar second, the calls refused with 60007 and the job's wall time, and the load average of the machine.
# Then a job of GROUP_MESSAGES group messages across 20 groups (group_msg_recall, up to ten a call, its own 200/s),
# reported in calls at the stub and messages per second against ten times the call limit.
# With GATE_TIMES=1 the service's send gate logs at DEBUG, so each call carries the time it passed the gate and the stub
# also reports the delay from gate to arrival, the connections opened per second and when refused calls arrived.
# The stub runs at nice STUB_NICE (default -10): it stands for Tencent, whose clock is not on this machine's two CPUs,
# and when it waits for a CPU behind the service and PostgreSQL it stamps calls late and in bunches (a capture of the
# loopback showed calls within the limit on the wire that the stub, starved, counted 209 to a second). STUB_NICE=0 runs
# it like any other process.
# With WIRE_CAPTURE=1 as well, tcpdump records the requests on the loopback and src/bench/wire-summary.py prints, per
# job, the busiest sliding second where they left the machine (the kernel's timestamps): the service's own part,
# apart from the stub's (the capture's own CPU adds to the load).
# Usage: [GATE_TIMES=1 [WIRE_CAPTURE=1]] [STUB_NICE=n] src/bench/recall.sh [messages=3000] [stub-latency-ms=100] [group-messages=10000]
set -euo pipefail
source "$(dirname "$0")/common.sh"

MESSAGES=${1:-3000}
LATENCY=${2:-100}
GROUP_MESSAGES=${3:-10000}
LIMIT=200
PORT=18093
STUB_PORT=18094
DB=msgkey_bench_recall
ALICE=$(printf 'alice:alice-demo' | base64)
BOB=$(printf 'bob:bob-demo' | base64)
STUB="http://127.0.0.1:$STUB_PORT"

package_service
log "starting the strict Tencent stub on :$STUB_PORT (limit $LIMIT/s, ${LATENCY} ms latency)"
nice -n "${STUB_NICE:--10}" java "$(dirname "$0")/WithdrawStub.java" "$STUB_PORT" "$LIMIT" "$LATENCY" >"$BENCH_DIR/withdraw-stub.log" 2>&1 &
STUB_PID=$!
trap 'stop_service; kill $STUB_PID 2>/dev/null || true' EXIT
# the stub says it is ready once it has warmed itself up
for _ in $(seq 1 120); do grep -q '^withdraw stub on' "$BENCH_DIR/withdraw-stub.log" 2>/dev/null && break; sleep 0.5; done

fresh_database "$DB"
if [ "${GATE_TIMES:-0}" = 1 ]; then
    SERVICE_JAVA_OPTS="${SERVICE_JAVA_OPTS:--Xms256m -Xmx256m} -Dquarkus.log.category.\"io.msgkey.recorder.tencent.SendGate\".level=DEBUG"
fi
start_service "$DB" "$PORT" TENCENT_API_BASE_URL="$STUB"
URL="http://127.0.0.1:$PORT"
psql_db "$DB" -c "INSERT INTO group_message (sdk_app_id, group_id, msg_seq, from_account, msg_time, first_seen_at)
    SELECT 1400000000, 'bench-group-' || (i % 20), i, 'bench-group', timestamptz '2024-01-01' + i * interval '1 second',
        now()
    FROM generate_series(1, $GROUP_MESSAGES) AS i"
for sender in bench-cold bench-warm; do
    psql_db "$DB" -c "INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_time, first_seen_at,
        seen_after, send_result)
        SELECT 1400000000, '$sender', 'victim-' || i, '$sender-' || i,
            timestamptz '2024-01-01' + i * interval '1 second', now(), true, 0
        FROM generate_series(1, $MESSAGES) AS i"
done

# run_job <sender> <label> <api>: creates a job for the sender's messages, has a second moderator confirm it, waits for
# the end and prints one line of figures measured at the stub for the API (withdraw or group)
run_job() {
    curl -fs -X DELETE "$STUB/stats" >/dev/null
    JOB=$(curl -fs -H "Authorization: Basic $ALICE" -H 'Content-Type: application/json' -X POST \
        "$URL/api/recall-jobs" -d '{"filter": {"from": "'"$1"'"}, "reason": "spam", "reference": "benchmark"}' \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
    # a job bigger than a freeze chunk is frozen in the background first
    until curl -fs -H "Authorization: Basic $ALICE" "$URL/api/recall-jobs/$JOB" \
        | grep -q '"state":"AWAITING_CONFIRMATION"'; do sleep 0.2; done
    curl -fs -H "Authorization: Basic $BOB" -H "Content-Type: application/json" -X POST \
        "$URL/api/recall-jobs/$JOB/confirm" >/dev/null
    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    while true; do
        STATE=$(curl -fs -H "Authorization: Basic $ALICE" "$URL/api/recall-jobs/$JOB")
        echo "$STATE" | grep -q '"state":"COMPLETED"' && break
        sleep 1
    done
    curl -fs "$STUB/stats?api=$3" >"$BENCH_DIR/recall-$2.json"
    echo "$STATE" | python3 "$(dirname "$0")/recall-summary.py" "$BENCH_DIR/recall-$2.json" "$2" "$LIMIT" "$load"
}

if [ "${WIRE_CAPTURE:-0}" = 1 ]; then
    need tcpdump
    tcpdump -i lo -nn -tt -A -s 2000 "tcp dst port $STUB_PORT" >"$BENCH_DIR/wire-capture.txt" 2>/dev/null &
    CAPTURE_PID=$!
    trap 'stop_service; kill $STUB_PID $CAPTURE_PID 2>/dev/null || true' EXIT
fi
log "cold job: the first of the process, $MESSAGES messages"
run_job bench-cold cold withdraw | tee "$BENCH_DIR/recall-summary.txt"
log "warm job: $MESSAGES messages"
run_job bench-warm warm withdraw | tee -a "$BENCH_DIR/recall-summary.txt"
log "group job: $GROUP_MESSAGES group messages across 20 groups (up to ten a call)"
run_job bench-group group group | tee -a "$BENCH_DIR/recall-summary.txt"
if [ "${WIRE_CAPTURE:-0}" = 1 ]; then
    sleep 1
    kill "$CAPTURE_PID"
    wait "$CAPTURE_PID" 2>/dev/null || true
    python3 "$(dirname "$0")/wire-summary.py" "$BENCH_DIR/wire-capture.txt" | tee -a "$BENCH_DIR/recall-summary.txt"
fi
