package dev.fuspath.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The simulator's boundaries (issue 12, and simulator/package-info.java): the executor's main code knows nothing of
 * the simulator (the simulator backend lives here), and the simulator knows nothing of HTTP or the command line.
 */
class SimulatorBoundaryTest {

    static final Path MAIN = Path.of("src/main/java/dev/fuspath");

    static List<String> importsOf(String pkg, String forbidden) throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String l = line.strip();
                    if ((l.startsWith("import ") || l.startsWith("import static ")) && l.contains(forbidden)) {
                        hits.add(MAIN.relativize(f) + ": " + l);
                    }
                }
            }
        }
        return hits;
    }

    @Test
    void executorMainCodeDoesNotImportTheSimulator() throws IOException {
        assertTrue(Files.isDirectory(MAIN.resolve("executor")), "run from the project folder");
        assertEquals(List.of(), importsOf("executor", "dev.fuspath.simulator."));
    }

    @Test
    void simulatorDoesNotImportHttpOrCli() throws IOException {
        for (String forbidden : List.of("dev.fuspath.web", "dev.fuspath.cli", "jakarta.ws", "io.vertx", "picocli",
                "io.quarkus")) {
            assertEquals(List.of(), importsOf("simulator", forbidden), forbidden);
        }
    }

    @Test
    void theSimulatorBackendLivesInTheSimulator() {
        assertTrue(Files.isRegularFile(MAIN.resolve("simulator/SimulatorBackend.java")));
        assertTrue(Files.notExists(MAIN.resolve("executor/SimulatorBackend.java")));
    }
}
