package dev.fuspath.records;

import static dev.fuspath.records.SampleRecords.passed;
import static dev.fuspath.records.SampleRecords.uid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Migration V2's backfill: records stored before V2 (no rollups yet) get the rollups that ingestion would have kept.
 * A database migrated to V1 is filled the way V1's store wrote records; migrating it to the latest version must give
 * rollup tables equal, row for row, to those of a database where the same records were ingested one batch at a time
 * (out of order, some twice) by today's store, and summaries equal to the summaries computed from the records.
 */
class RollupBackfillTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Instant RECEIVED = Instant.parse("2026-12-01T12:00:00Z");
    private static final List<String> ROLLUPS = List.of(
            "SELECT utc_day, dimension, item, attempts FROM record_rollup ORDER BY utc_day, dimension, item",
            "SELECT utc_day, seconds, attempts FROM record_duration ORDER BY utc_day, seconds",
            "SELECT board_uid, last_started_at, last_passed_at FROM board ORDER BY board_uid",
            "SELECT utc_day, boards, passed FROM board_rollup WHERE boards <> 0 OR passed <> 0 ORDER BY utc_day",
            "SELECT station, attempts, last_started_at, last_received_at FROM record_station ORDER BY station");

    @Test
    void onPostgresqlTheBackfilledRollupsAreThoseIngestionKeeps() throws Exception {
        TestPostgres pg = TestPostgres.shared();
        String before = "backfill_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        String ingested = "backfill_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        pg.createDatabase(before);
        pg.createDatabase(ingested);
        check(pg.dataSource(before), pg.dataSource(ingested));
    }

    @Test
    void onTheEmbeddedStoreTheBackfilledRollupsAreThoseIngestionKeeps() throws Exception {
        check(h2(), h2());
    }

    private static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:backfill" + DATABASES.incrementAndGet() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DB_CLOSE_DELAY=-1");
        return ds;
    }

    private static void check(DataSource beforeV2, DataSource reference) throws Exception {
        List<BoardRecord> records = line();
        // records stored under V1 only: the columns V1's store wrote, no rollup tables exist yet
        Flyway.configure().dataSource(beforeV2).locations("classpath:db/migration").target("1").load().migrate();
        try (Connection c = beforeV2.getConnection()) {
            assertEquals(List.of(), tables(c, "record_rollup"), "V1 has no rollups");
            insertAsV1(c, records);
        }
        TestPostgres.migrate(beforeV2);

        TestPostgres.migrate(reference);
        RecordStore ingest = new RecordStore(reference, Clock.fixed(RECEIVED, ZoneOffset.UTC));
        List<BoardRecord> shuffled = new ArrayList<>(records);
        java.util.Collections.shuffle(shuffled, new Random(13));
        Random random = new Random(14);
        for (int i = 0; i < shuffled.size(); ) {
            int n = 1 + random.nextInt(60);
            List<BoardRecord> batch = shuffled.subList(i, Math.min(shuffled.size(), i + n));
            ingest.ingest(batch);
            if (random.nextInt(4) == 0) {
                ingest.ingest(batch);
            }
            i += n;
        }

        try (Connection migrated = beforeV2.getConnection(); Connection kept = reference.getConnection()) {
            for (String query : ROLLUPS) {
                List<String> expected = rows(kept, query);
                assertTrue(expected.size() > 2, "the line fills " + query);
                assertEquals(expected, rows(migrated, query), query);
            }
        }
        RecordStore migrated = new RecordStore(beforeV2);
        for (Optional<Instant> since : List.of(Optional.<Instant>empty(),
                Optional.of(Instant.parse("2026-11-22T00:00:00Z")), Optional.of(Instant.parse("2026-11-23T07:13:00Z")))) {
            RecordSummary rolled = migrated.summary(since);
            RecordSummary counted = migrated.summaryFromRecords(since);
            assertEquals(counted.attempts(), rolled.attempts(), since.toString());
            assertEquals(counted.boards(), rolled.boards(), since.toString());
            assertEquals(counted.passedBoards(), rolled.passedBoards(), since.toString());
            assertEquals(counted.byOutcome(), rolled.byOutcome(), since.toString());
            assertEquals(counted.failuresByCause(), rolled.failuresByCause(), since.toString());
            assertEquals(counted.fusOnArrival(), rolled.fusOnArrival(), since.toString());
            assertEquals(counted.stackOnArrival(), rolled.stackOnArrival(), since.toString());
        }
        assertEquals(records.size(), migrated.summary(Optional.empty()).attempts());
        assertEquals(records.size(), migrated.changeMarker());
        // and ingestion goes on from the backfilled rollups: one more attempt of a known board moves it
        BoardRecord again = RecordParser.batch(SampleRecords.batch(List.of(passed("after-v2", records.get(0)
                .boardUid(), "line-1", Instant.parse("2026-11-25T10:00:00Z"), 70)))).get(0);
        assertEquals(1, migrated.ingest(List.of(again)).stored());
        assertEquals(1, ingest.ingest(List.of(again)).stored());
        try (Connection m = beforeV2.getConnection(); Connection k = reference.getConnection()) {
            for (String query : ROLLUPS) {
                if (!query.contains("record_station")) { // its last_received_at is the time of that upload
                    assertEquals(rows(k, query), rows(m, query), query);
                }
            }
        }
    }

    /** Records over five days, boards attempted again on later days, failures, unknown FUS, three stations. */
    private static List<BoardRecord> line() {
        Random random = new Random(20261202);
        List<ObjectNode> records = new ArrayList<>();
        Instant start = Instant.parse("2026-11-20T05:00:00Z");
        for (int i = 0; i < 300; i++) {
            Instant at = start.plusMillis((long) (random.nextDouble() * 5 * 86_400_000L));
            long ms = random.nextInt(10) == 0 ? 3_600_000L + random.nextInt(7_200_000) : 20_000 + random.nextInt(300_000);
            int board = random.nextInt(120);
            ObjectNode r = random.nextInt(4) == 0
                    ? SampleRecords.failed("v1-" + i, uid(board), "line-" + random.nextInt(3), at, 0,
                    SampleRecords.CAUSES[random.nextInt(SampleRecords.CAUSES.length)])
                    : passed("v1-" + i, uid(board), "line-" + random.nextInt(3), at, 0);
            r.put("endedAt", at.plusMillis(ms).toString());
            if (random.nextInt(6) == 0) {
                r.remove("fusBefore");
            } else {
                r.put("fusBefore", SampleRecords.FUS[random.nextInt(SampleRecords.FUS.length)]);
            }
            r.put("stackBefore", SampleRecords.STACKS[random.nextInt(SampleRecords.STACKS.length)]);
            records.add(r);
        }
        return RecordParser.batch(SampleRecords.batch(records));
    }

    /** The rows V1's store wrote for each record (board_record and its body), received at one time. */
    private static void insertAsV1(Connection c, List<BoardRecord> records) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO board_record (record_id, content_sha256,"
                + " board_uid, station, started_at, ended_at, duration_ms, outcome, failure_code, fus_before,"
                + " stack_before, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement body = c.prepareStatement("INSERT INTO board_record_body (record_id, body)"
                     + " VALUES (?, ?)")) {
            for (BoardRecord r : records) {
                String text = RecordJson.text(r);
                insert.setString(1, r.recordId());
                insert.setString(2, RecordJson.sha256(text));
                insert.setString(3, r.boardUid());
                insert.setString(4, r.station());
                insert.setObject(5, OffsetDateTime.ofInstant(r.startedAt(), ZoneOffset.UTC));
                insert.setObject(6, OffsetDateTime.ofInstant(r.endedAt(), ZoneOffset.UTC));
                insert.setLong(7, r.duration().toMillis());
                insert.setString(8, r.outcome().json());
                insert.setString(9, r.failure().map(BoardRecord.Failure::code).orElse(null));
                insert.setString(10, r.fusBefore().orElse(null));
                insert.setString(11, r.stackBefore().orElse(null));
                insert.setObject(12, OffsetDateTime.ofInstant(RECEIVED, ZoneOffset.UTC));
                insert.addBatch();
                body.setString(1, r.recordId());
                body.setString(2, text);
                body.addBatch();
            }
            insert.executeBatch();
            body.executeBatch();
        }
        c.commit();
    }

    private static List<String> tables(Connection c, String name) throws SQLException {
        List<String> found = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, null, name, null)) {
            while (rs.next()) {
                found.add(rs.getString("TABLE_NAME"));
            }
        }
        return found;
    }

    /** Every row as text; times as instants, so the session's time zone plays no part. */
    private static List<String> rows(Connection c, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(query); ResultSet rs = s.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    if (v != null && rs.getMetaData().getColumnTypeName(i).toLowerCase().contains("timestamp")) {
                        v = rs.getObject(i, OffsetDateTime.class).toInstant();
                    } else if (v instanceof String text) {
                        v = text.strip();
                    }
                    row.append(i == 1 ? "" : " | ").append(v);
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
