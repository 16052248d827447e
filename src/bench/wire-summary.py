"""Where the recall benchmark's calls left the machine: reads `tcpdump -tt -A` of the stub's port (argv[1]) and prints,
per job (calls more than 0.4 s apart start a new one) and API, the busiest sliding second by the kernel's timestamps of
the requests, beside the busiest by the times they passed the send gate and the delay in between (the requests carry
the gate's time when the benchmark runs with GATE_TIMES=1)."""
import bisect
import re
import sys

HEADER = re.compile(r"^(\d+\.\d+) IP ")
GATE = re.compile(r"X-MsgKey-Gate-Passed-At: (\d+)")
APIS = {"POST /v4/openim/admin_msgwithdraw": "withdraw", "POST /v4/group_open_http_svc/group_msg_recall": "group"}


def busiest(times):
    return max((bisect.bisect_left(times, t + 1.0) - i for i, t in enumerate(times)), default=0)


requests = []
current = None
for line in open(sys.argv[1], errors="replace"):
    header = HEADER.match(line)
    if header:
        current = {"wire": float(header.group(1))}
        continue
    if current is None:
        continue
    for start, api in APIS.items():
        if start in line:
            current["api"] = api
    gate = GATE.search(line)
    if gate and "api" in current:
        current["gate"] = int(gate.group(1)) / 1e6
        requests.append(current)
        current = None

for api in APIS.values():
    calls = sorted((r for r in requests if r["api"] == api), key=lambda r: r["wire"])
    jobs = []
    for call in calls:
        if jobs and call["wire"] - jobs[-1][-1]["wire"] < 0.4:
            jobs[-1].append(call)
        else:
            jobs.append([call])
    for number, job in enumerate(jobs, 1):
        delays = sorted((c["wire"] - c["gate"]) * 1000 for c in job)
        print(f"on the wire, {api} job {number}: {len(job)} calls; busiest sliding second {busiest([c['wire'] for c in job])} "
              f"on the wire, {busiest(sorted(c['gate'] for c in job))} at the gate; gate to wire p50 "
              f"{delays[len(delays) // 2]:.1f} ms, p99 {delays[int(len(delays) * 0.99)]:.1f} ms, max {delays[-1]:.1f} ms")
