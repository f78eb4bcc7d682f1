package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.fuspath.simulator.NamedStates;
import dev.fuspath.simulator.SimulatorStateFile;
import dev.fuspath.testing.FakeProgrammer;
import dev.fuspath.testing.UpstreamBundle;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** fuspath flash and fuspath history end to end, through the fake STM32_Programmer_CLI (a real process per call). */
@QuarkusMainTest
class FlashCliTest {

    private static Planner planner;
    private static Map<String, byte[]> upstream;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void load() throws Exception {
        planner = new Planner(CatalogFiles.readClasspath(FlashCliTest.class.getClassLoader()), Rules.bundled(),
                ChipRules.bundled(), Procedures.bundled());
    }

    private static Map<String, byte[]> upstream() {
        UpstreamBundle.assumePresent();
        if (upstream == null) {
            Map<String, byte[]> m = new HashMap<>();
            UpstreamBundle.distinctBinaries().forEach(f -> m.put(Sha256.of(f.bytes()), f.bytes()));
            upstream = m;
        }
        return upstream;
    }

    /** A test folder: the device, the fake programmer, a firmware folder with the files {@code plans} name. */
    private record Bench(Path dir, SimulatorStateFile state, Path programmer, Path firmware, Path journal) {
        String[] args(String... more) {
            List<String> a = new ArrayList<>(List.of("flash", "--programmer", programmer.toString(), "--firmware-dir",
                    firmware.toString(), "--journal", journal.toString(), "--timeout", "60"));
            a.addAll(List.of(more));
            return a.toArray(String[]::new);
        }

        DeviceState device() throws Exception {
            return state.read().device();
        }

        List<String> calls() throws Exception {
            return Files.exists(state.callLog()) ? Files.readAllLines(state.callLog()) : List.of();
        }

        long writes() throws Exception {
            return calls().stream().filter(c -> c.contains("-fwupgrade") || c.contains("-fwdelete")
                    || c.contains("-antirollback") || c.matches(".*-ob (?!displ).*")).count();
        }
    }

    private Bench bench(DeviceState device, Plan... plans) throws Exception {
        Path dir = Files.createTempDirectory("flash-cli");
        SimulatorStateFile state = new SimulatorStateFile(dir.resolve("device.json"));
        state.write(SimulatorStateFile.Stored.of(device));
        Path firmware = Files.createDirectories(dir.resolve("STM32CubeWB"));
        for (Plan p : plans) {
            for (PlanStep s : p.steps()) {
                if (s.file() != null) {
                    Path f = firmware.resolve(s.path());
                    Files.createDirectories(f.getParent());
                    Files.write(f, upstream().get(s.sha256()));
                }
            }
        }
        return new Bench(dir, state, FakeProgrammer.install(dir.resolve("bin"), state.path()), firmware,
                dir.resolve("state/journal.jsonl"));
    }

    private static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    private static Plan plan(String chip, String fus, String stack, String target, String release, String iface)
            throws Exception {
        return planner.plan(new Planner.Request(chip, fus, stack, target, release, iface, false, false));
    }

    @Test
    void factoryFus053ToTheNewestFullBleStackOnWb55rg(QuarkusMainLauncher launcher) throws Exception {
        upstream();
        Plan story = plan("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", null, "swd");
        Bench b = bench(DeviceState.factory("1M"), story);

        LaunchResult r = launcher.launch(b.args("--chip", "STM32WB55RG", "--target", "BLE_Stack_full"));

        assertEquals(0, r.exitCode(), all(r));
        assertTrue(r.getOutput().contains("[7/7] set-option-bytes ... ok"), all(r));
        assertEquals(FirmwareVersion.parse(story.to().fus()), b.device().fus());
        assertEquals("BLE_Stack_full", b.device().stack().name());
        assertTrue(b.device().stack().version().sameRelease(FirmwareVersion.parse(story.to().stack().split(" ")[1])));
        assertEquals(story.steps().stream().filter(s -> s.file() != null).count() + 1, b.writes(),
                "three images and the option bytes: " + b.calls());

        LaunchResult h = launcher.launch("history", "--journal", b.journal().toString());
        assertEquals(0, h.exitCode(), all(h));
        assertTrue(h.getOutput().contains("completed") && h.getOutput().contains("STM32WB55RG"), h.getOutput());
    }

    @Test
    void fus120ToTheV1131FullBleStackOnWb55ceOverUsb(QuarkusMainLauncher launcher) throws Exception {
        upstream();
        DeviceState device = NamedStates.parse("flash=512K,fus=1.2.0,stack=BLE_Stack_full@1.12.0@0x08056000");
        Plan story = plan("STM32WB55CE", "1.2.0", "BLE_Stack_full 1.12.0", "BLE_Stack_full", "v1.13.1", "usb");
        Bench b = bench(device, story);

        LaunchResult r = launcher.launch(b.args("--chip", "STM32WB55CE", "--target", "BLE_Stack_full", "--release",
                "v1.13.1", "--interface", "usb", "--yes"));

        assertEquals(0, r.exitCode(), all(r));
        assertTrue(r.getOutput().contains("confirmed: step 2 deletes the installed stack"), all(r));
        assertEquals(FirmwareVersion.of(1, 2, 0), b.device().fus());
        assertTrue(b.device().stack().version().sameRelease(FirmwareVersion.of(1, 13, 0)), b.device().toString());
        assertTrue(b.calls().stream().allMatch(c -> c.startsWith("-c port=usb1")), b.calls().toString());
    }

    @Test
    void aBoardAlreadyUpToDateGetsZeroWrites(QuarkusMainLauncher launcher) throws Exception {
        upstream();
        Plan story = plan("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", null, "swd");
        Bench b = bench(DeviceState.factory("1M"), story);
        assertEquals(0, launcher.launch(b.args("--target", "BLE_Stack_full")).exitCode());
        DeviceState done = b.device();
        long writesBefore = b.writes();

        LaunchResult r = launcher.launch(b.args("--target", "BLE_Stack_full"));

        assertEquals(0, r.exitCode(), all(r));
        assertTrue(r.getOutput().contains("nothing written"), all(r));
        assertEquals(writesBefore, b.writes(), "no write on an up-to-date board");
        assertEquals(done.fus(), b.device().fus());
        assertEquals(done.stack(), b.device().stack());
        assertTrue(b.device().stackRunning(), "the stack still runs: pre-flight read the table without stopping it");
    }

    @Test
    void dryRunPrintsTheExactCommandsAndChangesNothing(QuarkusMainLauncher launcher) throws Exception {
        upstream();
        Plan story = plan("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", null, "swd");
        Bench b = bench(DeviceState.factory("1M"), story);

        LaunchResult r = launcher.launch(b.args("--target", "BLE_Stack_full", "--dry-run"));

        assertEquals(0, r.exitCode(), all(r));
        assertTrue(r.getOutput().contains("STM32_Programmer_CLI -c port=swd mode=UR -fwupgrade "), all(r));
        assertTrue(r.getOutput().contains("stm32wb5x_FUS_fw_for_fus_0_5_3.bin 0x080EC000 firstinstall=0"), all(r));
        assertEquals(DeviceState.factory("1M"), b.device());
        assertEquals(0, b.writes());
        assertTrue(b.calls().stream().allMatch(c -> c.contains("-r32") || c.contains("-ob displ")), b.calls().toString());
    }

    @Test
    void jsonIsAStreamOfEvents(QuarkusMainLauncher launcher) throws Exception {
        upstream();
        Plan story = plan("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", null, "swd");
        Bench b = bench(DeviceState.factory("1M"), story);

        LaunchResult r = launcher.launch(b.args("--target", "BLE_Stack_full", "--json"));

        assertEquals(0, r.exitCode(), all(r));
        List<String> types = new ArrayList<>();
        for (String line : r.getOutput().split("\n")) {
            if (!line.isBlank()) {
                JsonNode e = JSON.readTree(line);
                types.add(e.get("type").asText());
            }
        }
        assertEquals("run-start", types.get(0));
        assertEquals("run-end", types.get(types.size() - 1));
        assertEquals(story.steps().size(), types.stream().filter("step-end"::equals).count());
    }

    @Test
    void aPlanMadeForAnotherDeviceStateIsRefusedBeforeAnyWrite(QuarkusMainLauncher launcher) throws Exception {
        upstream();
        Plan forFus120 = plan("STM32WB55RG", "1.2.0", null, "BLE_Stack_full", null, "swd");
        Bench b = bench(DeviceState.factory("1M"), forFus120);
        Path planFile = b.dir().resolve("plan.json");
        Files.write(planFile, JSON.writeValueAsBytes(forFus120));

        LaunchResult r = launcher.launch(b.args("--plan", planFile.toString()));

        assertEquals(ExitCodes.DEVICE_REFUSED, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("was made for FUS 1.2.0 (device: 0.5.3)"), all(r));
        assertEquals(0, b.writes());
        assertEquals(DeviceState.factory("1M"), b.device());
    }

    @Test
    void anEditedPlanIsRefused(QuarkusMainLauncher launcher) throws Exception {
        upstream();
        Plan story = plan("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", null, "swd");
        Bench b = bench(DeviceState.factory("1M"), story);
        Path planFile = b.dir().resolve("plan.json");
        Files.writeString(planFile, JSON.writeValueAsString(story).replace("0x080D0000", "0x080C0000"));

        LaunchResult r = launcher.launch(b.args("--plan", planFile.toString()));

        assertEquals(ExitCodes.USAGE, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("it was edited or damaged"), all(r));
        assertEquals(List.of(), b.calls(), "the device was not even read");
    }

    @Test
    void aPlanFromAFileRunsWhenItFitsTheDevice(QuarkusMainLauncher launcher) throws Exception {
        upstream();
        Plan story = plan("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", "v1.23.0", "swd");
        Bench b = bench(DeviceState.factory("1M"), story);
        Path planFile = b.dir().resolve("plan.json");
        Files.write(planFile, JSON.writeValueAsBytes(story));

        LaunchResult r = launcher.launch(b.args("--plan", planFile.toString()));

        assertEquals(0, r.exitCode(), all(r));
        assertTrue(r.getOutput().contains("plan " + story.id()), all(r));
    }

    @Test
    void aStackDeleteWithoutConfirmationWritesNothing(QuarkusMainLauncher launcher) throws Exception {
        upstream();
        DeviceState device = NamedStates.parse("flash=512K,fus=1.2.0,stack=BLE_Stack_full@1.12.0@0x08056000");
        Plan story = plan("STM32WB55CE", "1.2.0", "BLE_Stack_full 1.12.0", "BLE_Stack_full", "v1.13.1", "usb");
        Bench b = bench(device, story);

        LaunchResult r = launcher.launch(b.args("--chip", "STM32WB55CE", "--target", "BLE_Stack_full", "--release",
                "v1.13.1", "--interface", "usb"));

        assertEquals(ExitCodes.NOT_CONFIRMED, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("pass --yes"), all(r));
        // without a terminal nobody can answer: the fix leads with --yes (issue 14)
        assertTrue(r.getErrorOutput().contains("fix: pass --yes to confirm"), all(r));
        assertEquals(0, b.writes());
        assertEquals(device.stack(), b.device().stack());
    }

    @Test
    void aWriteErrorStopsWithCauseAndFixThenResumeFinishes(QuarkusMainLauncher launcher) throws Exception {
        upstream();
        Plan story = plan("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", null, "swd");
        Bench b = bench(DeviceState.factory("1M"), story);
        // calls: 1 pre-flight; step 1 = 2, read-back 3; step 2 = 4; step 3 (FUS 0.5.3 -> 1.2.0) = 5, read-back 6;
        // step 4 (FUS 1.2.0 -> 2.x) = 7, ...; step 5 (stack install) = 9
        b.state().write(b.state().read().withFault(9, dev.fuspath.simulator.Faults.Kind.WRITE_ERROR));

        LaunchResult r = launcher.launch(b.args("--target", "BLE_Stack_full"));

        assertEquals(ExitCodes.STEP_FAILED, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("FUS could not write or erase the flash"), all(r));
        assertTrue(r.getErrorOutput().contains("SWD with external power"), all(r));

        LaunchResult again = launcher.launch(b.args("--resume"));
        assertEquals(0, again.exitCode(), all(again));
        assertTrue(again.getOutput().contains("resuming run"), all(again));
        assertFalse(again.getOutput().contains("fus-upgrade"), "no FUS upgrade repeated: " + all(again));
        assertEquals("BLE_Stack_full", b.device().stack().name());

        LaunchResult nothing = launcher.launch(b.args("--resume"));
        assertEquals(ExitCodes.NOTHING_TO_RESUME, nothing.exitCode(), all(nothing));

        LaunchResult h = launcher.launch("history", "--journal", b.journal().toString(), "--json");
        JsonNode runs = JSON.readTree(h.getOutput());
        assertEquals(2, runs.size());
        assertEquals("stopped", runs.get(0).get("outcome").asText());
        assertEquals(runs.get(0).get("run").asText(), runs.get(1).get("resumes").asText());
        assertEquals("completed", runs.get(1).get("outcome").asText());
    }

    @Test
    void badCommandLinesAreRefusedWithTheFix(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("flash-bad");
        String journal = dir.resolve("j.jsonl").toString();
        for (String command : List.of("flash", "history", "plan", "inspect", "diagnose", "sync", "serve")) {
            LaunchResult help = launcher.launch(command, "--help");
            assertEquals(0, help.exitCode(), command + ": " + all(help));
            assertTrue(help.getOutput().contains("Usage: fuspath " + command), all(help));
        }
        assertTrue(launcher.launch("flash", "--help").getOutput().contains("13 nothing to resume"));

        LaunchResult none = launcher.launch("flash", "--journal", journal);
        assertEquals(ExitCodes.USAGE, none.exitCode());
        assertTrue(none.getErrorOutput().contains("give one of --target"), all(none));

        LaunchResult iface = launcher.launch("flash", "--target", "BLE_Stack_full", "--interface", "jtag",
                "--journal", journal);
        assertEquals(ExitCodes.USAGE, iface.exitCode());

        LaunchResult missing = launcher.launch("flash", "--target", "BLE_Stack_full", "--programmer",
                dir.resolve("nope").toString(), "--journal", journal);
        assertEquals(ExitCodes.USAGE, missing.exitCode());
        assertTrue(missing.getErrorOutput().contains("install STM32CubeProgrammer"), all(missing));

        LaunchResult sim = launcher.launch("flash", "--target", "BLE_Stack_full", "--backend", "simulator",
                "--journal", journal);
        assertEquals(ExitCodes.USAGE, sim.exitCode());

        LaunchResult state = launcher.launch("flash", "--target", "BLE_Stack_full", "--backend", "simulator",
                "--simulator-state", dir.resolve("s.json").toString(), "--simulate", "factory-2M", "--journal", journal);
        assertEquals(ExitCodes.USAGE, state.exitCode());
        assertTrue(state.getErrorOutput().contains("unknown flash size") || state.getErrorOutput().contains("factory-1M"),
                all(state));

        Files.writeString(dir.resolve("garbage.json"), "{\"id\": 12, ");
        LaunchResult plan = launcher.launch("flash", "--plan", dir.resolve("garbage.json").toString(), "--backend",
                "simulator", "--simulator-state", dir.resolve("s2.json").toString(), "--simulate", "factory-1M",
                "--journal", journal);
        assertEquals(ExitCodes.USAGE, plan.exitCode());
        assertTrue(plan.getErrorOutput().contains("is not a fuspath plan"), all(plan));
        assertFalse(all(plan).contains("Exception"), all(plan));

        Files.write(dir.resolve("bad-journal.jsonl"), new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1});
        LaunchResult history = launcher.launch("history", "--journal", dir.resolve("bad-journal.jsonl").toString());
        assertTrue(history.exitCode() == 0 || history.exitCode() == ExitCodes.IO_ERROR, all(history));
        assertFalse(all(history).contains("Exception"), all(history));
    }
}
