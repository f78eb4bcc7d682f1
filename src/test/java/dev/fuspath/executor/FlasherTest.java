package dev.fuspath.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.SimulatedDevice;
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
        assertEquals("completed", result.outcome());
        DeviceState s = device.state();
        assertEquals(FirmwareVersion.of(2, 2, 0), s.fus());
        assertTrue(s.hasStack());
        assertEquals("BLE_Stack_full", s.stack().name());
        assertEquals(FirmwareVersion.of(1, 24, 0), FirmwareVersion.of(s.stack().version().major(),
                s.stack().version().minor(), s.stack().version().sub()));
        List<FlashEvent> journaled = Journal.read(dir.resolve("journal.jsonl")).events();
        assertEquals(events.size(), journaled.size());
        assertEquals("run-end", journaled.get(journaled.size() - 1).type());
    }
}
