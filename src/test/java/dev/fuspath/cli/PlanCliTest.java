package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import dev.fuspath.testing.LightLauncher;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** fuspath plan: the commands it prints, its JSON, and its exit codes. */
@ExtendWith(LightLauncher.class)
class PlanCliTest {

    private static final String[] STORY_B = {"plan", "--chip", "STM32WB55RG", "--fus", "0.5.3", "--target",
            "BLE_Stack_full", "--release", "v1.23.0"};

    private static Plan direct;

    @BeforeAll
    static void planDirectly() throws Exception {
        Planner planner = new Planner(CatalogFiles.readClasspath(PlanCliTest.class.getClassLoader()),
                Rules.bundled(), ChipRules.bundled(), Procedures.bundled());
        direct = planner.plan(new Planner.Request("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", "v1.23.0", null,
                false, false));
    }


    private static String all(LaunchResult result) {
        return result.getOutput() + "\n" + result.getErrorOutput();
    }

    private static String[] with(String[] base, String... more) {
        List<String> args = new ArrayList<>(List.of(base));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void planPrintsTheCommands(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch(STORY_B);
        assertEquals(ExitCodes.OK, result.exitCode(), all(result));
        String out = result.getOutput();
        List<String> lines = List.of(
                "STM32_Programmer_CLI -c port=swd -startfus",
                "STM32_Programmer_CLI -c port=swd mode=UR -r32 0x20030030 1",
                "STM32_Programmer_CLI -c port=swd mode=UR -fwupgrade stm32wb5x_FUS_fw_for_fus_0_5_3.bin 0x080EC000"
                        + " firstinstall=0",
                "STM32_Programmer_CLI -c port=swd mode=UR -fwupgrade stm32wb5x_FUS_fw.bin 0x080EE000 firstinstall=0",
                "STM32_Programmer_CLI -c port=swd mode=UR -fwupgrade stm32wb5x_BLE_Stack_full_fw.bin 0x080D0000"
                        + " firstinstall=0",
                "STM32_Programmer_CLI -c port=swd -startwirelessstack",
                "STM32_Programmer_CLI -c port=swd mode=UR -ob nSWboot0=1 nboot1=1 nboot0=1");
        int at = -1;
        for (String line : lines) {
            int next = out.indexOf(line, at + 1);
            assertTrue(next > at, "'" + line + "' missing or out of order in\n" + out);
            at = next;
        }
        assertTrue(out.contains("plan " + direct.id()), out);
        assertTrue(out.contains("FUS 0.5.3") && out.contains("FUS 2.1.0"), out);
        assertTrue(out.contains("sha256 " + direct.steps().get(2).sha256()), out);
        assertTrue(out.contains("warning: ") && out.contains("FUS_v2 only"), out);
    }

    /** Issue 14: a release is taken without its v, as a FUS version is; --fus-only --target is refused as flash refuses it. */
    @Test
    void releaseWithoutItsVAndFusOnlyWithATarget(QuarkusMainLauncher launcher) {
        LaunchResult tagged = launcher.launch("plan", "--chip", "STM32WB55RG", "--fus", "0.5.3", "--target",
                "BLE_Stack_full", "--release", "v1.23.0", "--json");
        LaunchResult bare = launcher.launch("plan", "--chip", "STM32WB55RG", "--fus", "0.5.3", "--target",
                "BLE_Stack_full", "--release", "1.23.0", "--json");
        assertEquals(ExitCodes.OK, bare.exitCode(), all(bare));
        assertEquals(tagged.getOutput(), bare.getOutput());
        LaunchResult wrong = launcher.launch("plan", "--chip", "STM32WB55RG", "--fus", "0.5.3", "--release", "1.23");
        assertEquals(ExitCodes.USAGE, wrong.exitCode(), all(wrong));
        assertTrue(wrong.getErrorOutput().contains("release must be a tag such as v1.24.0, not '1.23'"), all(wrong));

        LaunchResult both = launcher.launch("plan", "--chip", "STM32WB55RG", "--fus", "0.5.3", "--fus-only",
                "--target", "BLE_Stack_full");
        assertEquals(ExitCodes.USAGE, both.exitCode(), all(both));
        assertTrue(both.getErrorOutput().contains("--target and --fus-only exclude each other"), all(both));
    }

    @Test
    void jsonIsThePlanTheApiGives(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch(with(STORY_B, "--json"));
        assertEquals(ExitCodes.OK, result.exitCode(), all(result));
        String out = result.getOutput();
        JsonNode plan = new ObjectMapper().readTree(out.substring(out.indexOf('{'), out.lastIndexOf('}') + 1));
        assertEquals(direct.id(), plan.get("id").asText());
        assertEquals("v1.23.0", plan.get("release").asText());
        assertEquals("swd", plan.get("interface").asText());
        assertEquals("2.1.0", plan.at("/to/fus").asText());
        assertEquals(direct.steps().size(), plan.get("steps").size());
        assertEquals("stm32wb5x_FUS_fw_for_fus_0_5_3.bin", plan.at("/steps/2/file").asText());
        // the same inputs written otherwise give the same id
        LaunchResult other = launcher.launch("plan", "--chip", "STM32WB55RGV6TR", "--fus", "0x00050300",
                "--target", "stm32wb5x_BLE_Stack_full_fw.bin", "--release", "v1.23.0", "--interface", "swd", "--json");
        assertEquals(ExitCodes.OK, other.exitCode(), all(other));
        assertTrue(other.getOutput().contains("\"id\" : \"" + direct.id() + "\""), other.getOutput());
    }

    @Test
    void upToDatePartPrintsNoSteps(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("plan", "--chip", "STM32WB55RG", "--fus", "2.2.0", "--stack",
                "BLE_Stack_full 1.24.0", "--target", "BLE_Stack_full", "--release", "v1.24.0");
        assertEquals(ExitCodes.OK, result.exitCode(), all(result));
        assertTrue(result.getOutput().contains("no steps"), result.getOutput());
        assertTrue(!result.getOutput().contains("STM32_Programmer_CLI"), result.getOutput());
    }

    @Test
    void malformedInputExits2(QuarkusMainLauncher launcher) {
        LaunchResult fus = launcher.launch("plan", "--chip", "STM32WB55RG", "--fus", "banana");
        assertEquals(ExitCodes.USAGE, fus.exitCode(), all(fus));
        assertTrue(fus.getErrorOutput().contains("banana"), all(fus));
        LaunchResult chip = launcher.launch("plan", "--chip", "hello", "--fus", "1.2.0");
        assertEquals(ExitCodes.USAGE, chip.exitCode(), all(chip));
        LaunchResult release = launcher.launch("plan", "--chip", "STM32WB55RG", "--fus", "1.2.0", "--release", "1.24");
        assertEquals(ExitCodes.USAGE, release.exitCode(), all(release));
        LaunchResult iface = launcher.launch("plan", "--chip", "STM32WB55RG", "--fus", "1.2.0", "--interface", "jtag");
        assertEquals(ExitCodes.USAGE, iface.exitCode(), all(iface));
        LaunchResult missing = launcher.launch("plan", "--chip", "STM32WB55RG");
        assertEquals(ExitCodes.USAGE, missing.exitCode(), all(missing));
        assertTrue(all(missing).contains("--fus"), all(missing));
    }

    @Test
    void unknownChipOrReleaseExits6(QuarkusMainLauncher launcher) {
        LaunchResult chip = launcher.launch("plan", "--chip", "STM32WB99XX", "--fus", "1.2.0");
        assertEquals(ExitCodes.UNKNOWN, chip.exitCode(), all(chip));
        assertTrue(chip.getErrorOutput().contains("STM32WB99XX"), all(chip));
        LaunchResult release = launcher.launch("plan", "--chip", "STM32WB55RG", "--fus", "1.2.0", "--release",
                "v9.9.9");
        assertEquals(ExitCodes.UNKNOWN, release.exitCode(), all(release));
    }

    @Test
    void naTargetExits7ListingWhatExists(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("plan", "--chip", "STM32WB55CC", "--fus", "2.2.0", "--target",
                "BLE_Thread_static", "--release", "v1.24.0");
        assertEquals(ExitCodes.NO_PLAN, result.exitCode(), all(result));
        String err = result.getErrorOutput();
        assertTrue(err.contains("256K") && err.contains("available") && err.contains("BLE_Stack_full"), all(result));
        // (the test launcher lets a framework INFO line through to stdout; the packaged jar prints nothing there)
        assertTrue(!result.getOutput().contains("STM32_Programmer_CLI") && !result.getOutput().contains("plan "),
                "no plan on stdout: " + result.getOutput());
    }

    @Test
    void severalFusVersionsAndTheInputsIssue9Named(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult several = launcher.launch("plan", "--chip", "STM32WB55CE", "--fus", "1.1.0,1.2.0,2.1.0",
                "--target", "BLE_Stack_full", "--release", "v1.24.0", "--interface", "usb", "--json");
        assertEquals(ExitCodes.OK, several.exitCode(), all(several));
        String out = several.getOutput();
        JsonNode set = new ObjectMapper().readTree(out.substring(out.indexOf('{'), out.lastIndexOf('}') + 1));
        assertEquals(3, set.path("plans").size());
        assertEquals("2.1.0", set.path("plans").get(2).path("fus").asText());
        LaunchResult refusedOne = launcher.launch("plan", "--chip", "STM32WB55CE", "--fus", "1.2.0,2.0.0",
                "--target", "BLE_Stack_full", "--release", "v1.24.0");
        assertEquals(ExitCodes.NO_PLAN, refusedOne.exitCode(), all(refusedOne));
        assertTrue(refusedOne.getOutput().contains("=== FUS 2.0.0 ===") && refusedOne.getOutput()
                .contains("fus-2.0.0-usb-only"), all(refusedOne));
        // issue 9: the version was dropped silently, the unknown name accepted, FUS 255.255.255 planned from
        LaunchResult version = launcher.launch(with(STORY_B, "--stack", "BLE_Stack_full 999.999.999"));
        assertEquals(ExitCodes.USAGE, version.exitCode(), all(version));
        assertTrue(version.getErrorOutput().contains("999.999.999"), all(version));
        LaunchResult name = launcher.launch(with(STORY_B, "--stack", "Nonexistent_Stack 1.2.0"));
        assertEquals(ExitCodes.USAGE, name.exitCode(), all(name));
        assertTrue(name.getErrorOutput().contains("Nonexistent_Stack"), all(name));
        LaunchResult fus = launcher.launch("plan", "--chip", "STM32WB55RG", "--fus", "255.255.255", "--target",
                "BLE_Stack_full");
        assertEquals(ExitCodes.USAGE, fus.exitCode(), all(fus));
        assertTrue(fus.getErrorOutput().contains("no FUS ever had"), all(fus));
    }
}
