package dev.fuspath.diagnose;

import static dev.fuspath.diagnose.DiagnoseFixtures.lineOf;
import static dev.fuspath.diagnose.DiagnoseFixtures.log;
import static dev.fuspath.diagnose.DiagnoserTest.codes;
import static dev.fuspath.diagnose.DiagnoserTest.errors;
import static dev.fuspath.diagnose.DiagnoserTest.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.diagnose.Diagnosis.Finding;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The cause findings of issue 11 ("Diagnosis, then"), held on variants of the real logs (logs/real) rather than on
 * the logs themselves: another field, another interface, another word, so that each rule holds for its class.
 */
class CauseFindingsTest {

    private static Diagnosis diagnose(String text) {
        return DiagnoseFixtures.diagnoser().diagnose(text, Diagnoser.Hints.NONE);
    }

    private static String real(String name) {
        return log("real/" + name + ".log");
    }

    private static final String USB_BANNER = """
            USB speed   : Full Speed (12MBit/s)
            Manuf. ID   : STMicroelectronics
            Product ID  : DFU in FS Mode
            SN          : 206A3261554D
            FW version  : 0x011a
            Device ID   : 0x0495
            Device name : STM32WBxx
            Flash size  : 1 MBytes
            Device type : MCU
            Device CPU  : Cortex-M0+/M4
            """;

    @Test
    void anOptionByteVerificationErrorOnAnyFieldNamesTheMismatchAndItsFix() {
        String text = real("st-285479-ob-sfsa-verification-error-swd-v2.4").replace("SFSA=0xcb", "nBOOT0=0")
                .replace("Option Byte \"sfsa\": 0xCB, found: 0x0", "Option Byte \"nBOOT0\": 0x0, found: 0x1");
        Diagnosis d = diagnose(text);
        Finding f = finding(d, "option-byte-mismatch");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertTrue(f.message().contains("nBOOT0") && f.message().contains("SFSA"), f.message());
        assertTrue(f.remedy().contains("power-cycle") && f.remedy().contains("-fwupgrade"), f.remedy());
        assertTrue(f.evidence().contains(lineOf(text, "Expected value for Option Byte")), f.evidence().toString());
        assertEquals("option-byte-mismatch", d.findings().get(0).code(), "the cause comes before the code it explains");
    }

    @Test
    void fusRefusingForInvalidOptionBytesIsTheSameCause() {
        String text = "STM32CubeProgrammer v2.12.0\n" + USB_BANNER
                + "Error: FUS_STATE_ERROR_INVALID_OB: Option bytes and UFB values do not match.\n";
        Finding f = finding(diagnose(text), "option-byte-mismatch");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertTrue(f.message().contains("FUS found the option bytes"), f.message());
    }

    @Test
    void applicationDfuIsNamedWithTheBootloaderRemedyAndItsReadIsNotBlamedOnFus() {
        String text = real("st-57562-application-dfu-iap-usb-v2.5");
        Diagnosis d = diagnose(text);
        Finding f = finding(d, "application-dfu-not-rom-bootloader");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertTrue(f.message().contains("IAP") && f.remedy().contains("BOOT0"), f.remedy());
        assertTrue(f.evidence().contains(lineOf(text, "-fwupgrade")), f.evidence().toString());
        assertFalse(codes(d).contains("error fus-not-started-before-read"), codes(d).toString());

        Diagnosis rom = diagnose(text.replace("IAP\n", "").replace("IAP\r\n", ""));
        assertFalse(errors(rom).contains("application-dfu-not-rom-bootloader"), codes(rom).toString());
    }

    @Test
    void anOperationThatNeverEndsIsALostConnectionOverUsbOnly() {
        String text = real("st-ElepU-fwdelete-never-ends-usb-v2.5");
        Finding f = finding(diagnose(text), "lost-usb-connection");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertTrue(f.message().contains("fwdelete") && f.remedy().contains("cable")
                && f.remedy().contains("read its state again"), f.remedy());

        // the same stop while an upgrade runs: the class, not the one command
        String upgrade = text.replace("-fwdelete", "-fwupgrade stm32wb5x_BLE_Stack_full_fw.bin 0x080CE000")
                .replace("Deleting firmware ...", "Firmware Upgrade process started ...");
        Diagnosis du = diagnose(upgrade);
        assertTrue(errors(du).contains("lost-usb-connection"), codes(du).toString());
    }

    @Test
    void anImplausibleVersionWordReadWithoutStartFusIsNotListedAndIsExplained() {
        String text = real("st-884501-stack-word-read-without-startfus-markdown").replace("130E0019", "2A0B0007");
        Diagnosis d = diagnose(text);
        Finding f = finding(d, "fus-not-started-before-read");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertTrue(f.message().contains("2A0B0007") && f.message().contains("stack's"), f.message());
        assertTrue(f.remedy().contains("-startfus"), f.remedy());
        assertEquals(0, d.session().stackVersions().stream().filter(v -> v.word().equals("0x2A0B0007")).count());

        Diagnosis plausible = diagnose(text.replace("2A0B0007", "01110000"));
        assertFalse(codes(plausible).contains("error fus-not-started-before-read"), codes(plausible).toString());

        String started = "STM32_Programmer_CLI -c port=swd -startfus\nStartFus activated successfully\n" + text;
        assertFalse(codes(diagnose(started)).contains("error fus-not-started-before-read"));
    }

    @Test
    void fusNotRunningAtTheEndOfAStackInstallThatSucceededIsNoError() {
        String text = "STM32CubeProgrammer v2.3.0\n$ ./STM32_Programmer_CLI -c port=usb1 -fwupgrade"
                + " stm32wb5x_BLE_Stack_full_fw.bin 0x080CB000 firstinstall=1\n" + USB_BANNER
                + "FUS state is FUS_IDLE\nFUS status is FUS_NO_ERROR\n"
                + "FUS state is WIRELESS_STACK_UPGRADE_ONGOING\nFUS status is FUS_NO_ERROR\n"
                + "FUS state is FUS_ERROR\nFUS status is FUS_NOT_RUNNING\nFirmware Upgrade Success\n";
        Diagnosis d = diagnose(text);
        assertTrue(errors(d).isEmpty(), codes(d).toString());
        assertFalse(codes(d).contains("warning fus-not-running"), codes(d).toString());

        Diagnosis failed = diagnose(text.replace("Firmware Upgrade Success", "Error: Firmware Upgrade failed"));
        assertTrue(errors(failed).contains("fus-not-running"), codes(failed).toString());
    }

    @Test
    void aDeleteThatFindsFusNotRunningAndStartsItIsNoFusNotRunningError() {
        String text = "STM32CubeProgrammer v2.3.0\n$ ./STM32_Programmer_CLI -c port=usb1 -fwdelete\n" + USB_BANNER
                + "FUS state is FUS_ERROR\nFUS status is FUS_NOT_RUNNING\n"
                + "FUS state is FUS_IDLE\nFUS status is FUS_NO_ERROR\n";
        Diagnosis ok = diagnose(text + "fwdelete command execution finished\n");
        assertTrue(errors(ok).isEmpty(), codes(ok).toString());
        Diagnosis failed = diagnose(text + "Error: FUS_STATE_IMG_NOT_FOUND: no image found.\n");
        assertFalse(errors(failed).contains("fus-not-running"), codes(failed).toString());
    }

    @Test
    void aFailedFusUpgradeFollowedByANewerFusReadTookEffect() {
        String text = real("gh-mbed-os-stm32wb-readme-usb-v2.3");
        Diagnosis d = diagnose(text);
        Finding f = finding(d, "FUS_IMG_NOT_AUTHENTIC");
        assertEquals(Diagnosis.INFO, f.severity());
        // the same log where the later read still shows FUS 0.5.3: the upgrade did not take, it is an error
        Diagnosis same = diagnose(text.replace("0x20030030 : 01000200", "0x20030030 : 00050300"));
        assertTrue(errors(same).contains("FUS_IMG_NOT_AUTHENTIC"), codes(same).toString());
    }

    @Test
    void theSafebootImageIsTheWrongFileUnlessTheRunningFusTakesIt() {
        String text = real("st-674733-safeboot-err-unknown-gui-v2.16");
        Finding f = finding(diagnose(text), "wrong-file-for-fus");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertTrue(f.message().contains("Safeboot") && f.message().contains("V1.1.0"), f.message());
        // the WB1x Safeboot image is the same class
        String wb1x = text.replace("stm32wb5x_Safeboot_fw.bin", "stm32wb1x_Safeboot_fw.bin");
        assertTrue(errors(diagnose(wb1x)).contains("wrong-file-for-fus"), codes(diagnose(wb1x)).toString());
        // a FUS image in the same place is not called Safeboot
        String fus = text.replace("stm32wb5x_Safeboot_fw.bin", "stm32wb5x_FUS_fw.bin");
        assertFalse(errors(diagnose(fus)).contains("wrong-file-for-fus"), codes(diagnose(fus)).toString());
    }

    @Test
    void aLogEndingWithFusErrUnknownUnansweredIsAnErrorAndOneFusAnswersAfterIsNot() {
        String text = real("st-125135-wb15cc-err-unknown-gui-ms-v2.14");
        Finding f = finding(diagnose(text), "fus-not-running");
        assertEquals(Diagnosis.ERROR, f.severity());
        assertTrue(f.message().contains("not answering") && f.remedy().contains("-startfus"), f.remedy());

        String answered = text + "10:24:06:100 : FUS state is FUS_IDLE\n";
        assertFalse(errors(diagnose(answered)).contains("fus-not-running"), codes(diagnose(answered)).toString());
    }

    /**
     * gh-mbed-os's stack install ends as the real tool ends one (FUS_ERROR / FUS_NOT_RUNNING, "Firmware Upgrade
     * Success"): the stack runs. A read of 0x20030030 after it, with no -startfus, gives a word that looks like a
     * version but may be the stack's: a warning says so; the same read before the install, or after a -startfus, is
     * FUS's.
     */
    @Test
    void aPlausibleWordReadAfterTheStackStartedWithoutStartFusMayNotBeFuss() {
        String install = real("gh-mbed-os-stm32wb-readme-usb-v2.3");
        String read = "$ ./STM32_Programmer_CLI.exe -c port=usb1 -r32 0x20030030 1\n" + USB_BANNER
                + "\nReading 32-bit memory content\n  Size          : 4 Bytes\n  Address:      : 0x20030030\n\n"
                + "0x20030030 : 01010100\n";
        Diagnosis after = diagnose(install + "\n" + read);
        Finding f = finding(after, "fus-not-started-before-read");
        assertEquals(Diagnosis.WARNING, f.severity(), f.message());
        assertTrue(f.message().contains("01010100") && f.message().contains("may not be FUS's version"), f.message());
        assertTrue(f.remedy().contains("-startfus"), f.remedy());
        assertFalse(codes(diagnose(install)).stream().anyMatch(c -> c.endsWith("fus-not-started-before-read")),
                codes(diagnose(install)).toString());
        String started = install + "\n$ ./STM32_Programmer_CLI.exe -c port=usb1 -startfus\n"
                + "StartFus activated successfully\n" + read;
        assertFalse(codes(diagnose(started)).stream().anyMatch(c -> c.endsWith("fus-not-started-before-read")),
                codes(diagnose(started)).toString());
    }

    @Test
    void aPlanFromAFileWhoseReleaseCannotBeToldSaysSoAndAssumesNoRelease() {
        // a stack given by name only, no path naming a release, no size: many releases shipped different files
        String text = "STM32CubeProgrammer v2.12.0\n$ ./STM32_Programmer_CLI -c port=usb1 -fwupgrade"
                + " stm32wb5x_BLE_Stack_full_fw.bin 0x080CE000 firstinstall=0\n" + USB_BANNER
                + "Error: FUS_STATE_IMG_NOT_FOUND: Firmware/FUS upgrade requested but no image found.\n";
        Diagnosis d = DiagnoseFixtures.diagnoser().diagnose(text, new Diagnoser.Hints(Optional.of("STM32WB55RG"),
                Optional.of("1.2.0")));
        assertNotNull(d.correctedPlan());
        assertNull(d.correctedPlan().plan(), d.correctedPlan().assumption());
        assertTrue(d.correctedPlan().unavailable().contains("does not tell which release")
                && d.correctedPlan().unavailable().contains("--release"), d.correctedPlan().unavailable());

        String withPath = text.replace(" stm32wb5x_BLE_Stack_full_fw.bin", " /home/u/STM32Cube_FW_WB_V1.23.0/Projects/"
                + "STM32WB_Copro_Wireless_Binaries/STM32WB5x/stm32wb5x_BLE_Stack_full_fw.bin");
        Diagnosis p = DiagnoseFixtures.diagnoser().diagnose(withPath, new Diagnoser.Hints(Optional.of("STM32WB55RG"),
                Optional.of("1.2.0")));
        assertNotNull(p.correctedPlan().plan(), p.correctedPlan().unavailable());
        assertEquals("v1.23.0", p.correctedPlan().plan().release());
        assertTrue(p.correctedPlan().assumption().contains("path"), p.correctedPlan().assumption());
    }
}
