#!/usr/bin/env bash
# HTTP load figures of the planner, in one run against the packaged service on 127.0.0.1:
#   (a) saturation throughput of a trivial endpoint (GET /api/v1/chips/STM32WB55RG) and of GET /api/v1/plan (the
#       story: STM32WB55RG on FUS 0.5.3 to BLE_Stack_full of v1.23.0 over SWD), same wrk settings, and their ratio;
#   (b) latency of GET /api/v1/plan at a constant rate of half the plan throughput measured in (a): with wrk2's -R
#       when the installed wrk has it, else paced by a Lua delay() on a monotonic clock (LuaJIT ffi), with Debian's
#       wrk 4 (which measures each request from when it is sent: no coordinated-omission correction as in wrk2).
# Installs wrk (Debian package) when absent. Stops the service on exit. Takes about 80 s once the jar is built.
# Usage: bench/plan-wrk.sh
#   FUSPATH_BUILD_DIR   build folder holding quarkus-app/ (default target; built with package -DskipTests if absent)
#   FUSPATH_BENCH_PORT  loopback port for the service (default 18081)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(realpath -m "${FUSPATH_BUILD_DIR:-target}")
port=${FUSPATH_BENCH_PORT:-18081}
threads=2 conns=32 seconds=10 warmup=5 paced_seconds=15 gentle_rounds=6
base="http://127.0.0.1:$port"
trivial="$base/api/v1/chips/STM32WB55RG"
plan="$base/api/v1/plan?chip=STM32WB55RG&fus=0.5.3&target=BLE_Stack_full&release=v1.23.0&interface=swd"

if ! command -v wrk >/dev/null; then
  . scripts/lib/apt.sh
  apt_install plan-wrk "it cannot measure (apt-get install wrk)" wrk || exit 2
fi
jar=$dir/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -B -q -Dfuspath.buildDir="$dir" package -DskipTests

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
. bench/serve.sh
start_service "$trivial"
code=$(curl -s -o "$work/plan.json" -w '%{http_code}' --max-time 5 "$plan")
[ "$code" = 200 ] || { echo "GET $plan answered $code (a stale jar? rebuild $dir):" >&2; cat "$work/plan.json" >&2; exit 1; }

# done() prints one parseable line; latency:percentile() is in microseconds
cat >"$work/report.lua" <<'LUA'
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f requests=%d non2xx3xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
LUA
# constant rate without wrk2: each thread hands out send times interval_ms apart to its connections; a thread that
# falls behind does not burst to catch up. init() gets: interval per thread (ms).
cat "$work/report.lua" - >"$work/pace.lua" <<'LUA'
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } fuspath_timespec;
int clock_gettime(int clk_id, fuspath_timespec *tp);
]]
local ts = ffi.new("fuspath_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
local interval, next_at
function init(args)
  interval = tonumber(args[1])
end
function delay()
  local now = now_ms()
  if next_at == nil or next_at < now then next_at = now end
  local wait = next_at - now
  next_at = next_at + interval
  return math.floor(wait + 0.5)
end
LUA

run() { # name, wrk arguments...: prints wrk's output, keeps the RESULT line in $work/$name
  local name=$1; shift
  timeout 60 wrk "$@" | tee "$work/$name.out" | grep -v '^RESULT' >&2
  grep '^RESULT' "$work/$name.out" >"$work/$name" || { echo "wrk printed no result for $name" >&2; exit 1; }
  if ! grep -q 'non2xx3xx=0 socket_errors=0' "$work/$name"; then echo "$name had errors: $(cat "$work/$name")" >&2; exit 1; fi
}
field() { sed -E "s/.* $2=([^ ]+).*/\1/" "$work/$1"; }

# On 2 cores a saturating load starves the JIT compiler threads: the plan path then needs a minute or more to reach
# its steady throughput. So first a light load (1 thread, 2 connections) that leaves the compilers CPU, then a short
# saturating one; all discarded.
echo "== warm-up: $gentle_rounds x (3s plan + 2s trivial) at -t1 -c2, then ${warmup}s each at -t$threads -c$conns (discarded)" >&2
for i in $(seq "$gentle_rounds"); do
  run warm-gentle-plan -t1 -c2 -d3s -s "$work/report.lua" "$plan"
  run warm-gentle-trivial -t1 -c2 -d2s -s "$work/report.lua" "$trivial"
done
run warm-trivial -t$threads -c$conns -d${warmup}s -s "$work/report.lua" "$trivial"
run warm-plan -t$threads -c$conns -d${warmup}s -s "$work/report.lua" "$plan"
echo "== (a) saturation: wrk -t$threads -c$conns -d${seconds}s" >&2
run trivial -t$threads -c$conns -d${seconds}s --latency -s "$work/report.lua" "$trivial"
run plan -t$threads -c$conns -d${seconds}s --latency -s "$work/report.lua" "$plan"
trivial_rps=$(field trivial rps); plan_rps=$(field plan rps)
half=$(awk -v r="$plan_rps" 'BEGIN { printf "%d", r / 2 }')

if wrk -h 2>&1 | grep -q -- '--rate'; then
  method="wrk2 -R $half (constant rate, latency corrected for coordinated omission)"
  echo "== (b) $method" >&2
  run paced -t$threads -c$conns -d${paced_seconds}s -R "$half" --latency -s "$work/report.lua" "$plan"
else
  interval=$(awk -v t="$threads" -v r="$half" 'BEGIN { printf "%.6f", t * 1000 / r }')
  method="Debian wrk 4 (no -R), paced to $half req/s by a Lua delay() schedule, ${interval} ms between sends per thread; latency from each actual send"
  echo "== (b) $method" >&2
  run paced -t$threads -c$conns -d${paced_seconds}s --latency -s "$work/pace.lua" "$plan" -- "$interval"
fi

echo
echo "planner load figures, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "(a) wrk -t$threads -c$conns -d${seconds}s, same settings, one run:"
echo "    GET /api/v1/chips/STM32WB55RG   $trivial_rps req/s  (p50 $(field trivial p50_ms) ms, p99 $(field trivial p99_ms) ms)"
echo "    GET /api/v1/plan (story)        $plan_rps req/s  (p50 $(field plan p50_ms) ms, p99 $(field plan p99_ms) ms)"
awk -v p="$plan_rps" -v t="$trivial_rps" 'BEGIN { r = p / t; printf "    plan/trivial throughput ratio   %.2f (target >= 0.7: %s)\n", r, (r >= 0.7 ? "met" : "NOT met") }'
echo "(b) GET /api/v1/plan at half the plan throughput ($half req/s requested, $(field paced rps) req/s achieved, ${paced_seconds}s):"
echo "    p50 $(field paced p50_ms) ms, p99 $(field paced p99_ms) ms, max $(field paced max_ms) ms"
echo "    method: $method"
echo "load average (1, 5, 15 min) before: $load_start; after: $(cut -d' ' -f1-3 /proc/loadavg) (wrk and the service share the cores)"
