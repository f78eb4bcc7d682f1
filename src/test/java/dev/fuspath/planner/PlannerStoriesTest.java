package dev.fuspath.planner;

import static dev.fuspath.planner.CatalogFacts.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.image.FirmwareVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Named situations people are in, with the exact plan the release notes and the catalog call for. */
class PlannerStoriesTest {

    private static Planner planner;

    @BeforeAll
    static void load() {
        planner = CatalogFacts.sharedPlanner();
    }

    private static PlanException refusal(int status, String chip, String fus, String stack, String target,
                                         String release, String iface) {
        PlanException e = assertThrows(PlanException.class,
                () -> plan(chip, fus, stack, target, release, iface));
        assertEquals(status, PlanStatus.of(e), e.reason() + ": " + e.getMessage());
        assertFalse(e.getMessage() == null || e.getMessage().isBlank());
        return e;
    }

    private static List<String> actions(Plan plan) {
        return plan.steps().stream().map(s -> s.action().wire()).toList();
    }

    private static PlanStep only(Plan plan, String action) {
        List<PlanStep> steps = plan.steps().stream().filter(s -> s.action().wire().equals(action)).toList();
        assertEquals(1, steps.size(), action + " in " + actions(plan));
        return steps.get(0);
    }

    private static boolean anyWarning(Plan plan, String... fragments) {
        return plan.warnings().stream().anyMatch(w -> java.util.Arrays.stream(fragments).allMatch(w::contains));
    }

    // ---- the two stories ------------------------------------------------------------------------------------

    @Test
    void stm32wb55ceOnFus120InstallsV1131FullBleStackOverUsb() throws PlanException, IOException {
        // the committed catalog, read as a file: the 512K address the v1.13.1 notes give for the full BLE stack
        JsonNode release = new ObjectMapper().readTree(Path.of("catalog/releases/v1.13.1.json").toFile());
        JsonNode record = null;
        for (JsonNode b : release.get("binaries")) {
            if (b.get("family").asText().equals("STM32WB5x")
                    && b.get("file").asText().equals("stm32wb5x_BLE_Stack_full_fw.bin")) {
                record = b;
            }
        }
        assertNotNull(record, "v1.13.1 has stm32wb5x_BLE_Stack_full_fw.bin");
        String address = record.at("/installAddress/512K").asText();
        assertEquals("0x08053000", address);

        Plan plan = plan("STM32WB55CE", "1.2.0", null, "BLE_Stack_full", "v1.13.1", "usb");
        assertEquals("v1.13.1", plan.release());
        assertEquals("STM32WB55CE", plan.chip().part());
        assertEquals("512K", plan.chip().flash());
        assertEquals("usb", plan.iface());
        assertEquals(new Plan.State("1.2.0", "none"), plan.from());
        assertEquals(new Plan.State("1.2.0", "BLE_Stack_full " + record.get("version").asText()), plan.to());
        assertEquals(List.of("read-fus-info", "stack-install", "start-stack"), actions(plan));
        assertFalse(actions(plan).contains("fus-upgrade"), "FUS 1.2.0 is what v1.13.1 ships");
        assertFalse(actions(plan).contains("start-fus"), "over USB FUS is not started by a command");
        PlanStep install = only(plan, "stack-install");
        assertEquals("stm32wb5x_BLE_Stack_full_fw.bin", install.file());
        assertEquals(address, install.address());
        assertEquals(record.get("sha256").asText(), install.sha256());
        assertEquals(record.get("size").asLong(), install.size());
        assertEquals(List.of("-c", "port=usb1", "-fwupgrade", "stm32wb5x_BLE_Stack_full_fw.bin", "0x08053000",
                "firstinstall=0"), install.command());
        for (PlanStep s : plan.steps()) {
            assertEquals(List.of("-c", "port=usb1"), s.command().subList(0, 2), s.action().wire());
            assertFalse(s.command().contains("port=swd") || s.command().contains("mode=UR"), s.command().toString());
        }
        assertTrue(anyWarning(plan, "USB", "bootloader"), plan.warnings().toString());
    }

    @Test
    void stm32wb55rgOnFus053WantsV1230FullBleStack() throws PlanException {
        Plan plan = plan("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", "v1.23.0", "swd");
        List<String> actions = actions(plan);
        // the notes' SWD CLI procedure: STEP 3 start FUS, 4 read, 5 for_fus_0_5_3, 7 FUS_fw, 8 stack, 9 option bytes
        assertEquals(List.of("start-fus", "read-fus-info", "fus-upgrade", "fus-upgrade", "stack-install",
                "start-stack", "set-option-bytes"), actions);
        List<PlanStep> s = plan.steps();
        assertEquals(List.of("-c", "port=swd", "-startfus"), s.get(0).command());
        assertEquals(List.of("-c", "port=swd", "mode=UR", "-r32", "0x20030030", "1"), s.get(1).command());
        assertEquals("0.5.3", s.get(1).expect().fus());

        PlanStep first = s.get(2);
        assertEquals("stm32wb5x_FUS_fw_for_fus_0_5_3.bin", first.file());
        assertEquals("0.5.3", first.fromFus());
        assertEquals("1.2.0", first.toFus());
        assertEquals("0x080EC000", first.address());
        assertEquals(CatalogFacts.requireFile("v1.23.0", "STM32WB5x", first.file()).get("sha256").asText(),
                first.sha256());
        assertEquals(List.of("-c", "port=swd", "mode=UR", "-fwupgrade", "stm32wb5x_FUS_fw_for_fus_0_5_3.bin",
                "0x080EC000", "firstinstall=0"), first.command());

        PlanStep second = s.get(3);
        assertEquals("stm32wb5x_FUS_fw.bin", second.file());
        assertEquals("1.2.0", second.fromFus());
        assertEquals("2.1.0", second.toFus());
        assertEquals(CatalogFacts.address(CatalogFacts.requireFile("v1.23.0", "STM32WB5x", "stm32wb5x_FUS_fw.bin"),
                "1M"), second.address());
        assertEquals("0x080EE000", second.address());

        PlanStep install = s.get(4);
        assertEquals("stm32wb5x_BLE_Stack_full_fw.bin", install.file());
        assertEquals("0x080D0000", install.address());
        assertTrue(CatalogFacts.requireFile("v1.23.0", "STM32WB5x", install.file()).get("fusV2Only").asBoolean());
        assertEquals(List.of("-c", "port=swd", "mode=UR", "-fwupgrade", "stm32wb5x_BLE_Stack_full_fw.bin",
                "0x080D0000", "firstinstall=0"), install.command());
        assertEquals("2.1.0", install.expect().fus());
        assertEquals(List.of("-c", "port=swd", "-startwirelessstack"), s.get(5).command());
        assertEquals(List.of("-c", "port=swd", "mode=UR", "-ob", "nSWboot0=1", "nboot1=1", "nboot0=1"),
                s.get(6).command());

        assertEquals(new Plan.State("0.5.3", "none"), plan.from());
        assertEquals(new Plan.State("2.1.0", "BLE_Stack_full 1.23.0"), plan.to());
        assertTrue(anyWarning(plan, "FUS_v2 only", "0x080D0000"), plan.warnings().toString());
    }

    // ---- inputs as people write them ------------------------------------------------------------------------

    @Test
    void orderingCodesResolveToTheirPart() throws PlanException {
        Map<String, String[]> codes = Map.of(
                "STM32WB55CEU6", new String[] {"STM32WB55CE", "STM32WB5x", "512K"},
                "STM32WB55RGV6TR", new String[] {"STM32WB55RG", "STM32WB5x", "1M"},
                "stm32wb5mmgh6tr", new String[] {"STM32WB5MMG", "STM32WB5x", "1M"},
                " STM32WB15CCU6 ", new String[] {"STM32WB15CC", "STM32WB1x", "320K"});
        for (var e : codes.entrySet()) {
            Chip chip = ChipRules.bundled().find(e.getKey()).orElseThrow(() -> new AssertionError(e.getKey()));
            assertEquals(e.getValue()[0], chip.part(), e.getKey());
            assertEquals(e.getValue()[1], chip.family(), e.getKey());
            assertEquals(e.getValue()[2], chip.flash(), e.getKey());
            Plan plan = plan(e.getKey(), "2.2.0", null, null, "v1.24.0", "swd");
            assertEquals(e.getValue()[0], plan.chip().part(), e.getKey());
            assertEquals(e.getValue()[2], plan.chip().flash(), e.getKey());
        }
        assertEquals(18, ChipRules.bundled().chips().size());
    }

    @Test
    void fusWordsAndVPrefixParseLikeDottedVersions() throws PlanException {
        for (String form : List.of("v1.2.0", "V1.2.0", "01020000", "0x01020000", "0X01020000", " 1.2.0 ")) {
            assertEquals(FirmwareVersion.of(1, 2, 0), PlanInputs.fus(form), form);
        }
        for (String form : List.of("00050300", "0x00050300", "v0.5.3")) {
            assertEquals(FirmwareVersion.of(0, 5, 3), PlanInputs.fus(form), form);
        }
        // the word as FUS writes it carries branch and build in its low byte: 0x01020010 is still 1.2.0
        assertEquals(FirmwareVersion.of(1, 2, 0), PlanInputs.fus("01020010"));
        String dotted = plan("STM32WB55RG", "1.2.0", null, "BLE_Stack_full", "v1.23.0", "swd").id();
        for (String form : List.of("v1.2.0", "01020000", "0x01020000")) {
            assertEquals(dotted, plan("STM32WB55RG", form, null, "BLE_Stack_full", "v1.23.0", "swd").id(), form);
        }
        assertEquals(plan("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", "v1.23.0", "swd"),
                plan("STM32WB55RG", "00050300", null, "BLE_Stack_full", "v1.23.0", "swd"));
    }

    @Test
    void targetsByAliasAndByUpstreamFileNameAreTheSameStack() throws PlanException {
        Plan byName = plan("STM32WB55RG", "2.2.0", null, "BLE_Stack_full", "v1.24.0", "swd");
        assertEquals(byName, plan("STM32WB55RG", "2.2.0", null, "stm32wb5x_BLE_Stack_full_fw.bin", "v1.24.0", "swd"));
        assertEquals(byName, plan("STM32WB55RG", "2.2.0", null, "BLE_Stack", "v1.24.0", "swd"));
        // defaults: the newest release, SWD
        assertEquals(byName, plan("STM32WB55RG", "2.2.0", null, "BLE_Stack_full", null, null));
    }

    // ---- where there is nothing, or only FUS, to do -----------------------------------------------------------

    @Test
    void upToDatePartGetsNoSteps() throws PlanException {
        Plan plan = plan("STM32WB55RG", "2.2.0", "BLE_Stack_full 1.24.0", "BLE_Stack_full", "v1.24.0", "swd");
        assertEquals(List.of(), plan.steps());
        assertEquals(plan.from(), plan.to());
        assertEquals(new Plan.State("2.2.0", "BLE_Stack_full 1.24.0"), plan.to());
        assertTrue(anyWarning(plan, "nothing to do"), plan.warnings().toString());
    }

    @Test
    void fusOnlyPlanFrom053OnV1240EndsOnFus220() throws PlanException {
        Plan plan = plan("STM32WB55RG", "0.5.3", null, null, "v1.24.0", "swd");
        assertEquals(new Plan.State("2.2.0", "none"), plan.to());
        List<String> actions = actions(plan);
        assertFalse(actions.contains("stack-install"), actions.toString());
        assertFalse(actions.contains("start-stack"), actions.toString());
        List<PlanStep> hops = plan.steps().stream().filter(s -> s.action() == StepAction.FUS_UPGRADE).toList();
        assertEquals(List.of("stm32wb5x_FUS_fw_for_fus_0_5_3.bin", "stm32wb5x_FUS_fw.bin"),
                hops.stream().map(PlanStep::file).toList());
        assertEquals("2.2.0", hops.get(1).toFus());
        // fusOnly ignores a target
        Plan flagged = planner.plan(new Planner.Request("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", "v1.24.0",
                "swd", true, false));
        assertEquals(plan, flagged);
        // and FUS never goes down: a part already on FUS 2.2.0 asking v1.22.1 (FUS 2.0.0) keeps 2.2.0
        Plan newer = plan("STM32WB55RG", "2.2.0", null, null, "v1.22.1", "swd");
        assertEquals("2.2.0", newer.to().fus());
        assertEquals(List.of(), newer.steps());
    }

    @Test
    void fus1xTakesTheFus120ImageFirstInTheFusV2Era() throws PlanException {
        // v1.22.1+ notes: FUSv1.x.y (x < 2) must be updated first to FUSv1.2.0 with *_FUS_fw_1_2_0.bin
        Plan plan = plan("STM32WB35CE", "1.1.0", null, "BLE_Stack_full", "v1.24.0", "usb");
        List<PlanStep> hops = plan.steps().stream().filter(s -> s.action() == StepAction.FUS_UPGRADE).toList();
        assertEquals(List.of("stm32wb3x_FUS_fw_1_2_0.bin", "stm32wb3x_FUS_fw.bin"),
                hops.stream().map(PlanStep::file).toList());
        assertEquals(List.of("1.1.0", "1.2.0"), hops.stream().map(PlanStep::fromFus).toList());
        assertEquals(List.of("1.2.0", "2.2.0"), hops.stream().map(PlanStep::toFus).toList());
        assertEquals(List.of("0x0807A000", "0x0807A000"), hops.stream().map(PlanStep::address).toList());
    }

    @Test
    void fus053TakesFus102ThenTheLatestInTheFus11Era() throws PlanException {
        Plan plan = plan("STM32WB55CC", "0.5.3", null, "BLE_Stack_full", "v1.10.1", "swd");
        List<PlanStep> hops = plan.steps().stream().filter(s -> s.action() == StepAction.FUS_UPGRADE).toList();
        assertEquals(List.of("stm32wb5x_FUS_fw_1_0_2.bin", "stm32wb5x_FUS_fw.bin"),
                hops.stream().map(PlanStep::file).toList());
        assertEquals(List.of("1.0.2", "1.1.2"), hops.stream().map(PlanStep::toFus).toList());
        assertEquals(List.of("0x0803A000", "0x0803A000"), hops.stream().map(PlanStep::address).toList());
        // v1.10.1 notes, SWD: "STEP 4 : Read and upgrade FUS Version (if unknown FUS version) it can been obtained
        // with Transparent Mode application from STM32CubeMonitor-RF interface or using other flashing method via
        // USB": the notes have no -startfus, so fuspath starts FUS itself before reading, and says it is its own step.
        // (Changed: the plan used to read 0x20030030 over SWD with FUS possibly not running.)
        List<String> actions = actions(plan);
        assertEquals(actions.indexOf("read-fus-info") - 1, actions.indexOf("start-fus"), actions.toString());
        assertTrue(only(plan, "start-fus").why().contains("fuspath's own step"), only(plan, "start-fus").why());
    }

    @Test
    void aFusNoReleaseShippedIsPlannedWithAWarning() throws PlanException {
        // v1.24.0 notes read FUS 1.2.0 as "01020X00": a known major.minor with another last digit is a warning
        // (changed: 1.3.0, which no FUS ever was, used to be planned with a warning; it is now a 400)
        Plan odd = plan("STM32WB55RG", "1.2.1", null, "BLE_Stack_full", "v1.24.0", "swd");
        assertTrue(anyWarning(odd, "FUS 1.2.1", "Read FUS infos"), odd.warnings().toString());
        for (String never : List.of("1.3.0", "9.9.9", "3.0.0", "255.255.255")) {
            PlanException e = refusal(400, "STM32WB55RG", never, null, "BLE_Stack_full", "v1.24.0", "swd");
            assertTrue(e.getMessage().contains("no FUS ever had") && e.getMessage().contains("1.2.0")
                    && e.getMessage().contains("2.2.0"), e.getMessage());
        }
        for (String fus : List.of("0.5.3", "1.0.1", "1.2.0", "2.2.0", "0x01020010")) {
            Plan known = plan("STM32WB55RG", fus, null, "BLE_Stack_full", "v1.24.0", "swd");
            assertFalse(anyWarning(known, "Read FUS infos"), fus + ": " + known.warnings());
        }
    }

    // ---- refusals -------------------------------------------------------------------------------------------

    @Test
    void aStackThatIsNaForTheFlashSizeIs422WithWhatExists() {
        PlanException e = refusal(422, "STM32WB55CC", "2.2.0", null, "BLE_Thread_static", "v1.24.0", "swd");
        assertTrue(e.getMessage().contains("v1.24.0"), e.getMessage());
        assertTrue(e.getMessage().contains("STM32WB5x"), e.getMessage());
        assertTrue(e.getMessage().contains("256K"), e.getMessage());
        assertFalse(e.available().isEmpty());
        assertTrue(e.available().contains("BLE_Stack_full"), e.available().toString());
        assertFalse(e.available().contains("BLE_Thread_static"), e.available().toString());
        // the catalog agrees: NA at 256K, present at 1M
        JsonNode thread = CatalogFacts.requireFile("v1.24.0", "STM32WB5x", "stm32wb5x_BLE_Thread_static_fw.bin");
        assertEquals(null, CatalogFacts.address(thread, "256K"));
        assertEquals("0x0806C000", CatalogFacts.address(thread, "1M"));
    }

    @Test
    void aStackTheReleaseDoesNotHaveIs422() {
        PlanException e = refusal(422, "STM32WB55RG", "2.2.0", null, "No_Such_Stack", "v1.24.0", "swd");
        assertTrue(e.available().contains("BLE_Stack_full"), e.available().toString());
    }

    @Test
    void stm32wb35ceInV140Is422() {
        PlanException e = refusal(422, "STM32WB35CE", "1.2.0", null, "BLE_Stack_full", "v1.4.0", "usb");
        assertTrue(e.getMessage().contains("STM32WB3x"), e.getMessage());
        assertTrue(e.available().contains("v1.5.0"), e.available().toString());
        assertFalse(e.available().contains("v1.4.0"), e.available().toString());
        refusal(422, "STM32WB15CC", "1.2.0", null, "BLE_Stack_full", "v1.10.1", "swd");
    }

    @Test
    void usbOnlyEraRefusesSwd() throws PlanException {
        PlanException e = refusal(422, "STM32WB55RG", "1.0.2", null, "BLE_Stack_full", "v1.3.0", "swd");
        assertEquals(List.of("usb"), e.available());
        Plan usb = plan("STM32WB55RG", "1.0.2", null, "BLE_Stack_full", "v1.3.0", "usb");
        assertEquals("stm32wb5x_BLE_Stack_fw.bin", only(usb, "stack-install").file());
        assertTrue(only(usb, "stack-install").command().contains("firstinstall=1"), "v1.3.0 STEP 6: firstinstall=1");
    }

    @Test
    void v150OnFus110NeedsNoFusImage() throws PlanException {
        // v1.5.0 notes: FUSv1.1.0 is up to date; the SWD commands carry -ob nSWboot0=0 nboot1=1 nboot0=1
        Plan plan = plan("STM32WB55RG", "1.1.0", null, "BLE_Stack_full", "v1.5.0", "swd");
        assertFalse(actions(plan).contains("fus-upgrade"), actions(plan).toString());
        assertEquals(List.of("-c", "port=swd", "mode=UR", "-ob", "nSWboot0=0", "nboot1=1", "nboot0=1", "-fwupgrade",
                "stm32wb5x_BLE_Stack_full_fw.bin", "0x080CB000", "firstinstall=1"),
                only(plan, "stack-install").command());
    }

    @Test
    void v150OnFus102NeedsTheInvalidFusImageSoIs422() {
        JsonNode fusFw = CatalogFacts.requireFile("v1.5.0", "STM32WB5x", "stm32wb5x_FUS_fw.bin");
        assertEquals("invalid", fusFw.get("kind").asText());
        for (String fus : List.of("1.0.2", "0.5.3")) {
            for (String iface : List.of("usb", "swd")) {
                PlanException e = refusal(422, "STM32WB55RG", fus, null, "BLE_Stack_full", "v1.5.0", iface);
                assertTrue(e.getMessage().contains("stm32wb5x_FUS_fw.bin"), fus + " " + iface + ": " + e.getMessage());
            }
        }
        PlanException fusOnly = refusal(422, "STM32WB55CE", "1.0.2", null, null, "v1.5.0", "usb");
        assertTrue(fusOnly.getMessage().contains("stm32wb5x_FUS_fw.bin"), fusOnly.getMessage());
    }

    @Test
    void malformedInputsAre400NamingTheInput() {
        assertTrue(refusal(400, "STM32WB55RG", "banana", null, "BLE_Stack_full", "v1.24.0", "swd").getMessage()
                .contains("fus"));
        assertTrue(refusal(400, "hello", "1.2.0", null, "BLE_Stack_full", "v1.24.0", "swd").getMessage()
                .contains("chip"));
        assertTrue(refusal(400, "STM32WB55RG", "1.2.0", null, "BLE_Stack_full", "v1.24.0", "jtag").getMessage()
                .contains("interface"));
        assertTrue(refusal(400, "STM32WB55RG", "1.2.0", null, "BLE_Stack_full", "1.24", "swd").getMessage()
                .contains("release"));
        assertTrue(refusal(400, "STM32WB55RG", "1.2", null, "BLE_Stack_full", "v1.24.0", "swd").getMessage()
                .contains("fus"));
        assertTrue(refusal(400, null, "1.2.0", null, "BLE_Stack_full", "v1.24.0", "swd").getMessage()
                .contains("chip"));
        assertTrue(refusal(400, "STM32WB55RG", " ", null, "BLE_Stack_full", "v1.24.0", "swd").getMessage()
                .contains("fus"));
        assertTrue(refusal(400, "STM32WB55RG", "1.2.0", "BLE Stack !", "BLE_Stack_full", "v1.24.0", "swd")
                .getMessage().contains("stack"));
        // FFFFFFFF is what an erased word reads: no version
        refusal(400, "STM32WB55RG", "FFFFFFFF", null, "BLE_Stack_full", "v1.24.0", "swd");
    }

    @Test
    void unknownChipOrReleaseIs404() {
        PlanException chip = refusal(404, "STM32WB99XX", "1.2.0", null, "BLE_Stack_full", "v1.24.0", "swd");
        assertTrue(chip.getMessage().contains("STM32WB99XX"), chip.getMessage());
        assertEquals(18, chip.available().size(), chip.available().toString());
        assertTrue(chip.available().contains("STM32WB55RG"));
        PlanException release = refusal(404, "STM32WB55RG", "1.2.0", null, "BLE_Stack_full", "v9.9.9", "swd");
        assertTrue(release.getMessage().contains("v9.9.9"), release.getMessage());
    }

    // ---- what the user asks on top --------------------------------------------------------------------------

    @Test
    void antiRollbackAddsItsStepAndAWarning() throws PlanException {
        Plan plan = planner.plan(new Planner.Request("STM32WB55RG", "2.2.0", null, "BLE_Stack_full", "v1.24.0",
                "swd", false, true));
        List<String> actions = actions(plan);
        PlanStep step = only(plan, "anti-rollback");
        assertEquals(List.of("-c", "port=swd", "-antirollback"), step.command());
        assertTrue(actions.indexOf("anti-rollback") > actions.indexOf("start-stack"), actions.toString());
        assertTrue(anyWarning(plan, "anti-rollback", "cannot be undone"), plan.warnings().toString());
        Plan without = plan("STM32WB55RG", "2.2.0", null, "BLE_Stack_full", "v1.24.0", "swd");
        assertFalse(actions(without).contains("anti-rollback"));
        assertFalse(anyWarning(without, "anti-rollback"));
        // the notes have no -antirollback before v1.11.1
        PlanException old = assertThrows(PlanException.class, () -> planner.plan(new Planner.Request("STM32WB55RG",
                "1.1.2", null, "BLE_Stack_full", "v1.10.1", "swd", false, true)));
        assertEquals(422, PlanStatus.of(old));
    }

    @Test
    void anInstalledStackIsDeletedBeforeTheInstallWithAWarningNamingIt() throws PlanException {
        // v1.24.0 notes: FUS v2 brings "Pairing/bonding data preservation(NVM) while FW Upgrade is processed", and
        // the stack is installed "after FW Delete if requested". Changed: on FUS 2.x the same kind of stack is
        // upgraded in place (no delete, NVM kept); the delete comes only when asked (deleteStack).
        Plan inPlace = plan("STM32WB55RG", "2.2.0", "BLE_Stack_full 1.23.0", "BLE_Stack_full", "v1.24.0", "swd");
        assertFalse(actions(inPlace).contains("stack-delete"), actions(inPlace).toString());
        assertTrue(anyWarning(inPlace, "in place", "pairing/bonding data (NVM)"), inPlace.warnings().toString());
        Plan plan = planner.plan(new Planner.Request("STM32WB55RG", "2.2.0", "BLE_Stack_full 1.23.0",
                "BLE_Stack_full", "v1.24.0", "swd", false, false, true));
        List<String> actions = actions(plan);
        PlanStep delete = only(plan, "stack-delete");
        assertEquals(List.of("-c", "port=swd", "-fwdelete"), delete.command());
        assertEquals(actions.indexOf("stack-install") - 1, actions.indexOf("stack-delete"), actions.toString());
        assertTrue(anyWarning(plan, "BLE_Stack_full 1.23.0", "deleted", "NVM", "lost"), plan.warnings().toString());
        assertEquals("BLE_Stack_full 1.23.0", plan.from().stack());
        assertEquals("BLE_Stack_full 1.24.0", plan.to().stack());
        // written the other ways the API takes
        assertEquals(inPlace, plan("STM32WB55RG", "2.2.0", "BLE_Stack_full@v1.23.0", "BLE_Stack_full", "v1.24.0",
                "swd"));
        assertEquals(inPlace, plan("STM32WB55RG", "2.2.0", "BLE_Stack 1.23.0", "BLE_Stack_full", "v1.24.0", "swd"));
    }

    @Test
    void theOldestProcedureDeletesTheStackBeforeTheFusUpgrade() throws PlanException {
        // v1.1.0-v1.4.0 notes: "STEP 3 : Delete current wireless stack", then "STEP 4 : Read and upgrade FUS
        // Version", STEP 5 the new FUS, STEP 6 the stack. Changed: the delete now comes before the read, as STEP 3.
        Plan plan = plan("STM32WB55RG", "0.5.3", "BLE_Stack 1.3.0", "BLE_Stack_full", "v1.4.0", "usb");
        assertEquals(List.of("stack-delete", "read-fus-info", "fus-upgrade", "stack-install", "start-stack"),
                actions(plan));
        assertEquals("stm32wb5x_FUS_fw.bin", only(plan, "fus-upgrade").file());
        assertEquals("1.0.2", only(plan, "fus-upgrade").toFus());
        assertTrue(anyWarning(plan, "BLE_Stack_full 1.3.0", "deleted"), plan.warnings().toString());
        assertTrue(only(plan, "stack-delete").why().contains("STEP 3"), only(plan, "stack-delete").why());
    }

    @Test
    void fus200OverSwdInV1221WarnsThatStacksGoOverUsb() throws PlanException {
        // v1.22.1 notes, Warning 1: with FUS v2.0.0, coprocessor binaries can be installed only through USB.
        // Changed: a SWD plan that writes while FUS 2.0.0 runs is refused (it was a warning), for every release.
        for (String tag : List.of("v1.22.1", "v1.23.0", "v1.24.0", "v1.13.1")) {
            PlanException swd = refusal(422, "STM32WB55RG", "2.0.0", null, "BLE_Stack_full", tag, "swd");
            assertTrue(swd.getMessage().contains("fus-2.0.0-usb-only")
                    && swd.getMessage().contains("can be installed only through the USB interface"), swd.getMessage());
            assertEquals(List.of("usb"), swd.available());
        }
        Plan usb = plan("STM32WB55RG", "2.0.0", null, "BLE_Stack_full", "v1.22.1", "usb");
        assertFalse(anyWarning(usb, "USB only"), usb.warnings().toString());
    }

    // ---- found while writing these tests ----------------------------------------------------------------------

    @Test
    void antiRollbackIsNeverSilentlyDropped() {
        List<Planner.Request> requests = List.of(
                new Planner.Request("STM32WB55RG", "2.2.0", "BLE_Stack_full 1.24.0", "BLE_Stack_full", "v1.24.0",
                        "swd", false, true),
                new Planner.Request("STM32WB55RG", "1.2.0", null, null, "v1.24.0", "swd", false, true));
        for (Planner.Request r : requests) {
            try {
                Plan plan = planner.plan(r);
                assertTrue(actions(plan).contains("anti-rollback"), r + " gave " + actions(plan) + " "
                        + plan.warnings());
            } catch (PlanException e) {
                assertTrue(PlanStatus.of(e) == 400 || PlanStatus.of(e) == 422, PlanStatus.of(e) + " " + e.getMessage());
            }
        }
    }

    @Test
    void fus101IsUpToDateInTheUsbOnlyEra() throws PlanException {
        Plan plan = plan("STM32WB55RG", "01000100", null, "BLE_Stack_full", "v1.4.0", "usb");
        assertFalse(actions(plan).contains("fus-upgrade"), actions(plan).toString());
        assertEquals("1.0.1", plan.to().fus());
        assertEquals("stm32wb5x_BLE_Stack_fw.bin", only(plan, "stack-install").file());
    }

    @Test
    void stm32wb1xHasNoUsbProcedure() {
        for (String tag : List.of("v1.13.1", "v1.24.0")) {
            PlanException e = refusal(422, "STM32WB15CC", "2.2.0", null, "BLE_Stack_full", tag, "usb");
            assertEquals(List.of("swd"), e.available(), tag);
        }
    }

    @Test
    void stm32wb1xSwdPlansDoNotRestoreOptionBytesTheNotesDoNotMention() throws PlanException {
        Plan plan = plan("STM32WB15CC", "2.2.0", null, "BLE_Stack_full", "v1.24.0", "swd");
        assertFalse(actions(plan).contains("set-option-bytes"), actions(plan).toString());
    }

    @Test
    void stm32wb1xInV1110IsNotAFusProcedure() {
        refusal(422, "STM32WB15CC", "1.2.0", null, "BLE_Stack_full", "v1.11.0", "swd");
    }
}
