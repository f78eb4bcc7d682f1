package dev.fuspath.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.rules.Rules;
import org.junit.jupiter.api.Test;

class FileNameClaimsTest {

    private static final Rules RULES = Rules.bundled();
    private static final FileNameClaims NOTHING = new FileNameClaims(null, null, null, null, null, null);

    private static FileNameClaims parse(String name) {
        return FileNameClaims.parse(name, RULES);
    }

    private static String family(FileNameClaims c) {
        return c.family() == null ? null : c.family().name();
    }

    @Test
    void stackFile() {
        FileNameClaims c = parse("stm32wb5x_BLE_Stack_full_fw.bin");
        assertEquals("stm32wb5x", c.prefix());
        assertEquals("STM32WB5x", family(c));
        assertEquals(Kind.STACK, c.kind());
        assertEquals("BLE_Stack_full", c.stack());
        assertNull(c.version());
        assertNull(c.forFus());
    }

    @Test
    void fusForFusClaimsNoVersionOfItsOwn() {
        FileNameClaims c = parse("stm32wb5x_FUS_fw_for_fus_0_5_3.bin");
        assertEquals("STM32WB5x", family(c));
        assertEquals(Kind.FUS, c.kind());
        assertNull(c.stack());
        assertNull(c.version());
        assertEquals(FirmwareVersion.of(0, 5, 3), c.forFus());
    }

    @Test
    void fusWithVersion() {
        FileNameClaims c = parse("stm32wb3x_FUS_fw_1_2_0.bin");
        assertEquals("STM32WB3x", family(c));
        assertEquals(Kind.FUS, c.kind());
        assertEquals(FirmwareVersion.of(1, 2, 0), c.version());
        assertNull(c.forFus());
        assertEquals(FirmwareVersion.of(1, 2, 0), parse("stm32wb5x_FUS_fw_1_2_0.bin").version());
        assertNull(parse("stm32wb5x_FUS_fw.bin").version());
    }

    @Test
    void safebootWithDottedVersion() {
        FileNameClaims c = parse("stm32wb1x_Safeboot_fw_v1.2.0.bin");
        assertEquals("STM32WB1x", family(c));
        assertEquals(Kind.SAFEBOOT, c.kind());
        assertEquals(FirmwareVersion.of(1, 2, 0), c.version());
        assertNull(c.stack());
        assertEquals(FirmwareVersion.of(2, 0, 0), parse("stm32wb1x_Safeboot_fw_2_0_0.bin").version());
    }

    @Test
    void olderStackNamesMapToTodaysName() {
        assertEquals("BLE_Stack_full", parse("stm32wb5x_BLE_Stack_fw.bin").stack());
        assertEquals("BLE_Thread_static", parse("stm32wb5x_BLE_Thread_fw.bin").stack());
        assertEquals("BLE_Zigbee_FFD_static", parse("stm32wb5x_BLE_Zigbee_static_fw.bin").stack());
        assertEquals("Zigbee_FFD", parse("stm32wb5x_Zigbee_FFD_Full_fw.bin").stack());
        assertEquals("Zigbee_FFD", parse("stm32wb5x_zigbee_full_fw.bin").stack());
        assertEquals("BLE_Stack_full_extended", parse("stm32wb1x_BLE_Stack_full_extended_fw.bin").stack());
    }

    @Test
    void foldersAreIgnored() {
        FileNameClaims plain = parse("stm32wb5x_BLE_Stack_full_fw.bin");
        assertEquals(plain, parse("Projects/STM32WB_Copro_Wireless_Binaries/STM32WB5x/stm32wb5x_BLE_Stack_full_fw.bin"));
        assertEquals(plain, parse("C:\\Users\\me\\Downloads\\stm32wb5x_BLE_Stack_full_fw.bin"));
        assertEquals(plain, parse("  stm32wb5x_BLE_Stack_full_fw.bin \n"));
        assertEquals(NOTHING, parse("stm32wb5x_BLE_Stack_full_fw.bin/"));
    }

    @Test
    void browserDuplicateSuffixAndCase() {
        assertEquals(parse("stm32wb5x_FUS_fw_1_2_0.bin"), parse("stm32wb5x_FUS_fw_1_2_0 (1).bin"));
        FileNameClaims upper = parse("STM32WB5X_FUS_FW.BIN");
        assertEquals("STM32WB5x", family(upper));
        assertEquals(Kind.FUS, upper.kind());
    }

    @Test
    void namesOffThePatternClaimNothing() {
        for (String name : new String[] {"random.bin", "", "   ", "stm32wb5x_BLE_Stack_full_fw.hex", "_fw.bin",
                "stm32wb5x_BLE_Stack_full.bin", "fw.bin", "folder/"}) {
            assertEquals(NOTHING, parse(name), name);
        }
        assertEquals(NOTHING, FileNameClaims.parse(null, RULES));
    }

    @Test
    void unknownFamilyPrefixIsKept() {
        FileNameClaims c = parse("stm32wb9x_BLE_Stack_full_fw.bin");
        assertEquals("stm32wb9x", c.prefix());
        assertNull(c.family());
        assertEquals(Kind.STACK, c.kind());
        assertEquals("BLE_Stack_full", c.stack());
    }

    @Test
    void noPrefixStillGivesKindAndStack() {
        FileNameClaims c = parse("BLE_Stack_full_fw.bin");
        assertNull(c.prefix());
        assertNull(c.family());
        assertEquals(Kind.STACK, c.kind());
        assertEquals("BLE_Stack_full", c.stack());
    }

    @Test
    void versionsAbove255AreNoClaim() {
        FileNameClaims c = parse("stm32wb5x_FUS_fw_256_0_0.bin");
        assertEquals(Kind.FUS, c.kind());
        assertNull(c.version());
    }
}
