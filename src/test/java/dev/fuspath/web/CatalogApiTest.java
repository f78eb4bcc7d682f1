package dev.fuspath.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The catalog endpoints, checked against facts of the committed catalog. */
@QuarkusTest
class CatalogApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUS_053_SHA = "3f73a9be93eec3de7ff663d4b8a7669064c86f841db401c8ccee4f6ccd4e4b30";
    private static final List<String> RECORD_FIELDS = List.of("family", "file", "path", "kind", "stack", "version",
            "size", "sha256", "fusV2Only", "installAddress", "computedAddress", "footer", "notes");

    private static JsonNode get(String path, Object... query) {
        var request = given();
        for (int i = 0; i < query.length; i += 2) {
            request.queryParam((String) query[i], query[i + 1]);
        }
        String body = request.get(path).then().statusCode(200).contentType("application/json").extract().asString();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode record(String tag, String file) {
        for (JsonNode b : get("/api/v1/releases/" + tag + "/binaries")) {
            if (b.get("file").asText().equals(file)) {
                return b;
            }
        }
        throw new AssertionError(tag + " has no " + file);
    }

    private static int[] version(String tag) {
        String[] parts = tag.substring(1).split("\\.");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    @Test
    void releasesNewestFirst() {
        JsonNode releases = get("/api/v1/releases");
        assertEquals(37, releases.size());
        assertEquals("v1.24.0", releases.get(0).get("tag").asText());
        assertEquals("v1.1.0", releases.get(36).get("tag").asText());
        for (int i = 0; i < releases.size(); i++) {
            JsonNode r = releases.get(i);
            assertTrue(r.get("tag").asText().matches("v\\d+\\.\\d+\\.\\d+"), r.toString());
            assertTrue(r.get("date").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d"), r.toString());
            assertTrue(r.get("commit").asText().matches("[0-9a-f]{40}"), r.toString());
            assertTrue(r.get("families").isArray() && !r.get("families").isEmpty(), r.toString());
            if (i > 0) {
                int[] newer = version(releases.get(i - 1).get("tag").asText());
                int[] older = version(r.get("tag").asText());
                assertTrue(java.util.Arrays.compare(newer, older) > 0, "not newest first at " + i);
            }
        }
    }

    @Test
    void releaseCountsMatchTheirListings() {
        for (JsonNode r : get("/api/v1/releases")) {
            String tag = r.get("tag").asText();
            assertEquals(r.get("binaries").asInt(), get("/api/v1/releases/" + tag + "/binaries").size(), tag);
            assertEquals(r.get("anomalies").asInt(), get("/api/v1/anomalies", "tag", tag).size(), tag);
        }
    }

    @Test
    void binariesOfARelease() {
        JsonNode binaries = get("/api/v1/releases/v1.24.0/binaries");
        assertEquals(56, binaries.size());
        List<String> keys = new ArrayList<>();
        for (JsonNode b : binaries) {
            for (String field : RECORD_FIELDS) {
                assertTrue(b.has(field), b.get("file") + " lacks " + field);
            }
            keys.add(b.get("family").asText() + "\u0000" + b.get("file").asText());
        }
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        assertEquals(sorted, keys, "records are by family then file");
        assertEquals(Set.of("STM32WB1x", "STM32WB3x", "STM32WB5x"), families(binaries));
    }

    @Test
    void familyFilterIgnoresCase() {
        JsonNode exact = get("/api/v1/releases/v1.24.0/binaries", "family", "STM32WB1x");
        JsonNode lower = get("/api/v1/releases/v1.24.0/binaries", "family", "stm32wb1x");
        assertFalse(exact.isEmpty());
        assertEquals(Set.of("STM32WB1x"), families(exact));
        assertEquals(exact, lower);
        assertTrue(exact.size() < get("/api/v1/releases/v1.24.0/binaries").size());
        assertEquals(56, get("/api/v1/releases/v1.24.0/binaries", "family", "").size(), "an empty family is no filter");
    }

    private static Set<String> families(JsonNode records) {
        Set<String> out = new TreeSet<>();
        records.forEach(r -> out.add(r.get("family").asText()));
        return out;
    }

    @Test
    void bleStackFullOfV1_24_0() {
        JsonNode b = record("v1.24.0", "stm32wb5x_BLE_Stack_full_fw.bin");
        Map<String, String> addresses = Map.of("1M", "0x080D0000", "640K", "0x0807C000", "512K", "0x0805C000",
                "256K", "0x0801C000");
        addresses.forEach((flash, address) -> assertEquals(address, b.at("/installAddress/" + flash).asText(), flash));
        assertEquals(addresses.size(), b.get("installAddress").size());
        assertEquals(b.get("installAddress"), b.get("computedAddress"));
        assertTrue(b.get("fusV2Only").asBoolean());
        assertEquals("stack", b.get("kind").asText());
        assertEquals("BLE_Stack_full", b.get("stack").asText());
        assertEquals("1.24.0", b.get("version").asText());
        assertEquals("STM32WB5x", b.get("family").asText());
    }

    @Test
    void fusForFus053OfV1_24_0IsVersionedByIdentity() {
        JsonNode b = record("v1.24.0", "stm32wb5x_FUS_fw_for_fus_0_5_3.bin");
        assertEquals("fus", b.get("kind").asText());
        assertEquals("1.2.0", b.get("version").asText());
        assertEquals("identity", b.get("versionSource").asText());
        assertTrue(b.at("/footer/version").isNull(), "the footer has no version: " + b.get("footer"));
        assertEquals("1.0.0", b.at("/notes/version").asText());
        assertTrue(b.get("stack").isNull());
        assertEquals(FUS_053_SHA, b.get("sha256").asText());
    }

    @Test
    void placeholderAndInvalidImages() {
        JsonNode placeholder = record("v1.11.1", "stm32wb5x_FUS_fw_1_0_2.bin");
        assertEquals("placeholder", placeholder.get("kind").asText());
        assertEquals(0, placeholder.get("size").asLong());
        assertEquals("invalid", record("v1.5.0", "stm32wb5x_FUS_fw.bin").get("kind").asText());
    }

    @Test
    void oneBinaryAcrossReleases() {
        JsonNode identity = get("/api/v1/binaries/" + FUS_053_SHA);
        assertEquals(FUS_053_SHA, identity.get("sha256").asText());
        JsonNode occurrences = identity.get("occurrences");
        Set<String> tags = new TreeSet<>();
        Set<String> families = new TreeSet<>();
        for (JsonNode o : occurrences) {
            tags.add(o.get("tag").asText());
            families.add(o.get("family").asText());
            assertTrue(o.get("file").asText().endsWith("_FUS_fw_for_fus_0_5_3.bin"), o.toString());
            assertTrue(o.get("path").asText().endsWith("/" + o.get("file").asText()), o.toString());
        }
        assertTrue(tags.size() >= 20, "shipped in " + tags);
        assertTrue(tags.containsAll(Set.of("v1.24.0", "v1.23.0", "v1.12.0")), tags.toString());
        assertEquals(Set.of("STM32WB5x", "STM32WB3x"), families);
        assertEquals("v1.24.0", occurrences.get(0).get("tag").asText(), "newest first");
        JsonNode record = identity.get("record");
        assertEquals(FUS_053_SHA, record.get("sha256").asText());
        assertEquals("fus", record.get("kind").asText());
        assertEquals("1.2.0", record.get("version").asText());
    }

    @Test
    void uppercaseShaIsTheSameBinary() {
        JsonNode upper = get("/api/v1/binaries/" + FUS_053_SHA.toUpperCase());
        assertEquals(get("/api/v1/binaries/" + FUS_053_SHA), upper);
        assertEquals(FUS_053_SHA, upper.get("sha256").asText());
    }

    @Test
    void everyAnomalyIsComplete() throws IOException {
        JsonNode all = get("/api/v1/anomalies");
        JsonNode committed;
        try (var in = CatalogApiTest.class.getClassLoader().getResourceAsStream("catalog/anomalies.json")) {
            committed = JSON.readTree(in);
        }
        assertEquals(committed, all, "the service serves the catalog's anomalies as they are");
        assertFalse(all.isEmpty());
        for (JsonNode a : all) {
            for (String field : List.of("tag", "family", "code", "severity", "message")) {
                assertTrue(a.path(field).isTextual() && !a.get(field).asText().isBlank(), field + " of " + a);
            }
            assertTrue(a.get("evidence").isObject(), a.toString());
            assertTrue(Set.of("error", "warning", "info").contains(a.get("severity").asText()), a.toString());
        }
    }

    @Test
    void anomalyFilters() {
        int total = get("/api/v1/anomalies").size();
        JsonNode byTag = get("/api/v1/anomalies", "tag", "v1.23.0");
        JsonNode byFamily = get("/api/v1/anomalies", "family", "stm32wb1x");
        JsonNode bySeverity = get("/api/v1/anomalies", "severity", "error");
        JsonNode all3 = get("/api/v1/anomalies", "tag", "v1.16.0", "family", "STM32WB1x", "severity", "error");
        for (JsonNode subset : List.of(byTag, byFamily, bySeverity, all3)) {
            assertFalse(subset.isEmpty());
            assertTrue(subset.size() < total);
        }
        byTag.forEach(a -> assertEquals("v1.23.0", a.get("tag").asText()));
        byFamily.forEach(a -> assertEquals("STM32WB1x", a.get("family").asText()));
        bySeverity.forEach(a -> assertEquals("error", a.get("severity").asText()));
        all3.forEach(a -> assertEquals("v1.16.0 STM32WB1x error",
                a.get("tag").asText() + " " + a.get("family").asText() + " " + a.get("severity").asText()));
    }

    @Test
    void notesVersionConflictOfFus053() {
        JsonNode a = anomaly(get("/api/v1/anomalies", "tag", "v1.23.0", "family", "STM32WB5x"),
                "stm32wb5x_FUS_fw_for_fus_0_5_3.bin", "notes-version-conflict");
        assertEquals("1.0.0", a.at("/evidence/notes").asText());
        assertEquals("1.2.0", a.at("/evidence/resolved").asText());
    }

    @Test
    void upstreamAddressBugOfBleStackLightInV1_16_0() {
        JsonNode a = anomaly(get("/api/v1/anomalies", "tag", "v1.16.0", "family", "STM32WB1x"),
                "stm32wb1x_BLE_Stack_light_fw.bin", "address-mismatch");
        assertEquals("error", a.get("severity").asText());
        assertEquals("0x08029000", a.at("/evidence/notes").asText());
        assertEquals("0x08028000", a.at("/evidence/computed").asText());
        assertTrue(a.get("message").asText().contains("0x08028000"), a.toString());
    }

    private static JsonNode anomaly(JsonNode list, String file, String code) {
        JsonNode found = null;
        for (JsonNode a : list) {
            if (file.equals(a.path("file").asText()) && code.equals(a.get("code").asText())) {
                found = a;
            }
        }
        assertNotNull(found, "no " + code + " for " + file + " in " + list);
        return found;
    }
}
