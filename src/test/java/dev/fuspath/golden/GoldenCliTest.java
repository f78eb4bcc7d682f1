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
import dev.fuspath.testing.LightLauncher;
import dev.fuspath.testing.UpstreamBundle;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the CLI prints (JSON and text, with its exit code) for the seed stories, byte for byte as before the
 * vocabulary refactoring (see {@link Golden}).
 */
@ExtendWith(LightLauncher.class) // the light path the launcher runs; LightStartIT holds it equal to Quarkus's
class GoldenCliTest {

    static final String[] STORY = {"plan", "--chip", "STM32WB55RGV6TR", "--fus", "0.5.3", "--target",
            "BLE_Stack_full", "--release", "v1.23.0"};

    static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** Exit code, standard output and standard error, as one text. */
    static String printed(LaunchResult r) {
        return withoutFrameworkLog("exit " + r.exitCode() + "\n--- stdout\n" + r.getOutput() + "\n--- stderr\n"
                + r.getErrorOutput() + "\n");
    }

    /** The framework's own log lines (a Quarkus start may print some), which come and go with its version and load. */
    static String withoutFrameworkLog(String text) {
        return text.replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d+ (INFO|WARN) .*\\R", "");
    }

    /**
     * The option bytes in key order: the device facts keep them in a map whose iteration order differs from one JVM
     * to the next (as it did before issue 12), so only their content is held.
     */
    static String sortedOptionBytes(String text) {
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

    static String mask(String text, Path dir) {
        return sortedOptionBytes(text.replace(dir.toString(), "<DIR>"))
                .replaceAll("\\d{8}T\\d{6}Z-[0-9a-f]+", "<RUN>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<TIME>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d(:\\d\\d)?", "<TIME>")
                .replaceAll("\"(\\w*(?:[Mm]s|[Mm]illis|[Ss]econds|[Pp]id))\"\\s*:\\s*\\d+(\\.\\d+)?", "\"$1\":<N>")
                .replaceAll("\"(run|runId)\":\"[^\"]+\"", "\"$1\":\"<RUN>\"");
    }
}
