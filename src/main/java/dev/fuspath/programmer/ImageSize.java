package dev.fuspath.programmer;

/**
 * A file size as STM32CubeProgrammer prints it ("Size : 24492 Bytes", "Size : 29.81 KB", "Size : 8 KBytes").
 *
 * @param bytes     the size in bytes, rounded
 * @param tolerance how far the real size may be from {@code bytes}: 0 for a byte count, half the last printed digit
 *                  for KB or MB
 * @param raw       the value as printed
 */
public record ImageSize(long bytes, long tolerance, String raw) {

    /** Whether a size in bytes is what was printed, given the rounding of the print. */
    public boolean matches(long size) {
        return Math.abs(size - bytes) <= tolerance;
    }
}
