package dev.fuspath.executor;

import dev.fuspath.planner.Plan;

/** Where a flash run's plan comes from: made offline, asked of a fuspath server, or loaded from a file. */
public interface PlanSource {

    /**
     * The plan that takes this device, as read, to what was asked.
     *
     * @param chip  the part, already checked against the device
     * @param fus   the FUS version the device runs
     * @param stack the installed stack as the planner takes it ("none", "BLE_Stack_full 1.13.0")
     */
    Plan plan(FlashRequest request, String chip, String fus, String stack) throws FlashException;

    String describe();
}
