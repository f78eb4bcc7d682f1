#!/usr/bin/env bash
# JMH benchmark of plan computation (dev.fuspath.bench.PlanBenchmark, src/bench/java, Maven profile "bench"):
# Planner.plan on the bundled catalog for the story (STM32WB55RG on FUS 0.5.3 to BLE_Stack_full of v1.23.0 over
# SWD, 7 steps) and for a part already up to date (0 steps). SampleTime in microseconds, 1 fork, 1 thread,
# 3 warm-up and 5 measurement iterations of 3 s each: about 1.5 minutes on a 2-core machine, build included.
# Prints the median (p0.50) of each benchmark; the full JMH output and JSON are left in the build folder.
# Usage: bench/plan-jmh.sh [extra JMH options]
#   FUSPATH_BUILD_DIR  build folder (default target-bench, so that the benchmark classes never land in target/)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(realpath -m "${FUSPATH_BUILD_DIR:-target-bench}")

./mvnw -B -q -Pbench -Dfuspath.buildDir="$dir" compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$dir/bench.classpath" -Dmdep.includeScope=runtime
[ -f "$dir/classes/META-INF/BenchmarkList" ] || { echo "JMH generated no BenchmarkList in $dir/classes" >&2; exit 1; }

java -cp "$dir/classes:$(cat "$dir/bench.classpath")" org.openjdk.jmh.Main 'dev\.fuspath\.bench\.PlanBenchmark\.' \
  -bm sample -tu us -f 1 -t 1 -wi 3 -w 3s -i 5 -r 3s \
  -rf json -rff "$dir/plan-jmh.json" "$@" | tee "$dir/plan-jmh.txt"

echo
echo "median (p0.50) of Planner.plan, SampleTime, 1 fork, 1 thread, $(nproc) cores:"
awk '$1 ~ /^PlanBenchmark\.[A-Za-z]+:p0\.50$/ { sub(/:p0\.50$/, "", $1); printf "  %-26s %s %s\n", $1, $(NF-1), $NF }' \
  "$dir/plan-jmh.txt"
