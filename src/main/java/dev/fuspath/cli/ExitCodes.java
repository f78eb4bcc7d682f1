package dev.fuspath.cli;

import dev.fuspath.executor.FlashException;
import dev.fuspath.planner.PlanException;

/** Exit codes of the fuspath command, documented in the README. */
public final class ExitCodes {
    public static final int OK = 0;
    /** inspect: at least one file has an error finding; diagnose: the log has an error finding. */
    public static final int FINDINGS = 1;
    /** the command line itself is wrong (picocli's usage error code). */
    public static final int USAGE = 2;
    /** sync: nothing was written. */
    public static final int SYNC_FAILED = 3;
    /** a file to read does not exist or cannot be read. */
    public static final int IO_ERROR = 4;
    /** anything else: a bug. */
    public static final int INTERNAL = 5;
    /** plan: unknown chip or release. */
    public static final int UNKNOWN = 6;
    /** plan: the target does not exist for this chip in this release. */
    public static final int NO_PLAN = 7;
    /**
     * sync: the catalog was written, but the source no longer has a release the catalog held (its tag is gone, or
     * lost its binaries); that release was kept as it was, with a release-vanished anomaly. Not 3: the catalog did
     * change, and a script must tell "nothing written" from "written, but look".
     */
    public static final int SYNC_RELEASE_VANISHED = 14;

    /** flash: no device answered, or it is not the chip, or not in the state the plan was made for; nothing written. */
    public static final int DEVICE_REFUSED = 8;
    /** flash: a file is missing, or is not the file the plan names; nothing was written. */
    public static final int FILES_REFUSED = 9;
    /** flash: a step failed, or the device is not what the step should have made it. */
    public static final int STEP_FAILED = 10;
    /** flash: a step's effect is unknown and the device could not be read: power-cycle it, then --resume. */
    public static final int UNKNOWN_EFFECT = 11;
    /** flash: the plan deletes a stack or activates anti-rollback, and that was not confirmed. */
    public static final int NOT_CONFIRMED = 12;
    /** flash: --resume found no unfinished run in the journal. */
    public static final int NOTHING_TO_RESUME = 13;

    private ExitCodes() {
    }

    /** The one place a plan refusal becomes an exit code: 2 for input that is wrong, 6 unknown, 7 no plan. */
    public static int of(PlanException.Reason reason) {
        return switch (reason) {
            case INVALID_INPUT -> USAGE;
            case UNKNOWN_CHIP, UNKNOWN_RELEASE -> UNKNOWN;
            case NO_SUCH_TARGET, NOT_COVERED, REFUSED_BY_RULE, NO_FUS_ROUTE -> NO_PLAN;
        };
    }

    /**
     * The one place a flash stop becomes an exit code. The journal's run-end record keeps this number too
     * ({@code Flasher.Builder.exitCodes(ExitCodes::of)}), so {@code fuspath history} shows what the run exited with.
     */
    public static int of(FlashException.Reason reason) {
        return switch (reason) {
            case INVALID_INPUT -> USAGE;
            case IO -> IO_ERROR;
            case UNKNOWN_CHIP_OR_RELEASE -> UNKNOWN;
            case NO_PLAN -> NO_PLAN;
            case DEVICE_REFUSED -> DEVICE_REFUSED;
            case FILES_REFUSED -> FILES_REFUSED;
            case STEP_FAILED -> STEP_FAILED;
            case UNKNOWN_EFFECT -> UNKNOWN_EFFECT;
            case NOT_CONFIRMED -> NOT_CONFIRMED;
            case NOTHING_TO_RESUME -> NOTHING_TO_RESUME;
        };
    }
}
