package dev.fuspath.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.SimulatorStateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bash fake CLI of FakeCliServer answers every call exactly as the fake CLI in a JVM of its own does (standard
 * output byte for byte, exit code, the device it leaves), including garbage output, failures and arguments with spaces
 * and quotes read relative to the caller's folder; a hung call really blocks until killed, and a killed call leaves
 * the device usable.
 */
class FakeCliServerTest {

    @TempDir
    Path dir;

    record Call(int exit, byte[] out) {
    }

    private static final List<List<String>> CALLS = List.of(
            List.of("-c", "port=SWD", "-r32", "0x20030030", "4"),
            List.of("-c", "port=SWD", "-startfus"),
            List.of("-c", "port=SWD", "-r32", "0x20030030", "4"),
            List.of("-c", "port=SWD", "-fwupgrade", "my images/it's a \"file\".bin", "0x080EC000"),
            List.of("-c", "port=SWD", "-fwupgrade", "missing.bin", "0x080EC000"),
            List.of("-c", "port=SWD", "--no-such-option"),
            List.of());

    @Test
    void theBashScriptAnswersAsTheJvmDoes() throws Exception {
        assumeTrue(FakeCliServer.get() != null, "skipped: no bash here; the fake CLI runs in a JVM per call");
        Files.createDirectories(dir.resolve("caller/my images"));
        Files.write(dir.resolve("caller/my images/it's a \"file\".bin"), new byte[2048]);
        SimulatorStateFile.Stored start = SimulatorStateFile.Stored.of(DeviceState.factory("1M")).withGarbageOn(3);
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        new SimulatorStateFile(a).write(start);
        new SimulatorStateFile(b).write(start);
        Path script = FakeProgrammer.install(dir.resolve("bin"), a);
        assertTrue(Files.readString(script).startsWith("#!/"), "an executable script");
        assertFalse(Files.readString(script).contains("java"), "no JVM per call");
        List<String> jvm = List.of(FakeCliJvm.java(), "-cp", System.getProperty("java.class.path"),
                FakeProgrammer.class.getName());
        int failures = 0;
        for (List<String> args : CALLS) {
            List<String> viaServer = new ArrayList<>(List.of(script.toString()));
            viaServer.addAll(args);
            List<String> viaJvm = new ArrayList<>(jvm);
            viaJvm.addAll(args);
            Call s = call(viaServer, null);
            Call j = call(viaJvm, b);
            assertEquals(j.exit(), s.exit(), "exit code of " + args + ": " + new String(s.out()));
            assertArrayEquals(j.out(), s.out(), "output of " + args + ": " + new String(s.out()));
            failures += s.exit() == 0 ? 0 : 1;
        }
        assertTrue(failures >= 2, "the sequence has failing calls too");
        assertEquals(new SimulatorStateFile(b).read(), new SimulatorStateFile(a).read(), "the same device after");
        assertEquals(Files.readAllLines(new SimulatorStateFile(b).callLog()),
                Files.readAllLines(new SimulatorStateFile(a).callLog()));
    }

    @Test
    void aHungCallBlocksUntilKilledAndLeavesTheDeviceUsable() throws Exception {
        assumeTrue(FakeCliServer.get() != null, "skipped: no bash here; the fake CLI runs in a JVM per call");
        Path state = dir.resolve("hang.json");
        new SimulatorStateFile(state).write(SimulatorStateFile.Stored.of(DeviceState.factory("1M"))
                .withHangSeconds(120).withHangWhen("-startfus"));
        Path script = FakeProgrammer.install(dir.resolve("bin-hang"), state);
        Process p = new ProcessBuilder(script.toString(), "-c", "port=SWD", "-startfus").redirectErrorStream(true)
                .start();
        assertFalse(p.waitFor(2, TimeUnit.SECONDS), "a hung call blocks");
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "killed");
        for (ProcessHandle h : tree) {
            h.onExit().get(10, TimeUnit.SECONDS);
        }
        Call next = call(List.of(script.toString(), "-c", "port=SWD", "-r32", "0x20030030", "4"), null);
        assertEquals(0, next.exit(), new String(next.out()));
        assertNotEquals(0, next.out().length);
    }

    private Call call(List<String> command, Path jvmState) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.resolve("caller").toFile());
        if (jvmState != null) {
            pb.environment().put(FakeProgrammer.STATE_ENV, jvmState.toString());
        }
        Files.createDirectories(dir.resolve("caller"));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Call(p.exitValue(), out);
    }
}
