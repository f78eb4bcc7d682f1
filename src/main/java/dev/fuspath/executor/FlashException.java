package dev.fuspath.executor;

import java.util.Objects;

/**
 * A flash run cannot go on: {@link #reason} says where it stopped (for scripts: {@code cli.ExitCodes} turns it into
 * the documented exit code), {@code cause} and {@code fix} are for people.
 */
public final class FlashException extends Exception {

    /** Where a flash run stopped. A closed set: each has its one exit code in {@code cli.ExitCodes}. */
    public enum Reason {
        /** the request itself is wrong (an option, a plan file that is no plan); nothing was written. */
        INVALID_INPUT,
        /** the chip or release is unknown. */
        UNKNOWN_CHIP_OR_RELEASE,
        /** no plan reaches the target from where the device is. */
        NO_PLAN,
        /** pre-flight: no device answered, or it is not the chip or not in the state the plan was made for. */
        DEVICE_REFUSED,
        /** a file is missing, or not the file the plan names; nothing written. */
        FILES_REFUSED,
        /** a step failed or the device is not what the step should have made it: stopped, the journal says where. */
        STEP_FAILED,
        /** a step's effect is unknown (hung, connection lost) and the device could not tell: power-cycle, --resume. */
        UNKNOWN_EFFECT,
        /** the plan deletes a stack or activates anti-rollback and that was not confirmed. */
        NOT_CONFIRMED,
        /** --resume found no unfinished run in the journal. */
        NOTHING_TO_RESUME,
        /** a file, the journal, or a plan server could not be read or written. */
        IO
    }

    private final Reason reason;
    private final String fix;

    public FlashException(Reason reason, String cause, String fix) {
        super(cause);
        this.reason = Objects.requireNonNull(reason);
        this.fix = fix;
    }

    public Reason reason() {
        return reason;
    }

    public String fix() {
        return fix;
    }
}
