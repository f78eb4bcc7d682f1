package dev.fuspath.executor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How a flash run ended, as its run-end event, the journal and {@code fuspath history} spell it. */
public enum RunOutcome {
    /** every step ran and the device is as planned. */
    COMPLETED("completed"),
    /** the device was already as planned: nothing was written. */
    UP_TO_DATE("up-to-date"),
    /** --dry-run: the commands were printed, nothing was sent. */
    DRY_RUN("dry-run"),
    /** the run stopped after it had written to the device. */
    STOPPED("stopped"),
    /** the run stopped before writing anything. */
    REFUSED("refused"),
    /** history only: the journal has no run-end for the run (killed, power lost). */
    INTERRUPTED("interrupted");

    private final String wire;

    RunOutcome(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Whether {@code --resume} has nothing left to do after a run that ended so. */
    public boolean finished() {
        return this == COMPLETED || this == UP_TO_DATE;
    }

    @JsonCreator
    public static RunOutcome of(String wire) {
        return Arrays.stream(values()).filter(o -> o.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown run outcome '" + wire + "'"));
    }

    @Override
    public String toString() {
        return wire;
    }
}
