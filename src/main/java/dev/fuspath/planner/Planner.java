package dev.fuspath.planner;

import dev.fuspath.rules.FusFacts;

import dev.fuspath.programmer.InterfaceKind;
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
import dev.fuspath.programmer.InterfaceKind;
import dev.fuspath.programmer.ProgrammerCommand;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns (chip, running FUS, installed stack, wanted stack, release, interface) into an ordered, verifiable plan,
 * from the catalog and the procedures of the target release. A pure function of its inputs and data.
 */
public final class Planner {

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
    /** The factory FUS and the FUS a FUS_v2-only image needs (rules/procedures.json, through rules.FusFacts). */
    private final FusFacts facts = FusFacts.bundled();

    private final java.util.Set<FirmwareVersion> knownFusVersions = new java.util.HashSet<>(List.of(FACTORY_FUS));
    /** family/stack/version (major.minor.sub) of every FUS_v2-only stack image in the catalog. */
    private final java.util.Set<String> fusV2OnlyStacks = new java.util.HashSet<>();
    /** family/stack/version of every FUS_v2-only stack image to the oldest release that shipped it. */
    private final java.util.Map<String, String> fusV2OnlyFirstRelease = new java.util.HashMap<>();
    /** Every stack name of the catalog, with the versions releases shipped it at. */
    private final java.util.SortedMap<String, java.util.SortedSet<FirmwareVersion>> stackVersions =
            new java.util.TreeMap<>();

    public Planner(Catalog catalog, Rules rules, ChipRules chips, Procedures procedures) {
        this.catalog = catalog;
        this.rules = rules;
        this.chips = chips;
        this.procedures = procedures;
        catalog.releasesNewestFirst().forEach(r -> r.binaries().stream().filter(b -> b.version() != null)
                .forEach(b -> {
                    if (b.kind() == Kind.FUS) {
                        knownFusVersions.add(FirmwareVersion.parse(b.version()));
                    } else if (b.kind() == Kind.STACK && b.stack() != null) {
                        FirmwareVersion v = FirmwareVersion.parse(b.version());
                        if (v != null) {
                            stackVersions.computeIfAbsent(b.stack(), k -> new java.util.TreeSet<>()).add(v);
                            if (b.fusV2Only()) {
                                fusV2OnlyStacks.add(stackKey(b.family(), b.stack(), v));
                                // newest first: the last one put is the oldest release
                                fusV2OnlyFirstRelease.put(stackKey(b.family(), b.stack(), v), r.tag());
                            }
                        }
                    }
                }));
        knownFusVersions.addAll(procedures.fusNamedByNotes());
    }

    /** The FUS parts leave the factory with, before any upgrade (rules/procedures.json, through rules.FusFacts). */
    public static final FirmwareVersion FACTORY_FUS = FusFacts.bundled().factoryFus();

    /**
     * What a plan is asked for, as given (text), before parsing.
     *
     * @param deleteStack delete the installed stack before the install even where the era upgrades it in place
     */
    public record Request(String chip, String fus, String stack, String target, String release, String iface,
                          boolean fusOnly, boolean antiRollback, boolean deleteStack) {
        public Request(String chip, String fus, String stack, String target, String release, String iface,
                       boolean fusOnly, boolean antiRollback) {
            this(chip, fus, stack, target, release, iface, fusOnly, antiRollback, false);
        }
    }

    public Plan plan(Request request) throws PlanException {
        Chip chip = chips.resolve(request.chip());
        FirmwareVersion runningFus;
        PlanInputs.InstalledStack installed;
        InterfaceKind iface;
        try {
            runningFus = PlanInputs.fus(request.fus());
            installed = PlanInputs.stack(request.stack(), this::canonicalStackName);
            iface = PlanInputs.iface(request.iface());
        } catch (IllegalArgumentException e) {
            throw new PlanException(PlanException.Reason.INVALID_INPUT, e.getMessage());
        }
        List<String> warnings = new ArrayList<>();
        checkFus(runningFus, warnings);
        checkStack(installed, warnings);
        ReleaseCatalog release = release(request.release());
        Family family = rules.family(chip.family()).orElseThrow();
        if (!release.familyNames().contains(chip.family())) {
            throw new PlanException(PlanException.Reason.NOT_COVERED, release.tag() + " has no " + chip.family() + " binaries, so nothing for "
                    + chip.part() + "; releases that have them: " + releasesWith(chip.family()),
                    releasesWith(chip.family()));
        }
        Era era = procedure(chip, release, iface);
        checkFusV2OnlyInstaller(installed, runningFus, chip);
        Procedures.FamilyRule familyRule = procedures.family(chip.family());
        for (Procedures.NoFusRoute rule : familyRule.noFusRoute()) {
            if (rule.applies(FirmwareVersion.parse(release.tag()), runningFus)) {
                List<String> routes = releasesWith(chip.family()).stream()
                        .filter(t -> !rule.covers(FirmwareVersion.parse(t))).toList();
                throw new PlanException(PlanException.Reason.REFUSED_BY_RULE, "refused by rule " + rule.rule() + ": " + rule.text() + " ("
                        + rule.source() + "); " + chip.part() + " runs FUS " + runningFus + ". Releases that have a"
                        + " route for " + chip.family() + ": " + String.join(", ", routes), routes);
            }
        }
        List<BinaryRecord> binaries = release.binaries().stream().filter(b -> b.family().equals(chip.family())).toList();
        boolean fusOnly = request.fusOnly() || request.target() == null || request.target().isBlank();
        if (fusOnly && request.antiRollback()) {
            throw new PlanException(PlanException.Reason.INVALID_INPUT, "antiRollback / --anti-rollback applies to a stack install: give a target"
                    + " stack (target= / --target)");
        }
        if (request.antiRollback() && era.antiRollback() && !era.antiRollbackInterfaces().contains(iface.option())) {
            throw new PlanException(PlanException.Reason.NOT_COVERED, "anti-rollback is a " + String.join(" or ",
                    era.antiRollbackInterfaces()).toUpperCase(Locale.ROOT) + " command in the " + release.tag()
                    + " procedure, not " + iface.name() + era.cite("antiRollback")
                    + "; plan over SWD to activate it", era.antiRollbackInterfaces());
        }
        BinaryRecord target = fusOnly ? null : target(request.target(), binaries, release, chip);

        Steps steps = new Steps(iface, era);
        FirmwareVersion latestFus = expectedFus(binaries, family);
        if (latestFus == null) {
            warnings.add(release.tag() + " ships no FUS image for " + chip.family() + ": the FUS the part has stays");
        }
        List<BinaryRecord> hops = fusHops(era, binaries, family, runningFus, latestFus, chip, release);
        FirmwareVersion fusAfter = hops.isEmpty() ? runningFus : FirmwareVersion.parse(hops.get(hops.size() - 1).version());

        boolean alreadyThere = target != null && !installed.none() && target.stack() != null
                && target.stack().equals(installed.name()) && installed.version() != null
                && FirmwareVersion.parse(target.version()) != null
                && FirmwareVersion.parse(target.version()).sameRelease(installed.version()) && hops.isEmpty();
        if (alreadyThere && !request.antiRollback()) {
            warnings.add("the part already runs " + installed + " on FUS " + runningFus + ": nothing to do");
            return finish(release, chip, iface, runningFus, installed.toString(), runningFus,
                    installed.toString(), List.of(), warnings);
        }
        if (target == null && hops.isEmpty()) {
            warnings.add("FUS " + runningFus + " is already what " + release.tag() + " expects"
                    + (latestFus == null ? "" : " (" + latestFus + ")") + ": nothing to do");
            return finish(release, chip, iface, runningFus, installed.toString(), runningFus,
                    installed.toString(), List.of(), warnings);
        }
        fusRules(runningFus, fusAfter, hops, target != null && !alreadyThere, iface, release, warnings);
        if (target != null && target.fusV2Only() && fusAfter.compareTo(facts.fusV2OnlyImagesNeed()) < 0) {
            throw new PlanException(PlanException.Reason.NO_FUS_ROUTE, target.file() + " is FUS_v2 only, and the FUS " + release.tag()
                    + " can bring this part to is " + fusAfter, List.of());
        }

        if (iface == InterfaceKind.SWD && era.startFus()) {
            steps.add(StepAction.START_FUS, "FUS must be running to take FUS commands; over SWD it is started explicitly"
                            + era.cite("startFus"), null, null, new PlanStep.Expect("FUS_IDLE", null, null),
                    new ProgrammerCommand.StartFus().arguments(), false);
        }
        String stackNow = installed.toString();
        boolean deleteFirst = era.deleteStack(iface) == Era.DeleteMode.ALWAYS_FIRST && !alreadyThere;
        boolean fusFirst = deleteFirst && !hops.isEmpty() && era.fusBeforeAnything() != null
                && era.fusBeforeAnything().applies(chip, runningFus);
        if (deleteFirst && !fusFirst) {
            stackNow = eraDelete(steps, warnings, era, release, installed, runningFus, "before FUS is read and"
                    + " upgraded (its STEP 3 comes before STEP 4)");
        }
        if (iface == InterfaceKind.SWD && era.swdStartFusBeforeRead() && !era.startFus()) {
            steps.add(StepAction.START_FUS, "fuspath's own step: the " + release.tag() + " notes read the FUS version over"
                            + " USB only, so over SWD fuspath starts FUS before reading it" + era.cite("fusInfo"),
                    null, null, new PlanStep.Expect("FUS_IDLE", null, null), new ProgrammerCommand.StartFus().arguments(), false);
        }
        String infoAddress = era.fusInfoAddress(iface);
        steps.add(StepAction.READ_FUS_INFO, "check that the part runs FUS " + runningFus + " as the plan assumes, reading "
                        + infoAddress + " as the " + release.tag() + " procedure does over "
                        + iface.name() + era.cite("fusInfo"), null, null,
                new PlanStep.Expect(null, runningFus.toString(), null), new ProgrammerCommand.Read32(infoAddress, 1).arguments(), true);

        FirmwareVersion fus = runningFus;
        boolean fusFirstDeleted = false;
        for (BinaryRecord hop : hops) {
            if (fusFirst && !fusFirstDeleted && fus.compareTo(era.fusBeforeAnything().belowFus()) >= 0) {
                // the FUS the notes require "before any other operation" is there: the era's STEP 3 delete now,
                // then the rest of its STEP 4 FUS upgrade
                stackNow = fusFirstDelete(steps, warnings, era, release, installed, fus, chip);
                fusFirstDeleted = true;
            }
            FirmwareVersion to = FirmwareVersion.parse(hop.version());
            String address = hop.installAddress().get(chip.flash());
            checkAddress(chip, hop.file(), address, warnings);
            steps.add(new PlanStep(0, StepAction.FUS_UPGRADE, "FUS " + fus + " must become FUS " + to + ": "
                    + hop.file() + " is the image " + release.tag() + " gives for parts on FUS " + fus,
                    hop.file(), hop.path(), hop.sha256(), hop.size(), address, null, fus.toString(), to.toString(),
                    new PlanStep.Expect("FUS_IDLE", to.toString(), null),
                    steps.command(upgradeArgs(era, iface, hop.file(), address, 0), true)));
            fus = to;
        }
        if (fusFirst && !fusFirstDeleted) {
            stackNow = fusFirstDelete(steps, warnings, era, release, installed, fus, chip);
        }

        String stackAfter = stackNow;
        if (target != null) {
            if (alreadyThere) {
                warnings.add("the part already runs " + installed + " on FUS " + runningFus
                        + ": only anti-rollback is left to do");
                antiRollbackStep(steps, warnings, era, release);
                return finish(release, chip, iface, runningFus, installed.toString(), runningFus,
                        installed.toString(), steps.list(), warnings);
            }
            stackSteps(steps, warnings, era, iface, target, chip, fus, runningFus, stackNow, installed, request,
                    release);
            stackAfter = target.stack() + " " + target.version();
        }
        if (iface == InterfaceKind.SWD && !era.swdRestoreOptionBytes().isEmpty() && familyRule.restoreOptionBytes()) {
            steps.add(StepAction.SET_OPTION_BYTES, "leave the option bytes as the release notes' procedure ends: boot from"
                    + " user flash" + era.cite("swdRestoreOptionBytes"), null, null, null,
                    era.swdRestoreOptionBytes(), true);
        }
        if (iface == InterfaceKind.USB && era.usbBootloader() != null) {
            warnings.add(era.usbBootloader());
        }
        for (Procedures.FieldAdvice advice : procedures.fieldAdvice()) {
            if (target != null && advice.applies(chip, iface)) {
                warnings.add(advice.text());
            }
        }
        return finish(release, chip, iface, runningFus, installed.toString(), fus, stackAfter,
                steps.list(), warnings);
    }

    /**
     * The era's STEP 3 delete on a part that must get FUS {@code belowFus} before any other operation: right after
     * the FUS image that brings it there, before the era's other FUS images.
     */
    private static String fusFirstDelete(Steps steps, List<String> warnings, Era era, ReleaseCatalog release,
                                         PlanInputs.InstalledStack installed, FirmwareVersion fus, Chip chip) {
        warnings.add("on " + chip.part() + " (" + chip.flash() + ") FUS " + era.fusBeforeAnything().belowFus()
                + " is installed before the stack is deleted, against the order of the " + release.tag()
                + " procedure (STEP 3 before STEP 4), because the notes also say" + era.cite("fusBeforeAnything")
                + "; the rest of the FUS upgrade follows the delete");
        return eraDelete(steps, warnings, era, release, installed, fus, "once FUS " + fus + " is installed, which"
                + " the notes require first on this part, and before the rest of the FUS upgrade");
    }

    /** The era's unconditional STEP 3 delete; returns the stack left ("none"). */
    private static String eraDelete(Steps steps, List<String> warnings, Era era, ReleaseCatalog release,
                                    PlanInputs.InstalledStack installed, FirmwareVersion fus, String when) {
        String note = era.deleteStackNote().get(steps.iface.option());
        steps.add(StepAction.STACK_DELETE, "the " + release.tag() + " procedure deletes the current wireless stack, whatever"
                        + " is installed, " + when + era.cite("deleteStack") + (note == null ? "" : "; " + note),
                null, null,
                new PlanStep.Expect("FUS_IDLE", fus.toString(), "none"), new ProgrammerCommand.FwDelete().arguments(), false);
        if (installed.none()) {
            warnings.add("no stack was given as installed: the " + release.tag() + " procedure deletes the wireless"
                    + " stack anyway (its STEP 3), so whatever the part holds is deleted; with none, the delete"
                    + " changes nothing");
        } else {
            warnings.add("the installed stack (" + installed + ") is deleted: the application on CPU1 has no radio,"
                    + " and the pairing/bonding data the stack kept is lost, until a stack is installed again");
        }
        return "none";
    }

    /**
     * Rules about a running FUS that hold for every release (FUS 2.0.0 over SWD): refused when the plan writes
     * while that FUS runs.
     */
    private void fusRules(FirmwareVersion running, FirmwareVersion after, List<BinaryRecord> hops,
                          boolean installsStack, InterfaceKind iface, ReleaseCatalog release, List<String> warnings)
            throws PlanException {
        for (Procedures.FusRule rule : procedures.fusRules()) {
            if (!rule.refuseInterfaces().contains(iface.option())) {
                continue;
            }
            boolean writesOnIt = (running.sameRelease(rule.fus()) && (!hops.isEmpty() || installsStack))
                    || (after.sameRelease(rule.fus()) && installsStack);
            if (writesOnIt) {
                throw new PlanException(PlanException.Reason.REFUSED_BY_RULE, "refused by rule " + rule.rule() + ": " + rule.text() + " ("
                        + rule.source() + "); this " + release.tag() + " plan would write over "
                        + iface.name() + " while FUS " + rule.fus() + " runs. Plan over USB"
                        + " (--interface usb), or upgrade FUS first over USB (--fus-only --interface usb with a"
                        + " release whose FUS is newer than " + rule.fus() + ")", List.of("usb"));
            }
            if (after.sameRelease(rule.fus())) {
                warnings.add("this plan leaves FUS " + rule.fus() + ": " + rule.text() + " (" + rule.source()
                        + "); install stacks over USB, or upgrade FUS further first");
            }
        }
    }

    /** Whether {@code fus} asks for several starting FUS versions ("1.1.0,1.2.0,2.1.0"). */
    public static boolean severalFus(String fus) {
        return fus != null && fus.indexOf(',') >= 0;
    }

    /**
     * One plan per starting FUS version of {@code request.fus()} (comma-separated, at most {@link PlanSet#MAX_FUS},
     * duplicates once). Malformed or never-existing versions, an unknown chip or release are the whole request's
     * error (400/404); a plan that cannot be made for one version (422) is that entry's answer.
     */
    public PlanSet plans(Request request) throws PlanException {
        List<String> versions = new ArrayList<>();
        for (String part : request.fus().split(",", -1)) {
            String v = part.strip();
            if (v.isEmpty()) {
                throw new PlanException(PlanException.Reason.INVALID_INPUT, "fus must be a comma-separated list of versions such as"
                        + " 1.1.0,1.2.0,2.1.0, without empty items");
            }
            FirmwareVersion parsed;
            try {
                parsed = PlanInputs.fus(v);
            } catch (IllegalArgumentException e) {
                throw new PlanException(PlanException.Reason.INVALID_INPUT, e.getMessage());
            }
            checkFus(parsed, new ArrayList<>());
            if (!versions.contains(parsed.toString())) {
                versions.add(parsed.toString());
            }
        }
        if (versions.size() > PlanSet.MAX_FUS) {
            throw new PlanException(PlanException.Reason.INVALID_INPUT, "fus lists " + versions.size() + " versions; at most " + PlanSet.MAX_FUS);
        }
        List<PlanSet.Entry> entries = new ArrayList<>();
        for (String v : versions) {
            Request one = new Request(request.chip(), v, request.stack(), request.target(), request.release(),
                    request.iface(), request.fusOnly(), request.antiRollback(), request.deleteStack());
            try {
                entries.add(new PlanSet.Entry(v, plan(one), null, null, null));
            } catch (PlanException e) {
                if (!e.reason().noPlan()) {
                    throw e;
                }
                entries.add(new PlanSet.Entry(v, null, PlanSet.Entry.NO_PLAN, e.getMessage(),
                        e.available().isEmpty() ? null : e.available()));
            }
        }
        PlanSet set = new PlanSet(null, List.copyOf(entries));
        try {
            return new PlanSet(Sha256.of(CANONICAL.writeValueAsBytes(set)), set.plans());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The era whose procedure applies, once it is known to cover this family and interface. */
    private Era procedure(Chip chip, ReleaseCatalog release, InterfaceKind iface) throws PlanException {
        Era era = procedures.era(release.tag()).orElseThrow(() -> new PlanException(PlanException.Reason.NOT_COVERED,
                "no flashing procedure is known for " + release.tag()));
        Procedures.FamilyRule familyRule = procedures.family(chip.family());
        if (familyRule.fusProcedureFrom() != null
                && FirmwareVersion.parse(release.tag()).compareTo(familyRule.fusProcedureFrom()) < 0) {
            throw new PlanException(PlanException.Reason.NOT_COVERED, "the " + chip.family() + " procedure of " + release.tag() + " programs the"
                    + " stack outside FUS (full chip erase, then programming), which fuspath does not plan; use "
                    + "v" + familyRule.fusProcedureFrom() + " or later", releasesFrom(chip.family(), familyRule));
        }
        List<String> interfaces = era.interfaces().stream().filter(familyRule.interfaces()::contains).toList();
        if (!interfaces.contains(iface.option())) {
            throw new PlanException(PlanException.Reason.NOT_COVERED, "the " + chip.family() + " procedure of " + release.tag()
                    + " drives FUS over " + String.join(" or ", interfaces).toUpperCase() + " only, not "
                    + iface.name(), interfaces);
        }
        return era;
    }

    private void stackSteps(Steps steps, List<String> warnings, Era era, InterfaceKind iface, BinaryRecord target, Chip chip,
                            FirmwareVersion fus, FirmwareVersion runningFus, String stackNow,
                            PlanInputs.InstalledStack installed, Request request, ReleaseCatalog release)
            throws PlanException {
        String notesAddress = target.installAddress().get(chip.flash());
        String computed = target.computedAddress().get(chip.flash());
        checkAddress(chip, target.file(), notesAddress, warnings);
        if (computed != null && !computed.equals(notesAddress)) {
            if (hex(notesAddress) > hex(computed)) {
                warnings.add("error: the release notes give " + notesAddress + " for " + target.file() + " on "
                        + chip.flash() + " parts, which would run into the area FUS keeps: placed right below the"
                        + " stack top the image starts at " + computed + "; install it at " + computed
                        + " instead (the plan keeps the notes' address)");
            } else {
                warnings.add("the release notes give " + notesAddress + " for " + target.file() + " on "
                        + chip.flash() + " parts, but the image placed right below the stack top would start at "
                        + computed + "; the plan uses the notes' address");
            }
        }
        if (era.cubeProgrammerAddressNote() != null && target.fusV2Only()) {
            warnings.add(target.file() + " is FUS_v2 only and goes at the table address " + notesAddress + ": "
                    + era.cubeProgrammerAddressNote() + era.cite("cubeProgrammerAddressNote"));
        }
        // the address, after a FUS_v2-only install (v1.23.0 notes): for every target release, because the layout
        // belongs to the part: a FUS_v2-only image can only have been installed by FUS 2.x, and an older release's
        // legacy image installed after it moves down the same way (rules/procedures.json)
        String address = notesAddress;
        String addressIfBefore = null;
        String shiftedNote = null;
        Procedures.LegacyShift shift = procedures.legacyShift();
        String shiftCite = shift == null ? "" : " (" + shift.source() + ")";
        String lower = shift == null ? "" : "0x" + Long.toHexString(shift.shift()).toUpperCase(Locale.ROOT);
        if (shift != null && !target.fusV2Only() && notesAddress != null
                && runningFus.compareTo(shift.fromRunningFus()) >= 0) {
            String shifted = String.format(Locale.ROOT, "0x%08X", hex(notesAddress) - shift.shift());
            if (installedIsFusV2Only(installed, chip.family())) {
                address = shifted;
                shiftedNote = notesAddress;
                warnings.add(target.file() + " is a legacy image and the installed " + installed + " is FUS_v2"
                        + " only: the table address " + notesAddress + " holds only if no FUS_v2-only image was"
                        + " installed before, so the plan installs it " + lower + " lower, at " + shifted + shiftCite
                        + (release.tag().equals(shift.source().release()) ? "" : "; this holds for " + release.tag()
                        + " images too: the layout belongs to the part, not to the release"));
            } else {
                addressIfBefore = shifted;
                warnings.add("the part runs FUS " + runningFus + " and the plan cannot know whether an image marked"
                        + " FUS_v2 only was ever installed on it (installed stack: " + installed + "): "
                        + target.file() + " goes at the table address " + notesAddress + " if none was, and at "
                        + shifted + " (" + lower + " lower) if one was" + shiftCite
                        + "; fuspath flash decides from the device (installed stack and SFSA) or asks");
            }
        }
        if (era.deleteStack(iface) == Era.DeleteMode.IF_INSTALLED) {
            boolean inPlaceEra = era.inPlaceUpgradeFromFus() != null && fus.compareTo(era.inPlaceUpgradeFromFus()) >= 0;
            boolean otherKind = !installed.none() && !"unidentified".equals(installed.name())
                    && !procedures.stackKind(installed.name()).equals(procedures.stackKind(target.stack()));
            boolean delete;
            String why;
            if (!inPlaceEra) {
                delete = !stackNow.equals("none") || request.deleteStack();
                why = "AN5185 advises deleting the installed stack (" + stackNow + ") before installing another on"
                        + " FUS " + fus;
            } else if (request.deleteStack()) {
                delete = true;
                why = "asked for (deleteStack): the installed stack (" + stackNow + ") is deleted before the install";
            } else {
                delete = !stackNow.equals("none") && otherKind;
                why = "the installed " + stackNow + " is another kind of stack than " + target.stack()
                        + ": FUS " + fus + " migrates the NVM only within a kind, so the stack is deleted first";
            }
            if (delete) {
                steps.add(StepAction.STACK_DELETE, why + era.cite("deleteStack"), null, null,
                        new PlanStep.Expect("FUS_IDLE", fus.toString(), "none"), new ProgrammerCommand.FwDelete().arguments(), false);
                warnings.add("the installed stack (" + stackNow + ") is deleted: the application on CPU1 has no"
                        + " radio until the new stack starts, and the pairing/bonding data (NVM) the stack kept is"
                        + " lost");
            } else if (!installed.none() && inPlaceEra) {
                warnings.add("FUS " + fus + " upgrades the installed " + installed + " in place, without a delete,"
                        + " keeping the pairing/bonding data (NVM)" + era.cite("inPlaceUpgrade")
                        + (target.fusV2Only() ? "" : "; " + target.file() + " is a legacy image, which does not"
                        + " migrate the NVM")
                        + ("unidentified".equals(installed.name()) ? "; the installed stack is unidentified: if it is"
                        + " another kind than " + target.stack() + ", ask for the delete (deleteStack / --delete-stack)" : "")
                        + "; ask for a delete (deleteStack / --delete-stack) to start clean");
            } else if (installed.none()) {
                warnings.add(inPlaceEra
                        ? "no stack was given as installed: if one is, FUS " + fus + " upgrades it in place (the"
                        + " NVM kept); give it with stack= / --stack, or ask for a delete (deleteStack / --delete-stack)"
                        : "no stack was given as installed: if one is, give it with stack= / --stack so that the"
                        + " plan deletes it first; this plan has no delete");
            }
        }
        steps.add(new PlanStep(0, StepAction.STACK_INSTALL, "install " + target.stack() + " " + target.version() + " at "
                + (shiftedNote != null ? address + ", " + lower + " below the " + shiftedNote + " the " + release.tag()
                + " notes give for " + chip.flash() + " parts, because a FUS_v2-only image was installed before"
                : "the address the " + release.tag() + " notes give for " + chip.flash() + " parts"),
                target.file(), target.path(), target.sha256(), target.size(), address, computed, shiftedNote,
                addressIfBefore, null, null,
                PlanStep.Expect.stackInstalled(fus.toString(), target.stack() + " " + target.version()),
                steps.command(upgradeArgs(era, iface, target.file(), address, era.stackFirstInstall()), true)));
        steps.add(StepAction.START_STACK, procedures.startStackWhy(), null, null,
                new PlanStep.Expect(null, fus.toString(), target.stack() + " " + target.version()),
                new ProgrammerCommand.StartWirelessStack().arguments(), false);
        if (request.antiRollback()) {
            antiRollbackStep(steps, warnings, era, release);
        }
    }

    /** Warns (error level) when an address the plan uses lies outside the part's flash. */
    private static void checkAddress(Chip chip, String file, String address, List<String> warnings) {
        if (address == null) {
            return;
        }
        long a = hex(address);
        long end = 0x08000000L + flashBytes(chip.flash());
        if (a < 0x08000000L || a >= end || a % chip.pageSize() != 0) {
            warnings.add("error: " + address + " for " + file + " is not a page-aligned address of the "
                    + chip.flash() + " flash of " + chip.part() + " (0x08000000 to "
                    + String.format(Locale.ROOT, "0x%08X", end - 1) + ")");
        }
    }

    private static long flashBytes(String label) {
        String l = label.toUpperCase(Locale.ROOT);
        long n = Long.parseLong(l.substring(0, l.length() - 1));
        return l.endsWith("M") ? n << 20 : n << 10;
    }

    private static long hex(String address) {
        return Long.parseLong(address.substring(2), 16);
    }

    /** A FUS version no FUS ever had is refused; a known major.minor with another sub version is a warning. */
    private void checkFus(FirmwareVersion fus, List<String> warnings) throws PlanException {
        if (knownFusVersions.contains(fus)) {
            return;
        }
        java.util.TreeSet<FirmwareVersion> known = new java.util.TreeSet<>(knownFusVersions);
        boolean sameLine = known.stream().anyMatch(k -> k.major() == fus.major() && k.minor() == fus.minor());
        if (!sameLine) {
            throw new PlanException(PlanException.Reason.INVALID_INPUT, "fus " + fus + " is a version no FUS ever had; known: "
                    + known.stream().map(FirmwareVersion::toString).collect(Collectors.joining(", "))
                    + " (check what Read FUS infos says)",
                    known.stream().map(FirmwareVersion::toString).toList());
        }
        warnings.add("FUS " + fus + " is neither the factory FUS " + FACTORY_FUS + " nor a version any release in the catalog"
                + " shipped or the notes name (the notes read FUS " + fus.major() + "." + fus.minor()
                + " with varying last digits): check what Read FUS infos says");
    }

    /**
     * A FUS_v2-only stack said to be installed on a part said to run a FUS older than the one that installs it: FUS
     * never goes down, so the inputs contradict each other (400), whatever the release.
     */
    private void checkFusV2OnlyInstaller(PlanInputs.InstalledStack installed, FirmwareVersion running, Chip chip)
            throws PlanException {
        if (!installedIsFusV2Only(installed, chip.family())) {
            return;
        }
        String shippedIn = fusV2OnlyFirstRelease.get(stackKey(chip.family(), installed.name(), installed.version()));
        Optional<Procedures.V2OnlyInstaller> installer = procedures.v2OnlyInstaller(shippedIn);
        if (installer.isPresent() && running.compareTo(installer.get().fus()) < 0) {
            throw new PlanException(PlanException.Reason.INVALID_INPUT, "the inputs contradict each other: " + installed + " (" + shippedIn + ") is"
                    + " FUS_v2 only, which only FUS " + installer.get().fus() + " or later installs ("
                    + installer.get().source() + "), but the part is said to run FUS " + running + ", and FUS never"
                    + " goes down. Check the running FUS (STM32CubeProgrammer: Read FUS infos) and the installed"
                    + " stack, then plan again with what the part reports");
        }
    }

    /** The installed stack's name must be one the catalog knows; its version, one some release shipped. */
    private void checkStack(PlanInputs.InstalledStack installed, List<String> warnings) throws PlanException {
        if (installed.none() || "unidentified".equals(installed.name())) {
            return;
        }
        if (!stackVersions.containsKey(installed.name())) {
            throw new PlanException(PlanException.Reason.INVALID_INPUT, "stack '" + PlanInputs.abbreviate(installed.name()) + "' is no stack the"
                    + " catalog knows; stack must be " + PlanInputs.STACK_FORMS + ", with one of: "
                    + String.join(", ", stackVersions.keySet()), List.copyOf(stackVersions.keySet()));
        }
        if (installed.version() != null && stackVersions.get(installed.name()).stream()
                .noneMatch(v -> v.sameRelease(installed.version()))) {
            warnings.add("no release shipped " + installed.name() + " " + installed.version() + " (the catalog has "
                    + stackVersions.get(installed.name()).stream().map(FirmwareVersion::toString)
                    .collect(Collectors.joining(", ")) + "): check the installed stack's version");
        }
    }

    private static void antiRollbackStep(Steps steps, List<String> warnings, Era era, ReleaseCatalog release)
            throws PlanException {
        if (!era.antiRollback()) {
            throw new PlanException(PlanException.Reason.NOT_COVERED, "anti-rollback is not part of the " + release.tag() + " procedure");
        }
        steps.add(StepAction.ANTI_ROLLBACK, "forbid installing any older stack from now on (asked for)"
                + era.cite("antiRollback"), null, null,
                null, new ProgrammerCommand.AntiRollback().arguments(), false);
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
                    .orElseThrow(() -> new PlanException(PlanException.Reason.NO_FUS_ROUTE, release.tag() + " gives no way from FUS " + current
                            + " to FUS " + latest + " on " + chip.family()));
            String file = family.filePrefix() + "_" + hop.file() + ".bin";
            BinaryRecord image = binaries.stream().filter(b -> b.file().equalsIgnoreCase(file)).findFirst()
                    .orElseThrow(() -> new PlanException(PlanException.Reason.NO_FUS_ROUTE, "parts on FUS " + current + " need " + file
                            + ", which " + release.tag() + " does not ship for " + chip.family()));
            if (image.kind() != Kind.FUS || image.version() == null) {
                throw new PlanException(PlanException.Reason.NO_FUS_ROUTE, file + " of " + release.tag() + " is not an installable FUS image ("
                        + image.kind().label() + "); choose another release");
            }
            FirmwareVersion to = FirmwareVersion.parse(image.version());
            if (to.compareTo(fus) <= 0) {
                break;
            }
            if (!image.installAddress().containsKey(chip.flash())) {
                throw new PlanException(PlanException.Reason.NO_FUS_ROUTE, file + " of " + release.tag() + " has no install address for "
                        + chip.flash() + " parts");
            }
            hops.add(image);
            fus = to;
            if (hops.size() > MAX_FUS_HOPS) {
                throw new PlanException(PlanException.Reason.NO_FUS_ROUTE, "the FUS chain of " + release.tag() + " does not end");
            }
        }
        return hops;
    }

    private static List<String> upgradeArgs(Era era, InterfaceKind iface, String file, String address, int firstInstall) {
        List<ProgrammerCommand> commands = new ArrayList<>();
        if (iface == InterfaceKind.SWD && !era.swdUpgradeOptionBytes().isEmpty()) {
            commands.addAll(ProgrammerCommand.parse(era.swdUpgradeOptionBytes()));
        }
        commands.add(new ProgrammerCommand.FwUpgrade(file, address, firstInstall == 1, null));
        return ProgrammerCommand.render(commands);
    }

    private Plan finish(ReleaseCatalog release, Chip chip, InterfaceKind iface, FirmwareVersion fusFrom,
                        String stackFrom, FirmwareVersion fusTo, String stackTo, List<PlanStep> steps,
                        List<String> warnings) {
        Plan plan = new Plan(null, release.tag(), Plan.ChipView.of(chip), iface.option(),
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
            return catalog.newestRelease().orElseThrow(() -> new PlanException(PlanException.Reason.UNKNOWN_RELEASE, "the catalog has no release"));
        }
        String t = tag.strip();
        if (t.matches("[0-9]+\\.[0-9]+\\.[0-9]+")) {
            t = "v" + t; // 1.23.0 is taken as v1.23.0, as the FUS version is taken with or without its v
        } else if (t.matches("V[0-9]+\\.[0-9]+\\.[0-9]+")) {
            t = "v" + t.substring(1);
        }
        String tagName = t;
        if (!TAG.matcher(t).matches()) {
            throw new PlanException(PlanException.Reason.INVALID_INPUT, "release must be a tag such as v1.24.0, not '" + PlanInputs.abbreviate(t) + "'");
        }
        return catalog.release(tagName).orElseThrow(() -> new PlanException(PlanException.Reason.UNKNOWN_RELEASE, "no release " + tagName + " in the catalog;"
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
            throw new PlanException(PlanException.Reason.NO_SUCH_TARGET, release.tag() + " has no stack '" + PlanInputs.abbreviate(t) + "' for "
                    + chip.family() + " " + chip.flash() + "; available: " + String.join(", ", available), available);
        }
        BinaryRecord b = found.get();
        if (!b.installAddress().containsKey(chip.flash())) {
            throw new PlanException(PlanException.Reason.NO_SUCH_TARGET, b.stack() + " of " + release.tag() + " is not available for " + chip.family()
                    + " " + chip.flash() + " parts (" + chip.part() + "); available: " + String.join(", ", available),
                    available);
        }
        return b;
    }

    // ---- building the step list -----------------------------------------------------------------------------

    /** Numbers the steps and prefixes the interface's connection arguments. */
    private static final class Steps {
        final InterfaceKind iface;
        private final Era era;
        private final List<PlanStep> list = new ArrayList<>();

        Steps(InterfaceKind iface, Era era) {
            this.iface = iface;
            this.era = era;
        }

        List<String> command(List<String> args, boolean underReset) {
            ProgrammerCommand.Connect connect = ProgrammerCommand.Connect.of(iface == InterfaceKind.USB ? InterfaceKind.USB
                    : InterfaceKind.SWD);
            List<String> command = new ArrayList<>(iface == InterfaceKind.SWD && underReset
                    ? connect.withMode("UR").arguments() : connect.arguments());
            // every argument list a step runs is one ProgrammerCommand can read back (rules/procedures.json's
            // option-byte lists included): a typo in the rules fails here, not on the device
            command.addAll(args.isEmpty() ? args : ProgrammerCommand.render(ProgrammerCommand.parse(args)));
            return List.copyOf(command);
        }

        void add(StepAction action, String why, String file, String address, PlanStep.Expect expect, List<String> args,
                 boolean underReset) {
            add(new PlanStep(0, action, why, file, null, null, null, address, null, null, null, expect,
                    command(args, underReset)));
        }

        void add(PlanStep step) {
            list.add(step.renumbered(list.size() + 1));
        }

        List<PlanStep> list() {
            return List.copyOf(list);
        }
    }

}
