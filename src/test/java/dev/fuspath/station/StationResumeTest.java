package dev.fuspath.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.executor.Backend;
import dev.fuspath.records.BoardRecord;
import dev.fuspath.records.Outcome;
import dev.fuspath.records.StepOutcome;
import dev.fuspath.simulator.SimulatedRack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The station killed mid-step, then {@code --resume}: the lane's board is finished from where it stands, with the
 * same attempt (one record, the same id), and a FUS upgrade the killed run did is not done again.
 */
class StationResumeTest {

    /** Stands for a kill: the call runs on the rack (or not), then the station dies before it hears the answer. */
    static final class Killed extends RuntimeException {
        Killed() {
            super("killed", null, false, false);
        }
    }

    static Backend killing(Backend inner, String when, boolean after) {
        AtomicBoolean fired = new AtomicBoolean();
        return args -> {
            boolean hit = String.join(" ", args).contains(when) && fired.compareAndSet(false, true);
            if (hit && !after) {
                throw new Killed();
            }
            Backend.Invocation r = inner.run(args);
            if (hit) {
                throw new Killed();
            }
            return r;
        };
    }

    @Test
    void killedAfterTheFusUpgradeThenResumedOneRecordNoFusTwice(@TempDir Path dir) throws Exception {
        SimulatedRack rack = RackFixture.rack(dir, "2:fus=0.5.3,1.2.0");
        RackBackend backend = new RackBackend(rack);
        Station.Report killed;
        try (RecordSpool spool = RecordSpool.open(dir.resolve("state/records.jsonl"))) {
            Station station = new Station(RackFixture.config(dir, killing(backend, "for_fus_0_5_3", true),
                    backend.operator(), null, true, null), spool, null);
            killed = station.run(false);
        }
        assertEquals(StationExit.IO, killed.exitCode(), killed.message());
        assertTrue(killed.message().contains("killed"), killed.message());
        assertEquals(1, killed.records().size(), "the other lane went on: " + killed.records());
        String lane0 = RackFixture_serial(0);
        assertTrue(Files.exists(dir.resolve("state/lanes/" + lane0 + "/attempt.json")));
        assertEquals("1.2.0", rack.probe(lane0).board().device().fus().toString(),
                "the upgrade took effect before the kill");

        // --resume: only the interrupted lane
        Station.Report resumed;
        try (RecordSpool spool = RecordSpool.open(dir.resolve("state/records.jsonl"))) {
            Station station = new Station(RackFixture.config(dir, backend, backend.operator(), null, true, null),
                    spool, null);
            resumed = station.run(true);
            assertEquals(2, spool.all().size(), "one record per board and attempt");
        }
        assertEquals(StationExit.OK, resumed.exitCode(), resumed.message());
        assertEquals(1, resumed.records().size());
        BoardRecord r = resumed.records().get(0);
        assertEquals(Outcome.PASSED, r.outcome());
        assertEquals("0.5.3", r.fusBefore().orElseThrow(), "FUS on arrival, from the killed run's journal");
        assertFalse(Files.exists(dir.resolve("state/lanes/" + lane0 + "/attempt.json")));
        List<String> calls = rack.allBoards().stream().map(SimulatedRack.Slot::uid).toList();
        assertEquals(2, calls.size());
        long fus053 = r.steps().stream().filter(s -> s.file().orElse("").contains("for_fus_0_5_3")
                && s.outcome() == StepOutcome.DONE).count();
        assertEquals(0, fus053, "the killed step never ended in the journal, and it is not run again: " + r.steps());
        assertTrue(r.steps().stream().anyMatch(s -> s.name().equals("stack-install")
                && s.outcome() == StepOutcome.DONE), r.steps().toString());

        // nothing left to resume
        try (RecordSpool spool = RecordSpool.open(dir.resolve("state/records.jsonl"))) {
            Station station = new Station(RackFixture.config(dir, backend, backend.operator(), null, true, null),
                    spool, null);
            assertEquals(StationExit.NOTHING_TO_RESUME, station.run(true).exitCode());
        }
    }

    private static String RackFixture_serial(int i) {
        return dev.fuspath.simulator.RackSpec.serial(i);
    }
}
