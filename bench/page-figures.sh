#!/usr/bin/env bash
# Figures of the HTML pages, in one run against the packaged service on 127.0.0.1:
#   median and p90 time of a page (curl's time_total: request sent to last byte, one kept-alive connection,
#   sequential requests, after a warm-up) for /, /plan (the 7-step story: STM32WB55RG on FUS 0.5.3 to
#   BLE_Stack_full of the newest release), /releases/v1.24.0, and POST /diagnose of a fixture log (the form as a
#   browser sends it, multipart with the log pasted: src/test/resources/logs/fus-v2-only-on-fus1-usb.log, whose
#   diagnosis has three errors and a 4-step corrected plan);
#   page weight: each page's HTML plus the one CSS and the one JS file, uncompressed.
# Stops the service on exit. Takes about 30 s once the jar is built.
# Usage: bench/page-figures.sh
#   FUSPATH_BUILD_DIR   build folder holding quarkus-app/ (default target; built with package -DskipTests if absent)
#   FUSPATH_BENCH_PORT  loopback port for the service (default 18082)
#   FUSPATH_BENCH_N     measured requests per page (default 1000, after as many for warm-up)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(realpath -m "${FUSPATH_BUILD_DIR:-target}")
port=${FUSPATH_BENCH_PORT:-18082}
n=${FUSPATH_BENCH_N:-1000}
base="http://127.0.0.1:$port"
pages=("/" "/plan?chip=STM32WB55RG&fus=0.5.3&target=BLE_Stack_full" "/releases/v1.24.0")
diagnose_log=src/test/resources/logs/fus-v2-only-on-fus1-usb.log

jar=$dir/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -B -q -Dfuspath.buildDir="$dir" package -DskipTests

. bench/serve.sh
start_service "$base/"

# one curl, one connection, N transfers of URL (with the curl options after COUNT, such as a form to POST):
# prints each transfer's seconds
times() {
  local url=$1 count=$2 args=()
  shift 2
  for _ in $(seq "$count"); do args+=(-o /dev/null "$url"); done
  curl -s --fail -w '%{time_total}\n' "$@" "${args[@]}"
}
# median and p90 in ms of the seconds on stdin
stats() {
  sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    p = v[int(NR * 0.9 + 0.5)]
    printf "%.2f ms median, %.2f ms p90 (%d requests)", m * 1000, p * 1000, NR }'
}

css=$(curl -s --fail "$base/assets/fuspath.css" | wc -c)
js=$(curl -s --fail "$base/assets/fuspath.js" | wc -c)
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
for page in "${pages[@]}"; do
  url="$base$page"
  code=$(curl -s -o "$work/page.html" -w '%{http_code}' "$url")
  [ "$code" = 200 ] || { echo "GET $page answered $code" >&2; exit 1; }
  html=$(wc -c <"$work/page.html")
  times "$url" "$n" >/dev/null   # warm-up
  echo "$page: $(times "$url" "$n" | stats); weight $((html + css + js)) bytes = HTML $html + CSS $css + JS $js"
done
form=(-F "log=<$diagnose_log")
url="$base/diagnose"
code=$(curl -s -o "$work/page.html" -w '%{http_code}' "${form[@]}" "$url")
[ "$code" = 200 ] || { echo "POST /diagnose answered $code" >&2; exit 1; }
grep -q 'class="step"' "$work/page.html" || { echo "POST /diagnose gave no corrected plan" >&2; exit 1; }
html=$(wc -c <"$work/page.html")
times "$url" "$n" "${form[@]}" >/dev/null   # warm-up
echo "POST /diagnose ($(wc -c <"$diagnose_log") bytes of log): $(times "$url" "$n" "${form[@]}" | stats);" \
  "weight $((html + css + js)) bytes = HTML $html + CSS $css + JS $js"
