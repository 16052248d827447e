#!/usr/bin/env bash
# Sync benchmark: one user with 50 conversations of 200 messages each (20 to a page: 500 admin_getroammsg calls), at
# the default 200 calls/s, against a stub Tencent (src/bench/RoamStub.java) answering in 100 ms. The service finds the
# conversations itself (recentcontact/get_list). The first job of a fresh process (cold) and, after one more warm-up
# job, a job of a warm one are reported, with the rate measured where the calls arrive, at the stub. Baseline, in the
# same run: the service restarted with the roam limit lifted (5,000/s), warmed up the same way, runs the same job, so
# that what this machine can do at all at the moment of the run stands beside the limited figure. RUNS (default 3)
# measured jobs of each kind. Baseline, in the
# same run: the service restarted with the roam limit lifted (5,000/s), warmed up the same way, runs the same job, so
# that what this machine can do at all at the moment of the run stands beside the limited figure. RUNS (default 3)
# measured jobs of each kind.
# Usage: src/bench/sync.sh [conversations=50] [messages=200] [stub-latency-ms=100] [page-size=20]
set -euo pipefail
source "$(dirname "$0")/common.sh"

CONVERSATIONS=${1:-50}
MESSAGES=${2:-200}
LATENCY=${3:-100}
PAGE=${4:-20}
RUNS=${RUNS:-3}
PORT=18095
STUB_PORT=18096
DB=msgkey_bench_sync
ALICE=$(printf 'alice:alice-demo' | base64)
STUB="http://127.0.0.1:$STUB_PORT"

package_service
log "starting the Tencent stub on :$STUB_PORT"
java "$(dirname "$0")/RoamStub.java" "$STUB_PORT" "$CONVERSATIONS" "$MESSAGES" "$PAGE" "$LATENCY" \
    >"$BENCH_DIR/roam-stub.log" 2>&1 &
STUB_PID=$!
trap 'stop_service; kill $STUB_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "$STUB/stats" >/dev/null 2>&1 && break; sleep 0.5; done

fresh_database "$DB"
start_service "$DB" "$PORT" TENCENT_API_BASE_URL="$STUB"
URL="http://127.0.0.1:$PORT"

# run_job <user>: a sync job of the user's whole history (the stub's messages are from November 2023); prints the
# finished job's view
run_job() {
    local job state
    job=$(curl -fs -H "Authorization: Basic $ALICE" -H 'Content-Type: application/json' -X POST "$URL/api/sync-jobs" \
        -d '{"user": "'"$1"'", "since": "2023-11-01T00:00:00Z"}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
    while true; do
        state=$(curl -fs -H "Authorization: Basic $ALICE" "$URL/api/sync-jobs/$job")
        if echo "$state" | grep -q '"state":"\(COMPLETED\|FAILED\|PAUSED\|CANCELLED\)"'; then
            echo "$state"
            return
        fi
        sleep 0.5
    done
}

# report <label> <job view> <stub stats>: one line of figures
report() {
    python3 - "$1" "$2" "$3" "$CONVERSATIONS" "$MESSAGES" <<'PY'
import json, re, sys
from datetime import datetime
label, job, stats = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
parse = lambda s: datetime.fromisoformat(re.sub(r"(\.\d{6})\d*", r"\1", s).replace("Z", "+00:00"))
wall = (parse(job["finishedAt"]) - parse(job["createdAt"])).total_seconds()
m, c = job["messages"], job["conversations"]
print(f"{label}: {job['state']}, {c['done']} of {c['total']} conversations, {m['seen']} messages seen "
      f"({m['added']} added, {m['recalledAtTencent']} recalled at Tencent) of {int(sys.argv[4]) * int(sys.argv[5])}; "
      f"{stats['calls']} admin_getroammsg calls at {stats['rate']} calls/s at the stub = "
      f"{100 * stats['rate'] / 200:.1f} % of the 200/s limit; busiest second at the stub {stats['busiestSliding']} "
      f"(sliding) / {stats['busiestCalendar']} (calendar); job wall time {wall:.1f} s; calls per quarter second: "
      f"{stats['callsPerQuarterSecond']}")
PY
}

# measure <user>: runs the user's job; prints its view, then the stub's figures for it, one line each
measure() {
    curl -fs -X DELETE "$STUB/stats" >/dev/null
    run_job "$1"
    curl -fs "$STUB/stats"
    echo
}

log "cold: the first job of a fresh process"
COLD=$(measure bench-cold)
log "warm-up"
run_job bench-warmup >/dev/null
WARM=()
for run in $(seq 1 "$RUNS"); do
    log "warm: measured job $run of $RUNS"
    WARM+=("$(measure "bench-user-$run")")
done
stop_service
log "baseline: the same, with the roam limit lifted"
start_service "$DB" "$PORT" TENCENT_API_BASE_URL="$STUB" \
    TENCENT_API_ROAM_RATE_PER_SECOND=5000
run_job bench-baseline-cold >/dev/null
run_job bench-baseline-warmup >/dev/null
BASELINE=()
for run in $(seq 1 "$RUNS"); do
    log "baseline: measured job $run of $RUNS"
    BASELINE+=("$(measure "bench-baseline-$run")")
done
for run in $(seq 1 "$RUNS"); do
    report "sync (warm) $run" "$(sed -n 1p <<<"${WARM[$((run - 1))]}")" "$(sed -n 2p <<<"${WARM[$((run - 1))]}")"
done
report "sync (cold)" "$(sed -n 1p <<<"$COLD")" "$(sed -n 2p <<<"$COLD")"
for run in $(seq 1 "$RUNS"); do
    report "baseline, roam limit lifted (warm) $run" "$(sed -n 1p <<<"${BASELINE[$((run - 1))]}")" \
        "$(sed -n 2p <<<"${BASELINE[$((run - 1))]}")"
done
