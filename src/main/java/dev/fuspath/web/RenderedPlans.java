package dev.fuspath.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanException;
import dev.fuspath.planner.PlanSet;
import dev.fuspath.planner.Planner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans already computed for one catalog snapshot, as the JSON bytes the API sends: a plan depends only on its
 * inputs and the catalog, and most requests repeat a few inputs. Bounded: when full it starts over.
 */
final class RenderedPlans {

    record Rendered(String id, byte[] json) {
    }

    static final int MAX_ENTRIES = 4096;

    private final Planner planner;
    private final ConcurrentHashMap<Planner.Request, Rendered> cache = new ConcurrentHashMap<>();

    RenderedPlans(Planner planner) {
        this.planner = planner;
    }

    Planner planner() {
        return planner;
    }

    int size() {
        return cache.size();
    }

    /** The plan, or with several comma-separated FUS versions the {@link PlanSet}, as JSON. */
    Rendered get(Planner.Request request, ObjectMapper json) throws PlanException {
        Rendered hit = cache.get(request);
        if (hit != null) {
            return hit;
        }
        Rendered rendered;
        if (Planner.severalFus(request.fus())) {
            PlanSet set = planner.plans(request);
            try {
                rendered = new Rendered(set.id(), json.writeValueAsBytes(set));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render plans " + set.id(), e);
            }
        } else {
            Plan plan = planner.plan(request);
            try {
                rendered = new Rendered(plan.id(), json.writeValueAsBytes(plan));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render plan " + plan.id(), e);
            }
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(request, rendered);
        return rendered;
    }
}
