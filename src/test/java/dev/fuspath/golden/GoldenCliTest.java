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
 * What the CLI prints (JSON and text, with its exit code) for the seed stories, byte for byte as before the
 * vocabulary refactoring (see {@link Golden}).
 */
@QuarkusMainTest
class GoldenCliTest {

    private static final String[] STORY = {"plan", "--chip", "STM32WB55RGV6TR", "--fus", "0.5.3", "--target",
            "BLE_Stack_full", "--release", "v1.23.0"};

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** Exit code, standard output and standard error, as one text. */
    private static String printed(LaunchResult r) {
        return withoutFrameworkLog("exit " + r.exitCode() + "\n--- stdout\n" + r.getOutput() + "\n--- stderr\n"
                + r.getErrorOutput() + "\n");
    }

    /** The framework's own log lines (a Quarkus start may print some), which come and go with its version and load. */
    private static String withoutFrameworkLog(String text) {
        return text.replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d+ (INFO|WARN) .*\\R", "");
    }

    /**
     * The option bytes in key order: the device facts keep them in a map whose iteration order differs from one JVM
     * to the next (as it did before issue 12), so only their content is held.
     */
    private static String sortedOptionBytes(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"optionBytes\":\\{([^}]*)\\}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String sorted = java.util.Arrays.stream(m.group(1).split(",")).sorted()
                    .collect(java.util.stream.Collectors.joining(","));
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement("\"optionBytes\":{" + sorted + "}"));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Test
    void planStorySwdAndUsb(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult swd = launcher.launch(with(STORY, "--interface", "swd", "--json"));
        assertEquals(0, swd.exitCode(), swd.getErrorOutput());
        assertGolden("cli-plan-story-swd.json", swd.getOutput());
        LaunchResult usb = launcher.launch(with(STORY, "--interface", "usb", "--json"));
        assertGolden("cli-plan-story-usb.json", usb.getOutput());
        assertGolden("cli-plan-story-swd.txt", printed(launcher.launch(STORY)));
    }

    @Test
    void planSetOfSeveralFusVersions(QuarkusMainLauncher launcher) throws Exception {
        String[] args = {"plan", "--chip", "STM32WB55RGV6TR", "--fus", "1.1.0,1.2.0,2.0.0,2.1.0", "--target",
                "BLE_Stack_full", "--release", "v1.23.0", "--json"};
        assertGolden("cli-planset.txt", printed(launcher.launch(args)));
    }

    @Test
    void planRefusals(QuarkusMainLauncher launcher) throws Exception {
        assertGolden("cli-plan-unknown-chip.txt", printed(launcher.launch("plan", "--chip", "STM32F103", "--fus",
                "1.2.0", "--target", "BLE_Stack_full")));
        assertGolden("cli-plan-unknown-release.txt", printed(launcher.launch("plan", "--chip", "STM32WB55RG",
                "--fus", "1.2.0", "--target", "BLE_Stack_full", "--release", "v9.9.9")));
        assertGolden("cli-plan-no-such-target.txt", printed(launcher.launch("plan", "--chip", "STM32WB55RG",
                "--fus", "1.2.0", "--target", "Zigbee_Nonexistent", "--release", "v1.23.0")));
        assertGolden("cli-plan-bad-fus.txt", printed(launcher.launch("plan", "--chip", "STM32WB55RG", "--fus",
                "9.9.9", "--target", "BLE_Stack_full")));
        assertGolden("cli-plan-fus200-swd.txt", printed(launcher.launch("plan", "--chip", "STM32WB55RG", "--fus",
                "2.0.0", "--target", "BLE_Stack_full", "--release", "v1.23.0", "--interface", "swd")));
        assertGolden("cli-plan-bad-interface.txt", printed(launcher.launch("plan", "--chip", "STM32WB55RG", "--fus",
                "2.0.0", "--target", "BLE_Stack_full", "--interface", "jtag")));
    }

    @Test
    void diagnoseACorpusLog(QuarkusMainLauncher launcher) throws Exception {
        String log = "src/test/resources/logs/real/st-135354-fus-upgrade-wb55ce-gui.log";
        LaunchResult json = launcher.launch("diagnose", log, "--chip", "STM32WB55CE", "--json");
        assertGolden("cli-diagnose-st-135354.json", json.getOutput());
        assertGolden("cli-diagnose-st-135354.txt", printed(launcher.launch("diagnose", log, "--chip", "STM32WB55CE")));
        String other = "src/test/resources/logs/fus-v2-only-on-fus1-usb.log";
        assertGolden("cli-diagnose-fus-v2-only-on-fus1-usb.txt", printed(launcher.launch("diagnose", other,
                "--json")));
    }

    @Test
    void inspectATestImage(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("golden-inspect");
        Path stack = Files.write(dir.resolve("stm32wb5x_BLE_Stack_full_fw.bin"),
                TestImages.stack().payloadSize(12_000).seed(101).build());
        Path fus = Files.write(dir.resolve("stm32wb5x_FUS_fw.bin"), TestImages.fus().seed(102).build());
        LaunchResult r = launcher.launch("inspect", stack.toString(), fus.toString(), "--json");
        assertGolden("cli-inspect-test-images.txt", printed(r).replace(dir.toString(), "<DIR>"));
        LaunchResult text = launcher.launch("inspect", stack.toString());
        assertGolden("cli-inspect-test-image.txt", printed(text).replace(dir.toString(), "<DIR>"));
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
        assertGolden("cli-flash-simulator.txt", mask(printed(flash), dir));
        LaunchResult history = launcher.launch("history", "--journal", journal.toString(), "--json");
        assertGolden("cli-history.txt", mask(printed(history), dir));
        LaunchResult historyText = launcher.launch("history", "--journal", journal.toString());
        assertGolden("cli-history-text.txt", mask(printed(historyText), dir));
        LaunchResult resume = launcher.launch("flash", "--resume", "--backend", "simulator", "--simulator-state",
                dir.resolve("device.json").toString(), "--journal", journal.toString(), "--json");
        assertGolden("cli-flash-nothing-to-resume.txt", mask(printed(resume), dir));
    }

    /** Masks what differs between runs: the temporary folder, times and durations, process ids. */
    static String mask(String text, Path dir) {
        return sortedOptionBytes(text.replace(dir.toString(), "<DIR>"))
                .replaceAll("\\d{8}T\\d{6}Z-[0-9a-f]+", "<RUN>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<TIME>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d(:\\d\\d)?", "<TIME>")
                .replaceAll("\"(\\w*(?:[Mm]s|[Mm]illis|[Ss]econds|[Pp]id))\"\\s*:\\s*\\d+(\\.\\d+)?", "\"$1\":<N>")
                .replaceAll("\"(run|runId)\":\"[^\"]+\"", "\"$1\":\"<RUN>\"");
    }
}
