#!/usr/bin/env bash
# Measures the catalog figures the README quotes, in one run on this machine:
#   full sync from the bundle, sync with nothing new, service start to first answer,
#   and inspect of a ~550 KB image over HTTP (median of N requests).
# Usage: bench/catalog-figures.sh [BUNDLE] [N]     (BUNDLE defaults to ../shared/upstream/stm32cubewb-copro.bundle)
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=$(realpath "${1:-${FUSPATH_UPSTREAM_BUNDLE:-../shared/upstream/stm32cubewb-copro.bundle}}")
n=${2:-200}
port=${FUSPATH_BENCH_PORT:-18080}
[ -f "$bundle" ] || { echo "no bundle at $bundle" >&2; exit 2; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
jar=target/quarkus-app/quarkus-run.jar
work=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

t0=$(ms); said=$(java -jar "$jar" sync --source "$bundle" --out "$work/catalog" --mirror "$work/mirror.git"); t1=$(ms)
echo "full sync from the bundle (fresh mirror, JVM start included): $((t1 - t0)) ms"
echo "  fuspath: $said"
t0=$(ms); said=$(java -jar "$jar" sync --source "$bundle" --out "$work/catalog" --mirror "$work/mirror.git"); t1=$(ms)
echo "sync with nothing new (JVM start included): $((t1 - t0)) ms"
echo "  fuspath: $said"
t0=$(ms); java -jar "$jar" --version >/dev/null; t1=$(ms)
echo "JVM and framework start alone (fuspath --version): $((t1 - t0)) ms"
cmp -s "$work/catalog/index.json" catalog/index.json && echo "  (the synced index.json equals the committed one)"

t0=$(ms)
java -Dquarkus.http.port="$port" -jar "$jar" serve >"$work/serve.log" 2>&1 &
server=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/releases"; do
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.02
done
t1=$(ms)
echo "service start to first answer (GET /api/v1/releases): $((t1 - t0)) ms"

git clone -q --bare "$bundle" "$work/upstream.git"
image="$work/stm32wb5x_BLE_Thread_static_fw.bin"
git --git-dir="$work/upstream.git" show v1.24.0:Projects/STM32WB_Copro_Wireless_Binaries/STM32WB5x/stm32wb5x_BLE_Thread_static_fw.bin >"$image"
size=$(stat -c %s "$image")
url="http://127.0.0.1:$port/api/v1/inspect?filename=stm32wb5x_BLE_Thread_static_fw.bin"
for _ in $(seq 20); do curl -s -o /dev/null -H 'Content-Type: application/octet-stream' --data-binary @"$image" "$url"; done
for _ in $(seq "$n"); do
  curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/octet-stream' --data-binary @"$image" "$url"
done | awk '{printf "%.3f\n", $1*1000}' >"$work/inspect.ms"
echo "inspect of a $size-byte image over HTTP: median $(median <"$work/inspect.ms") ms, p90 $(sort -n "$work/inspect.ms" | awk -v n="$n" 'NR==int(n*0.9){print}') ms ($n requests, curl time_total, new connection each)"
