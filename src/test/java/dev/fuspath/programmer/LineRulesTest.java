package dev.fuspath.programmer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The line-rule table of rules/programmer-output.json: its sources, its order, and that matching stays linear. */
class LineRulesTest {

    private static final Path CORPUS = Path.of("src/test/resources/logs/real");
    private final LineRules rules = LineRules.bundled();

    private static List<String> cleanedLines(Path log) throws IOException {
        List<String> out = new ArrayList<>();
        LineCleaner cleaner = new LineCleaner();
        for (String raw : Files.readString(log).split("\r\n|\r|\n")) {
            String c = cleaner.clean(raw, 0, Math.min(raw.length(), ProgrammerOutputParser.MAX_LINE));
            if (!c.isEmpty()) {
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void everyRuleNotAssumedNamesCorpusLogsWithALineItTakes() throws IOException {
        for (LineRules.Rule rule : rules.rules()) {
            if (rule.isAssumed()) {
                assertTrue(rule.logs().isEmpty(), rule.id() + " is assumed and names logs");
                continue;
            }
            assertFalse(rule.logs().isEmpty(), rule.id());
            for (String name : rule.logs()) {
                Path log = CORPUS.resolve(name);
                assertTrue(Files.isRegularFile(log), rule.id() + ": " + name + " is not in the corpus");
                assertTrue(Files.isRegularFile(CORPUS.resolve(name.replaceAll("\\.log$", ".source.json"))),
                        name + " has no source");
                boolean taken = cleanedLines(log).stream()
                        .anyMatch(l -> ProgrammerOutputParser.firstMatch(rules, l) == rule);
                assertTrue(taken, rule.id() + ": no line of " + name + " goes to it");
            }
        }
    }

    @Test
    void theShapesNoPublicLogShowsAreAssumed() {
        for (String id : List.of("fus-start-ws", "fus-already-running", "wireless-stack-start", "antirollback",
                "option-byte-sfsa", "option-bytes-listing")) {
            LineRules.Rule r = rules.rules().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            assertTrue(r.isAssumed(), id);
        }
        for (Operation.Kind k : List.of(Operation.Kind.STARTFUS, Operation.Kind.STARTWIRELESSSTACK,
                Operation.Kind.ANTIROLLBACK)) {
            assertNotNull(rules.assumedOutputWhy(k), k.name());
        }
        assertFalse(rules.assumedOutput(java.util.Set.of(Operation.Kind.FWUPGRADE, Operation.Kind.READ)));
        // issue 11's list of shapes not found publicly: the SFSA line and -startfus / -startwirelessstack output
        // (above), a table dump while the stack runs, any STM32WB3x log (STM32WB1x logs were found), and what the
        // tool prints for a command line it refuses
        for (String id : List.of("stack-table-dump", "stm32wb3x-log", "bad-arguments")) {
            assertTrue(rules.assumedShapes().containsKey(id), id);
            assertFalse(rules.assumedShapes().get(id).isBlank(), id);
        }
        assertTrue(rules.rules().stream().filter(x -> x.id().equals("bad-arguments")).findFirst().orElseThrow()
                .isAssumed());
    }

    /** A line two rows could take goes to the earlier one; each pair here is documented by the row order. */
    @Test
    void aLineTwoRulesMatchGoesToTheEarlierOne() {
        String[][] cases = {
                // line, the earlier rule (takes it), a later rule that matches it too
                {"Device ID   : 0x495", "banner-device-id", "banner-field"},
                {"STM32_Programmer_CLI -c port=swd -antirollback", "command-line", "antirollback"},
                {"Error: Start Wireless Stack Operation Failure!", "error-line", "wireless-stack-start"},
                {"Firmware Upgrade Success: the wireless stack is started", "upgrade-success", "wireless-stack-start"},
                {"Expected value for Option Byte \"sfsa\": 0xCB, found: 0x0", "problem-without-error-prefix", null},
                {"ST-LINK error (DEV_CONNECT_ERR)", "dev-code", null},
        };
        for (String[] c : cases) {
            String lower = SessionAssembler.asciiLower(c[0]);
            LineRules.Rule first = ProgrammerOutputParser.firstMatch(rules, c[0]);
            assertNotNull(first, c[0]);
            assertEquals(c[1], first.id(), c[0]);
            if (c[2] != null) {
                LineRules.Rule later = rules.rules().stream().filter(r -> r.id().equals(c[2])).findFirst().orElseThrow();
                assertTrue(later.index() > first.index(), c[2] + " comes after " + c[1]);
                assertTrue(later.matches(c[0], lower, LineRules.keyOf(c[0])), c[2] + " matches " + c[0] + " too");
            }
        }
    }

    @Test
    void thePrefilterNeverDropsAMatch() throws IOException {
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(CORPUS)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                lines.addAll(cleanedLines(p));
            }
        }
        assertTrue(lines.size() > 500);
        for (String line : lines) {
            String lower = SessionAssembler.asciiLower(line);
            for (LineRules.Rule r : rules.rules()) {
                if (r.regex() != null) {
                    assertEquals(r.regexMatches(line, lower), r.matches(line, lower, null), r.id() + " on " + line);
                }
            }
        }
    }

    @Test
    void matchingIsLinearInTheInput() {
        String[] vocab = {"Error:", "Warning:", "FUS state is", "wireless stack", "start", "anti", "rollback",
                "0x20030030", ":", " : ", "01020000", "STM32_Programmer", "stm32cubeprogrammer v", "DEV_", "dev_",
                "Device ID", "download ", "image at address", "opening and parsing file:", "_fus_operator",
                "erasing sector", "failed", "serial port", "sfsa", "OPTION BYTES BANK", "\t", "\"", " "};
        Random random = new Random(11);
        StringBuilder line = new StringBuilder();
        StringBuilder unit = new StringBuilder();
        for (int l = 0; l < 400; l++) {
            line.setLength(0);
            int words = 1 + random.nextInt(l % 20 == 0 ? 900 : 30); // some lines hit the 4096-character cap
            for (int w = 0; w < words; w++) {
                line.append(vocab[random.nextInt(vocab.length)]);
            }
            unit.append(line).append('\n');
        }
        String small = unit.toString();
        String big = small.repeat(10);
        long[] one = new long[1];
        long[] ten = new long[1];
        ProgrammerSession s1 = ProgrammerOutputParser.parse(small, rules, one);
        ProgrammerSession s10 = ProgrammerOutputParser.parse(big, rules, ten);
        assertEquals(10 * s1.lineCount(), s10.lineCount());
        assertTrue(one[0] <= (long) s1.lineCount() * rules.rules().size(), "at most every rule once per line");
        assertTrue(ten[0] <= 10 * one[0] + rules.rules().size(), one[0] + " then " + ten[0]);

        // and in time: warm up, then the 10x input takes well under 20x the time of the 1x input
        ProgrammerOutputParser.parse(big);
        long t1 = Long.MAX_VALUE;
        long t10 = Long.MAX_VALUE;
        for (int round = 0; round < 4; round++) { // alternate, so a busy machine slows both alike
            t1 = Math.min(t1, best(small));
            t10 = Math.min(t10, best(big));
        }
        assertTrue(t10 < 20 * Math.max(t1, 1_000_000L), "1x " + t1 / 1000 + " us, 10x " + t10 / 1000 + " us");
    }

    private static long best(String text) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            ProgrammerOutputParser.parse(text);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    @Test
    void aBrokenTableIsRefusedNamingTheRule() throws Exception {
        ObjectMapper m = new ObjectMapper();
        String[][] bad = {
                {"{\"rules\":[{\"id\":\"a\",\"regex\":\"x\",\"attach\":\"fly\",\"source\":{\"assumed\":\"w\"}}]}", "unknown attach"},
                {"{\"rules\":[{\"id\":\"a\",\"regex\":\"x\",\"attach\":\"current\",\"source\":{}}]}", "says why it is assumed"},
                {"{\"rules\":[{\"id\":\"a\",\"regex\":\"x\",\"attach\":\"upgrade-success\",\"kind\":\"FWUPGRADE\",\"source\":{\"assumed\":\"w\"}}]}", "gives kind FWUPGRADE and outcome SUCCEEDED"},
                {"{\"rules\":[{\"id\":\"a\",\"regex\":\"x\",\"attach\":\"opens\",\"source\":{\"assumed\":\"w\"}}]}", "needs a kind"},
                {"{\"rules\":[{\"id\":\"a\",\"regex\":\"x\",\"keys\":[\"y\"],\"attach\":\"current\",\"source\":{\"assumed\":\"w\"}}]}", "not both"},
                {"{\"rules\":[]}", "no rules"},
        };
        for (String[] b : bad) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new LineRules(m.readTree(b[0])));
            assertTrue(e.getMessage().contains(b[1]), e.getMessage());
        }
    }

    @Test
    void theSfsaLineOfAnOptionByteListingIsRead() {
        String out = String.join("\n", "STM32CubeProgrammer v2.14.0", "ST-LINK SN  : 0670FF38", "Device ID   : 0x495",
                "OPTION BYTES BANK: 0", "   Read Out Protection:", "     RDP          : 0xAA (Level 0, no protection)",
                "     SFSA         : 0xCB (Secure Flash Start Address: 0x080CB000)", "     nSWboot0     : 0x1");
        ProgrammerSession s = ProgrammerOutputParser.parse(out);
        assertEquals(0xCBL, s.optionBytes().get("SFSA"));
        assertEquals(0xAAL, s.optionBytes().get("RDP"));
        assertEquals(1L, s.optionBytes().get("NSWBOOT0"));
        // the same "NAME : 0xVALUE" shape outside a listing is no option byte
        assertTrue(ProgrammerOutputParser.parse("STM32CubeProgrammer v2.14.0\nSFSA : 0xCB").optionBytes().isEmpty());
    }
}
