package dev.fuspath.simulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.simulator.TranscriptPrinter.Seen;
import dev.fuspath.simulator.TranscriptPrinter.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every line shape the simulator prints names where it was seen; a shape said to come from the corpus of real logs
 * (src/test/resources/logs/real) is held to that log: some line of it has the shape.
 */
class TranscriptShapesTest {

    static final Path CORPUS = Path.of("src/test/resources/logs/real");
    private static final Pattern SPEC = Pattern.compile("%(%|[-#+ 0,(]*\\d*(?:\\.\\d+)?[a-zA-Z])");
    private static final Pattern GUI_PREFIX = Pattern.compile("^\\d{2}:\\d{2}:\\d{2}(?::\\d{3})? : ");

    /** A shape as a pattern over normalized lines: the literal parts exact, every value at least one character. */
    static Pattern pattern(Shape shape) {
        String t = normalize(shape.template());
        StringBuilder re = new StringBuilder();
        Matcher m = SPEC.matcher(t);
        int at = 0;
        while (m.find()) {
            re.append(Pattern.quote(t.substring(at, m.start())));
            re.append(m.group(1).equals("%") ? Pattern.quote("%") : ".+?");
            at = m.end();
        }
        re.append(Pattern.quote(t.substring(at)));
        return Pattern.compile(re.toString());
    }

    /** Whitespace runs to one space, forum quoting, bold and GUI timestamps off. */
    static String normalize(String line) {
        String l = line.strip();
        if (l.startsWith("> ")) {
            l = l.substring(2).strip();
        }
        l = l.replace("**", "").strip();
        l = GUI_PREFIX.matcher(l).replaceFirst("");
        return l.replaceAll("\\s+", " ").strip();
    }

    static boolean printedIn(Shape shape, List<String> lines) {
        Pattern p = pattern(shape);
        return lines.stream().map(TranscriptShapesTest::normalize).anyMatch(l -> p.matcher(l).matches());
    }

    @Test
    void everyCorpusShapeIsALineOfItsLog() throws IOException {
        for (Shape shape : Shape.values()) {
            if (shape.seen() != Seen.CORPUS) {
                continue;
            }
            Path log = CORPUS.resolve(shape.corpusFile());
            assertTrue(Files.isRegularFile(log), shape + ": " + log + " is not in the corpus");
            List<String> lines = List.of(Files.readString(log, StandardCharsets.UTF_8).split("\r\n|\r|\n"));
            assertTrue(printedIn(shape, lines), shape + " (" + shape.template() + ") is no line of " + log);
        }
    }

    @Test
    void everyOtherShapeSaysWhereOrWhy() {
        for (Shape shape : Shape.values()) {
            assertFalse(shape.source().isBlank(), shape.name());
            if (shape.seen() == Seen.PUBLIC) {
                assertTrue(shape.source().startsWith("https://"), shape + ": a public source is a URL");
            }
        }
    }

    @Test
    void theFictionalUpgradeStatesAreGone() {
        for (Shape shape : Shape.values()) {
            assertFalse(shape.template().contains("UPGRD"), shape + " prints a state no public log shows");
        }
    }

    @Test
    void patternsAreStrictEnoughToFail() {
        assertFalse(printedIn(Shape.UPGRADE_SUCCESS, List.of("Firmware Upgrade Succeeded")));
        assertFalse(printedIn(Shape.DOWNLOAD_AT, List.of("Download Stack/FUS image at address 0x80C7000 ...")));
        assertTrue(printedIn(Shape.DOWNLOAD_AT, List.of("Download firmware image at address 0x80C7000 ...")));
        assertTrue(printedIn(Shape.PROGRESS_100, List.of("[==================================================] 100%")));
        assertTrue(printedIn(Shape.IMG_NOT_FOUND, List.of("09:16:21 : Error: FUS_STATE_IMG_NOT_FOUND: Firmware/FUS"
                + " upgrade requested but no image found")));
    }
}
