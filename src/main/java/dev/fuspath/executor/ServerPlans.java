package dev.fuspath.executor;

import dev.fuspath.planner.Plan;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Plans asked of a fuspath server ({@code GET /api/v1/plan}), checked against the id they carry. */
public final class ServerPlans implements PlanSource {

    private final URI base;
    private final Duration timeout;

    public ServerPlans(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    @Override
    public Plan plan(FlashRequest r, String chip, String fus, String stack) throws FlashException {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("chip", chip);
        q.put("fus", fus);
        q.put("stack", stack);
        if (r.target() != null) {
            q.put("target", r.target());
        } else {
            q.put("fusOnly", "true");
        }
        if (r.release() != null) {
            q.put("release", r.release());
        }
        q.put("interface", r.iface());
        if (r.antiRollback()) {
            q.put("antiRollback", "true");
        }
        if (r.deleteAsked()) {
            q.put("deleteStack", "true");
        }
        String query = q.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String root = base.toString().replaceAll("/+$", "");
        URI uri = URI.create(root + "/api/v1/plan?" + query);
        return PlanDocuments.parse(PlanDocuments.get(uri, timeout, FlashException.Reason.NO_PLAN), "the plan from " + root);
    }

    @Override
    public String describe() {
        return "the fuspath server at " + base;
    }
}
