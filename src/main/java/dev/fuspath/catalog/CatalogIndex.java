package dev.fuspath.catalog;

import java.util.List;
import java.util.Map;

/**
 * {@code catalog/index.json}: the releases, newest first, and the stack top addresses derived from all of them.
 *
 * @param rules     fingerprint of the rules the catalog was derived under
 * @param stackTops family to flash size label to the address right above where stacks end
 */
public record CatalogIndex(int format, String rules, List<ReleaseSummary> releases,
                           Map<String, Map<String, String>> stackTops) {
    public static final int FORMAT = 1;

    public int binaryCount() {
        return releases.stream().mapToInt(ReleaseSummary::binaries).sum();
    }

    public int anomalyCount() {
        return releases.stream().mapToInt(ReleaseSummary::anomalies).sum();
    }
}
