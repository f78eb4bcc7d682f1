package dev.fuspath.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.planner.ProcedureOracle.Case;
import dev.fuspath.planner.ProcedureOracle.Delete;
import dev.fuspath.planner.ProcedureOracle.Expected;
import dev.fuspath.planner.ProcedureOracle.Hop;
import dev.fuspath.planner.ProcedureOracle.Installed;
import dev.fuspath.planner.ProcedureOracle.Refusal;
import dev.fuspath.planner.ProcedureOracle.Rule;
import dev.fuspath.planner.ProcedureOracle.Steps;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The oracle itself, on cases worked out by hand from the release notes (addresses read from the notes' tables), so
 * that a change to {@link ProcedureOracle} that drifts from the notes fails here and not only as a disagreement with
 * the planner. No planner code is involved.
 */
class ProcedureOracleTest {

    static Case of(String tag, String chip, String family, String flash, String fus, Installed installed,
                   String stack, String iface, String target) {
        return new Case(tag, family, flash, chip, fus, installed, stack, iface, target);
    }

    static Steps steps(Expected e) {
        return assertInstanceOf(Steps.class, e, () -> "expected a plan, got " + e);
    }

    static Rule refusal(Expected e) {
        return assertInstanceOf(Refusal.class, e, () -> "expected a refusal, got " + e).rule();
    }

    @Test
    void issueExampleLegacyTargetAfterAFusV2OnlyStackGoes0x4000Lower() {
        // v1.23.0 table: stm32wb5x_Thread_FTD_fw.bin | 0x0808B000 (1M); "Otherwise, the addresses of legacy binaries
        // must also be corrected" by start_address - 0x4000
        Steps s = steps(ProcedureOracle.expect(of("v1.23.0", "STM32WB55RG", "STM32WB5x", "1M", "2.1.0",
                Installed.FUS_V2_ONLY, "BLE_Stack_full 1.23.0", "swd", "Thread_FTD")));
        assertEquals(List.of(), s.hops());
        assertEquals(Set.of("0x08087000"), s.installAddresses());
        assertEquals(Set.of("0x0808B000", "0x08087000"), s.warnAddresses());
        assertEquals(Rule.V2_ONLY_SHIFT, s.addressRule());
        // another stack on FUS 2.x: deleted, after the (absent) FUS hops
        assertEquals(Delete.AFTER_HOPS, s.delete());
        assertTrue(s.ancillary().contains(Rule.START_FUS_SWD));
        assertTrue(s.ancillary().contains(Rule.OB_RESTORE_SWD));
    }

    @Test
    void fusV2OnlyTargetKeepsTheTableAddress() {
        Steps s = steps(ProcedureOracle.expect(of("v1.23.0", "STM32WB55RG", "STM32WB5x", "1M", "2.1.0",
                Installed.FUS_V2_ONLY, "BLE_Stack_light 1.23.0", "usb", "BLE_Stack_full")));
        assertEquals(Rule.TABLE_ADDRESS, s.addressRule());
        assertEquals(1, s.installAddresses().size());
        assertTrue(s.warnAddresses().isEmpty());
    }

    @Test
    void unknownHistoryOnFus2NamesBothAddresses() {
        // v1.13.1 table: stm32wb5x_BLE_Stack_full_fw.bin | 0x080C7000 (1M)
        Steps s = steps(ProcedureOracle.expect(of("v1.13.1", "STM32WB55RG", "STM32WB5x", "1M", "2.1.0",
                Installed.NONE, "none", "usb", "BLE_Stack_full")));
        assertEquals(Set.of("0x080C7000", "0x080C3000"), s.installAddresses());
        assertEquals(Set.of("0x080C7000", "0x080C3000"), s.warnAddresses());
        assertEquals(Rule.V2_ONLY_UNKNOWN, s.addressRule());
        assertEquals(Delete.NONE, s.delete(), "nothing to delete on FUS 2.x");
        assertEquals(Rule.FUS_NEVER_DOWNGRADES, s.chainRule(), "2.1.0 is above v1.13.1's FUS 1.2.0");
        // FUS 1.2.0 and no stack: the table address, certain
        Steps fus1 = steps(ProcedureOracle.expect(of("v1.13.1", "STM32WB55RG", "STM32WB5x", "1M", "1.2.0",
                Installed.NONE, "none", "usb", "BLE_Stack_full")));
        assertEquals(Set.of("0x080C7000"), fus1.installAddresses());
        assertTrue(fus1.warnAddresses().isEmpty());
        assertEquals(Delete.OPTIONAL_AFTER_HOPS, fus1.delete(), "\"after FW Delete if requested\"");
    }

    @Test
    void smallFlashBeforeV150InstallsFus102BeforeTheDelete() {
        // v1.4.0: 256K/512K "mandatory to install FUS V1.0.2 before any other operation"; FUS table 512K 0x0807A000;
        // stack table stm32wb5x_BLE_Stack_fw.bin 512K 0x08057000
        Steps s = steps(ProcedureOracle.expect(of("v1.4.0", "STM32WB55CE", "STM32WB5x", "512K", "0.5.3",
                Installed.NONE, "none", "usb", "BLE_Stack_full")));
        assertEquals(List.of(new Hop("stm32wb5x_FUS_fw.bin", "0x0807A000", "1.0.2")), s.hops());
        assertEquals(Delete.AFTER_FIRST_HOP, s.delete());
        assertEquals("stm32wb5x_BLE_Stack_fw.bin", s.installFile());
        assertEquals(Set.of("0x08057000"), s.installAddresses());
        assertTrue(s.ancillary().contains(Rule.FUS_1_0_2_WARNING));
        // 1M: STEP 3 deletes before STEP 4/5
        Steps big = steps(ProcedureOracle.expect(of("v1.4.0", "STM32WB55RG", "STM32WB5x", "1M", "0.5.3",
                Installed.NONE, "none", "usb", "BLE_Stack_full")));
        assertEquals(Delete.BEFORE_HOPS, big.delete());
        assertFalse(big.ancillary().contains(Rule.FUS_1_0_2_WARNING));
        assertEquals(Rule.USB_ONLY_V1_1_TO_V1_4, refusal(ProcedureOracle.expect(of("v1.4.0", "STM32WB55RG",
                "STM32WB5x", "1M", "1.0.2", Installed.NONE, "none", "swd", "BLE_Stack_full"))));
    }

    @Test
    void v1101DeletesFirstThenGoesThrough102ThenLatest() {
        Steps s = steps(ProcedureOracle.expect(of("v1.10.1", "STM32WB55RG", "STM32WB5x", "1M", "0.5.3",
                Installed.LEGACY, "BLE_Stack_full 1.10.0", "swd", "BLE_Stack_full")));
        assertEquals(List.of("stm32wb5x_FUS_fw_1_0_2.bin", "stm32wb5x_FUS_fw.bin"),
                s.hops().stream().map(Hop::file).toList());
        assertEquals(Delete.BEFORE_HOPS, s.delete());
        assertFalse(s.ancillary().contains(Rule.START_FUS_SWD), "no Start FUS step before v1.11.1");
        // 1.1.0 is below v1.10.1's latest FUS 1.1.2
        Steps fus110 = steps(ProcedureOracle.expect(of("v1.10.1", "STM32WB55RG", "STM32WB5x", "1M", "1.1.0",
                Installed.NONE, "none", "usb", "BLE_Stack_full")));
        assertEquals(List.of("stm32wb5x_FUS_fw.bin"), fus110.hops().stream().map(Hop::file).toList());
    }

    @Test
    void fusV2EraChains() {
        // v1.24.0 FUS table: stm32wb5x_FUS_fw_1_2_0.bin 1M 0x080EC000, stm32wb5x_FUS_fw.bin 1M 0x080EE000 (V2.2.0)
        Steps s = steps(ProcedureOracle.expect(of("v1.24.0", "STM32WB55RG", "STM32WB5x", "1M", "1.1.0",
                Installed.NONE, "none", "usb", "BLE_Stack_full")));
        assertEquals(List.of(new Hop("stm32wb5x_FUS_fw_1_2_0.bin", "0x080EC000", "1.2.0"),
                new Hop("stm32wb5x_FUS_fw.bin", "0x080EE000", "2.2.0")), s.hops());
        Steps zero = steps(ProcedureOracle.expect(of("v1.24.0", "STM32WB55RG", "STM32WB5x", "1M", "0.5.3",
                Installed.NONE, "none", "usb", "BLE_Stack_full")));
        assertEquals(List.of("stm32wb5x_FUS_fw_for_fus_0_5_3.bin", "stm32wb5x_FUS_fw.bin"),
                zero.hops().stream().map(Hop::file).toList());
        Steps v2 = steps(ProcedureOracle.expect(of("v1.24.0", "STM32WB55RG", "STM32WB5x", "1M", "2.1.0",
                Installed.LEGACY, "BLE_Stack_full 1.22.0", "swd", "BLE_Stack_full")));
        assertEquals(List.of("stm32wb5x_FUS_fw.bin"), v2.hops().stream().map(Hop::file).toList());
        assertEquals(Delete.NONE, v2.delete(), "in place on FUS 2.x: the NVM is kept");
    }

    @Test
    void fus200IsUsbOnly() {
        assertEquals(Rule.FUS_2_0_0_USB_ONLY, refusal(ProcedureOracle.expect(of("v1.22.1", "STM32WB55RG",
                "STM32WB5x", "1M", "1.2.0", Installed.NONE, "none", "swd", "BLE_Stack_full"))),
                "v1.22.1 brings FUS to 2.0.0, then installs over SWD");
        assertEquals(Rule.FUS_2_0_0_USB_ONLY, refusal(ProcedureOracle.expect(of("v1.13.1", "STM32WB55RG",
                "STM32WB5x", "1M", "2.0.0", Installed.NONE, "none", "swd", "BLE_Stack_full"))));
        steps(ProcedureOracle.expect(of("v1.22.1", "STM32WB55RG", "STM32WB5x", "1M", "1.2.0", Installed.NONE,
                "none", "usb", "BLE_Stack_full")));
        // v1.23.0 goes from 1.2.0 straight to 2.1.0: SWD is fine
        steps(ProcedureOracle.expect(of("v1.23.0", "STM32WB55RG", "STM32WB5x", "1M", "1.2.0", Installed.NONE,
                "none", "swd", "BLE_Stack_full")));
    }

    @Test
    void refusalsOfTheNotes() {
        assertEquals(Rule.V1_5_0_FUS_IMAGE_INVALID, refusal(ProcedureOracle.expect(of("v1.5.0", "STM32WB55RG",
                "STM32WB5x", "1M", "1.0.2", Installed.NONE, "none", "usb", "BLE_Stack_full"))));
        Steps upToDate = steps(ProcedureOracle.expect(of("v1.5.0", "STM32WB55RG", "STM32WB5x", "1M", "1.1.0",
                Installed.NONE, "none", "swd", "BLE_Stack_full")));
        assertEquals(List.of(), upToDate.hops(), "v1.5.0: \"FUSv1.1.0 => Up to date\"");
        assertEquals(Rule.WB1X_SWD_ONLY, refusal(ProcedureOracle.expect(of("v1.13.1", "STM32WB15CC",
                "STM32WB1x", "320K", "1.2.0", Installed.NONE, "none", "usb", "BLE_Stack_full"))));
        assertEquals(Rule.WB1X_OUTSIDE_FUS_V1_11_0, refusal(ProcedureOracle.expect(of("v1.11.0", "STM32WB15CC",
                "STM32WB1x", "320K", "1.2.0", Installed.NONE, "none", "swd", "BLE_Stack_full"))));
        assertEquals(Rule.V2_ONLY_NEEDS_FUS_2, refusal(ProcedureOracle.expect(of("v1.23.0", "STM32WB55RG",
                "STM32WB5x", "1M", "1.2.0", Installed.FUS_V2_ONLY, "BLE_Stack_full 1.23.0", "usb", "Thread_FTD"))));
        assertEquals(Rule.V2_ONLY_NEEDS_FUS_2, refusal(ProcedureOracle.expect(of("v1.24.0", "STM32WB55RG",
                "STM32WB5x", "1M", "2.0.0", Installed.FUS_V2_ONLY, "BLE_Stack_full 1.23.0", "usb", "Thread_FTD"))),
                "v1.23.0: \"can only be installed with FUS v2.1.0\"");
        steps(ProcedureOracle.expect(of("v1.24.0", "STM32WB55RG", "STM32WB5x", "1M", "2.0.0", Installed.FUS_V2_ONLY,
                "BLE_Stack_full 1.22.1", "usb", "Thread_FTD")));
        assertEquals(Rule.CHAIN_WB3X_V1_5_0_TO_V1_7_0, refusal(ProcedureOracle.expect(of("v1.6.0", "STM32WB35CE",
                "STM32WB3x", "512K", "0.5.3", Installed.NONE, "none", "usb", "BLE_Stack_full"))));
        assertEquals(Rule.CATALOG, refusal(ProcedureOracle.expect(of("v1.1.0", "STM32WB55CE", "STM32WB5x", "512K",
                "1.0.2", Installed.NONE, "none", "usb", "BLE_Stack_full"))), "v1.1.0 has 1M addresses only");
        Steps wb1x = steps(ProcedureOracle.expect(of("v1.13.1", "STM32WB15CC", "STM32WB1x", "320K", "1.2.0",
                Installed.NONE, "none", "swd", "BLE_Stack_full")));
        assertEquals(List.of(), wb1x.hops(), "\"Latest FW FUS version is embedded in STM32WB1x\"");
        assertFalse(wb1x.ancillary().contains(Rule.OB_RESTORE_SWD), "no STM32WB1x note restores option bytes");
    }

    @Test
    void everyRuleQuotesItsNotes() {
        for (Rule r : Rule.values()) {
            assertFalse(r.quote.isBlank(), r.name());
            assertFalse(r.releases.isBlank(), r.name());
            assertFalse(r.reading.isBlank(), r.name());
        }
    }
}
