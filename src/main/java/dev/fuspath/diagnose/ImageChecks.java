package dev.fuspath.diagnose;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.FileNameClaims;
import dev.fuspath.catalog.Kind;
import dev.fuspath.diagnose.Binaries.Shipped;
import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.planner.Chip;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanException;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.StepAction;
import dev.fuspath.programmer.Operation;
import dev.fuspath.rules.Family;
import dev.fuspath.rules.Rules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cross-checks each image a log installs with the catalog: is the file what its name says, is it for this device
 * and flash size, did it go to its install address, can the running FUS take it, and is it the next FUS of the
 * chain.
 */
final class ImageChecks {

    /** What the diagnosis knows when it checks one operation. */
    record Context(Device device, Optional<Known> fusBefore, List<String> interfaces) {
    }

    /** A FUS version and the log line that says it (0 for the user's hint). */
    record Known(FirmwareVersion version, int line, String source) {
    }

    /** What a checked operation turned out to install. */
    record Checked(Operation op, String name, List<Shipped> identity) {
    }

    private static final Pattern PACKAGE_IN_PATH = Pattern.compile("(?i)FW_WB_V(\\d{1,2})\\.(\\d{1,2})\\.(\\d{1,2})");

    private final Catalog catalog;
    private final Binaries binaries;
    private final Planner planner;
    private final ChipRules chips;
    private final Rules rules;

    ImageChecks(Catalog catalog, Binaries binaries, Planner planner, ChipRules chips, Rules rules) {
        this.catalog = catalog;
        this.binaries = binaries;
        this.planner = planner;
        this.chips = chips;
        this.rules = rules;
    }

    Checked check(Operation op, Context ctx, Findings findings) {
        return check(op, ctx, findings, false);
    }

    /**
     * @param tookEffect the operation failed, but the log shows its result all the same (retried successfully, or
     *                   the FUS it installed is read afterwards): checks then warn, as for an operation that succeeded
     */
    Checked check(Operation op, Context ctx, Findings findings, boolean tookEffect) {
        String name = Binaries.upstreamName(op.file());
        List<Integer> evidence = evidence(op);
        boolean ok = op.succeeded() || tookEffect;
        String severity = ok ? Diagnosis.WARNING : Diagnosis.ERROR;
        String after = op.succeeded() ? " (the operation succeeded all the same, so the device took it)"
                : tookEffect ? " (the log shows it took effect all the same)" : "";
        List<Shipped> identity = preferReleaseInPath(op.file(), identify(op, name, ctx.device(), evidence, findings));
        if (safeboot(name, identity, ctx, evidence, severity, after, findings, ok)) {
            return new Checked(op, name, List.of());
        }
        if (identity.isEmpty()) {
            return new Checked(op, name, identity);
        }
        String shown = identity.get(0).record().file();
        if (!deviceFits(shown, identity, ctx.device(), evidence, severity, after, findings)) {
            return new Checked(op, name, identity);
        }
        address(op, shown, identity, ctx.device(), evidence, severity, after, findings);
        fusV2Only(shown, identity, ctx, evidence, severity, after, findings);
        fusOrder(op, shown, identity, ctx, evidence, severity, after, findings);
        return new Checked(op, name, identity);
    }

    /**
     * A Safeboot image given to Firmware Upgrade where it does not belong. The release notes: "This Safeboot binary
     * provides only optional security enhancements. It can be installed on STM32WB devices where FUS V1.1.0 or FUS
     * V1.1.1 is present. No need to use it on parts where FUS V1.2.0 is present". So it is the wrong file when the
     * running FUS is known and is not 1.1.0/1.1.1, or when the install failed (st-674733 in logs/real: FUS_STATE_ERR_UNKNOWN
     * after the upgrade, the user meant to update FUS or the stack). Known by catalog identity, or by its name when
     * fuspath cannot identify the file.
     */
    private boolean safeboot(String name, List<Shipped> identity, Context ctx, List<Integer> evidence,
                             String severity, String after, Findings findings, boolean succeeded) {
        boolean isSafeboot = identity.isEmpty() ? FileNameClaims.parse(name, rules).kind() == Kind.SAFEBOOT
                : identity.stream().allMatch(s -> s.record().kind() == Kind.SAFEBOOT);
        if (!isSafeboot) {
            return false;
        }
        Optional<FirmwareVersion> fus = ctx.fusBefore().map(Known::version);
        boolean forThisFus = fus.isPresent() && fus.get().major() == 1 && fus.get().minor() == 1;
        if (succeeded && (fus.isEmpty() || forThisFus)) {
            return false;
        }
        String ran = fus.map(v -> "the part ran FUS " + v + "; ").orElse("");
        findings.add("wrong-file-for-fus", severity, name + " is the Safeboot image, not a FUS or wireless stack"
                        + " image: " + ran + "the release notes say it \"can be installed on STM32WB devices where FUS"
                        + " V1.1.0 or FUS V1.1.1 is present\" and is not needed where FUS V1.2.0 is; given to Firmware"
                        + " Upgrade otherwise it fails and leaves FUS in an error state" + after, evidence,
                "install the image you meant instead: the FUS image (stm32wb5x_FUS_fw.bin, or the one the release"
                        + " notes name for the running FUS) or the wireless stack image, from the same release; before"
                        + " that, power-cycle the board, start FUS (-startfus) and read the FUS state again",
                List.of("the Safeboot file picked instead of the FUS or stack image next to it"));
        return true;
    }

    private static List<Integer> evidence(Operation op) {
        List<Integer> lines = new ArrayList<>(List.of(op.firstLine()));
        if (op.erase() != null) {
            lines.add(op.erase().line());
        }
        op.errors().forEach(e -> lines.add(e.line()));
        return lines;
    }

    /** The upstream binaries the file is, by name and printed size; empty when fuspath cannot tell. */
    private List<Shipped> identify(Operation op, String name, Device device, List<Integer> evidence,
                                   Findings findings) {
        List<Shipped> named = binaries.named(name);
        List<Shipped> sized = op.size() == null ? List.of() : binaries.sized(op.size());
        if (!device.families().isEmpty() && sized.stream().anyMatch(s -> device.families().contains(s.record().family()))) {
            sized = sized.stream().filter(s -> device.families().contains(s.record().family())).toList();
        }
        if (named.isEmpty()) {
            List<Shipped> byName = sized.isEmpty() ? List.of() : onlyName(sized);
            String sizeNote = op.size() == null ? "the log does not print its size"
                    : sized.isEmpty() ? "no upstream binary has its size (" + op.size().raw() + ")"
                    : "by its size (" + op.size().raw() + ") it may be " + describe(sized);
            findings.add("file-not-upstream", Diagnosis.INFO, name + " is no file name STM32CubeWB ever shipped;"
                    + " " + sizeNote + (byName.isEmpty() ? ", so fuspath cannot check it against the catalog" : ""),
                    evidence, "install the upstream file under its own name, so that its release notes apply");
            return byName;
        }
        if (op.size() == null) {
            return named;
        }
        List<Shipped> matched = named.stream().filter(s -> op.size().matches(s.record().size())).toList();
        if (!matched.isEmpty()) {
            return matched;
        }
        List<Shipped> others = sized.stream().filter(s -> !s.record().file().equalsIgnoreCase(name)).toList();
        Map<Long, List<String>> sizes = new LinkedHashMap<>();
        named.forEach(s -> sizes.computeIfAbsent(s.record().size(), k -> new ArrayList<>()).add(s.tag()));
        List<String> listed = new ArrayList<>();
        sizes.forEach((size, tags) -> listed.add(size + " bytes (" + tags(tags) + ")"));
        findings.add("file-not-what-its-name-says", op.succeeded() ? Diagnosis.WARNING : Diagnosis.ERROR,
                "the log shows " + name + " as " + op.size().raw() + ", but no upstream " + name + " has that size: "
                        + String.join(", ", listed.subList(0, Math.min(4, listed.size())))
                        + (listed.size() > 4 ? " and " + (listed.size() - 4) + " more" : "")
                        + (others.isEmpty() ? "" : "; its size is that of " + describe(others)),
                evidence, "check the file with fuspath inspect, and take the image again from the STM32CubeWB release"
                        + " whose notes you follow");
        return onlyName(others);
    }

    /**
     * The binaries of the release a path names first ("STM32Cube_FW_WB_V1.23.0/Projects/..."), when it is one of
     * them; else newest first.
     */
    /** The release a path names ("STM32Cube_FW_WB_V1.23.0/..." gives v1.23.0), if any. */
    static Optional<String> releaseInPath(String path) {
        Matcher m = PACKAGE_IN_PATH.matcher(path == null ? "" : path);
        return m.find() ? Optional.of("v" + m.group(1) + "." + m.group(2) + "." + m.group(3)) : Optional.empty();
    }

    static List<Shipped> preferReleaseInPath(String path, List<Shipped> identity) {
        Matcher m = PACKAGE_IN_PATH.matcher(path);
        if (!m.find()) {
            return identity;
        }
        String tag = "v" + m.group(1) + "." + m.group(2) + "." + m.group(3);
        List<Shipped> first = new ArrayList<>(identity.stream().filter(s -> s.tag().equals(tag)).toList());
        identity.stream().filter(s -> !s.tag().equals(tag)).forEach(first::add);
        return first;
    }

    /** The binaries when all of them carry one file name, else none: a size alone names no file. */
    private static List<Shipped> onlyName(List<Shipped> shipped) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        shipped.forEach(s -> names.add(s.record().file()));
        return names.size() == 1 ? shipped : List.of();
    }

    private boolean deviceFits(String name, List<Shipped> identity, Device device, List<Integer> evidence,
                               String severity, String after, Findings findings) {
        Set<String> fileFamilies = new LinkedHashSet<>();
        identity.forEach(s -> fileFamilies.add(s.record().family()));
        Set<String> deviceFamilies = device.families();
        if (!deviceFamilies.isEmpty() && fileFamilies.stream().noneMatch(deviceFamilies::contains)) {
            findings.add("wrong-device", severity, name + " is a " + String.join("/", fileFamilies) + " image, but"
                            + " the device (" + describe(device) + ") is " + String.join(" or ", deviceFamilies) + after,
                    evidence, "take the " + String.join(" or ", deviceFamilies) + " file of the same release (the "
                            + prefixes(deviceFamilies) + "_ files)");
            return false;
        }
        if (device.flash != null && identity.stream().noneMatch(s -> s.record().installAddress().containsKey(device.flash))) {
            Set<String> flashes = new LinkedHashSet<>();
            identity.forEach(s -> flashes.addAll(s.record().installAddress().keySet()));
            findings.add("not-for-this-flash", severity, name + " is not for " + device.flash + " parts: the release"
                            + " notes give it an address only for " + (flashes.isEmpty() ? "no flash size"
                            : String.join(", ", flashes)) + " (" + tags(identity.stream().map(Shipped::tag).toList())
                            + ")" + after,
                    evidence, "choose a stack the release offers for " + device.flash + " parts (fuspath plan lists"
                            + " them)");
            return false;
        }
        return true;
    }

    private void address(Operation op, String name, List<Shipped> identity, Device device, List<Integer> evidence,
                         String severity, String after, Findings findings) {
        if (op.address() == null || device.flash == null) {
            return;
        }
        long address = op.address();
        String given = SessionView.hex8(address);
        if (device.flashBytes != null && (address < SessionView.FLASH_BASE
                || address >= SessionView.FLASH_BASE + device.flashBytes)) {
            findings.add("address-outside-flash", Diagnosis.ERROR, given + " is outside the flash of this part ("
                            + SessionView.hex8(SessionView.FLASH_BASE) + " to "
                            + SessionView.hex8(SessionView.FLASH_BASE + device.flashBytes - 1) + ", " + device.flash + ")"
                            + expectedText(name, identity, device.flash),
                    evidence, "install " + name + " at " + String.join(" or ", expected(identity, device.flash).keySet())
                            + " (mind the number of digits: 0x080D0000 has eight)");
            return;
        }
        Map<String, List<String>> expected = expected(identity, device.flash);
        if (expected.isEmpty() || expected.keySet().stream().anyMatch(a -> parse(a) == address)) {
            return;
        }
        String overlap = "";
        Shipped first = identity.get(0);
        String top = catalog.index().stackTops().getOrDefault(first.record().family(), Map.of()).get(device.flash);
        Optional<Family> family = rules.family(first.record().family());
        if (first.record().kind() == Kind.STACK && top != null && family.isPresent()) {
            long end = address + family.get().roundUpToPages(first.record().size());
            if (end > parse(top)) {
                overlap = "; from " + given + " the image would end at " + SessionView.hex8(end) + ", above "
                        + top + " where the area FUS keeps begins";
            }
        }
        findings.add("wrong-address", severity, name + " went to " + given + ", but its install address on "
                        + device.flash + " parts is " + expectedText(name, identity, device.flash).substring(2)
                        + overlap + after,
                evidence, "install it at " + String.join(" or ", expected.keySet()) + " (the release notes' table for "
                        + device.flash + " parts; fuspath plan gives the address of each release)",
                List.of("an address copied from another release, another file or another flash size",
                        "the address STM32CubeProgrammer proposed, which is " + dev.fuspath.rules.FusFacts.bundled().fusV2OnlyReserveHex()
                                + " too high for FUS_v2-only images"));
    }

    /** Install address -> the releases that give it, for this flash size. */
    private static Map<String, List<String>> expected(List<Shipped> identity, String flash) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Shipped s : identity) {
            String a = s.record().installAddress().get(flash);
            if (a != null) {
                out.computeIfAbsent(a, k -> new ArrayList<>()).add(s.tag());
            }
        }
        return out;
    }

    private static String expectedText(String name, List<Shipped> identity, String flash) {
        Map<String, List<String>> expected = expected(identity, flash);
        if (expected.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        expected.forEach((a, tags) -> parts.add(a + " (" + tags(tags) + ")"));
        return ": " + String.join(", ", parts);
    }

    private void fusV2Only(String name, List<Shipped> identity, Context ctx, List<Integer> evidence, String severity,
                           String after, Findings findings) {
        if (ctx.fusBefore().isEmpty() || identity.stream().noneMatch(s -> s.record().fusV2Only())
                || identity.get(0).record().kind() != Kind.STACK) {
            return;
        }
        Known fus = ctx.fusBefore().get();
        if (fus.version().compareTo(dev.fuspath.rules.FusFacts.bundled().fusV2OnlyImagesNeed()) >= 0) {
            return;
        }
        boolean all = identity.stream().allMatch(s -> s.record().fusV2Only());
        List<Integer> lines = new ArrayList<>(evidence);
        if (fus.line() > 0) {
            lines.add(fus.line());
        }
        List<String> v2 = identity.stream().filter(s -> s.record().fusV2Only()).map(Shipped::tag).toList();
        findings.add("fus-v2-only-on-fus1", all ? severity : Diagnosis.WARNING, name + (all ? " is" : " of " + tags(v2)
                        + " is") + " a FUS_v2-only image, and the part ran FUS " + fus.version() + " (" + fus.source()
                        + "): FUS 1.x cannot authenticate it" + after,
                lines, "upgrade FUS to 2.x first, following the release notes' FUS chain (" + planCommand(identity.get(0),
                        fus.version(), ctx) + " lists the files), then install the stack at the address its release gives");
    }

    /** A fuspath plan command for this image that runs as printed: the part, the FUS, the stack and its release. */
    private String planCommand(Shipped image, FirmwareVersion fus, Context ctx) {
        String family = image.record().family();
        Optional<Chip> chip = ctx.device().representative(family).filter(c -> c.family().equals(family))
                .or(() -> chips.chips().stream().filter(c -> c.family().equals(family)).findFirst());
        return "fuspath plan" + chip.map(c -> " --chip " + c.part()).orElse("") + " --fus " + fus
                + (image.record().stack() == null ? "" : " --target " + image.record().stack())
                + " --release " + image.tag();
    }

    private void fusOrder(Operation op, String name, List<Shipped> identity, Context ctx, List<Integer> evidence,
                          String severity, String after, Findings findings) {
        FileNameClaims claims = FileNameClaims.parse(name, rules);
        Shipped newest = identity.get(0);
        if (ctx.fusBefore().isEmpty() || (newest.record().kind() != Kind.FUS && claims.kind() != Kind.FUS)) {
            return;
        }
        Known fus = ctx.fusBefore().get();
        Optional<Chip> chip = ctx.device().representative(newest.record().family())
                .filter(c -> c.family().equals(newest.record().family()))
                .or(() -> chips.chips().stream().filter(c -> c.family().equals(newest.record().family())).findFirst());
        if (chip.isEmpty()) {
            return;
        }
        Optional<Plan> plan = fusOnlyPlan(chip.get(), fus.version(), newest.tag(), ctx.interfaces());
        if (plan.isEmpty()) {
            return;
        }
        List<PlanStep> hops = plan.get().steps().stream().filter(s -> s.action() == StepAction.FUS_UPGRADE).toList();
        List<Integer> lines = new ArrayList<>(evidence);
        if (fus.line() > 0) {
            lines.add(fus.line());
        }
        FirmwareVersion fileVersion = FirmwareVersion.parse(newest.record().version());
        if (fileVersion != null && fileVersion.compareTo(fus.version()) < 0) {
            findings.add("fus-downgrade", Diagnosis.WARNING, name + " is FUS " + fileVersion + ", older than the FUS "
                    + fus.version() + " the part ran (" + fus.source() + "): FUS never goes down", lines,
                    "keep FUS " + fus.version() + "; install only the stack");
            return;
        }
        if (hops.isEmpty()) {
            findings.add("fus-upgrade-not-needed", Diagnosis.INFO, "the part ran FUS " + fus.version() + " ("
                    + fus.source() + "), which is already what " + newest.tag() + " expects; " + name
                    + " is not needed", lines, null);
            return;
        }
        PlanStep next = hops.get(0);
        if (next.file().equalsIgnoreCase(name)) {
            return;
        }
        List<String> chain = hops.stream().map(s -> s.file() + " (FUS " + s.fromFus() + " to " + s.toFus() + ")")
                .toList();
        findings.add("fus-upgrade-out-of-order", severity, "the part ran FUS " + fus.version() + " (" + fus.source()
                        + "), and from FUS " + fus.version() + " the " + newest.tag() + " procedure installs "
                        + next.file() + " first, not " + name
                        + (fileVersion == null ? "" : " (FUS " + fileVersion + ")") + ": each FUS only takes the image"
                        + " meant for it" + after,
                lines, "install, in this order: " + String.join(", then ", chain) + " (fuspath plan --chip "
                        + chip.get().part() + " --fus " + fus.version() + " --release " + newest.tag() + " gives the"
                        + " commands)");
    }

    private Optional<Plan> fusOnlyPlan(Chip chip, FirmwareVersion fus, String tag, List<String> interfaces) {
        for (String iface : interfaces) {
            try {
                return Optional.of(planner.plan(new Planner.Request(chip.part(), fus.toString(), null, null, tag,
                        iface, true, false)));
            } catch (PlanException e) {
                // another interface may be covered by that release's procedure
            }
        }
        return Optional.empty();
    }

    static String describe(List<Shipped> shipped) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        shipped.forEach(s -> byName.computeIfAbsent(s.record().file(), k -> new ArrayList<>()).add(s.tag()));
        List<String> parts = new ArrayList<>();
        byName.forEach((file, tags) -> parts.add(file + " of " + tags(tags)));
        return String.join(", or ", parts.subList(0, Math.min(3, parts.size())))
                + (parts.size() > 3 ? " (and " + (parts.size() - 3) + " more)" : "");
    }

    static String describe(Device device) {
        return "device ID " + Objects.requireNonNullElse(device.deviceId, "unknown")
                + (device.flash == null ? "" : ", " + device.flash + " flash");
    }

    /** Tags, newest first, the middle of long lists left out. */
    static String tags(List<String> tags) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(tags));
        if (distinct.size() <= 3) {
            return String.join(", ", distinct);
        }
        return distinct.get(0) + ", " + distinct.get(1) + " ... " + distinct.get(distinct.size() - 1) + " ("
                + distinct.size() + " releases)";
    }

    private String prefixes(Set<String> families) {
        List<String> out = new ArrayList<>();
        families.forEach(f -> rules.family(f).ifPresent(x -> out.add(x.filePrefix())));
        return String.join("_ or ", out);
    }

    static long parse(String hex) {
        return Long.parseUnsignedLong(hex.substring(2), 16);
    }
}
