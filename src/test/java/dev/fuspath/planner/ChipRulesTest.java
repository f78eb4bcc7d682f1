package dev.fuspath.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogFiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** rules/chips.json against the catalog, and the part numbers people type. */
class ChipRulesTest {

    private final ChipRules chips = ChipRules.bundled();

    @Test
    void everyPartIsOfAFamilyAndFlashSizeTheCatalogHasAddressesFor() throws Exception {
        Catalog catalog = CatalogFiles.readClasspath(getClass().getClassLoader());
        Map<String, Map<String, String>> tops = catalog.index().stackTops();
        assertEquals(18, chips.chips().size());
        for (Chip chip : chips.chips()) {
            assertTrue(tops.containsKey(chip.family()), chip + ": no such family in the catalog");
            assertTrue(tops.get(chip.family()).containsKey(chip.flash()),
                    chip + ": the catalog has no " + chip.flash() + " addresses for " + chip.family());
            boolean listed = catalog.releasesNewestFirst().stream().flatMap(r -> r.binaries().stream())
                    .anyMatch(b -> b.family().equals(chip.family()) && b.installAddress().containsKey(chip.flash()));
            assertTrue(listed, chip + ": no binary of any release has an address for it");
            assertTrue(chip.deviceId().matches("0x4[0-9A-F]{2}"), chip.deviceId());
        }
    }

    @ParameterizedTest
    @CsvSource({
            "STM32WB55CEU6, STM32WB55CE, 512K", "STM32WB55RGV6TR, STM32WB55RG, 1M", "stm32wb5mmgh6tr, STM32WB5MMG, 1M",
            "STM32WB55VY, STM32WB55VY, 640K", "STM32WB35CCU6A, STM32WB35CC, 256K", "STM32WB1MMCH6, STM32WB1MMC, 320K",
            " stm32wb15ccu6 , STM32WB15CC, 320K"})
    void orderingCodesFindTheirPart(String code, String part, String flash) {
        Chip chip = chips.find(code).orElseThrow(() -> new AssertionError(code));
        assertEquals(part, chip.part());
        assertEquals(flash, chip.flash());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "STM32WB", "STM32F407VG", "STM32WB55", "STM32WB55RGV6TRXXXX", "STM32WB55R"})
    void malformedOrForeignPartsAreNotFound(String code) {
        assertTrue(chips.find(code).isEmpty(), code);
    }

    @Test
    void wellFormedButUnknownIsTellableFromMalformed() {
        assertTrue(ChipRules.wellFormed("STM32WB99XX"));
        assertTrue(chips.find("STM32WB99XX").isEmpty());
        assertFalse(ChipRules.wellFormed("banana"));
        assertEquals(List.of("STM32WB1x"), chips.chips().stream().filter(c -> c.deviceId().equals("0x494"))
                .map(Chip::family).distinct().toList());
    }
}
