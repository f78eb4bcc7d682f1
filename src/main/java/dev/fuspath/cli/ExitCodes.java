package dev.fuspath.cli;

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

    private ExitCodes() {
    }
}
