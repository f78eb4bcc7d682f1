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

    /** A zero word usually means the FUS info was not readable at that address/interface (e.g. 0x20030030 over SWD). */
    public boolean blank() {
        return word == 0;
    }
}
