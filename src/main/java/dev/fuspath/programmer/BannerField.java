package dev.fuspath.programmer;

/** A "Key : value" line of the connection banner, with its 1-based line number. */
public record BannerField(String key, String value, int line) {
}
