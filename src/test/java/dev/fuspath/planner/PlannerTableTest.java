package dev.fuspath.planner;

import static dev.fuspath.planner.CatalogFacts.address;
import static dev.fuspath.planner.CatalogFacts.compare;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every family and flash size, FUS version, a spread of releases and both interfaces, each plan checked against
 * the catalog (read as plain JSON) and the rules of the release notes, never against the planner's own code.
 */
class PlannerTableTest {

    /** One part per family and flash size. */
    record Part(String chip, String family, String flash) {
    }

    static final List<Part> PARTS = List.of(
            new Part("STM32WB55CC", "STM32WB5x", "256K"),
            new Part("STM32WB55CE", "STM32WB5x", "512K"),
            new Part("STM32WB55VY", "STM32WB5x", "640K"),
            new Part("STM32WB55RG", "STM32WB5x", "1M"),
            new Part("STM32WB35CC", "STM32WB3x", "256K"),
            new Part("STM32WB35CE", "STM32WB3x", "512K"),
            new Part("STM32WB15CC", "STM32WB1x", "320K"));
    static final List<String> FUS = List.of("0.5.3", "1.0.2", "1.1.0", "1.1.2", "1.2.0", "2.0.0", "2.1.0", "2.2.0");
    /**
     * USB-only era (v1.4.0), the FUS 1.1.x era (v1.10.1, v1.11.0, the first with STM32WB1x), the FUS 1.2.0 era
     * (v1.11.1, v1.13.1, v1.17.3) and the FUS v2 era (v1.22.1, v1.23.0, v1.24.0). v1.5.0 has its own tests.
     */
    static final List<String> RELEASES = List.of("v1.4.0", "v1.10.1", "v1.11.0", "v1.11.1", "v1.13.1", "v1.17.3",
            "v1.22.1", "v1.23.0", "v1.24.0");
    static final List<String> INTERFACES = List.of("swd", "usb");
    static final String TARGET = "BLE_Stack_full";
    static final Set<String> ACTIONS = Set.of("start-fus", "read-fus-info", "stack-delete", "fus-upgrade",
            "stack-install", "start-stack", "anti-rollback", "set-option-bytes");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9A-F]{8}");

    private static Planner planner;

    @BeforeAll
    static void load() {
        planner = CatalogFacts.planner();
    }

    /** What the table expects: a refusal (and why), or a plan that ends on {@code finalFus}. */
    record Expected(String refusal, JsonNode target, String latestFus, String finalFus) {
    }

    static Expected expect(Part part, String fus, String tag, String iface) {
        if (!CatalogFacts.families(tag).contains(part.family())) {
            return new Expected("family", null, null, null);
        }
        // STM32WB1x: v1.11.0 programmed the stack outside FUS; every STM32WB1x procedure is over SWD (no USB)
        if (part.family().equals("STM32WB1x") && compare(tag, "v1.11.1") < 0) {
            return new Expected("outside-fus", null, null, null);
        }
        if (part.family().equals("STM32WB1x") && iface.equals("usb")) {
            return new Expected("swd-only", null, null, null);
        }
        // v1.1.0 to v1.4.0: the notes only have the USB procedure
        if (compare(tag, "v1.5.0") < 0 && iface.equals("swd")) {
            return new Expected("usb-only", null, null, null);
        }
        JsonNode target = CatalogFacts.stack(tag, part.family(), TARGET).orElseGet(() -> firstStack(tag, part));
        if (target == null || address(target, part.flash()) == null) {
            return new Expected("target-na", target, null, null);
        }
        String latest = CatalogFacts.latestFus(tag, part.family()).orElse(null);
        // STM32WB1x FUS images start at v1.23.0 and take parts from FUS 1.2.0 only
        if (part.family().equals("STM32WB1x") && latest != null && compare(fus, "1.2.0") < 0) {
            return new Expected("no-fus-image", target, latest, null);
        }
        // v1.1.0 to v1.4.0: "FUSv1.0.x => Up to date" even below the release's own FUS_fw.bin
        boolean upToDate = compare(tag, "v1.5.0") < 0 && compare(fus, "1.0.0") >= 0;
        String finalFus = latest == null || upToDate ? fus : CatalogFacts.max(fus, latest);
        // v1.22.1 notes, Warning 1: "With FUS v2.0.0, Coprocessor Binaries can be installed only through the USB
        // interface" (and FW delete does not work over ST-LINK): a SWD plan writing while FUS 2.0.0 runs, any release
        if (iface.equals("swd") && (fus.equals("2.0.0") || finalFus.equals("2.0.0"))) {
            return new Expected("fus-2.0.0-usb-only", target, latest, finalFus);
        }
        if (target.path("fusV2Only").asBoolean() && compare(finalFus, "2.0.0") < 0) {
            return new Expected("fus-v2-only", target, latest, finalFus);
        }
        return new Expected(null, target, latest, finalFus);
    }

    private static JsonNode firstStack(String tag, Part part) {
        return CatalogFacts.binaries(tag, part.family()).stream()
                .filter(b -> b.path("kind").asText().equals("stack") && address(b, part.flash()) != null)
                .min(Comparator.comparing(b -> b.path("stack").asText())).orElse(null);
    }

    @Test
    void everyPartFusReleaseAndInterface() {
        List<String> failures = new ArrayList<>();
        Map<String, String> caseByPlanId = new HashMap<>();
        Map<String, Integer> refusals = new HashMap<>();
        int plans = 0;
        int withFusUpgrade = 0;
        int cases = 0;
        for (String tag : RELEASES) {
            for (Part part : PARTS) {
                for (String fus : FUS) {
                    for (String iface : INTERFACES) {
                        cases++;
                        String name = part.chip() + " FUS " + fus + " " + tag + " " + iface;
                        Expected expected = expect(part, fus, tag, iface);
                        String target = expected.target() == null ? TARGET : expected.target().path("stack").asText();
                        Planner.Request request = CatalogFacts.request(part.chip(), fus, null, target, tag, iface);
                        Plan plan = null;
                        PlanException refused = null;
                        try {
                            plan = planner.plan(request);
                        } catch (PlanException e) {
                            refused = e;
                        }
                        List<String> problems = new ArrayList<>();
                        if (expected.refusal() != null) {
                            if (refused == null) {
                                problems.add("expected a 422 (" + expected.refusal() + "), got a plan of "
                                        + plan.steps().size() + " steps to FUS " + plan.to().fus());
                            } else {
                                checkRefusal(problems, refused, expected, part, fus, tag);
                                refusals.merge(expected.refusal(), 1, Integer::sum);
                            }
                        } else if (refused != null) {
                            problems.add("expected a plan, got " + PlanStatus.of(refused) + ": " + refused.getMessage());
                        } else {
                            checkPlan(problems, plan, part, fus, tag, iface, expected);
                            checkDeterministic(problems, plan, request);
                            String earlier = caseByPlanId.put(plan.id(), name);
                            if (earlier != null) {
                                problems.add("the same plan id as " + earlier);
                            }
                            plans++;
                            if (plan.steps().stream().anyMatch(s -> s.action() == StepAction.FUS_UPGRADE)) {
                                withFusUpgrade++;
                            }
                        }
                        problems.forEach(p -> failures.add(name + ": " + p));
                    }
                }
            }
        }
        assertEquals(List.of(), failures, failures.size() + " failures:\n" + String.join("\n",
                failures.subList(0, Math.min(60, failures.size()))));
        System.out.printf("plan table: %d cases, %d plans (%d with FUS upgrades), refusals %s%n", cases, plans,
                withFusUpgrade, refusals);
        assertEquals(RELEASES.size() * PARTS.size() * FUS.size() * INTERFACES.size(), cases);
        // the table must not shrink silently: these counts follow from the catalog as committed
        // (changed from 800: the 82 SWD cases writing on FUS 2.0.0 are now refused, and counted below)
        assertTrue(plans >= 700, "only " + plans + " plans were checked");
        assertTrue(refusals.getOrDefault("fus-2.0.0-usb-only", 0) >= 80, refusals.toString());
        assertTrue(withFusUpgrade >= 380, // (changed from 400: SWD cases ending on FUS 2.0.0 are refused)
                "only " + withFusUpgrade + " plans upgrade FUS");
        assertTrue(refusals.getOrDefault("family", 0) >= 64, "refusals: " + refusals);
        assertTrue(refusals.getOrDefault("usb-only", 0) >= 24, "refusals: " + refusals);
        assertTrue(refusals.getOrDefault("target-na", 0) >= 40, "refusals: " + refusals);
        assertTrue(refusals.getOrDefault("no-fus-image", 0) >= 8, "refusals: " + refusals);
        assertTrue(refusals.getOrDefault("swd-only", 0) >= 40, "refusals: " + refusals);
        assertTrue(refusals.getOrDefault("outside-fus", 0) >= 16, "refusals: " + refusals);
        assertEquals(plans, caseByPlanId.size(), "every distinct input gives its own plan id");
    }

    private static void checkRefusal(List<String> problems, PlanException e, Expected expected, Part part,
                                     String fus, String tag) {
        if (PlanStatus.of(e) != 422) {
            problems.add("expected 422 (" + expected.refusal() + "), got " + PlanStatus.of(e) + ": " + e.getMessage());
            return;
        }
        String message = e.getMessage();
        switch (expected.refusal()) {
            case "family" -> {
                if (!message.contains(tag) || !message.contains(part.family())) {
                    problems.add("the message names neither the release nor the family: " + message);
                }
                if (!new TreeSet<>(e.available()).equals(new TreeSet<>(CatalogFacts.releasesWith(part.family())))
                        || e.available().isEmpty()) {
                    problems.add("available " + e.available() + " are not the releases with " + part.family());
                }
            }
            case "outside-fus" -> {
                if (!message.contains("outside FUS") || !message.contains(tag)) {
                    problems.add("the message does not say the procedure is outside FUS: " + message);
                }
            }
            case "fus-2.0.0-usb-only" -> {
                if (!message.contains("fus-2.0.0-usb-only") || !message.contains("only through the USB")
                        || !e.available().equals(List.of("usb"))) {
                    problems.add("the refusal does not name the rule, quote the notes and offer USB: " + message
                            + " " + e.available());
                }
            }
            case "swd-only" -> {
                if (!e.available().equals(List.of("swd"))) {
                    problems.add("available " + e.available() + " is not [swd]");
                }
            }
            case "usb-only" -> {
                if (!e.available().equals(List.of("usb"))) {
                    problems.add("available " + e.available() + " is not [usb]");
                }
            }
            case "target-na" -> {
                if (!message.contains(tag) || !message.contains(part.family()) || !message.contains(part.flash())) {
                    problems.add("the message does not name release, family and flash size: " + message);
                }
                Set<String> stacks = new TreeSet<>();
                for (JsonNode b : CatalogFacts.binaries(tag, part.family())) {
                    if (b.path("kind").asText().equals("stack") && address(b, part.flash()) != null) {
                        stacks.add(b.path("stack").asText());
                    }
                }
                if (!new TreeSet<>(e.available()).equals(stacks)) {
                    problems.add("available " + e.available() + " is not what the catalog has for " + part.flash()
                            + ": " + stacks);
                }
            }
            case "no-fus-image" -> {
                if (!message.contains(part.family().toLowerCase() + "_FUS_fw") || !message.contains(fus)) {
                    problems.add("the message names neither the FUS image the part needs nor its FUS: " + message);
                }
            }
            case "fus-v2-only" -> {
                if (!message.contains("FUS_v2")) {
                    problems.add("the message does not say FUS_v2 only: " + message);
                }
            }
            default -> problems.add("unknown refusal " + expected.refusal());
        }
    }

    static void checkPlan(List<String> problems, Plan plan, Part part, String fus, String tag, String iface,
                          Expected expected) {
        JsonNode target = expected.target();
        String flash = part.flash();
        String port = iface.equals("usb") ? "port=usb1" : "port=swd";
        same(problems, "release", tag, plan.release());
        same(problems, "chip", part.chip(), plan.chip().part());
        same(problems, "family", part.family(), plan.chip().family());
        same(problems, "flash", flash, plan.chip().flash());
        same(problems, "interface", iface, plan.iface());
        same(problems, "from.fus", fus, plan.from().fus());
        same(problems, "from.stack", "none", plan.from().stack());
        same(problems, "to.fus", expected.finalFus(), plan.to().fus());
        same(problems, "to.stack", target.path("stack").asText() + " " + target.path("version").asText(),
                plan.to().stack());
        if (plan.id() == null || !SHA256.matcher(plan.id()).matches()) {
            problems.add("id is not a SHA-256: " + plan.id());
        }
        List<PlanStep> steps = plan.steps();
        if (steps.isEmpty()) {
            problems.add("no steps, though no stack is installed");
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            PlanStep s = steps.get(i);
            String at = "step " + (i + 1) + " (" + s.action() + ")";
            if (s.n() != i + 1) {
                problems.add(at + " is numbered " + s.n());
            }
            if (!ACTIONS.contains(s.action().wire())) {
                problems.add(at + ": unknown action");
            }
            if (s.why() == null || s.why().isBlank()) {
                problems.add(at + ": no why");
            }
            List<String> c = s.command();
            if (c == null || c.size() < 3 || !c.get(0).equals("-c") || !c.get(1).equals(port)) {
                problems.add(at + ": command does not start with -c " + port + ": " + c);
            } else if (iface.equals("usb") && c.contains("mode=UR")) {
                problems.add(at + ": mode=UR over USB: " + c);
            }
            if (s.file() != null) {
                JsonNode record = CatalogFacts.file(tag, part.family(), s.file()).orElse(null);
                if (record == null) {
                    problems.add(at + ": " + s.file() + " is not a " + part.family() + " file of " + tag);
                } else {
                    same(problems, at + " sha256", record.path("sha256").asText(), s.sha256());
                    same(problems, at + " size", record.path("size").asLong(), s.size());
                    same(problems, at + " path", record.path("path").asText(), s.path());
                }
                if (s.address() == null || !ADDRESS.matcher(s.address()).matches()) {
                    problems.add(at + ": address " + s.address());
                }
                if (c != null) {
                    int upgrade = c.indexOf("-fwupgrade");
                    if (upgrade < 0 || upgrade + 2 >= c.size() || !s.file().equals(c.get(upgrade + 1))
                            || !Objects.equals(s.address(), c.get(upgrade + 2))) {
                        problems.add(at + ": command is not -fwupgrade " + s.file() + " " + s.address() + ": " + c);
                    }
                    if (iface.equals("swd") && !c.contains("mode=UR")) {
                        problems.add(at + ": the notes flash over SWD under reset (mode=UR): " + c);
                    }
                }
            }
        }
        List<String> actions = steps.stream().map(s -> s.action().wire()).toList();

        // start-fus: over SWD from v1.11.1 (the first notes with -startfus), never over USB. v1.6.0 to v1.11.0 read
        // FUS over USB only ("it can been obtained ... using other flashing method via USB"): over SWD fuspath
        // starts FUS itself before reading, as its own step, right after the era's STEP 3 delete
        boolean startFus = actions.contains("start-fus");
        if (iface.equals("usb") && startFus) {
            problems.add("start-fus over USB");
        }
        if (iface.equals("swd") && compare(tag, "v1.11.1") >= 0 && !actions.get(0).equals("start-fus")) {
            problems.add("the " + tag + " notes start FUS first over SWD: " + actions);
        }
        if (compare(tag, "v1.11.1") < 0 && iface.equals("swd")) {
            int start = actions.indexOf("start-fus");
            if (start < 0 || actions.indexOf("read-fus-info") != start + 1
                    || !steps.get(start).why().contains("fuspath's own step")) {
                problems.add("the " + tag + " notes read FUS over USB only: over SWD fuspath's own start-fus must"
                        + " come right before read-fus-info, labelled so: " + actions);
            }
        }
        if (compare(tag, "v1.11.1") < 0 && iface.equals("usb") && startFus) {
            problems.add("the " + tag + " notes have no -startfus: " + actions);
        }

        // read-fus-info: once, before any FUS upgrade, expecting the FUS as given
        if (actions.stream().filter("read-fus-info"::equals).count() != 1) {
            problems.add("not exactly one read-fus-info: " + actions);
        } else {
            PlanStep read = steps.get(actions.indexOf("read-fus-info"));
            if (read.expect() == null || !fus.equals(read.expect().fus())) {
                problems.add("read-fus-info does not expect FUS " + fus + ": " + read.expect());
            }
            // v1.11.1 SWD: "STM32_Programmer_CLI.exe -c port=swd mode=UR -r32 0x20010010 1"; every other era and
            // interface reads 0x20030030 (changed: v1.11.1 over SWD used to read 0x20030030)
            String info = tag.equals("v1.11.1") && iface.equals("swd") ? "0x20010010" : "0x20030030";
            if (!read.command().containsAll(List.of("-r32", info, "1"))) {
                problems.add("read-fus-info does not read " + info + ": " + read.command());
            }
            int firstUpgrade = actions.indexOf("fus-upgrade");
            if (firstUpgrade >= 0 && firstUpgrade < actions.indexOf("read-fus-info")) {
                problems.add("a FUS upgrade before reading FUS: " + actions);
            }
        }

        // the FUS chain
        String current = fus;
        String prefix = part.family().toLowerCase();
        for (PlanStep s : steps) {
            if (s.action() != StepAction.FUS_UPGRADE) {
                continue;
            }
            String at = "fus-upgrade " + s.file();
            JsonNode record = CatalogFacts.file(tag, part.family(), s.file()).orElse(null);
            if (record == null) {
                continue; // reported above
            }
            if (!record.path("kind").asText().equals("fus")) {
                problems.add(at + " is a " + record.path("kind").asText() + " in the catalog, not a FUS image");
            }
            same(problems, at + " address", address(record, flash), s.address());
            same(problems, at + " toFus", record.path("version").asText(), s.toFus());
            same(problems, at + " fromFus", current, s.fromFus());
            if (s.fromFus() == null || s.toFus() == null || compare(s.toFus(), s.fromFus()) <= 0) {
                problems.add(at + " does not raise FUS: " + s.fromFus() + " -> " + s.toFus());
                break;
            }
            String rule = hopRule(tag, s.fromFus(), s.file().substring(prefix.length() + 1));
            if (rule != null) {
                problems.add(at + ": " + rule);
            }
            if (s.expect() == null || !s.toFus().equals(s.expect().fus())) {
                problems.add(at + " expects " + s.expect());
            }
            if (!s.command().contains("firstinstall=0")) {
                problems.add(at + ": FUS images are installed with firstinstall=0: " + s.command());
            }
            current = s.toFus();
        }
        same(problems, "FUS after the last upgrade", expected.finalFus(), current);
        if ((expected.latestFus() == null || compare(fus, expected.latestFus()) >= 0)
                && actions.contains("fus-upgrade")) {
            problems.add("FUS " + fus + " needs no upgrade in " + tag + ", yet: " + actions);
        }

        // the stack
        if (actions.stream().filter("stack-install"::equals).count() != 1) {
            problems.add("not exactly one stack-install: " + actions);
        } else {
            int i = actions.indexOf("stack-install");
            PlanStep install = steps.get(i);
            same(problems, "stack-install file", target.path("file").asText(), install.file());
            same(problems, "stack-install address", address(target, flash), install.address());
            if (actions.lastIndexOf("fus-upgrade") > i) {
                problems.add("a FUS upgrade after the stack install: " + actions);
            }
            if (i + 1 >= actions.size() || !actions.get(i + 1).equals("start-stack")) {
                problems.add("stack-install is not followed by start-stack: " + actions);
            }
            if (install.expect() == null || !expected.finalFus().equals(install.expect().fus())) {
                problems.add("stack-install expects FUS " + (install.expect() == null ? null : install.expect().fus()));
            }
        }
        if (actions.contains("anti-rollback")) {
            problems.add("anti-rollback that nobody asked for: " + actions);
        }
        // v1.1.0 to v1.11.0: "STEP 3 : Delete current wireless stack" comes before "STEP 4 : Read and upgrade FUS
        // Version", whatever is installed; except that on STM32WB5xC/E "it is mandatory to install FUS V1.0.2 before
        // any other operation" (v1.1.1): there the delete follows the FUS 1.0.2 image (the first FUS upgrade), and
        // the era's other FUS images (STEP 4, v1.5.0 to v1.11.0) come after the delete. From v1.11.1 the stack is
        // installed "after FW Delete if requested": no stack given, no delete.
        long deletes = actions.stream().filter("stack-delete"::equals).count();
        if (compare(tag, "v1.11.1") < 0) {
            boolean fusFirst = part.family().equals("STM32WB5x") && Set.of("512K", "256K").contains(part.flash())
                    && compare(fus, "1.0.2") < 0 && actions.contains("fus-upgrade");
            int delete = actions.indexOf("stack-delete");
            if (deletes != 1) {
                problems.add("the " + tag + " procedure deletes the stack once (STEP 3): " + actions);
            } else if (fusFirst && delete != actions.indexOf("fus-upgrade") + 1) {
                problems.add("FUS V1.0.2 first on " + part.flash() + ", then the delete: " + actions);
            } else if (!fusFirst && delete != 0) {
                problems.add("STEP 3 (delete) comes first in " + tag + ": " + actions);
            }
        } else if (deletes != 0) {
            problems.add("stack-delete that nobody asked for: " + actions);
        }
        if (target.path("fusV2Only").asBoolean()) {
            if (compare(plan.to().fus(), "2.0.0") < 0) {
                problems.add(target.path("file").asText() + " is FUS_v2 only, but the plan ends on FUS "
                        + plan.to().fus());
            }
            if (plan.warnings().stream().noneMatch(w -> w.contains("FUS_v2 only"))) {
                problems.add("no FUS_v2 only warning: " + plan.warnings());
            }
        }

        // every FUS of the table is one that shipped (or the factory 0.5.3): no warning that it is odd
        if (plan.warnings().stream().anyMatch(w -> w.contains("FUS " + fus + " is neither"))) {
            problems.add("FUS " + fus + " taken for an unknown version: " + plan.warnings());
        }

        // the end of the procedure
        if (iface.equals("usb")) {
            if (plan.warnings().stream().noneMatch(w -> w.contains("USB") && w.contains("bootloader"))) {
                problems.add("no USB bootloader warning: " + plan.warnings());
            }
            if (actions.contains("set-option-bytes")) {
                problems.add("set-option-bytes over USB: " + actions);
            }
        } else if (!part.family().equals("STM32WB1x") && compare(tag, "v1.6.0") >= 0) {
            // v1.6.0+ STM32WB5x/3x notes end the SWD procedure with -ob nSWboot0=1 nboot1=1 nboot0=1
            PlanStep last = steps.get(steps.size() - 1);
            if (last.action() != StepAction.SET_OPTION_BYTES
                    || !last.command().containsAll(List.of("-ob", "nSWboot0=1", "nboot1=1", "nboot0=1"))) {
                problems.add("the " + tag + " SWD procedure ends by restoring the option bytes: " + actions);
            }
        }
    }

    /**
     * Which image the release notes give for a part on FUS {@code from}; null when {@code fileAfterPrefix} is it.
     * v1.1.0-v1.4.0: 0.5.3 -> FUS_fw. v1.5.0-v1.11.0: 0.5.3 -> FUS_fw_1_0_2, 1.x -> FUS_fw. v1.11.1-v1.22.0:
     * 0.5.3 -> FUS_fw_for_fus_0_5_3, 1.x -> FUS_fw. v1.22.1+: 0.5.3 -> FUS_fw_for_fus_0_5_3, 1.0.x/1.1.x ->
     * FUS_fw_1_2_0, 1.2.0 and later -> FUS_fw.
     */
    static String hopRule(String tag, String from, String fileAfterPrefix) {
        String wanted;
        if (from.equals("0.5.3")) {
            wanted = compare(tag, "v1.5.0") < 0 ? "FUS_fw.bin"
                    : compare(tag, "v1.11.1") < 0 ? "FUS_fw_1_0_2.bin" : "FUS_fw_for_fus_0_5_3.bin";
        } else if (compare(tag, "v1.22.1") >= 0 && compare(from, "1.2.0") < 0) {
            wanted = "FUS_fw_1_2_0.bin";
        } else {
            wanted = "FUS_fw.bin";
        }
        return wanted.equalsIgnoreCase(fileAfterPrefix) ? null
                : "the " + tag + " notes give *_" + wanted + " for parts on FUS " + from;
    }

    private static void checkDeterministic(List<String> problems, Plan plan, Planner.Request request) {
        try {
            Plan again = planner.plan(request);
            if (!plan.equals(again)) {
                problems.add("planning twice gives two plans: " + plan.id() + " and " + again.id());
            }
        } catch (PlanException e) {
            problems.add("planning again failed: " + e.getMessage());
        }
    }

    private static void same(List<String> problems, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            problems.add(what + ": expected " + expected + ", got " + actual);
        }
    }

    // ---- the id --------------------------------------------------------------------------------------------

    @Test
    void aFreshPlannerOnAFreshlyReadCatalogGivesTheSameIds() throws PlanException {
        Planner other = CatalogFacts.planner();
        for (String tag : List.of("v1.4.0", "v1.13.1", "v1.24.0")) {
            Planner.Request r = CatalogFacts.request("STM32WB55RG", "0.5.3", null, TARGET, tag, "usb");
            Plan a = planner.plan(r);
            Plan b = other.plan(r);
            assertEquals(a, b, tag);
            assertTrue(SHA256.matcher(a.id()).matches(), a.id());
        }
    }

    @Test
    void everyInputThatChangesThePlanChangesTheId() throws PlanException {
        Planner.Request base = new Planner.Request("STM32WB55RG", "1.2.0", null, TARGET, "v1.23.0", "swd", false,
                false);
        String id = planner.plan(base).id();
        List<Planner.Request> variants = List.of(
                new Planner.Request("STM32WB55CE", "1.2.0", null, TARGET, "v1.23.0", "swd", false, false),
                new Planner.Request("STM32WB55RG", "1.1.0", null, TARGET, "v1.23.0", "swd", false, false),
                new Planner.Request("STM32WB55RG", "1.2.0", "BLE_Stack_full 1.22.0", TARGET, "v1.23.0", "swd", false, false),
                new Planner.Request("STM32WB55RG", "1.2.0", null, "BLE_Stack_light", "v1.23.0", "swd", false, false),
                new Planner.Request("STM32WB55RG", "1.2.0", null, TARGET, "v1.24.0", "swd", false, false),
                new Planner.Request("STM32WB55RG", "1.2.0", null, TARGET, "v1.23.0", "usb", false, false),
                new Planner.Request("STM32WB55RG", "1.2.0", null, TARGET, "v1.23.0", "swd", true, false),
                new Planner.Request("STM32WB55RG", "1.2.0", null, TARGET, "v1.23.0", "swd", false, true));
        Set<String> ids = new TreeSet<>();
        ids.add(id);
        for (Planner.Request v : variants) {
            String other = planner.plan(v).id();
            assertNotEquals(id, other, v.toString());
            ids.add(other);
        }
        assertEquals(variants.size() + 1, ids.size(), "every variant has its own id");
        // the same part written as an ordering code, in lower case, or the FUS as a word is the same plan
        assertEquals(id, planner.plan(new Planner.Request("stm32wb55rgv6tr", "0x01020000", null, TARGET,
                "v1.23.0", "SWD", false, false)).id());
    }
}
