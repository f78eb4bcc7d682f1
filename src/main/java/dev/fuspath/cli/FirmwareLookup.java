package dev.fuspath.cli;

import dev.fuspath.catalog.Sha256;
import dev.fuspath.executor.FlashException;
import dev.fuspath.executor.FlashExit;
import dev.fuspath.executor.PlanFiles;
import dev.fuspath.planner.PlanStep;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Interim: files by name and checksum in --firmware-dir folders. */
final class FirmwareLookup {

    private FirmwareLookup() {
    }

    static PlanFiles of(List<Path> dirs, URI server, Duration timeout) {
        return plan -> {
            Map<String, byte[]> found = new HashMap<>();
            for (PlanStep s : plan.steps()) {
                if (s.file() == null || found.containsKey(s.file())) {
                    continue;
                }
                for (Path d : dirs) {
                    try (Stream<Path> walk = Files.walk(d, 8)) {
                        for (Path p : (Iterable<Path>) walk.filter(p -> p.getFileName().toString().equals(s.file()))::iterator) {
                            byte[] b = Files.readAllBytes(p);
                            if (Sha256.of(b).equals(s.sha256())) {
                                found.put(s.file(), b);
                                break;
                            }
                        }
                    } catch (IOException e) {
                        throw new FlashException(FlashExit.IO, "cannot read " + d + ": " + e.getMessage(), "check --firmware-dir");
                    }
                }
            }
            return found;
        };
    }
}
