package dev.fuspath.catalog;

import java.util.Map;

/**
 * A disagreement between what the footer, the release notes, the file name and other releases say.
 *
 * @param file     null when the anomaly concerns a family's notes as a whole
 * @param severity error (following the notes would fail or install the wrong thing), warning, or info
 * @param evidence the values that disagree, by name
 */
public record Anomaly(String tag, String family, String file, String code, String severity, String message,
                      Map<String, Object> evidence) {
}
