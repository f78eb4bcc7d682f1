package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The progress shapes are read from the real logs they cite, line by line, as the programmer prints them. */
class ProgrammerProgressTest {

    private static final Path REAL = Path.of("src/test/resources/logs/real");

    private static List<String> statuses(String log) throws IOException {
        List<String> out = new ArrayList<>();
        String text = Files.readString(REAL.resolve(log), StandardCharsets.UTF_8);
        for (String line : text.split("[\r\n]")) {
            ProgrammerProgress.status(line).ifPresent(out::add);
        }
        return out;
    }

    @Test
    void aUsbFusUpgradeAndStackInstallShowEachPhase() throws IOException {
        List<String> s = statuses("gh-mbed-os-stm32wb-readme-usb-v2.3.log");
        List<String> expected = List.of("programming", "erasing sectors 236 to 241", "download started",
                "download complete", "firmware upgrade started", "waiting for firmware upgrade end",
                "FUS state FUS_UPGRADE_ONGOING");
        int at = 0;
        for (String e : expected) {
            int found = s.subList(at, s.size()).indexOf(e);
            assertTrue(found >= 0, "in order: " + e + " in " + s);
            at += found + 1;
        }
        assertTrue(s.contains("firmware upgrade success"), s.toString());
        assertTrue(s.contains("deleting the old firmware"), s.toString());
    }

    @Test
    void theDownloadBarGivesItsPercentage() throws IOException {
        List<String> s = statuses("st-278243-fus-upgrade-usb-v2.4.log").stream().filter(x -> x.startsWith("download "))
                .filter(x -> x.endsWith("%")).toList();
        assertTrue(s.size() >= 15, s.toString());
        assertEquals("download 4%", s.get(0));
        int last = -1;
        for (String x : s) {
            int p = Integer.parseInt(x.substring("download ".length(), x.length() - 1));
            assertTrue(p >= last, "the percentage grows: " + s);
            last = p;
        }
    }

    @Test
    void otherLinesSayNothing() {
        assertEquals(Optional.empty(), ProgrammerProgress.status("ST-LINK SN  : 066CFF545150898367182340"));
        assertEquals(Optional.empty(), ProgrammerProgress.status(""));
        assertEquals(Optional.empty(), ProgrammerProgress.status("x".repeat(5000) + "Download in Progress"));
    }

    /** Every rule cites a real log and a line of it that the rule reads. */
    @Test
    void everyRuleReadsTheLineItCites() throws IOException {
        Pattern cited = Pattern.compile("([\\w.-]+\\.log) lines? (\\d+)");
        for (ProgrammerProgress.Rule rule : ProgrammerProgress.RULES) {
            Matcher m = cited.matcher(rule.source());
            assertTrue(m.find(), "no log and line cited: " + rule.source());
            List<String> lines = Files.readAllLines(REAL.resolve(m.group(1)), StandardCharsets.UTF_8);
            String line = lines.get(Integer.parseInt(m.group(2)) - 1);
            assertTrue(rule.pattern().matcher(line).find(), rule.source() + ": line is '" + line + "'");
        }
    }
}
