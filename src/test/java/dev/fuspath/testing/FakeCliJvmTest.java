package dev.fuspath.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.SimulatorStateFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake CLI's faster start (FakeCliJvm) really maps its class-data archive, and answers exactly as the plain class
 * path does: the archive and the reordered class path change how fast the fake programmer starts, never what it says.
 */
class FakeCliJvmTest {

    @TempDir
    Path dir;

    @Test
    void theArchiveIsMappedAndTheAnswerIsTheSame() throws Exception {
        FakeCliJvm jvm = FakeCliJvm.get();
        String archive = jvm.options().stream().filter(o -> o.startsWith("-XX:SharedArchiveFile=")).findFirst()
                .orElseThrow(() -> new AssertionError("no class-data archive was made: " + jvm.options()));
        // -Xshare:on: the JVM refuses to start unless it maps the archive
        List<String> shared = new ArrayList<>(List.of(FakeCliJvm.java(), "-Xshare:on", archive, "-cp", jvm.classPath()));
        List<String> plain = new ArrayList<>(List.of(FakeCliJvm.java(), "-Xshare:off", "-cp",
                System.getProperty("java.class.path")));
        String a = call(shared, "a");
        String b = call(plain, "b");
        assertEquals(b, a);
        assertTrue(a.contains("0x20030030"), a);
    }

    private String call(List<String> java, String name) throws Exception {
        Path state = dir.resolve(name + ".json");
        new SimulatorStateFile(state).write(SimulatorStateFile.Stored.of(DeviceState.factory("1M")));
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of(FakeProgrammer.class.getName(), "-c", "port=SWD", "-r32", "0x20030030", "4"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put(FakeProgrammer.STATE_ENV, state.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
