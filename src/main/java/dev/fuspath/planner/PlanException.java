package dev.fuspath.planner;

import java.util.List;

/**
 * A plan that cannot be made, and why ({@link #reason()}); {@code available} lists what exists instead. How a reason
 * is answered (an HTTP problem, an exit code) is the adapters' business: {@code web.ProblemMappers} and
 * {@code cli.ExitCodes}.
 */
public class PlanException extends Exception {

    /** Why there is no plan. */
    public enum Reason {
        /** the input is malformed, out of range or contradicts itself. */
        INVALID_INPUT,
        /** a well-formed chip the rules do not know. */
        UNKNOWN_CHIP,
        /** a well-formed release the catalog does not hold (or a catalog without any). */
        UNKNOWN_RELEASE,
        /** the target does not exist for this chip in this release. */
        NO_SUCH_TARGET,
        /** the release's procedure does not cover this family, interface or request (anti-rollback over USB, ...). */
        NOT_COVERED,
        /** a rule of the release notes refuses it (FUS 2.0.0 over SWD, ...). */
        REFUSED_BY_RULE,
        /** the release gives no FUS image chain from the running FUS to what the target needs. */
        NO_FUS_ROUTE;

        /**
         * The inputs are fine and name things that exist, but no plan leads there: what a PlanSet answers per FUS
         * version instead of refusing the whole request.
         */
        public boolean noPlan() {
            return this == NO_SUCH_TARGET || this == NOT_COVERED || this == REFUSED_BY_RULE || this == NO_FUS_ROUTE;
        }
    }

    private final Reason reason;
    private final List<String> available;

    public PlanException(Reason reason, String message) {
        this(reason, message, List.of());
    }

    public PlanException(Reason reason, String message, List<String> available) {
        super(message);
        this.reason = reason;
        this.available = List.copyOf(available);
    }

    public Reason reason() {
        return reason;
    }

    public List<String> available() {
        return available;
    }
}
