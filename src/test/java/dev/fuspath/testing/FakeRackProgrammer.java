package dev.fuspath.testing;

import dev.fuspath.simulator.SimulatedRack;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

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
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String rack = System.getenv(RACK_ENV);
        if (rack == null) {
            out.println("fake STM32_Programmer_CLI: " + RACK_ENV + " is not set");
            System.exit(2);
        }
        SimulatedRack.Result r = new SimulatedRack(Path.of(rack)).run(Arrays.asList(args));
        out.print(r.output());
        out.flush();
        if (r.hung()) {
            Thread.sleep(600_000);
        }
        System.exit(r.exitCode());
    }
}
