package dev.fuspath.executor;

/** Exit codes of {@code fuspath flash} beyond the common ones (documented in the README). */
public final class FlashExit {
    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int IO = 4;
    public static final int INTERNAL = 5;
    /** the chip or release is unknown. */
    public static final int UNKNOWN = 6;
    /** no plan reaches the target from where the device is. */
    public static final int NO_PLAN = 7;
    /** pre-flight: no device answered, or it is not the chip or not in the state the plan was made for; nothing written. */
    public static final int DEVICE_REFUSED = 8;
    /** a file is missing, or not the file the plan names; nothing written. */
    public static final int FILES_REFUSED = 9;
    /** a step failed or the device is not what the step should have made it: stopped, journal says where. */
    public static final int STEP_FAILED = 10;
    /** a step's effect is unknown (hung, connection lost) and the device could not tell: power-cycle, --resume. */
    public static final int UNKNOWN_EFFECT = 11;
    /** the plan deletes a stack or activates anti-rollback and that was not confirmed. */
    public static final int NOT_CONFIRMED = 12;
    /** --resume found no unfinished run in the journal. */
    public static final int NOTHING_TO_RESUME = 13;

    private FlashExit() {
    }
}
