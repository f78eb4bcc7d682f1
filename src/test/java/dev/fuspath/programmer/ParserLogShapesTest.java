package dev.fuspath.programmer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.programmer.Operation.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Log shapes the diagnosis needed, each from a public thread: image sizes and erase ranges, "Current FUS Version",
 * bare FUS state lines of the GUI, the old "RSS" names, and error lines without an "Error:" prefix.
 */
class ParserLogShapesTest {

    private static String lines(String... l) {
        return String.join("\n", l) + "\n";
    }

    @Test
    void imageSizeAndEraseRangeAreTheImagesNotTheOperators() {
        // https://community.st.com/t5/stm32-mcus-wireless/error-fus-state-img-not-found/td-p/721392
        String log = lines(
                "09:16:00 : Old Firmware delete ...",
                "09:16:00 : Opening and parsing file: 0x495_FUS_Operator.bin",
                "09:16:00 : File : 0x495_FUS_Operator.bin",
                "09:16:00 : Size : 8.00 KB",
                "09:16:00 : Address : 0x08000000",
                "09:16:00 : Erasing internal memory sectors [0 1]",
                "09:16:07 : Warning: FUS_STATE_IMG_NOT_FOUND, Flash already empty !",
                "09:16:09 : Firmware delete Success",
                "09:16:09 : Download Stack/FUS image at address 0x80EC000 ...",
                "09:16:09 : Opening and parsing file: stm32wb5x_BLE_LLD_fw.bin",
                "09:16:09 : File : stm32wb5x_BLE_LLD_fw.bin",
                "09:16:09 : Size : 29.81 KB",
                "09:16:09 : Address : 0x080EC000",
                "09:16:09 : Erasing internal memory sectors [236 243]",
                "09:16:09 : Firmware Upgrade process started ...");
        Operation up = ProgrammerOutputParser.parse(log).operations(Kind.FWUPGRADE).get(0);
        assertEquals("stm32wb5x_BLE_LLD_fw.bin", up.file());
        assertEquals(new ImageSize(30525, 6, "29.81 KB"), up.size());
        assertTrue(up.size().matches(30528), "v1.18.0's stm32wb5x_BLE_LLD_fw.bin");
        assertTrue(!up.size().matches(30540));
        assertEquals(new EraseRange(236, 243, 14), up.erase());
    }

    @Test
    void sizeSpellings() {
        assertEquals(new ImageSize(24492, 0, "24492 Bytes"), ProgrammerOutputParser.parseSize("24492 Bytes"));
        assertEquals(new ImageSize(8192, 512, "8 KBytes"), ProgrammerOutputParser.parseSize("8 KBytes"));
        assertEquals(new ImageSize(Math.round(424.79 * 1024), 6, "424.79 KB"), ProgrammerOutputParser.parseSize("424.79 KB"));
        assertEquals(1024 * 1024 + 104858, ProgrammerOutputParser.parseSize("1.1 MB").bytes());
        assertNull(ProgrammerOutputParser.parseSize("unknown"));
    }

    @Test
    void downloadWithoutFwupgradeKeepsItsOwnSize() {
        // https://community.st.com/t5/stm32-mcus-wireless/unable-to-upgrade-stm32wb-via-usb-bootloader/m-p/605983
        String log = lines(
                "09:12:45 : Device ID : 0x0495",
                "09:13:33 : Memory Programming ...",
                "09:13:33 : Opening and parsing file: xxx.bin",
                "09:13:33 : File : xxx.bin",
                "09:13:33 : Size : 507.16 KB",
                "09:13:33 : Address : 0x08000000",
                "09:13:33 : Download in Progress:",
                "09:13:33 : Error: Write failed at address: 0x8000000",
                "09:13:33 : Error: failed to download Segment[0]");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        Operation write = s.operations(Kind.OTHER).get(0);
        assertEquals("xxx.bin", write.file());
        assertEquals(Math.round(507.16 * 1024), write.size().bytes());
        assertTrue(write.failed());
        assertEquals(List.of("WRITE_FAILED", "DOWNLOAD_FAILED"), s.errors().stream().map(ProgrammerError::code).toList());
    }

    @Test
    void currentFusVersionPrintedBeforeAnUpgrade() {
        // STM32CubeProgrammer v2.8.0 over USB, https://community.st.com/stm32-mcus-wireless-35/i-have-a-p-nucleo-wb55-and-i-would-like-to-update-the-fus-currently-v0-5-3-however-i-keep-getting-that-the-firmware-is-not-authentic-31133
        String log = lines(
                "./STM32_Programmer_CLI -c port=usb1 -fwupgrade stm32wb5x_FUS_fw_for_fus_0_5_3.bin 0x080EC000 firstinstall=0",
                "USB speed : Full Speed (12MBit/s)",
                "Device ID : 0x0495",
                "Current FUS Version : 0x00050300==================] 100%",
                "Uploaded FUS Version : 0x01002000",
                "FUS state is FUS_IDLE");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertEquals(1, s.fusVersions().size());
        FusVersion v = s.fusVersions().get(0);
        assertEquals("0.5.3", v.text());
        assertEquals(ProgrammerOutputParser.REPORTED_BY_TOOL, v.address());
        assertEquals(4, v.line());
    }

    @Test
    void guiStateLinesAndOldRssNames() {
        // https://community.st.com/t5/stm32-mcus-wireless/problem-fus-when-i-try-to-load-ble-stack-on-stm32wb15xx/m-p/89405
        // and STM32CubeProgrammer v2.1 "RSS" output, https://community.st.com/t5/stm32-mcus-wireless/stm32cubeprogrammer-can-not-download/m-p/151598
        String log = lines(
                "12:02:41 : StartFus activated successfully",
                "12:02:41 : FUS_STATE_IDLE",
                "12:02:41 : Start FUS execution finished",
                "RSS state is RSS_ERROR",
                "RSS status is RSS_NOT_RUNNING",
                "RSS state is RSS_IDLE");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertEquals(List.of("FUS_IDLE", "FUS_ERROR", "FUS_STATE_NOT_RUNNING", "FUS_IDLE"),
                s.fusObservations().stream().map(FusObservation::name).toList());
        assertEquals(List.of(2, 4, 5, 6), s.fusObservations().stream().map(FusObservation::line).toList());
    }

    @Test
    void failuresPrintedWithoutErrorPrefix() {
        // https://github.com/STMicroelectronics/STM32CubeWB/issues/41 and
        // https://community.st.com/t5/stm32-mcus-wireless/unable-to-flash-my-p-nucleo-wb55-dongle/td-p/311243
        String log = lines(
                "16:28:40 : Download Stack/FUS image at address 0x80ec000 ...",
                "16:28:40 :   File          : stm32wb5x_FUS_fw.bin",
                "16:28:40 :   Size          : 122134 Bytes",
                "16:28:40 : Operation exceeds memory limits",
                "16:28:40 : failed to erase memory",
                "16:28:40 : Error: Failed to download image!",
                "erasing sector 0000 @: 0x08000000 failed",
                "erasing sector 0206 @: 0x080ce000 done");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertEquals(List.of("MEMORY_LIMITS", "ERASE_FAILED", "DOWNLOAD_FAILED", "ERASE_FAILED"),
                s.errors().stream().map(ProgrammerError::code).toList());
        Operation up = s.operations(Kind.FWUPGRADE).get(0);
        assertEquals(122134L, up.size().bytes());
        assertTrue(up.failed());
    }

    @Test
    void newerWordingsAndClasses() {
        String log = lines(
                "Firmware Upgrade process begins...",
                "Warning: Firmware upgrade Error!",
                "Error: Start Wireless Stack Operation Failure! Please, try again",
                "Error: fwupgrade command is not supported for such device",
                "Error: unknown or unsupported device (DevID = 0x0000)");
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        assertEquals(List.of("UPGRADE_FAILED", "START_STACK_FAILED", "UNSUPPORTED_DEVICE", "UNSUPPORTED_DEVICE"),
                s.errors().stream().map(ProgrammerError::code).toList());
        assertTrue(s.operations(Kind.FWUPGRADE).get(0).failed());
    }
}
