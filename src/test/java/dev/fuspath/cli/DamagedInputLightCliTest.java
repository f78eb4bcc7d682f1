package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.testing.LightLauncher;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Messages for damaged or odd inputs on the command line (issue 9, item 9), for the commands the launcher runs on
 * the light path (run here by LightLauncher; the others stay in DamagedInputCliTest).
 */
@ExtendWith(LightLauncher.class)
class DamagedInputLightCliTest {

    private static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    private static Path fifo(Path dir) throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "skipped: mkfifo is not available");
        return fifo;
    }

    @Test
    void inspectAndDiagnoseSayWhatAPathIsWhenItIsNotAFile(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("odd-inputs");
        Path pipe = fifo(dir);
        Path dangling = Files.createSymbolicLink(dir.resolve("gone.log"), dir.resolve("removed.log"));
        String[][] cases = {
                {dir.toString(), "a folder, not a file"},
                {"/dev/null", "a character device, not a regular file"},
                {pipe.toString(), "a named pipe (FIFO), not a regular file"},
                {dir.resolve("absent.bin").toString(), "no such file"},
                {dangling.toString(), "a symbolic link to nothing (" + dir.resolve("removed.log") + " does not exist)"},
        };
        for (String[] c : cases) {
            LaunchResult inspect = launcher.launch("inspect", c[0]);
            assertEquals(ExitCodes.IO_ERROR, inspect.exitCode(), all(inspect));
            assertTrue(inspect.getErrorOutput().contains("fuspath inspect: " + c[0] + ": " + c[1]), all(inspect));
            LaunchResult diagnose = launcher.launch("diagnose", c[0]);
            assertEquals(ExitCodes.IO_ERROR, diagnose.exitCode(), all(diagnose));
            assertTrue(diagnose.getErrorOutput().contains("fuspath diagnose: " + c[0] + ": " + c[1]), all(diagnose));
        }
    }

    @Test
    void inspectRefusesACatalogWrongInside(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("damaged-catalog");
        var damages = dev.fuspath.catalog.DamagedCatalogs.all();
        for (String name : java.util.List.of("null binary record", "null severity of an anomaly")) {
            dev.fuspath.catalog.DamagedCatalogs.copyCommitted(dir);
            damages.get(name).getKey().apply(dir);
            Path image = Files.write(dir.resolve("some.bin"), new byte[64]);
            LaunchResult r = launcher.launch("inspect", image.toString(), "--catalog", dir.toString());
            assertEquals(ExitCodes.IO_ERROR, r.exitCode(), name + ": " + all(r));
            assertTrue(r.getErrorOutput().contains("fuspath inspect: cannot read the catalog in " + dir + ": "
                    + damages.get(name).getValue()), name + ": " + all(r));
        }
    }
}
