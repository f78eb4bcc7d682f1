package dev.fuspath.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a catalog binary is, as the API names it. */
public enum Kind {
    FUS, STACK, SAFEBOOT, PLACEHOLDER, INVALID, OTHER;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
