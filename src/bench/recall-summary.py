"""Prints one recall job's figures: the job view (stdin), the strict stub's /stats (argv[1]), label, limit, load."""
import json
import re
import sys
from datetime import datetime

job = json.load(sys.stdin)
stub = json.load(open(sys.argv[1]))
label, limit, load = sys.argv[2], int(sys.argv[3]), sys.argv[4]


def parse(s):
    return datetime.fromisoformat(re.sub(r"(\.\d{6})\d*", r"\1", s).replace("Z", "+00:00"))


wall = (parse(job["completedAt"]) - parse(job["confirmedAt"])).total_seconds()
recalled = job["counts"].get("RECALLED", 0)
print(f"recall, {label} job: {recalled} of {job['total']} recalled; at the stub {stub['calls']} calls at "
      f"{stub['rate']} calls/s = {100 * stub['rate'] / limit:.1f} % of {limit}/s; busiest window "
      f"{stub['busiestSliding']} (sliding) / {stub['busiestCalendar']} (calendar second); {stub['refused']} refused "
      f"as over the limit; job wall time {wall:.1f} s = {recalled / wall:.1f} messages/s; load average {load} at the "
      f"start")
print(f"  calls per second at the stub: {stub['callsPerSecond']}")
if "firstAt" in stub:
    confirmed, completed = parse(job["confirmedAt"]).timestamp(), parse(job["completedAt"]).timestamp()
    print(f"  first call at the stub {stub['firstAt'] / 1000 - confirmed:.2f} s after the confirmation, the last "
          f"{completed - stub['lastAt'] / 1000:.2f} s before the job completed")
if stub.get("delayMsP50") is not None:
    print(f"  gate to arrival: p50 {stub['delayMsP50']} ms, p99 {stub['delayMsP99']} ms, max {stub['delayMsMax']} ms; "
          f"per second p50 {stub['delayMsP50PerSecond']}; max {stub['delayMsMaxPerSecond']}")
    print(f"  {stub['connections']} connections, opened per second: {stub['connectionsOpenedPerSecond']}; busiest "
          f"sliding second (by microseconds) {stub['busiestSlidingMicros']} from {stub['busiestStartsAtMs']} ms; "
          f"refused at ms: {stub['refusedAtMs'] or '-'}")
