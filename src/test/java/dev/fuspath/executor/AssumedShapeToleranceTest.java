package dev.fuspath.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.SimulatedDevice;
import dev.fuspath.simulator.SimulatorBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: where an executor check rests on an output shape no public log shows (rules/programmer-output.json:
 * the CLI output of -startfus and -startwirelessstack, the SFSA line of -ob displ), a surprise there is a note,
 * never a refusal. The device read back decides.
 */
class AssumedShapeToleranceTest {

    @TempDir
    Path dir;

    /** The simulator's device, with the output of the assumed commands replaced by text no rule knows. */
    private static Backend deviating(SimulatedDevice device, List<List<String>> deviated) {
        SimulatorBackend simulator = new SimulatorBackend(device);
        return args -> {
            Backend.Invocation real = simulator.run(args);
            if (args.contains("-startfus") || args.contains("-startwirelessstack")) {
                deviated.add(args);
                // a newer tool that words everything differently, exit code 0
                return new Backend.Invocation(real.exitCode(), "Lancement du service...\nOK, termine.\n", real.hung());
            }
            return real;
        };
    }

    @Test
    void surprisingStartFusAndStartStackOutputGiveNotesNotARefusal() throws Exception {
        FlashFixture.upstream();
        SimulatedDevice device = new SimulatedDevice(DeviceState.factory("1M"));
        List<List<String>> deviated = new ArrayList<>();
        List<FlashEvent> events = FlashFixture.events();
        Flasher.Result result;
        try (Journal journal = Journal.open(dir.resolve("journal.jsonl"))) {
            result = FlashFixture.flasher(deviating(device, deviated), journal, dir, events, false)
                    .flash(FlashFixture.request("STM32WB55RG", "BLE_Stack_full", null, "swd"),
                            new OfflinePlans(FlashFixture.PLANNER), null);
        }
        assertTrue(result.ok(), result.message() + " / " + result.fix() + "\n" + events);
        assertTrue(device.state().hasStack());
        assertTrue(deviated.stream().anyMatch(a -> a.contains("-startfus")), "the plan starts FUS over SWD");
        assertTrue(deviated.stream().anyMatch(a -> a.contains("-startwirelessstack")));
        List<FlashEvent> notes = events.stream().filter(e -> e.type() == FlashEvent.Type.NOTE
                && e.message() != null && e.message().contains("its shape is assumed")).toList();
        assertFalse(notes.isEmpty(), events.toString());
        assertTrue(notes.stream().anyMatch(e -> e.message().contains("-startwirelessstack")), notes.toString());
        assertTrue(events.stream().noneMatch(e -> e.type() == FlashEvent.Type.STEP_END && Boolean.FALSE.equals(e.ok())),
                "no step failed: " + events);
    }

    /** The same surprise on a command whose output is public (-fwupgrade) is not excused: the device decides alone. */
    @Test
    void aSurpriseOnAPublicShapeIsNotExcusedByTheTolerance() {
        assertFalse(dev.fuspath.programmer.LineRules.bundled().assumedOutput(
                dev.fuspath.programmer.ProgrammerCommand.kindsOf(List.of("-c", "port=swd", "-fwupgrade", "f.bin",
                        "0x080D0000", "firstinstall=0"))));
        assertTrue(dev.fuspath.programmer.LineRules.bundled().assumedOutput(
                dev.fuspath.programmer.ProgrammerCommand.kindsOf(List.of("-c", "port=swd", "-startfus"))));
    }
}
