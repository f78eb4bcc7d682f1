package dev.fuspath.planner;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An executable plan. {@code id} is the SHA-256 of the canonical JSON of everything else, so the same inputs and
 * catalog always give the same id (it is also the HTTP ETag).
 */
public record Plan(String id, String release, ChipView chip, @JsonProperty("interface") String iface, State from,
                   State to, List<PlanStep> steps,
                   List<String> warnings) {

    /** The chip as the plan targets it. */
    public record ChipView(String part, String family, String flash, int pageSize, String deviceId) {
        static ChipView of(Chip chip) {
            return new ChipView(chip.part(), chip.family(), chip.flash(), chip.pageSize(), chip.deviceId());
        }
    }

    /** FUS version and stack ("none", or name and version). */
    public record State(String fus, String stack) {
    }

    Plan withId(String id) {
        return new Plan(id, release, chip, iface, from, to, steps, warnings);
    }
}
