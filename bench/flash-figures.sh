#!/usr/bin/env bash
# Measures the flash figures the README quotes, in one run on this machine:
#   the time fuspath adds per step beyond the programmer's own time, and the number of programmer calls
#   fuspath makes for the two stories, against the steps of ST's manual procedure (the plan's steps, which
#   follow the release notes' "How to flash" sections one call per step).
# The device is the simulator backend (in-process, so the programmer's own time is the simulator's, well
# under a millisecond); "added" is each step's wall time between its step-start and step-end events minus
# the time spent inside programmer calls (the step's call and its read-back), so journal writes (fsync),
# output parsing, read-back checks and event printing are what it counts.
# Usage: bench/flash-figures.sh [BUNDLE] [RUNS]   (needs java, git and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=$(realpath "${1:-${FUSPATH_UPSTREAM_BUNDLE:-../shared/upstream/stm32cubewb-copro.bundle}}")
runs=${2:-5}
[ -f "$bundle" ] || { echo "no bundle at $bundle" >&2; exit 2; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
jar=$(realpath target/quarkus-app/quarkus-run.jar)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$bundle" "$work/newest" && git -C "$work/newest" checkout -q v1.24.0
git clone -q "$bundle" "$work/v1.13.1" && git -C "$work/v1.13.1" checkout -q v1.13.1

story() { # name firmware-dir simulate-spec flash-args...
  local name=$1 fw=$2 spec=$3; shift 3
  for i in $(seq 1 "$runs"); do
    local d="$work/$name-$i"; mkdir -p "$d"
    java -jar "$jar" flash --backend simulator --simulate "$spec" --simulator-state "$d/device.json" \
      --journal "$d/journal.jsonl" --firmware-dir "$fw" --json "$@" >"$d/events.jsonl"
  done
  python3 - "$name" "$work" "$runs" <<'PY'
import json, sys, statistics, datetime, glob
name, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def t(s): return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
added, steps, calls, prog = [], None, None, []
for i in range(1, runs + 1):
    ev = [json.loads(l) for l in open(f"{work}/{name}-{i}/events.jsonl") if l.strip()]
    start = {}
    for e in ev:
        if e["type"] == "step-start": start[e["step"]] = t(e["time"])
        if e["type"] == "step-end":
            wall = (t(e["time"]) - start[e["step"]]) * 1000
            added.append(wall - e.get("programmerMs", 0)); prog.append(e.get("programmerMs", 0))
        if e["type"] == "plan": steps = len(e["plan"]["steps"])
        if e["type"] == "run-end": calls = e["calls"]; assert e["ok"], e
added.sort()
print(f"{name}: {steps} steps; fuspath made {calls} programmer calls against {steps} in ST's manual procedure")
print(f"  time fuspath adds per step (n={len(added)}): median {statistics.median(added):.2f} ms, "
      f"p90 {added[int(len(added)*0.9)]:.2f} ms, max {added[-1]:.2f} ms; simulated programmer time per step median "
      f"{statistics.median(prog):.2f} ms")
PY
}
story factory-to-newest "$work/newest" factory-1M --chip STM32WB55RG --target BLE_Stack_full
story fus120-to-v1.13.1-usb "$work/v1.13.1" "flash=512K,fus=1.2.0,stack=BLE_Stack_full@1.12.0@0x08056000" \
  --chip STM32WB55CE --target BLE_Stack_full --release v1.13.1 --interface usb --yes
