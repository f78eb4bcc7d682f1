package dev.fuspath.image;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A coprocessor firmware version as FUS encodes it in a 32-bit word:
 * {@code major<<24 | minor<<16 | sub<<8 | branch<<4 | build}. Ordered by major, minor, sub.
 */
public record FirmwareVersion(int major, int minor, int sub, int branch, int build) implements Comparable<FirmwareVersion> {

    private static final Pattern TEXT = Pattern.compile("\\s*[vV]?\\s*(\\d{1,3})\\.(\\d{1,3})(?:\\.(\\d{1,3}))?\\s*");
    private static final Comparator<FirmwareVersion> ORDER = Comparator.comparingInt(FirmwareVersion::major)
            .thenComparingInt(FirmwareVersion::minor).thenComparingInt(FirmwareVersion::sub);

    public FirmwareVersion {
        if (major < 0 || major > 255 || minor < 0 || minor > 255 || sub < 0 || sub > 255
                || branch < 0 || branch > 15 || build < 0 || build > 15) {
            throw new IllegalArgumentException("version field out of range");
        }
    }

    public static FirmwareVersion of(int major, int minor, int sub) {
        return new FirmwareVersion(major, minor, sub, 0, 0);
    }

    /** The version a FUS version word stands for; 0xFFFFFFFF (erased or "any") has none. */
    public static FirmwareVersion fromWord(long word) {
        if (word == 0xFFFFFFFFL || word < 0 || word > 0xFFFFFFFFL) {
            return null;
        }
        int w = (int) word;
        return new FirmwareVersion((w >>> 24) & 0xFF, (w >>> 16) & 0xFF, (w >>> 8) & 0xFF, (w >>> 4) & 0xF, w & 0xF);
    }

    /** Parses "1.2.0", "v1.2.0", "V1.13" (sub 0); null when the text is not a version. */
    public static FirmwareVersion parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int sub = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (major > 255 || minor > 255 || sub > 255) {
            return null;
        }
        return of(major, minor, sub);
    }

    public long word() {
        return ((long) major << 24) | ((long) minor << 16) | ((long) sub << 8) | ((long) branch << 4) | build;
    }

    /** Same major.minor.sub, ignoring branch and build. */
    public boolean sameRelease(FirmwareVersion other) {
        return other != null && ORDER.compare(this, other) == 0;
    }

    @Override
    public int compareTo(FirmwareVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + sub;
    }
}
