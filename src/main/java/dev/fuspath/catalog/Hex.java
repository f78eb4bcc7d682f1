package dev.fuspath.catalog;

import java.util.regex.Pattern;

/** The catalog's spelling of addresses and 32-bit words: {@code 0x} and eight uppercase hex digits. */
public final class Hex {
    private static final Pattern WORD = Pattern.compile("0x[0-9A-F]{8}");

    private Hex() {
    }

    public static String word(long value) {
        return String.format("0x%08X", value & 0xFFFFFFFFL);
    }

    public static long parse(String word) {
        if (word == null || !WORD.matcher(word).matches()) {
            throw new IllegalArgumentException("not a 0x-prefixed 32-bit word: " + word);
        }
        return Long.parseLong(word.substring(2), 16);
    }
}
