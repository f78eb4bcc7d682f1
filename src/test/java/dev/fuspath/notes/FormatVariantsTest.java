package dev.fuspath.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-written snippets, one per layout met in the 37 tags of release notes (and a few defensive ones). */
class FormatVariantsTest {

    // ---- snippet builders

    static String notes(String... sections) {
        return "<!DOCTYPE html><html><head><meta name=\"generator\" content=\"pandoc\"></head><body>"
                + "<h1>Purpose</h1><p>V9.9.9 / 01-January-2030</p>"
                + "<h1 id=\"update-history\">Update History</h1>" + String.join("", sections) + "</body></html>";
    }

    /** A pandoc collapse section, as in all known notes. */
    static String section(String heading, String... body) {
        return "<div class=\"collapse\"><input type=\"checkbox\" id=\"s\"> <label for=\"s\">" + heading
                + "</label><div><h2>Main Changes</h2>" + String.join("", body) + "</div></div>";
    }

    static String caption(String text) {
        return "<p><strong>" + text + "</strong>: Provides Install address for the targeted binary.</p>";
    }

    /** Cells are raw HTML; the first row is the header. */
    static String table(String... rows) {
        String header = Arrays.stream(rows[0].split("\\|")).map(c -> "<th>" + c + "</th>").collect(Collectors.joining());
        String body = Arrays.stream(rows).skip(1)
                .map(r -> "<tr>" + Arrays.stream(r.split("\\|")).map(c -> "<td>" + c + "</td>")
                        .collect(Collectors.joining()) + "</tr>")
                .collect(Collectors.joining());
        return "<table><thead><tr class=\"header\">" + header + "</tr></thead><tbody>" + body + "</tbody></table>";
    }

    static NotesRow row(NotesSection section, String file) {
        return section.tables().stream().flatMap(t -> t.rows().stream()).filter(r -> r.file().equals(file))
                .findFirst().orElseThrow(() -> new AssertionError(file + " not in " + section));
    }

    // ---- layouts of the real notes

    @Test
    void v1_0_to_v1_1_singleInstallAddressColumnIsLabelled1M() throws Exception {
        String html = notes(section("V1.1.0 / 05-April-2019",
                "<p>The following table provide the address to use.</p>",
                table("Firmware Upgrade Services Binary|Install address|Version|Date",
                        "stm32wb5x_FUS_fw.bin|0x080EC000 (On top of FUS v0.5.3)|<strong>v1.0.1</strong>|04/05/2019"),
                caption("Binary Install Address and version"),
                table("Wireless Coprocessor Binary|Install address|Version|Date",
                        "stm32wb5x_BLE_Stack_fw.bin|0x080CC000|<strong>v1.1.0</strong>|04/05/2019")),
                section("V1.0.0 / 06-February-2019",
                        table("Wireless Processor Binary|Install address|Version|Date",
                                "stm32wb5x_BLE_Stack_fw.bin|0x080CB000|v1.0.0|02/06/2019")));

        NotesSection section = ReleaseNotesParser.parse(html, "1.1.0");

        assertEquals("1.1.0", section.version());
        assertEquals("2019-04-05", section.date());
        assertEquals("V1.1.0 / 05-April-2019", section.rawHeading());
        assertEquals(List.of(TableKind.FUS, TableKind.STACK), section.tables().stream().map(NotesTable::kind).toList());
        assertEquals(List.of("1M"), section.tables().get(0).flashLabels());
        assertEquals("The following table provide the address to use.", section.tables().get(0).caption());
        NotesRow fus = row(section, "stm32wb5x_FUS_fw.bin");
        assertEquals(Map.of("1M", "0x080EC000"), fus.addresses());
        assertEquals("On top of FUS v0.5.3", fus.remark());
        assertEquals("1.0.1", fus.version());
        assertEquals("v1.0.1", fus.rawVersion());
        assertNull(fus.rawCompatibility());
        assertFalse(fus.fusV2Only());
        assertEquals("0x080CC000", row(section, "stm32wb5x_BLE_Stack_fw.bin").addresses().get("1M"));
        assertTrue(section.warnings().isEmpty(), section.warnings().toString());

        NotesSection first = ReleaseNotesParser.parse(html, "1.0.0");
        assertEquals("0x080CB000", row(first, "stm32wb5x_BLE_Stack_fw.bin").addresses().get("1M"));
        assertEquals(TableKind.STACK, first.tables().get(0).kind());
    }

    @Test
    void v1_1_1_deviceColumnRowsAreMergedIntoOneRowPerFile() throws Exception {
        String html = notes(section("V1.1.1 / 10-May-2019",
                table("Firmware Upgrade Services Binary|Device|Install address|Version|Date",
                        "stm32wb5x_FUS_fw.bin|STM32WB5xxC(256K)|0x0803E000|v1.0.2|04/10/2019",
                        "stm32wb5x_FUS_fw.bin|STM32WB5xxE(512K)|0x0807E000|v1.0.2|04/10/2019",
                        "stm32wb5x_FUS_fw.bin|STM32WB5xxG(1M)|0x080EC000|v1.0.2|04/10/2019"),
                table("Wireless Coprocessor Binary|Install address|Version|Date",
                        "stm32wb5x_BLE_Stack_fw.bin|0x080CC000|v1.1.1|05/10/2019")));

        NotesSection section = ReleaseNotesParser.parse(html, "1.1.1");

        NotesTable fusTable = section.tables().get(0);
        assertEquals(1, fusTable.rows().size());
        assertEquals(List.of("256K", "512K", "1M"), fusTable.flashLabels());
        assertEquals(List.of("256K", "512K", "1M"), List.copyOf(fusTable.rows().get(0).addresses().keySet()));
        assertEquals("0x0807E000", fusTable.rows().get(0).addresses().get("512K"));
        assertEquals("1.0.2", fusTable.rows().get(0).version());
        assertEquals(List.of("1M"), section.tables().get(1).flashLabels());
    }

    @Test
    void v1_3_flashSizeColumnsAndNotAvailableSpellings() throws Exception {
        String html = notes(section("V1.3.0 / 09-September-2019",
                caption("Wireless Coprocessor Binary Table"),
                table("Wireless Coprocessor Binary|STM32WB5xxG(1M)|STM32WB5xxE(512K)|STM32WB5xxC(256K)|Version|Date",
                        "stm32wb5x_BLE_Thread_fw.bin|0x08078000|NA|NA|v1.3.1|09/24/2019",
                        "stm32wb5x_Thread_FTD_fw.bin|0x0809F000|0x0802B000|Na|v1.3.1|09/24/2019",
                        "stm32wb5x_Thread_MTD_fw.bin|0x080B5000|N/A|-|v1.3.1|09/24/2019")));

        NotesSection section = ReleaseNotesParser.parse(html, "1.3.0");

        assertEquals(List.of("1M", "512K", "256K"), section.tables().get(0).flashLabels());
        assertEquals(List.of("512K", "256K"), row(section, "stm32wb5x_BLE_Thread_fw.bin").notAvailable());
        assertEquals(Map.of("1M", "0x0809F000", "512K", "0x0802B000"),
                row(section, "stm32wb5x_Thread_FTD_fw.bin").addresses());
        assertEquals(List.of("256K"), row(section, "stm32wb5x_Thread_FTD_fw.bin").notAvailable());
        assertEquals(List.of("512K", "256K"), row(section, "stm32wb5x_Thread_MTD_fw.bin").notAvailable());
        assertTrue(section.warnings().isEmpty(), section.warnings().toString());
    }

    @Test
    void v1_4_shortPartNumberHeadersAndV1_9_lowercase640k() throws Exception {
        String html = notes(section("V1.9.0 / 21-September-2020",
                table("Wireless Coprocessor Binary|STM32WB5xG(1M)|STM32WB5xxY(640k)|STM32WB5xE(512K)|STM32WB5xC(256K)|Version",
                        "stm32wb5x_BLE_LLD_fw.bin|0x080EB000|0x08097000|0x08077000|0x08037000|v1.9.0")));

        NotesTable table = ReleaseNotesParser.parse(html, "1.9.0").tables().get(0);

        assertEquals(List.of("1M", "640K", "512K", "256K"), table.flashLabels());
        assertEquals("0x08097000", table.rows().get(0).addresses().get("640K"));
    }

    @Test
    void v1_5_sevenDigitAndLowercaseAddressesAreNormalized() throws Exception {
        String html = notes(section("V1.10.0 / 26-October-2020",
                table("Wireless Coprocessor Binary|STM32WB3x(512K)|Version|Date",
                        "stm32wb3x_BLE_HCILayer_fw.bin|0x805C000|v1.10.0|10/26/2020",
                        "stm32wb3x_BLE_HCI_AdvScan_fw.bin|0x0806a000|v1.10.0|10/26/2020")));

        NotesSection section = ReleaseNotesParser.parse(html, "1.10.0");

        assertEquals(List.of("512K"), section.tables().get(0).flashLabels());
        assertEquals("0x0805C000", row(section, "stm32wb3x_BLE_HCILayer_fw.bin").addresses().get("512K"));
        assertEquals("0x0806A000", row(section, "stm32wb3x_BLE_HCI_AdvScan_fw.bin").addresses().get("512K"));
    }

    @Test
    void v1_9_to_v1_13_zeroPlaceholderIsNotAvailableWithWarning() throws Exception {
        String html = notes(section("V1.11.1 / 23-March-2021",
                table("Wireless Coprocessor Binary|STM32WB3x(512K)|STM32WB3x(256K)|Version|Date",
                        "stm32wb3x_Thread_FTD_fw.bin|0x08024000|0x00|v1.11.1|03/23/2021")));

        NotesSection section = ReleaseNotesParser.parse(html, "1.11.1");

        NotesRow row = row(section, "stm32wb3x_Thread_FTD_fw.bin");
        assertEquals(Map.of("512K", "0x08024000"), row.addresses());
        assertEquals(List.of("256K"), row.notAvailable());
        assertTrue(section.warnings().stream().anyMatch(w -> w.contains("'0x00'")), section.warnings().toString());
    }

    @Test
    void v1_11_wb1xLowercaseHeaderAndFileNameTypoKeptAsWritten() throws Exception {
        String html = notes(section("V1.11.0 / 12-February-2021",
                table("Wireless Coprocessor Binary|stm32wb1x(320K)|Version|Date",
                        "stm32wb1x_BLE_HCILayer_fw.bin|0x08032000|v1.11.0|12/02/2021",
                        " stm32wb5x_BLE_HCI_AdvScan_fw.bin |0x0803B800|v1.11.0|12/02/2021")));

        NotesSection section = ReleaseNotesParser.parse(html, "1.11.0");

        assertEquals(List.of("320K"), section.tables().get(0).flashLabels());
        assertEquals("0x0803B800", row(section, "stm32wb5x_BLE_HCI_AdvScan_fw.bin").addresses().get("320K"));
        assertEquals("2021-02-12", section.date());
    }

    @Test
    void v1_3_to_v1_22_kindComesFromFileNamesNotFromTheGenericHeader() throws Exception {
        String html = notes(section("V1.13.0 / 03-Nov-2021",
                caption("Firmware Upgrade Services Binary Table"),
                table("Wireless Coprocessor Binary|STM32WB3x(512K)|STM32WB3x(256K)|Version",
                        "stm32wb3x_FUS_fw_for_fus_0_5_3.bin|0x0807A000|0x0803A000|V1.2.0",
                        "stm32wb3x_FUS_fw.bin|0x0807A000|0x0803A000|V1.2.0"),
                caption("Wireless Coprocessor Binary Table"),
                table("Wireless Coprocessor Binary|STM32WB3x(512K)|STM32WB3x(256K)|Version",
                        "stm32wb3x_BLE_Stack_full_fw.bin|0x08053000|0x08013000|V1.13.0"),
                caption("Firmware Safeboot Binary Table"),
                table("Wireless Coprocessor Binary|STM32WB3x(512K)|STM32WB3x(256K)|Version",
                        "stm32wb3x_Safeboot_fw.bin|0x0807E000|0x0803E000|V2.0.0")));

        NotesSection section = ReleaseNotesParser.parse(html, "1.13.0");

        assertEquals(List.of(TableKind.FUS, TableKind.STACK, TableKind.SAFEBOOT),
                section.tables().stream().map(NotesTable::kind).toList());
        assertTrue(section.tables().get(2).caption().startsWith("Firmware Safeboot Binary Table"));
        assertEquals("2.0.0", row(section, "stm32wb3x_Safeboot_fw.bin").version());
    }

    @Test
    void v1_22_1_to_v1_24_fusCompatibilityColumnBoldDigitsAndIcons() throws Exception {
        String html = notes(section("V1.24.0 / 23-October-2025",
                table("FW Upgrade Services Binary|STM32WB5xxG(1M)|STM32WB5xxY(640K)|FUS compatibility|Version",
                        "stm32wb5x_FUS_fw_for_fus_0_5_3.bin|0x080<strong>EC</strong>000|0x080<strong>9A</strong>000"
                                + "|-|V1.0.0<span class=\"icon-st-unchanged\"></span>"),
                table("Wireless Coprocessor Binary|STM32WB5xxG(1M)|STM32WB5xxY(640k)|FUS compatibility|version",
                        "stm32wb5x_BLE_Stack_full_fw.bin|0x080D0000|0x0807C000|FUS_v2 only"
                                + "|V1.24.0<span class=\"icon-st-update\"></span>",
                        "stm32wb5x_BLE_LLD_fw.bin|0x080EC000|0x08098000|-|V1.18.0 "),
                table("Firmware Safeboot Binary|STM32WB5xxG(1M)|STM32WB5xxY(640k)|FUS compatibility|Version",
                        "stm32wb5x_Safeboot_fw.bin|0x080F2000|0x0809E000|FUSv2 only|V2.0.1")));

        NotesSection section = ReleaseNotesParser.parse(html, "1.24.0");

        NotesRow fus = row(section, "stm32wb5x_FUS_fw_for_fus_0_5_3.bin");
        assertEquals("0x080EC000", fus.addresses().get("1M"));
        assertEquals("0x0809A000", fus.addresses().get("640K"));
        assertEquals("-", fus.rawCompatibility());
        assertFalse(fus.fusV2Only());
        assertEquals("1.0.0", fus.version());
        NotesRow stack = row(section, "stm32wb5x_BLE_Stack_full_fw.bin");
        assertTrue(stack.fusV2Only());
        assertEquals("FUS_v2 only", stack.rawCompatibility());
        assertEquals("1.24.0", stack.version());
        assertEquals("V1.24.0", stack.rawVersion());
        assertEquals("1.18.0", row(section, "stm32wb5x_BLE_LLD_fw.bin").version());
        assertTrue(row(section, "stm32wb5x_Safeboot_fw.bin").fusV2Only());
        assertTrue(section.warnings().isEmpty(), section.warnings().toString());
    }

    @Test
    void v1_23_fileListedTwiceGivesTwoRowsAndAWarning() throws Exception {
        String html = notes(section("V1.23.0 / 02-June-2025",
                table("Firmware Safeboot Binary|stm32wb1x(320K)|FUS compatibility|Version",
                        "stm32wb1x_Safeboot_fw.bin|0x08044000|-|V2.0.0",
                        "stm32wb1x_Safeboot_fw.bin|0x08044000|FUSv2 only|V2.0.1")));

        NotesSection section = ReleaseNotesParser.parse(html, "1.23.0");

        assertEquals(List.of("2.0.0", "2.0.1"),
                section.tables().get(0).rows().stream().map(NotesRow::version).toList());
        assertTrue(section.warnings().stream().anyMatch(w -> w.contains("more than once")));
    }

    @Test
    void v1_9_wb3x_mislabelledHeadingIsFoundThroughItsStackVersions() throws Exception {
        String html = notes(
                section("V1.8.0 / 21-September-2020",
                        table("Wireless Coprocessor Binary|STM32WB3x(512K)|Version|Date",
                                "stm32wb3x_FUS_fw.bin|0x0807A000|v1.1.0|02/10/2020"),
                        table("Wireless Coprocessor Binary|STM32WB3x(512K)|Version|Date",
                                "stm32wb3x_BLE_Stack_full_fw.bin|0x08057000|v1.9.0|09/21/2020",
                                "stm32wb3x_BLE_LLD_fw.bin|0x08078000|v1.9.0|09/21/2020")),
                section("V1.8.0 / 22-June-2020",
                        table("Wireless Coprocessor Binary|STM32WB3x(512K)|Version|Date",
                                "stm32wb3x_BLE_Stack_full_fw.bin|0x08057000|v1.8.0|06/22/2020")));

        NotesSection section = ReleaseNotesParser.parse(html, "1.9.0");

        assertEquals("1.9.0", section.version());
        assertEquals("V1.8.0 / 21-September-2020", section.rawHeading());
        assertTrue(section.warnings().get(0).contains("no section headed V1.9.0"));
        NotesSection real180 = ReleaseNotesParser.parse(html, "1.8.0");
        assertEquals("V1.8.0 / 21-September-2020", real180.rawHeading());
        assertTrue(real180.warnings().get(0).contains("2 sections are headed V1.8.0"));
        assertEquals(List.of("1.8.0", "1.8.0"), ReleaseNotesParser.sectionVersions(html));
    }

    @Test
    void v1_7_missingSectionIsAFormatExceptionNamingTheSectionsPresent() {
        String html = notes(section("V1.6.0 / 27-March-2020",
                table("Wireless Coprocessor Binary|STM32WB3x(512K)|Version|Date",
                        "stm32wb3x_Thread_FTD_fw.bin|0x801E000|v1.6.0|03/27/2020")));

        NotesFormatException e = assertThrows(NotesFormatException.class, () -> ReleaseNotesParser.parse(html, "1.7.0"));

        assertTrue(e.getMessage().contains("1.7.0") && e.getMessage().contains("1.6.0"), e.getMessage());
    }

    // ---- defensive variants, not met in the 37 tags

    @Test
    void spacedHexDigitsAndSeveralAddressesInOneCell() throws Exception {
        String html = notes(section("V2.0.0 / 01-January-2026",
                table("Wireless Coprocessor Binary|STM32WB5xxG(1M)|STM32WB5xxE(512K)|Version",
                        "stm32wb5x_FUS_fw.bin|0x080 EC 000|0x0807A000<br>0x0807C000 (FUS v0.5.3)|v2.0.0",
                        "stm32wb5x_BLE_Stack_full_fw.bin|0x080EC000 / 0x080EE000|0x08000000 a|v2.0.0")));

        NotesSection section = ReleaseNotesParser.parse(html, "2.0.0");

        NotesRow fus = row(section, "stm32wb5x_FUS_fw.bin");
        assertEquals(Map.of("1M", "0x080EC000", "512K", "0x0807A000"), fus.addresses());
        assertEquals("512K: 0x0807C000 (FUS v0.5.3)", fus.remark());
        NotesRow stack = row(section, "stm32wb5x_BLE_Stack_full_fw.bin");
        assertEquals(Map.of("1M", "0x080EC000", "512K", "0x08000000"), stack.addresses());
        assertEquals("1M: 0x080EE000; 512K: a", stack.remark());
    }

    @Test
    void mergedCellsInHeaderAndBodyAreExpanded() throws Exception {
        String table = "<table><thead>"
                + "<tr><th rowspan=\"2\">Wireless Coprocessor Binary</th><th colspan=\"2\">Install address</th>"
                + "<th rowspan=\"2\">Version</th></tr>"
                + "<tr><th>STM32WB5xxG(1M)</th><th>STM32WB5xxE(512K)</th></tr></thead><tbody>"
                + "<tr><td>stm32wb5x_Thread_FTD_fw.bin</td><td>0x0809F000</td><td>0x0802B000</td>"
                + "<td rowspan=\"2\">v1.3.1</td></tr>"
                + "<tr><td>stm32wb5x_Thread_MTD_fw.bin</td><td colspan=\"2\">NA</td></tr>"
                + "</tbody></table>";
        NotesSection section = ReleaseNotesParser.parse(notes(section("V1.3.1 / 24-September-2019", table)), "1.3.1");

        assertEquals(List.of("1M", "512K"), section.tables().get(0).flashLabels());
        NotesRow mtd = row(section, "stm32wb5x_Thread_MTD_fw.bin");
        assertEquals("1.3.1", mtd.version());
        assertEquals(List.of("1M", "512K"), mtd.notAvailable());
        assertEquals("0x0802B000", row(section, "stm32wb5x_Thread_FTD_fw.bin").addresses().get("512K"));
    }

    @Test
    void footnoteMarkersGoToRemarksAndFootnoteRowsAreSkipped() throws Exception {
        String table = table("Wireless Coprocessor Binary|STM32WB5xxG(1M)|Version",
                "stm32wb5x_BLE_Stack_full_fw.bin <sup>(1)</sup>|0x080CB000*|v1.5.0")
                .replace("</tbody>", "<tr><td colspan=\"3\">(1) also usable on STM32WB50</td></tr></tbody>");

        NotesSection section = ReleaseNotesParser.parse(notes(section("V1.5.0 / 14-February-2020", table)), "1.5.0");

        NotesRow row = row(section, "stm32wb5x_BLE_Stack_full_fw.bin");
        assertEquals("0x080CB000", row.addresses().get("1M"));
        assertEquals("1; *", row.remark());
        assertEquals(1, section.tables().get(0).rows().size());
        assertTrue(section.warnings().stream().anyMatch(w -> w.contains("row skipped")), section.warnings().toString());
    }

    @Test
    void headingsInH2InsteadOfCollapseLabels() throws Exception {
        String html = "<html><body><h1>Update History</h1>"
                + "<h2>V1.2.0 / 3rd-July-2019</h2><h3>Main changes</h3>"
                + table("Wireless Coprocessor Binary|Install address|Version",
                        "stm32wb5x_BLE_Stack_fw.bin|0x080CC000|v1.2.0")
                + "<h2>V1.1.1 / 10-May-2019</h2>"
                + table("Wireless Coprocessor Binary|Install address|Version",
                        "stm32wb5x_BLE_Stack_fw.bin|0x080CB000|v1.1.1")
                + "</body></html>";

        assertEquals(List.of("1.2.0", "1.1.1"), ReleaseNotesParser.sectionVersions(html));
        NotesSection section = ReleaseNotesParser.parse(html, "v1.2.0");
        assertEquals(1, section.tables().size());
        assertEquals("0x080CC000", section.tables().get(0).rows().get(0).addresses().get("1M"));
        assertEquals("2019-07-03", section.date());
    }

    @Test
    void tablesWithoutBinariesAreIgnoredWithAWarning() throws Exception {
        String html = notes(section("V1.14.0 / 06-June-2022",
                table("stack features naming|#define used in FW M0 code", "BF = \u201cBasic Features\u201d|BASIC_FEATURES"),
                table("Wireless Coprocessor Binary|stm32wb1x(320K)|Version",
                        "stm32wb1x_BLE_Stack_full_fw.bin|0x08022000|V1.14.0")));

        NotesSection section = ReleaseNotesParser.parse(html, "1.14.0");

        assertEquals(1, section.tables().size());
        assertTrue(section.warnings().stream().anyMatch(w -> w.startsWith("table 1: ignored")));
    }

    @Test
    void sectionWithoutBinaryTableIsAFormatException() {
        String html = notes(section("V1.0.0 / 06-February-2019", "<p>First official release.</p>"));

        NotesFormatException e = assertThrows(NotesFormatException.class, () -> ReleaseNotesParser.parse(html, "1.0.0"));

        assertTrue(e.getMessage().contains("no binary table"), e.getMessage());
    }

    @Test
    void badArgumentsAreFormatExceptions() {
        assertThrows(NotesFormatException.class, () -> ReleaseNotesParser.parse(null, "1.0.0"));
        assertThrows(NotesFormatException.class, () -> ReleaseNotesParser.parse("", "1.0.0"));
        assertThrows(NotesFormatException.class, () -> ReleaseNotesParser.parse("<html>", "1.0.0"));
        assertThrows(NotesFormatException.class, () -> ReleaseNotesParser.parse(notes(), null));
        assertThrows(NotesFormatException.class, () -> ReleaseNotesParser.parse(notes(), "latest"));
        assertEquals(List.of(), ReleaseNotesParser.sectionVersions(null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "null", value = {
            "V1.2.0 / 3rd-July-2019; 2019-07-03",
            "V1.13.3 / 9-Mar-2022; 2022-03-09",
            "V1.11.0 / 5-February-2021; 2021-02-05",
            "V1.17.1 / 24-July-2023; 2023-07-24",
            "V1.9.0 / 21-Sept-2020; 2020-09-21",
            "V1.9.0 - September 21, 2020; 2020-09-21",
            "V1.9.0 / 2020-09-21; 2020-09-21",
            "V1.9.0 / 31-Febuary-2020; null"})
    void headingDates(String heading, String isoDate) throws Exception {
        String html = notes(section(heading, table("Wireless Coprocessor Binary|STM32WB5xxG(1M)|Version",
                "stm32wb5x_BLE_Stack_full_fw.bin|0x080CB000|v1.0.0")));

        NotesSection section = ReleaseNotesParser.parse(html, ReleaseNotesParser.sectionVersions(html).get(0));

        assertEquals(isoDate, section.date());
        assertEquals(isoDate == null, section.warnings().stream().anyMatch(w -> w.contains("date not understood")));
    }
}
