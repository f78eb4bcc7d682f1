package dev.fuspath.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The store on a real PostgreSQL server, and two stores (two service instances) sharing one database. */
class RecordStorePostgresTest extends RecordStoreContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    protected RecordStore newStore() {
        String name = "store_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        TestPostgres pg = TestPostgres.shared();
        pg.createDatabase(name);
        DataSource ds = pg.dataSource(name);
        TestPostgres.migrate(ds);
        return new RecordStore(ds);
    }

    @Test
    void twoInstancesUploadingOverlappingBatchesAtOnceStoreEachRecordOnce() throws Exception {
        String name = "two_instances_" + ProcessHandle.current().pid();
        TestPostgres pg = TestPostgres.shared();
        pg.createDatabase(name);
        // two instances, each with its own connections, both migrating at start (Flyway's lock keeps it to one)
        DataSource one = pg.dataSource(name);
        DataSource two = pg.dataSource(name);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> migrations = List.of(pool.submit(() -> TestPostgres.migrate(one)),
                    pool.submit(() -> TestPostgres.migrate(two)));
            for (Future<?> f : migrations) {
                f.get(2, TimeUnit.MINUTES);
            }
            List<RecordStore> instances = List.of(new RecordStore(one), new RecordStore(two));
            List<BoardRecord> records = parse(SampleRecords.line(600, 4, 3));
            // 8 uploaders (4 per instance), each sending overlapping windows of the same records, in batches of 50,
            // some in reverse order: every record is sent by several uploaders at about the same time
            List<Callable<Long>> uploads = new ArrayList<>();
            for (int u = 0; u < 8; u++) {
                RecordStore instance = instances.get(u % 2);
                int from = (u * records.size() / 10);
                List<BoardRecord> mine = new ArrayList<>(records.subList(from, Math.min(records.size(),
                        from + records.size() / 2)));
                if (u % 3 == 0) {
                    java.util.Collections.reverse(mine);
                }
                uploads.add(() -> {
                    long stored = 0;
                    for (int i = 0; i < mine.size(); i += 50) {
                        stored += instance.ingest(mine.subList(i, Math.min(mine.size(), i + 50))).stored();
                    }
                    return stored;
                });
            }
            // and every record once more from instance two, so all are sent at least once
            uploads.add(() -> {
                long stored = 0;
                for (int i = 0; i < records.size(); i += 100) {
                    stored += instances.get(1).ingest(records.subList(i, Math.min(records.size(), i + 100))).stored();
                }
                return stored;
            });
            long storedTotal = 0;
            for (Future<Long> f : pool.invokeAll(uploads, 3, TimeUnit.MINUTES)) {
                storedTotal += f.get();
            }
            assertEquals(records.size(), storedTotal, "each record reported stored exactly once, by one upload");
            Set<String> ids = new HashSet<>();
            try (var c = one.getConnection(); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT record_id FROM board_record")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            assertEquals(records.size(), ids.size());
            assertEquals(records.stream().map(BoardRecord::recordId).collect(java.util.stream.Collectors.toSet()), ids);
            // the rollups, written by concurrent batches on two instances, count each record once
            for (RecordStore instance : instances) {
                RecordSummary rolled = instance.summary(java.util.Optional.empty());
                RecordSummary counted = instance.summaryFromRecords(java.util.Optional.empty());
                assertEquals(records.size(), rolled.attempts());
                assertEquals(counted.boards(), rolled.boards());
                assertEquals(counted.passedBoards(), rolled.passedBoards());
                assertEquals(counted.byOutcome(), rolled.byOutcome());
                assertEquals(counted.failuresByCause(), rolled.failuresByCause());
                assertEquals(counted.fusOnArrival(), rolled.fusOnArrival());
                assertEquals(records.size(), instance.changeMarker());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
