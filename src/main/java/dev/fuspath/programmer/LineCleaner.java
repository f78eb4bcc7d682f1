package dev.fuspath.programmer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first stage of reading a log: one raw line in, the text the line rules look at out. Strips what is not the
 * tool's: ANSI colour codes and other control characters, a byte-order mark, en/em dashes typed for "-", forum
 * quoting ("&gt; ", up to three levels) and markdown bold around a pasted line, the GUI's timestamp with or without
 * milliseconds ("16:37:28 : ", "16:37:28:135 : "), and the surrounding blanks. Binary junk lines come out empty.
 *
 * <p>Shapes, each seen in a public log of src/test/resources/logs/real (see its README.md): millisecond timestamps
 * (st-33955, st-125135), markdown quoting with a bold error line "&gt; **16:28:40 : Error: Failed to download
 * image!**" (gh-cubewb-41), forum double spacing (st-228021, st-177360: empty lines, dropped by the caller).
 *
 * <p>Not thread-safe (one reusable buffer); linear in the line's length.
 */
final class LineCleaner {

    private static final Pattern TIMESTAMP = Pattern.compile(
            "^\\d{1,2}:\\d{2}:\\d{2}(?:[:.,]\\d{1,3})?(?:\\s*:\\s*|\\s+|$)");

    private static final int CLEAN = 0;
    private static final int DIRTY = 1;
    private static final int JUNK = 2;

    private final StringBuilder sb = new StringBuilder(256);

    /** The cleaned text of {@code text[from, to)}; empty for a blank or binary line. */
    String clean(String text, int from, int to) {
        int kind = scan(text, from, to);
        if (kind == JUNK) {
            return "";
        }
        String s = kind == DIRTY ? cleanSlow(text, from, to) : text.substring(from, to).trim();
        for (int k = 0; k < 3 && s.startsWith(">"); k++) {
            s = s.substring(1).trim();
        }
        s = unbold(s);
        if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
            Matcher m = TIMESTAMP.matcher(s);
            if (m.lookingAt()) {
                s = s.substring(m.end()).trim();
            }
        }
        if (s.startsWith(":") && (s.length() == 1 || s.charAt(1) == ' ')) {
            s = s.substring(1).trim();
        }
        return unbold(s);
    }

    /** "**text**" or "__text__" (markdown bold around a whole pasted line) to "text"; anything else unchanged. */
    static String unbold(String s) {
        for (String mark : new String[] {"**", "__"}) {
            if (s.length() > 2 * mark.length() && s.startsWith(mark) && s.endsWith(mark)) {
                return s.substring(mark.length(), s.length() - mark.length()).trim();
            }
        }
        return s;
    }

    /**
     * One pass over a line: CLEAN (nothing to strip), DIRTY (ANSI codes, controls, dashes to normalise) or JUNK
     * (undecodable bytes U+FFFD, or more than 1 in 8 characters are C0/C1 controls other than ESC and tab):
     * tool output never looks like that, so binary lines are skipped without further work.
     */
    private static int scan(String text, int from, int to) {
        int controls = 0;
        boolean dirty = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c < 0xA1)) {
                dirty = true;
                if (c != 0x1B && c != '\t') {
                    controls++;
                }
            } else if (c >= 0x2013) {
                if (c == '\uFFFD') {
                    return JUNK;
                }
                if (c == '\uFEFF' || c == '\u2013' || c == '\u2014' || c == '\u2212') {
                    dirty = true;
                }
            }
        }
        if (controls * 8 > to - from) {
            return JUNK;
        }
        return dirty ? DIRTY : CLEAN;
    }

    private String cleanSlow(String text, int from, int to) {
        sb.setLength(0);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == 0x1B) { // ESC: CSI "ESC [ ... final", OSC "ESC ] ... BEL", or a two-char sequence
                if (i + 1 < to && text.charAt(i + 1) == '[') {
                    i += 2;
                    while (i < to && (text.charAt(i) < 0x40 || text.charAt(i) > 0x7E)) {
                        i++;
                    }
                } else if (i + 1 < to && text.charAt(i + 1) == ']') {
                    i += 2;
                    while (i < to && text.charAt(i) != 0x07 && text.charAt(i) != 0x1B) {
                        i++;
                    }
                } else {
                    i++;
                }
            } else if (c == '\t') {
                sb.append(' ');
            } else if (c < 0x20 || c == 0x7F || c == '\uFEFF' || (c >= 0x80 && c < 0xA0)) {
                // drop control characters
            } else if (c == '\u00A0') {
                sb.append(' ');
            } else if (c == '\u2013' || c == '\u2014' || c == '\u2212') {
                sb.append('-');
            } else {
                sb.append(c);
            }
        }
        return sb.toString().trim();
    }
}
