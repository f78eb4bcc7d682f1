package dev.fuspath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.executor.Backend;
import dev.fuspath.executor.FilePlan;
import dev.fuspath.executor.FlashEvent;
import dev.fuspath.executor.FlashException;
import dev.fuspath.executor.FlashRequest;
import dev.fuspath.executor.Flasher;
import dev.fuspath.executor.Journal;
import dev.fuspath.executor.OfflinePlans;
import dev.fuspath.executor.PlanFiles;
import dev.fuspath.executor.PlanSource;
import dev.fuspath.executor.ProcessBackend;
import dev.fuspath.executor.ServerPlans;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.StepAction;
import dev.fuspath.programmer.InterfaceKind;
import dev.fuspath.simulator.NamedStates;
import dev.fuspath.simulator.SimulatorBackend;
import dev.fuspath.simulator.SimulatorStateFile;
import dev.fuspath.app.CatalogHolder;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "flash", mixinStandardHelpOptions = true, resourceBundle = "dev.fuspath.cli.FlashCommand",
        description = {
        "Take a connected STM32WB from the FUS and stack it has to the wanted stack.",
        "It reads the device, gets a plan made for it, finds and checks every file, then runs each step through"
                + " STM32_Programmer_CLI and reads the device back after it. Every step is journaled; --resume"
                + " continues a run that was killed or stopped, with the same --firmware-dir and --server.",
        "Exit status: 0 done (or nothing to do), 2 bad command line, 4 file or journal unreadable, 6 unknown chip"
                + " or release, 7 no such plan, 8 device refused before anything was written, 9 a file is missing or"
                + " wrong, 10 a step failed, 11 a step's effect is unknown, 12 not confirmed, 13 nothing to resume."})
public class FlashCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The options flash and station share; their descriptions differ: FlashCommand.properties, StationCommand.properties. */
    @Mixin
    ProgrammerOptions o = new ProgrammerOptions();

    @Option(names = "--fus-only", description = "Only bring FUS to what the release expects.")
    boolean fusOnly;

    @Option(names = "--chip", paramLabel = "PART", description = "The part on the board; needed only when the device ID and flash size leave a choice (512K: STM32WB55xE or STM32WB35/30).")
    String chip;

    @Option(names = "--anti-rollback", description = "Activate anti-rollback after the install (cannot be undone; asks to confirm).")
    boolean antiRollback;

    @Option(names = "--plan", paramLabel = "FILE|URL", description = "Run this plan (fuspath plan --json or GET /api/v1/plan); refused unless its id matches and it was made for the device as it is.")
    String planLocation;

    @Option(names = "--server-timeout", paramLabel = "SECONDS", description = "Longest one request to --server or to --plan URL may take, the whole answer included (default: 30 for a plan, 120 for a file).")
    Double serverTimeoutSeconds;

    @Option(names = "--simulator-state", paramLabel = "FILE", description = "The simulated device's state file (simulator backend).")
    Path simulatorState;

    @Option(names = "--journal", paramLabel = "FILE", description = "The journal. Default: fuspath/journal.jsonl in $XDG_STATE_HOME, else in ~/.local/state.")
    Path journalPath;

    @Option(names = "--dry-run", description = "Read the device and print the exact commands; send nothing that changes it.")
    boolean dryRun;

    @Option(names = "--delete-stack", description = "Delete the installed stack before the install even where FUS 2.x would upgrade it in place (keeping the pairing/bonding data); asks to confirm.")
    boolean deleteStack;

    @Option(names = "--resume", description = "Continue the journal's last unfinished run: read the device and plan again from where it stands.")
    boolean resume;

    @Option(names = "--json", description = "Print a stream of events, one JSON object per line, instead of text.")
    boolean json;

    @Option(names = "--progress", negatable = true, description = "Redraw each step's line in place while it runs, with its time and the programmer's own progress (download percentage, waiting for the firmware upgrade end). Default: at a terminal; never with --json.")
    Boolean progress;

    private final CatalogHolder holder;

    public FlashCommand(CatalogHolder holder) {
        this.holder = holder;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } catch (FlashException e) {
            err.println("fuspath flash: " + e.getMessage());
            if (e.fix() != null) {
                err.println("fix: " + e.fix());
            }
            return ExitCodes.of(e.reason());
        }
    }

    private int run(PrintWriter out, PrintWriter err) throws FlashException {
        Duration timeout = Duration.ofSeconds(Math.max(1, o.timeoutSeconds));
        int given = (o.target != null ? 1 : 0) + (fusOnly ? 1 : 0) + (planLocation != null ? 1 : 0) + (resume ? 1 : 0);
        if (given != 1) {
            throw new FlashException(FlashException.Reason.INVALID_INPUT, given == 0 ? "nothing to flash"
                    : "--target, --fus-only, --plan and --resume exclude each other",
                    "give one of --target STACK, --fus-only, --plan FILE or --resume");
        }
        String ifc = o.iface.strip().toLowerCase(Locale.ROOT);
        if (InterfaceKind.ofOption(ifc).isEmpty()) {
            throw new FlashException(FlashException.Reason.INVALID_INPUT, "--interface must be swd or usb", "give --interface swd or usb");
        }
        URI serverUri = o.server == null ? null : uri(o.server);
        EventPrinter printer = new EventPrinter(out, json, Terminal.showProgress(progress));
        Backend backend = backend(timeout, printer);
        Path journalFile = journalPath != null ? journalPath : Journal.defaultPath();
        if (serverTimeoutSeconds != null && !(serverTimeoutSeconds > 0 && serverTimeoutSeconds <= 3600)) {
            throw new FlashException(FlashException.Reason.INVALID_INPUT, "--server-timeout must be more than 0 and at most 3600 seconds",
                    "give --server-timeout 30, for example");
        }
        Duration planTimeout = serverTimeout(30);
        Plan givenPlan = planLocation == null ? null : FilePlan.load(planLocation, planTimeout);
        Boolean before = null;
        if (o.fusV2OnlyBefore != null) {
            String v = o.fusV2OnlyBefore.strip().toLowerCase(Locale.ROOT);
            if (!v.equals("yes") && !v.equals("no")) {
                throw new FlashException(FlashException.Reason.INVALID_INPUT, "--fus-v2-only-before must be yes or no, not '"
                        + (o.fusV2OnlyBefore.length() > 20 ? o.fusV2OnlyBefore.substring(0, 20) + "..." : o.fusV2OnlyBefore)
                        + "'", "give --fus-v2-only-before yes or no");
            }
            before = v.equals("yes");
        }
        List<String> dirs = o.firmwareDirs.stream().map(d -> d.toAbsolutePath().normalize().toString()).toList();
        FlashRequest request = (givenPlan != null ? fromPlan(givenPlan) : new FlashRequest(chip, o.target, o.release, ifc,
                antiRollback, null, null, deleteStack ? Boolean.TRUE : null))
                .withSources(serverUri == null ? null : serverUri.toString(), dirs);
        PlanSource offline = new OfflinePlans(holder.planner());
        PlanSource source = serverUri != null ? new ServerPlans(serverUri, planTimeout) : offline;
        Journal journal;
        try {
            journal = Journal.open(journalFile);
        } catch (Journal.InUseException e) {
            throw new FlashException(FlashException.Reason.IO, e.getMessage() + "; nothing was done",
                    "wait for that run to end (fuspath history lists it once it has), or pass --journal with"
                            + " another file");
        } catch (IOException e) {
            throw new FlashException(FlashException.Reason.IO, "cannot open the journal " + journalFile + ": " + e.getMessage(),
                    "pass --journal with a writable file");
        }
        URI fileServer = serverUri;
        List<Path> fileDirs = o.firmwareDirs;
        java.util.function.UnaryOperator<FlashRequest> resumedSources = java.util.function.UnaryOperator.identity();
        if (resume) {
            reportSkippedLines(journal, err);
            if (serverUri == null && o.firmwareDirs.isEmpty()) {
                // the files from where the run took them: its --firmware-dir folders and its --server
                java.util.Optional<FlashRequest> previous = resumedRequest(journal);
                fileServer = previous.map(FlashRequest::server).flatMap(FlashCommand::journaledUri).orElse(null);
                fileDirs = previous.map(FlashRequest::firmwareDirs).orElse(List.of()).stream().map(Path::of).toList();
            } else {
                // the sources given now take the place of the run's, and the resumed run journals them
                String givenServer = serverUri == null ? null : serverUri.toString();
                resumedSources = r -> r.withSources(givenServer, dirs);
            }
        } else if (serverUri == null && o.firmwareDirs.isEmpty()
                && (givenPlan == null || givenPlan.steps().stream().anyMatch(s -> s.file() != null))) {
            // a command-line mistake, found before the run starts: it is no refused run in the journal
            closeQuietly(journal);
            throw new FlashException(FlashException.Reason.INVALID_INPUT, "fuspath flash needs to know where the firmware files are;"
                    + " nothing was done", "give --firmware-dir DIR (an STM32CubeWB checkout, or any folder holding"
                    + " the .bin files) or --server URL (a fuspath service)");
        }
        try (journal; printer) {
            Flasher flasher = Flasher.builder().catalog(holder.catalog()).backend(backend)
                    .files(files(fileDirs, fileServer)).staging(journal.path().getParent().resolve("files"))
                    .journal(journal).listener(printer::print).confirmer(this::ask).dryRun(dryRun).yes(o.yes)
                    .fusV2OnlyBefore(before).chooser(this::choose).exitCodes(ExitCodes::of).build();
            Flasher.Result result = resume
                    ? flasher.resume(offline, s -> new ServerPlans(URI.create(s), planTimeout), resumedSources)
                    : flasher.flash(request, source, givenPlan);
            if (!json && result.run() != null && !dryRun) {
                out.println("journal: " + journal.path() + " (run " + result.run() + ")");
            }
            if (!result.ok() && !json) {
                err.println("fuspath flash: " + result.message());
                if (result.fix() != null) {
                    err.println("fix: " + result.fix());
                }
            }
            out.flush();
            return result.exitCode();
        } catch (IOException e) {
            throw new FlashException(FlashException.Reason.IO, "cannot close the journal " + journalFile + ": " + e.getMessage(),
                    "check the disk");
        }
    }

    /** Lines of the journal --resume cannot read are named (by number), not silently passed over. */
    private static void reportSkippedLines(Journal journal, PrintWriter err) {
        try {
            for (Journal.Skipped skipped : Journal.read(journal.path()).damaged()) {
                err.println("fuspath flash: " + skipped.describe(journal.path()));
            }
        } catch (IOException e) {
            // the resume reads it again and says why it cannot
        }
        err.flush();
    }

    /**
     * What the run {@code --resume} continues asked for, its file sources included (the --firmware-dir folders and
     * the --server it took its plan and files from): a resumed run uses the same sources.
     */
    private static java.util.Optional<FlashRequest> resumedRequest(Journal journal) {
        try {
            return dev.fuspath.executor.Runs.unfinished(dev.fuspath.executor.Runs.of(Journal.read(journal.path())
                    .events())).map(dev.fuspath.executor.Runs.Run::request);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty(); // the resume reads the journal again and says why it cannot
        }
    }

    /** A server URL as the journal holds it; a damaged one is no source (the resume says the files are missing). */
    private static java.util.Optional<URI> journaledUri(String server) {
        try {
            return java.util.Optional.of(URI.create(server));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static void closeQuietly(Journal journal) {
        try {
            journal.close();
        } catch (IOException e) {
            // nothing was written to it
        }
    }

    /** --server-timeout when given, else the default for that kind of request. */
    private Duration serverTimeout(long defaultSeconds) {
        return serverTimeoutSeconds == null ? Duration.ofSeconds(defaultSeconds)
                : Duration.ofMillis(Math.max(1, Math.round(serverTimeoutSeconds * 1000)));
    }

    private static FlashRequest fromPlan(Plan plan) {
        String to = plan.to().stack();
        String stack = to == null || to.equalsIgnoreCase("none") ? null : to.split(" ")[0];
        boolean rollback = plan.steps().stream().map(PlanStep::action).anyMatch(StepAction.ANTI_ROLLBACK::equals);
        return new FlashRequest(plan.chip().part(), stack, plan.release(), plan.iface(), rollback, null, null);
    }

    private PlanFiles files(List<Path> dirs, URI serverUri) {
        return FirmwareLookup.of(dirs, serverUri, serverTimeout(120), holder.catalog());
    }

    private Backend backend(Duration timeout, EventPrinter printer) throws FlashException {
        switch (o.backendName.strip().toLowerCase(Locale.ROOT)) {
            case "cubeprogrammer" -> {
                Path cli = o.programmer != null ? o.programmer : defaultProgrammer();
                try {
                    return new ProcessBackend(cli, timeout, printer::programmerLine);
                } catch (IllegalArgumentException e) {
                    throw new FlashException(FlashException.Reason.INVALID_INPUT, e.getMessage(), "pass --programmer PATH, or"
                            + " --backend simulator to try fuspath on a simulated device");
                }
            }
            case "simulator" -> {
                if (simulatorState == null) {
                    throw new FlashException(FlashException.Reason.INVALID_INPUT, "the simulator backend needs --simulator-state FILE",
                            "give --simulator-state FILE (with --simulate factory-1M to create it)");
                }
                SimulatorStateFile state = new SimulatorStateFile(simulatorState);
                try {
                    if (!Files.exists(simulatorState)) {
                        if (o.simulate == null) {
                            throw new FlashException(FlashException.Reason.INVALID_INPUT, simulatorState + " does not exist",
                                    "give --simulate factory-1M (or another state) to create it");
                        }
                        state.write(SimulatorStateFile.Stored.of(NamedStates.parse(o.simulate)));
                    }
                    state.read();
                } catch (IllegalArgumentException e) {
                    throw new FlashException(FlashException.Reason.INVALID_INPUT, e.getMessage(), "see fuspath flash --help");
                } catch (IOException e) {
                    throw new FlashException(FlashException.Reason.IO, e.getMessage(), "give another --simulator-state");
                }
                return new SimulatorBackend(state);
            }
            default -> throw new FlashException(FlashException.Reason.INVALID_INPUT, "--backend must be cubeprogrammer or simulator",
                    "give --backend cubeprogrammer or simulator");
        }
    }

    private static Path defaultProgrammer() {
        String env = System.getenv("STM32_PROGRAMMER_CLI");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(d).resolve("STM32_Programmer_CLI");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return Path.of("STM32_Programmer_CLI");
    }

    private static URI uri(String text) throws FlashException {
        try {
            URI u = URI.create(text.strip());
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new FlashException(FlashException.Reason.INVALID_INPUT, "--server must be an http(s) URL such as http://host:8080",
                    "give the address of a fuspath serve");
        }
    }

    /** A yes/no answer from a terminal; empty without one, or when the answer is neither. */
    private java.util.Optional<Boolean> choose(String question) {
        Console console = System.console();
        if (console == null) {
            return java.util.Optional.empty();
        }
        String answer = console.readLine("%s [yes/no] ", question);
        if (answer == null) {
            return java.util.Optional.empty();
        }
        String a = answer.strip().toLowerCase(java.util.Locale.ROOT);
        return a.equals("yes") ? java.util.Optional.of(true) : a.equals("no") ? java.util.Optional.of(false)
                : java.util.Optional.empty();
    }

    private boolean ask(String question) {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        String answer = console.readLine("%s [yes/no] ", question);
        return answer != null && answer.strip().equalsIgnoreCase("yes");
    }

    /**
     * Prints events as text for people, or as JSON lines for tools. For people, each step line names what the step
     * does ({@code [3/7] fus-upgrade 0.5.3 -> 1.2.0 stm32wb5x_FUS_fw_for_fus_0_5_3.bin @ 0x080EC000}), and the plan's
     * warnings come before the first write. Live (a terminal), the step line is redrawn in place while the step
     * runs, with the time it has taken and the programmer's own progress ({@link ProgrammerProgress}); otherwise
     * (piped) it is printed once, and its end on the same line.
     */
    static final class EventPrinter implements AutoCloseable {
        private static final ObjectMapper JSON = new ObjectMapper();
        /** Erases the rest of the line after a redraw (ANSI "erase in line"), for a terminal only. */
        private static final String CLEAR_TO_END = "\u001b[K";
        private final PrintWriter out;
        private final boolean json;
        private final boolean live;
        private int steps;
        private Plan plan;
        private String stepLine;
        private String status;
        private long stepStart;
        private java.util.concurrent.ScheduledExecutorService ticker;

        EventPrinter(PrintWriter out, boolean json) {
            this(out, json, false);
        }

        EventPrinter(PrintWriter out, boolean json, boolean live) {
            this.out = out;
            this.json = json;
            this.live = live && !json;
        }

        synchronized void print(FlashEvent e) {
            if (json) {
                try {
                    out.println(JSON.writeValueAsString(e));
                } catch (IOException ex) {
                    out.println("{\"type\":\"unprintable\"}");
                }
                out.flush();
                return;
            }
            switch (e.type()) {
                case RUN_START -> {
                    if (e.resumes() != null) {
                        out.println("resuming run " + e.resumes());
                    }
                }
                case PREFLIGHT -> out.println("device: " + e.message());
                case NOTE -> out.println("note: " + e.message());
                case PLAN -> {
                    out.println(e.message());
                    plan = e.plan();
                    steps = plan == null ? 0 : plan.steps().size();
                    if (plan != null) {
                        // before anything is written: what the plan warns of
                        plan.warnings().forEach(w -> out.println(w.startsWith("error: ") ? w : "warning: " + w));
                    }
                }
                case FILES -> out.println("files: " + e.message());
                case CONFIRM -> out.println((Boolean.TRUE.equals(e.ok()) ? "confirmed: " : "not confirmed: ")
                        + e.message());
                case DRY_RUN -> out.println("[" + e.step() + "/" + steps + "] " + describe(e)
                        + "\n    STM32_Programmer_CLI " + String.join(" ", e.command()));
                case STEP_START -> {
                    stepLine = "[" + e.step() + "/" + steps + "] " + describe(e);
                    status = null;
                    stepStart = System.nanoTime();
                    if (live) {
                        redraw();
                        startTicker();
                    } else {
                        out.print(stepLine + " ... ");
                    }
                }
                case RETRY -> {
                    if (live) {
                        out.print("\r" + CLEAR_TO_END);
                    } else {
                        out.println();
                    }
                    out.println("    retry: " + e.message());
                    status = null;
                    if (live) {
                        redraw();
                    } else {
                        out.print(stepLine + " ... ");
                    }
                }
                case STEP_END -> {
                    stopTicker();
                    String end = Boolean.TRUE.equals(e.ok()) ? "ok" + millis(e) : "FAILED";
                    if (live) {
                        out.println("\r" + stepLine + " ... " + end + CLEAR_TO_END);
                    } else {
                        out.println(end);
                    }
                    stepLine = null;
                }
                case RUN_END -> {
                    stopTicker();
                    if (stepLine != null) {
                        out.println(live ? "\r" + stepLine + " ... stopped" + CLEAR_TO_END : "stopped");
                        stepLine = null;
                    }
                    if (Boolean.TRUE.equals(e.ok())) {
                        out.println(e.message());
                    }
                }
                default -> {
                }
            }
            out.flush();
        }

        /** A line the programmer printed during the current step: shown live when it says how the step goes. */
        void programmerLine(String line) {
            if (!live) {
                return;
            }
            ProgrammerProgress.status(line).ifPresent(s -> {
                synchronized (this) {
                    if (stepLine != null) {
                        status = s;
                        redraw();
                    }
                }
            });
        }

        private synchronized void redraw() {
            if (stepLine == null) {
                return;
            }
            long seconds = (System.nanoTime() - stepStart) / 1_000_000_000L;
            out.print("\r" + stepLine + " ... " + seconds + " s" + (status == null ? "" : ", " + status) + CLEAR_TO_END);
            out.flush();
        }

        private void startTicker() {
            if (ticker == null) {
                ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "flash-progress");
                    t.setDaemon(true);
                    return t;
                });
                ticker.scheduleAtFixedRate(this::redraw, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
            }
        }

        private void stopTicker() {
            if (ticker != null) {
                ticker.shutdownNow();
                ticker = null;
            }
        }

        @Override
        public synchronized void close() {
            stopTicker();
        }

        /**
         * What a step does, from the plan: its action, the FUS versions it goes between, the stack it installs, its
         * file and the address the command writes it at ({@code -fwupgrade FILE ADDRESS}; the plan's otherwise).
         */
        String describe(FlashEvent e) {
            PlanStep step = plan == null || e.step() == null ? null : plan.steps().stream()
                    .filter(s -> s.n() == e.step()).findFirst().orElse(null);
            StringBuilder b = new StringBuilder(e.action() == null ? "step" : e.action().wire());
            if (step == null || !java.util.Objects.equals(step.action(), e.action())) {
                return b.toString();
            }
            if (step.fromFus() != null && step.toFus() != null) {
                b.append(' ').append(step.fromFus()).append(" -> ").append(step.toFus());
            } else if (step.expect() != null && step.expect().stack() != null && step.file() != null) {
                b.append(" -> ").append(step.expect().stack());
            }
            if (step.file() != null) {
                b.append(' ').append(step.file());
                String address = step.address();
                List<String> command = e.command() != null ? e.command() : step.command();
                for (int i = 0; command != null && i + 2 < command.size(); i++) {
                    if (command.get(i).equals("-fwupgrade") && command.get(i + 2).startsWith("0x")) {
                        address = command.get(i + 2);
                    }
                }
                if (address != null) {
                    b.append(" @ ").append(address);
                }
            }
            return b.toString();
        }

        private static String millis(FlashEvent e) {
            return e.programmerMs() == null ? "" : String.format(Locale.ROOT, " (%.1f s)", e.programmerMs() / 1000.0);
        }
    }
}
