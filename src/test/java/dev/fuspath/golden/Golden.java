package dev.fuspath.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: what the API and the CLI print for the seed stories, taken from main before the vocabulary
 * refactoring (issue 12), held byte for byte. {@code -Dgolden.write=true} rewrites them from the code as it is (only
 * for a deliberate change of a wire format, said so in the commit).
 */
final class Golden {

    static final Path DIR = Path.of("src/test/resources/golden");
    private static final boolean WRITE = Boolean.getBoolean("golden.write");

    private Golden() {
    }

    static void assertGolden(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (WRITE) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        String expected;
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new AssertionError("no golden file golden/" + name + " (run once with -Dgolden.write=true)");
            }
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, actual, "output differs from golden/" + name);
    }
}
