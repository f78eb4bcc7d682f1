package dev.fuspath.notes;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Random mutations and hostile HTML: the parser returns a section or throws NotesFormatException, quickly. */
class HostileInputTest {
    private static final Pattern FLASH_ADDRESS = Pattern.compile("0x08[0-9A-F]{6}");
    private static final String[] JUNK = {
        "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<thead>", "</tbody>",
        "<td rowspan=\"2147483647\">", "<td colspan=\"99999\">", "<th colspan=\"-3\">", "<td rowspan=\"x\">",
        "0x", "0x0", "0x00", "0x080 EC", "0xFFFFFFFFFFFFFFFFFFFF", "NA", "N/A", "-", ".bin", "a.bin", "V", "v1.",
        "V1.24.0 / 23-October-2025", "<label>V1.24.0 / 31-Feb-2025</label>", "<h1>Update History</h1>",
        "<label>", "</label>", "<!--", "-->", "<![CDATA[", "&#0;", "&amp;", "\u0000", "\uFFFF", "<script>",
        "<div><div><div><div>", "</div>", "(", ")", "STM32WB5xxG(1M)", "(99999999999999999999K)", "Device",
        "FUS compatibility", "Version", "\n", "<br>", "<strong>", "</strong>"};

    @Test
    void mutatedNotesGiveASectionOrNotesFormatException() {
        List<String> seeds = new ArrayList<>(snippetSeeds());
        if (NotesCorpus.present()) {
            NotesCorpus.files().stream()
                    .filter(f -> List.of("v1.1.0/STM32WB5x", "v1.9.0/STM32WB3x", "v1.13.2/STM32WB5x", "v1.24.0/STM32WB1x")
                            .contains(f.key()))
                    .forEach(f -> seeds.add(f.html()));
        }
        Random random = new Random(20251023L);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            int parsed = 0;
            for (int i = 0; i < 300; i++) {
                String html = seeds.get(random.nextInt(seeds.size()));
                int mutations = 1 + random.nextInt(4);
                for (int m = 0; m < mutations; m++) {
                    html = mutate(html, random);
                }
                List<String> versions = ReleaseNotesParser.sectionVersions(html);
                String version = !versions.isEmpty() && random.nextInt(4) > 0
                        ? versions.get(random.nextInt(versions.size())) : "1." + random.nextInt(30) + ".0";
                parsed += parseOrFormatException(html, version) ? 1 : 0;
            }
            assertTrue(parsed > 50, "only " + parsed + " mutated notes gave a section");
        });
    }

    @Test
    void pathologicalDocumentsAreHandledQuickly() {
        String history = "<h1>Update History</h1><label>V1.0.0 / 06-February-2019</label>";
        String row = "<tr><td>stm32wb5x_BLE_Stack_fw.bin</td><td>0x080CB000</td><td>v1.0.0</td></tr>";
        List<String> documents = List.of(
                history + "<div>".repeat(20_000) + "<table>" + row + "</table>",
                history + "<b>".repeat(20_000) + "V1.0.0 / 1-May-2020" + "<table>" + row + "</table>",
                history + "<p>V1.0.0 / 1-May-2020 ".repeat(20_000) + "<table>" + row + "</table>",
                history + "<table>".repeat(3_000) + row,
                history + "<table><tr><th>Binary</th><th>Install address</th><th>Version</th></tr>"
                        + row.repeat(5_000) + "</table>",
                history + "<table><tr><td rowspan=\"2147483647\" colspan=\"2147483647\">a.bin</td></tr>"
                        + "<tr><td>0x08000000</td></tr>".repeat(1_000) + "</table>",
                history + "<table>" + row.replace("0x080CB000", "0x" + "0".repeat(100_000) + "8") + "</table>",
                "<label>V1.0.0 / " + "9".repeat(200_000) + "</label>",
                "<h1>Update History</h1>" + "<label>V1.0.0 / 06-February-2019</label>".repeat(5_000),
                "\u0000".repeat(10_000),
                "<<<<>>>>".repeat(10_000));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String html : documents) {
                parseOrFormatException(html, "1.0.0");
                ReleaseNotesParser.sectionVersions(html);
            }
        });
    }

    /** True when a section came back; it must then be well formed. */
    private static boolean parseOrFormatException(String html, String version) {
        NotesSection section;
        try {
            section = ReleaseNotesParser.parse(html, version);
        } catch (NotesFormatException expected) {
            return false;
        }
        for (NotesTable table : section.tables()) {
            for (NotesRow row : table.rows()) {
                assertTrue(row.file().toLowerCase().endsWith(".bin"), row.file());
                row.addresses().values().forEach(a -> assertTrue(FLASH_ADDRESS.matcher(a).matches(), a));
            }
        }
        return true;
    }

    private static String mutate(String html, Random random) {
        if (html.isEmpty()) {
            return JUNK[random.nextInt(JUNK.length)];
        }
        int at = random.nextInt(html.length());
        int length = Math.min(html.length() - at, 1 + random.nextInt(400));
        return switch (random.nextInt(6)) {
            case 0 -> html.substring(0, at);
            case 1 -> html.substring(0, at) + html.substring(at + length);
            case 2 -> html.substring(0, at) + html.substring(at, at + length).repeat(2) + html.substring(at + length);
            case 3 -> html.substring(0, at) + JUNK[random.nextInt(JUNK.length)] + html.substring(at);
            case 4 -> html.substring(0, at) + (char) random.nextInt(0x3000) + html.substring(at + 1);
            default -> {
                int other = random.nextInt(html.length());
                int otherLength = Math.min(html.length() - other, 1 + random.nextInt(400));
                yield html.substring(0, at) + html.substring(other, other + otherLength) + html.substring(at + length);
            }
        };
    }

    private static List<String> snippetSeeds() {
        return List.of(
                FormatVariantsTest.notes(FormatVariantsTest.section("V1.1.1 / 10-May-2019",
                        FormatVariantsTest.table("Firmware Upgrade Services Binary|Device|Install address|Version",
                                "stm32wb5x_FUS_fw.bin|STM32WB5xxC(256K)|0x0803E000|v1.0.2",
                                "stm32wb5x_FUS_fw.bin|STM32WB5xxG(1M)|0x080EC000 (On top of FUS v0.5.3)|v1.0.2"))),
                FormatVariantsTest.notes(FormatVariantsTest.section("V1.24.0 / 23-October-2025",
                        FormatVariantsTest.table(
                                "Wireless Coprocessor Binary|STM32WB5xxG(1M)|STM32WB5xxY(640k)|FUS compatibility|version",
                                "stm32wb5x_BLE_Stack_full_fw.bin|0x080<strong>D0</strong>000|NA|FUS_v2 only|V1.24.0",
                                "stm32wb5x_Thread_FTD_fw.bin|0x0808C000|0x00|-|V1.24.0"))));
    }
}
