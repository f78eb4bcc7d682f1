package dev.fuspath.web.pages;

import java.util.Locale;

/** Small formatting shared by the pages. */
final class Pages {

    private Pages() {
    }

    /** 539532 -> "539,532 bytes (527 KiB)". */
    static String bytes(long n) {
        String exact = String.format(Locale.ROOT, "%,d bytes", n);
        return n < 1024 ? exact : exact + String.format(Locale.ROOT, " (%d KiB)", (n + 1023) / 1024);
    }

    /** The date part of an ISO date-time: "2025-11-21T17:32:21+01:00" -> "2025-11-21". */
    static String day(String isoDateTime) {
        return isoDateTime == null || isoDateTime.length() < 10 ? String.valueOf(isoDateTime) : isoDateTime.substring(0, 10);
    }

    /** At most {@code max} characters of text a user sent, to quote it back. */
    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
