package dev.fuspath.executor;

import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanException;
import dev.fuspath.planner.Planner;

/** Plans made here, on the bundled (or given) catalog. */
public final class OfflinePlans implements PlanSource {

    private final Planner planner;

    public OfflinePlans(Planner planner) {
        this.planner = planner;
    }

    @Override
    public Plan plan(FlashRequest r, String chip, String fus, String stack) throws FlashException {
        try {
            return planner.plan(new Planner.Request(chip, fus, stack, r.target(), r.release(), r.iface(),
                    r.target() == null, r.antiRollback(), r.deleteAsked()));
        } catch (PlanException e) {
            throw fromPlanner(e);
        }
    }

    static FlashException fromPlanner(PlanException e) {
        // what to change depends on why there is no plan: a wrong chip or release is not fixed by another target
        return switch (e.reason()) {
            case INVALID_INPUT -> new FlashException(FlashException.Reason.INVALID_INPUT, e.getMessage(),
                    "correct the value the message names (fuspath plan --help lists the accepted forms)");
            case UNKNOWN_CHIP -> new FlashException(FlashException.Reason.UNKNOWN_CHIP_OR_RELEASE, e.getMessage(),
                    "give --chip as an STM32WB part number (GET /api/v1/chips lists them)");
            case UNKNOWN_RELEASE -> new FlashException(FlashException.Reason.UNKNOWN_CHIP_OR_RELEASE, e.getMessage(),
                    "give --release as a tag the catalog holds, or leave it out for the newest");
            case NO_SUCH_TARGET -> new FlashException(FlashException.Reason.NO_PLAN, e.getMessage(),
                    "change --target or --release (fuspath plan lists what exists)");
            case NOT_COVERED, REFUSED_BY_RULE -> new FlashException(FlashException.Reason.NO_PLAN, e.getMessage(),
                    "do what the message says (another --interface or --release, or FUS upgraded first)");
            case NO_FUS_ROUTE -> new FlashException(FlashException.Reason.NO_PLAN, e.getMessage(),
                    "choose a --release that ships a FUS image for this part's FUS (the message names them)");
        };
    }

    @Override
    public String describe() {
        return "the bundled catalog";
    }
}
