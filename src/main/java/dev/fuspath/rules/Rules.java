package dev.fuspath.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The hand-written facts in {@code rules/}: families, their flash sizes, stack name aliases. */
public final class Rules {

    private final String binariesFolder;
    private final String legacyFamily;
    private final long fusV2OnlyReserveBytes;
    private final List<Family> families;
    private final Map<String, String> stackAliases;
    private final String fingerprint;

    private Rules(byte[] familiesBytes, byte[] stackNamesBytes) throws IOException {
        this(JSON.readTree(familiesBytes), JSON.readTree(stackNamesBytes), fingerprint(familiesBytes, stackNamesBytes));
    }

    private Rules(JsonNode familiesJson, JsonNode stackNamesJson, String fingerprint) {
        this.fingerprint = fingerprint;
        this.binariesFolder = familiesJson.path("binariesFolder").asText();
        this.legacyFamily = familiesJson.path("legacyFamily").asText();
        this.fusV2OnlyReserveBytes = familiesJson.path("fusV2OnlyReserveBytes").asLong();
        List<Family> list = new ArrayList<>();
        for (JsonNode f : familiesJson.path("families")) {
            Map<String, Long> sizes = new LinkedHashMap<>();
            f.path("flashSizes").fields().forEachRemaining(e -> sizes.put(e.getKey(), e.getValue().asLong()));
            list.add(new Family(f.path("name").asText(), f.path("filePrefix").asText(), f.path("pageSize").asInt(), sizes));
        }
        this.families = List.copyOf(list);
        Map<String, String> aliases = new LinkedHashMap<>();
        stackNamesJson.path("aliases").fields().forEachRemaining(e -> aliases.put(e.getKey(), e.getValue().asText()));
        this.stackAliases = Map.copyOf(aliases);
        if (binariesFolder.isEmpty() || families.isEmpty() || family(legacyFamily).isEmpty()) {
            throw new IllegalStateException("rules/families.json lacks binariesFolder, families or a known legacyFamily");
        }
    }

    /** The rules shipped inside the artifact (copied from the project's {@code rules/} folder at build). */
    public static Rules bundled() {
        return Holder.BUNDLED;
    }

    public static Rules load(Path dir) throws IOException {
        return new Rules(Files.readAllBytes(dir.resolve("families.json")),
                Files.readAllBytes(dir.resolve("stack-names.json")));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String fingerprint(byte[]... files) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (byte[] file : files) {
                digest.update(file);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of the rule files: a catalog derived under other rules must be derived again. */
    public String fingerprint() {
        return fingerprint;
    }

    public String binariesFolder() {
        return binariesFolder;
    }

    public Family legacyFamily() {
        return family(legacyFamily).orElseThrow();
    }

    public long fusV2OnlyReserveBytes() {
        return fusV2OnlyReserveBytes;
    }

    public List<Family> families() {
        return families;
    }

    public Optional<Family> family(String name) {
        return families.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }

    public Optional<Family> familyByFilePrefix(String prefix) {
        return families.stream().filter(f -> f.filePrefix().equalsIgnoreCase(prefix)).findFirst();
    }

    /** The name a stack carries today, for a name an older release used. */
    public String canonicalStackName(String name) {
        return stackAliases.getOrDefault(name, name);
    }

    private static final class Holder {
        static final Rules BUNDLED = loadBundled();

        private static Rules loadBundled() {
            try {
                return new Rules(RuleFiles.bundled().bytes("families.json"), RuleFiles.bundled().bytes("stack-names.json"));
            } catch (IOException e) {
                throw new RuleFiles.RuleFileException("rules/families.json or rules/stack-names.json: " + e.getMessage(), e);
            }
        }

        private static InputStream resource(String name) throws IOException {
            InputStream in = Rules.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IOException(name + " is not on the class path; was the artifact built with rules/?");
            }
            return in;
        }
    }
}
