package dev.fuspath.catalog;

import java.util.List;

/** One line of {@code catalog/index.json} and of {@code GET /api/v1/releases}. */
public record ReleaseSummary(String tag, String date, String commit, List<String> families, int binaries,
                             int anomalies) {
}
