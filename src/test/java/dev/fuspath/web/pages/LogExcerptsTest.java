package dev.fuspath.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fuspath.programmer.ProgrammerOutputParser;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The log lines the diagnose page quotes: numbered as the parser numbers them, cut and made visible. */
class LogExcerptsTest {

    @Test
    void linesAreNumberedAsTheParserNumbersThem() {
        String log = "one\r\ntwo\rthree\n\nfive\r\n\r\nseven";
        Map<Integer, String> lines = LogExcerpts.lines(log, new TreeSet<>(List.of(1, 2, 3, 4, 5, 6, 7, 8)));
        assertEquals(Map.of(1, "one", 2, "two", 3, "three", 4, "", 5, "five", 6, "", 7, "seven"), lines);
        assertEquals(7, ProgrammerOutputParser.parse(log).lineCount());
        assertEquals(Map.of(2, "b"), LogExcerpts.lines("a\nb\n", new TreeSet<>(List.of(2, 3))),
                "a final line end starts no line");
    }

    @Test
    void windowsMergeWhenTheyTouchAndStopAtFive() {
        List<int[]> w = LogExcerpts.windows(List.of(1, 4, 20, 0, 99), 21);
        assertEquals(List.of("1-6", "18-21"), w.stream().map(a -> a[0] + "-" + a[1]).toList(),
                "lines outside the log are skipped");
        List<Integer> many = List.of(10, 20, 30, 40, 50, 60, 70);
        List<int[]> five = LogExcerpts.windows(many, 100);
        assertEquals(LogExcerpts.MAX_EXCERPTS, five.size());
        assertEquals(List.of(60, 70), LogExcerpts.outside(many, five));
        assertEquals(List.of(3, 4, 5), LogExcerpts.excerpt(new int[] {3, 5}, Map.of(4, "x"), List.of(4)).lines()
                .stream().map(LogExcerpts.Line::n).toList());
    }

    @Test
    void controlCharactersAreShownAndLongLinesCut() {
        String line = "a\u001b[0m\u0000\tb\u007f";
        assertEquals("a\u241b[0m\u2400\tb\u2421", LogExcerpts.shown(line, 0, line.length()));
        String longLine = "x".repeat(LogExcerpts.MAX_LINE - 1) + "\uD83D\uDE00" + "tail";
        String shown = LogExcerpts.shown(longLine, 0, longLine.length());
        assertEquals("x".repeat(LogExcerpts.MAX_LINE - 1) + "…", shown, "a pair of surrogates is not split");
    }
}
