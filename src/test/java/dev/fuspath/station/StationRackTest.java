package dev.fuspath.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.records.BoardRecord;
import dev.fuspath.records.IngestResult;
import dev.fuspath.records.Outcome;
import dev.fuspath.records.RecordQuery;
import dev.fuspath.records.RecordStore;
import dev.fuspath.records.TestPostgres;
import dev.fuspath.simulator.SimulatedRack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The station end to end on a simulated rack of 8 probes, records stored in a real PostgreSQL server: boards arrive
 * with FUS 0.5.3, 1.1.0, 1.2.0 and 2.1.0, some with old stacks; one has an application image too large for its
 * stack, one lane loses its probe mid-step, one board fails a write. The service is down for part of the run.
 */
class StationRackTest {

    static final String RACK = """
            {"probes": [
              {"boards": [{"fus": "0.5.3"}, {"fus": "1.2.0", "stack": "BLE_Stack_full@1.13.0@0x080C7000"}]},
              {"boards": [{"fus": "1.1.0", "stack": "BLE_Stack_full@1.13.0@0x080C7000"}]},
              {"boards": [{"fus": "1.2.0"}, {"fus": "2.1.0"}]},
              {"boards": [{"fus": "2.1.0", "stack": "BLE_Stack_full@1.17.0@0x080CE000"}]},
              {"boards": [{"fus": "1.2.0", "flash": "640K"}]},
              {"boards": [{"fus": "0.5.3", "fault": "drop-probe", "faultWhen": "-fwupgrade"}]},
              {"boards": [{"fus": "1.1.0", "fault": "write-error", "faultWhen": "-fwupgrade"}]},
              {"boards": [{"fus": "2.1.0"}]}
            ]}""";

    private static RecordStore store;

    @BeforeAll
    static void database() {
        TestPostgres pg = TestPostgres.shared();
        String name = "station_rack_" + ProcessHandle.current().pid();
        pg.createDatabase(name);
        DataSource ds = pg.dataSource(name);
        TestPostgres.migrate(ds);
        store = new RecordStore(ds);
    }

    /** Stores batches straight into the record store; "down" answers as an unreachable service does. */
    static final class StoreUploader implements RecordUploader {
        final AtomicBoolean down = new AtomicBoolean();
        int batches;

        @Override
        public synchronized Answer upload(List<BoardRecord> batch) {
            if (down.get()) {
                return new Answer(Status.UNREACHABLE, "the service is down");
            }
            batches++;
            IngestResult r = store.ingest(batch);
            assertEquals(batch.size(), r.records().size());
            return Answer.ok();
        }

        @Override
        public String describe() {
            return "the test store";
        }
    }

    @Test
    void eightLanesEveryGoodBoardOnTheTargetTheOthersWithTheirCauseOneRecordPerAttempt(@TempDir Path dir)
            throws Exception {
        SimulatedRack rack = RackFixture.rack(dir, RACK);
        Path app = dir.resolve("product.bin");
        Files.write(app, new byte[600 * 1024]);
        RackBackend backend = new RackBackend(rack);
        StoreUploader uploader = new StoreUploader();
        uploader.down.set(true);
        long t0 = System.nanoTime();
        Station.Report report;
        try (RecordSpool spool = RecordSpool.open(dir.resolve("state/records.jsonl"));
             RecordSync sync = new RecordSync(spool, uploader, java.time.Duration.ofMillis(50))) {
            sync.start();
            Station station = new Station(RackFixture.config(dir, backend, backend.operator(), AppImage.parse(
                    app.toString()), false, null), spool, sync);
            report = station.run(false);
            assertEquals(StationExit.RECORDS_PENDING, report.exitCode(), report.message());
            assertEquals(10, report.pendingRecords(), "the service was down: every record waits in the spool");
            // the service comes back: the next start uploads them
            uploader.down.set(false);
            assertEquals(RecordUploader.Status.OK, sync.uploadPending().status());
            assertEquals(0, spool.pendingCount());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("8 lanes, 10 boards: " + ms + " ms");

        Map<String, BoardRecord> byUid = report.records().stream()
                .collect(Collectors.toMap(BoardRecord::boardUid, r -> r));
        assertEquals(10, byUid.size(), "one record per board and attempt: " + byUid.keySet());
        List<SimulatedRack.Slot> boards = rack.allBoards();
        FirmwareVersion target = FirmwareVersion.parse("2.1.0");
        Map<String, String> causes = new HashMap<>();
        for (SimulatedRack.Slot b : boards) {
            BoardRecord r = byUid.get(b.uid());
            if (r == null) {
                continue;
            }
            if (r.outcome() == Outcome.PASSED) {
                assertTrue(b.device().hasStack(), b.uid());
                assertEquals("BLE_Stack_full", b.device().stack().name(), b.uid());
                assertEquals("1.24.0", b.device().stack().version().toString(), b.uid());
                assertTrue(b.device().fus().compareTo(target) >= 0, b.uid() + " FUS " + b.device().fus());
                assertEquals(Optional.of(r.appSha256().orElseThrow()), Optional.ofNullable(b.app()),
                        "the application image was written last");
                assertTrue(r.steps().stream().allMatch(s -> s.outcome() == dev.fuspath.records.StepOutcome.DONE));
            } else {
                causes.put(r.fusBefore().orElse("?") + "/" + r.flashKiB(), r.failure().orElseThrow().code());
                assertEquals(null, b.app(), "no application image on a board that did not pass");
            }
        }
        assertEquals(7, report.summary().passed(), report.summary().describe());
        assertEquals(3, report.summary().failed(), report.summary().describe());
        assertEquals(Map.of("app-too-large", 1, "probe-lost", 1, "step-failed", 1), report.summary().byCause());
        assertEquals(Map.of("0.5.3", 2, "1.1.0", 2, "1.2.0", 3, "2.1.0", 3), report.summary().fusOnArrival());
        // the 640K board was refused before anything was written: its FUS is still 1.2.0 and it has no stack
        SimulatedRack.Slot small = boards.stream().filter(b -> b.device().flashSize() == 640 * 1024).findFirst()
                .orElseThrow();
        assertEquals("1.2.0", small.device().fus().toString());
        assertFalse(small.device().hasStack());
        BoardRecord refused = byUid.get(small.uid());
        assertEquals(Outcome.REFUSED, refused.outcome());
        assertTrue(refused.failure().get().cause().get().contains("by 106496 bytes"), refused.failure().toString());
        // the lane that lost its probe stops with that cause, the others went on
        assertTrue(causes.containsValue("probe-lost"));

        // in PostgreSQL: exactly one record per board and attempt
        for (BoardRecord r : report.records()) {
            List<JsonNode> found = store.find(new RecordQuery(Optional.of(r.boardUid()), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), 10, Optional.empty())).records();
            assertEquals(1, found.size(), r.boardUid());
            assertEquals(r.recordId(), found.get(0).get("recordId").asText());
            assertEquals(r.outcome().json(), found.get(0).get("outcome").asText());
        }
        // uploading the same records again stores nothing twice
        IngestResult again = store.ingest(report.records());
        assertEquals(0, again.stored());
        assertTrue(ms < 45_000, "the rack took " + ms + " ms");
    }

    /**
     * USB lanes end to end: the probes are the DFU devices of -l usb, each lane addresses its own as port=usbN in
     * every call, two boards per lane (the rack swaps them), boards arriving with FUS 0.5.3, 1.2.0 and 2.1.0 and an
     * old stack; every board ends on the target over USB, with its record naming the lane by its port.
     */
    @Test
    void usbLanesEachCallOnItsOwnPortEveryBoardOnTheTarget(@TempDir Path dir) throws Exception {
        SimulatedRack rack = RackFixture.rack(dir, "3:fus=0.5.3,1.2.0,2.1.0:stack=none,none,BLE_Stack_full@1.17.0@0x080CE000"
                + ":boards=2:interface=usb");
        RackBackend backend = new RackBackend(rack);
        List<List<String>> calls = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        dev.fuspath.executor.Backend recording = args -> {
            calls.add(List.copyOf(args));
            return backend.run(args);
        };
        Station.Report report;
        try (RecordSpool spool = RecordSpool.open(dir.resolve("state/records.jsonl"))) {
            report = new Station(RackFixture.config(dir, recording, backend.operator(), null, false, null, "usb"), spool,
                    null).run(false);
        }
        assertEquals(StationExit.OK, report.exitCode(), report.message());
        assertEquals(6, report.records().size());
        assertEquals(Map.of("usb1", 2L, "usb2", 2L, "usb3", 2L), report.records().stream()
                .collect(Collectors.groupingBy(BoardRecord::lane, Collectors.counting())));
        assertTrue(report.records().stream().allMatch(r -> r.outcome() == Outcome.PASSED), report.summary().describe());
        assertTrue(calls.stream().anyMatch(c -> c.equals(List.of("-l", "usb"))), "the lanes come from -l usb");
        for (List<String> call : calls) {
            if (call.contains("-l")) {
                continue;
            }
            assertTrue(call.stream().anyMatch(a -> a.matches("port=usb[1-3]")), "every call names its port: " + call);
            assertFalse(call.stream().anyMatch(a -> a.startsWith("sn=") || a.equalsIgnoreCase("port=swd")), call.toString());
        }
        for (SimulatedRack.Slot b : rack.allBoards()) {
            assertEquals("BLE_Stack_full", b.device().stack().name(), b.uid());
            assertEquals("1.24.0", b.device().stack().version().toString(), b.uid());
        }
        assertEquals(Map.of("0.5.3", 2, "1.2.0", 2, "2.1.0", 2), report.summary().fusOnArrival());
    }
}
