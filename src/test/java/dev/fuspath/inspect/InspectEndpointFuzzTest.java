package dev.fuspath.inspect;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.testing.UpstreamBundle;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InspectEndpointFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/v1/inspect";
    private static final int MAX = 4 * 1024 * 1024;
    private static final String[] NAMES = {"stm32wb5x_BLE_Stack_full_fw.bin", "stm32wb1x_FUS_fw_for_fus_0_5_3.bin",
        "x.bin", "stm32wb3x_Safeboot_fw_v1.2.0.bin", "dir/stm32wb9x_Zigbee_FFD_fw_9.9.9.bin",
        "stm32wb5x_BLE_HCILayer_fw_1_13_0 (2).bin", "with space & ampersand+plus=eq.bin", "ünïcödé_fw.bin",
        "%00%zz_fw.bin", "C:\\bin\\stm32wb5x_FUS_fw.bin"};

    /** TCP_NODELAY: small uploads do not wait on Nagle and delayed ACK. */
    private static final RestAssuredConfig NO_DELAY = RestAssuredConfig.config()
            .httpClient(HttpClientConfig.httpClientConfig().setParam("http.tcp.nodelay", true));

    private static Response post(String filename, byte[] body) {
        var request = given().config(NO_DELAY).contentType("application/octet-stream").body(body);
        if (filename != null) {
            request = request.queryParam("filename", filename);
        }
        return request.when().post(PATH);
    }

    @Test
    void damagedImagesGetAReportOrAProblemNeverA500() throws IOException {
        List<byte[]> images = new ArrayList<>(InspectFixtures.syntheticImages());
        if (UpstreamBundle.path().isPresent()) {
            // every 8th distinct upstream blob keeps the run short
            List<UpstreamBundle.UpstreamFile> files = UpstreamBundle.distinctBinaries();
            for (int i = 0; i < files.size(); i += 8) {
                if (files.get(i).bytes().length > 0) {
                    images.add(files.get(i).bytes());
                }
            }
        }
        Damage damage = new Damage(424242L);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            byte[] body = damage.apply(images.get(damage.random().nextInt(images.size())),
                    images.get(damage.random().nextInt(images.size())));
            String name = damage.random().nextInt(5) == 0 ? null : NAMES[damage.random().nextInt(NAMES.length)];
            Response r = post(name, body);
            int status = r.statusCode();
            statuses.merge(status, 1, Integer::sum);
            String what = "request " + i + ": " + body.length + " bytes named " + name + " -> " + status + " "
                    + r.asString();
            if (status == 200) {
                assertReport(JSON.readTree(r.asByteArray()), name, body, what);
            } else if (status >= 400 && status < 500) {
                assertTrue(r.contentType().startsWith("application/problem+json"), what);
                assertEquals(status, JSON.readTree(r.asByteArray()).path("status").asInt(), what);
            } else {
                fail(what);
            }
        }
        assertTrue(statuses.getOrDefault(200, 0) > 250, "nearly every damaged file gets a report: " + statuses);
    }

    private static void assertReport(JsonNode json, String name, byte[] body, String what) {
        for (String field : List.of("filename", "size", "sha256", "kind", "version", "footer", "identity",
                "findings")) {
            assertTrue(json.has(field), "no " + field + " in " + what);
        }
        assertEquals(name, json.get("filename").isNull() ? null : json.get("filename").asText(), what);
        assertEquals(body.length, json.get("size").asLong(), what);
        assertEquals(Sha256.of(body), json.get("sha256").asText(), what);
        assertTrue(List.of("fus", "stack", "safeboot", "invalid", "other").contains(json.get("kind").asText()), what);
        assertTrue(json.get("version").isNull() || json.get("version").isTextual(), what);
        assertTrue(json.path("identity").path("known").isBoolean(), what);
        assertTrue(json.get("findings").isArray(), what);
        assertTrue(json.path("footer").path("status").isTextual(), what);
    }

    @Test
    void emptyBodyIsABadRequest() {
        post("stm32wb5x_FUS_fw.bin", new byte[0]).then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("detail", containsString("empty"));
    }

    @Test
    void oneByteOverFourMibIsTooLarge() {
        post("big.bin", new byte[MAX + 1]).then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413));
    }

    /** Streamed without a Content-Length, the body reaches the resource, which answers the 413 itself. */
    @Test
    void oneByteOverFourMibStreamedIsTooLarge() {
        given().config(NO_DELAY).contentType("application/octet-stream")
                .body(new ByteArrayInputStream(new byte[MAX + 1])).when().post(PATH).then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413));
    }

    /** Streamed beyond quarkus.http.limits.max-body-size (8M), the HTTP layer cuts it; still a 413 problem. */
    @Test
    void streamedBeyondTheHttpLimitIsTooLarge() {
        given().config(NO_DELAY).contentType("application/octet-stream")
                .body(new ByteArrayInputStream(new byte[9 * 1024 * 1024])).when().post(PATH).then()
                .statusCode(413).contentType("application/problem+json");
    }

    @Test
    void exactlyFourMibOfZerosIsInspected() {
        post("zeros.bin", new byte[MAX]).then().statusCode(200)
                .body("kind", equalTo("invalid")).body("size", equalTo(MAX))
                .body("identity.known", equalTo(false));
    }

    @Test
    void textPlainIsAnUnsupportedMediaType() {
        given().contentType("text/plain").body("hello").when().post(PATH).then().statusCode(415)
                .contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void filenameOver255CharactersIsABadRequest() {
        byte[] image = InspectFixtures.syntheticImages().get(0);
        post("a".repeat(251) + ".bin", image).then().statusCode(200);
        post("a".repeat(252) + ".bin", image).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("255"));
    }

    @Test
    void filenameWithAControlCharacterIsABadRequest() {
        byte[] image = InspectFixtures.syntheticImages().get(0);
        for (String name : new String[] {"stm32wb5x_FUS\u0001_fw.bin", "a\nb.bin", "tab\t.bin", "del\u007F.bin"}) {
            post(name, image).then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void blankFilenameIsNoFilename() {
        post("   ", InspectFixtures.syntheticImages().get(0)).then().statusCode(200)
                .body("filename", equalTo(null));
    }
}
