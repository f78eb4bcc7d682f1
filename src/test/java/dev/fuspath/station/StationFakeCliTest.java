package dev.fuspath.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fuspath.executor.Backend;
import dev.fuspath.executor.ProcessBackend;
import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.records.BoardRecord;
import dev.fuspath.records.Outcome;
import dev.fuspath.records.RecordQuery;
import dev.fuspath.records.RecordStore;
import dev.fuspath.records.TestPostgres;
import dev.fuspath.simulator.SimulatedRack;
import dev.fuspath.testing.FakeRackProgrammer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rack story across the programmer's process boundary: every programmer call of the station (-l st-link, each
 * lane's sn= calls, reads, writes, the probe dropping off) is a separate fake STM32_Programmer_CLI process on the
 * rack's folder, lanes running at once, as a real line runs STM32_Programmer_CLI. StationRackTest tells the whole
 * story in process (10 boards on 8 lanes, a write error, the service down). By default all eight lanes of
 * {@link #RACK} run (FUS 0.5.3, 1.1.0, 1.2.0, 2.1.0, old stacks, an application too large, refused before any write,
 * a probe that drops off during a FUS upgrade): 109 programmer processes, 11 s on this project's idle 2-core machine
 * since the fake CLI no longer starts a JVM per call (testing.FakeCliServer). {@code -Dfuspath.fakeCliRack=small}
 * runs three of them (a good board upgraded in place on FUS 2.1.0 then given the application, the application too
 * large, the probe lost), one board each.
 */
class StationFakeCliTest {

    static final String RACK = """
            {"probes": [
              {"boards": [{"fus": "0.5.3"}]},
              {"boards": [{"fus": "1.1.0", "stack": "BLE_Stack_full@1.13.0@0x080C7000"}]},
              {"boards": [{"fus": "1.2.0"}]},
              {"boards": [{"fus": "2.1.0", "stack": "BLE_Stack_full@1.17.0@0x080CE000"}]},
              {"boards": [{"fus": "1.2.0", "flash": "640K"}]},
              {"boards": [{"fus": "0.5.3", "fault": "drop-probe", "faultWhen": "-fwupgrade"}]},
              {"boards": [{"fus": "1.2.0", "stack": "BLE_Stack_full@1.13.0@0x080C7000"}]},
              {"boards": [{"fus": "2.1.0"}]}
            ]}""";

    static final String SMALL_RACK = """
            {"probes": [
              {"boards": [{"fus": "2.1.0", "stack": "BLE_Stack_full@1.17.0@0x080CE000"}]},
              {"boards": [{"fus": "1.2.0", "flash": "640K"}]},
              {"boards": [{"fus": "1.2.0", "fault": "drop-probe", "faultWhen": "-fwupgrade"}]}
            ]}""";

    @Test
    void lanesThroughTheFakeCliEveryGoodBoardOnTheTargetTheOthersWithTheirCause(@TempDir Path dir)
            throws Exception {
        TestPostgres pg = TestPostgres.shared();
        String name = "station_fake_cli_" + ProcessHandle.current().pid();
        pg.createDatabase(name);
        DataSource ds = pg.dataSource(name);
        TestPostgres.migrate(ds);
        RecordStore store = new RecordStore(ds);

        boolean full = !"small".equals(System.getProperty("fuspath.fakeCliRack"));
        SimulatedRack rack = RackFixture.rack(dir, full ? RACK : SMALL_RACK);
        int lanes = full ? 8 : 3;
        Path app = dir.resolve("product.bin");
        Files.write(app, new byte[600 * 1024]);
        AtomicInteger calls = new AtomicInteger();
        Backend processes = new ProcessBackend(FakeRackProgrammer.install(dir.resolve("bin"), rack.dir()),
                Duration.ofSeconds(120));
        Backend counted = args -> {
            calls.incrementAndGet();
            return processes.run(args);
        };
        RecordUploader uploader = new RecordUploader() {
            @Override
            public synchronized Answer upload(List<BoardRecord> batch) {
                store.ingest(batch);
                return Answer.ok();
            }

            @Override
            public String describe() {
                return "the test store";
            }
        };
        long t0 = System.nanoTime();
        Station.Report report;
        try (RecordSpool spool = RecordSpool.open(dir.resolve("state/records.jsonl"));
             RecordSync sync = new RecordSync(spool, uploader, Duration.ofMillis(50))) {
            sync.start();
            // --once: one board per lane, no one needs to swap boards
            report = new Station(RackFixture.config(dir, counted, Station.Operator.PERSON,
                    AppImage.parse(app.toString()), true, null), spool, sync).run(false);
            assertEquals(RecordUploader.Status.OK, sync.uploadPending().status());
            assertEquals(0, spool.pendingCount());
        }
        System.out.println(lanes + " lanes through the fake CLI: " + calls.get() + " programmer processes, "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertEquals(StationExit.BOARD_FAILED, report.exitCode(), report.message());

        Map<String, BoardRecord> byUid = report.records().stream()
                .collect(Collectors.toMap(BoardRecord::boardUid, r -> r));
        assertEquals(lanes, byUid.size(), "one record per board: " + byUid.keySet());
        FirmwareVersion fus2 = FirmwareVersion.parse("2.1.0");
        Map<String, String> causes = new HashMap<>();
        for (SimulatedRack.Slot b : rack.allBoards()) {
            BoardRecord r = byUid.get(b.uid());
            assertTrue(r != null, "a record for " + b.uid());
            if (r.outcome() == Outcome.PASSED) {
                assertEquals("BLE_Stack_full", b.device().stack().name(), b.uid());
                assertEquals("1.24.0", b.device().stack().version().toString(), b.uid());
                assertTrue(b.device().fus().compareTo(fus2) >= 0, b.uid() + " FUS " + b.device().fus());
                assertEquals(r.appSha256().orElseThrow(), b.app(), "the application image was written last");
            } else {
                causes.put(r.fusBefore().orElse("?") + "/" + r.flashKiB(), r.failure().orElseThrow().code());
                assertEquals(null, b.app(), "no application image on a board that did not pass");
            }
        }
        assertEquals(Map.of("1.2.0/640", "app-too-large", (full ? "0.5.3" : "1.2.0") + "/1024", "probe-lost"), causes);
        assertEquals(lanes - 2, report.summary().passed(), report.summary().describe());
        assertEquals(full ? Map.of("0.5.3", 2, "1.1.0", 1, "1.2.0", 3, "2.1.0", 2) : Map.of("1.2.0", 2, "2.1.0", 1),
                report.summary().fusOnArrival());
        SimulatedRack.Slot small = rack.allBoards().stream().filter(b -> b.device().flashSize() == 640 * 1024)
                .findFirst().orElseThrow();
        assertEquals("1.2.0", small.device().fus().toString(), "refused before anything was written");
        assertFalse(small.device().hasStack());
        assertTrue(byUid.get(small.uid()).failure().orElseThrow().cause().orElseThrow().contains("by 106496 bytes"));
        // the probe that dropped off is gone from -l, as the real tool would list it
        assertFalse(rack.probe(dev.fuspath.simulator.RackSpec.serial(full ? 5 : 2)).present());

        // in PostgreSQL: exactly one record per board and attempt, as the station made it
        for (BoardRecord r : report.records()) {
            List<JsonNode> found = store.find(new RecordQuery(Optional.of(r.boardUid()), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), 10, Optional.empty())).records();
            assertEquals(1, found.size(), r.boardUid());
            assertEquals(r.recordId(), found.get(0).get("recordId").asText());
            assertEquals(r.outcome().json(), found.get(0).get("outcome").asText());
        }
        assertEquals(lanes, store.summaryFromRecords(Optional.empty()).attempts());
        assertEquals(0, store.ingest(report.records()).stored(), "uploading them again stores nothing");
    }
}
