package dev.fuspath.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real-process backend, on small scripts that stand in for STM32_Programmer_CLI. */
class ProcessBackendTest {

    @TempDir
    Path tmp;

    private Path script(String body) throws Exception {
        Path file = tmp.resolve("STM32_Programmer_CLI");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void passesTheArgumentsAndReturnsOutputAndExitCode() throws Exception {
        Path cli = script("echo \"args: $*\"; echo 'Error: No STM32 target found!' >&2; exit 3");
        Backend.Invocation run = new ProcessBackend(cli, Duration.ofSeconds(10)).run(List.of("-c", "port=swd", "-startfus"));
        assertEquals(3, run.exitCode());
        assertFalse(run.hung());
        assertTrue(run.output().contains("args: -c port=swd -startfus"), run.output());
        assertTrue(run.output().contains("No STM32 target found"), "stderr is kept: " + run.output());
    }

    @Test
    void aHungCallIsKilledWithWhatItStartedAndReportedAsHung() throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        Path cli = script("echo started; sleep 60 & echo $! > " + pidFile + "; wait");
        long start = System.nanoTime();
        Backend.Invocation run = new ProcessBackend(cli, Duration.ofMillis(500)).run(List.of());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(run.hung());
        assertTrue(run.output().contains("started"), run.output());
        assertTrue(millis < 8_000, "returned after " + millis + " ms");
        long child = Long.parseLong(Files.readString(pidFile).trim());
        for (int i = 0; i < 50 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the child left behind");
    }

    @Test
    void runawayOutputIsCut() throws Exception {
        Path cli = script("head -c 10000000 /dev/zero | tr '\\\\0' 'x'");
        Backend.Invocation run = new ProcessBackend(cli, Duration.ofSeconds(20)).run(List.of());
        assertEquals(ProcessBackend.MAX_OUTPUT, run.output().length());
        assertEquals(0, run.exitCode());
    }

    @Test
    void aMissingProgrammerNamesTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProcessBackend(tmp.resolve("nowhere"), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("install STM32CubeProgrammer"), e.getMessage());
    }
}
