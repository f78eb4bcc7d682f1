package dev.fuspath.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Compares catalog folders file by file, byte for byte. */
public final class CatalogAssertions {

    private CatalogAssertions() {
    }

    /** Every regular file below {@code dir}, by relative path. */
    public static Map<String, byte[]> snapshot(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public static void assertSameFiles(Path expected, Path actual) {
        assertSameFiles(snapshot(expected), actual);
    }

    public static void assertSameFiles(Map<String, byte[]> expected, Path actual) {
        Map<String, byte[]> found = snapshot(actual);
        assertEquals(expected.keySet(), found.keySet(), "the same files in " + actual);
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, found.get(name), name + " differs in " + actual));
    }
}
