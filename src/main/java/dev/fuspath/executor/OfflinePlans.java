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
        int code = switch (e.status()) {
            case 400 -> FlashExit.USAGE;
            case 404 -> FlashExit.UNKNOWN;
            default -> FlashExit.NO_PLAN;
        };
        return new FlashException(code, e.getMessage(), "change --target or --release (fuspath plan lists what exists)");
    }

    @Override
    public String describe() {
        return "the bundled catalog";
    }
}
