package dev.fuspath.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The printer alone: events in, the real tool's lines out. */
class TranscriptPrinterTest {

    static List<String> lines(FusEvent... events) {
        String out = TranscriptPrinter.print(List.of("-c", "port=usb1"), "2.17.0", List.of(events));
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void aStackInstallEndsAsGhMbedOsShowsIt() {
        List<String> l = lines(new FusEvent.UpgradeOngoing(false), new FusEvent.UpgradeDone(false));
        assertEquals(List.of("FUS state is WIRELESS_STACK_UPGRADE_ONGOING", "FUS status is FUS_NO_ERROR",
                "FUS state is FUS_ERROR", "FUS status is FUS_NOT_RUNNING", "Firmware Upgrade Success"),
                l.subList(l.size() - 5, l.size()));
    }

    @Test
    void aFusUpgradeIsFusUpgradeOngoing() {
        List<String> l = lines(new FusEvent.UpgradeOngoing(true),
                new FusEvent.UpgradeRefused(true, "FUS_IMAGE_NOT_AUTHENTIC"));
        assertEquals(List.of("FUS state is FUS_UPGRADE_ONGOING", "FUS status is FUS_NO_ERROR",
                "FUS state is FUS_UPGRADE_ONGOING", "FUS status is FUS_IMAGE_NOT_AUTHENTIC",
                "Error: Firmware not authentic!"), l.subList(l.size() - 5, l.size()));
    }

    @Test
    void aUsbDeleteWhileTheStackRunsOpensWithFusNotRunning() {
        List<String> l = lines(new FusEvent.FusStartedByTool(), new FusEvent.DeleteStarted(),
                new FusEvent.StackDeleted(true));
        assertEquals(List.of("FUS state is FUS_ERROR", "FUS status is FUS_NOT_RUNNING", "FUS state is FUS_IDLE",
                "FUS status is FUS_NO_ERROR", "Deleting firmware ...", "Firmware delete finished",
                "fwdelete command execution finished"), l.subList(l.size() - 7, l.size()));
    }

    @Test
    void bannerAndReads() {
        String out = TranscriptPrinter.print(List.of("-c", "port=swd"), "2.17.0", List.of(
                new FusEvent.Connected(false, "hotplug", "0x495", "STM32WB5x/35xx", 512 * 1024),
                new FusEvent.Read(0x20030024L, List.of(1L, 2L, 3L, 4L, 5L))));
        assertTrue(out.startsWith("STM32_Programmer_CLI -c port=swd\n"), out);
        assertTrue(out.contains("\nConnect mode: Hot Plug\n"), out);
        assertTrue(out.contains("\nFlash size  : 512 KBytes\n"), out);
        assertTrue(out.contains("\n0x20030024 : 00000001 00000002 00000003 00000004\n0x20030034 : 00000005\n"), out);
        assertTrue(out.contains("\n  Size          : 20 Bytes\n"), out);
    }

    @Test
    void noLineOutsideTheShapes() {
        String out = TranscriptPrinter.print(List.of("-c", "port=usb1"), "2.17.0", List.of(
                new FusEvent.Connected(true, null, "0x494", "STM32WB1x", 320 * 1024), new FusEvent.FusIdle(),
                new FusEvent.OldStackDeleted(false), new FusEvent.DownloadStarted("x.bin", 2048, 0x08040000L),
                new FusEvent.OutsideMemory()));
        for (String line : out.lines().filter(l -> !l.isBlank()).toList()) {
            assertTrue(java.util.Arrays.stream(TranscriptPrinter.Shape.values())
                    .anyMatch(s -> TranscriptShapesTest.printedIn(s, List.of(line))), line);
        }
    }
}
