package dev.fuspath.station;

import dev.fuspath.programmer.InterfaceKind;
import dev.fuspath.executor.RunOutcome;
import dev.fuspath.planner.StepAction;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.executor.Backend;
import dev.fuspath.executor.Call;
import dev.fuspath.executor.Caller;
import dev.fuspath.executor.Connection;
import dev.fuspath.executor.DeviceFacts;
import dev.fuspath.executor.DeviceReader;
import dev.fuspath.executor.FlashEvent;
import dev.fuspath.executor.FlashException;
import dev.fuspath.executor.FlashRequest;
import dev.fuspath.executor.Flasher;
import dev.fuspath.executor.InstalledStack;
import dev.fuspath.executor.Journal;
import dev.fuspath.executor.PlanFiles;
import dev.fuspath.executor.PlanSource;
import dev.fuspath.executor.Runs;
import dev.fuspath.planner.Chip;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.programmer.MemoryRead;
import dev.fuspath.records.BoardRecord;
import dev.fuspath.records.Outcome;
import dev.fuspath.records.StepOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A production-line station: one lane per probe, in parallel. Each lane takes boards in turn: wait for a board,
 * identify it (unique ID, device ID, flash, FUS and stack as {@code flash} reads them), plan for it, check the files,
 * flash and verify it ({@link Flasher}, journaled per lane), write the application image, keep its record, ask for
 * it to be removed, and go on ({@code loop}) or stop after one ({@code once}). A failure on one lane never stops
 * another.
 */
public final class Station {

    /** Who takes boards off probes: a person on a real line (nothing to do), the simulated rack's operator in tests. */
    @FunctionalInterface
    public interface Operator {
        void removeBoard(ProbeListing.Probe probe);

        Operator PERSON = p -> { };
    }

    /**
     * How the station runs.
     *
     * @param lanes        probe serial numbers or usbN ports to use; empty for every probe found
     * @param idleTimeout  a lane stops after waiting this long for a board; null waits until stopped
     * @param maxBoards    a lane stops after this many boards; 0 for no limit ({@code once} is 1)
     * @param exitCodes    the exit-code table each lane's journal takes its run-end numbers from
     */
    public record Config(Catalog catalog, ChipRules chips, PlanSource plans, PlanFiles files, Backend programmer,
                         Path stateDir, String target, String release, String iface, AppImage app, List<String> lanes,
                         String station, String operator, boolean once, boolean yes, Boolean fusV2OnlyBefore,
                         Duration poll, Duration retryPause, Duration idleTimeout, int maxBoards, Operator remover,
                         StationListener listener, Clock clock, Flasher.ExitCodeTable exitCodes) {
        public Config {
            java.util.Objects.requireNonNull(exitCodes, "exitCodes (cli.ExitCodes::of)");
            lanes = lanes == null ? List.of() : List.copyOf(lanes);
            remover = remover == null ? Operator.PERSON : remover;
            listener = listener == null ? new StationListener() { } : listener;
            clock = clock == null ? Clock.systemUTC() : clock;
            chips = chips == null ? ChipRules.bundled() : chips;
            String given = iface;
            iface = InterfaceKind.ofOption(iface == null ? "swd" : iface).orElseThrow(() -> new IllegalArgumentException(
                    "interface must be swd or usb, not '" + given + "'")).option();
        }

        /** The interface the lanes use. */
        public InterfaceKind kind() {
            return InterfaceKind.ofOption(iface).orElseThrow();
        }
    }

    /** How the station ended. */
    public record Report(int exitCode, String message, StationSummary summary, List<BoardRecord> records,
                         int pendingRecords) {
    }

    static final List<String> UID_READ = List.of("-r32", String.format("0x%08X", 0x1FFF7590L), "12");

    private final Config config;
    private final RecordSpool spool;
    private final RecordSync sync;
    private final StationSummary summary = new StationSummary();
    private final List<BoardRecord> records = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** @param sync the uploader, or null to keep records locally only */
    public Station(Config config, RecordSpool spool, RecordSync sync) {
        this.config = config;
        this.spool = spool;
        this.sync = sync;
    }

    public StationSummary summary() {
        return summary;
    }

    /** Asks every lane to stop after its current board (Ctrl-C). */
    public void stop() {
        stopping.set(true);
    }

    /** Lists the probes of the station's interface. */
    public List<ProbeListing.Probe> probes() {
        String kind = config.kind() == InterfaceKind.USB ? "usb" : "st-link";
        Backend.Invocation out = config.programmer().run(List.of("-l", kind));
        ProbeListing.Kind wanted = config.kind() == InterfaceKind.USB ? ProbeListing.Kind.DFU : ProbeListing.Kind.STLINK;
        return ProbeListing.parse(out.output()).stream().filter(p -> p.kind() == wanted).toList();
    }

    /** Runs the lanes; {@code resume} continues the lanes that have an interrupted board first. */
    public Report run(boolean resume) {
        List<ProbeListing.Probe> found = probes();
        List<ProbeListing.Probe> lanes = new ArrayList<>();
        if (config.lanes().isEmpty()) {
            lanes.addAll(found);
        } else {
            for (String want : config.lanes()) {
                Optional<ProbeListing.Probe> p = found.stream().filter(f -> f.id().equalsIgnoreCase(want)).findFirst();
                if (p.isEmpty()) {
                    return end(StationExit.NO_LANES, "no probe " + want + " answered STM32_Programmer_CLI -l"
                            + " (found: " + found.stream().map(ProbeListing.Probe::id).toList() + ")");
                }
                lanes.add(p.get());
            }
        }
        if (resume) {
            lanes.removeIf(p -> !Files.exists(attemptFile(p)));
            if (lanes.isEmpty()) {
                return end(StationExit.NOTHING_TO_RESUME, "no lane has an interrupted board in "
                        + config.stateDir().resolve("lanes"));
            }
        }
        if (lanes.isEmpty()) {
            return end(StationExit.NO_LANES, "no " + (config.kind() == InterfaceKind.USB ? "USB DFU device" : "ST-LINK probe")
                    + " answered STM32_Programmer_CLI -l " + (config.kind() == InterfaceKind.USB ? "usb" : "st-link"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(lanes.size(), r -> {
            Thread t = new Thread(r, "station-lane");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        for (ProbeListing.Probe p : lanes) {
            futures.add(pool.submit(() -> {
                lane(p, resume);
                return null;
            }));
        }
        List<String> crashed = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get();
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                crashed.add(lanes.get(i).id() + ": " + (c.getMessage() == null ? c.getClass().getSimpleName()
                        : c.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
            }
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!crashed.isEmpty()) {
            return end(StationExit.IO, "lane(s) stopped and kept their board for --resume: "
                    + String.join("; ", crashed));
        }
        return end(summary.failed() > 0 ? StationExit.BOARD_FAILED : StationExit.OK, null);
    }

    private Report end(int exit, String message) {
        int pending = spool.pendingCount();
        int code = exit;
        String msg = message;
        if (sync != null && pending > 0) {
            RecordUploader.Answer a = sync.uploadPending();
            pending = spool.pendingCount();
            if (a.status() == RecordUploader.Status.REFUSED) {
                code = code == StationExit.OK || code == StationExit.BOARD_FAILED ? StationExit.RECORDS_REFUSED : code;
                msg = join(msg, a.message() + "; " + pending + " record(s) kept in " + spool.path());
            } else if (pending > 0) {
                code = code == StationExit.OK || code == StationExit.BOARD_FAILED ? StationExit.RECORDS_PENDING : code;
                msg = join(msg, pending + " record(s) not uploaded (" + a.message() + "); kept in " + spool.path()
                        + ", uploaded at the next start");
            }
        }
        synchronized (records) {
            return new Report(code, msg, summary, List.copyOf(records), pending);
        }
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }

    // ---- one lane ----------------------------------------------------------------------------------------------

    private Path laneDir(ProbeListing.Probe p) {
        return config.stateDir().resolve("lanes").resolve(p.id().replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    private Path attemptFile(ProbeListing.Probe p) {
        return laneDir(p).resolve("attempt.json");
    }

    private void lane(ProbeListing.Probe probe, boolean resume) throws IOException {
        Backend backend = new LaneBackend(config.programmer(), probe);
        Caller caller = new Caller(backend, 1, Duration.ZERO);
        try (Journal journal = Journal.open(laneDir(probe).resolve("journal.jsonl"))) {
            int boards = 0;
            if (resume) {
                Optional<Attempt> interrupted = Attempt.read(attemptFile(probe));
                if (interrupted.isPresent()) {
                    board(probe, backend, journal, interrupted.get(), true);
                    boards++;
                    if (!afterBoard(probe, caller, interrupted.get().boardUid(), boards)) {
                        return;
                    }
                }
            }
            while (!stopping.get()) {
                status(probe, null, 0, 0, null, null, "waiting", null, "waiting for a board");
                Optional<Identity> id = waitForBoard(probe, caller);
                if (id.isEmpty()) {
                    return;
                }
                Identity i = id.get();
                Attempt attempt = new Attempt(UUID.randomUUID().toString(), probe.id(), i.uid(), i.deviceId(),
                        i.flashBytes(), config.clock().instant().toString());
                attempt.write(attemptFile(probe));
                board(probe, backend, journal, attempt, false);
                boards++;
                if (!afterBoard(probe, caller, i.uid(), boards)) {
                    return;
                }
            }
        }
    }

    /** Asks for the board to be removed and waits for it; false when the lane is to stop. */
    private boolean afterBoard(ProbeListing.Probe probe, Caller caller, String uid, int boards) {
        status(probe, uid, 0, 0, null, null, "remove-board", null, "remove the board");
        config.listener().message(probe.id(), "remove the board " + uid);
        config.remover().removeBoard(probe);
        if (config.once() || (config.maxBoards() > 0 && boards >= config.maxBoards()) || stopping.get()) {
            status(probe, null, 0, 0, null, null, "stopped", null, boards + " board(s)");
            return false;
        }
        while (!stopping.get()) {
            Optional<Identity> now = identify(caller);
            if (now.isEmpty() || !now.get().uid().equals(uid)) {
                return true;
            }
            sleep(config.poll());
        }
        return false;
    }

    private record Identity(String uid, String deviceId, long flashBytes, List<String> codes) {
    }

    /** The board's unique ID, device ID and flash size, from one read; empty when no board answered. */
    private Optional<Identity> identify(Caller caller) {
        return identity(caller.call(Connection.forReading(config.kind(), UID_READ)));
    }

    private static Optional<Identity> identity(Call c) {
        if (c.effect() != Call.Effect.DONE) {
            return Optional.empty();
        }
        for (MemoryRead r : c.session().reads()) {
            if (r.address() == 0x1FFF7590L && r.words().size() >= 3) {
                String uid = String.format(Locale.ROOT, "%08X%08X%08X", r.words().get(0), r.words().get(1),
                        r.words().get(2));
                Long flash = c.session().flashSize() == null || c.session().flashSize().bytes() < 0 ? null
                        : c.session().flashSize().bytes();
                if (c.session().deviceId() == null || flash == null) {
                    return Optional.empty();
                }
                return Optional.of(new Identity(uid, c.session().deviceId(), flash, c.codes()));
            }
        }
        return Optional.empty();
    }

    private Optional<Identity> waitForBoard(ProbeListing.Probe probe, Caller caller) {
        Instant since = config.clock().instant();
        while (!stopping.get()) {
            Call c = caller.call(Connection.forReading(config.kind(), UID_READ));
            Optional<Identity> id = identity(c);
            if (id.isPresent()) {
                return id;
            }
            boolean noTarget = c.codes().contains("NO_TARGET") || c.codes().contains("NO_DFU_DEVICE");
            if (!noTarget && probeGone(probe)) {
                status(probe, null, 0, 0, null, null, "lost", null, "the probe is gone (not listed by -l)");
                config.listener().message(probe.id(), "the probe " + probe.id() + " is gone: the lane stops");
                return Optional.empty();
            }
            if (config.idleTimeout() != null
                    && Duration.between(since, config.clock().instant()).compareTo(config.idleTimeout()) >= 0) {
                status(probe, null, 0, 0, null, null, "stopped", null, "no board came within "
                        + config.idleTimeout().toMillis() + " ms");
                return Optional.empty();
            }
            sleep(config.poll());
        }
        return Optional.empty();
    }

    private boolean probeGone(ProbeListing.Probe probe) {
        return probes().stream().noneMatch(p -> p.id().equals(probe.id()));
    }

    // ---- one board ---------------------------------------------------------------------------------------------

    private void board(ProbeListing.Probe probe, Backend backend, Journal journal, Attempt attempt, boolean resume)
            throws IOException {
        String lane = probe.id();
        String uid = attempt.boardUid();
        Instant started = attempt.started();
        List<FlashEvent> events = new ArrayList<>();
        if (resume) {
            events.addAll(attemptEvents(journal.path(), attempt));
        }
        int[] stepView = {0, 0};
        Map<Integer, String> files = new LinkedHashMap<>();
        status(probe, uid, 0, 0, null, started, "identifying", null, null);
        Flasher flasher = Flasher.builder().catalog(config.catalog()).chips(config.chips()).backend(backend)
                .files(config.files()).staging(config.stateDir().resolve("files")).journal(journal)
                .retries(3, config.retryPause()).yes(config.yes()).fusV2OnlyBefore(config.fusV2OnlyBefore())
                .clock(config.clock()).exitCodes(config.exitCodes()).listener(e -> {
                    events.add(e);
                    config.listener().flashEvent(lane, uid, e);
                    if (e.type() == FlashEvent.Type.PLAN && e.plan() != null) {
                        stepView[1] = e.plan().steps().size();
                        e.plan().steps().forEach(s -> files.put(s.n(), s.file()));
                    } else if (e.type() == FlashEvent.Type.STEP_START && e.step() != null) {
                        stepView[0] = e.step();
                    }
                    status(probe, uid, stepView[0], stepView[1], files.get(stepView[0]), started, "flashing", null,
                            e.type() == FlashEvent.Type.STEP_START && e.action() != null ? e.action().wire() : null);
                }).build();
        FlashRequest request = new FlashRequest(null, config.target(), config.release(), config.iface(), false, null,
                null);

        // identify as flash does, plan for this board, and check the application image before any write
        DeviceFacts arrival = null;
        String stackBefore = null;
        String failureCode = null;
        String cause = null;
        String fix = null;
        Outcome outcome;
        Flasher.Result result = null;
        Plan plan = null;
        boolean unfinished = resume && unfinishedRun(journal.path());
        DeviceReader.Reading reading = new DeviceReader(new Caller(backend, 3, config.retryPause()), config.kind())
                .read(true);
        if (reading.ok() && reading.facts().fus() != null) {
            arrival = reading.facts();
            stackBefore = stackText(arrival);
        }
        if (resume) {
            DeviceFacts first = firstDevice(events);
            if (first != null) {
                arrival = first;
                stackBefore = stackText(first);
            }
        }
        Optional<String> appProblem = Optional.empty();
        if (config.app() != null && arrival != null && !resume) {
            try {
                plan = planFor(request, reading.facts());
                appProblem = appCheck(plan, reading.facts());
            } catch (FlashException e) {
                // the flasher meets the same refusal and records it
            }
        }
        if (appProblem.isPresent()) {
            outcome = Outcome.REFUSED;
            failureCode = "app-too-large";
            cause = appProblem.get();
            fix = "build the application smaller, or link it to end below the stack's secure area";
            config.listener().message(lane, cause);
        } else {
            result = unfinished
                    ? flasher.resume(config.plans(), s -> config.plans())
                    : flasher.flash(request, config.plans(), null);
            if (result.ok()) {
                outcome = Outcome.PASSED;
                plan = result.plan();
            } else {
                outcome = result.outcome() == RunOutcome.REFUSED ? Outcome.REFUSED : Outcome.FAILED;
                failureCode = code(result.reason());
                cause = result.message();
                fix = result.fix();
                plan = result.plan() != null ? result.plan() : plan;
            }
        }
        // the application image, last
        BoardRecord.Step appStep = null;
        if (outcome == Outcome.PASSED && config.app() != null) {
            status(probe, uid, stepView[1], stepView[1], config.app().file().getFileName().toString(), started, "app",
                    null, "application image");
            Instant t0 = config.clock().instant();
            Call c = new Caller(backend, 3, config.retryPause()).call(config.app().command(
                    Connection.args(config.kind())));
            boolean ok = c.effect() == Call.Effect.DONE;
            appStep = new BoardRecord.Step("app-image", Optional.of(config.app().file().getFileName().toString()),
                    Math.max(0, Duration.between(t0, config.clock().instant()).toMillis()),
                    ok ? StepOutcome.DONE : StepOutcome.FAILED);
            if (!ok) {
                outcome = Outcome.FAILED;
                failureCode = "app-write-failed";
                cause = "the application image was not written: " + c.summary();
                fix = "check the image and the board, then put the board back for another attempt";
            }
        }
        if (outcome != Outcome.PASSED && probeGone(probe)) {
            outcome = Outcome.ABORTED;
            cause = "the probe " + lane + " is gone (it dropped off during the attempt): " + cause;
            failureCode = "probe-lost";
            fix = "reconnect the probe and put the board back: fuspath station plans again from where it stands";
        }
        DeviceFacts last = lastDevice(events);
        Instant ended = config.clock().instant();
        BoardRecord record = new BoardRecord(recordId(attempt), uid, attempt.deviceId(),
                (int) (attempt.flashBytes() / 1024), config.station(), lane, Optional.ofNullable(config.operator()),
                started, ended.isBefore(started) ? started : ended,
                Optional.ofNullable(arrival).map(d -> d.fus().toString()),
                Optional.ofNullable(last != null && last.fus() != null ? last : arrival).map(d -> d.fus().toString()),
                Optional.ofNullable(stackBefore),
                Optional.ofNullable(outcome == Outcome.PASSED && plan != null ? plan.to().stack()
                        : last != null ? stackText(last) : stackBefore),
                Optional.ofNullable(plan).map(Plan::id), Optional.ofNullable(plan).map(Plan::release),
                steps(events, plan, appStep),
                outcome == Outcome.PASSED ? Optional.empty() : Optional.of(new BoardRecord.Failure(
                        failureCode == null ? "unknown" : failureCode, Optional.ofNullable(clip(cause)),
                        Optional.ofNullable(clip(fix)))),
                Optional.ofNullable(config.app()).filter(a -> true).map(AppImage::sha256)
                        .filter(x -> true), outcome);
        if (spool.add(record)) {
            summary.add(record);
            synchronized (records) {
                records.add(record);
            }
        }
        Files.deleteIfExists(attemptFile(probe));
        config.listener().record(lane, record);
        status(probe, uid, stepView[0], stepView[1], null, started, "done", outcome.json(),
                outcome == Outcome.PASSED ? "passed" : failureCode + ": " + clip(cause));
        if (sync != null) {
            sync.wake();
        }
    }

    private Plan planFor(FlashRequest request, DeviceFacts facts) throws FlashException {
        List<Chip> chips = config.chips().chips().stream()
                .filter(c -> c.deviceId().equals(facts.deviceId()) && c.flash().equals(facts.flashLabel())).toList();
        if (chips.isEmpty()) {
            throw new FlashException(FlashException.Reason.DEVICE_REFUSED, "unknown device", null);
        }
        Chip chip = chips.get(0);
        InstalledStack installed = InstalledStack.identify(config.catalog(), chip.family(), facts);
        return config.plans().plan(request.withChip(chip.part()), chip.part(), facts.fus().toString(),
                installed.text());
    }

    /** The application image against the secure area the board will have once the plan ran. */
    private Optional<String> appCheck(Plan plan, DeviceFacts facts) {
        Long limit = null;
        String what = null;
        for (PlanStep s : plan.steps()) {
            if (s.action() == StepAction.STACK_INSTALL && s.address() != null) {
                String a = s.addressIfFusV2OnlyBefore() != null ? s.addressIfFusV2OnlyBefore() : s.address();
                limit = Long.parseLong(a.substring(2), 16);
                what = "the secure area of " + plan.to().stack() + " (installed at " + a + ")";
            }
        }
        if (limit == null && facts.sfsaAddress() != null) {
            limit = facts.sfsaAddress();
            what = "the secure area (SFSA " + String.format(Locale.ROOT, "0x%08X", limit) + ")";
        }
        return limit == null ? Optional.empty() : config.app().overlap(limit, what);
    }

    private static String stackText(DeviceFacts d) {
        return Boolean.TRUE.equals(d.stackInstalled()) && d.stack() != null ? "stack " + d.stack() : "none";
    }

    private static DeviceFacts firstDevice(List<FlashEvent> events) {
        return events.stream().filter(e -> e.type() == FlashEvent.Type.PREFLIGHT && e.device() != null)
                .map(FlashEvent::device).findFirst().orElse(null);
    }

    private static DeviceFacts lastDevice(List<FlashEvent> events) {
        DeviceFacts d = null;
        for (FlashEvent e : events) {
            if (e.device() != null && e.device().fus() != null) {
                d = e.device();
            }
        }
        return d;
    }

    /** The attempt's steps: each step started (done or failed, with its time), the plan's others skipped. */
    static List<BoardRecord.Step> steps(List<FlashEvent> events, Plan plan, BoardRecord.Step app) {
        List<BoardRecord.Step> out = new ArrayList<>();
        Map<Integer, String> files = new LinkedHashMap<>();
        Map<Integer, Instant> starts = new LinkedHashMap<>();
        Plan lastPlan = plan;
        int lastDone = 0;
        for (FlashEvent e : events) {
            switch (e.type()) {
                case PLAN -> {
                    if (e.plan() != null) {
                        lastPlan = e.plan();
                        files.clear();
                        e.plan().steps().forEach(s -> files.put(s.n(), s.file()));
                        lastDone = 0;
                    }
                }
                case STEP_START -> starts.put(e.step(), Instant.parse(e.time()));
                case STEP_END -> {
                    Instant t0 = starts.getOrDefault(e.step(), Instant.parse(e.time()));
                    long ms = Math.max(0, Duration.between(t0, Instant.parse(e.time())).toMillis());
                    out.add(new BoardRecord.Step(e.action() == null ? "step" : e.action().wire(), Optional.ofNullable(files.get(e.step())), ms,
                            Boolean.TRUE.equals(e.ok()) ? StepOutcome.DONE : StepOutcome.FAILED));
                    lastDone = Math.max(lastDone, e.step());
                }
                default -> {
                }
            }
        }
        if (lastPlan != null) {
            for (PlanStep s : lastPlan.steps()) {
                if (s.n() > lastDone && out.size() < 60) {
                    out.add(new BoardRecord.Step(s.action().wire(), Optional.ofNullable(s.file()), 0, StepOutcome.SKIPPED));
                }
            }
        }
        if (out.size() > 62) {
            out = new ArrayList<>(out.subList(out.size() - 62, out.size()));
        }
        if (app != null) {
            out.add(app);
        }
        return out;
    }

    /** The journal's events of the runs this attempt made (started at or after it). */
    private static List<FlashEvent> attemptEvents(Path journal, Attempt attempt) throws IOException {
        List<FlashEvent> out = new ArrayList<>();
        for (Runs.Run r : Runs.of(Journal.read(journal).events())) {
            if (Instant.parse(r.started()).compareTo(attempt.started()) >= 0) {
                out.addAll(r.events());
            }
        }
        return out;
    }

    private static boolean unfinishedRun(Path journal) throws IOException {
        List<Runs.Run> runs = Runs.of(Journal.read(journal).events());
        return Runs.unfinished(runs).isPresent() && runs.get(runs.size() - 1).outcome() != RunOutcome.REFUSED;
    }

    /** Stable per attempt: the same attempt always gets the same id, so an upload can be repeated. */
    private String recordId(Attempt a) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((config.station() + "|" + a.lane() + "|"
                    + a.boardUid() + "|" + a.id()).getBytes(StandardCharsets.UTF_8));
            return "st-" + HexFormat.of().formatHex(h).substring(0, 40);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A failure code for the record, from how the flash run ended. */
    static String code(FlashException.Reason reason) {
        return switch (reason) {
            case INVALID_INPUT -> "refused";
            case IO -> "io-error";
            case UNKNOWN_CHIP_OR_RELEASE -> "unknown-chip-or-release";
            case NO_PLAN -> "no-plan";
            case DEVICE_REFUSED -> "device-refused";
            case FILES_REFUSED -> "files-refused";
            case STEP_FAILED -> "step-failed";
            case UNKNOWN_EFFECT -> "effect-unknown";
            case NOT_CONFIRMED -> "not-confirmed";
            case NOTHING_TO_RESUME -> "internal-error"; // a lane resumes only what its own journal holds unfinished
        };
    }

    private static String clip(String s) {
        if (s == null) {
            return null;
        }
        String t = s.replaceAll("\\p{Cntrl}", " ");
        return t.length() > 490 ? t.substring(0, 490) + "..." : t;
    }

    private void status(ProbeListing.Probe p, String uid, int step, int steps, String file, Instant since,
                        String state, String outcome, String message) {
        config.listener().status(new LaneStatus(p.id(), uid, step, steps, file, since, state, outcome, message));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
