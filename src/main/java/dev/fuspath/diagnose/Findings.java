package dev.fuspath.diagnose;

import dev.fuspath.diagnose.Diagnosis.Finding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** Collects findings; gives them errors first, then warnings, then info, each group in the order of the log. */
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
                .thenComparingInt(f -> f.evidence().isEmpty() ? Integer.MAX_VALUE : f.evidence().get(0)));
        return out;
    }

    static int rank(String severity) {
        return switch (severity) {
            case Diagnosis.ERROR -> 0;
            case Diagnosis.WARNING -> 1;
            default -> 2;
        };
    }
}
