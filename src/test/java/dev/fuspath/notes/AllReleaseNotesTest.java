package dev.fuspath.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Parses the notes of all 37 tags x families of the upstream bundle (skipped when the bundle is absent). */
class AllReleaseNotesTest {
    private static final Set<String> FLASH_LABELS = Set.of("1M", "640K", "512K", "256K", "320K");
    private static final Pattern BIN_FILE = Pattern.compile("[A-Za-z0-9_.\\-]+\\.bin");
    private static final Pattern FLASH_ADDRESS = Pattern.compile("0x08[0-9A-F]{6}");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern ACCEPTED_WARNING = Pattern.compile(
            ".*('0x00' read as not available|is listed more than once|no section headed|sections are headed).*");
    private static final Pattern VERSION_LABEL = Pattern.compile("<label[^>]*>\\s*V\\d");

    /** Notes vs the tag's tree: file names listed in the notes that the tree lacks. */
    private static final Map<String, Set<String>> LISTED_NOT_IN_TREE = Map.of(
            "v1.11.0/STM32WB1x", Set.of("stm32wb5x_BLE_HCI_AdvScan_fw.bin"));
    /** Notes vs the tag's tree: .bin files of the tree that the notes do not list. */
    private static final Map<String, Set<String>> IN_TREE_NOT_LISTED = Map.of(
            "v1.11.0/STM32WB1x", Set.of("stm32wb1x_BLE_HCI_AdvScan_fw.bin"),
            "v1.11.1/STM32WB3x", Set.of("stm32wb3x_FUS_fw_1_0_2.bin"),
            "v1.11.1/STM32WB5x", Set.of("stm32wb5x_FUS_fw_1_0_2.bin"),
            "v1.23.0/STM32WB1x", Set.of("stm32wb1x_Safeboot_fw_v1.2.0.bin"));

    @BeforeAll
    static void corpusPresent() {
        dev.fuspath.testing.UpstreamBundle.assumePresent();
        assumeTrue(NotesCorpus.present(), "release notes not extracted under " + NotesCorpus.ROOT);
    }

    @Test
    void all37TagsAndTheirFamiliesArePresent() {
        List<NotesCorpus.NotesFile> files = NotesCorpus.files();
        assertEquals(37, files.stream().map(NotesCorpus.NotesFile::tag).distinct().count());
        assertEquals(94, files.size());
    }

    @TestFactory
    Stream<DynamicTest> everyTagParsesAndCoversTheBinariesOfItsTree() {
        Map<String, Set<String>> tree = NotesCorpus.treeBinFiles();
        return NotesCorpus.files().stream().map(file -> DynamicTest.dynamicTest(file.key(), () -> {
            String html = file.html();
            NotesSection section;
            if (NotesCorpus.WITHOUT_OWN_SECTION.contains(file.key())) {
                NotesFormatException e = assertThrows(NotesFormatException.class,
                        () -> ReleaseNotesParser.parse(html, file.version()));
                assertTrue(e.getMessage().contains(file.version()), e.getMessage());
                section = ReleaseNotesParser.parse(html, ReleaseNotesParser.sectionVersions(html).get(0));
            } else {
                section = ReleaseNotesParser.parse(html, file.version());
                assertEquals(file.version(), section.version());
            }
            assertWellFormed(section);

            Set<String> listed = new TreeSet<>();
            section.tables().forEach(t -> t.rows().forEach(r -> listed.add(r.file())));
            Set<String> inTree = tree.get(file.key());
            assertNotNull(inTree, "no tree listing for " + file.key());
            Set<String> notInTree = new TreeSet<>(listed);
            notInTree.removeAll(inTree);
            Set<String> notListed = new TreeSet<>(inTree);
            notListed.removeAll(listed);
            assertEquals(LISTED_NOT_IN_TREE.getOrDefault(file.key(), Set.of()), notInTree, "listed, not in tree");
            assertEquals(IN_TREE_NOT_LISTED.getOrDefault(file.key(), Set.of()), notListed, "in tree, not listed");
        }));
    }

    @Test
    void everyHistoricalSectionOfEveryNotesFileParses() throws Exception {
        int sections = 0;
        for (NotesCorpus.NotesFile file : NotesCorpus.files()) {
            String html = file.html();
            List<String> versions = ReleaseNotesParser.sectionVersions(html);
            assertEquals(VERSION_LABEL.matcher(html).results().count(), versions.size(), file.key());
            Document document = Jsoup.parse(html);
            for (String version : new TreeSet<>(versions)) {
                assertWellFormed(ReleaseNotesParser.parseDocument(document, version));
                sections++;
            }
        }
        assertTrue(sections > 1000, "sections read: " + sections);
    }

    @Test
    void knownFactsOfV1_24_0() throws Exception {
        NotesSection wb5x = parse("v1.24.0", "STM32WB5x");
        assertEquals("2025-10-23", wb5x.date());
        NotesRow stack = row(wb5x, "stm32wb5x_BLE_Stack_full_fw.bin");
        assertEquals(Map.of("1M", "0x080D0000", "640K", "0x0807C000", "512K", "0x0805C000", "256K", "0x0801C000"),
                stack.addresses());
        assertTrue(stack.fusV2Only());
        assertEquals("1.24.0", stack.version());
        assertEquals(TableKind.STACK, kindOf(wb5x, "stm32wb5x_BLE_Stack_full_fw.bin"));
        NotesRow oldFus = row(wb5x, "stm32wb5x_FUS_fw_for_fus_0_5_3.bin");
        assertEquals("1.0.0", oldFus.version());
        assertEquals("0x080EC000", oldFus.addresses().get("1M"));
        assertEquals(TableKind.FUS, kindOf(wb5x, "stm32wb5x_FUS_fw_for_fus_0_5_3.bin"));
        assertEquals("0x080EE000", row(wb5x, "stm32wb5x_FUS_fw.bin").addresses().get("1M"));
        assertEquals("2.2.0", row(wb5x, "stm32wb5x_FUS_fw.bin").version());
        assertEquals(List.of("512K", "256K"), row(wb5x, "stm32wb5x_BLE_Thread_dynamic_fw.bin").notAvailable());
        assertTrue(row(wb5x, "stm32wb5x_Safeboot_fw.bin").fusV2Only());
        assertFalse(row(wb5x, "stm32wb5x_Safeboot_fw_2_0_0.bin").fusV2Only());
        assertEquals(TableKind.SAFEBOOT, kindOf(wb5x, "stm32wb5x_Safeboot_fw.bin"));

        NotesSection wb1x = parse("v1.24.0", "STM32WB1x");
        assertEquals(List.of("320K"), wb1x.tables().get(1).flashLabels());
        assertEquals("0x08040000", row(wb1x, "stm32wb1x_FUS_fw.bin").addresses().get("320K"));
    }

    @Test
    void knownFactsOfTheOldestNotes() throws Exception {
        NotesSection v110 = parse("v1.1.0", "STM32WB5x");
        NotesRow stack = row(v110, "stm32wb5x_BLE_Stack_fw.bin");
        assertEquals(Map.of("1M", "0x080CC000"), stack.addresses());
        assertEquals("1.1.0", stack.version());
        NotesRow fus = row(v110, "stm32wb5x_FUS_fw.bin");
        assertEquals("On top of FUS v0.5.3", fus.remark());
        assertEquals("1.0.1", fus.version());

        NotesSection v111 = parse("v1.1.1", "STM32WB5x");
        assertEquals(Map.of("256K", "0x0803E000", "512K", "0x0807E000", "1M", "0x080EC000"),
                row(v111, "stm32wb5x_FUS_fw.bin").addresses());
    }

    @Test
    void knownOddities() throws Exception {
        NotesSection v190wb3x = parse("v1.9.0", "STM32WB3x");
        assertEquals("V1.8.0 / 21-September-2020", v190wb3x.rawHeading());
        assertEquals("1.9.0", row(v190wb3x, "stm32wb3x_BLE_Stack_full_fw.bin").version());

        NotesSection v190wb5x = parse("v1.9.0", "STM32WB5x");
        assertEquals(List.of("256K"), row(v190wb5x, "stm32wb5x_Thread_FTD_fw.bin").notAvailable());

        assertEquals("0x0803B800",
                row(parse("v1.11.0", "STM32WB1x"), "stm32wb5x_BLE_HCI_AdvScan_fw.bin").addresses().get("320K"));

        NotesSection v1230wb1x = parse("v1.23.0", "STM32WB1x");
        List<NotesRow> safeboot = v1230wb1x.tables().get(2).rows();
        assertEquals(List.of("stm32wb1x_Safeboot_fw.bin", "stm32wb1x_Safeboot_fw.bin"),
                safeboot.stream().map(NotesRow::file).toList());
        assertNotEquals(safeboot.get(0).version(), safeboot.get(1).version());

        assertEquals("0x0805C000", row(parse("v1.5.0", "STM32WB3x"), "stm32wb3x_BLE_HCILayer_fw.bin")
                .addresses().get("512K"));
    }

    private static NotesSection parse(String tag, String family) throws NotesFormatException {
        NotesCorpus.NotesFile file = NotesCorpus.files().stream()
                .filter(f -> f.tag().equals(tag) && f.family().equals(family)).findFirst().orElseThrow();
        return ReleaseNotesParser.parse(file.html(), file.version());
    }

    private static NotesRow row(NotesSection section, String file) {
        return section.tables().stream().flatMap(t -> t.rows().stream()).filter(r -> r.file().equals(file))
                .findFirst().orElseThrow(() -> new AssertionError(file + " not in " + section.rawHeading()));
    }

    private static TableKind kindOf(NotesSection section, String file) {
        return section.tables().stream().filter(t -> t.rows().stream().anyMatch(r -> r.file().equals(file)))
                .findFirst().orElseThrow().kind();
    }

    static void assertWellFormed(NotesSection section) {
        String where = section.rawHeading();
        assertNotNull(section.date(), where);
        assertFalse(section.tables().isEmpty(), where);
        for (String warning : section.warnings()) {
            assertTrue(ACCEPTED_WARNING.matcher(warning).matches(), where + ": unexpected warning " + warning);
        }
        for (NotesTable table : section.tables()) {
            assertNotEquals(TableKind.OTHER, table.kind(), where);
            assertTrue(FLASH_LABELS.containsAll(table.flashLabels()), where + " " + table.flashLabels());
            assertFalse(table.rows().isEmpty(), where);
            for (NotesRow row : table.rows()) {
                String what = where + " " + row.file();
                assertTrue(BIN_FILE.matcher(row.file()).matches(), what);
                assertTrue(table.flashLabels().containsAll(row.addresses().keySet()), what);
                assertTrue(table.flashLabels().containsAll(row.notAvailable()), what);
                assertFalse(row.addresses().isEmpty(), what);
                row.addresses().values().forEach(a -> assertTrue(FLASH_ADDRESS.matcher(a).matches(), what + " " + a));
                assertTrue(row.version() != null && VERSION.matcher(row.version()).matches(), what);
            }
        }
    }
}
