package dev.fuspath.programmer;

/**
 * "Flash size  : 1 MBytes (default)".
 *
 * @param bytes size in bytes, or -1 when the value could not be read
 * @param label compact label as the catalog writes it: "1M", "512K", "256K"
 * @param raw   value as printed
 */
public record FlashSize(long bytes, String label, String raw) {
}
