package dev.fuspath.programmer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.programmer.Operation.Kind;
import dev.fuspath.programmer.Operation.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProgrammerOutputParserTest {

    static String resource(String name) {
        try (InputStream in = ProgrammerOutputParserTest.class.getResourceAsStream("/programmer/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static int lineOf(String text, String needle) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + needle);
    }

    static String lines(String... l) {
        return String.join("\n", l) + "\n";
    }

    static final String BANNER = lines(
            "      -------------------------------------------------------------------",
            "                        STM32CubeProgrammer v2.16.0",
            "      -------------------------------------------------------------------",
            "");

    static final String SWD_BANNER = BANNER + lines(
            "ST-LINK SN  : 0671FF505055877187194520",
            "ST-LINK FW  : V2J43M28",
            "Voltage     : 3.28V",
            "SWD freq    : 4000 KHz",
            "Connect mode: Under Reset",
            "Reset mode  : Hardware reset",
            "Device ID   : 0x495",
            "Device name : STM32WB5x",
            "Flash size  : 1 MBytes",
            "Device type : MCU",
            "Device CPU  : Cortex-M4");

    // ---------------------------------------------------------------------------------------------- success paths

    @Test
    void swdSessionStartFusReadUpgradeRead() {
        String log = resource("swd-fus-upgrade-session.log");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);

        assertTrue(s.recognized());
        assertTrue(s.clean(), () -> "errors: " + s.errors());
        assertEquals("2.16.0", s.toolVersion());
        assertEquals(InterfaceKind.SWD, s.interfaceKind());
        assertEquals("0671FF505055877187194520", s.probeSerial());
        assertEquals("Under Reset", s.connectMode());
        assertEquals("0x495", s.deviceId());
        assertEquals("STM32WB5x", s.deviceName());
        assertEquals(1024L * 1024, s.flashSize().bytes());
        assertEquals("1M", s.flashSize().label());
        assertEquals("Cortex-M4", s.banner().get("Device CPU").value());
        assertEquals(lineOf(log, "BL Version"), s.banner().get("BL Version").line());

        // reads and FUS versions
        assertEquals(2, s.reads().size());
        assertEquals(0x20030030L, s.reads().get(0).address());
        assertEquals(List.of(0x00050300L), s.reads().get(0).words());
        assertEquals(lineOf(log, "0x20030030 : 00050300"), s.reads().get(0).line());
        assertEquals(List.of("0.5.3", "1.2.0"), s.fusVersions().stream().map(FusVersion::text).toList());
        assertEquals("1.2.0", s.fusVersion().orElseThrow().text());
        assertEquals(0x20010010L, s.fusVersion().orElseThrow().address());
        assertEquals(List.of(0x01020000L), s.readsByAddress().get(0x20010010L));

        // operations in order
        List<Kind> kinds = s.operations().stream().map(Operation::kind).toList();
        // issue 11: the delete phase that opens the upgrade ("Old Firmware delete ...") is an operation of its own
        assertEquals(List.of(Kind.CONNECT, Kind.STARTFUS, Kind.CONNECT, Kind.READ, Kind.CONNECT, Kind.FWDELETE,
                Kind.FWUPGRADE, Kind.CONNECT, Kind.READ), kinds);
        assertTrue(s.operations().stream().allMatch(Operation::succeeded), () -> s.operations().toString());
        assertTrue(s.operations().stream().filter(o -> o.kind() != Kind.FWDELETE).allMatch(Operation::fromCommandLine));

        Operation connect = s.operations().get(0);
        assertEquals(List.of("port=swd", "mode=UR"), connect.arguments());
        assertEquals(lineOf(log, "-startfus"), connect.firstLine());
        assertTrue(connect.lines().contains(lineOf(log, "Device ID")));

        Operation startfus = s.operations().get(1);
        assertTrue(startfus.lines().contains(lineOf(log, "StartFus activated successfully")));

        Operation read = s.operations().get(3);
        assertEquals(0x20030030L, read.address());
        assertTrue(read.lines().contains(lineOf(log, "0x20030030 : 00050300")));

        Operation delete = s.operations().get(5);
        assertFalse(delete.fromCommandLine());
        assertNull(delete.file(), "the FUS operator is no file of the delete");
        assertTrue(delete.notes().contains("Flash already empty"));
        assertTrue(delete.lines().contains(lineOf(log, "Firmware delete Success")));
        assertEquals(List.of("FUS_IMG_NOT_FOUND"), delete.fusStatuses().stream().map(FusObservation::name).toList());

        Operation up = s.operations().get(6);
        assertEquals("stm32wb5x_FUS_fw_for_fus_0_5_3.bin", up.file());
        assertEquals(0x080EC000L, up.address());
        assertEquals(List.of("stm32wb5x_FUS_fw_for_fus_0_5_3.bin", "0x080EC000", "firstinstall=0"), up.arguments());
        assertEquals(List.of("FUS_IDLE", "FUS_FUS_UPGRD_ONGOING", "FUS_IDLE"),
                up.fusStates().stream().map(FusObservation::name).toList());
        assertEquals(List.of("FUS_NO_ERROR", "FUS_NO_ERROR"),
                up.fusStatuses().stream().map(FusObservation::name).toList());
        assertEquals("FUS_IDLE", up.lastFusState().orElseThrow());
        assertEquals(Duration.ofMillis(1250), up.elapsed());
        assertEquals(Duration.ofMillis(212), delete.elapsed());
        assertTrue(up.lines().contains(lineOf(log, "Firmware Upgrade Success")));
        assertFalse(up.lines().contains(lineOf(log, "Firmware delete Success")), "the delete is its own operation");
        assertEquals(0, s.operations(Kind.OPTIONBYTES).size(), "option bytes inside fwupgrade are sub-steps");

        // warnings are kept, not errors
        assertTrue(s.errors().isEmpty());
        assertEquals(3, s.warnings().size());
        assertEquals("FUS_IMG_NOT_FOUND", s.warnings().get(2).code());
        assertEquals(lineOf(log, "Flash already empty"), s.warnings().get(2).line());
    }

    @Test
    void usbSessionStackInstallAndFusRead() {
        String log = resource("usb-stack-install.log");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);

        assertTrue(s.recognized());
        assertTrue(s.clean(), () -> s.errors().toString());
        assertEquals("2.5.0", s.toolVersion());
        assertEquals(InterfaceKind.USB, s.interfaceKind());
        assertNull(s.probeSerial());
        assertEquals("2079327E5652", s.usbSerial());
        assertEquals("0x495", s.deviceId(), "0x0495 normalised");
        assertEquals("512K", s.flashSize().label());
        assertEquals(512L * 1024, s.flashSize().bytes());
        assertEquals("DFU in FS Mode", s.banner().get("Product ID").value());

        Operation up = s.operations(Kind.FWUPGRADE).get(0);
        assertEquals("C:\\fw\\stm32wb5x_BLE_Stack_full_fw.bin", up.file(), "command-line file wins");
        assertEquals(0x080CE000L, up.address());
        assertTrue(up.succeeded());
        assertEquals(List.of("FUS_SERVICE_ONGOING", "FUS_IDLE", "FUS_FW_UPGRD_ONGOING", "FUS_IDLE"),
                up.fusStates().stream().map(FusObservation::name).toList());
        assertEquals("FUS_IMAGE_NOT_FOUND", up.fusStatuses().get(0).raw());
        assertEquals("FUS_IMG_NOT_FOUND", up.fusStatuses().get(0).name());
        assertEquals(lineOf(log, "FUS status is FUS_IMAGE_NOT_FOUND"), up.fusStatuses().get(0).line());
        assertEquals(Duration.ofMillis(5002), up.elapsed());
        // issue 11: the delete phase of an upgrade is an operation of its own, before the upgrade
        Operation delete = s.operations(Kind.FWDELETE).get(0);
        assertTrue(delete.succeeded());
        assertEquals(lineOf(log, "Old wireless stack delete"), delete.firstLine());
        assertTrue(delete.lines().contains(lineOf(log, "Firmware delete finished")));
        assertEquals(List.of(Kind.CONNECT, Kind.FWDELETE, Kind.FWUPGRADE),
                s.operations().stream().map(Operation::kind).limit(3).toList());

        assertEquals("1.1.1", s.fusVersion().orElseThrow().text());
        assertEquals(0x20030030L, s.fusVersion().orElseThrow().address());
    }

    @Test
    void outputWithoutCommandLinesStillBuildsOperations() {
        String log = SWD_BANNER + lines(
                "Reading 32-bit memory content",
                "  Size          : 4 Bytes",
                "  Address:      : 0x20030030",
                "0x20030030 : 00050300 00000000",
                "FUS is already running");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertEquals(List.of(Kind.CONNECT, Kind.READ, Kind.STARTFUS), s.operations().stream().map(Operation::kind).toList());
        assertTrue(s.operations().stream().noneMatch(Operation::fromCommandLine));
        assertEquals(List.of(0x00050300L, 0L), s.reads().get(0).words());
        assertEquals("0.5.3", s.fusVersion().orElseThrow().text());
        assertTrue(s.operations().get(2).notes().contains("FUS is already running"));
        assertTrue(s.operations().get(2).succeeded());
    }

    @Test
    void guiLogWithTimestampsAndFwdelete() {
        String log = lines(
                "09:12:45 : USB speed   : Full Speed (12MBit/s)",
                "09:12:45 : Manuf. ID   : STMicroelectronics",
                "09:12:45 : Product ID  : DFU in FS Mode",
                "09:12:45 : SN          : 2061347F4852",
                "09:12:45 : DFU protocol: 1.1",
                "09:12:45 : Device ID   : 0x0495",
                "09:12:46:120 : Deleting firmware ...",
                "09:12:49:877 : Firmware delete Success");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertTrue(s.recognized());
        assertEquals(InterfaceKind.USB, s.interfaceKind());
        assertEquals("0x495", s.deviceId());
        Operation del = s.operations(Kind.FWDELETE).get(0);
        assertTrue(del.succeeded());
        assertEquals(List.of(7, 8), del.lines());
    }

    @Test
    void uartCommandLine() {
        String log = lines(
                "STM32_Programmer_CLI -c port=COM9 br=115200 -r32 0x20030030 1",
                "Serial Port COM9 is successfully opened.",
                "Activating device: OK",
                "Device ID   : 0x495",
                "0x20030030 : 01030000");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertEquals(InterfaceKind.UART, s.interfaceKind());
        assertEquals("1.3.0", s.fusVersion().orElseThrow().text());
        assertEquals(List.of(Kind.CONNECT, Kind.READ), s.operations().stream().map(Operation::kind).toList());
        assertTrue(s.operations().get(0).succeeded());
    }

    // ---------------------------------------------------------------------------------------------- failures

    @Test
    void noStm32TargetFound() {
        String log = lines("STM32_Programmer_CLI.exe -c port=swd mode=UR -fwdelete") + BANNER + lines(
                "ST-LINK SN  : 38FF6F06304E4B3020141243",
                "ST-LINK FW  : V2J42S7",
                "Board       : --",
                "Voltage     : 3.23V",
                "Error: No STM32 target found! If your product embeds Debug Authentication, please perform a discovery using Debug Authentication");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertTrue(s.recognized());
        assertFalse(s.clean());
        ProgrammerError e = s.errors().get(0);
        assertEquals("NO_TARGET", e.code());
        assertEquals(lineOf(log, "No STM32 target found"), e.line());
        assertTrue(e.message().startsWith("No STM32 target found!"));
        Operation connect = s.operations().get(0);
        assertEquals(Kind.CONNECT, connect.kind());
        assertTrue(connect.failed());
        assertEquals(List.of(e), connect.errors());
        assertEquals(Outcome.UNKNOWN, s.operations(Kind.FWDELETE).get(0).outcome());
        assertNull(s.deviceId());
    }

    @Test
    void noDebugProbe() {
        String log = BANNER + lines("Error: No debug probe detected.");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertTrue(s.recognized());
        assertEquals("NO_PROBE", s.errors().get(0).code());
        assertEquals(5, s.errors().get(0).line());
        assertTrue(s.operations().get(0).failed());
        assertEquals(Kind.CONNECT, s.operations().get(0).kind());
    }

    @Test
    void unableToGetCoreIdInGuiLog() {
        String log = lines(
                "16:59:58 : Error: Unable to get core ID",
                "16:59:58 : Error: No STM32 target found! If your product embeds Debug Authentication, please perform a discovery using Debug Authentication");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertTrue(s.recognized(), "connection error codes alone identify CubeProgrammer");
        assertEquals(List.of("NO_CORE_ID", "NO_TARGET"), s.errors().stream().map(ProgrammerError::code).toList());
        assertEquals(List.of(1, 2), s.errors().stream().map(ProgrammerError::line).toList());
        assertEquals(1, s.operations().size());
        assertTrue(s.operations().get(0).failed());
    }

    @Test
    void usbCommError() {
        String log = lines("STM32_Programmer_CLI -c port=usb1 -r32 0x20030030 1") + BANNER + lines(
                "Error: USB communication lost (DEV_USB_COMM_ERR)",
                "ST-LINK error (DEV_USB_COMM_ERR)");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertEquals(InterfaceKind.USB, s.interfaceKind());
        assertEquals(List.of("DEV_USB_COMM_ERR", "DEV_USB_COMM_ERR"), s.errors().stream().map(ProgrammerError::code).toList());
        assertEquals(List.of(6, 7), s.errors().stream().map(ProgrammerError::line).toList());
        assertTrue(s.operations(Kind.CONNECT).get(0).failed());
    }

    @Test
    void wrongAddressFailsTheReadNotTheConnect() {
        String log = lines("STM32_Programmer_CLI -c port=swd -r32 0x2003003 1") + SWD_BANNER + lines("Error: Wrong address");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertEquals("WRONG_ADDRESS", s.errors().get(0).code());
        assertEquals(lineOf(log, "Wrong address"), s.errors().get(0).line());
        assertTrue(s.operations(Kind.CONNECT).get(0).succeeded());
        Operation read = s.operations(Kind.READ).get(0);
        assertTrue(read.failed());
        assertEquals(0x2003003L, read.address());
        assertTrue(s.reads().isEmpty());
        assertTrue(s.fusVersion().isEmpty());
    }

    @Test
    void imageNotAuthentic() {
        String log = lines("STM32_Programmer_CLI.exe -c port=usb1 -fwupgrade stm32wb5x_FUS_fw.bin 0x080EC000 firstinstall=0")
                + BANNER + lines(
                "USB speed   : Full Speed (12MBit/s)",
                "Device ID   : 0x0495",
                "FUS state is FUS_IDLE",
                "FUS status is FUS_NO_ERROR",
                "Old wireless stack delete ...",
                "Deleting firmware ...",
                "Firmware delete finished",
                "Download firmware image at address 0x80ec000 ...",
                "File download complete",
                "Firmware Upgrade process started ...",
                "FUS state is FUS_ERROR",
                "FUS status is FUS_IMAGE_NOT_AUTHENTIC",
                "Error: Firmware not authentic!",
                "Error: FUS_STATE_IMAGE_NOT_AUTHENTIC");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertEquals(List.of("FUS_IMG_NOT_AUTHENTIC", "FUS_IMG_NOT_AUTHENTIC"),
                s.errors().stream().map(ProgrammerError::code).toList());
        Operation up = s.operations(Kind.FWUPGRADE).get(0);
        assertTrue(up.failed());
        assertEquals("FUS_IMG_NOT_AUTHENTIC", up.lastFusStatus().orElseThrow());
        assertEquals("FUS_ERROR", up.lastFusState().orElseThrow());
        assertEquals(2, up.errors().size());
        assertEquals(lineOf(log, "not authentic!"), up.errors().get(0).line());
        assertTrue(s.operations(Kind.CONNECT).get(0).succeeded());
        assertTrue(FusCodes.explain(up.errors().get(0).code()).orElseThrow().contains("signature"));
    }

    @Test
    void imageWriteAndFlashErrors() {
        String log = SWD_BANNER + lines(
                "Old Firmware delete ...",
                "Firmware delete Success",
                "Download Stack/FUS image at address 0x80EC000 ...",
                "Firmware Upgrade process started ...",
                "Error: FUS_IMAGE_WRTERROR",
                "Error: FUS_STATE_FLASH_ERROR");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertEquals(List.of("FUS_IMAGE_WRTERROR", "FUS_FLASH_ERROR"), s.errors().stream().map(ProgrammerError::code).toList());
        assertEquals(List.of(lineOf(log, "WRTERROR"), lineOf(log, "FLASH_ERROR")),
                s.errors().stream().map(ProgrammerError::line).toList());
        Operation up = s.operations(Kind.FWUPGRADE).get(0);
        assertTrue(up.failed());
        assertEquals(0x080EC000L, up.address());
        assertFalse(up.fromCommandLine());
    }

    @Test
    void imageNotFoundAfterUpgradeStarted() {
        String log = lines(
                "16:59:37 : Download Stack/FUS image at address 0x807A000 ...",
                "16:59:37 : Memory Programming ...",
                "16:59:37 :   File          : stm32wb5x_FUS_fw.bin",
                "16:59:37 :   Address       : 0x0807A000",
                "16:59:46 : Time elapsed during download operation: 00:00:08.449",
                "16:59:46 : Firmware Upgrade process started ...",
                "16:59:58 : Error: FUS_STATE_IMG_NOT_FOUND");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertTrue(s.recognized());
        assertEquals("FUS_IMG_NOT_FOUND", s.errors().get(0).code());
        assertEquals(7, s.errors().get(0).line());
        Operation up = s.operations().get(0);
        assertEquals(Kind.FWUPGRADE, up.kind());
        assertEquals("stm32wb5x_FUS_fw.bin", up.file());
        assertEquals(0x0807A000L, up.address());
        assertEquals(Duration.ofMillis(8449), up.elapsed());
        assertTrue(up.failed());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), up.lines());
    }

    @Test
    void fusNotRunningOnDelete() {
        String log = lines("$ ./STM32_Programmer.sh -c port=usb1 \u2013fwdelete") + BANNER + lines(
                "USB speed   : Full Speed (12MBit/s)",
                "Device ID   : 0x0495",
                "FUS state is FUS_ERROR",
                "FUS status is FUS_NOT_RUNNING",
                "Error: Could not start service since FUS is not in IDLE state");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        Operation del = s.operations(Kind.FWDELETE).get(0);
        assertTrue(del.fromCommandLine(), "en-dash option read as -fwdelete");
        assertTrue(del.failed());
        assertEquals("FUS_STATE_NOT_RUNNING", del.lastFusStatus().orElseThrow());
        assertEquals("FUS_NOT_IDLE", s.errors().get(0).code());
        assertTrue(s.operations(Kind.CONNECT).get(0).succeeded());
    }

    @Test
    void fusOnSmallFlashRefused() {
        String log = lines("STM32_Programmer_CLI.exe -c port=swd mode=UR -fwupgrade stm32wb5x_FUS_fw.bin 0x0807A000 firstinstall=0")
                + SWD_BANNER.replace("1 MBytes", "512 KBytes") + lines(
                "Error: Could not execute fwupgrade command, Impossible to install FUS V1.0.1 on",
                "256/512KB Flash Parts");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertEquals("FUS_UNSUPPORTED_ON_THIS_FLASH", s.errors().get(0).code());
        assertEquals("512K", s.flashSize().label());
        assertTrue(s.operations(Kind.FWUPGRADE).get(0).failed());
    }

    // ---------------------------------------------------------------------------------------------- robustness

    @Test
    void crlfAnsiAndExeSuffix() {
        String log = resource("swd-fus-upgrade-session.log")
                .replace("STM32_Programmer_CLI ", "\"C:\\ST\\bin\\STM32_Programmer_CLI.exe\" ")
                .replace("Firmware Upgrade Success", "\u001B[32;1mFirmware Upgrade Success\u001B[0m")
                .replace("FUS state is", "\u001B[36mFUS state is\u001B[39;49m")
                .replace("\n", "\r\n");
        ProgrammerSession plain = ProgrammerOutputParser.parse(resource("swd-fus-upgrade-session.log"));
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertEquals(plain.lineCount(), s.lineCount());
        assertEquals(plain.operations(), s.operations());
        assertEquals(plain.fusVersions(), s.fusVersions());
        assertEquals(plain.banner(), s.banner());
        assertTrue(s.clean());
    }

    @Test
    void interleavedAndGarbageLines() {
        String log = lines(
                "random chatter before the run: 0xZZ : nothing",
                "STM32_Programmer_CLI -c port=swd -r32 0x20030030 1")
                + BANNER + lines(
                "Info : Listening on port 4444 for telnet connections",
                "ST-LINK SN  : 0671FF505055877187194520",
                "\u0000\u0001\u0007 binary junk \u00ff\u00fe",
                "SWD freq    : 4000 KHz",
                "Size: nothing to do with anything",
                "Device ID   : 0x495",
                "[=====                                  ] 10%\r[==========            ] 20%\r[=================] 100%",
                "Board: my board: not banner",
                "> Reading 32-bit memory content",
                "0x20030030 : 00050300 : FUSv0.5.3 (user note pasted after the value)",
                "0x123456789 : 01020304",
                "0x20030030 : 0102030405",
                "FUS state is",
                "just some more text");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertTrue(s.recognized());
        assertTrue(s.errors().isEmpty());
        assertEquals(1, s.reads().size(), () -> s.reads().toString());
        assertEquals("0.5.3", s.fusVersion().orElseThrow().text());
        assertEquals(List.of(Kind.CONNECT, Kind.READ), s.operations().stream().map(Operation::kind).toList());
        assertTrue(s.operations().get(1).succeeded());
        assertEquals("0x495", s.deviceId());
        assertTrue(s.fusObservations().isEmpty());
        // lone \r split the progress bar into three lines; line numbers count them like an editor does
        assertEquals(lineOf(log, "Reading 32-bit") + 1, s.reads().get(0).line());
        assertEquals(lineOf(log, "Reading 32-bit"), s.operations().get(1).lines().get(1));
        assertEquals(log.split("\r\n|\r|\n").length, s.lineCount());
    }

    @Test
    void emptyAndBlankInputs() {
        for (String t : new String[] {null, "", "\n", "\r\n\r\n", "   \t  "}) {
            ProgrammerSession s = ProgrammerOutputParser.parse(t);
            assertFalse(s.recognized());
            assertTrue(s.operations().isEmpty());
            assertTrue(s.errors().isEmpty());
            assertNull(s.deviceId());
            assertEquals(InterfaceKind.UNKNOWN, s.interfaceKind());
        }
        assertEquals(2, ProgrammerOutputParser.parse("\r\n\r\n").lineCount());
        assertEquals(1, ProgrammerOutputParser.parse("x").lineCount());
    }

    @Test
    void anotherToolsLogIsNotRecognized() {
        ProgrammerSession s = ProgrammerOutputParser.parse(resource("openocd.log"));
        assertFalse(s.recognized());
        assertTrue(s.errors().isEmpty());
        assertTrue(s.operations().isEmpty());
        assertEquals(11, s.lineCount());

        String stflash = lines(
                "st-flash 1.7.0",
                "2023-01-02T10:00:00 INFO common.c: F4xx: 192 KiB SRAM, 1024 KiB flash in at least 16 KiB pages.",
                "file firmware.bin md5 checksum: 1234, stlink checksum: 0x00abcdef",
                "2023-01-02T10:00:01 ERROR common.c: Flash programming failed",
                "Error: failed to erase",
                "0x08000000 : 20001000 08000191");
        assertFalse(ProgrammerOutputParser.parse(stflash).recognized());
    }

    @Test
    void fiveMegabytesOfRandomBytes() {
        byte[] bytes = new byte[5 * 1024 * 1024];
        new Random(42).nextBytes(bytes);
        for (String text : new String[] {new String(bytes, StandardCharsets.ISO_8859_1), new String(bytes, StandardCharsets.UTF_8)}) {
            long t0 = System.nanoTime();
            ProgrammerSession s = ProgrammerOutputParser.parse(text);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertFalse(s.recognized());
            assertTrue(ms < 1000, "took " + ms + " ms");
        }
    }

    @Test
    void fiveMegabytesOfKeywordSoup() {
        String[] vocab = {"Error:", "Warning:", "FUS state is", "FUS status is", "FUS_IDLE", "FUS_IMAGE_WRTERROR",
                "0x20030030", ":", " : ", "01020000", "STM32_Programmer_CLI", "-c", "port=swd", "-r32", "-fwupgrade",
                "-fwdelete", "x.bin", "Device ID", "Flash size", "MBytes", "Reading 32-bit memory content",
                "Old Firmware delete ...", "Firmware Upgrade Success", "Time elapsed during download operation:",
                "00:00:01.250", "STM32CubeProgrammer v2.16.0", "ST-LINK SN", "DEV_USB_COMM_ERR", "\u001B[31m",
                "\uFFFD", "\u2013", "  ", "\n", "\r\n", "\r", "\t", "\""};
        Random r = new Random(7);
        StringBuilder b = new StringBuilder(5 * 1024 * 1024 + 64);
        while (b.length() < 5 * 1024 * 1024) {
            b.append(vocab[r.nextInt(vocab.length)]);
            if (r.nextInt(3) == 0) {
                b.append(' ');
            }
        }
        String text = b.toString();
        long t0 = System.nanoTime();
        ProgrammerSession s = ProgrammerOutputParser.parse(text);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(s.recognized());
        assertEquals(text.split("\r\n|\r|\n", -1).length - (text.endsWith("\n") || text.endsWith("\r") ? 1 : 0),
                s.lineCount());
        assertTrue(ms < 2000, "took " + ms + " ms");
        for (ProgrammerError e : s.errors()) {
            assertTrue(e.line() >= 1 && e.line() <= s.lineCount());
        }
    }

    @Test
    void hugeRepetitiveAndSingleLineInputsStayLinear() {
        String unit = "FUS state is FUS_IDLE\n0x20030030 : 01020000\nError: No debug probe detected.\n";
        String big = unit.repeat(5 * 1024 * 1024 / unit.length());
        long t0 = System.nanoTime();
        ProgrammerSession s = ProgrammerOutputParser.parse(big);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(s.recognized());
        assertEquals(big.length() / unit.length(), s.reads().size());
        assertTrue(ms < 3000, "took " + ms + " ms");

        String oneLine = "0x20030030 : " + "01020000 ".repeat(600_000) + "STM32_Programmer_CLI -r32 " + "x".repeat(1_000_000);
        t0 = System.nanoTime();
        ProgrammerSession one = ProgrammerOutputParser.parse(oneLine);
        ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, one.lineCount());
        assertTrue(ms < 1000, "took " + ms + " ms");
    }

    @Test
    void classifierAndHelpers() {
        assertEquals("DEV_CONNECT_ERR", ProgrammerOutputParser.classify("ST-LINK error (DEV_CONNECT_ERR)", false));
        assertEquals("DOWNLOAD_FAILED", ProgrammerOutputParser.classify("failed to download Segment[0]", false));
        assertEquals("WRITE_FAILED", ProgrammerOutputParser.classify("Write failed at address: 0x8000000", false));
        assertEquals("READ_FAILED", ProgrammerOutputParser.classify(
                "a read Operation failed, please check if any memory protection mechanism is active.", false));
        assertEquals("ERROR", ProgrammerOutputParser.classify("something else", false));
        assertEquals("WARNING", ProgrammerOutputParser.classify("something else", true));
        assertEquals("FUS_BRAND_NEW_CODE", ProgrammerOutputParser.classify("FUS_BRAND_NEW_CODE happened", false));
        assertEquals(new FlashSize(2L * 1024 * 1024, "2M", "2 MBytes (default)"), ProgrammerOutputParser.parseFlash("2 MBytes (default)"));
        assertEquals(-1, ProgrammerOutputParser.parseFlash("unknown").bytes());
        assertEquals("0.0.0", FusVersion.decode(0, 0x20030030L, 1).text());
        assertTrue(FusVersion.decode(0, 0x20030030L, 1).blank());
        assertEquals("2.0.0", FusVersion.decode(0x02000000L, 0x20030030L, 1).text());
    }

    @Test
    void blankFusReadDoesNotHideEarlierVersion() {
        String log = SWD_BANNER + lines("0x20010010 : 01020000", "0x20030030 : 00000000");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertEquals(2, s.fusVersions().size());
        assertEquals("1.2.0", s.fusVersion().orElseThrow().text());
    }
}
