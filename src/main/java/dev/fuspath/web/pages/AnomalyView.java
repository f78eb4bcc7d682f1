package dev.fuspath.web.pages;

import dev.fuspath.catalog.Anomaly;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** One anomaly as a page shows it: an id to link to, what its code means, and its evidence as text. */
public record AnomalyView(String id, Anomaly anomaly, String meaning, List<Evidence> evidence) {

    public record Evidence(String name, String value) {
    }

    /** The meaning of a code this version does not know (a catalog written by a newer fuspath). */
    private static final String OTHER = "A disagreement between the footer, the release notes, the file name and"
            + " other releases.";

    static AnomalyView of(String id, Anomaly a) {
        List<Evidence> evidence = new ArrayList<>();
        for (Map.Entry<String, Object> e : a.evidence() == null ? List.<Map.Entry<String, Object>>of() : a.evidence().entrySet()) {
            Object v = e.getValue();
            String text = v instanceof Collection<?> c ? String.join("\n", c.stream().map(String::valueOf).toList())
                    : String.valueOf(v);
            evidence.add(new Evidence(e.getKey(), text));
        }
        return new AnomalyView(id, a, dev.fuspath.catalog.AnomalyCode.of(a.code()).map(dev.fuspath.catalog.AnomalyCode::meaning)
                .orElse(OTHER), List.copyOf(evidence));
    }
}
