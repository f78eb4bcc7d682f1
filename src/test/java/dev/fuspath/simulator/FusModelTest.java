package dev.fuspath.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.image.TestImages;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The FUS model alone: state and commands in, state and events out; no text. */
class FusModelTest {

    static final long TOP = 0x080F4000L;
    static final byte[] STACK = TestImages.stack().version(0x01130000L).payloadSize(100000).build();
    static final long AT = TOP - FusModel.roundUp(STACK.length, 4096);
    static final Map<String, byte[]> FILES = Map.of("s.bin", STACK);

    static DeviceState fus22() {
        return DeviceState.factory("1M").toBuilder().fus(FirmwareVersion.of(2, 2, 0)).build();
    }

    static FusModel.Outcome run(DeviceState s, FusModel.Injection fault, String... args) {
        return FusModel.run(s, FusModel.Arguments.of(List.of(args)), FILES, fault, 2);
    }

    static List<Class<?>> kinds(FusModel.Outcome o) {
        return o.events().stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void aStackInstallLeavesTheStackRunning() {
        DeviceState before = fus22();
        FusModel.Outcome o = run(before, null, "-c", "port=swd", "-fwupgrade", "s.bin", String.format("0x%08X", AT));
        assertEquals(FusModel.End.DONE, o.end());
        assertTrue(o.state().stackRunning(), "the real tool ends an install with FUS not running");
        assertFalse(o.state().fusRunning());
        assertEquals(AT, o.state().sfsaAddress());
        assertEquals(List.of(FusEvent.Connected.class, FusEvent.FusIdle.class, FusEvent.OldStackDeleted.class,
                FusEvent.DownloadStarted.class, FusEvent.DownloadDone.class, FusEvent.UpgradeOngoing.class,
                FusEvent.UpgradeDone.class), kinds(o));
        assertFalse(before.hasStack(), "the input state is not touched");
        assertEquals(o, run(before, null, "-c", "port=swd", "-fwupgrade", "s.bin", String.format("0x%08X", AT)),
                "same input, same outcome");
    }

    @Test
    void overUsbTheToolStartsFusOverSwdItRefuses() {
        DeviceState running = fus22().toBuilder().stack(new DeviceState.InstalledStack("BLE_Stack_full",
                FirmwareVersion.of(1, 19, 0), AT, STACK.length, false)).stackRunning(true).build();
        FusModel.Outcome usb = run(running, null, "-c", "port=usb1", "-fwdelete");
        assertEquals(FusModel.End.DONE, usb.end());
        assertEquals(FusEvent.FusStartedByTool.class, usb.events().get(1).getClass());
        assertEquals(new FusEvent.StackDeleted(true), usb.events().get(usb.events().size() - 1));
        assertFalse(usb.state().hasStack());
        FusModel.Outcome swd = run(running, null, "-c", "port=swd", "-fwdelete");
        assertEquals(FusModel.End.FAILED, swd.end());
        assertEquals(new FusEvent.FusNotRunning(), swd.events().get(1));
        assertSame(running, swd.state(), "nothing changed");
    }

    @Test
    void aHungCallChangesNothingItSays() {
        DeviceState before = fus22();
        FusModel.Outcome o = run(before, new FusModel.Injection(Faults.Kind.HANG, 1, new Random(1)),
                "-c", "port=swd", "-fwupgrade", "s.bin", String.format("0x%08X", AT));
        assertEquals(FusModel.End.HUNG, o.end());
        assertSame(before, o.state());
        assertEquals(FusEvent.DownloadDone.class, o.events().get(o.events().size() - 1).getClass(),
                "it hangs once FUS was asked to install");
    }

    @Test
    void readsFollowTheLayoutOfWhatCpu2Runs() {
        FusModel.Outcome o = run(DeviceState.factory("1M"), null, "-c", "port=usb1", "-r32", "0x20030030", "1");
        assertEquals(new FusEvent.Read(0x20030030L, List.of(0x00050300L)), o.events().get(1));
        FusModel.Outcome table = run(DeviceState.factory("1M"), null, "-c", "port=swd", "-r32", "0x20030024", "50");
        assertEquals(13, ((FusEvent.Read) table.events().get(1)).words().size(), "50 bytes are 13 words");
        FusModel.Outcome hex = run(DeviceState.factory("1M"), null, "-c", "port=swd", "-r32", "0x20030024", "0x1C");
        assertEquals(7, ((FusEvent.Read) hex.events().get(1)).words().size(), "0x1C bytes are 7 words");
    }

    /**
     * The simulator and ProgrammerCommand read -r32's size alike, as the real tool does (bytes, whole words:
     * st-177360's "-r32 0x20030024 50" prints "Size : 52 Bytes"), and what it prints parses back to that many words.
     */
    @Test
    void theR32SizeMeansBytesForTheSimulatorAsForProgrammerCommand() {
        for (int bytes = 1; bytes <= 64; bytes++) {
            List<String> args = List.of("-c", "port=usb1", "-r32", "0x20030024", String.valueOf(bytes));
            dev.fuspath.programmer.ProgrammerCommand.Read32 r = (dev.fuspath.programmer.ProgrammerCommand.Read32)
                    dev.fuspath.programmer.ProgrammerCommand.parse(args).get(1);
            SimulatedDevice.Result out = new SimulatedDevice(fus22()).run(args, Map.of());
            assertTrue(out.ok(), out.output());
            assertTrue(out.output().contains("  Size          : " + 4 * r.words() + " Bytes\n"), out.output());
            dev.fuspath.programmer.ProgrammerSession s = dev.fuspath.programmer.ProgrammerOutputParser.parse(out.output());
            assertEquals(r.words(), s.reads().stream().mapToInt(m -> m.words().size()).sum(), out.output());
        }
    }

    @Test
    void badArgumentsAndMissingFilesFailWithoutChange() {
        DeviceState before = fus22();
        FusModel.Outcome bad = run(before, null, "-c", "port=swd", "-x");
        assertEquals(1, bad.events().size(), bad.events().toString());
        assertTrue(((FusEvent.BadArguments) bad.events().get(0)).message().startsWith("argument 3 (-x): not a"
                + " STM32_Programmer_CLI command fuspath knows"), bad.events().toString());
        assertSame(before, bad.state());
        FusModel.Outcome o = run(before, null, "-c", "port=swd", "-fwupgrade", "none.bin", "0x080DB000");
        assertEquals(new FusEvent.FileMissing("none.bin"), o.events().get(1));
        assertSame(before, o.state());
    }
}
