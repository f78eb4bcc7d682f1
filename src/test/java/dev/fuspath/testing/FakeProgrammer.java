package dev.fuspath.testing;

import dev.fuspath.simulator.SimulatedDevice;
import dev.fuspath.simulator.SimulatorBackend;
import dev.fuspath.simulator.SimulatorStateFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A fake STM32_Programmer_CLI: an executable of its own whose calls run on the simulated device kept in the state
 * file named by FAKE_STM32_STATE (through {@link FakeCliServer}, or this class's main in a JVM per call). Hangs
 * really block (the caller must kill it) and garbage output is really printed, so the cubeprogrammer backend is
 * tested across a process boundary.
 */
public final class FakeProgrammer {

    public static final String STATE_ENV = "FAKE_STM32_STATE";

    private FakeProgrammer() {
    }

    /**
     * Writes an executable STM32_Programmer_CLI into {@code dir} that uses this JVM and classpath and the device in
     * {@code state}.
     */
    public static Path install(Path dir, Path state) throws IOException {
        return script(dir, STATE_ENV, state, FakeProgrammer.class);
    }

    /**
     * Writes an executable STM32_Programmer_CLI into {@code dir} for the fake CLI {@code main} (this class or
     * {@link FakeRackProgrammer}), with {@code env} set to {@code value}: the bash script of {@link FakeCliServer} when
     * it can run here, else a script that starts {@code main} in a JVM of its own ({@link FakeCliJvm}).
     */
    static Path script(Path dir, String env, Path value, Class<?> main) throws IOException {
        FakeCliServer server = FakeCliServer.get();
        if (server != null) {
            server.register(STATE_ENV, FakeProgrammer::answer);
            server.register(FakeRackProgrammer.RACK_ENV, FakeRackProgrammer::answer);
            return server.script(dir, env, value);
        }
        Files.createDirectories(dir);
        Path script = dir.resolve("STM32_Programmer_CLI");
        FakeCliJvm jvm = FakeCliJvm.get();
        String text = "#!/bin/sh\n" + env + "='" + value.toAbsolutePath() + "'\nexport " + env
                + "\nexec '" + FakeCliJvm.java() + "' " + String.join(" ", jvm.options().stream().map(o -> "'" + o + "'").toList())
                + " -cp '" + jvm.classPath() + "' " + main.getName() + " \"$@\"\n";
        Files.writeString(script, text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    public static void main(String[] args) throws Exception {
        String state = System.getenv(STATE_ENV);
        if (state == null) {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.println("fake STM32_Programmer_CLI: " + STATE_ENV + " is not set");
            System.exit(2);
        }
        System.exit(answer(Path.of(state), Arrays.asList(args), Path.of("").toAbsolutePath(), System.out));
    }

    /**
     * One call on the simulated device in {@code state}: prints what the real tool prints to {@code raw} (or garbage,
     * when the state says so), blocks when the call is slow or hangs, and returns the exit code.
     */
    static int answer(Path state, List<String> arguments, Path workingDir, OutputStream raw) throws Exception {
        PrintStream out = new PrintStream(raw, true, StandardCharsets.UTF_8);
        Map<String, byte[]> files = FakeCliServer.keyedBack(arguments, workingDir, SimulatedDevice::imagesOnDisk);
        SimulatorStateFile.Outcome o;
        synchronized (FakeCliServer.lockFor(state)) {
            o = new SimulatorStateFile(state).run(arguments, files);
        }
        if (o.garbage()) {
            byte[] noise = new byte[512];
            new java.util.Random(arguments.hashCode()).nextBytes(noise);
            raw.write(noise);
            raw.flush();
            return 0;
        }
        if (o.slow()) {
            Thread.sleep(o.hangSeconds() * 1000);
        }
        // what the real tool prints: no command line above it (that is the terminal's)
        out.print(SimulatorBackend.stdout(o.result().output()));
        out.flush();
        if (o.result().hung()) {
            Thread.sleep(o.hangSeconds() * 1000);
        }
        return o.result().exitCode();
    }
}
