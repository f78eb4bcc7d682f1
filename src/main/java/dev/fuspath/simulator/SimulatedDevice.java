package dev.fuspath.simulator;

import dev.fuspath.programmer.ProgrammerCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An STM32WB part behind STM32_Programmer_CLI: {@link #run} executes one CLI invocation (the argument list a plan
 * step gives) and answers what the real tool prints. The facade over the simulator's three parts:
 * <ol>
 * <li>{@link FusModel.Arguments} reads the argument list into {@link dev.fuspath.programmer.ProgrammerCommand}s, the one
 *     argument grammar of the planner, the executor, the parser and the simulator; a list it refuses gets its
 *     message, printed as the (assumed) shape rules/programmer-output.json calls bad-arguments;</li>
 * <li>{@link Faults}, the fault plan, says whether a fault fires on this invocation and which command it hits;</li>
 * <li>{@link FusModel}, pure, turns the device state and the commands into a new state and {@link FusEvent}s (its
 *     rules, from AN5185 and the release notes, and its simplifications are listed there);</li>
 * <li>{@link TranscriptPrinter} prints the events in the shapes of real public logs (each shape names its log, or is
 *     marked assumed). The output starts with the command line, as a terminal shows it above a log, so that
 *     {@link dev.fuspath.programmer.ProgrammerOutputParser} attributes every line to the right operation; what the
 *     executor gets through {@link SimulatorBackend} (and the fake CLI of the tests) is the tool's own stdout,
 *     without it ({@link SimulatorBackend#stdout}).</li>
 * </ol>
 * Not thread-safe: one device, one caller.
 */
public final class SimulatedDevice {

    /** The STM32CubeProgrammer version the banner claims; the printer picks the corpus shapes closest to it. */
    public static final String TOOL_VERSION = "2.17.0";
    public static final long FUS_INFO_ADDRESS = FusModel.FUS_INFO_ADDRESS;
    public static final int DEFAULT_TOLERANCE_PAGES = 2;

    /**
     * One invocation's outcome.
     *
     * @param exitCode 0 when every command succeeded, 1 otherwise (also for a hung call)
     * @param output   what the CLI printed (for a hung call: what it printed before hanging)
     * @param state    the device after the call
     * @param hung     the call would not have returned before {@code hangFor}
     * @param hangFor  how long it would block; null unless hung
     */
    public record Result(int exitCode, String output, DeviceState state, boolean hung, Duration hangFor) {
        public boolean ok() {
            return exitCode == 0 && !hung;
        }
    }

    private DeviceState state;
    private final Faults faults;
    private final int tolerancePages;
    private final BitSet fired = new BitSet();
    private int calls;

    public SimulatedDevice(DeviceState initial) {
        this(initial, Faults.none(), DEFAULT_TOLERANCE_PAGES);
    }

    public SimulatedDevice(DeviceState initial, Faults faults) {
        this(initial, faults, DEFAULT_TOLERANCE_PAGES);
    }

    public SimulatedDevice(DeviceState initial, Faults faults, int tolerancePages) {
        this.state = initial;
        this.faults = faults;
        this.tolerancePages = tolerancePages;
    }

    public DeviceState state() {
        return state;
    }

    public int calls() {
        return calls;
    }

    public int tolerancePages() {
        return tolerancePages;
    }

    /** Largest image read from disk by {@link #imagesOnDisk}; coprocessor images are well under 1 MiB. */
    public static final long MAX_IMAGE = 4L * 1024 * 1024;

    /**
     * The files the arguments name after -fwupgrade, read from disk as the real tool would read them: file name to
     * bytes. A file that is missing, unreadable or larger than {@link #MAX_IMAGE} is left out, and the simulated tool
     * then reports it as missing.
     */
    public static Map<String, byte[]> imagesOnDisk(List<String> cliArgs) {
        Map<String, byte[]> m = new HashMap<>();
        for (String name : FusModel.Arguments.of(cliArgs).imageFiles()) {
            try {
                Path p = Path.of(name);
                if (Files.isRegularFile(p) && Files.size(p) <= MAX_IMAGE) {
                    m.put(name, Files.readAllBytes(p));
                }
            } catch (IOException | RuntimeException e) {
                // left out: reported by the simulated tool as a missing file
            }
        }
        return m;
    }

    /** Runs one STM32_Programmer_CLI invocation; {@code files} maps the file names used in the arguments to bytes. */
    public Result run(List<String> cliArgs, Map<String, byte[]> files) {
        calls++;
        List<String> args = List.copyOf(cliArgs);
        FusModel.Arguments parsed = FusModel.Arguments.of(args);
        FusModel.Injection injection = null;
        if (parsed.ok()) {
            int k = faults.due(calls, parsed.holds(ProgrammerCommand.FwUpgrade.class), fired);
            if (k >= 0) {
                fired.set(k);
                injection = new FusModel.Injection(faults.faults().get(k).kind(), Faults.target(parsed.commands()),
                        faults.random(calls));
            }
        }
        FusModel.Outcome outcome = FusModel.run(state, parsed, files == null ? Map.of() : files, injection,
                tolerancePages);
        String output = TranscriptPrinter.print(args, TOOL_VERSION, outcome.events());
        state = outcome.state();
        boolean hung = outcome.end() == FusModel.End.HUNG;
        return new Result(outcome.end() == FusModel.End.DONE ? 0 : 1, output, state, hung,
                hung ? faults.hangFor() : null);
    }

    /** Bytes an image of {@code size} bytes takes in flash, in whole pages. */
    static long roundUp(long size, int page) {
        return FusModel.roundUp(size, page);
    }
}
