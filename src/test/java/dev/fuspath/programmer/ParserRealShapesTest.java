package dev.fuspath.programmer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.programmer.Operation.Kind;
import dev.fuspath.programmer.Operation.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real shapes of issue 11 that the parser read wrong, each cut from a log of src/test/resources/logs/real (the
 * file named in each test; its .source.json gives the public page).
 */
class ParserRealShapesTest {

    private static String lines(String... l) {
        return String.join("\n", l) + "\n";
    }

    private static List<String> ops(ProgrammerSession s) {
        return s.operations().stream().filter(o -> o.kind() != Kind.CONNECT).map(o -> o.kind() + " " + o.outcome())
                .toList();
    }

    @Test
    void markdownBoldAroundAQuotedGuiLineIsStripped() {
        // gh-cubewb-41-markdown-quoted-gui.log
        LineCleaner c = new LineCleaner();
        String line = "> **16:28:40 : Error: Failed to download image!**  ";
        assertEquals("Error: Failed to download image!", c.clean(line, 0, line.length()));
        String ms = "08:35:51:414 : OPTION BYTE PROGRAMMING VERIFICATION:";
        assertEquals("OPTION BYTE PROGRAMMING VERIFICATION:", c.clean(ms, 0, ms.length()));
        assertEquals("**", LineCleaner.unbold("**"), "a lone marker is no bold text");
        assertEquals("a **b**", LineCleaner.unbold("a **b**"));

        ProgrammerSession s = ProgrammerOutputParser.parse(lines(
                "> 16:28:40 : Download Stack/FUS image at address 0x80ec000 ...",
                "> 16:28:40 : Operation exceeds memory limits",
                "> **16:28:40 : Error: Failed to download image!**  "));
        assertEquals(List.of("MEMORY_LIMITS", "DOWNLOAD_FAILED"),
                s.errors().stream().map(ProgrammerError::code).toList());
    }

    @Test
    void decimalCommaSizes() {
        // gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log: "  Size          : 179,23 KB "
        ImageSize size = ProgrammerOutputParser.parseSize("179,23 KB ");
        assertEquals(Math.round(179.23 * 1024), size.bytes());
        assertTrue(size.matches(183532), "about 179 KB, not 23 KB");
    }

    @Test
    void upgradeStatesOfCubeProgrammer23AreKnown() {
        // gh-mbed-os-stm32wb-readme-usb-v2.3.log
        assertEquals("FUS_FUS_UPGRD_ONGOING", FusCodes.canonical("FUS_UPGRADE_ONGOING"));
        assertEquals("FUS_FW_UPGRD_ONGOING", FusCodes.canonical("WIRELESS_STACK_UPGRADE_ONGOING"));
        ProgrammerSession s = ProgrammerOutputParser.parse(lines(
                "STM32_Programmer_CLI.exe -c port=usb1 -fwupgrade stm32wb5x_BLE_Stack_fw.bin 0x080CB000 firstinstall=1",
                "Download firmware image at address 0x80cb000 ...",
                "File download complete",
                "Firmware Upgrade process started ...",
                "Updating firmware ...",
                "Waiting for firmware upgrade end",
                "FUS state is WIRELESS_STACK_UPGRADE_ONGOING",
                "FUS status is FUS_NO_ERROR",
                "FUS state is FUS_ERROR",
                "FUS status is FUS_NOT_RUNNING",
                "Firmware Upgrade Success"));
        Operation up = s.operations(Kind.FWUPGRADE).get(0);
        assertEquals(Outcome.SUCCEEDED, up.outcome());
        assertEquals("FUS_FW_UPGRD_ONGOING", up.fusStates().get(0).name());
    }

    @Test
    void optionByteVerificationFailuresAreErrorsEvenWithoutTheErrorPrefix() {
        // st-285479-ob-sfsa-verification-error-swd-v2.4.log
        ProgrammerSession cli = ProgrammerOutputParser.parse(lines(
                "STM32_Programmer_CLI -c port=swd -ob SFSA=0xcb",
                "UPLOADING OPTION BYTES DATA ...",
                "OPTION BYTE PROGRAMMING VERIFICATION:",
                "Error: Expected value for Option Byte \"sfsa\": 0xCB, found: 0x0",
                "Error: Option Byte Programming failed"));
        assertEquals(List.of("OPTION_BYTE_MISMATCH", "OPTION_BYTE_MISMATCH"),
                cli.errors().stream().map(ProgrammerError::code).toList());
        assertEquals(List.of("OPTIONBYTES FAILED"), ops(cli));
        // the harmless warning stays a remark
        assertEquals("OPTION_BYTES", ProgrammerOutputParser.classify("Option Byte: nSWboot0, value: 0x0, was not modified.", true));

        // st-33955-ob-nswboot0-verification-gui-ms.log: GUI, millisecond timestamps, no "Error:" prefix
        ProgrammerSession gui = ProgrammerOutputParser.parse(lines(
                "08:35:51:413 : Reconnected !",
                "08:35:51:413 : Success with Time elapsed during Reconnect: 4314 ms",
                "08:35:51:413 : UPLOADING OPTION BYTES DATA ...",
                "08:35:51:414 : r ap 0 @0x58004020 0x00000068 bytes Data 0x000000AA",
                "08:35:51:414 : OPTION BYTE PROGRAMMING VERIFICATION:",
                "08:35:51:414 : Expected value for Option Byte \"nSWboot0\": 0x0, found: 0x1",
                "08:35:51:414 : Option Byte Programming failed",
                "08:35:51:415 : Failed to set nSWboot0=0 nboot1=1 nboot0=1"));
        assertTrue(gui.recognized());
        assertEquals(InterfaceKind.SWD, gui.interfaceKind(), "verbose ST-LINK access lines");
        assertEquals(List.of("OPTIONBYTES FAILED"), ops(gui));
        assertEquals(3, gui.errors().size());
    }

    @Test
    void oldFirmwareDeleteFailedAndInvalidObAreFailures() {
        // st-846738-invalid-ob-old-fw-delete-failed-cli.log: a bare "Error:" whose message is on the next line
        ProgrammerSession s = ProgrammerOutputParser.parse(lines(
                "Error: FUS_ERROR_INVALID_OB: Option bytes and UFB values do not match.",
                "",
                "Error:",
                "Old Firmware delete failed"));
        assertTrue(s.recognized());
        assertEquals(List.of("FUS_ERROR_INVALID_OB", "OLD_FIRMWARE_DELETE_FAILED"),
                s.errors().stream().map(ProgrammerError::code).toList());
        assertEquals(4, s.errors().get(1).line());
    }

    @Test
    void guiStartFusLines() {
        // st-228021-startfus-cli-swd-v2.7.log
        ProgrammerSession failed = ProgrammerOutputParser.parse(lines(
                "11:55:49 : Error: FUS_STATE_ERR_UNKNOWN",
                "",
                "11:55:49 : Start FUS failed !",
                "",
                "11:55:49 : Error: Start FUS Operation Failure! Please, try again."));
        assertEquals(List.of("STARTFUS FAILED"), ops(failed));
        // st-89405-wb15-startfus-gui-v2.9.log
        ProgrammerSession ok = ProgrammerOutputParser.parse(lines(
                "12:02:41 : StartFus activated successfully",
                "12:02:41 : FUS_STATE_IDLE",
                "12:02:41 : Start FUS execution finished"));
        assertEquals(List.of("STARTFUS SUCCEEDED"), ops(ok));
        // issue 11: a log made only of the GUI's lines, with millisecond timestamps, is CubeProgrammer's
        ProgrammerSession gui = ProgrammerOutputParser.parse(lines(
                "16:37:28:135 : StartFus activated successfully",
                "16:37:31:902 : FusStartWS activated successfully"));
        assertTrue(gui.recognized());
        assertEquals(List.of("STARTFUS SUCCEEDED", "STARTWIRELESSSTACK SUCCEEDED"), ops(gui));
        assertEquals(2, gui.lineCount());
        assertFalse(ProgrammerOutputParser.parse(lines("16:37:28:135 : something activated successfully"))
                .recognized(), "the timestamp alone proves nothing");
    }

    @Test
    void theFusOperatorTellsSwdAndTheDeviceAndIsNoOperationOfItsOwn() {
        // st-89405-wb15-startfus-gui-v2.9.log (STM32WB1x)
        ProgrammerSession s = ProgrammerOutputParser.parse(lines(
                "12:02:43 : Succeeded to set nSWboot0=0 nboot1=1 nboot0=1",
                "12:02:43 : Memory Programming ...",
                "12:02:43 : Opening and parsing file: 0x494_FUS_Operator.bin",
                "12:02:43 : File : 0x494_FUS_Operator.bin",
                "12:02:43 : Size : 8 KBytes",
                "12:02:44 : File download complete",
                "12:02:45 : FUS_STATE_IDLE",
                "12:02:45 : Read FUS state command execution finished",
                "12:02:45 : UPLOADING ...",
                "12:02:45 : Size : 4 Bytes",
                "12:02:45 : Address : 0x20002F10",
                "12:02:45 : Data read successfully"));
        assertEquals(InterfaceKind.SWD, s.interfaceKind());
        assertEquals("0x494", s.deviceId());
        assertEquals(List.of("READ SUCCEEDED"), ops(s));
        assertEquals(0x20002F10L, s.operations(Kind.READ).get(0).address());
    }

    @Test
    void applicationDfuIsToldAndItsRamIsNoFusVersion() {
        // st-57562-application-dfu-iap-usb-v2.5.log
        ProgrammerSession s = ProgrammerOutputParser.parse(lines(
                "STM32_Programmer_CLI.exe -c port=usb1 -r32 0x20030030 4",
                "STM32CubeProgrammer v2.5.0",
                "USB speed : Full Speed (12MBit/s)",
                "Product ID : DFU in FS Mode",
                "FW version : 0x011a",
                "IAP",
                "Reading 32-bit memory content",
                "0x20030030 : AE1C889C"));
        assertTrue(s.applicationDfu());
        assertTrue(s.fusVersions().isEmpty(), "AE1C889C is no FUS 174.28.136");
        assertNull(s.deviceId());
        assertFalse(ProgrammerOutputParser.parse("STM32CubeProgrammer v2.5.0\n0x20030030 : 01020000\n").applicationDfu());
    }

    @Test
    void versionWordsArePlausibilityChecked() {
        assertTrue(FusVersion.plausible(0x00050300L));
        assertTrue(FusVersion.plausible(0x01020000L));
        assertTrue(FusVersion.plausible(0x02020000L));
        assertTrue(FusVersion.plausible(0));
        assertFalse(FusVersion.plausible(0xAE1C889CL));
        assertFalse(FusVersion.plausible(0x130E0019L), "st-884501: a running stack's word");
        ProgrammerSession s = ProgrammerOutputParser.parse("STM32CubeProgrammer v2.5.0\n0x20030030 : AE1C889C\n");
        assertTrue(s.fusVersions().isEmpty());
        assertTrue(s.operations(Kind.READ).get(0).notes().get(0).contains("no FUS version"));
    }

    @Test
    void anOperationTheLogStopsInNeverEnded() {
        // st-ElepU-fwdelete-never-ends-usb-v2.5.log
        ProgrammerSession s = ProgrammerOutputParser.parse(lines(
                ".\\STM32_Programmer_CLI.exe -c port=usb1 -fwdelete",
                "STM32CubeProgrammer v2.5.0",
                "USB speed   : Full Speed (12MBit/s)",
                "Device ID   : 0x0495",
                "FUS state is FUS_IDLE",
                "FUS status is FUS_NO_ERROR",
                "Deleting firmware ..."));
        Operation delete = s.operations(Kind.FWDELETE).get(0);
        assertEquals(Outcome.UNKNOWN, delete.outcome());
        assertTrue(delete.notes().stream().anyMatch(n -> n.startsWith(ProgrammerOutputParser.NEVER_ENDED)),
                delete.notes().toString());
        ProgrammerSession done = ProgrammerOutputParser.parse(lines(
                "STM32CubeProgrammer v2.3.0", "Deleting firmware ...", "Firmware delete finished",
                "fwdelete command execution finished"));
        assertTrue(done.operations(Kind.FWDELETE).get(0).notes().isEmpty());
    }

    @Test
    void aConnectionErrorAfterAFinishedDeleteDoesNotFailTheDelete() {
        // st-90380-wrterror-usb-fwdelete-then-reconnect-gui.log
        ProgrammerSession s = ProgrammerOutputParser.parse(lines(
                "08:58:45 : USB speed : Full Speed (12MBit/s)",
                "08:58:45 : Device ID : 0x0495",
                "08:58:45 : UPLOADING OPTION BYTES DATA ...",
                "08:58:45 : UPLOADING ...",
                "08:58:45 : Size : 1024 Bytes",
                "08:58:45 : Address : 0x8000000",
                "08:58:45 : Data read successfully",
                "08:58:49 : FUS state is FUS_IDLE",
                "08:58:49 : FUS status is FUS_NO_ERROR",
                "08:58:51 : Deleting firmware ...",
                "08:58:52 : Firmware delete finished",
                "08:58:53 : Connection to device 0x495 is lost",
                "08:58:54 : ST-LINK error (DEV_CONNECT_ERR)",
                "08:58:57 : USB speed : Full Speed (12MBit/s)"));
        assertEquals(List.of("FWDELETE SUCCEEDED"), ops(s), "the connection's own reads are no operations");
    }

    @Test
    void aKeyWriteTakesItsFileAndFailsWhenFusDoesNotRun() {
        // gh-flipper-factory-3-write-key-fus-not-running-usb.log
        ProgrammerSession s = ProgrammerOutputParser.parse(lines(
                "USB speed : Full Speed (12MBit/s)",
                "Device ID : 0x0495",
                "Key File path : assets/cks/key_master.bin",
                "Write user key in memory process started ...",
                "FUS state is FUS_ERROR",
                "FUS status is FUS_NOT_RUNNING",
                "2026-01-29 11:47:10,343 [flash_cks]: Failed to flash CKS, key_master.bin"));
        Operation key = s.operations(Kind.OTHER).get(0);
        assertEquals("assets/cks/key_master.bin", key.file());
        assertEquals(Outcome.FAILED, key.outcome());
    }

    @Test
    void aFusServiceThatCannotStartIsAnOperationOfItsOwn() {
        // insided-43503-fus-seems-deleted-usb.log: after a read, FUS answers "not running"
        ProgrammerSession s = ProgrammerOutputParser.parse(lines(
                "Reading 32-bit memory content",
                "0x20030030 : 00000000",
                "",
                "FUS state is FUS_ERROR",
                "FUS status is FUS_NOT_RUNNING",
                "Error: Could not start service since FUS is not in IDLE state"));
        assertEquals(List.of("READ SUCCEEDED", "OTHER FAILED"), ops(s));
    }

    @Test
    void theDeleteOfACommandLinesUpgradeComesBeforeIt() {
        // gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log: the command line, then the output of its start
        ProgrammerSession s = ProgrammerOutputParser.parse(lines(
                "STM32_Programmer_CLI -c port=usb1 -fwupgrade v1.13.0/stm32wb5x_BLE_Stack_full_fw.bin 0x080C7000 firstinstall=0",
                "FUS state is FUS_IDLE",
                "FUS status is FUS_NO_ERROR",
                "Old wireless stack delete ...",
                "Deleting firmware ..."));
        assertEquals(List.of("FWDELETE UNKNOWN", "FWUPGRADE UNKNOWN"), ops(s));
        assertTrue(s.operations(Kind.FWDELETE).get(0).notes().stream()
                .anyMatch(n -> n.startsWith(ProgrammerOutputParser.NEVER_ENDED)));
    }
}
