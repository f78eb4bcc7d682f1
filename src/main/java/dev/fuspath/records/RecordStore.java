package dev.fuspath.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Board records in a SQL database (PostgreSQL, or H2 in PostgreSQL mode for the embedded default), on the schema of
 * the Flyway migrations in db/migration. Holds no state of its own, so any number of stores (service instances) can
 * share one database: a record id is stored once whoever uploads it first, and a batch is stored whole or not at all.
 */
public final class RecordStore {

    private static final String INSERT = "INSERT INTO board_record (record_id, content_sha256, board_uid, station,"
            + " started_at, ended_at, duration_ms, outcome, failure_code, fus_before, stack_before, received_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String INSERT_BODY = "INSERT INTO board_record_body (record_id, body) VALUES (?, ?)";

    /**
     * PostgreSQL takes a whole batch as one statement over arrays: one plan and one round trip for up to 1,000
     * records, about twice the rate of a JDBC batch of single-row inserts; RETURNING says which were new.
     */
    private static final String INSERT_POSTGRESQL = "INSERT INTO board_record (record_id, content_sha256, board_uid,"
            + " station, started_at, ended_at, duration_ms, outcome, failure_code, fus_before, stack_before,"
            + " received_at) SELECT a, b, c, d, e::timestamptz, f::timestamptz, g::bigint, h, i, j, k, ?"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[]) AS u(a, b, c, d, e, f, g, h, i, j, k)"
            + " ON CONFLICT DO NOTHING RETURNING record_id";
    private static final String INSERT_BODY_POSTGRESQL = "INSERT INTO board_record_body (record_id, body)"
            + " SELECT * FROM unnest(?::text[], ?::text[])";

    private final DataSource dataSource;
    private final Clock clock;

    public RecordStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public RecordStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Stores the records not stored yet, in one transaction. A record id already stored (or twice in the batch) with
     * other content is a {@link RecordConflictException}, and then nothing of the batch is stored.
     */
    public IngestResult ingest(List<BoardRecord> records) {
        Map<String, String> canonical = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        List<String> conflicts = new ArrayList<>();
        List<BoardRecord> unique = new ArrayList<>();
        for (BoardRecord record : records) {
            String text = RecordJson.text(record);
            String hash = RecordJson.sha256(text);
            String previous = hashes.putIfAbsent(record.recordId(), hash);
            if (previous == null) {
                canonical.put(record.recordId(), text);
                unique.add(record);
            } else if (!previous.equals(hash) && !conflicts.contains(record.recordId())) {
                conflicts.add(record.recordId());
            }
        }
        if (!conflicts.isEmpty()) {
            throw new RecordConflictException(conflicts);
        }
        // one order for every instance: two batches that share ids then wait for each other instead of deadlocking
        unique.sort(Comparator.comparing(BoardRecord::recordId));
        Map<String, Boolean> storedNow = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                OffsetDateTime received = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
                boolean pg = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
                if (!unique.isEmpty() && pg) {
                    insertPostgresql(c, unique, hashes, canonical, received, storedNow);
                } else try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    for (BoardRecord r : unique) {
                        insert.setString(1, r.recordId());
                        insert.setString(2, hashes.get(r.recordId()));
                        insert.setString(3, r.boardUid());
                        insert.setString(4, r.station());
                        insert.setObject(5, utc(r.startedAt()));
                        insert.setObject(6, utc(r.endedAt()));
                        insert.setLong(7, r.duration().toMillis());
                        insert.setString(8, r.outcome().json());
                        insert.setString(9, r.failure().map(BoardRecord.Failure::code).orElse(null));
                        insert.setString(10, r.fusBefore().orElse(null));
                        insert.setString(11, r.stackBefore().orElse(null));
                        insert.setObject(12, received);
                        insert.addBatch();
                    }
                    int[] counts = unique.isEmpty() ? new int[0] : insert.executeBatch();
                    for (int i = 0; i < counts.length; i++) {
                        storedNow.put(unique.get(i).recordId(), counts[i] > 0);
                    }
                    try (PreparedStatement body = c.prepareStatement(INSERT_BODY)) {
                        int n = 0;
                        for (BoardRecord r : unique) {
                            if (storedNow.get(r.recordId())) {
                                body.setString(1, r.recordId());
                                body.setString(2, canonical.get(r.recordId()));
                                body.addBatch();
                                n++;
                            }
                        }
                        if (n > 0) {
                            body.executeBatch();
                        }
                    }
                }
                List<String> already = storedNow.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey)
                        .sorted().toList();
                for (Map.Entry<String, String> e : storedHashes(c, already).entrySet()) {
                    if (!e.getValue().equals(hashes.get(e.getKey()))) {
                        conflicts.add(e.getKey());
                    }
                }
                if (!conflicts.isEmpty()) {
                    c.rollback();
                    throw new RecordConflictException(conflicts.stream().sorted().toList());
                }
                Rollups.add(c, pg, unique.stream().filter(r -> storedNow.get(r.recordId())).toList(), received);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new RecordStoreException("the records database failed: " + e.getMessage(), e);
        }
        // in the batch's order; a second copy of an id in the batch is a duplicate of the first
        List<IngestResult.Entry> entries = new ArrayList<>();
        Map<String, Boolean> reported = new HashMap<>();
        for (BoardRecord r : records) {
            boolean stored = storedNow.get(r.recordId()) && reported.putIfAbsent(r.recordId(), true) == null;
            entries.add(new IngestResult.Entry(r.recordId(), stored));
        }
        return new IngestResult(entries);
    }

    private static void insertPostgresql(Connection c, List<BoardRecord> unique, Map<String, String> hashes,
                                         Map<String, String> canonical, OffsetDateTime received,
                                         Map<String, Boolean> storedNow) throws SQLException {
        int n = unique.size();
        String[][] columns = new String[11][n];
        for (int i = 0; i < n; i++) {
            BoardRecord r = unique.get(i);
            columns[0][i] = r.recordId();
            columns[1][i] = hashes.get(r.recordId());
            columns[2][i] = r.boardUid();
            columns[3][i] = r.station();
            columns[4][i] = r.startedAt().toString();
            columns[5][i] = r.endedAt().toString();
            columns[6][i] = Long.toString(r.duration().toMillis());
            columns[7][i] = r.outcome().json();
            columns[8][i] = r.failure().map(BoardRecord.Failure::code).orElse(null);
            columns[9][i] = r.fusBefore().orElse(null);
            columns[10][i] = r.stackBefore().orElse(null);
            storedNow.put(r.recordId(), false);
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT_POSTGRESQL)) {
            insert.setObject(1, received);
            for (int k = 0; k < 11; k++) {
                insert.setArray(k + 2, c.createArrayOf("text", columns[k]));
            }
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    storedNow.put(rs.getString(1), true);
                }
            }
        }
        List<String> ids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (BoardRecord r : unique) {
            if (storedNow.get(r.recordId())) {
                ids.add(r.recordId());
                bodies.add(canonical.get(r.recordId()));
            }
        }
        if (!ids.isEmpty()) {
            try (PreparedStatement body = c.prepareStatement(INSERT_BODY_POSTGRESQL)) {
                body.setArray(1, c.createArrayOf("text", ids.toArray()));
                body.setArray(2, c.createArrayOf("text", bodies.toArray()));
                body.executeUpdate();
            }
        }
    }

    private static Map<String, String> storedHashes(Connection c, List<String> ids) throws SQLException {
        Map<String, String> found = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT record_id, content_sha256 FROM board_record WHERE record_id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return found;
    }

    /** A page of records, newest first (by start time, then record id). */
    public RecordPage find(RecordQuery q) {
        StringBuilder sql = new StringBuilder("SELECT r.started_at, r.record_id, b.body FROM board_record r"
                + " JOIN board_record_body b ON b.record_id = r.record_id WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        q.boardUid().ifPresent(v -> add(sql, args, " AND r.board_uid = ?", v));
        q.station().ifPresent(v -> add(sql, args, " AND r.station = ?", v));
        q.outcome().ifPresent(v -> add(sql, args, " AND r.outcome = ?", v.json()));
        q.since().ifPresent(v -> add(sql, args, " AND r.started_at >= ?", utc(v)));
        q.until().ifPresent(v -> add(sql, args, " AND r.started_at < ?", utc(v)));
        q.after().ifPresent(cursor -> {
            sql.append(" AND (r.started_at < ? OR (r.started_at = ? AND r.record_id < ?))");
            args.add(utc(cursor.startedAt()));
            args.add(utc(cursor.startedAt()));
            args.add(cursor.recordId());
        });
        sql.append(" ORDER BY r.started_at DESC, r.record_id DESC LIMIT ").append(q.limit() + 1);
        List<com.fasterxml.jackson.databind.JsonNode> records = new ArrayList<>();
        Optional<RecordQuery.Cursor> next = Optional.empty();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                RecordQuery.Cursor last = null;
                while (rs.next()) {
                    if (records.size() == q.limit()) {
                        next = Optional.of(last);
                        break;
                    }
                    last = new RecordQuery.Cursor(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2));
                    records.add(RecordJson.read(rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new RecordStoreException("the records database failed: " + e.getMessage(), e);
        }
        return new RecordPage(records, next);
    }

    /**
     * The summary of the records started since a time, or of all of them, from the rollups kept at ingest
     * ({@link Rollups}): a few thousand rows whatever the range. The same as {@link #summaryFromRecords}, except that
     * the median is that of the durations rounded to the second (to the minute over an hour).
     */
    public RecordSummary summary(Optional<Instant> since) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            c.setAutoCommit(false); // one snapshot for the rollups and the records of the first day (PostgreSQL)
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return Rollups.summary(c, since);
            } finally {
                rollback(c);
            }
        } catch (SQLException e) {
            throw new RecordStoreException("the records database failed: " + e.getMessage(), e);
        }
    }

    /**
     * A number that grows whenever any instance stores a new record (the attempts stored, over all stations): one
     * small read, which each instance polls to tell its /line viewers that records arrived.
     */
    public long changeMarker() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COALESCE(sum(attempts), 0) FROM record_station");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new RecordStoreException("the records database failed: " + e.getMessage(), e);
        }
    }

    /** The stations and the boards per hour over the records started since a time (the /line page's window). */
    public LineActivity activity(Instant since) {
        Map<String, long[]> window = new HashMap<>();
        TreeMap<Long, long[]> hours = new TreeMap<>();
        List<LineActivity.Station> stations = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement s = c.prepareStatement("SELECT station, count(*), count(DISTINCT board_uid),"
                    + " count(DISTINCT CASE WHEN outcome = 'passed' THEN board_uid END) FROM board_record"
                    + " WHERE started_at >= ? GROUP BY station")) {
                s.setObject(1, utc(since));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        window.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT utc_hour, count(DISTINCT board_uid),"
                    + " count(DISTINCT CASE WHEN outcome = 'passed' THEN board_uid END) FROM (SELECT"
                    + " CAST(FLOOR(EXTRACT(EPOCH FROM started_at) / 3600) AS BIGINT) AS utc_hour, board_uid, outcome"
                    + " FROM board_record WHERE started_at >= ?) AS r GROUP BY utc_hour")) {
                s.setObject(1, utc(since));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        hours.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT station, attempts, last_started_at,"
                    + " last_received_at FROM record_station ORDER BY station");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long[] w = window.getOrDefault(rs.getString(1), new long[3]);
                    stations.add(new LineActivity.Station(rs.getString(1), rs.getLong(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), w[0], w[1], w[2]));
                }
            }
        } catch (SQLException e) {
            throw new RecordStoreException("the records database failed: " + e.getMessage(), e);
        }
        List<LineActivity.Hour> plot = new ArrayList<>();
        long first = Math.floorDiv(since.getEpochSecond(), 3600);
        // up to the current hour: a record that says it started later (a station's clock ahead) is not plotted
        long last = Math.max(first, Math.floorDiv(clock.instant().getEpochSecond(), 3600));
        for (long h = first; h <= last && plot.size() < 24 * 31; h++) {
            long[] v = hours.getOrDefault(h, new long[2]);
            plot.add(new LineActivity.Hour(Instant.ofEpochSecond(h * 3600), v[0], v[1]));
        }
        return new LineActivity(since, stations, plot);
    }

    /**
     * The summary computed from the records themselves (every record since the time is read): the reference the
     * rollups are tested against, with the exact median.
     */
    public RecordSummary summaryFromRecords(Optional<Instant> since) {
        String where = since.isPresent() ? " WHERE started_at >= ?" : "";
        List<Object> args = since.<List<Object>>map(s -> List.of(utc(s))).orElse(List.of());
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            if ("PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                return summaryPostgresql(c, since, where, args);
            }
            long attempts;
            long boards;
            long passedBoards;
            Optional<Double> median;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*), count(DISTINCT board_uid),"
                    + " count(DISTINCT CASE WHEN outcome = 'passed' THEN board_uid END),"
                    + " percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) FROM board_record" + where)) {
                bind(s, args);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    attempts = rs.getLong(1);
                    boards = rs.getLong(2);
                    passedBoards = rs.getLong(3);
                    double m = rs.getDouble(4);
                    median = rs.wasNull() ? Optional.empty() : Optional.of(m / 1000.0);
                }
            }
            Map<String, Long> byOutcome = new LinkedHashMap<>();
            for (Outcome o : Outcome.values()) {
                byOutcome.put(o.json(), 0L);
            }
            byOutcome.putAll(counts(c, "outcome", where, args));
            Map<String, Long> failures = counts(c, "failure_code", where.isEmpty()
                    ? " WHERE failure_code IS NOT NULL" : where + " AND failure_code IS NOT NULL", args);
            Map<String, Long> fus = counts(c, "fus_before", where, args);
            Map<String, Long> stack = counts(c, "stack_before", where, args);
            return new RecordSummary(since, attempts, boards, passedBoards,
                    boards == 0 ? 0 : (double) passedBoards / boards, byOutcome, byCount(failures), byCount(fus),
                    byCount(stack), median);
        } catch (SQLException e) {
            throw new RecordStoreException("the records database failed: " + e.getMessage(), e);
        }
    }

    /**
     * The same summary in three scans instead of five (PostgreSQL): the four breakdowns in one GROUPING SETS pass,
     * distinct and passed boards by one hash aggregation per board, and the median.
     */
    private static RecordSummary summaryPostgresql(Connection c, Optional<Instant> since, String where,
                                                   List<Object> args) throws SQLException {
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            byOutcome.put(o.json(), 0L);
        }
        List<Map<String, Long>> sets = List.of(byOutcome, new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        try (PreparedStatement s = c.prepareStatement("SELECT outcome, failure_code, fus_before, stack_before,"
                + " GROUPING(outcome), GROUPING(failure_code), GROUPING(fus_before), count(*) FROM board_record"
                + where + " GROUP BY GROUPING SETS ((outcome), (failure_code), (fus_before), (stack_before))")) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int set = rs.getInt(5) == 0 ? 0 : rs.getInt(6) == 0 ? 1 : rs.getInt(7) == 0 ? 2 : 3;
                    String key = rs.getString(set + 1);
                    if (set == 1 && key == null) {
                        continue; // attempts without a failure
                    }
                    sets.get(set).merge(key == null ? "unknown" : key, rs.getLong(8), Long::sum);
                }
            }
        }
        long attempts = byOutcome.values().stream().mapToLong(Long::longValue).sum();
        long boards;
        long passedBoards;
        try (PreparedStatement s = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE passed) FROM"
                + " (SELECT bool_or(outcome = 'passed') AS passed FROM board_record" + where
                + " GROUP BY board_uid) AS b")) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                boards = rs.getLong(1);
                passedBoards = rs.getLong(2);
            }
        }
        Optional<Double> median;
        try (PreparedStatement s = c.prepareStatement("SELECT percentile_cont(0.5) WITHIN GROUP"
                + " (ORDER BY duration_ms) FROM board_record" + where)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                double m = rs.getDouble(1);
                median = rs.wasNull() ? Optional.empty() : Optional.of(m / 1000.0);
            }
        }
        return new RecordSummary(since, attempts, boards, passedBoards,
                boards == 0 ? 0 : (double) passedBoards / boards, byOutcome, byCount(sets.get(1)),
                byCount(sets.get(2)), byCount(sets.get(3)), median);
    }

    private static Map<String, Long> counts(Connection c, String column, String where, List<Object> args)
            throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + column + ", count(*) FROM board_record" + where
                + " GROUP BY " + column)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.merge(rs.getString(1) == null ? "unknown" : rs.getString(1), rs.getLong(2), Long::sum);
                }
            }
        }
        return counts;
    }

    /** Largest count first, then by name: the order a person reads a breakdown in. */
    static Map<String, Long> byCount(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static void add(StringBuilder sql, List<Object> args, String clause, Object value) {
        sql.append(clause);
        args.add(value);
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken: the transaction is gone with it
        }
    }
}
