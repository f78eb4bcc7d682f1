package dev.fuspath.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.fuspath.rules.CodeBook;

/** Cause and fix for a failed step, from rules/flash-failures.json. */
public final class FailureAdvice {

    /** A cause and its fix, placeholders filled. */
    public record Advice(String id, String cause, String fix) {
    }

    private record Entry(String id, List<String> codes, String cause, String fix) {
    }

    private static final FailureAdvice BUNDLED = load();

    private final List<Entry> entries;

    private FailureAdvice(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static FailureAdvice bundled() {
        return BUNDLED;
    }

    /**
     * The first entry naming one of {@code codes} (in the codes' order); else, for a code the knowledge base of
     * rules/fus-codes.json explains, its meaning and remedies; else the catch-all.
     */
    public Advice advise(List<String> codes, Map<String, String> values) {
        for (String code : codes) {
            for (Entry e : entries) {
                if (e.codes().contains(code)) {
                    return fill(e, values);
                }
            }
        }
        Entry other = entries.stream().filter(e -> e.codes().isEmpty()).findFirst().orElseThrow();
        for (String code : codes) {
            Optional<CodeBook.Entry> known = CodeBook.bundled().lookup(code);
            if (known.isPresent() && !known.get().remedies().isEmpty()) {
                CodeBook.Entry k = known.get();
                return fill(new Entry(other.id(), List.of(), k.name() + ": " + k.meaning(),
                        String.join("; ", k.remedies()) + "; then " + other.fix()), values);
            }
        }
        return fill(other, values);
    }

    private static Advice fill(Entry e, Map<String, String> values) {
        String cause = e.cause();
        String fix = e.fix();
        for (Map.Entry<String, String> v : values.entrySet()) {
            String value = v.getValue() == null ? "?" : v.getValue();
            cause = cause.replace("{" + v.getKey() + "}", value);
            fix = fix.replace("{" + v.getKey() + "}", value);
        }
        return new Advice(e.id(), cause, fix);
    }

    private static FailureAdvice load() {
        JsonNode root = dev.fuspath.rules.RuleFiles.bundled().read("flash-failures.json");
            List<Entry> list = new ArrayList<>();
            for (JsonNode f : root.path("failures")) {
                List<String> codes = new ArrayList<>();
                f.path("codes").forEach(c -> codes.add(c.asText()));
                list.add(new Entry(f.path("id").asText(), codes, f.path("cause").asText(), f.path("fix").asText()));
            }
        return new FailureAdvice(list);
    }
}
