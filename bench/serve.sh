# Sourced by the bench scripts: serve the packaged fuspath on 127.0.0.1:$port until the script exits.
# Needs: jar, port, base; sets: work (a temporary folder removed on exit), server (the service's pid).
# Usage: start_service PROBE_URL    (returns once PROBE_URL answers)
work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_service() {
  local probe=$1
  if curl -s -o /dev/null --max-time 2 "$base/"; then echo "something already listens on 127.0.0.1:$port" >&2; exit 1; fi
  java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -jar "$jar" serve >"$work/serve.log" 2>&1 &
  server=$!
  for i in $(seq 300); do
    curl -sf -o /dev/null --max-time 2 "$probe" && return 0
    kill -0 "$server" 2>/dev/null && [ "$i" -lt 300 ] || { cat "$work/serve.log" >&2; echo "the service did not start" >&2; exit 1; }
    sleep 0.1
  done
}
