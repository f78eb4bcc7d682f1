package dev.fuspath.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /q/health and /q/metrics of the service as `fuspath serve` runs it on the bundled catalog, without a mirror. */
@QuarkusTest
class HealthAndMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Event<SyncOutcome> outcomes;

    static JsonNode check(JsonNode health, String name) {
        for (JsonNode c : health.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    @Test
    void readyWithTheCatalogLoadedAndNoMirrorConfigured() throws Exception {
        Response r = given().get("/q/health/ready");
        assertEquals(200, r.statusCode(), r.asString());
        JsonNode health = JSON.readTree(r.asString());
        assertEquals("UP", health.get("status").asText());
        JsonNode catalog = check(health, "catalog");
        assertEquals("UP", catalog.get("status").asText());
        assertEquals(37, catalog.get("data").get("releases").asInt(), catalog.toString());
        assertEquals("v1.24.0", catalog.get("data").get("newest").asText());
        JsonNode mirror = check(health, "mirror");
        assertEquals("UP", mirror.get("status").asText());
        assertEquals(false, mirror.get("data").get("configured").asBoolean());
    }

    @Test
    void liveAndTheWhole() throws Exception {
        assertEquals("UP", JSON.readTree(given().get("/q/health/live").then().statusCode(200).extract().asString())
                .get("status").asText());
        JsonNode all = JSON.readTree(given().get("/q/health").then().statusCode(200).extract().asString());
        assertEquals("UP", all.get("status").asText());
        check(all, "catalog");
        check(all, "mirror");
    }

    @Test
    void requestRatesAndLatenciesPerEndpoint() {
        for (int i = 0; i < 3; i++) {
            given().queryParam("chip", "STM32WB55RG").queryParam("fus", "0.5.3").queryParam("target", "BLE_Stack_full")
                    .get("/api/v1/plan").then().statusCode(200);
        }
        given().get("/api/v1/chips").then().statusCode(200);
        given().queryParam("chip", "STM32WB00").queryParam("fus", "0.5.3").get("/api/v1/plan");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double plans = value(metrics, "http_server_requests_seconds_count", "uri=\"/api/v1/plan\"", "status=\"200\"");
        assertTrue(plans >= 3, metrics);
        assertTrue(value(metrics, "http_server_requests_seconds_sum", "uri=\"/api/v1/plan\"", "status=\"200\"") > 0);
        assertTrue(value(metrics, "http_server_requests_seconds_count", "uri=\"/api/v1/chips\"") >= 1);
        assertTrue(value(metrics, "http_server_requests_seconds_count", "uri=\"/api/v1/plan\"", "status=\"400\"")
                >= 1, "refusals are counted by status: " + metrics);
    }

    @Test
    void catalogAgeAndSyncOutcomes() {
        String before = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(37.0, value(before, "fuspath_catalog_releases"));
        double age = value(before, "fuspath_catalog_age_seconds");
        assertTrue(age >= 0 && age < 3600, "loaded when the service started: " + age);
        assertTrue(value(before, "fuspath_catalog_newest_release_age_seconds") > 0);
        double failed = value(before, "fuspath_sync_total", "outcome=\"failed\"");
        double updated = value(before, "fuspath_sync_total", "outcome=\"updated\"");
        outcomes.fire(new SyncOutcome(SyncOutcome.Kind.FAILED, 12));
        outcomes.fire(new SyncOutcome(SyncOutcome.Kind.FAILED, 15));
        outcomes.fire(new SyncOutcome(SyncOutcome.Kind.UPDATED, 2000));
        String after = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(failed + 2, value(after, "fuspath_sync_total", "outcome=\"failed\""), after);
        assertEquals(updated + 1, value(after, "fuspath_sync_total", "outcome=\"updated\""), after);
        assertTrue(value(after, "fuspath_sync_duration_seconds_count") >= 3, after);
    }

    /** The value of the one sample of {@code name} whose labels include all of {@code labels}. */
    static double value(String exposition, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(exposition);
        Double found = null;
        while (m.find()) {
            String set = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= set.contains(label);
            }
            if (all) {
                if (found != null) {
                    throw new AssertionError("more than one " + name + " with " + String.join(",", labels));
                }
                found = Double.parseDouble(m.group(2));
            }
        }
        if (found == null) {
            throw new AssertionError("no " + name + " with " + String.join(",", labels) + " in\n" + exposition);
        }
        return found;
    }
}
