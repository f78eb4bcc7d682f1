package dev.fuspath.executor;

import dev.fuspath.planner.StepAction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.planner.PlanStep;
import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.Faults;
import dev.fuspath.simulator.NamedStates;
import dev.fuspath.simulator.SimulatedDevice;
import dev.fuspath.simulator.SimulatorBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * v1.23.0 notes: "the addresses provided in the table are correct on the condition that no Coprocessor Binary marked
 * as “FUS_v2 only” has been installed previously. Otherwise, the addresses of legacy binaries must also be corrected"
 * (by 0x4000). When the plan cannot know, fuspath flash decides from the device, or from --fus-v2-only-before, or
 * asks; with nobody to ask it refuses, and --yes does not choose.
 */
class AddressChoiceTest {

    /** Thread_FTD of v1.24.0 (legacy) on a 1M part: its table address, and 0x4000 below it. */
    private static final String TABLE = "0x0808C000";
    private static final String LOWER = "0x08088000";

    @TempDir
    Path dir;

    private record Run(Flasher.Result result, List<FlashEvent> events, SimulatedDevice device) {
        PlanStep install() {
            return result.plan().steps().stream().filter(s -> s.action() == StepAction.STACK_INSTALL).findFirst()
                    .orElseThrow();
        }
    }

    private Run run(String state, Boolean before, Flasher.Chooser chooser, boolean yes, boolean deleteStack)
            throws Exception {
        FlashFixture.upstream();
        SimulatedDevice device = new SimulatedDevice(NamedStates.parse(state), Faults.none(), 8);
        List<FlashEvent> events = FlashFixture.events();
        Flasher.Result result;
        try (Journal journal = Journal.open(dir.resolve("journal-" + System.nanoTime() + ".jsonl"))) {
            Flasher flasher = Flasher.builder().exitCodes(dev.fuspath.cli.ExitCodes::of).catalog(FlashFixture.CATALOG).backend(new SimulatorBackend(device))
                    .files(FlashFixture.upstreamFiles()).staging(dir.resolve("files")).journal(journal)
                    .listener(events::add).yes(yes).retries(1, Duration.ZERO).fusV2OnlyBefore(before)
                    .chooser(chooser).build();
            result = flasher.flash(new FlashRequest("STM32WB55RG", "Thread_FTD", "v1.24.0", "usb", false, null, null,
                    deleteStack ? Boolean.TRUE : null), new OfflinePlans(FlashFixture.PLANNER), null);
        }
        return new Run(result, events, device);
    }

    private static boolean wrote(Run r) {
        return r.events().stream().anyMatch(e -> e.type() == FlashEvent.Type.STEP_START);
    }

    @Test
    void withNobodyToAskTheRunIsRefusedBeforeWritingEvenWithYes() throws Exception {
        Run r = run("flash=1M,fus=2.2.0", null, q -> Optional.empty(), true, false);
        assertEquals(FlashException.Reason.NOT_CONFIRMED, r.result().reason(), r.result().message());
        assertTrue(r.result().message().contains(TABLE) && r.result().message().contains(LOWER),
                r.result().message());
        assertTrue(r.result().fix().contains("--fus-v2-only-before"), r.result().fix());
        assertFalse(wrote(r), r.events().toString());
    }

    @Test
    void theUsersWordDecidesWhenTheDeviceCannot() throws Exception {
        Run no = run("flash=1M,fus=2.2.0", false, q -> Optional.empty(), false, false);
        assertTrue(no.result().ok(), no.result().message() + no.events());
        assertEquals(TABLE, no.install().address());
        assertEquals(null, no.install().addressIfFusV2OnlyBefore());
        assertEquals(TABLE.toLowerCase(), String.format("0x%08x", no.device().state().sfsaAddress()));

        List<String> asked = new java.util.ArrayList<>();
        Run yes = run("flash=1M,fus=2.2.0", null, q -> {
            asked.add(q);
            return Optional.of(true);
        }, false, false);
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).contains(TABLE) && asked.get(0).contains(LOWER), asked.get(0));
        assertEquals(LOWER, yes.install().address());
        assertEquals(TABLE, yes.install().notesAddress());
        assertTrue(yes.install().command().contains(LOWER), yes.install().command().toString());
        assertTrue(yes.events().stream().anyMatch(e -> e.type() == FlashEvent.Type.NOTE && e.message() != null
                && e.message().contains(LOWER) && e.message().contains("the answer yes")), yes.events().toString());
    }

    @Test
    void theDeviceDecidesFromWhereTheInstalledLegacyStackSits() throws Exception {
        // Thread_FTD 1.23.0's table address on 1M parts is 0x0808B000: there, no FUS_v2-only image came before
        Run atTable = run("flash=1M,fus=2.2.0,stack=Thread_FTD@1.23.0@0x0808B000", null, q -> {
            throw new AssertionError("the device tells: nobody is asked");
        }, true, true);
        assertEquals(TABLE, atTable.install().address(), atTable.events().toString());
        assertTrue(atTable.events().stream().anyMatch(e -> e.message() != null && e.message().contains("by the device")),
                atTable.events().toString());
        // 0x4000 below it: one did, so the new legacy image goes 0x4000 lower as well
        Run lower = run("flash=1M,fus=2.2.0,stack=Thread_FTD@1.23.0@0x08087000", null, q -> {
            throw new AssertionError("the device tells: nobody is asked");
        }, true, true);
        assertEquals(LOWER, lower.install().address(), lower.events().toString());
        assertEquals(TABLE, lower.install().notesAddress());
    }

    /**
     * v1.11.1 SWD: "STM32_Programmer_CLI.exe -c port=swd mode=UR -r32 0x20010010 1". The plan reads there; where a
     * device reads that word blank, the executor reads the information table at 0x20030024 as pre-flight does.
     */
    @Test
    void theV1111SwdReadAt0x20010010IsAcceptedOrFallsBackToTheTable() throws Exception {
        FlashFixture.upstream();
        SimulatedDevice device = new SimulatedDevice(NamedStates.parse("flash=1M,fus=1.2.0"));
        List<FlashEvent> events = FlashFixture.events();
        Flasher.Result result;
        try (Journal journal = Journal.open(dir.resolve("journal-v1111.jsonl"))) {
            result = FlashFixture.flasher(new SimulatorBackend(device), journal, dir, events, false)
                    .flash(FlashFixture.request("STM32WB55RG", "BLE_Stack_full", "v1.11.1", "swd"),
                            new OfflinePlans(FlashFixture.PLANNER), null);
        }
        assertTrue(result.ok(), result.message() + " / " + result.fix() + "\n" + events);
        PlanStep read = result.plan().steps().stream().filter(s -> s.action() == StepAction.READ_FUS_INFO).findFirst()
                .orElseThrow();
        assertTrue(read.command().contains("0x20010010"), read.command().toString());
        assertTrue(device.state().hasStack());
    }

    /**
     * The address choice is journaled (the note event's fusV2OnlyBefore), and --resume uses it again: the run stops
     * on a write error at the install, before anything is installed, so the device still cannot tell; the resumed
     * run asks nobody (the chooser would fail the test), has no --fus-v2-only-before, and installs where the first
     * run's answer (no: the table address, which the simulated part, with no FUS_v2-only history, takes) put it,
     * saying so.
     */
    @Test
    void resumeUsesTheJournaledChoiceRatherThanAskAgain() throws Exception {
        FlashFixture.upstream();
        Path journalPath = dir.resolve("journal.jsonl");
        FlashRequest request = new FlashRequest("STM32WB55RG", "Thread_FTD", "v1.24.0", "usb", false, null, null);
        PlanStep install = FlashFixture.PLANNER.plan(new dev.fuspath.planner.Planner.Request("STM32WB55RG", "2.2.0",
                null, "Thread_FTD", "v1.24.0", "usb", false, false)).steps().stream()
                .filter(s -> s.action() == StepAction.STACK_INSTALL).findFirst().orElseThrow();
        FaultyDevice device = new FaultyDevice(NamedStates.parse("flash=1M,fus=2.2.0"), FaultyDevice.Fault.WRITE_ERROR,
                install.n());
        List<FlashEvent> first = new java.util.ArrayList<>();
        Flasher.Result stopped;
        try (Journal journal = Journal.open(journalPath)) {
            stopped = Flasher.builder().exitCodes(dev.fuspath.cli.ExitCodes::of).catalog(FlashFixture.CATALOG).backend(device).files(FlashFixture.upstreamFiles())
                    .staging(dir.resolve("files")).journal(journal).listener(e -> {
                        device.onEvent(e);
                        first.add(e);
                    }).retries(1, Duration.ZERO).chooser(q -> Optional.of(false)).build()
                    .flash(request, new OfflinePlans(FlashFixture.PLANNER), null);
        }
        assertTrue(device.fired(), "the write error was injected");
        assertFalse(stopped.ok(), stopped.message());
        assertFalse(device.state().hasStack(), "nothing installed: the device still cannot tell");
        assertTrue(first.stream().anyMatch(e -> Boolean.FALSE.equals(e.fusV2OnlyBefore())), "journaled: " + first);
        assertTrue(java.nio.file.Files.readString(journalPath).contains("\"fusV2OnlyBefore\":false"));

        List<FlashEvent> again = new java.util.ArrayList<>();
        Flasher.Result resumed;
        try (Journal journal = Journal.open(journalPath)) {
            resumed = Flasher.builder().exitCodes(dev.fuspath.cli.ExitCodes::of).catalog(FlashFixture.CATALOG).backend(device).files(FlashFixture.upstreamFiles())
                    .staging(dir.resolve("files")).journal(journal).listener(e -> {
                        device.onEvent(e);
                        again.add(e);
                    }).retries(1, Duration.ZERO).chooser(q -> {
                        throw new AssertionError("asked again on resume: " + q);
                    }).build().resume(new OfflinePlans(FlashFixture.PLANNER), s -> null);
        }
        assertTrue(resumed.ok(), resumed.message() + again);
        PlanStep installed = resumed.plan().steps().stream().filter(s -> s.action() == StepAction.STACK_INSTALL)
                .findFirst().orElseThrow();
        assertEquals(TABLE, installed.address());
        assertEquals(TABLE.toLowerCase(), String.format("0x%08x", device.state().sfsaAddress()));
        assertTrue(again.stream().anyMatch(e -> e.type() == FlashEvent.Type.NOTE && e.message() != null
                && e.message().contains("journaled by run " + stopped.run())), again.toString());
    }
}
