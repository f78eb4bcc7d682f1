package dev.fuspath.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.rules.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The committed catalog read as plain JSON, with no planner code in between, so that plan tests can check what
 * the planner says against what the catalog holds.
 */
final class CatalogFacts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> RELEASES = new ConcurrentHashMap<>();
    private static JsonNode index;

    private CatalogFacts() {
    }

    /** A planner on the catalog packed in the build, the bundled rules and procedures. */
    static Planner planner() {
        try {
            Catalog catalog = CatalogFiles.readClasspath(CatalogFacts.class.getClassLoader());
            return new Planner(catalog, Rules.bundled(), ChipRules.bundled(), Procedures.bundled());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Planner shared;

    /** One planner for the tests that only ask it for plans: reading the catalog once is enough. */
    static synchronized Planner sharedPlanner() {
        if (shared == null) {
            shared = planner();
        }
        return shared;
    }

    /** The plan for these inputs (no anti-rollback, no forced delete), from {@link #sharedPlanner()}. */
    static Plan plan(String chip, String fus, String stack, String target, String release, String iface)
            throws PlanException {
        return sharedPlanner().plan(request(chip, fus, stack, target, release, iface));
    }

    static Planner.Request request(String chip, String fus, String stack, String target, String release,
                                   String iface) {
        return new Planner.Request(chip, fus, stack, target, release, iface, false, false);
    }

    static JsonNode release(String tag) {
        return RELEASES.computeIfAbsent(tag, t -> read("catalog/releases/" + t + ".json"));
    }

    static synchronized JsonNode index() {
        if (index == null) {
            index = read("catalog/index.json");
        }
        return index;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = CatalogFacts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> families(String tag) {
        List<String> out = new ArrayList<>();
        release(tag).path("families").forEach(f -> out.add(f.path("family").asText()));
        return out;
    }

    /** Tags whose index entry lists the family. */
    static List<String> releasesWith(String family) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : index().path("releases")) {
            for (JsonNode f : r.path("families")) {
                if (f.asText().equals(family)) {
                    out.add(r.path("tag").asText());
                }
            }
        }
        return out;
    }

    static List<JsonNode> binaries(String tag, String family) {
        List<JsonNode> out = new ArrayList<>();
        release(tag).path("binaries").forEach(b -> {
            if (b.path("family").asText().equals(family)) {
                out.add(b);
            }
        });
        return out;
    }

    static Optional<JsonNode> file(String tag, String family, String file) {
        return binaries(tag, family).stream().filter(b -> b.path("file").asText().equals(file)).findFirst();
    }

    static JsonNode requireFile(String tag, String family, String file) {
        return file(tag, family, file).orElseThrow(() -> new AssertionError(tag + " " + family + " has no " + file));
    }

    /** The stack record of that name (kind stack), if the family has one in the release. */
    static Optional<JsonNode> stack(String tag, String family, String name) {
        return binaries(tag, family).stream()
                .filter(b -> b.path("kind").asText().equals("stack") && b.path("stack").asText().equals(name))
                .findFirst();
    }

    /** The install address the notes give for a flash size label, or null when NA. */
    static String address(JsonNode record, String flash) {
        JsonNode a = record.path("installAddress").path(flash);
        return a.isTextual() ? a.asText() : null;
    }

    /** The version of the family's {@code <prefix>_FUS_fw.bin} when the release ships it as a FUS image. */
    static Optional<String> latestFus(String tag, String family) {
        String file = family.toLowerCase() + "_FUS_fw.bin";
        return file(tag, family, file).filter(b -> b.path("kind").asText().equals("fus"))
                .map(b -> b.path("version").asText());
    }

    // ---- versions, compared here without the main code ------------------------------------------------------

    static int[] version(String text) {
        String t = text.startsWith("v") ? text.substring(1) : text;
        String[] parts = t.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not x.y.z: " + text);
        }
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    static int compare(String a, String b) {
        return java.util.Arrays.compare(version(a), version(b));
    }

    static String max(String a, String b) {
        return compare(a, b) >= 0 ? a : b;
    }
}
