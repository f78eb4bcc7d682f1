package dev.fuspath.records;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How one step of an attempt ended: a closed set, lower case in JSON. */
public enum StepOutcome {
    DONE, FAILED, SKIPPED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StepOutcome> parse(String text) {
        return Arrays.stream(values()).filter(o -> o.json().equals(text)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(StepOutcome::json).toList();
    }
}
