package dev.fuspath.golden;

import static dev.fuspath.golden.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.image.TestImages;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import dev.fuspath.testing.UpstreamBundle;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The goldens of inspect, and of a flash on the simulator then history (commands that need the Quarkus
 * application), on the Quarkus launcher; the plan and diagnose goldens are {@link GoldenCliTest}'s.
 */
@QuarkusMainTest
class GoldenFlashCliTest {

    // inspect's text ends with a blank line that the in-process light launcher's capture keeps and Quarkus's drops,
    // so its golden stays on the Quarkus launcher it was taken with
    @Test
    void inspectATestImage(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("golden-inspect");
        Path stack = Files.write(dir.resolve("stm32wb5x_BLE_Stack_full_fw.bin"),
                TestImages.stack().payloadSize(12_000).seed(101).build());
        Path fus = Files.write(dir.resolve("stm32wb5x_FUS_fw.bin"), TestImages.fus().seed(102).build());
        LaunchResult r = launcher.launch("inspect", stack.toString(), fus.toString(), "--json");
        assertGolden("cli-inspect-test-images.txt", GoldenCliTest.printed(r).replace(dir.toString(), "<DIR>"));
        LaunchResult text = launcher.launch("inspect", stack.toString());
        assertGolden("cli-inspect-test-image.txt", GoldenCliTest.printed(text).replace(dir.toString(), "<DIR>"));
    }

    /** A run on the simulator, then history: the journal's events and the history, with times and paths masked. */
    @Test
    void flashOnTheSimulatorThenHistory(QuarkusMainLauncher launcher) throws Exception {
        UpstreamBundle.assumePresent();
        Map<String, byte[]> upstream = new HashMap<>();
        UpstreamBundle.distinctBinaries().forEach(f -> upstream.put(Sha256.of(f.bytes()), f.bytes()));
        Planner planner = new Planner(CatalogFiles.readClasspath(getClass().getClassLoader()), Rules.bundled(),
                ChipRules.bundled(), Procedures.bundled());
        Plan story = planner.plan(new Planner.Request("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", "v1.23.0",
                "swd", false, false));
        Path dir = Files.createTempDirectory("golden-flash");
        Path firmware = Files.createDirectories(dir.resolve("fw"));
        for (PlanStep s : story.steps()) {
            if (s.file() != null) {
                Path f = firmware.resolve(s.path());
                Files.createDirectories(f.getParent());
                Files.write(f, upstream.get(s.sha256()));
            }
        }
        Path journal = dir.resolve("journal.jsonl");
        LaunchResult flash = launcher.launch("flash", "--backend", "simulator", "--simulator-state",
                dir.resolve("device.json").toString(), "--simulate", "factory-1M", "--chip", "STM32WB55RG", "--target",
                "BLE_Stack_full", "--release", "v1.23.0", "--firmware-dir", firmware.toString(), "--journal",
                journal.toString(), "--yes", "--json");
        assertEquals(0, flash.exitCode(), flash.getErrorOutput());
        assertGolden("cli-flash-simulator.txt", GoldenCliTest.mask(GoldenCliTest.printed(flash), dir));
        LaunchResult history = launcher.launch("history", "--journal", journal.toString(), "--json");
        assertGolden("cli-history.txt", GoldenCliTest.mask(GoldenCliTest.printed(history), dir));
        LaunchResult historyText = launcher.launch("history", "--journal", journal.toString());
        assertGolden("cli-history-text.txt", GoldenCliTest.mask(GoldenCliTest.printed(historyText), dir));
        LaunchResult resume = launcher.launch("flash", "--resume", "--backend", "simulator", "--simulator-state",
                dir.resolve("device.json").toString(), "--journal", journal.toString(), "--json");
        assertGolden("cli-flash-nothing-to-resume.txt", GoldenCliTest.mask(GoldenCliTest.printed(resume), dir));
    }

    /** Masks what differs between runs: the temporary folder, times and durations, process ids. */
}
