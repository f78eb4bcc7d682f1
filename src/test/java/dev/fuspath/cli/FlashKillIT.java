package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.Faults;
import dev.fuspath.simulator.SimulatorStateFile;
import dev.fuspath.testing.FakeProgrammer;
import dev.fuspath.testing.Packaged;
import dev.fuspath.testing.UpstreamBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged fuspath, killed (SIGKILL, with the programmer it started, as a closed terminal would) in the middle of
 * a step of the factory story, then run again with --resume: it finishes, and no FUS upgrade is ever run twice.
 * Four representative steps, killed after or before the programmer did its work; FaultMatrixTest kills every step
 * of both stories in-process.
 * <p>
 * The cases run two at a time (each in its own folder, with its own simulated device, programmer and journal):
 * each is a chain of JVM starts, and two chains keep a 2-core machine busier than one.
 */
@Execution(ExecutionMode.CONCURRENT)
class FlashKillIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Plan story;
    private static Map<String, byte[]> upstream;
    private final List<ProcessHandle> started = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        UpstreamBundle.assumePresent();
        Planner planner = new Planner(CatalogFiles.readClasspath(FlashKillIT.class.getClassLoader()), Rules.bundled(),
                ChipRules.bundled(), Procedures.bundled());
        story = planner.plan(new Planner.Request("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", null, "swd", false,
                false));
        upstream = new HashMap<>();
        UpstreamBundle.distinctBinaries().forEach(f -> upstream.put(Sha256.of(f.bytes()), f.bytes()));
    }

    /**
     * Every process this case started, and every process under them, is gone. The cases run two at a time (see the
     * class comment), so the check is of this case's own processes, not of every descendant of the test JVM: the
     * processes a case starts are all of the JVM's descendants that are its own.
     */
    @AfterEach
    void noProcessLeftBehind() throws Exception {
        List<ProcessHandle> mine = new ArrayList<>();
        for (ProcessHandle p : started) {
            mine.add(p);
            p.descendants().forEach(mine::add);
        }
        for (ProcessHandle p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (mine.stream().anyMatch(ProcessHandle::isAlive) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), mine.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("?")).toList());
    }

    /**
     * @param when     text of the programmer call during which fuspath is killed
     * @param mode     after: the call did its work and blocks before answering; before: it blocks before any work
     */
    @ParameterizedTest(name = "killed during the call with ''{0}'' ({1} its effect)")
    @CsvSource({
            "for_fus_0_5_3.bin, after",
            "stm32wb5x_FUS_fw.bin, before",
            "BLE_Stack_full_fw.bin, after",
            "-startwirelessstack, after"})
    void resumeFinishesAndNeverRepeatsAFusUpgrade(String when, String mode) throws Exception {
        Packaged.launcher();
        Path dir = Files.createTempDirectory("flash-kill");
        SimulatorStateFile state = new SimulatorStateFile(dir.resolve("device.json"));
        SimulatorStateFile.Stored initial = SimulatorStateFile.Stored.of(DeviceState.factory("1M"))
                .withHangSeconds(300);
        state.write(mode.equals("after") ? initial.withSlowWhen(when) : initial.withHangWhen(when));
        Path cli = FakeProgrammer.install(dir.resolve("bin"), state.path());
        Path firmware = dir.resolve("firmware");
        for (PlanStep s : story.steps()) {
            if (s.file() != null) {
                Files.createDirectories(firmware);
                Files.write(firmware.resolve(s.file()), upstream.get(s.sha256()));
            }
        }
        Path journal = dir.resolve("journal.jsonl");
        List<String> base = Packaged.fuspath("flash", "--programmer", cli.toString(), "--firmware-dir",
                firmware.toString(), "--journal", journal.toString(), "--timeout", "600");

        List<String> first = new ArrayList<>(base);
        first.addAll(List.of("--chip", "STM32WB55RG", "--target", "BLE_Stack_full"));
        Process fuspath = start(first, dir.resolve("first.log"));
        waitFor(() -> calls(state).stream().anyMatch(c -> c.contains(when)), fuspath, dir);
        kill(fuspath);

        List<String> again = new ArrayList<>(base);
        again.add("--resume");
        Process resumed = start(again, dir.resolve("second.log"));
        assertTrue(resumed.waitFor(240, TimeUnit.SECONDS), "the resumed run ended");
        String log = Files.readString(dir.resolve("second.log"));
        assertEquals(0, resumed.exitValue(), log);

        DeviceState device = state.read().device();
        assertEquals(FirmwareVersion.parse(story.to().fus()), device.fus(), log);
        assertEquals("BLE_Stack_full", device.stack().name());
        List<String> calls = calls(state);
        assertEquals(1, calls.stream().filter(c -> c.contains("-fwupgrade") && c.contains("for_fus_0_5_3")).count(),
                "FUS 1.2.0 installed once: " + calls);
        long fus2 = calls.stream().filter(c -> c.contains("-fwupgrade") && c.contains("stm32wb5x_FUS_fw.bin")).count();
        assertEquals(mode.equals("before") && when.equals("stm32wb5x_FUS_fw.bin") ? 2 : 1, fus2,
                "FUS 2 sent again only when the kill came before it took effect: " + calls);

        Process history = start(Packaged.fuspath("history", "--journal", journal.toString(), "--json"),
                dir.resolve("history.log"));
        assertTrue(history.waitFor(60, TimeUnit.SECONDS));
        JsonNode runs = JSON.readTree(Files.readString(dir.resolve("history.log")));
        assertEquals("interrupted", runs.get(0).get("outcome").asText());
        assertEquals("completed", runs.get(1).get("outcome").asText());
        assertEquals(runs.get(0).get("run").asText(), runs.get(1).get("resumes").asText());
    }

    private static List<String> calls(SimulatorStateFile state) throws Exception {
        return Files.exists(state.callLog()) ? Files.readAllLines(state.callLog()) : List.of();
    }

    private Process start(List<String> command, Path log) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p.toHandle());
        return p;
    }

    private static void kill(Process fuspath) throws InterruptedException {
        List<ProcessHandle> children = fuspath.descendants().toList();
        fuspath.destroyForcibly();
        fuspath.waitFor(10, TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle c : children) {
            c.onExit().orTimeout(10, TimeUnit.SECONDS);
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, Process p, Path dir) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!check.ok()) {
            if (!p.isAlive()) {
                throw new AssertionError("fuspath ended before the kill: " + Files.readString(dir.resolve("first.log")));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the call never came");
            }
            Thread.sleep(100);
        }
    }
}
