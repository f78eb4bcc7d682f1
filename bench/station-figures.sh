#!/usr/bin/env bash
# Measures the station figure the README quotes: boards per hour per lane on the simulated rack, against what the
# programmer's own time would allow (the sum of the steps' programmer time, read-backs included, from the step-end
# events' programmerMs). The difference is the station's own overhead per board: identify (the UID read and a
# device read), planning, file checks, the journal's fsyncs, the record and its spool line, the poll for the next
# board. The programmer here is the in-process simulator (milliseconds per call), so the overhead is what a real
# line would pay on top of STM32_Programmer_CLI's seconds per call.
# Usage: bench/station-figures.sh [LANES] [BOARDS_PER_LANE] [BUNDLE]   (needs java, git and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
lanes=${1:-4}
boards=${2:-5}
bundle=$(realpath "${3:-${FUSPATH_UPSTREAM_BUNDLE:-../shared/upstream/stm32cubewb-copro.bundle}}")
[ -f "$bundle" ] || { echo "no bundle at $bundle" >&2; exit 2; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
jar=$(realpath target/quarkus-app/quarkus-run.jar)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$bundle" "$work/newest" && git -C "$work/newest" checkout -q v1.24.0
start=$(date +%s.%N)
set +e
java -jar "$jar" station --target BLE_Stack_full --backend simulator \
  --simulate-rack "$lanes:fus=0.5.3,1.1.0,1.2.0,2.1.0:boards=$boards" --state "$work/state" \
  --firmware-dir "$work/newest" --station bench --loop --idle-timeout 1 --poll 5 --yes --json >"$work/events.jsonl"
rc=$?
set -e
end=$(date +%s.%N)
echo "exit code $rc; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/events.jsonl" "$start" "$end" <<'PY'
import json, sys, datetime, collections
path, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
def t(s): return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
prog = collections.defaultdict(float)   # programmer ms per lane
boards = collections.Counter()
first, last = {}, {}
for line in open(path):
    if not line.strip():
        continue
    e = json.loads(line)
    lane = e.get("lane")
    if e.get("type") == "run-start":
        first.setdefault(lane, t(e["time"]))
    if e.get("type") == "step-end" and e.get("programmerMs") is not None:
        prog[lane] += e["programmerMs"]
    if e.get("type") == "station-record":
        boards[lane] += 1
        last[lane] = t(e["record"]["endedAt"])
        if e["record"]["outcome"] != "passed":
            print("  not passed:", lane, e["record"]["failure"])
print(f"wall time of the whole command (JVM start included): {end - start:.1f} s")
print("| lane | boards | lane wall time | boards/hour | programmer time (sum of steps) | boards/hour on programmer time alone | station overhead per board |")
print("|---|---|---|---|---|---|---|")
for lane in sorted(boards):
    wall = last[lane] - first[lane]
    p = prog[lane] / 1000
    n = boards[lane]
    print(f"| {lane} | {n} | {wall:.2f} s | {n / wall * 3600:,.0f} | {p:.2f} s | {n / p * 3600 if p else float('inf'):,.0f} | {(wall - p) / n * 1000:.0f} ms |")
PY
