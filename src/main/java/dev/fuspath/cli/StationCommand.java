package dev.fuspath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fuspath.executor.Backend;
import dev.fuspath.executor.FlashEvent;
import dev.fuspath.executor.Journal;
import dev.fuspath.executor.OfflinePlans;
import dev.fuspath.executor.ProcessBackend;
import dev.fuspath.executor.ServerPlans;
import dev.fuspath.records.BoardRecord;
import dev.fuspath.records.RecordJson;
import dev.fuspath.simulator.NamedStates;
import dev.fuspath.simulator.RackSpec;
import dev.fuspath.simulator.SimulatedRack;
import dev.fuspath.station.AppImage;
import dev.fuspath.station.HttpRecordUploader;
import dev.fuspath.station.LaneStatus;
import dev.fuspath.station.RackBackend;
import dev.fuspath.station.RecordSpool;
import dev.fuspath.station.RecordSync;
import dev.fuspath.station.RecordUploader;
import dev.fuspath.station.Station;
import dev.fuspath.station.StationExit;
import dev.fuspath.station.StationListener;
import dev.fuspath.app.CatalogHolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "station", mixinStandardHelpOptions = true, resourceBundle = "dev.fuspath.cli.StationCommand",
        description = {
        "Flash boards on a production line, one lane per probe (STM32_Programmer_CLI -l st-link, or -l usb), in"
                + " parallel: each board from the FUS it arrived with to the target, then the application image, with"
                + " a record per board and attempt, kept locally and uploaded to --records.",
        "Exit status: 0 every board passed and every record reached the service, 2 bad command line, 4 a file or"
                + " folder unusable (or a lane stopped, keeping its board for --resume), 8 no lane, 10 a board did"
                + " not pass, 13 nothing to resume, 15 the records service refused the token, 16 records kept"
                + " locally, not uploaded (uploaded at the next start)."})
public class StationCommand implements Callable<Integer> {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    /** The options flash and station share; their descriptions differ: FlashCommand.properties, StationCommand.properties. */
    @Mixin
    ProgrammerOptions o = new ProgrammerOptions();

    @Option(names = "--app", paramLabel = "FILE[@ADDRESS]", description = "The product's CPU1 image, written last (default address 0x08000000); refused before any write when it would reach the stack's secure area.")
    String app;

    @Option(names = "--lanes", paramLabel = "auto|SN,...", defaultValue = "auto", description = "Which probes to use: auto (every one found) or serial numbers / usbN, comma-separated.")
    String lanes;

    @Option(names = "--records", paramLabel = "URL", description = "A fuspath service to upload the records to (POST /api/v1/records).")
    String records;

    @Option(names = "--records-token-file", paramLabel = "FILE", description = "The station's bearer token (default: $FUSPATH_RECORDS_TOKEN).")
    Path tokenFile;

    @Option(names = "--station", paramLabel = "NAME", description = "This station's name in the records (default: the host name).")
    String station;

    @Option(names = "--operator", paramLabel = "NAME", description = "Who runs the line, in the records.")
    String operator;

    @Option(names = "--once", description = "One board per lane, then stop.")
    boolean once;

    @Option(names = "--loop", description = "Board after board until stopped (Ctrl-C), a lane's probe is gone, or --idle-timeout.")
    boolean loop;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "A lane stops after waiting this long for a board (default: never with --loop, 60 with --once).")
    Double idleTimeout;

    @Option(names = "--max-boards", paramLabel = "N", defaultValue = "0", description = "A lane stops after N boards (0: no limit).")
    int maxBoards;

    @Option(names = "--poll", paramLabel = "MILLISECONDS", defaultValue = "1000", description = "How often a lane looks for a board (default: 1000).")
    long pollMillis;

    @Option(names = "--resume", description = "Continue every lane that was interrupted with a board on it.")
    boolean resume;

    @Option(names = "--upload-only", description = "Upload the records kept locally, then stop.")
    boolean uploadOnly;

    @Option(names = "--json", description = "One JSON object per line: the flash events of every lane (as flash --json) tagged with lane and board, the records, the summary.")
    boolean json;

    @Option(names = "--state", paramLabel = "DIR", description = "The station's folder: lane journals, the record spool, verified files (default: $XDG_STATE_HOME/fuspath/station).")
    Path stateDir;

    @Option(names = "--simulator-state", paramLabel = "DIR", description = "The simulated rack's folder (default: STATE/rack).")
    Path simulatorState;

    @Option(names = "--simulate-rack", paramLabel = "SPEC|FILE", description = "Create the simulated rack from a SPEC or from a JSON file. A SPEC gives N probes and the FUS versions they cycle over, as in 8:fus=1.2.0 (the README lists its other parts).")
    String simulateRack;

    private final CatalogHolder holder;
    private volatile boolean summaryPrinted;

    public StationCommand(CatalogHolder holder) {
        this.holder = holder;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } catch (UsageException e) {
            err.println("fuspath station: " + e.getMessage());
            err.flush();
            return e.code;
        }
    }

    private static final class UsageException extends Exception {
        final int code;

        UsageException(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private int run(PrintWriter out, PrintWriter err) throws UsageException {
        String ifc = o.iface.strip().toLowerCase(Locale.ROOT);
        if (dev.fuspath.programmer.InterfaceKind.ofOption(ifc).isEmpty()) {
            throw new UsageException(StationExit.USAGE, "--interface must be swd or usb");
        }
        if (once && loop) {
            throw new UsageException(StationExit.USAGE, "--once and --loop exclude each other");
        }
        if (!uploadOnly && !resume && o.target == null) {
            throw new UsageException(StationExit.USAGE, "give --target STACK (or --resume, or --upload-only)");
        }
        if (resume && o.target == null) {
            throw new UsageException(StationExit.USAGE, "--resume needs the same --target the interrupted run had");
        }
        String name = station != null ? station : hostName();
        if (!NAME.matcher(name).matches()) {
            throw new UsageException(StationExit.USAGE, "--station must be 1 to 64 letters, digits or . _ -");
        }
        if (operator != null && (operator.isBlank() || operator.length() > 64 || operator.chars().anyMatch(Character::isISOControl))) {
            throw new UsageException(StationExit.USAGE, "--operator must be 1 to 64 characters, no control characters");
        }
        if (pollMillis < 1 || pollMillis > 60_000 || maxBoards < 0 || o.timeoutSeconds < 1) {
            throw new UsageException(StationExit.USAGE, "--poll must be 1 to 60000 ms, --max-boards 0 or more, --timeout 1 or more");
        }
        if (idleTimeout != null && !(idleTimeout >= 0 && idleTimeout <= 86_400)) {
            throw new UsageException(StationExit.USAGE, "--idle-timeout must be 0 to 86400 seconds");
        }
        Boolean before = null;
        if (o.fusV2OnlyBefore != null) {
            String v = o.fusV2OnlyBefore.strip().toLowerCase(Locale.ROOT);
            if (!v.equals("yes") && !v.equals("no")) {
                throw new UsageException(StationExit.USAGE, "--fus-v2-only-before must be yes or no");
            }
            before = v.equals("yes");
        }
        AppImage appImage = null;
        if (app != null) {
            try {
                appImage = AppImage.parse(app);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage().contains("cannot read") || e.getMessage().contains("folder")
                        ? StationExit.IO : StationExit.USAGE, e.getMessage());
            }
        }
        List<String> laneIds = lanes.strip().equalsIgnoreCase("auto") ? List.of()
                : List.of(lanes.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (laneIds.size() > 64 || laneIds.stream().anyMatch(s -> !NAME.matcher(s).matches())) {
            throw new UsageException(StationExit.USAGE, "--lanes must be auto or serial numbers / usbN, comma-separated");
        }
        Path state = stateDir != null ? stateDir : Journal.defaultPath().getParent().resolve("station");
        RecordUploader uploader = records == null ? null : uploader(records);
        Backend backend = uploadOnly ? null : backend(state);

        try (RecordSpool spool = RecordSpool.open(state.resolve("records.jsonl"))) {
            if (spool.skipped() > 0) {
                err.println("fuspath station: " + spool.skipped() + " damaged line(s) of " + spool.path()
                        + " were skipped (a line cut short by a kill)");
            }
            RecordSync sync = uploader == null ? null : new RecordSync(spool, uploader, Duration.ofSeconds(10));
            if (sync != null) {
                RecordUploader.Answer check = uploader.upload(List.of());
                if (check.status() == RecordUploader.Status.REFUSED) {
                    err.println("fuspath station: " + check.message() + "; nothing was flashed ("
                            + spool.pendingCount() + " record(s) kept in " + spool.path() + ")");
                    err.println("fix: give this station's token (--records-token-file or FUSPATH_RECORDS_TOKEN); the"
                            + " service keeps its SHA-256 as fuspath.records.tokens." + name);
                    return StationExit.RECORDS_REFUSED;
                }
            }
            if (uploadOnly) {
                if (sync == null) {
                    throw new UsageException(StationExit.USAGE, "--upload-only needs --records URL");
                }
                RecordUploader.Answer a = sync.uploadPending();
                int left = spool.pendingCount();
                out.println(left == 0 ? "every record is uploaded (" + spool.all().size() + " in " + spool.path() + ")"
                        : left + " record(s) not uploaded: " + a.message());
                out.flush();
                return left == 0 ? StationExit.OK : a.status() == RecordUploader.Status.REFUSED
                        ? StationExit.RECORDS_REFUSED : StationExit.RECORDS_PENDING;
            }
            View view = new View(out, json, System.console() != null && !json);
            Station.Operator remover = backend instanceof RackBackend rb ? rb.operator() : Station.Operator.PERSON;
            Duration idle = idleTimeout != null ? Duration.ofMillis(Math.round(idleTimeout * 1000))
                    : loop ? null : Duration.ofSeconds(60);
            URI serverUri = null;
            if (o.server != null) {
                try {
                    serverUri = URI.create(o.server.strip());
                    if (serverUri.getScheme() == null || !serverUri.getScheme().startsWith("http")
                            || serverUri.getHost() == null) {
                        throw new IllegalArgumentException();
                    }
                } catch (IllegalArgumentException e) {
                    throw new UsageException(StationExit.USAGE, "--server must be an http(s) URL such as"
                            + " http://host:8080");
                }
            }
            Station.Config config = new Station.Config(holder.catalog(), null, serverUri != null
                    ? new ServerPlans(serverUri, Duration.ofSeconds(30)) : new OfflinePlans(holder.planner()),
                    FirmwareLookup.of(o.firmwareDirs, serverUri, Duration.ofSeconds(120), holder.catalog()), backend,
                    state, o.target, o.release, ifc, appImage, laneIds, name, operator, !loop, o.yes, before,
                    Duration.ofMillis(pollMillis), Duration.ofMillis(Math.min(1000, pollMillis)), idle, maxBoards,
                    remover, view, null, ExitCodes::of);
            Station st = new Station(config, spool, sync);
            Thread hook = new Thread(() -> {
                st.stop();
                printSummary(view, st, out);
            }, "station-summary");
            Runtime.getRuntime().addShutdownHook(hook);
            if (sync != null) {
                sync.start();
            }
            Station.Report report;
            try {
                report = st.run(resume);
            } finally {
                if (sync != null) {
                    sync.close();
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook prints
            }
            printSummary(view, st, out);
            if (report.message() != null) {
                err.println("fuspath station: " + report.message());
            }
            err.flush();
            return report.exitCode();
        } catch (IOException e) {
            err.println("fuspath station: " + e.getMessage());
            return StationExit.IO;
        }
    }

    private synchronized void printSummary(View view, Station st, PrintWriter out) {
        if (summaryPrinted) {
            return;
        }
        summaryPrinted = true;
        if (json) {
            ObjectNode n = JSON.createObjectNode();
            n.put("type", "station-summary");
            n.put("passed", st.summary().passed());
            n.put("failed", st.summary().failed());
            n.putPOJO("byCause", st.summary().byCause());
            n.putPOJO("fusOnArrival", st.summary().fusOnArrival());
            view.line(n.toString());
        } else {
            view.line(st.summary().describe());
        }
        out.flush();
    }

    private RecordUploader uploader(String url) throws UsageException {
        URI u;
        try {
            u = URI.create(url.strip());
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(StationExit.USAGE, "--records must be an http(s) URL such as http://host:8080");
        }
        String token;
        if (tokenFile != null) {
            try {
                if (!Files.isRegularFile(tokenFile) || Files.size(tokenFile) > 4096) {
                    throw new UsageException(StationExit.IO, tokenFile + " is not a token file (a regular file of"
                            + " at most 4096 bytes)");
                }
                token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UsageException(StationExit.IO, "cannot read " + tokenFile + ": " + e.getMessage());
            }
        } else {
            token = System.getenv("FUSPATH_RECORDS_TOKEN");
        }
        if (token == null || token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7E)) {
            throw new UsageException(StationExit.USAGE, "--records needs the station's token: --records-token-file"
                    + " FILE or FUSPATH_RECORDS_TOKEN (printable characters, no spaces)");
        }
        return new HttpRecordUploader(u, token, Duration.ofSeconds(10));
    }

    private Backend backend(Path state) throws UsageException {
        switch (o.backendName.strip().toLowerCase(Locale.ROOT)) {
            case "cubeprogrammer" -> {
                if (simulateRack != null || o.simulate != null) {
                    throw new UsageException(StationExit.USAGE, "--simulate-rack and --simulate need --backend simulator");
                }
                Path cli = o.programmer != null ? o.programmer : Path.of(System.getenv().getOrDefault(
                        "STM32_PROGRAMMER_CLI", "STM32_Programmer_CLI"));
                try {
                    return new ProcessBackend(cli, Duration.ofSeconds(o.timeoutSeconds));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(StationExit.USAGE, e.getMessage());
                }
            }
            case "simulator" -> {
                Path dir = simulatorState != null ? simulatorState : state.resolve("rack");
                try {
                    if (!Files.exists(dir.resolve("rack.json"))) {
                        if (simulateRack == null && o.simulate == null) {
                            throw new UsageException(StationExit.USAGE, dir + " holds no simulated rack: give"
                                    + " --simulate-rack N:fus=VERSION,... (or --simulate STATE) to create it");
                        }
                        SimulatedRack.create(dir, rackSpec());
                    }
                    SimulatedRack rack = new SimulatedRack(dir);
                    rack.serials();
                    return new RackBackend(rack);
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new UsageException(StationExit.IO, e.getMessage());
                }
            }
            default -> throw new UsageException(StationExit.USAGE, "--backend must be cubeprogrammer or simulator");
        }
    }

    private RackSpec rackSpec() throws UsageException {
        try {
            if (o.simulate != null) {
                return new RackSpec(List.of(new RackSpec.Probe(RackSpec.serial(0), false, List.of(
                        new RackSpec.Board(RackSpec.uid(0, 0), NamedStates.parse(o.simulate), null, null)))));
            }
            String text = simulateRack;
            if (!simulateRack.strip().matches("\\d{1,3}(:.*)?") && !simulateRack.strip().startsWith("{")) {
                Path f = Path.of(simulateRack);
                if (!Files.isRegularFile(f) || Files.size(f) > 1024 * 1024) {
                    throw new UsageException(StationExit.USAGE, "--simulate-rack: '" + abbreviate(simulateRack)
                            + "' is neither N:fus=VERSION,... nor a JSON file of at most 1 MiB");
                }
                text = Files.readString(f, StandardCharsets.UTF_8);
            }
            return RackSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(StationExit.USAGE, "--simulate-rack: " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException(StationExit.IO, "--simulate-rack: " + e.getMessage());
        }
    }

    private static String abbreviate(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "station";
            }
        }
        String s = h.replaceAll("[^A-Za-z0-9._-]", "-");
        return s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0)) ? "station"
                : s.length() > 64 ? s.substring(0, 64) : s;
    }

    /** The live view: one line per lane, redrawn in place on a terminal; plain lines when piped; JSON lines. */
    static final class View implements StationListener {
        private final PrintWriter out;
        private final boolean json;
        private final boolean tty;
        private final Map<String, LaneStatus> lanes = new LinkedHashMap<>();
        private int drawn;
        private long lastDraw;

        View(PrintWriter out, boolean json, boolean tty) {
            this.out = out;
            this.json = json;
            this.tty = tty;
        }

        synchronized void line(String text) {
            out.println(text);
            out.flush();
            drawn = 0;
        }

        @Override
        public synchronized void status(LaneStatus s) {
            LaneStatus before = lanes.put(s.lane(), s);
            if (json) {
                return;
            }
            if (tty) {
                long now = System.nanoTime();
                if (now - lastDraw < 100_000_000L && s.state().equals("flashing")) {
                    return;
                }
                lastDraw = now;
                if (drawn > 0) {
                    out.print("\u001B[" + drawn + "F");
                }
                for (LaneStatus l : lanes.values()) {
                    out.print("\u001B[2K" + describe(l) + "\n");
                }
                drawn = lanes.size();
                out.flush();
            } else if (before == null || !before.state().equals(s.state()) || before.step() != s.step()) {
                out.println(describe(s));
                out.flush();
            }
        }

        @Override
        public synchronized void flashEvent(String lane, String board, FlashEvent event) {
            if (!json) {
                return;
            }
            ObjectNode n = JSON.valueToTree(event);
            n.put("lane", lane);
            n.put("board", board);
            out.println(n.toString());
            out.flush();
        }

        @Override
        public synchronized void record(String lane, BoardRecord record) {
            if (!json) {
                return;
            }
            ObjectNode n = JSON.createObjectNode();
            n.put("type", "station-record");
            n.put("lane", lane);
            n.put("board", record.boardUid());
            n.set("record", RecordJson.node(record));
            out.println(n.toString());
            out.flush();
        }

        @Override
        public synchronized void message(String lane, String text) {
            if (json) {
                ObjectNode n = JSON.createObjectNode();
                n.put("type", "station-note");
                n.put("lane", lane);
                n.put("message", text);
                out.println(n.toString());
                out.flush();
            }
        }

        static String describe(LaneStatus s) {
            List<String> parts = new ArrayList<>();
            parts.add(String.format(Locale.ROOT, "%-24s", s.lane()));
            parts.add(s.board() == null ? String.format(Locale.ROOT, "%-24s", "-") : s.board());
            parts.add(s.steps() == 0 ? "     " : String.format(Locale.ROOT, "%2d/%-2d", s.step(), s.steps()));
            parts.add(String.format(Locale.ROOT, "%-12s", s.state()));
            if (s.since() != null) {
                parts.add(String.format(Locale.ROOT, "%6.1fs", Duration.between(s.since(), Instant.now()).toMillis()
                        / 1000.0));
            }
            if (s.file() != null) {
                parts.add(s.file());
            }
            if (s.outcome() != null) {
                parts.add(s.outcome().toUpperCase(Locale.ROOT));
            }
            if (s.message() != null && !s.state().equals("flashing")) {
                parts.add(s.message().length() > 100 ? s.message().substring(0, 100) + "..." : s.message());
            }
            return String.join("  ", parts);
        }
    }
}
