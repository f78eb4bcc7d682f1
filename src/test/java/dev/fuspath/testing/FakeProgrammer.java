package dev.fuspath.testing;

import dev.fuspath.simulator.SimulatorStateFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * A fake STM32_Programmer_CLI: an executable script that runs this class, which runs its arguments on the simulated
 * device kept in the state file named by FAKE_STM32_STATE. Hangs really block (the caller must kill it) and garbage
 * output is really printed, so the cubeprogrammer backend is tested across a process boundary.
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
     * Writes an executable STM32_Programmer_CLI into {@code dir} that runs {@code main} with this JVM's java and classes
     * (started as {@link FakeCliJvm} says: with a class-data archive when it could be made),
     * with {@code env} set to {@code value} (the fake CLIs of the simulated device and of the simulated rack).
     */
    static Path script(Path dir, String env, Path value, Class<?> main) throws IOException {
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
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String state = System.getenv(STATE_ENV);
        if (state == null) {
            out.println("fake STM32_Programmer_CLI: " + STATE_ENV + " is not set");
            System.exit(2);
        }
        List<String> arguments = Arrays.asList(args);
        SimulatorStateFile.Outcome o = new SimulatorStateFile(Path.of(state)).run(arguments, dev.fuspath.simulator.SimulatedDevice.imagesOnDisk(arguments));
        if (o.garbage()) {
            byte[] noise = new byte[512];
            new java.util.Random(arguments.hashCode()).nextBytes(noise);
            System.out.write(noise);
            System.out.flush();
            System.exit(0);
        }
        if (o.slow()) {
            Thread.sleep(o.hangSeconds() * 1000);
        }
        // what the real tool prints: no command line above it (that is the terminal's)
        out.print(dev.fuspath.simulator.SimulatorBackend.stdout(o.result().output()));
        out.flush();
        if (o.result().hung()) {
            Thread.sleep(o.hangSeconds() * 1000);
        }
        System.exit(o.result().exitCode());
    }
}
