package dev.fuspath.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.SimulatedDevice;
import dev.fuspath.simulator.SimulatorBackend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fuspath flash on the in-process simulator: the stories, pre-flight refusals and the journal. */
class FlasherTest {

    @TempDir
    Path dir;

    @Test
    void factoryPartToTheNewestFullBleStack() throws Exception {
        FlashFixture.upstream();
        SimulatedDevice device = new SimulatedDevice(DeviceState.factory("1M"));
        List<FlashEvent> events = FlashFixture.events();
        Flasher.Result result;
        try (Journal journal = Journal.open(dir.resolve("journal.jsonl"))) {
            result = FlashFixture.flasher(new SimulatorBackend(device), journal, dir, events, false)
                    .flash(FlashFixture.request("STM32WB55RG", "BLE_Stack_full", null, "swd"),
                            new OfflinePlans(FlashFixture.PLANNER), null);
        }
        assertTrue(result.ok(), result.message() + " / " + result.fix() + "\n" + events);
        assertEquals(RunOutcome.COMPLETED, result.outcome());
        DeviceState s = device.state();
        assertEquals(FirmwareVersion.of(2, 2, 0), s.fus());
        assertTrue(s.hasStack());
        assertEquals("BLE_Stack_full", s.stack().name());
        assertEquals(FirmwareVersion.of(1, 24, 0), FirmwareVersion.of(s.stack().version().major(),
                s.stack().version().minor(), s.stack().version().sub()));
        List<FlashEvent> journaled = Journal.read(dir.resolve("journal.jsonl")).events();
        assertEquals(events.size(), journaled.size());
        assertEquals(FlashEvent.Type.RUN_END, journaled.get(journaled.size() - 1).type());
    }

    /** Over SWD a connection under reset can read FUS's table blank (community.st.com, FUS version read issue). */
    @Test
    void aBlankReadUnderResetFallsBackToAHotPlugRead() throws Exception {
        FlashFixture.upstream();
        SimulatorBackend simulator = new SimulatorBackend(new SimulatedDevice(DeviceState.factory("1M")));
        List<List<String>> calls = new java.util.ArrayList<>();
        Backend blankUnderReset = args -> {
            calls.add(args);
            Backend.Invocation i = simulator.run(args);
            return args.contains("mode=UR") ? new Backend.Invocation(i.exitCode(),
                    i.output().replaceAll("0x20030030 : [0-9A-F]{8}", "0x20030030 : 00000000"), i.hung()) : i;
        };
        List<FlashEvent> events = FlashFixture.events();
        Flasher.Result result;
        try (Journal journal = Journal.open(dir.resolve("journal.jsonl"))) {
            result = FlashFixture.flasher(blankUnderReset, journal, dir, events, false)
                    .flash(FlashFixture.request("STM32WB55RG", "BLE_Stack_full", null, "swd"),
                            new OfflinePlans(FlashFixture.PLANNER), null);
        }
        assertTrue(result.ok(), result.message() + "\n" + events);
        assertEquals(List.of("-c", "port=swd", "mode=HOTPLUG", "-r32", "0x20030024", "28", "-ob", "displ"),
                calls.get(0), "pre-flight reads in hot-plug mode");
    }
}
