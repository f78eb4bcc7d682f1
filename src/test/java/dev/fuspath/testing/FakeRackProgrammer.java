package dev.fuspath.testing;

import dev.fuspath.simulator.SimulatedRack;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A fake STM32_Programmer_CLI in front of a simulated rack: an executable script that runs this class on the rack
 * folder named by FAKE_STM32_RACK, so a station's programmer calls (-l st-link, -l usb, sn=, port=usbN) cross a
 * real process boundary. A hung call really blocks until killed.
 */
public final class FakeRackProgrammer {

    public static final String RACK_ENV = "FAKE_STM32_RACK";

    private FakeRackProgrammer() {
    }

    public static Path install(Path dir, Path rack) throws IOException {
        return FakeProgrammer.script(dir, RACK_ENV, rack, FakeRackProgrammer.class);
    }

    public static void main(String[] args) throws Exception {
        String rack = System.getenv(RACK_ENV);
        if (rack == null) {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.println("fake STM32_Programmer_CLI: " + RACK_ENV + " is not set");
            System.exit(2);
        }
        System.exit(answer(Path.of(rack), Arrays.asList(args), Path.of("").toAbsolutePath(), System.out));
    }

    /**
     * One call on the simulated rack in {@code rack}: prints its answer to {@code raw}, blocks when it hangs, returns
     * the exit code. Relative file names are read from {@code workingDir}, the caller's working folder.
     */
    static int answer(Path rack, List<String> arguments, Path workingDir, OutputStream raw) throws Exception {
        PrintStream out = new PrintStream(raw, true, StandardCharsets.UTF_8);
        List<String> args = FakeCliServer.absolute(arguments, workingDir);
        // no lock here: SimulatedRack locks each probe's file (in the JVM and on disk), so lanes run in parallel and a
        // slow call blocks its own lane only
        SimulatedRack.Result r = new SimulatedRack(rack).run(args);
        out.print(r.output());
        out.flush();
        if (r.hung()) {
            Thread.sleep(600_000);
        }
        return r.exitCode();
    }
}
