package dev.fuspath.executor;

import dev.fuspath.simulator.SimulatedDevice;
import java.util.List;
import java.util.Map;

/** A backend whose device is the simulator; files are looked up by the name the command gives. */
public final class SimulatorBackend implements Backend {

    private final SimulatedDevice device;
    private final Map<String, byte[]> files;
    private int calls;

    public SimulatorBackend(SimulatedDevice device, Map<String, byte[]> files) {
        this.device = device;
        this.files = Map.copyOf(files);
    }

    @Override
    public Invocation run(List<String> arguments) {
        calls++;
        SimulatedDevice.Result result = device.run(arguments, files);
        return new Invocation(result.exitCode(), result.output(), result.hung());
    }

    public int calls() {
        return calls;
    }

    public SimulatedDevice device() {
        return device;
    }
}
