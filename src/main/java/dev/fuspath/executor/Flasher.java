package dev.fuspath.executor;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.image.FooterReader;
import dev.fuspath.planner.Chip;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.programmer.LineRules;
import dev.fuspath.programmer.ProgrammerCommand;
import dev.fuspath.planner.StepAction;
import dev.fuspath.programmer.InterfaceKind;
import dev.fuspath.rules.FusFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code fuspath flash}: reads the device, gets a plan made for it, finds and checks every file, then runs the plan
 * step by step, reading the device back after each step and comparing it with what the step expects. Everything
 * that happens is appended to the journal before it is acted on, so that a run killed at any point can be resumed:
 * {@link #resume} reads the device again and plans from where it stands, so a FUS upgrade already done is never
 * repeated.
 */
public final class Flasher {

    /** Asks the user to confirm a destructive step; false means no. */
    @FunctionalInterface
    public interface Confirmer {
        boolean confirm(String question);
    }

    /**
     * Asks the user a yes/no question whose answer cannot default: empty when nobody can answer (no terminal), so
     * that a non-interactive run refuses instead of guessing.
     */
    @FunctionalInterface
    public interface Chooser {
        Optional<Boolean> choose(String question);
    }

    /**
     * How a run ended: {@code reason} is where it stopped (null when it did not stop), {@code exitCode} that reason's
     * number in the exit-code table the flasher was given (0 when it did not stop), as the journal's run end holds it.
     */
    public record Result(String run, RunOutcome outcome, FlashException.Reason reason, int exitCode, String message,
                         String fix, Plan plan, int calls) {
        public boolean ok() {
            return reason == null;
        }
    }

    /**
     * The exit-code table ({@code cli.ExitCodes::of}): the number a stop reason is for scripts, which the journal's
     * run-end record keeps ({@code exitCode}, 0 for a run that did not stop).
     */
    @FunctionalInterface
    public interface ExitCodeTable {
        int exitCode(FlashException.Reason reason);
    }

    /** The run-end record's exit code of a run that did not stop. */
    private static final int NOT_STOPPED = 0;

    /** The room a FUS_v2-only image keeps below itself, as the notes write it (0x4000, rules/families.json). */
    private static final String RESERVE = FusFacts.bundled().fusV2OnlyReserveHex();
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Set<StepAction> OBSERVABLE = Set.of(StepAction.FUS_UPGRADE, StepAction.STACK_INSTALL,
            StepAction.STACK_DELETE);
    private static final Set<StepAction> SETTLE = Set.of(StepAction.START_STACK, StepAction.SET_OPTION_BYTES,
            StepAction.ANTI_ROLLBACK);

    private final Catalog catalog;
    private final ChipRules chips;
    private final Caller caller;
    private final PlanFiles files;
    private final Path staging;
    private final Journal journal;
    private final Consumer<FlashEvent> listener;
    private final Confirmer confirmer;
    private final Clock clock;
    private final boolean dryRun;
    private final boolean yes;
    private final Boolean fusV2OnlyBefore;
    private final Chooser chooser;
    private final ExitCodeTable exitCodes;
    private InterfaceKind iface;
    private boolean startedFus;
    private DeviceFacts preflightFacts;
    /** On --resume: the FUS_v2-only history the resumed run decided, and that run's id; else null. */
    private Boolean journaledFusV2OnlyBefore;
    private String journaledBy;
    private long stepStartMicros;

    private Flasher(Builder b) {
        this.catalog = b.catalog;
        this.chips = b.chips;
        this.caller = new Caller(b.backend, b.attempts, b.pause);
        this.files = b.files;
        this.staging = b.staging;
        this.journal = b.journal;
        this.listener = b.listener;
        this.confirmer = b.confirmer;
        this.clock = b.clock;
        this.dryRun = b.dryRun;
        this.yes = b.yes;
        this.fusV2OnlyBefore = b.fusV2OnlyBefore;
        this.chooser = b.chooser;
        this.exitCodes = b.exitCodes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Flashes what {@code request} asks, with plans from {@code source}, or runs {@code givenPlan} if not null. */
    public Result flash(FlashRequest request, PlanSource source, Plan givenPlan) {
        return run(request, source, givenPlan, null, Set.of(), List.of());
    }

    /**
     * Continues the newest unfinished run of the journal: same chip, target, release and interface, planned again
     * from the device as it is now.
     */
    public Result resume(PlanSource offline, java.util.function.Function<String, PlanSource> server) {
        return resume(offline, server, java.util.function.UnaryOperator.identity());
    }

    /**
     * Resumes the journal's last unfinished run, its request first given to {@code sources}: the caller keeps the
     * run's file sources (its --firmware-dir and --server), or puts those the user gave now in their place.
     */
    public Result resume(PlanSource offline, java.util.function.Function<String, PlanSource> server,
                         java.util.function.UnaryOperator<FlashRequest> sources) {
        List<Runs.Run> runs;
        try {
            runs = Runs.of(Journal.read(journal.path()).events());
        } catch (IOException e) {
            return result(null, RunOutcome.REFUSED, FlashException.Reason.IO, "cannot read the journal " + journal.path() + ": "
                    + e.getMessage(), "pass --journal with the journal of the run to resume", null, 0);
        }
        Optional<Runs.Run> last = Runs.unfinished(runs);
        if (last.isEmpty()) {
            return result(null, RunOutcome.REFUSED, FlashException.Reason.NOTHING_TO_RESUME, runs.isEmpty()
                    ? "the journal " + journal.path() + " holds no run"
                    : "the last run in " + journal.path() + " (" + runs.get(runs.size() - 1).id() + ") finished",
                    "nothing to resume; fuspath history lists the runs", null, 0);
        }
        Runs.Run run = last.get();
        Set<FirmwareVersion> fusInstalled = new HashSet<>();
        for (Runs.Run r : Runs.chain(runs, run)) {
            for (FlashEvent e : r.events()) {
                if (e.action() == StepAction.FUS_UPGRADE && Boolean.TRUE.equals(e.ok()) && e.device() != null
                        && e.device().fus() != null) {
                    fusInstalled.add(e.device().fus());
                }
            }
        }
        FlashRequest request = sources.apply(run.request());
        PlanSource source = request.server() != null ? server.apply(request.server()) : offline;
        for (Runs.Run r : Runs.chain(runs, run)) {
            for (FlashEvent e : r.events()) {
                if (e.fusV2OnlyBefore() != null) {
                    journaledFusV2OnlyBefore = e.fusV2OnlyBefore();
                    journaledBy = r.id();
                }
            }
        }
        try {
            return run(request, source, null, run.id(), fusInstalled, unfinishedTail(run));
        } finally {
            journaledFusV2OnlyBefore = null;
            journaledBy = null;
        }
    }

    /**
     * The steps of the interrupted run's plan that leave the device settled (start the stack, option bytes,
     * anti-rollback) and did not end well: when the device already has its FUS and stack, a new plan is empty and
     * these are what is left to do.
     */
    private static List<PlanStep> unfinishedTail(Runs.Run run) {
        Plan plan = null;
        int lastOk = 0;
        for (FlashEvent e : run.events()) {
            if (e.type() == FlashEvent.Type.PLAN && e.plan() != null) {
                plan = e.plan();
            } else if (e.type() == FlashEvent.Type.STEP_END && Boolean.TRUE.equals(e.ok()) && e.step() != null) {
                lastOk = Math.max(lastOk, e.step());
            }
        }
        if (plan == null) {
            return List.of();
        }
        int after = lastOk;
        return plan.steps().stream().filter(s -> s.n() > after && SETTLE.contains(s.action())).toList();
    }

    private Result run(FlashRequest request, PlanSource source, Plan givenPlan, String resumes,
                       Set<FirmwareVersion> fusInstalled, List<PlanStep> tail) {
        startedFus = false;
        preflightFacts = null;
        // a loaded plan was checked (PlanDocuments); anything but usb is SWD, as the planner writes it
        iface = InterfaceKind.ofOption(givenPlan != null ? givenPlan.iface() : request.iface())
                .orElse(InterfaceKind.SWD);
        String run = RUN_ID.format(clock.instant()) + "-" + String.format("%04x", new SecureRandom().nextInt(0x10000));
        Plan plan = null;
        boolean wrote = false;
        try {
            emit(FlashEvent.of(FlashEvent.Type.RUN_START, run).request(request).resumes(resumes)
                    .message(resumes == null ? null : "resumes " + resumes));
            DeviceReader reader = new DeviceReader(caller, iface);
            DeviceReader.Reading reading = preflight(run, reader);
            DeviceFacts facts = reading.facts();
            startedFus = reading.startedFus();
            String asked = givenPlan != null ? givenPlan.chip().part() : request.chip();
            Chip chip = chip(asked, facts);
            if (asked == null) {
                emit(FlashEvent.of(FlashEvent.Type.NOTE, run).message("the device (" + facts.deviceId() + ", " + facts.flashLabel()
                        + ") is taken as " + chip.part() + ": every " + chip.family() + " " + chip.flash()
                        + " part takes the same plan; pass --chip to name yours"));
            }
            InstalledStack installed = InstalledStack.identify(catalog, chip.family(), facts);
            if (!installed.certain() && !installed.candidates().isEmpty()) {
                emit(FlashEvent.of(FlashEvent.Type.NOTE, run).message("the installed stack " + facts.stack() + " is taken as "
                        + installed.text() + "; the catalog has " + installed.candidates() + " at that version"));
            }
            plan = givenPlan != null ? givenPlan
                    : source.plan(request.withChip(chip.part()), chip.part(), facts.fus().toString(), installed.text());
            checkAgainstDevice(plan, chip, facts, installed);
            checkNoFusRepeat(plan, fusInstalled);
            plan = chooseAddresses(run, plan, facts, installed, chip);
            if (plan.steps().isEmpty() && !tail.isEmpty()) {
                plan = withSteps(plan, tail);
                emit(FlashEvent.of(FlashEvent.Type.NOTE, run).message("FUS and stack are already as planned; what the interrupted"
                        + " run had left: " + tail.stream().map(PlanStep::action).toList()));
            }
            emit(FlashEvent.of(FlashEvent.Type.PLAN, run).planId(plan.id()).plan(plan).message(planSummary(plan, source, givenPlan)));
            if (plan.steps().isEmpty()) {
                restoreStack(run, facts);
                return end(run, plan, RunOutcome.UP_TO_DATE, null, "the device already runs " + plan.to().stack()
                        + " on FUS " + plan.to().fus() + ": nothing written", null);
            }
            List<PlanStep> steps = stage(plan);
            emit(FlashEvent.of(FlashEvent.Type.FILES, run).message(steps.stream().filter(s -> s.file() != null).count()
                    + " file(s) found and checked (SHA-256 and footer)"));
            if (dryRun) {
                for (PlanStep s : steps) {
                    emit(FlashEvent.of(FlashEvent.Type.DRY_RUN, run).step(s.n(), s.action()).command(s.command()).message(s.why()));
                }
                return end(run, plan, RunOutcome.DRY_RUN, null, "dry run: " + steps.size()
                        + " step(s) printed, nothing sent to the device", null);
            }
            confirm(run, plan);
            DeviceFacts current = facts;
            for (PlanStep step : steps) {
                wrote = wrote || step.action() != StepAction.READ_FUS_INFO;
                current = execute(run, reader, step, current);
                if (step.action() == StepAction.START_STACK) {
                    startedFus = false;
                }
            }
            restoreStack(run, current);
            return end(run, plan, RunOutcome.COMPLETED, null, "done: the device runs " + plan.to().stack()
                    + " on FUS " + plan.to().fus() + "; it reads back as " + current.describe(), null);
        } catch (FlashException e) {
            if (!wrote) {
                restoreStackQuietly(run);
            }
            return end(run, plan, wrote ? RunOutcome.STOPPED : RunOutcome.REFUSED, e.reason(), e.getMessage(), e.fix());
        }
    }

    /**
     * Pre-flight started FUS to read the device, which stops the wireless stack; when nothing else is done the stack
     * is started again, so the device is left running as it was found.
     */
    private void restoreStack(String run, DeviceFacts facts) throws FlashException {
        if (!startedFus || facts == null || !Boolean.TRUE.equals(facts.stackInstalled())) {
            return;
        }
        startedFus = false;
        Call call = caller.call(Connection.with(iface, new ProgrammerCommand.StartWirelessStack().arguments()));
        emit(FlashEvent.of(FlashEvent.Type.RESTORE, run).command(call.arguments()).effect(call.effect())
                .ok(call.effect() == Call.Effect.DONE).message(call.effect() == Call.Effect.DONE
                        ? "the wireless stack was started again, as the device was found"
                        : "the wireless stack could not be started again: " + call.summary())
                .fix(call.effect() == Call.Effect.DONE ? null : "power-cycle the board: it boots the stack"));
    }

    private void restoreStackQuietly(String run) {
        try {
            restoreStack(run, preflightFacts);
        } catch (FlashException | RuntimeException e) {
            // the run already ends with its own cause; the restore is a courtesy
        }
    }

    // ---- pre-flight -------------------------------------------------------------------------------------------

    private DeviceReader.Reading preflight(String run, DeviceReader reader) throws FlashException {
        DeviceReader.Reading r = reader.read(!dryRun);
        startedFus = r.startedFus();
        preflightFacts = r.facts();
        if (!r.ok()) {
            Call c = r.lastCall();
            FailureAdvice.Advice advice = advise(c, Map.of());
            throw new FlashException(FlashException.Reason.DEVICE_REFUSED, "no device could be read in " + c.attempts()
                    + " attempt" + (c.attempts() == 1 ? "" : "s") + ": " + c.summary(), advice.fix());
        }
        DeviceFacts facts = r.facts();
        emit(FlashEvent.of(FlashEvent.Type.PREFLIGHT, run).device(facts).message(facts.describe()
                + (r.startedFus() ? " (FUS was started to read it)" : "")));
        if (facts.deviceId() == null || facts.flashBytes() == null) {
            throw new FlashException(FlashException.Reason.DEVICE_REFUSED, "the device did not give its device ID and flash size",
                    "check the connection and that this is an STM32WB; run again");
        }
        if (facts.fus() == null) {
            throw new FlashException(FlashException.Reason.DEVICE_REFUSED, "the device information table reads blank, so the FUS"
                    + " version cannot be known",
                    dryRun ? "a dry run does not start FUS: run STM32_Programmer_CLI -c port=swd -startfus first, or"
                            + " run without --dry-run"
                            : "over USB the part must be in its bootloader (BOOT0 high); over SWD power-cycle the board"
                            + " and run again");
        }
        for (Call c : r.calls()) {
            if (c.effect() == Call.Effect.UNKNOWN && LineRules.bundled().assumedOutput(
                    ProgrammerCommand.kindsOf(c.arguments()))) {
                emit(FlashEvent.of(FlashEvent.Type.NOTE, run).command(c.arguments()).message("the output of "
                        + String.join(" ", c.arguments()) + " was not understood: " + c.summary() + "; its shape"
                        + " is assumed, no public log shows it, so the device was read again to know"));
            }
        }
        if (facts.sfsaPage() == null) {
            emit(FlashEvent.of(FlashEvent.Type.NOTE, run).message("the option bytes listed no SFSA: the installed stack is named by"
                    + " its version alone, and installs are checked by the stack version read back"));
        }
        return r;
    }

    private Chip chip(String asked, DeviceFacts facts) throws FlashException {
        String flash = facts.flashLabel();
        if (asked != null) {
            Chip chip = chips.find(asked).orElseThrow(() -> new FlashException(FlashException.Reason.UNKNOWN_CHIP_OR_RELEASE, "unknown chip "
                    + PlanDocuments.abbreviate(asked), "give a part number such as STM32WB55RG (fuspath plan lists"
                    + " them via GET /api/v1/chips)"));
            if (!chip.deviceId().equals(facts.deviceId()) || !chip.flash().equals(flash)) {
                throw new FlashException(FlashException.Reason.DEVICE_REFUSED, "the device is " + facts.deviceId() + " with "
                        + flash + " flash, not " + chip.part() + " (" + chip.deviceId() + ", " + chip.flash() + ")",
                        "check that the probe is on the board you mean, or pass the right --chip");
            }
            return chip;
        }
        List<Chip> candidates = chips.chips().stream()
                .filter(c -> c.deviceId().equals(facts.deviceId()) && c.flash().equals(flash)).toList();
        if (candidates.isEmpty()) {
            throw new FlashException(FlashException.Reason.DEVICE_REFUSED, "no STM32WB part has device ID " + facts.deviceId()
                    + " and " + flash + " flash", "check that this is an STM32WB and the connection is good");
        }
        Set<String> families = candidates.stream().map(Chip::family).collect(Collectors.toSet());
        if (families.size() > 1) {
            throw new FlashException(FlashException.Reason.INVALID_INPUT, "device " + facts.deviceId() + " with " + flash
                    + " flash can be " + candidates.stream().map(Chip::part).toList() + ", which take different"
                    + " binaries", "pass --chip with the part on the board");
        }
        return candidates.get(0);
    }

    private static void checkAgainstDevice(Plan plan, Chip chip, DeviceFacts facts, InstalledStack installed)
            throws FlashException {
        List<String> differences = new ArrayList<>();
        if (!facts.deviceId().equals(plan.chip().deviceId())) {
            differences.add("device ID " + plan.chip().deviceId() + " (device: " + facts.deviceId() + ")");
        }
        if (!facts.flashLabel().equals(plan.chip().flash())) {
            differences.add(plan.chip().flash() + " flash (device: " + facts.flashLabel() + ")");
        }
        if (!plan.chip().family().equals(chip.family())) {
            differences.add(plan.chip().family() + " (device: " + chip.family() + ")");
        }
        FirmwareVersion planFus;
        try {
            planFus = FirmwareVersion.parse(plan.from().fus());
        } catch (IllegalArgumentException e) {
            planFus = null;
        }
        if (planFus == null || !planFus.sameRelease(facts.fus())) {
            differences.add("FUS " + plan.from().fus() + " (device: " + facts.fus() + ")");
        }
        String planStack = plan.from().stack() == null ? "none" : plan.from().stack();
        if (!sameStack(planStack, installed, facts)) {
            differences.add("stack " + planStack + " (device: " + installed.text() + ")");
        }
        if (!differences.isEmpty()) {
            throw new FlashException(FlashException.Reason.DEVICE_REFUSED, "the plan " + abbreviateId(plan.id())
                    + " was made for " + String.join(", ", differences) + "; nothing was written",
                    "make a plan for the device as it is: fuspath flash without --plan makes one");
        }
    }

    private static boolean sameStack(String planStack, InstalledStack installed, DeviceFacts facts) {
        boolean deviceHasStack = !installed.text().equals("none");
        if (planStack.equalsIgnoreCase("none")) {
            return !deviceHasStack;
        }
        if (!deviceHasStack) {
            return false;
        }
        String version = planStack.contains(" ") ? planStack.substring(planStack.lastIndexOf(' ') + 1) : null;
        try {
            return version == null || FirmwareVersion.parse(version).sameRelease(facts.stack());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void checkNoFusRepeat(Plan plan, Set<FirmwareVersion> fusInstalled) throws FlashException {
        for (PlanStep s : plan.steps()) {
            if (s.action() == StepAction.FUS_UPGRADE && s.toFus() != null
                    && fusInstalled.stream().anyMatch(v -> v.sameRelease(FirmwareVersion.parse(s.toFus())))) {
                throw new FlashException(FlashException.Reason.DEVICE_REFUSED, "the journal says FUS " + s.toFus()
                        + " was already installed by the run being resumed, yet the device reads FUS "
                        + plan.from().fus() + " and the new plan would install it again; nothing was written",
                        "check the device with STM32CubeProgrammer (Read FUS infos) before going on");
            }
        }
    }

    // ---- the install address after a FUS_v2-only install ------------------------------------------------------

    /**
     * A plan that cannot know whether an image marked FUS_v2 only was ever installed on the part carries, on its
     * stack install, the address to use if one was ({@code addressIfFusV2OnlyBefore}). The device decides where it
     * can: a legacy stack installed at its table address (SFSA) means none was; at 0x4000 below it, one was.
     * Otherwise {@code --fus-v2-only-before}, else the user is asked; with nobody to ask the run is refused
     * ({@code --yes} confirms deletes, it never picks an address).
     */
    private Plan chooseAddresses(String run, Plan plan, DeviceFacts facts, InstalledStack installed, Chip chip)
            throws FlashException {
        if (plan.steps().stream().noneMatch(s -> s.addressIfFusV2OnlyBefore() != null)) {
            return plan;
        }
        List<PlanStep> steps = new ArrayList<>();
        for (PlanStep s : plan.steps()) {
            if (s.addressIfFusV2OnlyBefore() == null) {
                steps.add(s);
                continue;
            }
            String basis;
            Boolean before = fromDevice(facts, installed, chip);
            if (before != null) {
                basis = "the device: the installed stack " + installed.text() + " sits at "
                        + String.format(Locale.ROOT, "0x%08X", facts.sfsaAddress()) + " (SFSA), "
                        + (before ? RESERVE + " below" : "at") + " its table address";
            } else if (fusV2OnlyBefore != null) {
                before = fusV2OnlyBefore;
                basis = "--fus-v2-only-before " + (before ? "yes" : "no");
            } else if (journaledFusV2OnlyBefore != null) {
                before = journaledFusV2OnlyBefore;
                basis = "the choice journaled by run " + journaledBy;
            } else {
                String question = "Step " + s.n() + " installs " + s.file() + ". Was an image marked FUS_v2 only"
                        + " ever installed on this part? yes: install at " + s.addressIfFusV2OnlyBefore()
                        + " (" + RESERVE + " lower, as the notes require then); no: at the table address " + s.address();
                Optional<Boolean> answer = chooser.choose(question);
                if (answer.isEmpty()) {
                    String message = "step " + s.n() + " installs " + s.file() + " at " + s.address() + " if no image"
                            + " marked FUS_v2 only was ever installed on the part, else at "
                            + s.addressIfFusV2OnlyBefore() + "; the device does not tell, as it reads: " + facts.describe()
                            + "; and nobody answered, so nothing was written";
                    emit(FlashEvent.of(FlashEvent.Type.CONFIRM, run).ok(false).message(message));
                    throw new FlashException(FlashException.Reason.NOT_CONFIRMED, message, "run at a terminal and answer, or"
                            + " pass --fus-v2-only-before yes|no (--yes does not choose an address)");
                }
                before = answer.get();
                basis = "the answer " + (before ? "yes" : "no");
            }
            PlanStep chosen = before ? shifted(s) : new PlanStep(s.n(), s.action(), s.why(), s.file(), s.path(),
                    s.sha256(), s.size(), s.address(), s.computedAddress(), s.notesAddress(), null, s.fromFus(),
                    s.toFus(), s.expect(), s.command());
            emit(FlashEvent.of(FlashEvent.Type.NOTE, run).step(s.n(), s.action()).fusV2OnlyBefore(before).message(s.file() + " goes at "
                    + chosen.address() + (before ? " (" + RESERVE + " below the table address " + s.address()
                    + ": a FUS_v2-only image was installed before)" : " (the table address: no FUS_v2-only image was"
                    + " installed before)") + ", by " + basis));
            steps.add(chosen);
        }
        return withSteps(plan, steps);
    }

    private static PlanStep shifted(PlanStep s) {
        String to = s.addressIfFusV2OnlyBefore();
        List<String> command = s.command().stream().map(a -> a.equalsIgnoreCase(s.address()) ? to : a).toList();
        return new PlanStep(s.n(), s.action(), s.why() + "; " + RESERVE + " below the table address " + s.address()
                + " because an image marked FUS_v2 only was installed before", s.file(), s.path(), s.sha256(),
                s.size(), to, s.computedAddress(), s.address(), null, s.fromFus(), s.toFus(), s.expect(), command);
    }

    /** True/false when the installed legacy stack's place (SFSA) against its table address tells; else null. */
    private Boolean fromDevice(DeviceFacts facts, InstalledStack installed, Chip chip) {
        Long sfsa = facts.sfsaAddress();
        if (!Boolean.TRUE.equals(facts.stackInstalled()) || facts.stack() == null || sfsa == null) {
            return null;
        }
        String name = installed.certain() || installed.candidates().size() == 1
                ? installed.text().substring(0, installed.text().lastIndexOf(' ')) : null;
        Set<Long> table = new HashSet<>();
        for (dev.fuspath.catalog.ReleaseCatalog r : catalog.releasesNewestFirst()) {
            for (dev.fuspath.catalog.BinaryRecord b : r.binaries()) {
                if (!b.family().equals(chip.family()) || b.kind() != dev.fuspath.catalog.Kind.STACK
                        || b.stack() == null || b.version() == null || b.fusV2Only()
                        || (name != null && !b.stack().equals(name))) {
                    continue;
                }
                FirmwareVersion v = FirmwareVersion.parse(b.version());
                String a = b.installAddress().get(chip.flash());
                if (v != null && v.sameRelease(facts.stack()) && a != null) {
                    Long h = StepCheck.hex(a);
                    if (h != null) {
                        table.add(h);
                    }
                }
            }
        }
        if (table.contains(sfsa)) {
            return false;
        }
        if (table.contains(sfsa + FusFacts.bundled().fusV2OnlyReserve())) {
            return true;
        }
        return null;
    }

    // ---- files ------------------------------------------------------------------------------------------------

    /** Fetches, checks and writes every file to the staging folder; the steps' commands then name those copies. */
    private List<PlanStep> stage(Plan plan) throws FlashException {
        Map<String, byte[]> fetched = files.fetch(plan);
        Map<String, Path> paths = new LinkedHashMap<>();
        for (PlanStep step : plan.steps()) {
            if (step.file() == null) {
                continue;
            }
            byte[] bytes = fetched.get(step.file());
            if (bytes == null) {
                throw new FlashException(FlashException.Reason.FILES_REFUSED, "step " + step.n() + " needs " + step.file()
                        + ", which was not found; nothing was written", "pass --firmware-dir with a STM32CubeWB"
                        + " checkout of " + plan.release() + ", or --server");
            }
            String sha = Sha256.of(bytes);
            if (!sha.equalsIgnoreCase(step.sha256())) {
                throw new FlashException(FlashException.Reason.FILES_REFUSED, step.file() + " has SHA-256 " + sha + ", not the "
                        + step.sha256() + " the plan names; nothing was written", "use the file of "
                        + plan.release() + " (check out that tag), or --server");
            }
            if (!FooterReader.read(bytes).valid()) {
                throw new FlashException(FlashException.Reason.FILES_REFUSED, step.file() + " has no valid image footer;"
                        + " nothing was written", "use the file of " + plan.release());
            }
            paths.put(step.file(), write(sha, step.file(), bytes));
        }
        List<PlanStep> steps = new ArrayList<>();
        for (PlanStep s : plan.steps()) {
            if (s.file() == null) {
                steps.add(s);
                continue;
            }
            String path = paths.get(s.file()).toString();
            List<String> command = s.command().stream().map(a -> a.equals(s.file()) ? path : a).toList();
            steps.add(s.withCommand(command));
        }
        return steps;
    }

    private Path write(String sha, String name, byte[] bytes) throws FlashException {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = staging.resolve(sha);
        Path file = dir.resolve(safe);
        try {
            if (Files.isRegularFile(file) && Sha256.of(Files.readAllBytes(file)).equals(sha)) {
                return file.toAbsolutePath();
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".part", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new FlashException(FlashException.Reason.IO, "cannot keep a copy of " + name + " in " + dir + ": "
                    + e.getMessage(), "check the state folder is writable, or pass --journal elsewhere");
        }
    }

    // ---- confirmation -----------------------------------------------------------------------------------------

    private void confirm(String run, Plan plan) throws FlashException {
        List<String> destructive = new ArrayList<>();
        for (PlanStep s : plan.steps()) {
            if (s.action() == StepAction.STACK_DELETE && !"none".equalsIgnoreCase(plan.from().stack())) {
                destructive.add("step " + s.n() + " deletes the installed stack (" + plan.from().stack() + ") and"
                        + " the pairing/bonding data (NVM) it kept");
            } else if (s.action() == StepAction.ANTI_ROLLBACK) {
                destructive.add("step " + s.n() + " activates anti-rollback, which cannot be undone");
            }
        }
        if (destructive.isEmpty()) {
            return;
        }
        String question = String.join("; ", destructive);
        boolean confirmed = yes || confirmer.confirm(question + ". Go on?");
        emit(FlashEvent.of(FlashEvent.Type.CONFIRM, run).ok(confirmed).message(question + (yes ? " (confirmed by --yes)" : "")));
        if (!confirmed) {
            throw new FlashException(FlashException.Reason.NOT_CONFIRMED, question + ": not confirmed, nothing was written",
                    "pass --yes to confirm (at a terminal, answering yes does too)");
        }
    }

    // ---- steps ------------------------------------------------------------------------------------------------

    private DeviceFacts execute(String run, DeviceReader reader, PlanStep step, DeviceFacts before)
            throws FlashException {
        emit(FlashEvent.of(FlashEvent.Type.STEP_START, run).step(step.n(), step.action()).command(step.command())
                .message(step.why()));
        stepStartMicros = caller.micros();
        int retriesLeft = 1;
        while (true) {
            Call call = caller.call(step.command());
            switch (call.effect()) {
                case DONE -> {
                    DeviceFacts after = readBack(reader, step, call, before);
                    if (after == null) {
                        return stepFailed(run, step, call, null, FlashException.Reason.UNKNOWN_EFFECT, "step " + step.n()
                                + " reported success but the device could not be read back",
                                FailureAdvice.bundled().advise(List.of("CONNECTION_LOST"), values(step, before)).fix());
                    }
                    Optional<String> diff = StepCheck.verify(step, before, after);
                    if (diff.isPresent()) {
                        return stepFailed(run, step, call, after, FlashException.Reason.STEP_FAILED, "after step " + step.n()
                                + " (" + step.action() + ") the device is not as planned: " + diff.get(),
                                "run fuspath flash --resume: it plans again from the device as it is");
                    }
                    noteAssumed(run, step, before, after);
                    emit(FlashEvent.of(FlashEvent.Type.STEP_END, run).step(step.n(), step.action()).effect(call.effect()).ok(true)
                            .device(after).message(after.describe()).programmerMs(stepMillis()));
                    return after;
                }
                case FAILED, NOT_CONNECTED -> {
                    DeviceReader.Reading rb = reader.read(false);
                    DeviceFacts after = rb.ok() ? rb.facts() : null;
                    FailureAdvice.Advice advice = advise(call, values(step, after != null ? after : before));
                    return stepFailed(run, step, call, after, FlashException.Reason.STEP_FAILED, "step " + step.n() + " ("
                            + step.action() + ") failed: " + advice.cause() + "; " + call.summary()
                            + (after == null ? "" : "; the device now: " + after.describe()), advice.fix());
                }
                case UNKNOWN -> {
                    DeviceReader.Reading rb = reader.read(false);
                    if (!rb.ok()) {
                        FailureAdvice.Advice advice = advise(call, values(step, before));
                        return stepFailed(run, step, call, null, FlashException.Reason.UNKNOWN_EFFECT, "step " + step.n() + " ("
                                + step.action() + "): " + advice.cause() + ", and the device does not answer",
                                advice.fix());
                    }
                    DeviceFacts after = rb.facts();
                    boolean asExpected = StepCheck.verify(step, before, after).isEmpty();
                    boolean unchanged = StepCheck.unchanged(before, after);
                    if (asExpected && assumedOutput(step) && call.invocation().exitCode() == 0
                            && !call.invocation().hung()) {
                        // the step's own output is a shape no public log shows: a surprise there is a note, and the
                        // device read back decides (rules/programmer-output.json, "assumedOutput")
                        emit(FlashEvent.of(FlashEvent.Type.NOTE, run).step(step.n(), step.action()).message("the output of "
                                + String.join(" ", step.command()) + " was not understood: " + call.summary()
                                + "; its shape is assumed, no public log shows it, and the device read back is as"
                                + " the step expects"));
                        noteAssumed(run, step, before, after);
                        emit(FlashEvent.of(FlashEvent.Type.STEP_END, run).step(step.n(), step.action()).effect(call.effect())
                                .ok(true).device(after).programmerMs(stepMillis()).message(after.describe()));
                        return after;
                    }
                    if (OBSERVABLE.contains(step.action()) && asExpected && !unchanged) {
                        emit(FlashEvent.of(FlashEvent.Type.STEP_END, run).step(step.n(), step.action()).effect(call.effect())
                                .ok(true).device(after).programmerMs(stepMillis()).message(call.summary()
                                        + ", but the device read back shows the step done: " + after.describe()));
                        return after;
                    }
                    if (unchanged && retriesLeft-- > 0) {
                        emit(FlashEvent.of(FlashEvent.Type.RETRY, run).step(step.n(), step.action()).effect(call.effect())
                                .device(after).message(call.summary() + ", and the device read back shows"
                                        + " nothing changed, so the step is run again"));
                        before = after;
                        continue;
                    }
                    FailureAdvice.Advice advice = advise(call, values(step, after));
                    return stepFailed(run, step, call, after, FlashException.Reason.STEP_FAILED, "step " + step.n() + " ("
                            + step.action() + "): " + advice.cause() + "; the device now: " + after.describe(),
                            "run fuspath flash --resume: it plans again from the device as it is");
                }
                default -> throw new IllegalStateException(call.effect().name());
            }
        }
    }

    /** Differences that rest on an assumed output shape (the SFSA line): notes, never a refusal. */
    private void noteAssumed(String run, PlanStep step, DeviceFacts before, DeviceFacts after)
            throws FlashException {
        for (String note : StepCheck.notes(step, before, after)) {
            emit(FlashEvent.of(FlashEvent.Type.NOTE, run).step(step.n(), step.action()).device(after).message(note));
        }
    }

    /** The step's command is one whose output no public log shows (-startfus, -startwirelessstack, -antirollback). */
    private static boolean assumedOutput(PlanStep step) {
        return LineRules.bundled().assumedOutput(ProgrammerCommand.kindsOf(step.command()));
    }

    private double stepMillis() {
        return Math.round(caller.micros() - stepStartMicros) / 1000.0;
    }

    private static DeviceFacts readBack(DeviceReader reader, PlanStep step, Call call, DeviceFacts before) {
        if (step.action() == StepAction.READ_FUS_INFO) {
            Optional<dev.fuspath.programmer.FusVersion> v = call.session().fusVersion();
            if (v.isPresent()) {
                return new DeviceFacts(before.deviceId(), before.flashBytes(), before.cpu2(),
                        FirmwareVersion.fromWord(v.get().word()),
                        before.stack(), before.stackInstalled(), before.sfsaPage(), before.optionBytes());
            }
            // a connection under reset may read the table blank over SWD: read it as pre-flight does
        }
        DeviceReader.Reading rb = reader.read(false);
        return rb.ok() ? rb.facts() : null;
    }

    private DeviceFacts stepFailed(String run, PlanStep step, Call call, DeviceFacts after, FlashException.Reason exit, String message,
                                   String fix) throws FlashException {
        emit(FlashEvent.of(FlashEvent.Type.STEP_END, run).step(step.n(), step.action()).effect(call.effect()).ok(false)
                .device(after).message(message).fix(fix).programmerMs(stepMillis()));
        throw new FlashException(exit, message, fix);
    }

    private static FailureAdvice.Advice advise(Call call, Map<String, String> values) {
        List<String> codes = new ArrayList<>(call.codes());
        if (call.invocation().hung()) {
            codes.add(0, "HUNG");
        } else if (!call.session().recognized()) {
            codes.add(0, "UNREADABLE");
        }
        return FailureAdvice.bundled().advise(codes, values);
    }

    private static Map<String, String> values(PlanStep step, DeviceFacts device) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("file", step.file() == null ? "the image" : step.file());
        v.put("address", step.address());
        v.put("fus", device == null || device.fus() == null ? "?" : device.fus().toString());
        v.put("flash", device == null ? "?" : device.flashLabel());
        v.put("release", "the plan's release");
        return v;
    }

    // ---- events -----------------------------------------------------------------------------------------------

    private Result end(String run, Plan plan, RunOutcome outcome, FlashException.Reason stop, String message,
                       String fix) {
        FlashEvent e = FlashEvent.of(FlashEvent.Type.RUN_END, run).outcome(outcome).exitCode(exitCode(stop))
                .ok(stop == null).message(message).fix(fix).calls(caller.calls()).at(now());
        try {
            record(e);
        } catch (FlashException ex) {
            // a run stopped by the journal write itself already says so: once is enough
            return new Result(run, outcome, stop == null ? ex.reason() : stop, exitCode(stop == null ? ex.reason()
                    : stop), ex.getMessage().equals(message) ? message : message + "; " + ex.getMessage(), fix, plan,
                    caller.calls());
        }
        return new Result(run, outcome, stop, exitCode(stop), message, fix, plan, caller.calls());
    }

    private Result result(String run, RunOutcome outcome, FlashException.Reason stop, String message, String fix,
                          Plan plan, int calls) {
        return new Result(run, outcome, stop, exitCode(stop), message, fix, plan, calls);
    }

    private int exitCode(FlashException.Reason stop) {
        return stop == null ? NOT_STOPPED : exitCodes.exitCode(stop);
    }

    private void emit(FlashEvent.Builder b) throws FlashException {
        record(b.calls(caller.calls()).at(now()));
    }

    private void record(FlashEvent e) throws FlashException {
        if (journal != null && !dryRun) {
            try {
                journal.append(e);
            } catch (IOException ex) {
                listener.accept(e);
                throw new FlashException(FlashException.Reason.IO, "cannot write the journal " + journal.path() + ": "
                        + ex.getMessage(), "free space or pass --journal elsewhere, then fuspath flash --resume");
            }
        }
        listener.accept(e);
    }

    private String now() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant());
    }

    private static String planSummary(Plan plan, PlanSource source, Plan given) {
        return "plan " + plan.id() + " from " + (given != null ? "the given file" : source.describe()) + ": "
                + plan.chip().part() + " on " + plan.release() + " over " + plan.iface().toUpperCase(Locale.ROOT)
                + ", FUS " + plan.from().fus() + " / " + plan.from().stack() + " -> FUS " + plan.to().fus() + " / "
                + plan.to().stack() + ", " + plan.steps().size() + " step(s)";
    }

    private static Plan withSteps(Plan plan, List<PlanStep> steps) {
        List<PlanStep> renumbered = new ArrayList<>();
        for (PlanStep s : steps) {
            renumbered.add(s.renumbered(renumbered.size() + 1));
        }
        Plan p = new Plan(null, plan.release(), plan.chip(), plan.iface(), plan.from(), plan.to(), renumbered,
                plan.warnings());
        return new Plan(dev.fuspath.planner.Planner.idOf(p), p.release(), p.chip(), p.iface(), p.from(), p.to(),
                p.steps(), p.warnings());
    }

    private static String abbreviateId(String id) {
        return id == null ? "?" : id.length() > 12 ? id.substring(0, 12) : id;
    }

    public static final class Builder {
        private Catalog catalog;
        private ChipRules chips = ChipRules.bundled();
        private Backend backend;
        private PlanFiles files = plan -> Map.of();
        private Path staging;
        private Journal journal;
        private Consumer<FlashEvent> listener = e -> { };
        private Confirmer confirmer = q -> false;
        private Clock clock = Clock.systemUTC();
        private int attempts = 3;
        private Duration pause = Duration.ofSeconds(1);
        private boolean dryRun;
        private boolean yes;
        private Boolean fusV2OnlyBefore;
        private Chooser chooser = q -> Optional.empty();
        private ExitCodeTable exitCodes;

        private Builder() {
        }

        public Builder catalog(Catalog v) { catalog = v; return this; }
        public Builder chips(ChipRules v) { chips = v; return this; }
        public Builder backend(Backend v) { backend = v; return this; }
        public Builder files(PlanFiles v) { files = v; return this; }
        /** Where verified copies of the files are kept for the programmer to read. */
        public Builder staging(Path v) { staging = v; return this; }
        public Builder journal(Journal v) { journal = v; return this; }
        public Builder listener(Consumer<FlashEvent> v) { listener = v; return this; }
        public Builder confirmer(Confirmer v) { confirmer = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        /** Connection attempts per call when no device answers, and the pause between them (growing). */
        public Builder retries(int attempts, Duration pause) { this.attempts = attempts; this.pause = pause; return this; }
        public Builder dryRun(boolean v) { dryRun = v; return this; }
        public Builder yes(boolean v) { yes = v; return this; }
        /**
         * What the user says about the part's past when the device cannot tell: a FUS_v2-only image was installed
         * before (true) or never (false); null to find out from the device, else ask. {@code --yes} never answers it.
         */
        public Builder fusV2OnlyBefore(Boolean v) { fusV2OnlyBefore = v; return this; }
        public Builder chooser(Chooser v) { chooser = v; return this; }
        /** The exit-code table ({@code cli.ExitCodes::of}) the journal's run-end record takes its number from. */
        public Builder exitCodes(ExitCodeTable v) { exitCodes = v; return this; }

        public Flasher build() {
            if (catalog == null || backend == null || staging == null || exitCodes == null) {
                throw new IllegalStateException("catalog, backend, staging and exitCodes are required");
            }
            return new Flasher(this);
        }
    }
}
