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
    private final ConcurrentHashMap<Planner.Request, Rendered> linked = new ConcurrentHashMap<>();

    RenderedPlans(Planner planner) {
        this.planner = planner;
    }

    Planner planner() {
        return planner;
    }

    int size() {
        return cache.size();
    }

    /**
     * The same JSON with a {@code download} link on every step that flashes a file, for a service that keeps a
     * mirror: {@code /api/v1/binaries/{sha256}/content?name=FILE}, the file named as the step names it. The link is
     * not part of the plan (its id, and what fuspath flash reads back, are those of {@link #get}).
     */
    Rendered get(Planner.Request request, ObjectMapper json, boolean links) throws PlanException {
        if (!links) {
            return get(request, json);
        }
        Rendered hit = linked.get(request);
        if (hit != null) {
            return hit;
        }
        Rendered plain = get(request, json);
        Rendered rendered;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = json.readTree(plain.json());
            addLinks(tree);
            rendered = new Rendered(plain.id(), json.writeValueAsBytes(tree));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot add links to plan " + plain.id(), e);
        }
        if (linked.size() >= MAX_ENTRIES) {
            linked.clear();
        }
        linked.put(request, rendered);
        return rendered;
    }

    /** Every step (an object with action, file and sha256) of a plan or of each plan of a set gets its link. */
    private static void addLinks(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            if (o.has("action") && o.path("file").isTextual() && o.path("sha256").isTextual()) {
                o.put("download", BinaryContentResource.link(o.get("sha256").asText(), o.get("file").asText()));
            }
            o.elements().forEachRemaining(RenderedPlans::addLinks);
        } else if (node != null && node.isArray()) {
            node.elements().forEachRemaining(RenderedPlans::addLinks);
        }
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
