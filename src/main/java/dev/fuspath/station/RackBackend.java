package dev.fuspath.station;

import dev.fuspath.executor.Backend;
import dev.fuspath.simulator.SimulatedRack;
import java.util.List;

/** The programmer of a simulated rack, in process: every call runs on the rack's folder. */
public final class RackBackend implements Backend {

    private final SimulatedRack rack;

    public RackBackend(SimulatedRack rack) {
        this.rack = rack;
    }

    @Override
    public Invocation run(List<String> arguments) {
        SimulatedRack.Result r = rack.run(arguments);
        return new Invocation(r.exitCode(), r.output(), r.hung());
    }

    public SimulatedRack rack() {
        return rack;
    }

    /** The rack's operator: takes the board off the probe and puts the next one on. */
    public Station.Operator operator() {
        return p -> rack.removeBoard(p.id());
    }
}
