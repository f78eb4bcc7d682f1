package dev.fuspath.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The summary's rollups (migration V2): kept in the transaction that stores the records, read by the summary.
 *
 * <ul>
 *   <li>{@code record_rollup}: attempts per UTC day of their start and per outcome, failure code, FUS and stack on
 *       arrival;</li>
 *   <li>{@code record_duration}: a histogram of attempt durations per day, rounded to the second (to the minute over
 *       an hour). The median of the histogram is within half a second of the exact median: a line reads the time per
 *       board in seconds, and exact medians would need every duration, which is the scan the rollup avoids. Seconds
 *       keep the histogram small (a few hundred rows a day whatever the line's rate);</li>
 *   <li>{@code board} and {@code board_rollup}: each board's last attempt and last passed attempt, and per day the
 *       boards whose last (passed) attempt started that day. Boards since T are the boards whose last attempt
 *       started at T or later: a sum over days, without counting distinct unique IDs over the records.</li>
 * </ul>
 *
 * The summary since T reads the records of [T, next UTC midnight) themselves (at most a day, by the started_at
 * index) and the rollups of the days from that midnight on, so its answer is the same as from the records alone
 * (RecordStoreContract compares them on random lines), apart from the median's rounding.
 *
 * <p>Locks: every batch takes its rows in one order (records by id, then boards by unique ID, then rollup rows by
 * key, then stations by name), so concurrent batches on several instances wait for each other, never deadlock.
 */
final class Rollups {

    static final long DAY_SECONDS = 86_400;

    private Rollups() {
    }

    static long day(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), DAY_SECONDS);
    }

    /** A duration's histogram bucket, in seconds: rounded to the second, or to the minute from one hour. */
    static long bucket(long durationMs) {
        return durationMs < 3_600_000 ? (durationMs + 500) / 1000 : (durationMs + 30_000) / 60_000 * 60;
    }

    /** The median of a histogram (seconds to attempts): the middle value, or the mean of the two middle ones. */
    static Optional<Double> median(TreeMap<Long, Long> histogram) {
        long n = histogram.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return Optional.empty();
        }
        long lowIndex = (n - 1) / 2;
        long highIndex = n / 2;
        Long low = null;
        Long high = null;
        long seen = 0;
        for (Map.Entry<Long, Long> e : histogram.entrySet()) {
            long next = seen + e.getValue();
            if (low == null && lowIndex < next) {
                low = e.getKey();
            }
            if (highIndex < next) {
                high = e.getKey();
                break;
            }
            seen = next;
        }
        return Optional.of((low + high) / 2.0);
    }

    // ---------------------------------------------------------------------------------------------------------- ingest

    /** Adds newly stored records to the rollups, in the transaction that stored them. */
    static void add(Connection c, boolean pg, List<BoardRecord> stored, OffsetDateTime received) throws SQLException {
        if (stored.isEmpty()) {
            return;
        }
        TreeMap<List<Comparable<?>>, long[]> counts = new TreeMap<>(KEYS);
        TreeMap<List<Comparable<?>>, long[]> durations = new TreeMap<>(KEYS);
        TreeMap<String, Instant[]> boards = new TreeMap<>(); // uid -> {last started, last passed} in this batch
        TreeMap<String, Object[]> stations = new TreeMap<>(); // station -> {attempts, last started}
        for (BoardRecord r : stored) {
            long day = day(r.startedAt());
            count(counts, List.of(day, "outcome", r.outcome().json()), 1);
            r.failure().ifPresent(f -> count(counts, List.of(day, "cause", f.code()), 1));
            count(counts, List.of(day, "fus", r.fusBefore().orElse("unknown")), 1);
            count(counts, List.of(day, "stack", r.stackBefore().orElse("unknown")), 1);
            count(durations, List.of(day, bucket(r.duration().toMillis())), 1);
            Instant[] b = boards.computeIfAbsent(r.boardUid(), k -> new Instant[2]);
            b[0] = later(b[0], r.startedAt());
            if (r.outcome() == Outcome.PASSED) {
                b[1] = later(b[1], r.startedAt());
            }
            Object[] s = stations.computeIfAbsent(r.station(), k -> new Object[] {0L, r.startedAt()});
            s[0] = (Long) s[0] + 1;
            s[1] = later((Instant) s[1], r.startedAt());
        }
        TreeMap<List<Comparable<?>>, long[]> boardDays = boards(c, pg, boards);
        addCounts(c, pg, COUNTS, counts);
        addCounts(c, pg, DURATIONS, durations);
        addCounts(c, pg, BOARD_DAYS, boardDays);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO record_station (station, attempts,"
                + " last_started_at, last_received_at) VALUES (?, 0, ?, ?) ON CONFLICT DO NOTHING");
             PreparedStatement update = c.prepareStatement("UPDATE record_station SET attempts = attempts + ?,"
                     + " last_started_at = GREATEST(last_started_at, ?), last_received_at = ? WHERE station = ?")) {
            for (Map.Entry<String, Object[]> e : stations.entrySet()) {
                OffsetDateTime started = utc((Instant) e.getValue()[1]);
                insert.setString(1, e.getKey());
                insert.setObject(2, started);
                insert.setObject(3, received);
                insert.executeUpdate();
                update.setLong(1, (Long) e.getValue()[0]);
                update.setObject(2, started);
                update.setObject(3, received);
                update.setString(4, e.getKey());
                update.executeUpdate();
            }
        }
    }

    /**
     * Moves each board's last attempt (and last passed attempt) to the later of what is stored and what the batch
     * brings, and gives the changes to board_rollup: minus one on the day it left, plus one on the day it reached.
     */
    private static TreeMap<List<Comparable<?>>, long[]> boards(Connection c, boolean pg, TreeMap<String, Instant[]> batch)
            throws SQLException {
        List<String> uids = new ArrayList<>(batch.keySet());
        Map<String, Instant[]> stored = new LinkedHashMap<>();
        TreeMap<List<Comparable<?>>, long[]> days = new TreeMap<>(KEYS);
        // boards seen for the first time are inserted with their values (one write, not an insert and an update)
        java.util.Set<String> inserted = new java.util.HashSet<>();
        if (pg) {
            String[] started = new String[uids.size()];
            String[] passed = new String[uids.size()];
            for (int i = 0; i < uids.size(); i++) {
                Instant[] v = batch.get(uids.get(i));
                started[i] = v[0].toString();
                passed[i] = v[1] == null ? null : v[1].toString();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO board (board_uid, last_started_at,"
                    + " last_passed_at) SELECT u.id, u.s::timestamptz, u.p::timestamptz FROM unnest(?::text[],"
                    + " ?::text[], ?::text[]) AS u(id, s, p) ON CONFLICT DO NOTHING RETURNING board_uid")) {
                s.setArray(1, c.createArrayOf("text", uids.toArray()));
                s.setArray(2, c.createArrayOf("text", started));
                s.setArray(3, c.createArrayOf("text", passed));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        inserted.add(rs.getString(1).trim());
                    }
                }
            }
        } else {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO board (board_uid, last_started_at,"
                    + " last_passed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (String uid : uids) {
                    Instant[] v = batch.get(uid);
                    s.setString(1, uid);
                    s.setObject(2, utc(v[0]));
                    s.setObject(3, v[1] == null ? null : utc(v[1]));
                    s.addBatch();
                }
                int[] counts = s.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] > 0) {
                        inserted.add(uids.get(i));
                    }
                }
            }
        }
        for (String uid : inserted) {
            Instant[] v = batch.get(uid);
            move(days, null, v[0], 0);
            move(days, null, v[1], 1);
        }
        List<String> existing = uids.stream().filter(u -> !inserted.contains(u)).toList();
        if (existing.isEmpty()) {
            return days;
        }
        if (pg) {
            try (PreparedStatement s = c.prepareStatement("SELECT board_uid, last_started_at, last_passed_at FROM board"
                    + " WHERE board_uid = ANY(?::text[]) ORDER BY board_uid FOR UPDATE")) {
                s.setArray(1, c.createArrayOf("text", existing.toArray()));
                readBoards(s, stored);
            }
        } else {
            for (int from = 0; from < existing.size(); from += 500) {
                List<String> chunk = existing.subList(from, Math.min(existing.size(), from + 500));
                try (PreparedStatement s = c.prepareStatement("SELECT board_uid, last_started_at, last_passed_at"
                        + " FROM board WHERE board_uid IN (" + String.join(", ", java.util.Collections.nCopies(
                        chunk.size(), "?")) + ") ORDER BY board_uid FOR UPDATE")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        s.setString(i + 1, chunk.get(i));
                    }
                    readBoards(s, stored);
                }
            }
        }
        List<String> changed = new ArrayList<>();
        List<Instant[]> values = new ArrayList<>();
        for (Map.Entry<String, Instant[]> e : batch.entrySet()) {
            if (inserted.contains(e.getKey())) {
                continue;
            }
            Instant[] old = stored.getOrDefault(e.getKey(), new Instant[2]);
            Instant started = later(old[0], e.getValue()[0]);
            Instant passed = later(old[1], e.getValue()[1]);
            if (started.equals(old[0]) && java.util.Objects.equals(passed, old[1])) {
                continue;
            }
            move(days, old[0], started, 0);
            move(days, old[1], passed, 1);
            changed.add(e.getKey());
            values.add(new Instant[] {started, passed});
        }
        if (changed.isEmpty()) {
            return days;
        }
        if (pg) {
            String[] started = new String[changed.size()];
            String[] passed = new String[changed.size()];
            for (int i = 0; i < changed.size(); i++) {
                started[i] = values.get(i)[0].toString();
                passed[i] = values.get(i)[1] == null ? null : values.get(i)[1].toString();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE board SET last_started_at = u.s::timestamptz,"
                    + " last_passed_at = u.p::timestamptz FROM unnest(?::text[], ?::text[], ?::text[]) AS u(id, s, p)"
                    + " WHERE board.board_uid = u.id")) {
                s.setArray(1, c.createArrayOf("text", changed.toArray()));
                s.setArray(2, c.createArrayOf("text", started));
                s.setArray(3, c.createArrayOf("text", passed));
                s.executeUpdate();
            }
        } else {
            try (PreparedStatement s = c.prepareStatement("UPDATE board SET last_started_at = ?, last_passed_at = ?"
                    + " WHERE board_uid = ?")) {
                for (int i = 0; i < changed.size(); i++) {
                    s.setObject(1, utc(values.get(i)[0]));
                    s.setObject(2, values.get(i)[1] == null ? null : utc(values.get(i)[1]));
                    s.setString(3, changed.get(i));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        return days;
    }

    private static void readBoards(PreparedStatement s, Map<String, Instant[]> into) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                into.put(rs.getString(1).trim(), new Instant[] {instant(rs, 2), instant(rs, 3)});
            }
        }
    }

    private static void move(TreeMap<List<Comparable<?>>, long[]> days, Instant from, Instant to, int column) {
        if (java.util.Objects.equals(from, to)) {
            return;
        }
        if (from != null) {
            days.computeIfAbsent(List.of(day(from)), k -> new long[2])[column]--;
        }
        if (to != null) {
            days.computeIfAbsent(List.of(day(to)), k -> new long[2])[column]++;
        }
    }

    /** A table of counters: key columns (with their PostgreSQL array types) and value columns. */
    private record Counters(String table, List<String> keys, List<String> keyTypes, List<String> values) {
    }

    private static final Counters COUNTS = new Counters("record_rollup", List.of("utc_day", "dimension", "item"),
            List.of("bigint", "text", "text"), List.of("attempts"));
    private static final Counters DURATIONS = new Counters("record_duration", List.of("utc_day", "seconds"),
            List.of("bigint", "bigint"), List.of("attempts"));
    private static final Counters BOARD_DAYS = new Counters("board_rollup", List.of("utc_day"), List.of("bigint"),
            List.of("boards", "passed"));

    /** Adds to counter rows, making them first when missing; rows in key order (the lock order). */
    private static void addCounts(Connection c, boolean pg, Counters t, TreeMap<List<Comparable<?>>, long[]> deltas)
            throws SQLException {
        deltas.values().removeIf(v -> java.util.Arrays.stream(v).allMatch(x -> x == 0));
        if (deltas.isEmpty()) {
            return;
        }
        String keys = String.join(", ", t.keys());
        String values = String.join(", ", t.values());
        if (pg) {
            List<String> arrays = new ArrayList<>();
            t.keyTypes().forEach(type -> arrays.add("?::" + type + "[]"));
            t.values().forEach(v -> arrays.add("?::bigint[]"));
            StringBuilder set = new StringBuilder();
            for (String v : t.values()) {
                set.append(set.length() == 0 ? "" : ", ").append(v).append(" = ").append(t.table()).append('.')
                        .append(v).append(" + EXCLUDED.").append(v);
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + t.table() + " (" + keys + ", " + values
                    + ") SELECT * FROM unnest(" + String.join(", ", arrays) + ") ON CONFLICT (" + keys
                    + ") DO UPDATE SET " + set)) {
                int k = 0;
                for (int i = 0; i < t.keys().size(); i++) {
                    Object[] column = new Object[deltas.size()];
                    int row = 0;
                    for (List<Comparable<?>> key : deltas.keySet()) {
                        column[row++] = key.get(i);
                    }
                    s.setArray(++k, c.createArrayOf(t.keyTypes().get(i), column));
                }
                for (int j = 0; j < t.values().size(); j++) {
                    Object[] column = new Object[deltas.size()];
                    int row = 0;
                    for (long[] v : deltas.values()) {
                        column[row++] = v[j];
                    }
                    s.setArray(++k, c.createArrayOf("bigint", column));
                }
                s.executeUpdate();
            }
            return;
        }
        String zeros = String.join(", ", java.util.Collections.nCopies(t.values().size(), "0"));
        String marks = String.join(", ", java.util.Collections.nCopies(t.keys().size(), "?"));
        StringBuilder set = new StringBuilder();
        for (String v : t.values()) {
            set.append(set.length() == 0 ? "" : ", ").append(v).append(" = ").append(v).append(" + ?");
        }
        String where = String.join(" AND ", t.keys().stream().map(k -> k + " = ?").toList());
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + t.table() + " (" + keys + ", " + values
                + ") VALUES (" + marks + ", " + zeros + ") ON CONFLICT DO NOTHING");
             PreparedStatement update = c.prepareStatement("UPDATE " + t.table() + " SET " + set + " WHERE " + where)) {
            for (Map.Entry<List<Comparable<?>>, long[]> e : deltas.entrySet()) {
                for (int i = 0; i < e.getKey().size(); i++) {
                    insert.setObject(i + 1, e.getKey().get(i));
                }
                insert.addBatch();
                int k = 0;
                for (long v : e.getValue()) {
                    update.setLong(++k, v);
                }
                for (Object key : e.getKey()) {
                    update.setObject(++k, key);
                }
                update.addBatch();
            }
            insert.executeBatch();
            update.executeBatch();
        }
    }

    private static void count(TreeMap<List<Comparable<?>>, long[]> counts, List<Comparable<?>> key, long n) {
        counts.computeIfAbsent(key, k -> new long[1])[0] += n;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<List<Comparable<?>>> KEYS = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int d = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (d != 0) {
                return d;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    // --------------------------------------------------------------------------------------------------------- summary

    /** The summary since a time (or of everything) from the rollups and at most a day of records. */
    static RecordSummary summary(Connection c, Optional<Instant> since) throws SQLException {
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            byOutcome.put(o.json(), 0L);
        }
        Map<String, Map<String, Long>> dims = Map.of("outcome", byOutcome, "cause", new TreeMap<>(),
                "fus", new TreeMap<>(), "stack", new TreeMap<>());
        TreeMap<Long, Long> durations = new TreeMap<>();
        long boards = 0;
        long passedBoards = 0;
        long fromDay = Long.MIN_VALUE;
        if (since.isPresent()) {
            long d = day(since.get());
            Instant midnight = Instant.ofEpochSecond(d * DAY_SECONDS);
            fromDay = midnight.equals(since.get()) ? d : d + 1;
            Instant next = Instant.ofEpochSecond(fromDay * DAY_SECONDS);
            if (since.get().isBefore(next)) {
                // the part of a day before the first whole day: from the records themselves
                try (PreparedStatement s = c.prepareStatement("SELECT outcome, failure_code, fus_before,"
                        + " stack_before, duration_ms FROM board_record WHERE started_at >= ? AND started_at < ?")) {
                    s.setObject(1, utc(since.get()));
                    s.setObject(2, utc(next));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            dims.get("outcome").merge(rs.getString(1), 1L, Long::sum);
                            if (rs.getString(2) != null) {
                                dims.get("cause").merge(rs.getString(2), 1L, Long::sum);
                            }
                            dims.get("fus").merge(orUnknown(rs.getString(3)), 1L, Long::sum);
                            dims.get("stack").merge(orUnknown(rs.getString(4)), 1L, Long::sum);
                            durations.merge(bucket(rs.getLong(5)), 1L, Long::sum);
                        }
                    }
                }
                boards += count(c, "SELECT count(*) FROM board WHERE last_started_at >= ? AND last_started_at < ?",
                        since.get(), next);
                passedBoards += count(c, "SELECT count(*) FROM board WHERE last_passed_at >= ? AND last_passed_at"
                        + " < ?", since.get(), next);
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT dimension, item, sum(attempts) FROM record_rollup"
                + " WHERE utc_day >= ? GROUP BY dimension, item")) {
            s.setLong(1, fromDay);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Long> m = dims.get(rs.getString(1));
                    if (m != null && rs.getLong(3) != 0) {
                        m.merge(rs.getString(2), rs.getLong(3), Long::sum);
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT seconds, sum(attempts) FROM record_duration"
                + " WHERE utc_day >= ? GROUP BY seconds")) {
            s.setLong(1, fromDay);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(2) != 0) {
                        durations.merge(rs.getLong(1), rs.getLong(2), Long::sum);
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(sum(boards), 0), COALESCE(sum(passed), 0)"
                + " FROM board_rollup WHERE utc_day >= ?")) {
            s.setLong(1, fromDay);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                boards += rs.getLong(1);
                passedBoards += rs.getLong(2);
            }
        }
        long attempts = byOutcome.values().stream().mapToLong(Long::longValue).sum();
        return new RecordSummary(since, attempts, boards, passedBoards,
                boards == 0 ? 0 : (double) passedBoards / boards, byOutcome, RecordStore.byCount(dims.get("cause")),
                RecordStore.byCount(dims.get("fus")), RecordStore.byCount(dims.get("stack")), median(durations));
    }

    private static long count(Connection c, String sql, Instant from, Instant to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, utc(from));
            s.setObject(2, utc(to));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
