package dev.fuspath.programmer;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The folders of real logs the corpus tests read (logs/real, logs/heldout), and the bars they share. */
final class LogFolders {

    private LogFolders() {
    }

    /**
     * The finding codes that name each cause class. "other" is any error-level finding; the rest are the kebab-case
     * checks of the diagnosis that name that cause (the class name itself is accepted as the code a rework may add).
     */
    static final Map<String, Set<String>> CAUSE_CODES = Map.of(
            "wrong-file-for-fus", Set.of("wrong-file-for-fus", "file-not-what-its-name-says", "fus-upgrade-out-of-order",
                    "fus-downgrade"),
            "wrong-address", Set.of("wrong-address", "address-outside-flash"),
            "fus-not-started-before-read", Set.of("fus-not-started-before-read"),
            "application-dfu-not-rom-bootloader", Set.of("application-dfu-not-rom-bootloader"),
            "option-byte-mismatch", Set.of("option-byte-mismatch"),
            "lost-usb-connection", Set.of("lost-usb-connection", "operation-never-ended"),
            "supply-or-cable-write-error", Set.of("supply-or-cable-write-error", "install-write-error"),
            "other", Set.of());

    /** The names of the logs in {@code folder} (each {@code NAME.log}), sorted. */
    static Stream<String> logs(String folder) {
        try (Stream<Path> files = Files.list(dir(folder))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log"))
                    .map(n -> n.substring(0, n.length() - ".log".length())).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder on the test class path. */
    static Path dir(String folder) {
        URL url = LogFolders.class.getClassLoader().getResource(folder);
        assertNotNull(url, folder + " is on the test classpath");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
