package dev.fuspath.diagnose;

import dev.fuspath.planner.StepAction;

import static dev.fuspath.diagnose.DiagnoseFixtures.lineOf;
import static dev.fuspath.diagnose.DiagnoseFixtures.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.diagnose.Diagnosis.Finding;
import dev.fuspath.diagnose.Diagnosis.OperationView;
import dev.fuspath.planner.PlanStep;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Diagnoses of logs shaped like real STM32CubeProgrammer sessions (src/test/resources/logs). */
class DiagnoserTest {

    private static Diagnosis diagnose(String text) {
        return DiagnoseFixtures.diagnoser().diagnose(text, Diagnoser.Hints.NONE);
    }

    private static Diagnosis diagnose(String text, String chip, String fus) {
        return DiagnoseFixtures.diagnoser().diagnose(text, new Diagnoser.Hints(Optional.ofNullable(chip),
                Optional.ofNullable(fus)));
    }

    static Finding finding(Diagnosis d, String code) {
        return d.findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + codes(d)));
    }

    static List<String> codes(Diagnosis d) {
        return d.findings().stream().map(f -> f.severity() + " " + f.code()).toList();
    }

    static List<String> errors(Diagnosis d) {
        return d.findings().stream().filter(f -> f.severity().equals(Diagnosis.ERROR)).map(Finding::code).toList();
    }

    private static List<String> actions(Diagnosis d) {
        return d.correctedPlan().plan().steps().stream().map(s -> s.action() + (s.file() == null ? "" : " " + s.file()))
                .toList();
    }

    @Test
    void successfulChainHasNoErrorAndASessionSummary() {
        String text = log("success-swd-fus-chain-and-stack.log");
        Diagnosis d = diagnose(text);
        assertEquals("cubeprogrammer", d.input().kind());
        assertEquals(List.of(), errors(d));
        assertTrue(d.findings().stream().noneMatch(f -> f.severity().equals(Diagnosis.WARNING)), () -> codes(d).toString());
        assertEquals(Diagnosis.INFO, finding(d, "no-problem-found").severity());
        assertEquals(Diagnosis.INFO, finding(d, "FUS_IMG_NOT_FOUND").severity(), "'Flash already empty' is harmless");
        assertNull(d.correctedPlan(), "nothing to correct");

        Diagnosis.Session s = d.session();
        assertEquals("2.20.0", s.toolVersion());
        assertEquals("SWD", s.interfaceKind());
        assertEquals("0x495", s.deviceId());
        assertEquals("1M", s.flashSize());
        assertEquals(List.of("0.5.3", "2.1.0"), s.fusVersions().stream().map(Diagnosis.VersionSeen::version).toList());
        assertEquals("0x20010010", s.fusVersions().get(0).address().toLowerCase());
        assertEquals(List.of("1.23.0"), s.stackVersions().stream().map(Diagnosis.VersionSeen::version).toList());
        List<OperationView> upgrades = s.operations().stream().filter(o -> o.kind().equals("fwupgrade")).toList();
        assertEquals(3, upgrades.size());
        OperationView stack = upgrades.get(2);
        assertEquals("stm32wb5x_BLE_Stack_full_fw.bin", stack.file());
        assertEquals(130488L, stack.size(), "127.43 KB");
        assertEquals("0x080D0000", stack.address());
        assertEquals("0x080D0000", stack.erase().from());
        assertEquals("0x080EFFFF", stack.erase().to());
        assertEquals(lineOf(text, "sectors [208 239]"), stack.erase().line());
        assertEquals("FUS_IDLE", stack.fusState());
        assertEquals("FUS_NO_ERROR", stack.fusStatus());
        assertEquals("succeeded", stack.outcome());
        assertEquals(lineOf(text, "-fwupgrade stm32wb5x_BLE_Stack_full_fw.bin"), stack.firstLine());
    }

    @Test
    void wrongAddressForTheFilesReleaseAndFlash() {
        String text = log("wrong-address-gui.log");
        Diagnosis d = diagnose(text, "STM32WB55RGV6", "1.2.0");
        Finding f = finding(d, "wrong-address");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertTrue(f.message().contains("0x080CE000") && f.message().contains("0x080D0000")
                && f.message().contains("v1.23.0"), f.message());
        assertTrue(f.remedy().contains("0x080D0000"), f.remedy());
        assertTrue(f.evidence().contains(lineOf(text, "Erasing internal memory sectors [206 237]")), f.evidence().toString());
        assertTrue(f.evidence().contains(lineOf(text, "Error: FUS_STATE_IMG_NOT_FOUND")));
        assertEquals(Diagnosis.ERROR, finding(d, "FUS_IMG_NOT_FOUND").severity());
        // 127.43 KB is the v1.23.0 file, whose FUS_v2-only image FUS 1.2.0 cannot take either
        assertEquals(Diagnosis.ERROR, finding(d, "fus-v2-only-on-fus1").severity());
        assertEquals(List.of("read-fus-info", "fus-upgrade stm32wb5x_FUS_fw.bin",
                "stack-install stm32wb5x_BLE_Stack_full_fw.bin", "start-stack", "set-option-bytes"), actions(d).subList(1, 6));
        assertEquals("0x080D0000", d.correctedPlan().plan().steps().stream()
                .filter(s -> s.action() == StepAction.STACK_INSTALL).findFirst().orElseThrow().address());
        assertTrue(d.correctedPlan().assumption().contains("STM32WB55RG (your chip)"), d.correctedPlan().assumption());
        assertEquals("v1.23.0", d.correctedPlan().plan().release());
        assertEquals("swd", d.correctedPlan().plan().iface());

        // a CLI log prints the flash size itself; on 512K 0x080CE000 is past the flash, and v1.23.0 says 0x0805C000
        String cli = text.replace("16:37:28:135 : Revision ID : Rev X", "16:37:28:135 : Flash size : 512 KBytes");
        Finding g = finding(diagnose(cli), "address-outside-flash");
        assertTrue(g.message().contains("0x0805C000") && g.message().contains("512K"), g.message());
        Finding h = finding(diagnose(cli.replace("0x80CE000", "0x805A000").replace("0x080CE000", "0x0805A000")),
                "wrong-address");
        assertTrue(h.message().contains("0x0805A000") && h.message().contains("0x0805C000"), h.message());
    }

    @Test
    void addressAboveTheStackTopSaysSo() {
        String text = log("wrong-address-gui.log").replace("0x80CE000", "0x80DA000").replace("0x080CE000", "0x080DA000");
        Finding f = finding(diagnose(text, "STM32WB55RG", null), "wrong-address");
        assertTrue(f.message().contains("0x080F4000"), "1M stack top: " + f.message());
    }

    @Test
    void addressOutsideTheFlash() {
        String text = log("wrong-address-gui.log").replace("0x80CE000", "0x8C00000").replace("0x080CE000", "0x08C00000");
        Finding f = finding(diagnose(text, "STM32WB55RG", null), "address-outside-flash");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertTrue(f.message().contains("0x08C00000") && f.message().contains("0x080FFFFF"), f.message());
    }

    @Test
    void fusV2OnlyStackOnFus1GetsTheFusChainFirst() {
        String text = log("fus-v2-only-on-fus1-usb.log");
        Diagnosis d = diagnose(text);
        Finding f = finding(d, "fus-v2-only-on-fus1");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertTrue(f.message().contains("FUS 1.2.0"), f.message());
        assertTrue(f.evidence().contains(lineOf(text, "0x20030030 : 01020000")), "the FUS read is evidence");
        assertTrue(f.evidence().contains(lineOf(text, "Error: Firmware not authentic!")));
        assertEquals(Diagnosis.ERROR, finding(d, "FUS_IMG_NOT_AUTHENTIC").severity());
        assertEquals(Diagnosis.INFO, finding(d, "FUS_SERVICE_ONGOING").severity());
        assertEquals(Diagnosis.INFO, finding(d, "FUS_IMG_NOT_FOUND").severity(), "cleared by FUS_NO_ERROR");
        assertFalse(errors(d).contains("wrong-address"), "0x080D0000 is right: " + codes(d));

        Diagnosis.CorrectedPlan plan = d.correctedPlan();
        assertNotNull(plan.plan(), plan.unavailable());
        assertEquals("usb", plan.plan().iface());
        assertEquals("v1.23.0", plan.plan().release(), "the release its path names");
        assertEquals("1.2.0", plan.plan().from().fus());
        assertEquals("2.1.0", plan.plan().to().fus());
        assertEquals(List.of("read-fus-info", "fus-upgrade stm32wb5x_FUS_fw.bin",
                "stack-install stm32wb5x_BLE_Stack_full_fw.bin", "start-stack"), actions(d));
        assertTrue(plan.assumption().contains("device ID 0x495") && plan.assumption().contains("1M"),
                plan.assumption());
    }

    @Test
    void fusStraightFrom053ToFus2IsOutOfOrder() {
        String text = log("fus-out-of-order-usb.log");
        Diagnosis d = diagnose(text);
        Finding f = finding(d, "fus-upgrade-out-of-order");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertTrue(f.message().contains("0.5.3") && f.message().contains("stm32wb5x_FUS_fw_for_fus_0_5_3.bin"),
                f.message());
        assertTrue(f.evidence().contains(lineOf(text, "Current FUS Version : 0x00050300")));
        assertTrue(f.remedy().indexOf("stm32wb5x_FUS_fw_for_fus_0_5_3.bin")
                < f.remedy().indexOf("then stm32wb5x_FUS_fw.bin"), f.remedy());
        assertEquals(List.of("read-fus-info", "fus-upgrade stm32wb5x_FUS_fw_for_fus_0_5_3.bin",
                "fus-upgrade stm32wb5x_FUS_fw.bin"), actions(d));
        assertEquals("v1.23.0", d.correctedPlan().plan().release());
        assertEquals("2.1.0", d.correctedPlan().plan().to().fus());
    }

    @Test
    void theFileForFus053IsTheRightFirstHop() {
        String text = log("fus-out-of-order-usb.log")
                .replace("stm32wb5x_FUS_fw.bin 0x080EE000", "stm32wb5x_FUS_fw_for_fus_0_5_3.bin 0x080EC000")
                .replace("File          : stm32wb5x_FUS_fw.bin", "File          : stm32wb5x_FUS_fw_for_fus_0_5_3.bin")
                .replace("24468 Bytes", "24492 Bytes").replace("0x080EE000", "0x080EC000");
        Diagnosis d = diagnose(text);
        assertFalse(codes(d).toString().contains("out-of-order"), codes(d).toString());
        assertFalse(errors(d).contains("wrong-address"), codes(d).toString());
    }

    @Test
    void olderReleasesFusFwIsOutOfOrderToo() {
        // v1.22.0's stm32wb5x_FUS_fw.bin is FUS 1.2.0, but FUS 0.5.3 still needs the _for_fus_0_5_3 image first
        String text = log("fus-out-of-order-usb.log").replace("V1.23.0", "V1.22.0")
                .replace("24468 Bytes", "24492 Bytes").replace("0x080EE000", "0x080EC000");
        Diagnosis d = diagnose(text);
        Finding f = finding(d, "fus-upgrade-out-of-order");
        assertTrue(f.message().contains("v1.22.0"), f.message());
        assertEquals(List.of("read-fus-info", "fus-upgrade stm32wb5x_FUS_fw_for_fus_0_5_3.bin"), actions(d));
    }

    @Test
    void fileWhoseSizeIsNotItsNames() {
        String text = log("size-mismatch-gui.log");
        Diagnosis d = diagnose(text, "STM32WB55CEU6", null);
        Finding f = finding(d, "file-not-what-its-name-says");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertTrue(f.message().contains("424.79 KB") && f.message().contains("24492 bytes")
                && f.message().contains("24468 bytes"), f.message());
        assertTrue(f.evidence().contains(lineOf(text, "Erasing internal memory sectors [122 228]")));
        OperationView op = d.session().operations().stream().filter(o -> o.kind().equals("fwupgrade")).findFirst()
                .orElseThrow();
        assertEquals(Math.round(424.79 * 1024), op.size());
        assertEquals("0x0807A000", op.erase().from(), "page 122 of 4 KiB");
    }

    @Test
    void renamedFileIsKnownBySize() {
        String text = log("fus-v2-only-on-fus1-usb.log").replace("stm32wb5x_BLE_Stack_full_fw.bin", "ble_stack.bin");
        Diagnosis d = diagnose(text);
        Finding f = finding(d, "file-not-upstream");
        assertTrue(f.message().contains("stm32wb5x_BLE_Stack_full_fw.bin of v1.23.0"), f.message());
        assertEquals(Diagnosis.ERROR, finding(d, "fus-v2-only-on-fus1").severity(), "checked as what its size says");
    }

    @Test
    void writeErrorDuringInstallAdvisesSupplyAndSwd() {
        String text = log("write-error-usb.log");
        Diagnosis d = diagnose(text, "STM32WB55CEU6", "1.2.0");
        Finding f = finding(d, "install-write-error");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertTrue(f.message().contains("stm32wb5x_BLE_Stack_full_fw.bin") && f.message().contains("USB"), f.message());
        assertTrue(f.remedy().contains("external") && f.remedy().contains("SWD"), f.remedy());
        assertEquals(List.of(lineOf(text, "FUS status is FUS_IMAGE_WRTERROR"), lineOf(text, "Error: FUS_STATE_IMAGE_WRTERROR")),
                f.evidence());
        assertFalse(errors(d).contains("wrong-address"), "0x08053000 is v1.13.x's 512K address: " + codes(d));
        assertEquals("v1.13.1", d.correctedPlan().plan().release(), "179.23 KB is v1.13.0/v1.13.1's file");
        assertEquals("STM32WB55CE", d.correctedPlan().plan().chip().part());

        String writeFailed = text.replace("08:59:25 : Error: FUS_STATE_IMAGE_WRTERROR",
                "08:59:25 : Error: Write failed at address: 0x8053000");
        Finding g = finding(diagnose(writeFailed, "STM32WB55CE", null), "install-write-error");
        assertTrue(g.evidence().contains(lineOf(writeFailed, "Write failed")));
    }

    @Test
    void fusNotRunning() {
        String text = log("fus-not-running-usb.log");
        Diagnosis d = diagnose(text);
        Finding f = finding(d, "fus-not-running");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertTrue(f.remedy().contains("-startfus"), f.remedy());
        assertEquals(List.of(lineOf(text, "0x20030030 : 00000000"), lineOf(text, "FUS_NOT_RUNNING"),
                lineOf(text, "not in IDLE state")), f.evidence());
        assertEquals(Diagnosis.ERROR, finding(d, "FUS_STATE_NOT_RUNNING").severity());
        assertEquals(Diagnosis.ERROR, finding(d, "FUS_NOT_IDLE").severity());
        assertTrue(d.session().fusVersions().get(0).blank());
        assertNull(d.correctedPlan(), "no image was tried");
    }

    @Test
    void blankFusReadOverSwdIsAWarning() {
        String text = String.join("\n", "STM32_Programmer_CLI.exe -c port=swd mode=UR -r32 0x20030030 1",
                "ST-LINK SN  : 52FF74067575555041500481", "SWD freq    : 4000 KHz", "Device ID   : 0x495",
                "Flash size  : 256 KBytes", "Reading 32-bit memory content", "0x20030030 : 00000000");
        Finding f = finding(diagnose(text), "fus-not-running");
        assertEquals(Diagnosis.WARNING, f.severity());
        assertTrue(f.message().contains("0x20010010"), f.message());
        assertEquals(List.of(7), f.evidence());
        // read again after -startfus: only info
        Finding later = finding(diagnose(text + "\nStartFus activated successfully\n0x20010010 : 01020000"),
                "fus-not-running");
        assertEquals(Diagnosis.INFO, later.severity());
    }

    @Test
    void imageOfAnotherFamily() {
        String text = log("wrong-device-swd.log");
        Diagnosis d = diagnose(text, null, "1.2.0");
        Finding f = finding(d, "wrong-device");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertTrue(f.message().contains("STM32WB1x") && f.message().contains("0x495"), f.message());
        assertFalse(codes(d).toString().contains("wrong-address"), "no address check on the wrong family");
        assertNull(d.correctedPlan().plan(), "no STM32WB1x part has device ID 0x495");
        assertNotNull(d.correctedPlan().unavailable());
    }

    @Test
    void stackNotOfferedForThisFlashSize() {
        String text = log("wrong-device-swd.log").replace("stm32wb1x_BLE_Stack_light_fw.bin", "stm32wb5x_BLE_Thread_static_fw.bin")
                .replace("  Size          : 99988 Bytes\n", "").replace("1 MBytes", "256 KBytes");
        Finding f = finding(diagnose(text), "not-for-this-flash");
        assertTrue(f.message().contains("256K"), f.message());
    }

    @Test
    void deviceThatIsNoStm32wb() {
        String text = log("no-target-swd.log").replace("Error: Unable to get core ID", "Device ID   : 0x410")
                .replace("Error: No STM32 target found! If your product embeds Debug Authentication, please perform a"
                        + " discovery using Debug Authentication", "Device name : STM32F101/F102/F103 Medium-density");
        Finding f = finding(diagnose(text), "not-an-stm32wb");
        assertEquals(List.of(lineOf(text, "0x410")), f.evidence());
    }

    @Test
    void noTargetIsExplainedFromTheKnowledgeBase() {
        String text = log("no-target-swd.log");
        Diagnosis d = diagnose(text);
        Finding f = finding(d, "NO_TARGET");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertEquals(List.of(lineOf(text, "No STM32 target found")), f.evidence());
        assertFalse(f.causes().isEmpty());
        assertTrue(f.remedy().contains("mode=UR"), f.remedy());
        assertEquals(Diagnosis.ERROR, finding(d, "NO_CORE_ID").severity());
        assertNull(d.correctedPlan());
    }

    @Test
    void everyCodeInTheLogGetsAFinding() {
        for (String name : DiagnoseFixtures.ALL) {
            String text = log(name);
            Diagnosis d = diagnose(text);
            var session = dev.fuspath.programmer.ProgrammerOutputParser.parse(text);
            List<String> codes = d.findings().stream().map(Finding::code).toList();
            session.fusObservations().forEach(o -> assertTrue(codes.contains(o.name()), name + ": " + o));
            session.errors().forEach(e -> assertTrue(codes.contains(e.code()), name + ": " + e));
            for (Finding f : d.findings()) {
                assertFalse(f.message().isBlank());
                f.evidence().forEach(l -> assertTrue(l >= 1 && l <= d.input().lines(), name + " " + f));
                assertTrue(List.of("error", "warning", "info").contains(f.severity()));
            }
        }
    }

    @Test
    void findingsAreOrderedBySeverity() {
        Diagnosis d = diagnose(log("fus-v2-only-on-fus1-usb.log"));
        List<Integer> ranks = d.findings().stream().map(f -> Findings.rank(f.severity())).toList();
        assertEquals(ranks.stream().sorted().toList(), ranks);
    }

    @Test
    void hintsThatAreWrongAreSaidAndIgnored() {
        Diagnosis d = diagnose(log("fus-v2-only-on-fus1-usb.log"), "STM32WB99ZZ", "banana");
        assertEquals(Diagnosis.WARNING, finding(d, "chip-hint-unknown").severity());
        assertEquals(Diagnosis.WARNING, finding(d, "fus-hint-invalid").severity());
        assertNotNull(d.correctedPlan().plan(), "the log alone says enough");

        Diagnosis other = diagnose(log("fus-v2-only-on-fus1-usb.log"), "STM32WB15CC", "1.1.0");
        assertTrue(codes(other).contains("warning chip-hint-differs"), codes(other).toString());
        assertTrue(codes(other).contains("warning fus-hint-differs"), codes(other).toString());
    }

    @Test
    void fusHintGivesAPlanWhenTheGuiLogHasNoFusRead() {
        Diagnosis without = diagnose(log("wrong-address-gui.log"), "STM32WB55RG", null);
        assertNull(without.correctedPlan().plan());
        assertTrue(without.correctedPlan().unavailable().contains("FUS"), without.correctedPlan().unavailable());
        Diagnosis with = diagnose(log("wrong-address-gui.log"), "STM32WB55RG", "0x01020000");
        PlanStep first = with.correctedPlan().plan().steps().get(0);
        assertEquals(StepAction.START_FUS, first.action());
        assertEquals("1.2.0", with.correctedPlan().plan().from().fus());
    }

    @Test
    void textThatIsNoLog() {
        for (String empty : new String[] {null, "", " \n\t\r\n"}) {
            Diagnosis d = diagnose(empty);
            assertEquals("empty", d.input().kind());
            assertEquals(List.of("info empty-log"), codes(d));
            assertNull(d.session());
        }
        byte[] bytes = new byte[4096];
        new java.util.Random(3).nextBytes(bytes);
        Diagnosis binary = diagnose(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("binary", binary.input().kind());
        assertEquals(List.of("warning binary-input"), codes(binary));

        Diagnosis openocd = diagnose(String.join("\n", "Open On-Chip Debugger 0.12.0", "Info : clock speed 2000 kHz",
                "Error: init mode failed (unable to connect to the target)"));
        assertEquals("other", openocd.input().kind());
        assertEquals("OpenOCD", openocd.input().tool());
        assertTrue(finding(openocd, "not-cubeprogrammer").message().contains("OpenOCD"));

        Diagnosis prose = diagnose("My board does not work, please help.\nThanks");
        assertEquals(List.of("warning not-cubeprogrammer"), codes(prose));
        assertNull(prose.input().tool());

        Diagnosis huge = diagnose("0".repeat(Diagnoser.MAX_CHARS + 1));
        assertEquals("too-large", huge.input().kind());
        assertEquals(List.of("warning log-too-large"), codes(huge));
    }

    /** A dump of FUS's device information table, as in a public thread (fus-default-version-programmed-in-...). */
    @Test
    void aDumpOfFussInformationTableGivesTheStackVersion() {
        String log = String.join("\n",
                "STM32_Programmer_CLI.exe -c port=SWD mode=HOTPLUG -r32 0x20030024 28",
                "      -------------------------------------------------------------------",
                "                        STM32CubeProgrammer v2.5.0",
                "      -------------------------------------------------------------------",
                "ST-LINK SN  : 32FF6C063047463341421351",
                "Device ID   : 0x495",
                "Flash size  : 1 MBytes",
                "Reading 32-bit memory content",
                "  Size          : 28 Bytes",
                "  Address:      : 0x20030024",
                "0x20030024 : A94656B9 00000001 01010000 01020000",
                "0x20030034 : 00000006 010D0000 00000000", "");
        Diagnosis d = DiagnoseFixtures.diagnoser().diagnose(log, Diagnoser.Hints.NONE);
        assertEquals(List.of("1.13.0"), d.session().stackVersions().stream().map(Diagnosis.VersionSeen::version)
                .toList());
        assertEquals(12, d.session().stackVersions().get(0).line());
    }
}
