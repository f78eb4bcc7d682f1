package dev.fuspath.executor.files;

/**
 * A plan step's file, verified.
 *
 * @param origin the path or URL the bytes came from
 */
public record Fetched(byte[] bytes, String origin) {
}
