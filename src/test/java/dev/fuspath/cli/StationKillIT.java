package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.simulator.RackSpec;
import dev.fuspath.simulator.SimulatedRack;
import dev.fuspath.station.StationExit;
import dev.fuspath.testing.Packaged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code fuspath station}, killed with SIGKILL in the middle of a step (its simulated rack's programmer
 * runs in the same process, so it dies with it), then {@code fuspath station --resume}: the interrupted board is
 * finished from where it stands, without repeating the FUS upgrade that took effect, under the same record id; the
 * other lane's board, done before the kill, is not touched again. One chain of two JVMs (the rack's programmer is
 * in process); StationResumeTest covers the same in process (and that nothing is left to resume after),
 * FlashKillIT the flash command's kills.
 */
class StationKillIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lane 0: FUS 0.5.3, whose upgrade to FUS 2.x does its work, then takes 600 s to answer; lane 1: FUS 1.2.0. */
    private static final String SLOW_LANE_AND_GOOD_LANE = """
            {"probes": [
              {"boards": [{"fus": "0.5.3", "fault": "slow", "faultWhen": "stm32wb5x_FUS_fw.bin"}]},
              {"boards": [{"fus": "1.2.0"}]}
            ]}""";
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void noProcessLeftBehind() throws Exception {
        for (ProcessHandle p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (ProcessHandle p : started) {
            p.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void killedDuringAFusUpgradeThenResumedFinishesTheBoardOnceWithOneRecord(@TempDir Path dir) throws Exception {
        Packaged.launcher();
        Path fw = StationCliTest.firmware(dir);
        // lane 0: FUS 0.5.3; its upgrade to FUS 2.x does its work, then takes 600 s to answer: the kill lands there
        Path spec = dir.resolve("rack-spec.json");
        Files.writeString(spec, SLOW_LANE_AND_GOOD_LANE);
        Path state = dir.resolve("state");
        List<String> base = Packaged.fuspath("station", "--target", "BLE_Stack_full", "--backend",
                "simulator", "--state", state.toString(), "--firmware-dir", fw.toString(), "--station", "line-9",
                "--yes", "--json", "--poll", "5");
        List<String> first = new ArrayList<>(base);
        first.addAll(List.of("--simulate-rack", spec.toString(), "--once"));
        Path firstLog = dir.resolve("first.jsonl");
        Process station = start(first, firstLog);

        String slowLane = RackSpec.serial(0);
        String otherLane = RackSpec.serial(1);
        SimulatedRack rack = new SimulatedRack(state.resolve("rack"));
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        // killed mid-step: the FUS 2 upgrade is under way (started, its work done on the board, no answer yet), and
        // the other lane has finished its board
        while (!(lines(firstLog).stream().anyMatch(l -> l.contains("\"type\":\"station-record\"")
                && l.contains(otherLane)) && upgradeStarted(firstLog, slowLane) && fusIsTwo(rack, slowLane))) {
            assertTrue(station.isAlive(), "the station ended before the kill: " + Files.readString(firstLog));
            assertTrue(System.nanoTime() < deadline, "the slow step never came: " + Files.readString(firstLog));
            Thread.sleep(100);
        }
        List<ProcessHandle> chain = new ArrayList<>(station.descendants().toList());
        station.destroyForcibly(); // SIGKILL
        chain.forEach(ProcessHandle::destroyForcibly);
        assertTrue(station.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, station.exitValue(), "killed by SIGKILL");
        assertTrue(Files.isRegularFile(state.resolve("lanes").resolve(slowLane).resolve("attempt.json")),
                "the interrupted board's attempt is on disk");
        String killedRun = lines(firstLog).stream().filter(l -> l.contains("\"type\":\"run-start\"")
                && l.contains(slowLane)).map(StationKillIT::run).findFirst().orElseThrow();

        Path secondLog = dir.resolve("second.jsonl");
        List<String> again = new ArrayList<>(base);
        again.add("--resume");
        Process resumed = start(again, secondLog);
        assertTrue(resumed.waitFor(240, TimeUnit.SECONDS), "the resumed station ended");
        String out = Files.readString(secondLog);
        assertEquals(StationExit.OK, resumed.exitValue(), out);

        // the board is on the target; the upgrade that took effect before the kill was not sent again
        SimulatedRack.Slot board = rack.allBoards().stream().filter(b -> b.uid().equals(RackSpec.uid(0, 0)))
                .findFirst().orElseThrow();
        assertEquals("BLE_Stack_full", board.device().stack().name());
        assertEquals("1.24.0", board.device().stack().version().toString());
        List<JsonNode> resumedSteps = events(secondLog, "step-start");
        assertTrue(resumedSteps.stream().allMatch(e -> e.path("lane").asText().equals(slowLane)),
                "only the interrupted lane runs again: " + out);
        assertTrue(resumedSteps.stream().noneMatch(e -> e.path("action").asText().equals("fus-upgrade")),
                "no FUS upgrade is repeated: " + out);
        JsonNode resumedRun = events(secondLog, "run-start").get(0);
        assertEquals(killedRun, resumedRun.path("resumes").asText(resumedRun.toString()), out);

        // one record per board and attempt, the interrupted one under the id its attempt was given, FUS on arrival
        // from the killed run
        Map<String, JsonNode> records = new HashMap<>();
        for (String line : Files.readAllLines(state.resolve("records.jsonl"))) {
            JsonNode r = JSON.readTree(line);
            JsonNode record = r.has("record") ? r.get("record") : r;
            assertEquals(null, records.put(record.path("boardUid").asText(), record), "one record per board: " + line);
        }
        assertEquals(2, records.size(), records.toString());
        JsonNode interrupted = records.get(RackSpec.uid(0, 0));
        assertEquals("passed", interrupted.path("outcome").asText(), interrupted.toString());
        assertEquals("0.5.3", interrupted.path("fusBefore").asText(), interrupted.toString());
        assertEquals("passed", records.get(RackSpec.uid(1, 0)).path("outcome").asText());
        assertEquals(interrupted.path("recordId").asText(), events(secondLog, "station-record").get(0)
                .path("record").path("recordId").asText());
    }

    /**
     * Ctrl-C (SIGINT) on a running station: it stops, prints the summary of what it did (boards passed and failed,
     * by cause, FUS on arrival) and ends without waiting for the lane whose programmer call is still out.
     */
    @Test
    void ctrlCPrintsTheSummaryAndEnds(@TempDir Path dir) throws Exception {
        Packaged.launcher();
        Path fw = StationCliTest.firmware(dir);
        Path spec = dir.resolve("rack-spec.json");
        Files.writeString(spec, SLOW_LANE_AND_GOOD_LANE);
        Path log = dir.resolve("station.jsonl");
        Process station = start(Packaged.fuspath("station", "--target", "BLE_Stack_full", "--backend", "simulator",
                "--state", dir.resolve("state").toString(), "--firmware-dir", fw.toString(), "--station", "line-9",
                "--yes", "--json", "--poll", "5", "--simulate-rack", spec.toString(), "--loop"), log);
        String otherLane = RackSpec.serial(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (!(lines(log).stream().anyMatch(l -> l.contains("\"type\":\"station-record\"") && l.contains(otherLane))
                && upgradeStarted(log, RackSpec.serial(0)))) {
            assertTrue(station.isAlive(), "the station ended before Ctrl-C: " + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "the boards never came: " + Files.readString(log));
            Thread.sleep(100);
        }
        Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(station.pid())).start();
        assertTrue(interrupt.waitFor(10, TimeUnit.SECONDS));
        assertTrue(station.waitFor(60, TimeUnit.SECONDS), "the station ends on Ctrl-C: " + Files.readString(log));
        List<JsonNode> summaries = events(log, "station-summary");
        assertEquals(1, summaries.size(), "one summary: " + Files.readString(log));
        JsonNode summary = summaries.get(0);
        assertEquals(1, summary.path("passed").asInt(), summary.toString());
        assertTrue(summary.path("fusOnArrival").toString().contains("1.2.0"), summary.toString());
    }

    private static boolean upgradeStarted(Path log, String lane) throws Exception {
        return lines(log).stream().anyMatch(l -> l.contains("\"type\":\"step-start\"") && l.contains(lane)
                && l.contains("stm32wb5x_FUS_fw.bin"));
    }

    private static boolean fusIsTwo(SimulatedRack rack, String lane) {
        try {
            return rack.probe(lane).board().device().fus().major() >= 2;
        } catch (RuntimeException e) {
            return false; // the file is being rewritten
        }
    }

    private static String run(String line) {
        try {
            return JSON.readTree(line).path("run").asText();
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    private static List<String> lines(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static List<JsonNode> events(Path log, String type) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (String line : lines(log)) {
            if (line.startsWith("{") && line.contains("\"type\":\"" + type + "\"")) {
                found.add(JSON.readTree(line));
            }
        }
        return found;
    }

    private Process start(List<String> command, Path log) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectOutput(log.toFile())
                .redirectError(log.resolveSibling(log.getFileName() + ".err").toFile()).start();
        started.add(p.toHandle());
        return p;
    }
}
