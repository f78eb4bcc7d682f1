package dev.fuspath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.image.FirmwareVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One loader for every rules file: the class path and a folder give the same rules; a broken file is named. */
class RuleFilesTest {

    private static final Path RULES = Path.of("rules");

    @Test
    void everyFileUnderRulesIsOneTheLoaderReads() throws IOException {
        Set<String> present;
        try (Stream<Path> files = Files.list(RULES)) {
            present = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(RuleFiles.FILES), present, "rules/*.json against RuleFiles.FILES");
    }

    @Test
    void theFolderAndTheClassPathGiveTheSameRules() {
        RuleFiles folder = RuleFiles.directory(RULES);
        for (String name : RuleFiles.FILES) {
            assertEquals(folder.read(name), RuleFiles.bundled().read(name), name);
        }
        assertEquals(FusFacts.of(folder), FusFacts.bundled());
    }

    @Test
    void theFusFactsAreTheNotes() {
        FusFacts facts = FusFacts.bundled();
        // "0x20030030 : 00050300 : FUSv0.5.3 => Must be updated using STEP 5." (v1.1.0)
        assertEquals(FirmwareVersion.of(0, 5, 3), facts.factoryFus());
        // "... can only be installed with FUS v2.0.0." (v1.22.1)
        assertEquals(FirmwareVersion.of(2, 0, 0), facts.fusV2OnlyImagesNeed());
        assertEquals(0x20030030L, facts.fusInfoAddress());
        assertEquals("0x20030030", facts.fusInfoAddressHex());
        assertEquals(0x4000L, facts.fusV2OnlyReserve());
        assertEquals("0x4000", facts.fusV2OnlyReserveHex());
    }

    @Test
    void aFileThatIsNotJsonIsNamedWithItsLine(@TempDir Path dir) throws IOException {
        copyRules(dir);
        Files.writeString(dir.resolve("chips.json"), "{\n  \"chips\": [\n    {\"part\": \"STM32WB55RG\",,}\n");
        RuleFiles.RuleFileException e = assertThrows(RuleFiles.RuleFileException.class,
                () -> RuleFiles.directory(dir).read("chips.json"));
        assertTrue(e.getMessage().contains("chips.json") && e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        RuleFiles.RuleFileException e = assertThrows(RuleFiles.RuleFileException.class,
                () -> RuleFiles.directory(dir).read("procedures.json"));
        assertTrue(e.getMessage().contains("procedures.json") && e.getMessage().contains("no such file"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RuleFiles.bundled().read("../application.properties"));
    }

    @Test
    void aWrongEntryIsNamedByFileAndEntry(@TempDir Path dir) throws IOException {
        copyRules(dir);
        String procedures = Files.readString(dir.resolve("procedures.json"));
        Files.writeString(dir.resolve("procedures.json"), procedures.replace("\"factory\": true,", ""));
        RuleFiles.RuleFileException noFactory = assertThrows(RuleFiles.RuleFileException.class,
                () -> FusFacts.of(RuleFiles.directory(dir)));
        assertEquals("rules/procedures.json, entry fusVersionsNamedByNotes: no version is marked factory",
                noFactory.getMessage());

        Files.writeString(dir.resolve("procedures.json"), procedures);
        String families = Files.readString(dir.resolve("families.json"));
        Files.writeString(dir.resolve("families.json"), families.replace("\"fusV2OnlyReserveBytes\": 16384",
                "\"fusV2OnlyReserveBytes\": 8192"));
        RuleFiles.RuleFileException shift = assertThrows(RuleFiles.RuleFileException.class,
                () -> FusFacts.of(RuleFiles.directory(dir)));
        assertTrue(shift.getMessage().startsWith("rules/procedures.json, entry legacyAddressShiftAfterFusV2Only: shift"
                + " 0x4000 is not families.json's fusV2OnlyReserveBytes (8192)"), shift.getMessage());
    }

    private static void copyRules(Path dir) throws IOException {
        for (String name : RuleFiles.FILES) {
            Files.copy(RULES.resolve(name), dir.resolve(name));
        }
    }
}
