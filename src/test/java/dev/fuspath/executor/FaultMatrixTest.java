package dev.fuspath.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.planner.Plan;
import dev.fuspath.simulator.DeviceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every step of both stories x {disconnect, hang, write error, power loss, kill of fuspath}: the run ends in success,
 * at once or after --resume, or in a clear stop; the journal is consistent, and no FUS version is installed twice.
 */
class FaultMatrixTest {

    record Story(String name, String chip, String flash, String fus, String stack, String target, String release,
                 String iface) {
        DeviceState initial() {
            DeviceState f = DeviceState.factory(flash);
            DeviceState.Builder b = f.toBuilder().fus(FirmwareVersion.parse(fus));
            if (stack != null) {
                String[] p = stack.split(" ");
                long address = Long.decode(p[2]);
                b.stack(new DeviceState.InstalledStack(p[0], FirmwareVersion.parse(p[1]), address, 0, false));
            }
            return b.build();
        }

        String stackText() {
            return stack == null ? null : stack.split(" ")[0] + " " + stack.split(" ")[1];
        }
    }

    static final Story FACTORY = new Story("factory 0.5.3 to newest full BLE", "STM32WB55RG", "1M", "0.5.3", null,
            "BLE_Stack_full", null, "swd");
    static final Story USB = new Story("1.2.0 to v1.13.1 full BLE over USB", "STM32WB55CE", "512K", "1.2.0",
            "BLE_Stack_full 1.12.0 0x08056000", "BLE_Stack_full", "v1.13.1", "usb");

    static Stream<Arguments> cases() throws Exception {
        List<Arguments> list = new ArrayList<>();
        for (Story story : List.of(FACTORY, USB)) {
            Plan plan = FlashFixture.plan(story.chip(), story.fus(), story.stackText(), story.target(),
                    story.release(), story.iface());
            for (int step = 1; step <= plan.steps().size(); step++) {
                for (FaultyDevice.Fault f : FaultyDevice.Fault.values()) {
                    list.add(Arguments.of(story, step, plan.steps().get(step - 1).action().wire(), f));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}: step {1} ({2}) x {3}")
    @MethodSource("cases")
    void endsInSuccessOrAClearStop(Story story, int step, String action, FaultyDevice.Fault fault) throws Exception {
        FlashFixture.upstream();
        Path dir = Files.createTempDirectory("fault-matrix");
        Path journalPath = dir.resolve("journal.jsonl");
        FaultyDevice device = new FaultyDevice(story.initial(), fault, step);
        FlashRequest request = FlashFixture.request(story.chip(), story.target(), story.release(), story.iface());
        Flasher.Result result = null;
        boolean killed = false;
        try (Journal journal = Journal.open(journalPath)) {
            try {
                result = flasher(device, journal, dir).flash(request, new OfflinePlans(FlashFixture.PLANNER), null);
            } catch (FaultyDevice.Killed k) {
                killed = true;
            }
        }
        assertTrue(device.fired(), "the fault was injected");
        int resumes = 0;
        while (killed || !result.ok()) {
            if (!killed) {
                assertStopIsClear(result);
            }
            assertTrue(++resumes <= 3, "resumes end: " + (result == null ? "killed" : result.message()));
            killed = false;
            try (Journal journal = Journal.open(journalPath)) {
                result = flasher(device, journal, dir).resume(new OfflinePlans(FlashFixture.PLANNER), s -> null);
            }
        }
        switch (fault) {
            case DISCONNECT -> assertEquals(0, resumes, "a connection that failed before reaching the device is retried");
            case KILL, WRITE_ERROR -> assertTrue(resumes >= 1, "the run stopped and was resumed");
            default -> {
            }
        }
        assertEquals(FirmwareVersion.parse(result.plan().to().fus()), device.state().fus());
        assertTrue(device.state().hasStack());
        assertEquals(FirmwareVersion.parse(result.plan().to().stack().split(" ")[1]).word() >> 8,
                device.state().stack().version().word() >> 8);
        assertTrue(device.state().stackRunning(), "the device is left running its new stack");
        if (story == FACTORY) {
            assertEquals("1", device.state().optionBytes().get("nSWboot0"), "the option bytes step was not lost");
        }
        assertFusNeverRepeated(device.fusHistory());
        assertJournalConsistent(journalPath);
    }

    private static Flasher flasher(FaultyDevice device, Journal journal, Path dir) {
        return Flasher.builder().exitCodes(dev.fuspath.cli.ExitCodes::of).catalog(FlashFixture.CATALOG).backend(device).files(FlashFixture.upstreamFiles())
                .staging(dir.resolve("files")).journal(journal).listener(device::onEvent).yes(true)
                .retries(3, java.time.Duration.ZERO).build();
    }

    private static void assertStopIsClear(Flasher.Result r) {
        assertFalse(r.ok());
        assertNotNull(r.message());
        assertNotNull(r.fix(), "a stop names the fix: " + r.message());
        assertTrue(Set.of(FlashException.Reason.STEP_FAILED, FlashException.Reason.UNKNOWN_EFFECT,
                FlashException.Reason.DEVICE_REFUSED).contains(r.reason()), r.reason() + " " + r.message());
        assertFalse(r.message().contains("Exception"), r.message());
    }

    private static void assertFusNeverRepeated(List<FirmwareVersion> history) {
        Set<FirmwareVersion> seen = new HashSet<>();
        for (int i = 1; i < history.size(); i++) {
            assertTrue(history.get(i).compareTo(history.get(i - 1)) > 0, "FUS only goes up: " + history);
            assertTrue(seen.add(history.get(i)), "FUS " + history.get(i) + " installed twice: " + history);
        }
    }

    /** Each run starts once; every step-start is followed by its step-end, except the last of a killed run. */
    static void assertJournalConsistent(Path journalPath) throws Exception {
        Journal.Contents contents = Journal.read(journalPath);
        assertEquals(0, contents.unreadableLines());
        List<Runs.Run> runs = Runs.of(contents.events());
        for (int i = 0; i < runs.size(); i++) {
            Runs.Run run = runs.get(i);
            assertEquals(FlashEvent.Type.RUN_START, run.events().get(0).type());
            if (i > 0) {
                assertEquals(runs.get(i - 1).id(), run.resumes(), "each resume names the run it continues");
            }
            Integer open = null;
            for (FlashEvent e : run.events()) {
                if (e.type() == FlashEvent.Type.STEP_START) {
                    if (open != null) {
                        fail("step " + open + " of " + run.id() + " never ended");
                    }
                    open = e.step();
                } else if (e.type() == FlashEvent.Type.STEP_END) {
                    assertEquals(open, e.step());
                    open = null;
                }
            }
            boolean last = i == runs.size() - 1;
            if (run.outcome() == RunOutcome.INTERRUPTED) {
                assertFalse(last, "the last run ended");
            } else {
                assertEquals(null, open, "a run that ended has no step open");
            }
        }
        assertTrue(runs.get(runs.size() - 1).finished());
    }
}
