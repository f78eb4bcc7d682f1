package dev.fuspath.web.pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The numbered lines of a log around the lines a finding rests on, numbered as the parser numbers them (\n, \r\n
 * and a lone \r each end a line).
 */
final class LogExcerpts {

    /** Lines shown before and after each evidence line. */
    static final int CONTEXT = 2;
    /** Excerpts shown per finding; further evidence lines are listed by number. */
    static final int MAX_EXCERPTS = 5;
    /** Characters of a line shown; past that it is cut. */
    static final int MAX_LINE = 400;

    /** One line of the log as shown: its number, its text (cut, control characters made visible). */
    public record Line(int n, String text, boolean evidence) {
    }

    /** Consecutive lines of the log. */
    public record Excerpt(int from, int to, List<Line> lines) {
    }

    private LogExcerpts() {
    }

    /** The windows of lines around each evidence line (merged when they touch), at most {@link #MAX_EXCERPTS}. */
    static List<int[]> windows(List<Integer> evidence, int lineCount) {
        List<int[]> windows = new ArrayList<>();
        for (int e : evidence) {
            if (e < 1 || e > lineCount) {
                continue;
            }
            int from = Math.max(1, e - CONTEXT);
            int to = Math.min(lineCount, e + CONTEXT);
            int[] last = windows.isEmpty() ? null : windows.get(windows.size() - 1);
            if (last != null && from <= last[1] + 1) {
                last[1] = Math.max(last[1], to);
            } else if (windows.size() < MAX_EXCERPTS) {
                windows.add(new int[] {from, to});
            } else {
                break;
            }
        }
        return windows;
    }

    /** The evidence lines that fall in none of the windows. */
    static List<Integer> outside(List<Integer> evidence, List<int[]> windows) {
        return evidence.stream().filter(e -> windows.stream().noneMatch(w -> e >= w[0] && e <= w[1])).toList();
    }

    static Excerpt excerpt(int[] window, Map<Integer, String> text, List<Integer> evidence) {
        List<Line> lines = new ArrayList<>();
        for (int n = window[0]; n <= window[1]; n++) {
            lines.add(new Line(n, text.getOrDefault(n, ""), evidence.contains(n)));
        }
        return new Excerpt(window[0], window[1], List.copyOf(lines));
    }

    /** The text of the wanted lines, in one pass over the log. */
    static Map<Integer, String> lines(String log, SortedSet<Integer> wanted) {
        Map<Integer, String> out = new HashMap<>();
        if (wanted.isEmpty() || log == null) {
            return out;
        }
        int last = wanted.last();
        int n = log.length();
        int start = 0;
        int line = 0;
        for (int i = 0; i <= n && line < last; i++) {
            boolean end = i == n || log.charAt(i) == '\n' || log.charAt(i) == '\r';
            if (!end) {
                continue;
            }
            if (i == n && start == n) {
                break;
            }
            line++;
            if (wanted.contains(line)) {
                out.put(line, shown(log, start, i));
            }
            if (i < n && log.charAt(i) == '\r' && i + 1 < n && log.charAt(i + 1) == '\n') {
                i++;
            }
            start = i + 1;
        }
        return out;
    }

    static SortedSet<Integer> numbers(List<int[]> windows) {
        SortedSet<Integer> all = new TreeSet<>();
        windows.forEach(w -> {
            for (int n = w[0]; n <= w[1]; n++) {
                all.add(n);
            }
        });
        return all;
    }

    /** A line as shown: at most {@link #MAX_LINE} characters, control characters as their visible symbols. */
    static String shown(String log, int from, int to) {
        int end = Math.min(to, from + MAX_LINE);
        if (end < to && end > from && Character.isHighSurrogate(log.charAt(end - 1))) {
            end--;
        }
        StringBuilder b = new StringBuilder(end - from + 1);
        for (int i = from; i < end; i++) {
            char c = log.charAt(i);
            b.append(c < 0x20 && c != '\t' ? (char) (0x2400 + c) : c == 0x7F ? '\u2421' : c);
        }
        return end < to ? b.append('…').toString() : b.toString();
    }
}
