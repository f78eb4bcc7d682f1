package dev.fuspath.executor;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.Faults;
import dev.fuspath.simulator.SimulatedDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated device behind a backend that injects one fault into the first programmer call of a chosen plan step
 * (told by the flasher's step-start events), and that can "kill fuspath" there: the call reaches the device, then
 * the flasher dies before it sees the answer. Every FUS version the device ever ran is recorded.
 */
final class FaultyDevice implements Backend {

    /** Thrown to stand for fuspath being killed: nothing in the flasher catches it. */
    static final class Killed extends Error {
        Killed() {
            super("fuspath killed", null, false, false);
        }
    }

    enum Fault { DISCONNECT, HANG, WRITE_ERROR, POWER_LOSS, KILL }

    private DeviceState state;
    private final Fault fault;
    private final int atStep;
    private int currentStep;
    private boolean fired;
    private int calls;
    private final List<FirmwareVersion> fusHistory = new ArrayList<>();

    FaultyDevice(DeviceState initial, Fault fault, int atStep) {
        this.state = initial;
        this.fault = fault;
        this.atStep = atStep;
        fusHistory.add(initial.fus());
    }

    /** Give this to the flasher's listener so the device knows which step is running. */
    void onEvent(FlashEvent e) {
        if (e.type() == FlashEvent.Type.STEP_START) {
            currentStep = e.step();
        } else if (e.type() == FlashEvent.Type.RUN_END) {
            currentStep = 0;
        }
    }

    @Override
    public Invocation run(List<String> arguments) {
        calls++;
        boolean hit = !fired && fault != null && currentStep == atStep;
        Faults faults = Faults.none();
        if (hit) {
            fired = true;
            faults = switch (fault) {
                case DISCONNECT -> Faults.seed(calls).onCall(1, Faults.Kind.DISCONNECT);
                case HANG -> Faults.seed(calls).onCall(1, Faults.Kind.HANG);
                case WRITE_ERROR -> Faults.seed(calls).onCall(1, Faults.Kind.WRITE_ERROR);
                case POWER_LOSS -> Faults.seed(calls).onCall(1, Faults.Kind.POWER_LOSS);
                case KILL -> Faults.none();
            };
        }
        SimulatedDevice.Result r = new SimulatedDevice(state, faults).run(arguments, SimulatedDevice.imagesOnDisk(arguments));
        state = r.state();
        if (!state.fus().equals(fusHistory.get(fusHistory.size() - 1))) {
            fusHistory.add(state.fus());
        }
        if (hit && fault == Fault.KILL) {
            throw new Killed();
        }
        return new Invocation(r.exitCode(), r.output(), r.hung());
    }

    DeviceState state() {
        return state;
    }

    List<FirmwareVersion> fusHistory() {
        return fusHistory;
    }

    boolean fired() {
        return fired;
    }
}
