package dev.fuspath.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged fuspath for the integration tests (failsafe, after {@code ./mvnw package}): the {@code fuspath}
 * launcher the README uses, beside {@code quarkus-app/}. Tests run it as a user does, so they also run its start
 * options (the class-data archives and compiler settings package.sh and the launcher choose).
 */
public final class Packaged {

    private Packaged() {
    }

    /** {@code target/quarkus-app/quarkus-run.jar}; skips the calling test when the artifact was not packaged. */
    public static Path jar() {
        String path = System.getProperty("fuspath.jar");
        assumeTrue(path != null && Files.isRegularFile(Path.of(path)), "skipped: no packaged fuspath (run mvn verify)");
        return Path.of(path).toAbsolutePath();
    }

    /** {@code target/fuspath}, the launcher; skips the calling test when the artifact was not packaged. */
    public static Path launcher() {
        Path launcher = jar().getParent().getParent().resolve("fuspath");
        assumeTrue(Files.isExecutable(launcher), "skipped: no launcher beside quarkus-app/ (run mvn verify)");
        return launcher;
    }

    /**
     * The command line {@code fuspath ARGS...}; leading {@code -Dname=value} words in {@code args} are system
     * properties, as the launcher takes them.
     */
    public static List<String> fuspath(String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(args));
        return command;
    }

    /** The same, from a list. */
    public static List<String> fuspath(List<String> args) {
        return fuspath(args.toArray(String[]::new));
    }
}
