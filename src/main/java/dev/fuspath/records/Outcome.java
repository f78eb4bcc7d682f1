package dev.fuspath.records;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How one attempt at one board ended: a closed set, written in lower case in JSON and the query. */
public enum Outcome {
    /** every step done and verified: the board left the station on the target */
    PASSED,
    /** a step failed; the record's failure says which, why and what fixes it */
    FAILED,
    /** refused before any write (for example an application image that would reach the stack's flash) */
    REFUSED,
    /** stopped from outside: the operator, the station killed, the probe or board gone */
    ABORTED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Outcome> parse(String text) {
        return Arrays.stream(values()).filter(o -> o.json().equals(text)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Outcome::json).toList();
    }
}
