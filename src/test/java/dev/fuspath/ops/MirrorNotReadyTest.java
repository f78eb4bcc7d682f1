package dev.fuspath.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A service told to send file contents from a folder that is no git repository is not ready, and says which setting. */
@QuarkusTest
@TestProfile(MirrorNotReadyTest.NoRepository.class)
class MirrorNotReadyTest {

    static final String FOLDER = Path.of(System.getProperty("java.io.tmpdir"), "fuspath-no-such-mirror-" + 7331)
            .toAbsolutePath().toString();

    public static class NoRepository implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fuspath.mirror.dir", FOLDER);
        }
    }

    @Test
    void notReadyNamingTheSettingNotTheFolder() throws Exception {
        Response r = given().get("/q/health/ready");
        assertEquals(503, r.statusCode(), r.asString());
        JsonNode health = new ObjectMapper().readTree(r.asString());
        assertEquals("DOWN", health.get("status").asText());
        JsonNode mirror = HealthAndMetricsTest.check(health, "mirror");
        assertEquals("DOWN", mirror.get("status").asText());
        assertTrue(mirror.get("data").get("problem").asText().contains("fuspath.mirror.dir"), mirror.toString());
        assertFalse(r.asString().contains(FOLDER), r.asString());
        assertEquals("UP", HealthAndMetricsTest.check(health, "catalog").get("status").asText());
        assertEquals(200, given().get("/q/health/live").statusCode(), "alive all the same: restarting cures nothing");
    }
}
