"""Reads the Tencent stub's request journal and prints the pacing of admin_msgwithdraw calls as one line."""
import json
import sys
import urllib.request

journal = json.load(urllib.request.urlopen(sys.argv[1] + "/__admin/requests?limit=100000"))
arrivals = sorted(r["request"]["loggedDate"] for r in journal["requests"]
                  if r["request"]["url"].startswith("/v4/openim/admin_msgwithdraw"))
busiest, start = 0, 0
for end, t in enumerate(arrivals):
    while t - arrivals[start] >= 1000:
        start += 1
    busiest = max(busiest, end - start + 1)
per_second = {}
for t in arrivals:
    per_second[t // 1000] = per_second.get(t // 1000, 0) + 1
with open(sys.argv[2], "w") if len(sys.argv) > 2 else open("/dev/null", "w") as out:
    for second in sorted(per_second):
        out.write(f"{second} {per_second[second]}\n")
span = (arrivals[-1] - arrivals[0]) / 1000
print(f"calls={len(arrivals)} rate={(len(arrivals) - 1) / span:.1f} busiest_sliding={busiest} "
      f"busiest_calendar={max(per_second.values())}")
