package dev.fuspath.planner;

import static dev.fuspath.planner.CatalogFacts.compare;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.planner.ProcedureOracle.Case;
import dev.fuspath.planner.ProcedureOracle.Delete;
import dev.fuspath.planner.ProcedureOracle.Expected;
import dev.fuspath.planner.ProcedureOracle.Hop;
import dev.fuspath.planner.ProcedureOracle.Installed;
import dev.fuspath.planner.ProcedureOracle.Refusal;
import dev.fuspath.planner.ProcedureOracle.Rule;
import dev.fuspath.planner.ProcedureOracle.Steps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's table test: every release x family x flash size x starting FUS x installed stack (none, legacy,
 * FUS_v2-only) x interface, each plan of the real {@link Planner} on the bundled catalog compared with
 * {@link ProcedureOracle}, which is written from the release notes. Only what the oracle decides is compared: refusal
 * or plan, the FUS images in order with their addresses, where the stack delete is, the stack file and its address,
 * and the warning that names both candidate addresses when the address cannot be known. Wording is never compared.
 *
 * <p>All cases run in one test on one planner; the failure message is a report grouped by rule, with three examples
 * each (also written to {@code target/procedure-oracle-report.txt}; every disagreement, one a line, to
 * {@code target/procedure-oracle-mismatches.txt}).
 */
class ProcedureOracleTableTest {

    static final List<String> FUS = List.of("0.5.3", "1.0.2", "1.1.0", "1.1.1", "1.2.0", "2.0.0", "2.1.0", "2.2.0");
    static final List<String> INTERFACES = List.of("swd", "usb");
    static final Set<String> ESSENTIAL = Set.of("fus-upgrade", "stack-delete", "stack-install");
    private static final Map<String, List<StackRow>> ALL_STACKS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Pattern HEX = Pattern.compile("0[xX]([0-9a-fA-F]{8})");

    /** One part per family and flash size, the first of {@code rules/chips.json}. */
    record Part(String chip, String family, String flash) {
    }

    /** One stack record of the catalog. */
    record StackRow(String tag, String name, String version, boolean v2Only, JsonNode node) {
    }

    /** An essential operation of a plan. */
    record Op(String action, String file, String address) {
        @Override
        public String toString() {
            return switch (action) {
                case "stack-delete" -> "delete";
                case "fus-upgrade" -> "fus " + file + "@" + address;
                default -> "install " + file + "@" + address;
            };
        }
    }

    /** One disagreement, charged to the rule whose decision the planner does not follow. */
    record Mismatch(Rule rule, Case c, String oracle, String planner) {
    }

    @Test
    void everyPlanFollowsTheReleaseNotesProcedure() {
        Planner planner = CatalogFacts.planner();
        long built = System.nanoTime();
        List<Case> cases = cases();
        System.out.println("ProcedureOracleTableTest: cases built in " + (System.nanoTime() - built) / 1_000_000
                + " ms");
        Map<Rule, Integer> applied = new EnumMap<>(Rule.class);
        Map<Rule, List<Mismatch>> failed = new EnumMap<>(Rule.class);
        Set<String> failingCases = new HashSet<>();
        long start = System.nanoTime();
        long plannerNanos = 0;
        for (Case c : cases) {
            Expected expected = ProcedureOracle.expect(c);
            for (Rule r : rulesOf(expected)) {
                applied.merge(r, 1, Integer::sum);
            }
            Plan plan = null;
            PlanException refusal = null;
            long before = System.nanoTime();
            try {
                plan = planner.plan(CatalogFacts.request(c.chip(), c.fus(), c.installedStack(), c.target(), c.tag(),
                        c.iface()));
            } catch (PlanException e) {
                refusal = e;
            }
            plannerNanos += System.nanoTime() - before;
            // one entry per rule and case: a case that breaks two checks of one rule counts once for it
            Map<Rule, Mismatch> byRule = new EnumMap<>(Rule.class);
            for (Mismatch m : check(c, expected, plan, refusal)) {
                byRule.merge(m.rule(), m, (a, b) -> new Mismatch(a.rule(), c, join(a.oracle(), b.oracle()),
                        join(a.planner(), b.planner())));
                failingCases.add(c.name());
            }
            byRule.forEach((rule, m) -> failed.computeIfAbsent(rule, k -> new ArrayList<>()).add(m));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String report = report(cases.size(), failingCases.size(), millis, plannerNanos / 1_000_000, applied, failed);
        System.out.println(report);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "procedure-oracle-report.txt"), report, StandardCharsets.UTF_8);
            StringBuilder all = new StringBuilder();
            failed.forEach((rule, list) -> list.forEach(m -> all.append(rule.name()).append(" | ")
                    .append(m.c().name()).append(" | oracle ").append(m.oracle()).append(" | planner ")
                    .append(m.planner()).append('\n')));
            Files.writeString(Path.of("target", "procedure-oracle-mismatches.txt"), all, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(cases.size() > 10_000, "the cross product shrank to " + cases.size() + " cases");
        assertTrue(failingCases.isEmpty(), report);
    }

    // ---- the cross product ------------------------------------------------------------------------------------

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        List<String> tags = tags();
        for (String tag : tags) {
            for (Part part : parts()) {
                for (String target : targets(tag, part)) {
                    Map<Installed, String> installed = installed(tags, tag, part, target);
                    for (String fus : FUS) {
                        for (Map.Entry<Installed, String> stack : installed.entrySet()) {
                            for (String iface : INTERFACES) {
                                out.add(new Case(tag, part.family(), part.flash(), part.chip(), fus, stack.getKey(),
                                        stack.getValue(), iface, target));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    static List<String> tags() {
        List<String> tags = new ArrayList<>();
        CatalogFacts.index().path("releases").forEach(r -> tags.add(r.path("tag").asText()));
        tags.sort(CatalogFacts::compare);
        return List.copyOf(tags);
    }

    static List<Part> parts() {
        try {
            JsonNode chips = new ObjectMapper().readTree(Files.readString(Path.of("rules", "chips.json")));
            Map<String, Part> first = new LinkedHashMap<>();
            for (JsonNode c : chips.path("chips")) {
                String key = c.path("family").asText() + " " + c.path("flash").asText();
                first.putIfAbsent(key, new Part(c.path("part").asText(), c.path("family").asText(),
                        c.path("flash").asText()));
            }
            return List.copyOf(first.values());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The family's stack records of one release, in catalog order. */
    static List<StackRow> stacks(String tag, String family) {
        List<StackRow> out = new ArrayList<>();
        if (!ProcedureOracle.families(tag).contains(family)) {
            return out;
        }
        for (JsonNode b : ProcedureOracle.binaries(tag, family)) {
            if (b.path("kind").asText().equals("stack")) {
                out.add(new StackRow(tag, b.path("stack").asText(), b.path("version").asText(),
                        b.path("fusV2Only").asBoolean(), b));
            }
        }
        return out;
    }

    /**
     * BLE_Stack_full where the family and flash size have it, else the first stack the release offers for that flash
     * size; when that target is FUS_v2-only, also the first legacy-format stack (Thread_FTD first), so that the
     * address shift after a FUS_v2-only install is exercised in the releases that have such stacks.
     */
    static List<String> targets(String tag, Part part) {
        List<StackRow> rows = stacks(tag, part.family()).stream()
                .filter(s -> CatalogFacts.address(s.node(), part.flash()) != null).toList();
        if (rows.isEmpty()) {
            return List.of("BLE_Stack_full");
        }
        StackRow primary = rows.stream().filter(s -> s.name().equals("BLE_Stack_full")).findFirst()
                .orElse(rows.get(0));
        List<String> out = new ArrayList<>(List.of(primary.name()));
        if (primary.v2Only()) {
            rows.stream().filter(s -> !s.v2Only())
                    .min((a, b) -> Boolean.compare(!a.name().equals("Thread_FTD"), !b.name().equals("Thread_FTD")))
                    .ifPresent(s -> out.add(s.name()));
        }
        return out;
    }

    /**
     * none; a legacy stack: the same name as the target, in legacy format, the newest version below the target's
     * from this or an earlier release (an in-place upgrade), else another legacy stack of the family; a FUS_v2-only
     * stack: the same name as a FUS_v2-only target with an older version when there is one (an in-place upgrade on
     * FUS 2), else a FUS_v2-only stack of another name (BLE_Stack_full, BLE_Stack_light, BLE_HCILayer first): the newest
     * one released by the target's release, else the first one ever released.
     */
    static Map<Installed, String> installed(List<String> tags, String tag, Part part, String target) {
        Map<Installed, String> out = new LinkedHashMap<>();
        out.put(Installed.NONE, "none");
        Optional<StackRow> targetRow = stacks(tag, part.family()).stream().filter(s -> s.name().equals(target))
                .findFirst();
        String targetVersion = targetRow.map(StackRow::version).orElse("99.0.0");
        List<StackRow> all = ALL_STACKS.computeIfAbsent(part.family(), f -> {
            List<StackRow> rows = new ArrayList<>();
            for (String t : tags) {
                rows.addAll(stacks(t, f));
            }
            return rows;
        });
        List<StackRow> upToHere = all.stream().filter(s -> compare(s.tag(), tag) <= 0).toList();
        Optional<StackRow> legacy = upToHere.stream()
                .filter(s -> !s.v2Only() && s.name().equals(target) && compare(s.version(), targetVersion) < 0)
                .max((a, b) -> compare(a.version(), b.version()));
        if (legacy.isEmpty()) {
            legacy = upToHere.stream().filter(s -> !s.v2Only() && !s.name().equals(target)).findFirst();
        }
        legacy.ifPresent(s -> out.put(Installed.LEGACY, s.name() + " " + s.version()));
        boolean targetV2 = targetRow.map(StackRow::v2Only).orElse(false);
        Optional<StackRow> v2 = Optional.empty();
        if (targetV2) {
            v2 = all.stream().filter(s -> s.v2Only() && s.name().equals(target)
                    && compare(s.version(), targetVersion) < 0).max((a, b) -> compare(a.version(), b.version()));
        }
        if (v2.isEmpty()) {
            // a release that existed when the target's did (newest first), else the first one that had any
            List<StackRow> others = all.stream().filter(s -> s.v2Only() && !s.name().equals(target)).toList();
            List<StackRow> byThen = others.stream().filter(s -> compare(s.tag(), tag) <= 0).toList();
            List<StackRow> pool = byThen.isEmpty() ? others : byThen;
            java.util.Comparator<StackRow> order = byThen.isEmpty()
                    ? (a, b) -> compare(b.version(), a.version()) : (a, b) -> compare(a.version(), b.version());
            for (String name : List.of("BLE_Stack_full", "BLE_Stack_light", "BLE_HCILayer")) {
                if (v2.isEmpty()) {
                    v2 = pool.stream().filter(s -> s.name().equals(name)).max(order);
                }
            }
            if (v2.isEmpty()) {
                v2 = pool.stream().max(order);
            }
        }
        v2.ifPresent(s -> out.put(Installed.FUS_V2_ONLY, s.name() + " " + s.version()));
        return out;
    }

    // ---- comparison ---------------------------------------------------------------------------------------------

    static List<Rule> rulesOf(Expected e) {
        if (e instanceof Refusal r) {
            return List.of(r.rule());
        }
        Steps s = (Steps) e;
        List<Rule> out = new ArrayList<>(List.of(Rule.PLAN_EXPECTED, s.chainRule(), s.deleteRule(), s.addressRule()));
        out.addAll(s.ancillary());
        return out;
    }

    static List<Mismatch> check(Case c, Expected expected, Plan plan, PlanException refusal) {
        List<Mismatch> out = new ArrayList<>();
        String actual = plan == null ? "refused " + PlanStatus.of(refusal) + ": " + abbreviate(refusal.getMessage())
                : ops(plan).toString();
        if (expected instanceof Refusal r) {
            if (plan != null) {
                out.add(new Mismatch(r.rule(), c, "refused: " + r.why(), actual));
            } else if (!statusFits(r.rule(), PlanStatus.of(refusal))) {
                out.add(new Mismatch(r.rule(), c, "refused with " + expectedStatus(r.rule()) + ": " + r.why(), actual));
            }
            return out;
        }
        Steps s = (Steps) expected;
        String oracle = describe(s);
        if (plan == null) {
            out.add(new Mismatch(Rule.PLAN_EXPECTED, c, oracle, actual));
            return out;
        }
        List<Op> ops = ops(plan);
        List<Op> hops = ops.stream().filter(o -> o.action().equals("fus-upgrade")).toList();
        List<String> hopFiles = hops.stream().map(Op::file).toList();
        List<String> expectedFiles = s.hops().stream().map(Hop::file).toList();
        if (!hopFiles.equals(expectedFiles)) {
            out.add(new Mismatch(s.chainRule(), c, oracle, actual));
        } else {
            for (int i = 0; i < hops.size(); i++) {
                if (!sameAddress(hops.get(i).address(), s.hops().get(i).address())) {
                    out.add(new Mismatch(Rule.TABLE_ADDRESS, c, oracle, actual));
                    break;
                }
            }
        }
        List<Op> installs = ops.stream().filter(o -> o.action().equals("stack-install")).toList();
        int installAt = ops.size() - 1;
        if (installs.size() != 1 || !ops.get(installAt).action().equals("stack-install")
                || !installs.get(0).file().equals(s.installFile())) {
            out.add(new Mismatch(Rule.PLAN_EXPECTED, c, oracle + " (one install, last)", actual));
        } else if (s.installAddresses().stream().noneMatch(a -> sameAddress(a, installs.get(0).address()))) {
            out.add(new Mismatch(s.addressRule(), c, oracle, actual));
        }
        if (!deleteWhereExpected(ops, s.delete())) {
            out.add(new Mismatch(s.deleteRule(), c, oracle, actual));
        }
        if (!s.warnAddresses().isEmpty() && plan.warnings().stream()
                .noneMatch(w -> addressesIn(w).containsAll(longs(s.warnAddresses())))) {
            out.add(new Mismatch(s.addressRule(), c, oracle + "; a warning naming " + s.warnAddresses(),
                    actual + "; warnings naming addresses: " + plan.warnings().stream()
                            .map(ProcedureOracleTableTest::addressesIn).filter(a -> !a.isEmpty())
                            .map(a -> a.stream().map(ProcedureOracle::hex).toList()).toList()));
        }
        List<String> actions = plan.steps().stream().map(step -> step.action().wire()).toList();
        int firstEssential = firstIndex(actions, ESSENTIAL);
        int lastInstall = actions.lastIndexOf("stack-install");
        if (s.ancillary().contains(Rule.START_FUS_SWD)) {
            int startFus = actions.indexOf("start-fus");
            if (startFus < 0 || firstEssential >= 0 && startFus > firstEssential) {
                out.add(new Mismatch(Rule.START_FUS_SWD, c, "start-fus before " + oracle, actions.toString()));
            }
        }
        if (s.ancillary().contains(Rule.OB_RESTORE_SWD)) {
            int ob = actions.lastIndexOf("set-option-bytes");
            if (ob < 0 || ob < lastInstall) {
                out.add(new Mismatch(Rule.OB_RESTORE_SWD, c, oracle + " then set-option-bytes", actions.toString()));
            }
        }
        if (s.ancillary().contains(Rule.FUS_1_0_2_WARNING)
                && plan.warnings().stream().noneMatch(w -> w.contains("1.0.2"))) {
            out.add(new Mismatch(Rule.FUS_1_0_2_WARNING, c, "a warning naming FUS 1.0.2",
                    plan.warnings().size() + " warnings, none naming 1.0.2"));
        }
        return out;
    }

    static int firstIndex(List<String> actions, Set<String> wanted) {
        for (int i = 0; i < actions.size(); i++) {
            if (wanted.contains(actions.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A procedure the notes rule out is a 422 (issue 10 item 6: "is refused (422, naming the rule ...)"); inputs that
     * contradict each other may be a 400 or a 422; what the catalog lacks, any 4xx.
     */
    static boolean statusFits(Rule rule, int status) {
        return switch (rule) {
            case CATALOG -> status >= 400 && status < 500;
            case V2_ONLY_NEEDS_FUS_2 -> status == 400 || status == 422;
            default -> status == 422;
        };
    }

    static String expectedStatus(Rule rule) {
        return switch (rule) {
            case CATALOG -> "4xx";
            case V2_ONLY_NEEDS_FUS_2 -> "400 or 422";
            default -> "422";
        };
    }

    static boolean deleteWhereExpected(List<Op> ops, Delete delete) {
        List<Integer> deletes = new ArrayList<>();
        List<Integer> hops = new ArrayList<>();
        int install = -1;
        for (int i = 0; i < ops.size(); i++) {
            switch (ops.get(i).action()) {
                case "stack-delete" -> deletes.add(i);
                case "fus-upgrade" -> hops.add(i);
                default -> install = i;
            }
        }
        if (deletes.size() > 1) {
            return false;
        }
        if (deletes.isEmpty()) {
            return delete == Delete.NONE || delete == Delete.OPTIONAL_AFTER_HOPS;
        }
        int d = deletes.get(0);
        boolean beforeInstall = install < 0 || d < install;
        int firstHop = hops.isEmpty() ? Integer.MAX_VALUE : hops.get(0);
        int lastHop = hops.isEmpty() ? -1 : hops.get(hops.size() - 1);
        return switch (delete) {
            case NONE -> false;
            case BEFORE_HOPS -> beforeInstall && d < firstHop;
            case AFTER_FIRST_HOP -> beforeInstall && d > firstHop && (hops.size() < 2 || d < hops.get(1));
            case AFTER_HOPS, OPTIONAL_AFTER_HOPS -> beforeInstall && d > lastHop;
        };
    }

    static List<Op> ops(Plan plan) {
        return plan.steps().stream().filter(s -> ESSENTIAL.contains(s.action().wire()))
                .map(s -> new Op(s.action().wire(), s.file(), s.address())).toList();
    }

    static String describe(Steps s) {
        List<String> seq = new ArrayList<>();
        String delete = switch (s.delete()) {
            case NONE -> null;
            case OPTIONAL_AFTER_HOPS -> "[delete]";
            default -> "delete";
        };
        if (delete != null && s.delete() == Delete.BEFORE_HOPS) {
            seq.add(delete);
        }
        for (int i = 0; i < s.hops().size(); i++) {
            seq.add("fus " + s.hops().get(i).file() + "@" + s.hops().get(i).address());
            if (i == 0 && s.delete() == Delete.AFTER_FIRST_HOP) {
                seq.add(delete);
            }
        }
        if (delete != null && (s.delete() == Delete.AFTER_HOPS || s.delete() == Delete.OPTIONAL_AFTER_HOPS
                || s.delete() == Delete.AFTER_FIRST_HOP && s.hops().isEmpty())) {
            seq.add(delete);
        }
        seq.add("install " + s.installFile() + "@" + String.join("|", s.installAddresses()));
        return seq.toString();
    }

    static boolean sameAddress(String a, String b) {
        return a != null && b != null && Long.decode(a).equals(Long.decode(b));
    }

    static Set<Long> addressesIn(String text) {
        Set<Long> out = new HashSet<>();
        Matcher m = HEX.matcher(text);
        while (m.find()) {
            out.add(Long.parseLong(m.group(1), 16));
        }
        return out;
    }

    static Set<Long> longs(Set<String> hex) {
        return hex.stream().map(Long::decode).collect(Collectors.toSet());
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }

    // ---- report -------------------------------------------------------------------------------------------------

    static String report(int cases, int failing, long millis, long plannerMillis, Map<Rule, Integer> applied,
                         Map<Rule, List<Mismatch>> failed) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "ProcedureOracleTableTest: %d cases in %d ms (%d ms in the planner), %d agree, %d disagree%n",
                cases, millis, plannerMillis, cases - failing, failing));
        sb.append(String.format(Locale.ROOT, "%-34s %8s %8s   (cases where the oracle used the rule / where the"
                + " planner does not follow it)%n", "rule", "applied", "disagree"));
        for (Rule r : Rule.values()) {
            int n = applied.getOrDefault(r, 0);
            int f = failed.getOrDefault(r, List.of()).size();
            if (n > 0 || f > 0) {
                sb.append(String.format(Locale.ROOT, "%-34s %8d %8d%n", r.name(), n, f));
            }
        }
        for (Map.Entry<Rule, List<Mismatch>> e : failed.entrySet()) {
            Rule r = e.getKey();
            sb.append(String.format(Locale.ROOT, "%n== %s (%s): %d disagreements%n   notes: \"%s\"%n   reading: %s%n",
                    r.name(), r.releases, e.getValue().size(), r.quote, r.reading));
            for (Mismatch m : examples(e.getValue())) {
                sb.append("   - ").append(m.c().name()).append('\n')
                        .append("       oracle:  ").append(m.oracle()).append('\n')
                        .append("       planner: ").append(m.planner()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Two descriptions of one rule's disagreements in one case, the longer when one extends the other. */
    static String join(String a, String b) {
        return b.startsWith(a) ? b : a.startsWith(b) ? a : a + " / " + b;
    }

    /** Three examples: the first, the middle and the last release that disagree, where there are three. */
    static List<Mismatch> examples(List<Mismatch> all) {
        List<Mismatch> firstPerTag = new ArrayList<>();
        Set<String> tags = new HashSet<>();
        for (Mismatch m : all) {
            if (tags.add(m.c().tag())) {
                firstPerTag.add(m);
            }
        }
        List<Mismatch> out = new ArrayList<>();
        if (firstPerTag.size() >= 3) {
            out.add(firstPerTag.get(0));
            out.add(firstPerTag.get(firstPerTag.size() / 2));
            out.add(firstPerTag.get(firstPerTag.size() - 1));
            return out;
        }
        out.addAll(firstPerTag);
        for (Mismatch m : all) {
            if (out.size() < 3 && !out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }
}
