package dev.fuspath.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rules/fus-codes.json}: every FUS state, FUS status and programmer error code fuspath recognises, with its
 * meaning, likely causes and remedies.
 */
public final class CodeBook {

    private static final Set<String> KINDS = Set.of("state", "status", "programmer");
    private static final Set<String> SEVERITIES = Set.of("error", "warning", "info");

    /**
     * @param kind     state, status or programmer
     * @param value    the byte value AN5185 gives ("0x00", "0x10-0x1F"), or "-"
     * @param severity error, warning or info: what the code means when an operation ends on it
     */
    public record Entry(String name, String kind, String value, String severity, List<String> aliases, String meaning,
                        List<String> likelyCauses, List<String> remedies) {
        public Entry {
            aliases = List.copyOf(aliases);
            likelyCauses = List.copyOf(likelyCauses);
            remedies = List.copyOf(remedies);
        }
    }

    private final List<Entry> entries;
    private final Map<String, Entry> bySpelling = new HashMap<>();

    CodeBook(JsonNode root) {
        List<Entry> list = new ArrayList<>();
        for (JsonNode c : root.path("codes")) {
            Entry e = new Entry(c.path("name").asText(), c.path("kind").asText(), c.path("value").asText("-"),
                    c.path("severity").asText(), strings(c.path("aliases")), c.path("meaning").asText(),
                    strings(c.path("likelyCauses")), strings(c.path("remedies")));
            if (e.name().isEmpty() || !KINDS.contains(e.kind()) || !SEVERITIES.contains(e.severity())
                    || e.meaning().isBlank()) {
                throw new IllegalStateException("rules/fus-codes.json: incomplete entry " + c);
            }
            list.add(e);
            for (String spelling : concat(e.name(), e.aliases())) {
                Entry previous = bySpelling.put(spelling.toUpperCase(Locale.ROOT), e);
                if (previous != null && previous != e) {
                    throw new IllegalStateException("rules/fus-codes.json: " + spelling + " names both "
                            + previous.name() + " and " + e.name());
                }
            }
        }
        this.entries = List.copyOf(list);
    }

    public static CodeBook bundled() {
        return Holder.BUNDLED;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry for any known spelling of a code, in any case. */
    public Optional<Entry> lookup(String spelling) {
        return spelling == null ? Optional.empty()
                : Optional.ofNullable(bySpelling.get(spelling.trim().toUpperCase(Locale.ROOT)));
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static final class Holder {
        static final CodeBook BUNDLED = load();

        private static CodeBook load() {
            return new CodeBook(RuleFiles.bundled().read("fus-codes.json"));
        }
    }
}
