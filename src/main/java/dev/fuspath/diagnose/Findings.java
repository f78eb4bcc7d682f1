package dev.fuspath.diagnose;

import dev.fuspath.diagnose.Diagnosis.Finding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Collects findings; gives them errors first, then warnings, then info; in each group the findings that name a cause
 * before those that explain a printed code, each in the order of the log.
 */
final class Findings {

    private final List<Finding> list = new ArrayList<>();

    void add(String code, String severity, String message, Collection<Integer> evidence, String remedy) {
        add(code, severity, message, evidence, remedy, List.of());
    }

    void add(String code, String severity, String message, Collection<Integer> evidence, String remedy,
             List<String> causes) {
        list.add(new Finding(code, severity, message, List.copyOf(new TreeSet<>(evidence)), remedy, causes));
    }

    boolean has(String code) {
        return list.stream().anyMatch(f -> f.code().equals(code));
    }

    List<Finding> sorted() {
        List<Finding> out = new ArrayList<>(list);
        out.sort(Comparator.comparingInt((Finding f) -> rank(f.severity()))
                .thenComparing(Findings::isCode)
                .thenComparingInt(f -> f.evidence().isEmpty() ? Integer.MAX_VALUE : f.evidence().get(0)));
        return out;
    }

    /**
     * Whether a finding only explains a code the tool printed (FUS_IMG_NOT_FOUND), rather than naming a cause
     * (wrong-address): within a severity, causes come first, since the codes are their symptoms.
     */
    private static boolean isCode(Finding f) {
        return !f.code().equals(f.code().toLowerCase(java.util.Locale.ROOT));
    }

    static int rank(String severity) {
        return switch (severity) {
            case Diagnosis.ERROR -> 0;
            case Diagnosis.WARNING -> 1;
            default -> 2;
        };
    }
}
