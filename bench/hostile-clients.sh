#!/usr/bin/env bash
# The hostile-client figures of the README: runs HostileClientsTest (both attacks of issue 9, 210 connections each,
# on 127.0.0.1, against the test service) and prints the lines it measures: connections held, probe latency under
# attack (p50/max over every probe, during the attack and after it), and how long after the attackers close a
# probe is answered again. About a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
./mvnw -B -o test -Dtest=HostileClientsTest -Dsurefire.failIfNoSpecifiedTests=false >"$out" 2>&1 || status=$?
grep -E '^(pipelined unread answers|trickled bodies):' "$out" || true
grep -E 'Tests run:.*HostileClientsTest' "$out" || true
if [ "${status:-0}" -ne 0 ]; then
  echo "HostileClientsTest failed; the whole output:" >&2
  grep -E 'FAIL|expected' "$out" | head -20 >&2
  exit 1
fi
