package dev.fuspath.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.image.TestImages;
import dev.fuspath.programmer.Operation;
import dev.fuspath.programmer.ProgrammerOutputParser;
import dev.fuspath.programmer.ProgrammerSession;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultsTest {

    static final long TOP = 0x080F4000L;
    static final byte[] STACK = TestImages.stack().version(0x01130000L).payloadSize(100000).build();
    static final byte[] FUS22 = TestImages.fus().version(0x02020000L).build();
    static final Map<String, byte[]> FILES = Map.of("stack.bin", STACK, "fus.bin", FUS22);

    static DeviceState fus12() {
        return DeviceState.factory("1M").toBuilder().fus(FirmwareVersion.of(1, 2, 0)).build();
    }

    static List<String> install(String file, byte[] image) {
        long a = TOP - SimulatedDevice.roundUp(image.length, 4096);
        return List.of("-c", "port=swd", "mode=UR", "-fwupgrade", file, String.format("0x%08X", a), "firstinstall=0");
    }

    @Test
    void writeErrorOnNextFwUpgrade() {
        SimulatedDevice d = new SimulatedDevice(fus12(), Faults.seed(1).onNextFwUpgrade(Faults.Kind.WRITE_ERROR));
        SimulatedDevice.Result r0 = d.run(List.of("-c", "port=swd", "-startfus"), FILES);
        assertTrue(r0.ok());
        SimulatedDevice.Result r = d.run(install("stack.bin", STACK), FILES);
        assertEquals(1, r.exitCode());
        ProgrammerSession s = ProgrammerOutputParser.parse(r.output());
        assertTrue(s.hasErrorCode("FUS_IMAGE_WRTERROR"), r.output());
        assertTrue(s.operations(Operation.Kind.FWUPGRADE).get(0).failed());
        assertFalse(d.state().hasStack());
        assertEquals(TOP, d.state().sfsaAddress());
        // fires once: the retry works
        assertTrue(d.run(install("stack.bin", STACK), FILES).ok());
        assertTrue(d.state().hasStack());
    }

    @Test
    void disconnectOnNthCallChangesNothing() {
        SimulatedDevice d = new SimulatedDevice(fus12(), Faults.seed(1).onCall(2, Faults.Kind.DISCONNECT));
        assertTrue(d.run(List.of("-c", "port=swd", "-startfus"), FILES).ok());
        DeviceState before = d.state();
        SimulatedDevice.Result r = d.run(install("fus.bin", FUS22), FILES);
        assertEquals(1, r.exitCode());
        assertTrue(r.output().contains("Error: No STM32 target found!"));
        ProgrammerSession s = ProgrammerOutputParser.parse(r.output());
        assertTrue(s.hasErrorCode("NO_TARGET"));
        assertTrue(s.operations(Operation.Kind.CONNECT).get(0).failed());
        assertEquals(before, d.state());
        assertEquals(before, r.state());
    }

    @Test
    void hangIsAFlagNotASleep() {
        Faults f = Faults.seed(1).onCall(1, Faults.Kind.HANG).hangFor(Duration.ofMinutes(3));
        SimulatedDevice d = new SimulatedDevice(fus12(), f);
        DeviceState before = d.state();
        long t0 = System.nanoTime();
        SimulatedDevice.Result r = d.run(install("fus.bin", FUS22), FILES);
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
        assertTrue(r.hung());
        assertFalse(r.ok());
        assertEquals(Duration.ofMinutes(3), r.hangFor());
        assertEquals(before, d.state());
        ProgrammerSession s = ProgrammerOutputParser.parse(r.output());
        assertEquals(Operation.Outcome.UNKNOWN, s.operations(Operation.Kind.FWUPGRADE).get(0).outcome());
        // hang on a command without -fwupgrade
        SimulatedDevice d2 = new SimulatedDevice(fus12(), Faults.seed(1).onCall(1, Faults.Kind.HANG));
        SimulatedDevice.Result r2 = d2.run(List.of("-c", "port=swd", "-r32", "0x20030030", "1"), FILES);
        assertTrue(r2.hung());
        assertTrue(ProgrammerOutputParser.parse(r2.output()).reads().isEmpty());
    }

    @Test
    void powerLossDuringFusUpgradeLeavesOldOrNewByTheSeed() {
        Set<FirmwareVersion> seen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            FirmwareVersion a = powerLossFus(seed);
            assertEquals(a, powerLossFus(seed), "deterministic");
            assertTrue(a.equals(FirmwareVersion.of(1, 2, 0)) || a.equals(FirmwareVersion.of(2, 2, 0)), a.toString());
            seen.add(a);
        }
        assertEquals(2, seen.size());
    }

    private static FirmwareVersion powerLossFus(long seed) {
        SimulatedDevice d = new SimulatedDevice(fus12(), Faults.seed(seed).onNextFwUpgrade(Faults.Kind.POWER_LOSS));
        SimulatedDevice.Result r = d.run(install("fus.bin", FUS22), FILES);
        assertEquals(1, r.exitCode());
        ProgrammerSession s = ProgrammerOutputParser.parse(r.output());
        // the output stops inside the upgrade, as st-ElepU's stops inside a delete: its effect is unknown
        Operation up = s.operations(Operation.Kind.FWUPGRADE).get(0);
        assertEquals(Operation.Outcome.UNKNOWN, up.outcome(), r.output());
        assertTrue(up.notes().stream().anyMatch(n -> n.startsWith(ProgrammerOutputParser.NEVER_ENDED)), r.output());
        assertTrue(r.output().contains("Connection to device 0x495 is lost"), r.output());
        assertTrue(d.state().fusRunning());
        return d.state().fus();
    }

    @Test
    void powerLossDuringStackInstallLeavesNoStack() {
        for (long seed = 0; seed < 10; seed++) {
            DeviceState withStack = fus12().toBuilder().stack(new DeviceState.InstalledStack("BLE_Stack_full",
                    FirmwareVersion.of(1, 12, 0), TOP - SimulatedDevice.roundUp(STACK.length, 4096), STACK.length,
                    false)).build();
            SimulatedDevice d = new SimulatedDevice(withStack, Faults.seed(seed).onCall(1, Faults.Kind.POWER_LOSS));
            SimulatedDevice.Result r = d.run(install("stack.bin", STACK), FILES);
            assertEquals(1, r.exitCode());
            assertNull(d.state().stack());
            assertEquals(TOP, d.state().sfsaAddress());
            assertTrue(d.state().fusRunning());
        }
    }

    @Test
    void powerLossDuringDeleteIsAllOrNothing() {
        Set<Boolean> seen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            long a = TOP - SimulatedDevice.roundUp(STACK.length, 4096);
            DeviceState withStack = fus12().toBuilder().stack(new DeviceState.InstalledStack("BLE_Stack_full",
                    FirmwareVersion.of(1, 12, 0), a, STACK.length, false)).build();
            SimulatedDevice d = new SimulatedDevice(withStack, Faults.seed(seed).onCall(1, Faults.Kind.POWER_LOSS));
            SimulatedDevice.Result r = d.run(List.of("-c", "port=swd", "-fwdelete"), FILES);
            assertEquals(1, r.exitCode());
            DeviceState s = d.state();
            seen.add(s.hasStack());
            assertEquals(s.hasStack() ? a : TOP, s.sfsaAddress());
            assertEquals(s.hasStack(), s.stackRunning(), "after power-up CPU2 boots the stack when there is one");
        }
        assertEquals(2, seen.size());
    }
}
