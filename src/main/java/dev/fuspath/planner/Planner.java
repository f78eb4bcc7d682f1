package dev.fuspath.planner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.FileNameClaims;
import dev.fuspath.catalog.Kind;
import dev.fuspath.catalog.ReleaseCatalog;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.rules.Family;
import dev.fuspath.rules.Rules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns (chip, running FUS, installed stack, wanted stack, release, interface) into an ordered, verifiable plan,
 * from the catalog and the procedures of the target release. A pure function of its inputs and data.
 */
public final class Planner {

    public static final FirmwareVersion FUS_V2 = FirmwareVersion.of(2, 0, 0);
    private static final Pattern TAG = Pattern.compile("v\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final int MAX_FUS_HOPS = 6;
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final Catalog catalog;
    private final Rules rules;
    private final ChipRules chips;
    private final Procedures procedures;

    private final java.util.Set<FirmwareVersion> knownFusVersions = new java.util.HashSet<>(List.of(FACTORY_FUS));
    /** family/stack/version (major.minor.sub) of every FUS_v2-only stack image in the catalog. */
    private final java.util.Set<String> fusV2OnlyStacks = new java.util.HashSet<>();

    public Planner(Catalog catalog, Rules rules, ChipRules chips, Procedures procedures) {
        this.catalog = catalog;
        this.rules = rules;
        this.chips = chips;
        this.procedures = procedures;
        catalog.releasesNewestFirst().forEach(r -> r.binaries().stream().filter(b -> b.version() != null)
                .forEach(b -> {
                    if (b.kind() == Kind.FUS) {
                        knownFusVersions.add(FirmwareVersion.parse(b.version()));
                    } else if (b.kind() == Kind.STACK && b.fusV2Only()) {
                        fusV2OnlyStacks.add(stackKey(b.family(), b.stack(), FirmwareVersion.parse(b.version())));
                    }
                }));
    }

    /** The FUS parts leave the factory with, before any upgrade. */
    public static final FirmwareVersion FACTORY_FUS = FirmwareVersion.of(0, 5, 3);

    /** What a plan is asked for, as given (text), before parsing. */
    public record Request(String chip, String fus, String stack, String target, String release, String iface,
                          boolean fusOnly, boolean antiRollback) {
    }

    public Plan plan(Request request) throws PlanException {
        Chip chip = chips.resolve(request.chip());
        FirmwareVersion runningFus;
        PlanInputs.InstalledStack installed;
        String iface;
        try {
            runningFus = PlanInputs.fus(request.fus());
            installed = PlanInputs.stack(request.stack(), this::canonicalStackName);
            iface = PlanInputs.iface(request.iface());
        } catch (IllegalArgumentException e) {
            throw new PlanException(400, e.getMessage());
        }
        ReleaseCatalog release = release(request.release());
        Family family = rules.family(chip.family()).orElseThrow();
        if (!release.familyNames().contains(chip.family())) {
            throw new PlanException(422, release.tag() + " has no " + chip.family() + " binaries, so nothing for "
                    + chip.part() + "; releases that have them: " + releasesWith(chip.family()),
                    releasesWith(chip.family()));
        }
        Era era = procedure(chip, release, iface);
        Procedures.FamilyRule familyRule = procedures.family(chip.family());
        List<BinaryRecord> binaries = release.binaries().stream().filter(b -> b.family().equals(chip.family())).toList();
        boolean fusOnly = request.fusOnly() || request.target() == null || request.target().isBlank();
        if (fusOnly && request.antiRollback()) {
            throw new PlanException(400, "antiRollback applies to a stack install: give a target stack");
        }
        BinaryRecord target = fusOnly ? null : target(request.target(), binaries, release, chip);

        List<String> warnings = new ArrayList<>();
        if (!knownFusVersions.contains(runningFus)) {
            warnings.add("FUS " + runningFus + " is neither the factory FUS 0.5.3 nor a version any release in the"
                    + " catalog shipped: check what Read FUS infos says");
        }
        Steps steps = new Steps(iface, era);
        FirmwareVersion latestFus = expectedFus(binaries, family);
        if (latestFus == null) {
            warnings.add(release.tag() + " ships no FUS image for " + chip.family() + ": the FUS the part has stays");
        }
        if (iface.equals("swd") && era.startFus()) {
            steps.add("start-fus", "FUS must be running to take FUS commands; over SWD it is started explicitly",
                    null, null, new PlanStep.Expect("FUS_IDLE", null, null), List.of("-startfus"), false);
        }
        steps.add("read-fus-info", "check that the part runs FUS " + runningFus + " as the plan assumes", null, null,
                new PlanStep.Expect(null, runningFus.toString(), null),
                List.of("-r32", procedures.fusInfoAddress(), "1"), true);

        FirmwareVersion fus = runningFus;
        List<BinaryRecord> hops = fusHops(era, binaries, family, fus, latestFus, chip, release);
        String stackNow = installed.toString();
        if (!hops.isEmpty() && era.deleteStackBeforeFusUpgrade() && !installed.none()) {
            steps.add("stack-delete", "the " + release.tag() + " procedure deletes the wireless stack before a FUS"
                            + " upgrade", null, null, new PlanStep.Expect("FUS_IDLE", null, "none"),
                    List.of("-fwdelete"), false);
            warnings.add("the installed stack (" + installed + ") is deleted before the FUS upgrade: the application"
                    + " on CPU1 has no radio until a stack is installed again");
            stackNow = "none";
        }
        for (BinaryRecord hop : hops) {
            FirmwareVersion to = FirmwareVersion.parse(hop.version());
            String address = hop.installAddress().get(chip.flash());
            steps.add(new PlanStep(0, "fus-upgrade", "FUS " + fus + " must become FUS " + to + ": "
                    + hop.file() + " is the image " + release.tag() + " gives for parts on FUS " + fus,
                    hop.file(), hop.path(), hop.sha256(), hop.size(), address, null, fus.toString(), to.toString(),
                    new PlanStep.Expect("FUS_IDLE", to.toString(), null),
                    steps.command(upgradeArgs(era, iface, hop.file(), address, 0), true)));
            fus = to;
        }
        if (target != null && target.fusV2Only() && fus.compareTo(FUS_V2) < 0) {
            throw new PlanException(422, target.file() + " is FUS_v2 only, and the FUS " + release.tag()
                    + " can bring this part to is " + fus, List.of());
        }

        String stackAfter = stackNow;
        if (target != null) {
            FirmwareVersion targetVersion = FirmwareVersion.parse(target.version());
            boolean alreadyThere = !installed.none() && target.stack() != null && target.stack().equals(installed.name())
                    && targetVersion != null && targetVersion.sameRelease(installed.version()) && hops.isEmpty();
            if (alreadyThere && !request.antiRollback()) {
                warnings.add("the part already runs " + installed + " on FUS " + runningFus + ": nothing to do");
                return finish(release, chip, iface, runningFus, installed.toString(), runningFus,
                        installed.toString(), List.of(), warnings);
            }
            if (alreadyThere) {
                warnings.add("the part already runs " + installed + " on FUS " + runningFus
                        + ": only anti-rollback is left to do");
                antiRollbackStep(steps, warnings, era, release);
                return finish(release, chip, iface, runningFus, installed.toString(), runningFus,
                        installed.toString(), steps.list(), warnings);
            }
            stackSteps(steps, warnings, era, iface, target, chip, fus, stackNow, installed, request.antiRollback(),
                    release);
            stackAfter = target.stack() + " " + target.version();
        } else if (hops.isEmpty()) {
            warnings.add("FUS " + runningFus + " is already what " + release.tag() + " expects"
                    + (latestFus == null ? "" : " (" + latestFus + ")") + ": nothing to do");
            return finish(release, chip, iface, runningFus, installed.toString(), runningFus,
                    installed.toString(), List.of(), warnings);
        }
        if (iface.equals("swd") && !era.swdRestoreOptionBytes().isEmpty() && familyRule.restoreOptionBytes()) {
            steps.add("set-option-bytes", "leave the option bytes as the release notes' procedure ends: boot from"
                    + " user flash", null, null, null, era.swdRestoreOptionBytes(), true);
        }
        if (iface.equals("usb")) {
            warnings.add("USB: the part must be in its bootloader (BOOT0 high, or nSWboot0=0), with option byte"
                    + " nSWboot0=1 required by recent procedures; put BOOT0 back afterwards to run the application");
        }
        return finish(release, chip, iface, runningFus, installed.toString(), fus, stackAfter,
                steps.list(), warnings);
    }

    /** The era whose procedure applies, once it is known to cover this family and interface. */
    private Era procedure(Chip chip, ReleaseCatalog release, String iface) throws PlanException {
        Era era = procedures.era(release.tag()).orElseThrow(() -> new PlanException(422,
                "no flashing procedure is known for " + release.tag()));
        Procedures.FamilyRule familyRule = procedures.family(chip.family());
        if (familyRule.fusProcedureFrom() != null
                && FirmwareVersion.parse(release.tag()).compareTo(familyRule.fusProcedureFrom()) < 0) {
            throw new PlanException(422, "the " + chip.family() + " procedure of " + release.tag() + " programs the"
                    + " stack outside FUS (full chip erase, then programming), which fuspath does not plan; use "
                    + "v" + familyRule.fusProcedureFrom() + " or later", releasesFrom(chip.family(), familyRule));
        }
        List<String> interfaces = era.interfaces().stream().filter(familyRule.interfaces()::contains).toList();
        if (!interfaces.contains(iface)) {
            throw new PlanException(422, "the " + chip.family() + " procedure of " + release.tag()
                    + " drives FUS over " + String.join(" or ", interfaces).toUpperCase() + " only, not "
                    + iface.toUpperCase(), interfaces);
        }
        return era;
    }

    private void stackSteps(Steps steps, List<String> warnings, Era era, String iface, BinaryRecord target, Chip chip,
                            FirmwareVersion fus, String stackNow, PlanInputs.InstalledStack installed,
                            boolean antiRollback, ReleaseCatalog release) throws PlanException {
        String address = target.installAddress().get(chip.flash());
        String computed = target.computedAddress().get(chip.flash());
        if (computed != null && !computed.equals(address)) {
            warnings.add("the release notes give " + address + " for " + target.file() + " on " + chip.flash()
                    + " parts, but the image placed right below the stack top would start at " + computed
                    + "; the plan uses the notes' address");
        }
        if (era.usbOnlyStackInstallOnFus().stream().anyMatch(fus::sameRelease) && iface.equals("swd")) {
            warnings.add("with FUS " + fus + ", " + release.tag() + " installs wireless stacks over USB only:"
                    + " STM32CubeProgrammer could not FW_delete over ST-LINK; use --interface usb or a newer"
                    + " STM32CubeProgrammer");
        }
        if (era.fusV2OnlyAddressNote() && target.fusV2Only()) {
            warnings.add(target.file() + " is FUS_v2 only: use the address of this plan (" + address + "); the"
                    + " start address STM32CubeProgrammer proposes must be lowered by 0x4000 for such images");
        }
        if (installedIsFusV2Only(installed, chip.family()) && !target.fusV2Only()) {
            warnings.add("the installed " + installed + " is a FUS_v2-only image, installed 16 KiB lower than a"
                    + " legacy one: the secure area (SFSA) moves when it is deleted, so check the SFSA option byte"
                    + " after the delete before trusting any address STM32CubeProgrammer proposes");
        }
        if (!stackNow.equals("none")) {
            steps.add("stack-delete", "AN5185 advises deleting the installed stack (" + stackNow + ") before"
                    + " installing another", null, null, new PlanStep.Expect("FUS_IDLE", fus.toString(), "none"),
                    List.of("-fwdelete"), false);
            warnings.add("the installed stack (" + stackNow + ") is deleted: the application on CPU1 has no radio"
                    + " until the new stack starts");
        } else if (installed.none()) {
            warnings.add("no stack was given as installed: if one is, -fwupgrade with firstinstall=0 deletes it first");
        }
        steps.add(new PlanStep(0, "stack-install", "install " + target.stack() + " " + target.version() + " at the"
                + " address the " + release.tag() + " notes give for " + chip.flash() + " parts",
                target.file(), target.path(), target.sha256(), target.size(), address, computed, null,
                null, new PlanStep.Expect("FUS_IDLE", fus.toString(), target.stack() + " " + target.version()),
                steps.command(upgradeArgs(era, iface, target.file(), address, era.stackFirstInstall()), true)));
        steps.add("start-stack", "start the new wireless stack so that CPU1 can use it", null, null,
                new PlanStep.Expect(null, fus.toString(), target.stack() + " " + target.version()),
                List.of("-startwirelessstack"), false);
        if (antiRollback) {
            antiRollbackStep(steps, warnings, era, release);
        }
    }

    private static void antiRollbackStep(Steps steps, List<String> warnings, Era era, ReleaseCatalog release)
            throws PlanException {
        if (!era.antiRollback()) {
            throw new PlanException(422, "anti-rollback is not part of the " + release.tag() + " procedure");
        }
        steps.add("anti-rollback", "forbid installing any older stack from now on (asked for)", null, null,
                null, List.of("-antirollback"), false);
        warnings.add("anti-rollback cannot be undone: no older wireless stack can ever be installed on this part;"
                + " activate it only after the latest FUS and a working stack are installed");
    }

    /**
     * The FUS the release expects of the family: the version of its FUS_fw.bin, or for a file that is no valid
     * image, what the notes call it (a plan that needs that file is then refused when it comes to it).
     */
    private static FirmwareVersion expectedFus(List<BinaryRecord> binaries, Family family) {
        return binaries.stream()
                .filter(b -> b.file().equalsIgnoreCase(family.filePrefix() + "_FUS_fw.bin"))
                .findFirst()
                .map(b -> b.kind() == Kind.FUS ? b.version() : b.notes() == null ? null : b.notes().version())
                .map(FirmwareVersion::parse)
                .orElse(null);
    }

    private List<String> releasesFrom(String family, Procedures.FamilyRule rule) {
        return releasesWith(family).stream()
                .filter(t -> FirmwareVersion.parse(t).compareTo(rule.fusProcedureFrom()) >= 0).toList();
    }

    /** Whether the catalog knows the installed stack, at its version, as a FUS_v2-only image of this family. */
    private boolean installedIsFusV2Only(PlanInputs.InstalledStack installed, String family) {
        return !installed.none() && installed.version() != null
                && fusV2OnlyStacks.contains(stackKey(family, installed.name(), installed.version()));
    }

    private static String stackKey(String family, String stack, FirmwareVersion version) {
        return family + "/" + stack + "/" + FirmwareVersion.of(version.major(), version.minor(), version.sub());
    }

    /** The FUS images to install, in order, from the running FUS to what the release expects. */
    private List<BinaryRecord> fusHops(Era era, List<BinaryRecord> binaries, Family family, FirmwareVersion running,
                                       FirmwareVersion latest, Chip chip, ReleaseCatalog release) throws PlanException {
        List<BinaryRecord> hops = new ArrayList<>();
        FirmwareVersion fus = running;
        while (!era.upToDate(fus, latest)) {
            FirmwareVersion current = fus;
            Era.FusHop hop = era.fusHops().stream().filter(h -> h.applies(current, latest)).findFirst()
                    .orElseThrow(() -> new PlanException(422, release.tag() + " gives no way from FUS " + current
                            + " to FUS " + latest + " on " + chip.family()));
            String file = family.filePrefix() + "_" + hop.file() + ".bin";
            BinaryRecord image = binaries.stream().filter(b -> b.file().equalsIgnoreCase(file)).findFirst()
                    .orElseThrow(() -> new PlanException(422, "parts on FUS " + current + " need " + file
                            + ", which " + release.tag() + " does not ship for " + chip.family()));
            if (image.kind() != Kind.FUS || image.version() == null) {
                throw new PlanException(422, file + " of " + release.tag() + " is not an installable FUS image ("
                        + image.kind().label() + "); choose another release");
            }
            FirmwareVersion to = FirmwareVersion.parse(image.version());
            if (to.compareTo(fus) <= 0) {
                break;
            }
            if (!image.installAddress().containsKey(chip.flash())) {
                throw new PlanException(422, file + " of " + release.tag() + " has no install address for "
                        + chip.flash() + " parts");
            }
            hops.add(image);
            fus = to;
            if (hops.size() > MAX_FUS_HOPS) {
                throw new PlanException(422, "the FUS chain of " + release.tag() + " does not end");
            }
        }
        return hops;
    }

    private static List<String> upgradeArgs(Era era, String iface, String file, String address, int firstInstall) {
        List<String> args = new ArrayList<>();
        if (iface.equals("swd")) {
            args.addAll(era.swdUpgradeOptionBytes());
        }
        args.addAll(List.of("-fwupgrade", file, address, "firstinstall=" + firstInstall));
        return args;
    }

    private Plan finish(ReleaseCatalog release, Chip chip, String iface, FirmwareVersion fusFrom,
                        String stackFrom, FirmwareVersion fusTo, String stackTo, List<PlanStep> steps,
                        List<String> warnings) {
        Plan plan = new Plan(null, release.tag(), Plan.ChipView.of(chip), iface,
                new Plan.State(fusFrom.toString(), stackFrom), new Plan.State(fusTo.toString(), stackTo),
                List.copyOf(steps), List.copyOf(new LinkedHashSet<>(warnings)));
        return plan.withId(idOf(plan));
    }

    /** The id a plan must carry: the SHA-256 of the canonical JSON of everything but the id. */
    public static String idOf(Plan plan) {
        try {
            return Sha256.of(CANONICAL.writeValueAsBytes(plan.withId(null)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- inputs ---------------------------------------------------------------------------------------------

    private ReleaseCatalog release(String tag) throws PlanException {
        if (tag == null || tag.isBlank()) {
            return catalog.newestRelease().orElseThrow(() -> new PlanException(404, "the catalog has no release"));
        }
        String t = tag.strip();
        if (!TAG.matcher(t).matches()) {
            throw new PlanException(400, "release must be a tag such as v1.24.0, not '" + PlanInputs.abbreviate(t) + "'");
        }
        return catalog.release(t).orElseThrow(() -> new PlanException(404, "no release " + t + " in the catalog;"
                + " known: " + catalog.releases().get(catalog.releases().size() - 1).tag() + " to "
                + catalog.releases().get(0).tag()));
    }

    private List<String> releasesWith(String family) {
        return catalog.releases().stream().filter(r -> r.families().contains(family)).map(r -> r.tag()).toList();
    }

    private String canonicalStackName(String name) {
        if (name.toLowerCase().endsWith(".bin")) {
            FileNameClaims claims = FileNameClaims.parse(name, rules);
            return claims.stack() != null ? claims.stack() : name;
        }
        return rules.canonicalStackName(name);
    }

    /** The stack the user wants: an upstream file name, or a stack name (aliases allowed). */
    private BinaryRecord target(String text, List<BinaryRecord> binaries, ReleaseCatalog release, Chip chip)
            throws PlanException {
        String t = text.strip();
        String name = canonicalStackName(t);
        Optional<BinaryRecord> found = binaries.stream()
                .filter(b -> b.file().equalsIgnoreCase(t) || (b.stack() != null && b.stack().equalsIgnoreCase(name)))
                .filter(b -> b.kind() == Kind.STACK)
                .findFirst();
        List<String> available = binaries.stream()
                .filter(b -> b.kind() == Kind.STACK && b.installAddress().containsKey(chip.flash()))
                .map(BinaryRecord::stack).distinct().sorted().toList();
        if (found.isEmpty()) {
            throw new PlanException(422, release.tag() + " has no stack '" + PlanInputs.abbreviate(t) + "' for "
                    + chip.family() + " " + chip.flash() + "; available: " + String.join(", ", available), available);
        }
        BinaryRecord b = found.get();
        if (!b.installAddress().containsKey(chip.flash())) {
            throw new PlanException(422, b.stack() + " of " + release.tag() + " is not available for " + chip.family()
                    + " " + chip.flash() + " parts (" + chip.part() + "); available: " + String.join(", ", available),
                    available);
        }
        return b;
    }

    // ---- building the step list -----------------------------------------------------------------------------

    /** Numbers the steps and prefixes the interface's connection arguments. */
    private static final class Steps {
        private final String iface;
        private final Era era;
        private final List<PlanStep> list = new ArrayList<>();

        Steps(String iface, Era era) {
            this.iface = iface;
            this.era = era;
        }

        List<String> command(List<String> args, boolean underReset) {
            List<String> command = new ArrayList<>(List.of("-c", iface.equals("usb") ? "port=usb1" : "port=swd"));
            if (iface.equals("swd") && underReset) {
                command.add("mode=UR");
            }
            command.addAll(args);
            return List.copyOf(command);
        }

        void add(String action, String why, String file, String address, PlanStep.Expect expect, List<String> args,
                 boolean underReset) {
            add(new PlanStep(0, action, why, file, null, null, null, address, null, null, null, expect,
                    command(args, underReset)));
        }

        void add(PlanStep step) {
            list.add(new PlanStep(list.size() + 1, step.action(), step.why(), step.file(), step.path(), step.sha256(),
                    step.size(), step.address(), step.computedAddress(), step.fromFus(), step.toFus(), step.expect(),
                    step.command()));
        }

        List<PlanStep> list() {
            return List.copyOf(list);
        }
    }

}
