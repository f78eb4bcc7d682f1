package dev.fuspath.station;

/** Exit codes of {@code fuspath station} (documented in the README). */
public final class StationExit {
    /** every board that came passed, and every record reached the service (or no --records was given) */
    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int IO = 4;
    /** no lane: no probe answered -l, or none of those --lanes names */
    public static final int NO_LANES = 8;
    /** at least one board did not pass (failed, refused or aborted); its record says why */
    public static final int BOARD_FAILED = 10;
    /** --resume found no interrupted lane */
    public static final int NOTHING_TO_RESUME = 13;
    /** the records service refused the station's token (401/403); the records stay in the spool */
    public static final int RECORDS_REFUSED = 15;
    /** some records could not be uploaded (service unreachable); they stay in the spool for the next start */
    public static final int RECORDS_PENDING = 16;

    private StationExit() {
    }
}
