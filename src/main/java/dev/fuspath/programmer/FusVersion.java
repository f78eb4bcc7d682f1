package dev.fuspath.programmer;

/**
 * FUS version decoded from a read at 0x20030030 (FUS info over USB/DFU) or 0x20010010 (device info table over SWD):
 * major&lt;&lt;24 | minor&lt;&lt;16 | sub&lt;&lt;8.
 *
 * @param text    "1.2.0"
 * @param word    the raw word
 * @param address where it was read
 * @param line    1-based line number
 */
public record FusVersion(String text, long word, long address, int line) {
    public static FusVersion decode(long word, long address, int line) {
        long major = (word >>> 24) & 0xFF;
        long minor = (word >>> 16) & 0xFF;
        long sub = (word >>> 8) & 0xFF;
        return new FusVersion(major + "." + minor + "." + sub, word, address, line);
    }

    /**
     * Whether a word read where FUS keeps its version can be one: zero (nothing readable there), or major 0 to 3 with
     * minor and sub below 32. FUS versions so far are 0.5.3, 1.0.x, 1.1.x, 1.2.0 and 2.x;
     * an application's RAM read through its own DFU gave AE1C889C (st-57562 in logs/real), which this rejects.
     */
    public static boolean plausible(long word) {
        if (word == 0) {
            return true;
        }
        long major = (word >>> 24) & 0xFF;
        long minor = (word >>> 16) & 0xFF;
        long sub = (word >>> 8) & 0xFF;
        return word <= 0xFFFFFFFFL && major <= 3 && minor < 32 && sub < 32;
    }

    /** A zero word usually means the FUS info was not readable at that address/interface (e.g. 0x20030030 over SWD). */
    public boolean blank() {
        return word == 0;
    }
}
