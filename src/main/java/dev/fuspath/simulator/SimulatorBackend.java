package dev.fuspath.simulator;

import dev.fuspath.executor.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The executor's {@link Backend} over the simulator (issue 12: it lives here, so that {@code executor} knows nothing
 * of the simulator). A backend whose device is the simulator: in memory, or in a state file that survives the process. Files named in
 * a command are taken from the given map, else read from disk (the flasher passes paths of verified copies).
 */
public final class SimulatorBackend implements Backend {

    private final SimulatedDevice device;
    private final SimulatorStateFile stateFile;
    private final Map<String, byte[]> files;
    private int calls;

    public SimulatorBackend(SimulatedDevice device, Map<String, byte[]> files) {
        this.device = device;
        this.stateFile = null;
        this.files = Map.copyOf(files);
    }

    public SimulatorBackend(SimulatedDevice device) {
        this(device, Map.of());
    }

    public SimulatorBackend(SimulatorStateFile stateFile) {
        this.device = null;
        this.stateFile = stateFile;
        this.files = Map.of();
    }

    @Override
    public Invocation run(List<String> arguments) {
        calls++;
        Map<String, byte[]> available = filesFor(arguments);
        if (device != null) {
            SimulatedDevice.Result result = device.run(arguments, available);
            return new Invocation(result.exitCode(), stdout(result.output()), result.hung());
        }
        try {
            SimulatorStateFile.Outcome o = stateFile.run(arguments, available);
            String output = o.garbage() ? "\u0000\u00ff\u0013garbage" : stdout(o.result().output());
            return new Invocation(o.result().exitCode(), output, o.result().hung());
        } catch (IOException e) {
            throw new UncheckedIOException("the simulated device's state file cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * What the real tool writes to its standard output, which is what the executor reads: the simulator's transcript
     * without the command line a terminal shows above it.
     */
    public static String stdout(String transcript) {
        return transcript.startsWith(TranscriptPrinter.Shape.COMMAND_LINE.template().substring(0, 21))
                ? transcript.substring(transcript.indexOf('\n') + 1) : transcript;
    }

    private Map<String, byte[]> filesFor(List<String> arguments) {
        Map<String, byte[]> m = new HashMap<>(SimulatedDevice.imagesOnDisk(arguments));
        m.putAll(files);
        return m;
    }

    public int calls() {
        return calls;
    }

    /** The in-memory device; null for a state-file backend. */
    public SimulatedDevice device() {
        return device;
    }
}
