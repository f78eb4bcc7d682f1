package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.executor.FlashException;
import dev.fuspath.planner.PlanException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * ExitCodes is the README's exit-code table: the same codes, and every plan refusal and every flash stop lands on
 * the documented one.
 */
class ExitCodesDocumentedTest {

    /** The README's list: code to its text. */
    private static Map<Integer, String> readme() throws Exception {
        String text = Files.readString(Path.of("README.md"));
        int start = text.indexOf("The exit codes are:");
        int end = text.indexOf("\n## ", start);
        Map<Integer, String> codes = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^- `(\\d+)`: (.*)$").matcher(text.substring(start, end));
        while (m.find()) {
            codes.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        return codes;
    }

    @Test
    void theTableHoldsTheReadmesCodes() throws Exception {
        TreeSet<Integer> constants = new TreeSet<>();
        for (Field f : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                constants.add(f.getInt(null));
            }
        }
        assertEquals(readme().keySet(), constants, "README.md's exit codes against cli.ExitCodes");
    }

    @Test
    void everyPlanRefusalHasItsDocumentedCode() throws Exception {
        Map<Integer, String> readme = readme();
        for (PlanException.Reason reason : PlanException.Reason.values()) {
            int code = ExitCodes.of(reason);
            assertTrue(readme.containsKey(code), reason + " -> " + code);
            String said = readme.get(code);
            switch (reason) {
                case INVALID_INPUT -> assertTrue(said.contains("bad command line"), said);
                case UNKNOWN_CHIP, UNKNOWN_RELEASE -> assertTrue(said.contains("unknown chip or release"), said);
                default -> assertTrue(said.contains("does not exist"), reason + ": " + said);
            }
        }
    }

    @Test
    void everyFlashStopHasItsDocumentedCode() throws Exception {
        Map<Integer, String> readme = readme();
        java.util.Set<Integer> flashCodes = new TreeSet<>();
        for (FlashException.Reason reason : FlashException.Reason.values()) {
            int code = ExitCodes.of(reason);
            assertTrue(readme.containsKey(code), reason + " -> " + code);
            String said = readme.get(code);
            String expected = switch (reason) {
                case INVALID_INPUT -> "bad command line";
                case IO -> "cannot be read";
                case UNKNOWN_CHIP_OR_RELEASE -> "unknown chip or release";
                case NO_PLAN -> "does not exist";
                case DEVICE_REFUSED -> "flash: no device answered";
                case FILES_REFUSED -> "flash: a file is missing";
                case STEP_FAILED -> "flash: a step failed";
                case UNKNOWN_EFFECT -> "flash: a step's effect is unknown";
                case NOT_CONFIRMED -> "was not confirmed";
                case NOTHING_TO_RESUME -> "`--resume` found no unfinished run";
            };
            assertTrue(said.contains(expected), reason + " -> " + code + ": " + said);
            flashCodes.add(code);
        }
        for (Map.Entry<Integer, String> e : readme.entrySet()) {
            if (e.getValue().startsWith("flash:")) {
                assertTrue(flashCodes.contains(e.getKey()), "README's " + e.getKey() + " has no flash stop reason");
            }
        }
    }
}
