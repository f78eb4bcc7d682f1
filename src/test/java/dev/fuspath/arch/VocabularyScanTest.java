package dev.fuspath.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.AnomalyCode;
import dev.fuspath.executor.FlashEvent;
import dev.fuspath.executor.RunOutcome;
import dev.fuspath.planner.StepAction;
import dev.fuspath.programmer.InterfaceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's "done when", held over the main sources: no string comparison on a plan action, flash event type, run
 * outcome, interface or anomaly code (they are enums: compare the values), and no domain constant the rules hold is
 * spelled again in code (the factory FUS, the FUS a FUS_v2-only image needs, the FUS information address, the
 * FUS_v2-only reserve: {@code rules.FusFacts}).
 */
class VocabularyScanTest {

    private static final Path MAIN = Path.of("src/main/java");

    /** Each enum's wire values, with the source file that may spell them (the enum itself). */
    private static Map<String, String> wireValues() {
        Map<String, String> words = new TreeMap<>();
        Arrays.stream(StepAction.values()).forEach(a -> words.put(a.wire(), "planner/StepAction.java"));
        Arrays.stream(FlashEvent.Type.values()).forEach(t -> words.put(t.wire(), "executor/FlashEvent.java"));
        Arrays.stream(RunOutcome.values()).forEach(o -> words.put(o.wire(), "executor/RunOutcome.java"));
        InterfaceKind.PLANNABLE.forEach(i -> words.put(i.option(), "programmer/InterfaceKind.java"));
        Arrays.stream(AnomalyCode.values()).forEach(c -> words.put(c.code(), "catalog/AnomalyCode.java"));
        return words;
    }

    private static Map<String, String> sources() throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                all.put(MAIN.relativize(f).toString().replace('\\', '/').replaceFirst("^dev/fuspath/", ""),
                        Files.readString(f));
            }
        }
        return all;
    }

    /**
     * Comparisons that are not on fuspath's vocabulary though they spell one of its words: STM32_Programmer_CLI's own
     * {@code port=swd} / {@code port=usbN} and {@code -l st-link|usb} arguments, read where that text is parsed, and
     * the {@code plan} subcommand's name (the same word as the {@code plan} flash event).
     */
    private static final Set<String> NOT_OUR_VOCABULARY = Set.of(
            "launch/LightMain.java: case \"plan\" ->",
            "programmer/ProgrammerCommand.java: .equals(\"swd\")",
            "programmer/ProgrammerCommand.java: \"usb\".equals(",
            "programmer/SessionAssembler.java: .equals(\"swd\")",
            "simulator/FusModel.java: .equals(\"swd\")",
            "simulator/SimulatedRack.java: \"swd\".equals(");

    @Test
    void noStringComparisonOnAClosedSet() throws IOException {
        Map<String, String> words = wireValues();
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> source : sources().entrySet()) {
            for (Map.Entry<String, String> w : words.entrySet()) {
                if (source.getKey().equals(w.getValue())) {
                    continue; // the enum's own parsing
                }
                String q = Pattern.quote("\"" + w.getKey() + "\"");
                Matcher m = Pattern.compile("\\.equals(?:IgnoreCase)?\\(\\s*" + q + "\\s*\\)|" + q
                        + "\\s*\\.equals(?:IgnoreCase)?\\(|case\\s+" + q + "\\s*(?:->|:|,)").matcher(source.getValue());
                while (m.find()) {
                    String hit = source.getKey() + ": " + m.group();
                    if (!NOT_OUR_VOCABULARY.contains(hit)) {
                        found.add(hit);
                    }
                }
            }
        }
        assertEquals(List.of(), found, "compare the enum (StepAction, FlashEvent.Type, RunOutcome, InterfaceKind,"
                + " AnomalyCode), not its wire text");
    }

    @Test
    void theScanSeesAComparisonWhereThereIsOne() {
        // guards the pattern above: each shape it looks for is found in a sample
        String sample = "if (a.equals(\"fus-upgrade\") || \"usb\".equalsIgnoreCase(b)) { switch (c) { case \"run-end\" -> x; } }";
        Map<String, String> words = wireValues();
        assertTrue(words.containsKey("fus-upgrade") && words.containsKey("usb") && words.containsKey("run-end"),
                words.keySet().toString());
        int hits = 0;
        for (String w : List.of("fus-upgrade", "usb", "run-end")) {
            String q = Pattern.quote("\"" + w + "\"");
            Matcher m = Pattern.compile("\\.equals(?:IgnoreCase)?\\(\\s*" + q + "\\s*\\)|" + q
                    + "\\s*\\.equals(?:IgnoreCase)?\\(|case\\s+" + q + "\\s*(?:->|:|,)").matcher(sample);
            while (m.find()) {
                hits++;
            }
        }
        assertEquals(3, hits);
    }

    /** The constants rules.FusFacts reads from rules/: spelled nowhere else in code. */
    @Test
    void fusFactsAreReadFromTheRulesNotDeclared() throws IOException {
        Pattern declared = Pattern.compile("0x20030030L|FirmwareVersion\\.of\\(\\s*0,\\s*5,\\s*3\\s*\\)"
                + "|FirmwareVersion\\.of\\(\\s*2,\\s*0,\\s*0\\s*\\)|0x4000L|\"0x4000|0x4000\"|\\b16 \\* 1024\\b(?! \\*)");
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> source : sources().entrySet()) {
            if (source.getKey().equals("rules/FusFacts.java")) {
                continue; // the reader itself
            }
            Matcher m = declared.matcher(source.getValue());
            while (m.find()) {
                found.add(source.getKey() + ": " + m.group());
            }
        }
        assertEquals(List.of(), found, "read it from rules.FusFacts (rules/procedures.json, rules/families.json)");
        assertTrue(Set.of("0x20030030L").stream().allMatch(s -> declared.matcher(s).matches()));
    }
}
