package dev.fuspath.planner;

import static dev.fuspath.planner.CatalogFacts.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of rules/procedures.json and per era, on the bundled catalog, each quoting the release-notes
 * sentence it enforces. Addresses are read from the catalog as plain JSON, never from the planner.
 */
class PlannerEraRulesTest {

    private static Planner planner;

    @BeforeAll
    static void load() {
        planner = CatalogFacts.sharedPlanner();
    }

    private static List<String> actions(Plan plan) {
        return plan.steps().stream().map(s -> s.action().wire()).toList();
    }

    private static PlanStep only(Plan plan, String action) {
        List<PlanStep> found = plan.steps().stream().filter(s -> s.action().wire().equals(action)).toList();
        assertEquals(1, found.size(), action + " in " + actions(plan));
        return found.get(0);
    }

    private static boolean anyWarning(Plan plan, String... fragments) {
        return plan.warnings().stream().anyMatch(w -> java.util.Arrays.stream(fragments).allMatch(w::contains));
    }

    private static String lower(String address) {
        return String.format(Locale.ROOT, "0x%08X", Long.parseLong(address.substring(2), 16) - 0x4000);
    }

    // ---- 1. legacy addresses after a FUS_v2-only install ---------------------------------------------------------

    /** One part per family and flash size, with a legacy target and a FUS_v2-only installed stack of its family. */
    record Case(String chip, String family, String flash, String legacy, String v2Installed) {
    }

    static final List<Case> CASES = List.of(
            new Case("STM32WB55RG", "STM32WB5x", "1M", "Thread_FTD", "BLE_Stack_full"),
            new Case("STM32WB55VY", "STM32WB5x", "640K", "Thread_FTD", "BLE_Stack_full"),
            new Case("STM32WB55CE", "STM32WB5x", "512K", "Thread_FTD", "BLE_Stack_full"),
            new Case("STM32WB55CC", "STM32WB5x", "256K", "Mac_802_15_4", "BLE_Stack_full"),
            new Case("STM32WB35CE", "STM32WB3x", "512K", "Thread_FTD", "BLE_Stack_full"),
            new Case("STM32WB35CC", "STM32WB3x", "256K", "Mac_802_15_4", "BLE_Stack_full"),
            new Case("STM32WB15CC", "STM32WB1x", "320K", "BLE_HCILayer", "BLE_Stack_full"));

    @Test
    void legacyImagesGo0x4000LowerOnceAFusV2OnlyImageWasInstalled() throws PlanException {
        // v1.23.0 notes: "the addresses provided in the table are correct on the condition that no Coprocessor
        // Binary marked as “FUS_v2 only” has been installed previously. Otherwise, the addresses of legacy binaries
        // must also be corrected by applying the formula above first time." (start_address - 0x4000)
        for (String tag : List.of("v1.22.1", "v1.23.0", "v1.24.0")) {
            for (Case c : CASES) {
                JsonNode legacy = CatalogFacts.stack(tag, c.family(), c.legacy()).orElseThrow();
                JsonNode v2 = CatalogFacts.stack("v1.23.0", c.family(), c.v2Installed()).orElseThrow();
                assertFalse(legacy.path("fusV2Only").asBoolean(), tag + " " + c);
                assertTrue(v2.path("fusV2Only").asBoolean(), c.toString());
                String table = CatalogFacts.address(legacy, c.flash());
                String installed = c.v2Installed() + " " + v2.path("version").asText();
                String iface = c.family().equals("STM32WB1x") ? "swd" : "usb";
                Plan plan = plan(c.chip(), "2.2.0", installed, c.legacy(), tag, iface);
                PlanStep install = only(plan, "stack-install");
                String name = tag + " " + c;
                assertEquals(lower(table), install.address(), name);
                assertEquals(table, install.notesAddress(), name);
                assertNull(install.addressIfFusV2OnlyBefore(), name);
                assertTrue(install.command().contains(lower(table)) && !install.command().contains(table),
                        name + " " + install.command());
                assertTrue(install.why().contains("0x4000"), install.why());
                assertTrue(anyWarning(plan, table, lower(table), "FUS_v2 only"), name + plan.warnings());

                // stack none or legacy on FUS 2.x: the plan cannot know, so it names both addresses
                Plan unknown = plan(c.chip(), "2.2.0", null, c.legacy(), tag, iface);
                PlanStep u = only(unknown, "stack-install");
                assertEquals(table, u.address(), name);
                assertEquals(lower(table), u.addressIfFusV2OnlyBefore(), name);
                assertTrue(anyWarning(unknown, table, lower(table), "cannot know"), name + unknown.warnings());

                // on FUS 1.x no FUS_v2-only image can have been installed (FUS 1.x refuses them): the table holds
                Plan fus1 = plan(c.chip(), "1.2.0", null, c.legacy(), tag, iface);
                PlanStep f = only(fus1, "stack-install");
                assertEquals(table, f.address(), name);
                assertNull(f.addressIfFusV2OnlyBefore(), name);
                assertNull(f.notesAddress(), name);

                // a FUS_v2-only target goes at its table address: "However addresses provided in the table are
                // correct" (v1.22.1)
                JsonNode again = CatalogFacts.stack(tag, c.family(), c.v2Installed()).orElseThrow();
                if (again.path("version").asText().equals(v2.path("version").asText())) {
                    continue; // already installed: nothing to plan
                }
                Plan v2target = plan(c.chip(), "2.2.0", installed, c.v2Installed(), tag, iface);
                PlanStep t = only(v2target, "stack-install");
                String againTable = CatalogFacts.address(again, c.flash());
                // (v1.22.1 STM32WB1x ships it in the legacy format: then it is a legacy image and goes lower)
                assertEquals(again.path("fusV2Only").asBoolean() ? againTable : lower(againTable), t.address(), name);
                assertNull(t.addressIfFusV2OnlyBefore(), name);
            }
        }
        // the example, spelled out
        Plan example = plan("STM32WB55RG", "2.1.0", "BLE_Stack_full 1.23.0", "Thread_FTD", "v1.23.0", "usb");
        assertEquals("0x08087000", only(example, "stack-install").address());
        assertEquals("0x0808B000", only(example, "stack-install").notesAddress());
    }

    @Test
    void theShiftBelongsToThePartSoOlderReleasesLegacyImagesMoveToo() throws PlanException {
        // v1.23.0 notes: "Otherwise, the addresses of legacy binaries must also be corrected by applying the formula
        // above first time": a FUS_v2-only image can only have been installed by FUS 2.x, and the layout it left is
        // the part's, so a release from before the FUS_v2 era installed on such a part moves down the same way
        for (String tag : List.of("v1.13.1", "v1.17.1", "v1.22.0")) {
            JsonNode legacy = CatalogFacts.stack(tag, "STM32WB5x", "Thread_FTD").orElseThrow();
            String table = CatalogFacts.address(legacy, "1M");
            Plan plan = plan("STM32WB55RG", "2.1.0", "BLE_Stack_full 1.23.0", "Thread_FTD", tag, "usb");
            PlanStep install = only(plan, "stack-install");
            assertEquals(lower(table), install.address(), tag);
            assertEquals(table, install.notesAddress(), tag);
            assertTrue(install.command().contains(lower(table)), tag + " " + install.command());
            assertTrue(anyWarning(plan, table, lower(table), "layout belongs to the part"), tag + plan.warnings());
            // unknown (stack none or legacy on FUS 2.x): both addresses, for the executor to decide from the device
            for (String stack : java.util.Arrays.asList(null, "BLE_Stack_full 1.12.1")) {
                PlanStep u = only(plan("STM32WB55RG", "2.1.0", stack, "Thread_FTD", tag, "usb"), "stack-install");
                assertEquals(table, u.address(), tag + " " + stack);
                assertEquals(lower(table), u.addressIfFusV2OnlyBefore(), tag + " " + stack);
            }
            // FUS 1.x: the table holds
            assertNull(only(plan("STM32WB55RG", "1.2.0", null, "Thread_FTD", tag, "usb"), "stack-install")
                    .addressIfFusV2OnlyBefore(), tag);
        }
    }

    @Test
    void aFusV2OnlyStackOnAnOlderFusThanInstallsItContradictsTheInputs() {
        // v1.22.1: "They are marked as “FUSv2 only” [...] and can only be installed with FUS v2.0.0."; v1.23.0: "...
        // can only be installed with FUS v2.1.0." FUS never goes down: such a part cannot exist, whatever the release
        for (String tag : List.of("v1.13.1", "v1.23.0")) {
            PlanException e = assertThrows(PlanException.class, () -> plan("STM32WB55RG", "2.0.0",
                    "BLE_Stack_full 1.23.0", "Thread_FTD", tag, "usb"));
            assertEquals(400, PlanStatus.of(e), e.getMessage());
            assertTrue(e.getMessage().contains("contradict") && e.getMessage().contains("Read FUS infos")
                    && e.getMessage().contains("FUS v2.1.0"), e.getMessage());
            PlanException older = assertThrows(PlanException.class, () -> plan("STM32WB55RG", "1.2.0",
                    "BLE_Stack_light 1.22.1", "Thread_FTD", tag, "usb"));
            assertEquals(400, PlanStatus.of(older), older.getMessage());
            assertTrue(older.getMessage().contains("FUS v2.0.0"), older.getMessage());
        }
    }

    @Test
    void stm32wb3xOnFus053HasNoRouteInV150ToV170() throws PlanException {
        // v1.5.0 STM32WB3x notes: "*0x20008030 : 01000000 : FUSv1.0.x => Up to date, you can download the new
        // wireless stack using STEP6" and "STEP 5 : Download new FUS : Not Applicable"
        for (String tag : List.of("v1.5.0", "v1.6.0", "v1.7.0")) {
            PlanException e = assertThrows(PlanException.class,
                    () -> plan("STM32WB35CE", "0.5.3", null, "BLE_Stack_full", tag, "swd"));
            assertEquals(422, PlanStatus.of(e), e.getMessage());
            assertTrue(e.getMessage().contains("wb3x-no-fus-image-v1.5.0-v1.7.0"), e.getMessage());
            assertTrue(e.available().contains("v1.8.0") && !e.available().contains("v1.6.0"), e.available().toString());
            // on FUS 1.0.x and later there is nothing to upgrade
            assertFalse(actions(plan("STM32WB35CE", "1.0.2", null, "BLE_Stack_full", tag, "swd"))
                    .contains("fus-upgrade"), tag);
        }
    }

    // ---- 2, 3, 5. the delete of v1.1.0 to v1.11.0 ----------------------------------------------------------------

    @Test
    void v150ToV1110DeleteTheStackBeforeReadingAndUpgradingFus() throws PlanException {
        // v1.6.0 notes: "STEP 3: Delete current wireless stack STM32_Programmer_CLI.exe -c port=swd -fwdelete" then
        // "STEP 4 : Read and upgrade FUS Version"
        for (String tag : List.of("v1.5.0", "v1.6.0", "v1.8.0", "v1.10.1", "v1.11.0")) {
            for (String iface : List.of("usb", "swd")) {
                if (tag.equals("v1.5.0") && iface.equals("swd")) {
                    continue;
                }
                // v1.5.0 ships an invalid stm32wb5x_FUS_fw.bin: start there from its up-to-date FUS 1.1.0
                String fus = tag.equals("v1.5.0") ? "1.1.0" : "1.0.2";
                Plan plan = plan("STM32WB55RG", fus, "BLE_Stack_full 1.4.0", "BLE_Stack_full", tag, iface);
                List<String> a = actions(plan);
                assertEquals(0, a.indexOf("stack-delete"), tag + " " + iface + " " + a);
                assertTrue(a.indexOf("stack-delete") < a.indexOf("read-fus-info"), tag + " " + a);
                assertTrue(!a.contains("fus-upgrade") || a.indexOf("read-fus-info") < a.indexOf("fus-upgrade"),
                        tag + " " + a);
                assertTrue(only(plan, "stack-delete").why().contains("STEP 3"), only(plan, "stack-delete").why());
            }
        }
        // v1.5.0 SWD: "STEP 2 : Read and upgrade FUS Version" ... "STEP 5 : Download new wireless stack": the SWD
        // procedure omits the delete, but its USB procedure and v1.6.0's SWD one delete first (STEP 3): the safer
        // reading keeps the unconditional delete first over SWD too, with no stack given as well, and says why
        for (String stack : java.util.Arrays.asList("BLE_Stack_full 1.4.0", null)) {
            Plan swd150 = plan("STM32WB55RG", "1.1.0", stack, "BLE_Stack_full", "v1.5.0", "swd");
            List<String> a = actions(swd150);
            assertEquals(0, a.indexOf("stack-delete"), a.toString());
            assertTrue(only(swd150, "stack-delete").why().contains("v1.5.0 SWD procedure itself omits this step"),
                    only(swd150, "stack-delete").why());
        }
    }

    @Test
    void theUnconditionalDeleteAndItsWarningAgree() throws PlanException {
        // v1.1.0 notes: "STEP 3 : Delete current wireless stack : STM32_Programmer_CLI.exe -c port=usb1 -fwdelete",
        // whatever is installed; the plan says so, and never claims firstinstall=0 deletes while it sends 1
        for (String tag : List.of("v1.1.0", "v1.4.0", "v1.9.0", "v1.11.0")) {
            Plan plan = plan("STM32WB55RG", "1.0.2", null, "BLE_Stack_full", tag, "usb");
            assertTrue(actions(plan).contains("stack-delete"), tag + " " + actions(plan));
            assertTrue(anyWarning(plan, "STEP 3", "whatever the part holds"), tag + " " + plan.warnings());
            assertFalse(anyWarning(plan, "firstinstall=0"), plan.warnings().toString());
            assertTrue(only(plan, "stack-install").command().contains("firstinstall=1"));
        }
        // from v1.11.1, "Download new wireless stack (after “FW Delete” if requested)": no stack, no delete
        Plan later = plan("STM32WB55RG", "1.2.0", null, "BLE_Stack_full", "v1.13.1", "usb");
        assertFalse(actions(later).contains("stack-delete"));
        assertTrue(anyWarning(later, "no stack was given", "no delete"), later.warnings().toString());
    }

    @Test
    void fus102ComesBeforeAnythingElseOnStm32wb5xCAndE() throws PlanException {
        // v1.1.1 notes: "On STM32WB5xC and STM32WB5xE, it is mandatory to install FUS V1.0.2 before any other
        // operation. Otherwise, the device might be locked in an unrecoverable state."
        for (String tag : List.of("v1.1.1", "v1.2.0", "v1.3.0", "v1.4.0", "v1.6.0", "v1.11.0")) {
            // v1.1.1 and v1.2.0 ship only the FUS for these parts: a FUS-only plan
            String target = tag.equals("v1.1.1") || tag.equals("v1.2.0") ? null : "BLE_Stack_full";
            for (String chip : List.of("STM32WB55CE", "STM32WB55CC")) {
                Plan plan = plan(chip, "0.5.3", "BLE_Stack_full 1.1.0", target, tag, "usb");
                List<String> a = actions(plan);
                // the FUS 1.0.2 image first, then the era's STEP 3 delete, then the rest of STEP 4 (v1.5.0 to
                // v1.11.0 go on to their latest FUS after the delete)
                assertEquals(a.indexOf("fus-upgrade") + 1, a.indexOf("stack-delete"), tag + " " + chip + a);
                assertEquals("1.0.2", plan.steps().get(a.indexOf("fus-upgrade")).toFus(), tag + " " + chip + a);
                if (tag.equals("v1.6.0") || tag.equals("v1.11.0")) {
                    assertTrue(a.lastIndexOf("fus-upgrade") > a.indexOf("stack-delete"), tag + " " + chip + a);
                }
                assertTrue(anyWarning(plan, "mandatory to install FUS V1.0.2 before any other operation",
                        "unrecoverable"), plan.warnings().toString());
            }
            // 1M parts keep the era's order
            Plan rg = plan("STM32WB55RG", "0.5.3", "BLE_Stack_full 1.1.0", target, tag, "usb");
            assertEquals(0, actions(rg).indexOf("stack-delete"), tag + actions(rg));
        }
    }

    // ---- 4. FUS 2.x keeps the NVM ----------------------------------------------------------------------------------

    @Test
    void fus2UpgradesTheSameKindInPlaceAndDeletesAnotherKind() throws PlanException {
        // v1.22.1 notes: "Pairing/bonding data preservation(NVM) while FW Upgrade is processed."
        Plan same = plan("STM32WB55RG", "2.2.0", "BLE_Stack_light 1.23.0", "BLE_Stack_full", "v1.24.0", "usb");
        assertFalse(actions(same).contains("stack-delete"), actions(same).toString());
        assertTrue(anyWarning(same, "in place", "Pairing/bonding data preservation(NVM)"), same.warnings().toString());
        Plan other = plan("STM32WB55RG", "2.2.0", "Thread_FTD 1.23.0", "BLE_Stack_full", "v1.24.0", "usb");
        assertTrue(only(other, "stack-delete").why().contains("another kind"), only(other, "stack-delete").why());
        assertTrue(anyWarning(other, "Thread_FTD 1.23.0", "deleted", "NVM"), other.warnings().toString());
        // on FUS 1.x AN5185's delete before another stack stays
        Plan fus1 = plan("STM32WB55RG", "1.2.0", "BLE_Stack_full 1.12.0", "BLE_Stack_full", "v1.13.1", "usb");
        assertTrue(actions(fus1).contains("stack-delete"), actions(fus1).toString());
    }

    // ---- 7, 8, 9 ----------------------------------------------------------------------------------------------------

    @Test
    void cubeProgrammersProposedAddressIsSaidWithTheReleasesCondition() throws PlanException {
        // v1.22.1: "must be corrected as follows: start_address = (start_address - 0x4000)" (no version named);
        // v1.23.0: "With CubeProgrammer version <= v2.19x"; v1.24.0: "Version 2.20.0 or higher."
        Plan v1221 = plan("STM32WB55RG", "2.1.0", null, "BLE_Stack_full", "v1.22.1", "usb");
        Plan v1230 = plan("STM32WB55RG", "2.1.0", null, "BLE_Stack_full", "v1.23.0", "usb");
        Plan v1240 = plan("STM32WB55RG", "2.2.0", null, "BLE_Stack_full", "v1.24.0", "usb");
        assertTrue(anyWarning(v1221, "FUS_v2 only", "lowered by 0x4000"), v1221.warnings().toString());
        assertFalse(anyWarning(v1221, "2.19"), v1221.warnings().toString());
        assertTrue(anyWarning(v1230, "FUS_v2 only", "up to 2.19.x", "0x4000"), v1230.warnings().toString());
        assertTrue(anyWarning(v1240, "FUS_v2 only", "2.20.0 or later"), v1240.warnings().toString());
    }

    @Test
    void fusIsReadWhereEachErasNotesReadIt() throws PlanException {
        // v1.11.1 SWD: "STM32_Programmer_CLI.exe -c port=swd mode=UR -r32 0x20010010 1"; USB: "-r32 0x20030030 1"
        assertTrue(only(plan("STM32WB55RG", "1.2.0", null, "BLE_Stack_full", "v1.11.1", "swd"), "read-fus-info")
                .command().contains("0x20010010"));
        assertTrue(only(plan("STM32WB55RG", "1.2.0", null, "BLE_Stack_full", "v1.11.1", "usb"), "read-fus-info")
                .command().contains("0x20030030"));
        assertTrue(only(plan("STM32WB55RG", "1.2.0", null, "BLE_Stack_full", "v1.12.0", "swd"), "read-fus-info")
                .command().contains("0x20030030"));
    }

    @Test
    void smallOnes() throws PlanException {
        // v1.11.1: "(optional: activate “Anti-Rollback” on downloaded binary: STM32_Programmer_CLI.exe -c port=swd
        // -antirollback)": a SWD command; over USB it is refused
        PlanException usb = assertThrows(PlanException.class, () -> planner.plan(new Planner.Request("STM32WB55RG",
                "2.2.0", null, "BLE_Stack_full", "v1.24.0", "usb", false, true)));
        assertEquals(422, PlanStatus.of(usb));
        assertTrue(usb.getMessage().contains("SWD") && usb.getMessage().contains("-antirollback"), usb.getMessage());
        // "Warning: required Option Byte configuration: [nSWboot0=1]": never nSWboot0=0 as an alternative to BOOT0
        for (String tag : List.of("v1.4.0", "v1.13.1", "v1.24.0")) {
            Plan p = plan("STM32WB55RG", "1.0.2", null, "BLE_Stack_full", tag, "usb");
            assertTrue(anyWarning(p, "BOOT0"), p.warnings().toString());
            assertFalse(anyWarning(p, "nSWboot0=0"), p.warnings().toString());
        }
        assertTrue(anyWarning(plan("STM32WB55RG", "2.2.0", null, "BLE_Stack_full", "v1.24.0", "usb"),
                "nSWboot0=1"));
        // v1.24.0: "It can be installed on STM32WB devices where FUS V1.1.0 or FUS V1.1.1 is present."
        Plan fus111 = plan("STM32WB55RG", "1.1.1", null, "BLE_Stack_full", "v1.24.0", "usb");
        assertFalse(anyWarning(fus111, "Read FUS infos"), fus111.warnings().toString());
        // "then select “Firmware Upgrade” (with “Verify download” and “Start stack after upgrade”)": the explicit
        // start is fuspath's own step, and says so
        assertTrue(only(fus111, "start-stack").why().contains("fuspath's own step"));
    }

    // ---- inputs -----------------------------------------------------------------------------------------------------

    @Test
    void inputsThePlannerRefusesOrFlags() throws PlanException {
        PlanException name = assertThrows(PlanException.class,
                () -> plan("STM32WB55RG", "2.2.0", "Nonexistent_Stack 1.2.0", "BLE_Stack_full", "v1.24.0", "usb"));
        assertEquals(400, PlanStatus.of(name));
        assertTrue(name.getMessage().contains(PlanInputs.STACK_FORMS) && name.getMessage().contains("BLE_Stack_full"),
                name.getMessage());
        // a version no stack can have (each part is a byte) is a 400, not silently dropped
        PlanException impossible = assertThrows(PlanException.class, () -> plan("STM32WB55RG", "2.2.0",
                "BLE_Stack_full 999.999.999", "BLE_Stack_full", "v1.24.0", "usb"));
        assertEquals(400, PlanStatus.of(impossible));
        assertTrue(impossible.getMessage().contains("999.999.999"), impossible.getMessage());
        Plan unshipped = plan("STM32WB55RG", "2.2.0", "BLE_Stack_full 1.99.0", "BLE_Stack_full", "v1.24.0", "usb");
        assertEquals("BLE_Stack_full 1.99.0", unshipped.from().stack());
        assertTrue(anyWarning(unshipped, "no release shipped", "1.99.0"), unshipped.warnings().toString());
        for (String fus : List.of("9.9.9", "3.0.0", "255.255.255", "0xFFFFFF00")) {
            PlanException e = assertThrows(PlanException.class,
                    () -> plan("STM32WB55RG", fus, null, "BLE_Stack_full", "v1.24.0", "usb"));
            assertEquals(400, PlanStatus.of(e), fus);
            assertTrue(e.getMessage().contains("0.5.3") && e.getMessage().contains("1.1.1"), e.getMessage());
        }
        // v1.16.0 STM32WB1x BLE_Stack_light at 0x08029000 runs into the FUS area; the derived address is offered
        Plan light = plan("STM32WB15CC", "1.2.0", null, "BLE_Stack_light", "v1.16.0", "swd");
        assertTrue(anyWarning(light, "error: ", "0x08029000", "area FUS keeps", "0x08028000"),
                light.warnings().toString());
    }

    // ---- seed stories -------------------------------------------------------------------------------------------------

    @Test
    void theStm32wb55ceUsbStorySaysWhatTheFieldLearned() throws PlanException {
        Plan plan = plan("STM32WB55CE", "1.2.0", null, "BLE_Stack_full", "v1.13.1", "usb");
        assertTrue(anyWarning(plan, "FUS_IMAGE_WRTERROR", "supply", "SWD through an ST-LINK", "externally powered"),
                plan.warnings().toString());
        Plan swd = plan("STM32WB55CE", "1.2.0", null, "BLE_Stack_full", "v1.13.1", "swd");
        assertFalse(anyWarning(swd, "FUS_IMAGE_WRTERROR"), swd.warnings().toString());
    }

    @Test
    void severalStartingFusVersionsGiveOnePlanEach() throws PlanException {
        Planner.Request r = CatalogFacts.request("STM32WB55CE", "1.1.0,1.2.0,2.1.0,2.0.0", null, "BLE_Stack_full",
                "v1.24.0", "swd");
        PlanSet set = planner.plans(r);
        assertEquals(List.of("1.1.0", "1.2.0", "2.1.0", "2.0.0"), set.plans().stream().map(PlanSet.Entry::fus).toList());
        for (PlanSet.Entry e : set.plans().subList(0, 3)) {
            assertNotNull(e.plan(), e.fus());
            assertEquals(plan("STM32WB55CE", e.fus(), null, "BLE_Stack_full", "v1.24.0", "swd"), e.plan());
        }
        // FUS 2.0.0 over SWD is that entry's refusal, not the request's
        assertNull(set.plans().get(3).plan());
        assertEquals(422, set.plans().get(3).status());
        assertTrue(set.plans().get(3).detail().contains("fus-2.0.0-usb-only"));
        assertEquals(64, set.id().length());
        assertEquals(set, planner.plans(r));
        assertEquals(400, PlanStatus.of(assertThrows(PlanException.class, () -> planner.plans(CatalogFacts.request(
                "STM32WB55CE", "1.1.0,,2.1.0", null, "BLE_Stack_full", "v1.24.0", "swd")))));
        assertEquals(400, PlanStatus.of(assertThrows(PlanException.class, () -> planner.plans(CatalogFacts.request(
                "STM32WB55CE", "1.1.0,9.9.9", null, "BLE_Stack_full", "v1.24.0", "swd")))));
    }
}
