package dev.fuspath.cli;

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

    /** Exit codes of fuspath flash (FlashExit's, named again here so that one table lists every code). */
    public static final int DEVICE_REFUSED = dev.fuspath.executor.FlashExit.DEVICE_REFUSED;
    public static final int FILES_REFUSED = dev.fuspath.executor.FlashExit.FILES_REFUSED;
    public static final int STEP_FAILED = dev.fuspath.executor.FlashExit.STEP_FAILED;
    public static final int UNKNOWN_EFFECT = dev.fuspath.executor.FlashExit.UNKNOWN_EFFECT;
    public static final int NOT_CONFIRMED = dev.fuspath.executor.FlashExit.NOT_CONFIRMED;
    public static final int NOTHING_TO_RESUME = dev.fuspath.executor.FlashExit.NOTHING_TO_RESUME;

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
}
