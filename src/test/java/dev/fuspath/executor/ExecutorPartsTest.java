package dev.fuspath.executor;

import dev.fuspath.programmer.InterfaceKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.SimulatedDevice;
import dev.fuspath.simulator.SimulatorBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flasher's parts on their own: call classification, device reading, retries, journal, advice. */
class ExecutorPartsTest {

    @TempDir
    Path dir;

    private static Call call(int exit, String output, boolean hung) {
        return Call.of(List.of("-c", "port=swd"), new Backend.Invocation(exit, output, hung), 1, 0);
    }

    private static final String BANNER = "STM32_Programmer_CLI -c port=swd\n STM32CubeProgrammer v2.17.0\n"
            + "ST-LINK SN  : 066DFF555185754867073037\nDevice ID   : 0x495\nFlash size  : 1 MBytes\n";

    /**
     * The real tool's own output (gh-mbed-os, STM32CubeProgrammer 2.3.0 over USB, without the command line the
     * terminal shows): a stack install ends with FUS_ERROR / FUS_NOT_RUNNING and "Firmware Upgrade Success" (the
     * stack runs now), and a -fwdelete that finds the stack running opens with FUS_ERROR / FUS_NOT_RUNNING; both are
     * done. The FUS upgrade refused as not authentic failed.
     */
    @Test
    void realEndsOfAnInstallAndOfAUsbDeleteAreDone() throws Exception {
        String log = Files.readString(Path.of("src/test/resources/logs/real/gh-mbed-os-stm32wb-readme-usb-v2.3.log"));
        List<String> runs = new ArrayList<>();
        StringBuilder run = null;
        for (String line : log.split("\n")) {
            if (line.startsWith("$ ./STM32_Programmer_CLI")) {
                run = new StringBuilder();
                runs.add(null);
            } else if (line.startsWith("```")) {
                if (run != null && runs.get(runs.size() - 1) == null) {
                    runs.set(runs.size() - 1, run.toString());
                }
            } else if (run != null) {
                run.append(line).append('\n');
            }
        }
        assertEquals(5, runs.size(), "fwdelete, read, FUS upgrade, read, stack install");
        Call delete = call(0, runs.get(0), false);
        assertTrue(delete.invocation().output().contains("FUS status is FUS_NOT_RUNNING"));
        assertEquals(Call.Effect.DONE, delete.effect(), delete.summary());
        Call install = call(0, runs.get(4), false);
        assertTrue(install.invocation().output().contains("FUS state is FUS_ERROR"));
        assertEquals(Call.Effect.DONE, install.effect(), install.summary());
        assertEquals(Call.Effect.FAILED, call(1, runs.get(2), false).effect());
    }

    @Test
    void callsAreClassifiedByWhatTheirOutputSaysOfTheDevice() {
        assertEquals(Call.Effect.NOT_CONNECTED, call(1, "STM32_Programmer_CLI -c port=swd\n STM32CubeProgrammer"
                + " v2.17.0\nError: No STM32 target found!\n", false).effect());
        assertEquals(Call.Effect.UNKNOWN, call(1, BANNER + "Error: Connection to device 0x495 is lost\n", false).effect());
        assertEquals(Call.Effect.UNKNOWN, call(0, BANNER, true).effect(), "hung");
        assertEquals(Call.Effect.UNKNOWN, call(0, "\u0000\u00ffgarbage", false).effect(), "unreadable");
        assertEquals(Call.Effect.FAILED, call(1, BANNER + "FUS status is FUS_IMAGE_WRTERROR\n"
                + "Error: Firmware Upgrade failed: FUS_IMAGE_WRTERROR\n", false).effect());
        assertEquals(Call.Effect.DONE, call(0, BANNER, false).effect());
    }

    @Test
    void theDeviceIsReadFromTheInformationTableAndTheOptionBytes() {
        DeviceState state = DeviceState.factory("512K").toBuilder().fus(FirmwareVersion.of(1, 2, 0))
                .stack(new DeviceState.InstalledStack("BLE_Stack_full", FirmwareVersion.of(1, 13, 0), 0x08053000L,
                        0, false)).build();
        SimulatorBackend backend = new SimulatorBackend(new SimulatedDevice(state));
        DeviceReader.Reading r = new DeviceReader(new Caller(backend, 1, Duration.ZERO), InterfaceKind.SWD).read(false);
        assertTrue(r.ok());
        DeviceFacts f = r.facts();
        assertEquals("0x495", f.deviceId());
        assertEquals("512K", f.flashLabel());
        assertEquals(FirmwareVersion.of(1, 2, 0), f.fus());
        assertEquals(FirmwareVersion.of(1, 13, 0), f.stack());
        assertEquals(0x53, f.sfsaPage());
        assertEquals(0x08053000L, f.sfsaAddress());
    }

    @Test
    void aRunningStacksTableGivesBothVersionsWithoutStartingFus() {
        DeviceState running = DeviceState.factory("1M").toBuilder().fus(FirmwareVersion.of(2, 2, 0))
                .stack(new DeviceState.InstalledStack("BLE_Stack_full", FirmwareVersion.of(1, 24, 0), 0x080D0000L,
                        0, false)).stackRunning(true).build();
        SimulatedDevice device = new SimulatedDevice(running);
        DeviceReader.Reading r = new DeviceReader(new Caller(new SimulatorBackend(device), 1, Duration.ZERO), InterfaceKind.SWD)
                .read(true);
        assertFalse(r.startedFus());
        assertEquals("stack", r.facts().cpu2());
        assertEquals(FirmwareVersion.of(2, 2, 0), r.facts().fus());
        assertEquals(FirmwareVersion.of(1, 24, 0), r.facts().stack());
        assertTrue(device.state().stackRunning(), "reading leaves the stack running");
    }

    @Test
    void aBlankTableIsReadAgainAfterStartingFusOnlyWhenAllowed() {
        DeviceState running = DeviceState.factory("1M").toBuilder()
                .stack(new DeviceState.InstalledStack("BLE_Stack_full", FirmwareVersion.of(1, 24, 0), 0x080D0000L,
                        0, false)).stackRunning(true).build();
        SimulatedDevice device = new SimulatedDevice(running);
        SimulatorBackend simulator = new SimulatorBackend(device);
        // a tool that cannot read the table while the stack runs (older STM32CubeProgrammer over SWD)
        Backend blankWhileStackRuns = args -> {
            Backend.Invocation i = simulator.run(args);
            return device.state().stackRunning() ? new Backend.Invocation(i.exitCode(),
                    i.output().replaceAll("(0x2003[0-9A-F]{4} : )[0-9A-F ]+", "$100000000"), i.hung()) : i;
        };
        DeviceReader reader = new DeviceReader(new Caller(blankWhileStackRuns, 1, Duration.ZERO), InterfaceKind.SWD);
        DeviceReader.Reading dry = reader.read(false);
        assertNull(dry.facts().fus());
        assertTrue(device.state().stackRunning(), "a read that may not start FUS leaves the stack running");
        DeviceReader.Reading full = reader.read(true);
        assertTrue(full.startedFus());
        assertEquals("FUS", full.facts().cpu2());
        assertEquals(FirmwareVersion.of(1, 24, 0), full.facts().stack());
    }

    @Test
    void aConnectionThatNeverReachedTheDeviceIsRetriedAndOthersAreNot() {
        List<Backend.Invocation> answers = new ArrayList<>(List.of(
                new Backend.Invocation(1, "STM32CubeProgrammer v2.17.0\nError: No STM32 target found!\n", false),
                new Backend.Invocation(1, "STM32CubeProgrammer v2.17.0\nError: No debug probe detected.\n", false),
                new Backend.Invocation(0, BANNER, false)));
        List<Long> pauses = new ArrayList<>();
        Caller caller = new Caller(args -> answers.remove(0), 3, Duration.ofMillis(100), pauses::add);
        Call c = caller.call(List.of("-c", "port=swd"));
        assertEquals(Call.Effect.DONE, c.effect());
        assertEquals(3, c.attempts());
        assertEquals(List.of(100L, 200L), pauses, "a growing pause");

        List<Backend.Invocation> hung = new ArrayList<>(List.of(new Backend.Invocation(-1, BANNER, true),
                new Backend.Invocation(0, BANNER, false)));
        Call h = new Caller(args -> hung.remove(0), 3, Duration.ZERO, p -> { }).call(List.of("-c", "port=swd"));
        assertEquals(Call.Effect.UNKNOWN, h.effect(), "a hung call is never retried by the caller");
        assertEquals(1, h.attempts());
    }

    @Test
    void theJournalSkipsACutLineAndAcceptsOneWriterAtATime() throws IOException {
        Path path = dir.resolve("j.jsonl");
        try (Journal j = Journal.open(path)) {
            j.append(FlashEvent.of(FlashEvent.Type.RUN_START, "r1").message("one").at("2026-11-23T06:00:00Z"));
            IOException busy = assertThrows(IOException.class, () -> Journal.open(path));
            assertTrue(busy.getMessage().contains("in use by another fuspath run"), busy.getMessage());
        }
        Files.writeString(path, "{\"type\":\"step-start\",\"run\":\"r1\",\"st", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (Journal j = Journal.open(path)) {
            j.append(FlashEvent.of(FlashEvent.Type.RUN_END, "r1").outcome(RunOutcome.STOPPED).at("2026-11-23T06:00:01Z"));
        }
        Journal.Contents c = Journal.read(path);
        assertEquals(List.of("run-start", "run-end"), c.events().stream().map(e -> e.type().wire()).toList());
        assertEquals(1, c.unreadableLines(), "the line a kill cut short");
        Runs.Run run = Runs.of(c.events()).get(0);
        assertEquals(RunOutcome.STOPPED, run.outcome());
        assertFalse(run.finished());
    }

    @Test
    void adviceNamesCauseAndFixWithTheStepsFacts() {
        FailureAdvice.Advice write = FailureAdvice.bundled().advise(List.of("FUS_IMAGE_WRTERROR"),
                Map.of("file", "stm32wb5x_BLE_Stack_full_fw.bin"));
        assertEquals("write-error", write.id());
        assertTrue(write.cause().contains("stm32wb5x_BLE_Stack_full_fw.bin"), write.cause());
        assertTrue(write.fix().contains("SWD with external power"), write.fix());
        FailureAdvice.Advice notFound = FailureAdvice.bundled().advise(List.of("FUS_IMG_NOT_FOUND"),
                Map.of("address", "0x080D0000", "fus", "1.2.0", "flash", "1M", "release", "v1.24.0"));
        assertTrue(notFound.fix().contains("0x080D0000") && notFound.fix().contains("FUS 1.2.0"), notFound.fix());
        FailureAdvice.Advice other = FailureAdvice.bundled().advise(List.of("SOMETHING_NEW"), Map.of());
        assertEquals("other", other.id());
        assertTrue(other.fix().contains("--resume"));
    }
}
