package dev.fuspath.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Copies of the committed catalog, each valid JSON but wrong inside in one way (issue 9, item 7), with the message
 * loading it must give.
 */
public final class DamagedCatalogs {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Path COMMITTED = Path.of("catalog");

    /** A damage: what it does to a copy, and the message it must give. */
    public interface Damage {
        void apply(Path dir) throws IOException;
    }

    private DamagedCatalogs() {
    }

    /** Name to (damage, expected message). */
    public static Map<String, Map.Entry<Damage, String>> all() {
        Map<String, Map.Entry<Damage, String>> m = new LinkedHashMap<>();
        m.put("null sha256 in a binary record", Map.entry(d -> edit(d, "releases/v1.23.0.json",
                        n -> ((ObjectNode) n.get("binaries").get(3)).putNull("sha256")),
                "releases/v1.23.0.json: binaries[3] (" + fileAt("v1.23.0", 3) + "): sha256 is null"));
        m.put("null kind in a binary record", Map.entry(d -> edit(d, "releases/v1.1.0.json",
                        n -> ((ObjectNode) n.get("binaries").get(0)).putNull("kind")),
                "releases/v1.1.0.json: binaries[0] (" + fileAt("v1.1.0", 0) + "): kind is null"));
        m.put("null binary record", Map.entry(d -> edit(d, "releases/v1.24.0.json",
                        n -> ((ArrayNode) n.get("binaries")).set(5, JSON.nullNode())),
                "releases/v1.24.0.json: binaries[5]: is null"));
        m.put("duplicated release", Map.entry(d -> edit(d, "index.json",
                        n -> ((ArrayNode) n.get("releases")).insert(1, n.get("releases").get(0).deepCopy())),
                "index.json: releases[1] (v1.24.0): the release is listed twice"));
        m.put("empty release list", Map.entry(d -> edit(d, "index.json",
                        n -> ((ArrayNode) n.get("releases")).removeAll()),
                "index.json: the release list is empty: a catalog holds at least one release"));
        m.put("null tag", Map.entry(d -> edit(d, "index.json",
                        n -> ((ObjectNode) n.get("releases").get(2)).putNull("tag")),
                "index.json: releases[2]: tag is null"));
        m.put("null severity of an anomaly", Map.entry(d -> edit(d, "anomalies.json",
                        n -> ((ObjectNode) n.get(7)).putNull("severity")),
                "anomalies.json: [7]: severity is null"));
        m.put("binary count not the index's", Map.entry(d -> edit(d, "releases/v1.5.0.json",
                        n -> ((ArrayNode) n.get("binaries")).remove(0)),
                "releases/v1.5.0.json: " + (count("v1.5.0") - 1) + " binaries, where index.json counts "
                        + count("v1.5.0")));
        return m;
    }

    private static String fileAt(String tag, int i) {
        try {
            return JSON.readTree(COMMITTED.resolve("releases/" + tag + ".json").toFile()).get("binaries").get(i)
                    .get("file").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(String tag) {
        try {
            return JSON.readTree(COMMITTED.resolve("releases/" + tag + ".json").toFile()).get("binaries").size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private interface Edit {
        void apply(JsonNode root);
    }

    private static void edit(Path dir, String name, Edit edit) throws IOException {
        Path file = dir.resolve(name);
        JsonNode root = JSON.readTree(file.toFile());
        edit.apply(root);
        Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    /** Replaces {@code dir}'s content with a copy of the committed catalog. */
    public static void copyCommitted(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir)) {
                        Files.delete(p);
                    }
                }
            }
        }
        Files.createDirectories(dir.resolve("releases"));
        try (Stream<Path> files = Files.walk(COMMITTED)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.copy(p, dir.resolve(COMMITTED.relativize(p).toString()));
            }
        }
    }
}
