package dev.fuspath.catalog;

import java.util.List;
import java.util.Map;

/**
 * {@code catalog/index.json}: the releases, newest first, and the stack top addresses derived from all of them.
 *
 * @param stackTops family to flash size label to the address right above where stacks end
 */
public record CatalogIndex(int format, List<ReleaseSummary> releases, Map<String, Map<String, String>> stackTops) {
    public static final int FORMAT = 1;
}
