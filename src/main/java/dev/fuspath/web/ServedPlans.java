package dev.fuspath.web;

import dev.fuspath.app.CatalogHolder;
import dev.fuspath.planner.Planner;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;

/** The rendered plans of the planner being served: a sync that swaps the catalog starts a new cache with it. */
@ApplicationScoped
public class ServedPlans {

    private final CatalogHolder holder;
    private final AtomicReference<RenderedPlans> current = new AtomicReference<>();

    public ServedPlans(CatalogHolder holder) {
        this.holder = holder;
    }

    RenderedPlans current() {
        Planner planner = holder.planner();
        RenderedPlans plans = current.get();
        if (plans == null || plans.planner() != planner) {
            RenderedPlans fresh = new RenderedPlans(planner);
            plans = current.compareAndSet(plans, fresh) ? fresh : current.get();
            if (plans == null || plans.planner() != planner) {
                plans = fresh; // another swap raced this one: answer from the planner asked for
            }
        }
        return plans;
    }
}
