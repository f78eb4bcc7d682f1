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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedDeviceTest {

    static final String FUS_053 = "stm32wb5x_FUS_fw_for_fus_0_5_3.bin";
    static final String FUS = "stm32wb5x_FUS_fw.bin";
    static final String BLE = "stm32wb5x_BLE_Stack_full_fw.bin";
    static final long FUS_START_1M = 0x080F4000L;

    final Map<String, byte[]> files = new HashMap<>();

    static List<String> cmd(String... args) {
        List<String> l = new ArrayList<>(List.of("-c", "port=swd", "mode=UR"));
        l.addAll(List.of(args));
        return l;
    }

    static long below(long top, byte[] image, boolean v2) {
        return top - SimulatedDevice.roundUp(image.length, 4096) - (v2 ? 16 * 1024 : 0);
    }

    static String hex(long a) {
        return String.format("0x%08X", a);
    }

    static ProgrammerSession parse(SimulatedDevice.Result r) {
        ProgrammerSession s = ProgrammerOutputParser.parse(r.output());
        assertTrue(s.recognized(), r.output());
        assertEquals("0x495", s.deviceId(), r.output());
        return s;
    }

    static Operation only(ProgrammerSession s, Operation.Kind kind) {
        List<Operation> ops = s.operations(kind);
        assertEquals(1, ops.size(), kind + " in " + s);
        return ops.get(0);
    }

    /**
     * Over SWD FUS must run to take -fwupgrade. After a stack install the stack runs, not FUS (as the real tool
     * shows: FUS_ERROR / FUS_NOT_RUNNING, then "Firmware Upgrade Success"), so FUS is started first, as the SWD
     * procedure does.
     */
    SimulatedDevice.Result upgrade(SimulatedDevice d, String file, byte[] image, long address) {
        files.put(file, image);
        startFusIfStackRuns(d);
        return d.run(cmd("-fwupgrade", file, hex(address), "firstinstall=0"), files);
    }

    void startFusIfStackRuns(SimulatedDevice d) {
        if (d.state().stackRunning()) {
            assertTrue(d.run(cmd("-startfus"), files).ok());
            assertTrue(d.state().fusRunning());
        }
    }

    static void assertUpgrade(SimulatedDevice.Result r, boolean ok, String errorCode) {
        ProgrammerSession s = parse(r);
        Operation op = only(s, Operation.Kind.FWUPGRADE);
        assertEquals(ok ? Operation.Outcome.SUCCEEDED : Operation.Outcome.FAILED, op.outcome(), r.output());
        assertEquals(ok ? 0 : 1, r.exitCode());
        assertTrue(only(s, Operation.Kind.CONNECT).succeeded(), r.output());
        if (ok) {
            assertTrue(s.clean(), r.output());
            // a stack install ends with FUS not running (the stack runs now), a FUS upgrade with the new FUS idle
            boolean stack = op.fusStates().stream().anyMatch(o -> o.raw().equals("WIRELESS_STACK_UPGRADE_ONGOING"));
            boolean fus = op.fusStates().stream().anyMatch(o -> o.raw().equals("FUS_UPGRADE_ONGOING"));
            assertTrue(stack != fus, r.output());
            assertEquals(stack ? "FUS_ERROR" : "FUS_IDLE", op.lastFusState().orElseThrow());
            assertEquals(stack ? "FUS_STATE_NOT_RUNNING" : "FUS_NO_ERROR", op.lastFusStatus().orElseThrow());
        } else {
            assertTrue(s.hasErrorCode(errorCode), errorCode + " in " + s.errors() + "\n" + r.output());
            assertEquals(errorCode, op.errors().get(0).code());
        }
    }

    String readFus(SimulatedDevice d) {
        SimulatedDevice.Result r = d.run(cmd("-r32", "0x20030030", "1"), files);
        ProgrammerSession s = parse(r);
        assertTrue(only(s, Operation.Kind.READ).succeeded());
        return s.fusVersion().map(v -> v.text()).orElse("blank");
    }

    @Test
    void wholeStoryOnA1MPart() {
        SimulatedDevice d = new SimulatedDevice(DeviceState.factory("1M"));
        assertEquals(FUS_START_1M, d.state().sfsaAddress());
        assertEquals(0xF4, d.state().sfsaPage());

        SimulatedDevice.Result start = d.run(List.of("-c", "port=swd", "-startfus"), files);
        ProgrammerSession ss = parse(start);
        assertTrue(only(ss, Operation.Kind.STARTFUS).succeeded(), start.output());
        assertEquals("0.5.3", readFus(d));

        byte[] fus120 = TestImages.fus().version(TestImages.UNSET_VERSION).seed(2).build();
        SimulatedDevice.Result r = upgrade(d, FUS_053, fus120, below(FUS_START_1M, fus120, false));
        assertUpgrade(r, true, null);
        Operation op = only(parse(r), Operation.Kind.FWUPGRADE);
        assertEquals(FUS_053, op.file());
        assertEquals(below(FUS_START_1M, fus120, false), op.address());
        assertEquals(FirmwareVersion.of(1, 2, 0), d.state().fus());
        assertTrue(d.state().fusRunning());
        assertEquals("1.2.0", readFus(d));

        byte[] fus220 = TestImages.fus().version(0x02020000L).seed(3).payloadSize(30000).build();
        assertUpgrade(upgrade(d, FUS, fus220, below(FUS_START_1M, fus220, false)), true, null);
        assertEquals("2.2.0", readFus(d));

        byte[] ble = TestImages.fusV2Stack().version(0x01130200L).payloadSize(150000).build();
        long address = below(FUS_START_1M, ble, true);
        assertEquals(0x080CB000L, address);
        r = upgrade(d, BLE, ble, address);
        assertUpgrade(r, true, null);
        DeviceState s = d.state();
        assertEquals("BLE_Stack_full", s.stack().name());
        assertEquals(FirmwareVersion.of(1, 19, 2), s.stack().version());
        assertTrue(s.stack().fusV2Only());
        assertEquals(address, s.sfsaAddress());
        assertEquals(0xCB, s.sfsaPage());

        r = d.run(List.of("-c", "port=swd", "-startwirelessstack"), files);
        assertEquals(0, r.exitCode());
        assertTrue(only(parse(r), Operation.Kind.STARTWIRELESSSTACK).succeeded(), r.output());
        assertTrue(d.state().stackRunning());
        assertFalse(d.state().fusRunning());
        assertEquals("blank", readFus(d), "0x20030030 reads 0 while the stack runs");
    }

    @Test
    void factoryFusTakesOnlyTheImageForIt() {
        byte[] fus120 = TestImages.fus().version(TestImages.UNSET_VERSION).build();
        byte[] fus220 = TestImages.fus().version(0x02020000L).build();
        long a = below(FUS_START_1M, fus120, false);
        SimulatedDevice d = new SimulatedDevice(DeviceState.factory("1M"));
        assertUpgrade(upgrade(d, FUS, fus220, a), false, "FUS_IMG_NOT_AUTHENTIC");
        assertUpgrade(upgrade(d, FUS, fus120, a), false, "FUS_IMG_NOT_AUTHENTIC");
        assertEquals(DeviceState.FACTORY_FUS, d.state().fus());
        // the for_fus_0_5_3 image is refused once FUS is 1.x
        assertUpgrade(upgrade(d, FUS_053, fus120, a), true, null);
        assertUpgrade(upgrade(d, FUS_053, fus120, a), false, "FUS_IMG_NOT_AUTHENTIC");
    }

    @Test
    void unsetVersionImageUpgradesAnOlder1xFus() {
        byte[] fus120 = TestImages.fus().version(TestImages.UNSET_VERSION).build();
        SimulatedDevice d = new SimulatedDevice(DeviceState.factory("512K").toBuilder()
                .fus(FirmwareVersion.of(1, 0, 2)).build());
        long top = d.state().fusStart();
        assertEquals(0x08080000L, top, "the catalog's 512K stack top: the end of the user flash");
        assertUpgrade(upgrade(d, FUS, fus120, below(top, fus120, false)), true, null);
        assertEquals(FirmwareVersion.of(1, 2, 0), d.state().fus());
    }

    @Test
    void fusNeverGoesDown() {
        SimulatedDevice d = new SimulatedDevice(DeviceState.factory("1M").toBuilder()
                .fus(FirmwareVersion.of(2, 2, 0)).build());
        for (long v : new long[] {0x01020000L, 0x02010000L, 0x02020000L, TestImages.UNSET_VERSION}) {
            byte[] img = TestImages.fus().version(v).build();
            assertUpgrade(upgrade(d, FUS, img, below(FUS_START_1M, img, false)), false, "FUS_IMG_NOT_AUTHENTIC");
            assertEquals(FirmwareVersion.of(2, 2, 0), d.state().fus());
        }
        byte[] up = TestImages.fus().version(0x02030000L).build();
        assertUpgrade(upgrade(d, FUS, up, below(FUS_START_1M, up, false)), true, null);
        assertEquals(FirmwareVersion.of(2, 3, 0), d.state().fus());
    }

    @Test
    void fus12RefusesAV2OnlyStackButTakesALegacyOne() {
        SimulatedDevice d = new SimulatedDevice(DeviceState.factory("1M").toBuilder()
                .fus(FirmwareVersion.of(1, 2, 0)).build());
        byte[] v2 = TestImages.fusV2Stack().version(0x01130200L).payloadSize(100000).build();
        assertUpgrade(upgrade(d, BLE, v2, below(FUS_START_1M, v2, true)), false, "FUS_IMG_NOT_AUTHENTIC");
        assertFalse(d.state().hasStack());
        byte[] legacy = TestImages.stack().version(0x01110000L).payloadSize(100000).build();
        assertUpgrade(upgrade(d, BLE, legacy, below(FUS_START_1M, legacy, false)), true, null);
        assertFalse(d.state().stack().fusV2Only());
    }

    @Test
    void wrongAddresses() {
        SimulatedDevice d = new SimulatedDevice(DeviceState.factory("1M").toBuilder()
                .fus(FirmwareVersion.of(2, 2, 0)).build());
        byte[] v2 = TestImages.fusV2Stack().version(0x01130200L).payloadSize(100000).build();
        long right = below(FUS_START_1M, v2, true);
        // too low, beyond the 2-page tolerance
        assertUpgrade(upgrade(d, BLE, v2, right - 3 * 4096), false, "FUS_IMG_NOT_FOUND");
        // v2 image at the legacy address: file fits, the 16 KiB reserve does not
        assertUpgrade(upgrade(d, BLE, v2, right + 0x4000), false, "FUS_NO_ENOUGH_SPACE");
        // overlapping the secure area
        // the tool cannot erase there (gh-cubewb-41: "Operation exceeds memory limits")
        assertUpgrade(upgrade(d, BLE, v2, right + 0x8000), false, "MEMORY_LIMITS");
        assertUpgrade(upgrade(d, BLE, v2, right + 1), false, "MEMORY_LIMITS");
        assertFalse(d.state().hasStack());
        assertEquals(FUS_START_1M, d.state().sfsaAddress());
        assertUpgrade(upgrade(d, BLE, v2, right - 2 * 4096), true, null);
        assertEquals(right - 2 * 4096, d.state().sfsaAddress());
    }

    @Test
    void secondStackWithoutDeleteOverlapsTheFirst() {
        SimulatedDevice d = new SimulatedDevice(DeviceState.factory("1M").toBuilder()
                .fus(FirmwareVersion.of(2, 2, 0)).build());
        byte[] s1 = TestImages.stack().version(0x01110000L).payloadSize(100000).build();
        long a = below(FUS_START_1M, s1, false);
        assertUpgrade(upgrade(d, BLE, s1, a), true, null);
        startFusIfStackRuns(d);
        SimulatedDevice.Result r = d.run(cmd("-fwupgrade", BLE, hex(a), "firstinstall=1"), files);
        assertUpgrade(r, false, "MEMORY_LIMITS");
        assertEquals(a, d.state().stack().address());
        // firstinstall=0 deletes it first, as the CLI does
        assertUpgrade(d.run(cmd("-fwupgrade", BLE, hex(a), "firstinstall=0"), files), true, null);
    }

    @Test
    void deleteMovesSfsaBackUp() {
        SimulatedDevice d = new SimulatedDevice(DeviceState.factory("1M").toBuilder()
                .fus(FirmwareVersion.of(2, 2, 0)).build());
        byte[] s1 = TestImages.fusV2Stack().version(0x01130200L).payloadSize(100000).build();
        assertUpgrade(upgrade(d, BLE, s1, below(FUS_START_1M, s1, true)), true, null);
        assertTrue(d.state().sfsaAddress() < FUS_START_1M);
        startFusIfStackRuns(d);
        SimulatedDevice.Result r = d.run(cmd("-fwdelete"), files);
        assertEquals(0, r.exitCode());
        Operation del = only(parse(r), Operation.Kind.FWDELETE);
        assertTrue(del.succeeded(), r.output());
        assertFalse(d.state().hasStack());
        assertEquals(FUS_START_1M, d.state().sfsaAddress());
        // delete on an empty part: warning, still success
        r = d.run(cmd("-fwdelete"), files);
        ProgrammerSession s = parse(r);
        assertTrue(only(s, Operation.Kind.FWDELETE).succeeded());
        assertTrue(only(s, Operation.Kind.FWDELETE).notes().contains("Flash already empty"));
    }

    @Test
    void antiRollbackRefusesOlderStacks() {
        SimulatedDevice d = new SimulatedDevice(DeviceState.factory("1M").toBuilder()
                .fus(FirmwareVersion.of(2, 2, 0)).build());
        SimulatedDevice.Result r = d.run(cmd("-antirollback"), files);
        assertEquals(1, r.exitCode(), "no stack to protect");
        assertTrue(only(parse(r), Operation.Kind.ANTIROLLBACK).failed());

        byte[] s113 = TestImages.stack().version(0x01130000L).payloadSize(100000).build();
        byte[] s112 = TestImages.stack().version(0x01120000L).payloadSize(100000).build();
        byte[] s114 = TestImages.stack().version(0x01140000L).payloadSize(100000).build();
        long a = below(FUS_START_1M, s113, false);
        assertUpgrade(upgrade(d, BLE, s112, a), true, null);
        assertUpgrade(upgrade(d, BLE, s113, a), true, null);
        startFusIfStackRuns(d);
        r = d.run(cmd("-antirollback"), files);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(only(parse(r), Operation.Kind.ANTIROLLBACK).succeeded(), r.output());
        assertTrue(d.state().antiRollback());

        assertUpgrade(upgrade(d, BLE, s112, a), false, "FUS_FW_ROLLBACK_ERROR");
        assertFalse(d.state().hasStack(), "firstinstall=0 deleted the old stack before the refused install");
        assertUpgrade(upgrade(d, BLE, s113, a), true, null);
        assertUpgrade(upgrade(d, BLE, s114, a), true, null);
    }

    @Test
    void overSwdFusCommandsNeedFusRunning() {
        byte[] s1 = TestImages.stack().version(0x01130000L).payloadSize(100000).build();
        DeviceState running = DeviceState.factory("1M").toBuilder().fus(FirmwareVersion.of(2, 2, 0))
                .stack(new DeviceState.InstalledStack("BLE_Stack_full", FirmwareVersion.of(1, 13, 0),
                        below(FUS_START_1M, s1, false), s1.length, false))
                .stackRunning(true).build();
        SimulatedDevice d = new SimulatedDevice(running);
        SimulatedDevice.Result r = d.run(cmd("-fwdelete"), files);
        assertEquals(1, r.exitCode());
        assertTrue(parse(r).hasErrorCode("FUS_NOT_IDLE"), r.output());
        assertTrue(d.state().hasStack());
        assertUpgradeOver("port=usb1", running);
    }

    private void assertUpgradeOver(String port, DeviceState running) {
        SimulatedDevice d = new SimulatedDevice(running);
        SimulatedDevice.Result r = d.run(List.of("-c", port, "-fwdelete"), files);
        assertEquals(0, r.exitCode(), r.output());
        ProgrammerSession s = ProgrammerOutputParser.parse(r.output());
        assertEquals("0x495", s.deviceId());
        assertTrue(only(s, Operation.Kind.FWDELETE).succeeded());
        assertFalse(d.state().hasStack());
    }

    @Test
    void optionBytesAndPlannerShapedCommand() {
        SimulatedDevice d = new SimulatedDevice(DeviceState.factory("1M").toBuilder()
                .fus(FirmwareVersion.of(2, 2, 0)).build());
        byte[] s1 = TestImages.stack().version(0x01130000L).payloadSize(100000).build();
        files.put(BLE, s1);
        SimulatedDevice.Result r = d.run(cmd("-ob", "nSWboot0=1", "nboot1=1", "nboot0=1", "-fwupgrade", BLE,
                hex(below(FUS_START_1M, s1, false)), "firstinstall=0"), files);
        assertEquals(0, r.exitCode(), r.output());
        ProgrammerSession s = parse(r);
        assertTrue(only(s, Operation.Kind.OPTIONBYTES).succeeded(), r.output());
        assertTrue(only(s, Operation.Kind.FWUPGRADE).succeeded(), r.output());
        assertEquals("1", d.state().optionBytes().get("nSWboot0"));
        assertTrue(d.state().hasStack());
    }

    @Test
    void factoryTopsAreTheCatalogsStackTops() throws Exception {
        var tops = dev.fuspath.catalog.CatalogFiles.readClasspath(getClass().getClassLoader()).index().stackTops();
        for (String flash : List.of("1M", "640K", "512K", "256K")) {
            assertEquals(dev.fuspath.catalog.Hex.parse(tops.get("STM32WB5x").get(flash)),
                    DeviceState.factory(flash).fusStart(), flash);
        }
        assertEquals(dev.fuspath.catalog.Hex.parse(tops.get("STM32WB1x").get("320K")),
                DeviceState.factory("320K").fusStart());
    }

    @Test
    void otherFlashSizes() {
        assertEquals(0x08046000L, DeviceState.factory("320K").fusStart(), "the catalog's STM32WB1x 320K stack top");
        assertEquals(0x080F4000L, DeviceState.factory("1M").fusStart());
        assertEquals(0x080A0000L, DeviceState.factory("640K").fusStart());
        assertEquals(0x08040000L, DeviceState.factory("256K").fusStart());
        assertEquals("0x494", DeviceState.factory("320K").deviceId());
        assertEquals(2048, DeviceState.factory("320K").pageSize());
        SimulatedDevice d = new SimulatedDevice(DeviceState.factory("640K"));
        SimulatedDevice.Result r = d.run(List.of("-c", "port=usb1", "-r32", "0x20030030", "1"), files);
        ProgrammerSession s = ProgrammerOutputParser.parse(r.output());
        assertEquals(640 * 1024, s.flashSize().bytes());
        assertEquals("0.5.3", s.fusVersion().orElseThrow().text());
        assertNull(DeviceState.factory("256K").stack());
    }
}
