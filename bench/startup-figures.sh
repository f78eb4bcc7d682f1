#!/usr/bin/env bash
# Measures the start-up figure the README quotes, in one run on this machine: `fuspath plan` (the planner's seed
# story) against `java -version`, and for reference `fuspath --version` and the same plan through Quarkus
# (java -jar quarkus-run.jar), the way every command started before the launcher's light path.
# Each round runs every command RUNS times (after 2 warm-ups; the Quarkus reference 3 times) with hyperfine, interleaved round by round so that a
# busy machine weighs on all of them alike; it prints each round's medians, the ratio plan / java -version, and the
# load average, which says how far the absolute figures can be trusted.
#
# usage: bench/startup-figures.sh [ROUNDS] [RUNS]     (default 3 rounds of 20 runs)
# Installs hyperfine (Debian package) when it is missing and this is root; builds target/fuspath when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
runs=${2:-20}
if ! command -v hyperfine >/dev/null 2>&1; then
    . scripts/lib/apt.sh
    apt_install startup-figures "it cannot measure (apt-get install hyperfine)" hyperfine || exit 2
fi
command -v python3 >/dev/null 2>&1 || { echo "startup-figures: needs python3" >&2; exit 2; }
[ -x target/fuspath ] && [ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

story="plan --chip STM32WB55RGV6TR --fus 0.5.3 --target BLE_Stack_full --release v1.23.0"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the outputs must be those of the Quarkus path before any time counts
target/fuspath $story >"$work/light.txt"
java -jar target/quarkus-app/quarkus-run.jar $story >"$work/quarkus.txt"
cmp -s "$work/light.txt" "$work/quarkus.txt" || { echo "startup-figures: the two paths print different plans" >&2; exit 1; }

echo "$(java -version 2>&1 | head -1); $(nproc) cores; $runs runs a command per round"
for round in $(seq 1 "$rounds"); do
    hyperfine -N --style none --warmup 2 --runs "$runs" --export-json "$work/r$round.json" \
        -n "java -version" "java -version" \
        -n "fuspath --version" "target/fuspath --version" \
        -n "fuspath plan (seed story)" "target/fuspath $story" >/dev/null
    hyperfine -N --style none --warmup 1 --runs 3 --export-json "$work/q$round.json" \
        -n "java -jar quarkus-run.jar plan" "java -jar target/quarkus-app/quarkus-run.jar $story" >/dev/null
    python3 - "$work/r$round.json" "$round" "$(cut -d' ' -f1-3 /proc/loadavg)" "$work/q$round.json" <<'PY'
import json, sys
results = {r["command"]: r["median"] * 1000 for f in (sys.argv[1], sys.argv[4]) for r in json.load(open(f))["results"]}
java, plan = results["java -version"], results["fuspath plan (seed story)"]
print(f"round {sys.argv[2]} (load average {sys.argv[3]}): "
      + ", ".join(f"{name} {ms:.0f} ms" for name, ms in results.items())
      + f"; fuspath plan / java -version = {plan / java:.1f}x"
      + f" (Quarkus path {results['java -jar quarkus-run.jar plan'] / java:.1f}x)")
PY
done
