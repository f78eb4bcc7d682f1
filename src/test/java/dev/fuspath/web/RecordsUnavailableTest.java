package dev.fuspath.web;

import static dev.fuspath.records.SampleRecords.T0;
import static dev.fuspath.records.SampleRecords.batch;
import static dev.fuspath.records.SampleRecords.passed;
import static dev.fuspath.records.SampleRecords.uid;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL server that cannot be reached: the service still starts (nothing connects before the first request
 * to the records), serves the rest of its API, and answers the records API with a 503 problem, storing nothing.
 */
@QuarkusTest
@TestProfile(RecordsUnavailableTest.Unreachable.class)
class RecordsUnavailableTest {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort(); // closed again at once: nothing listens there
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/records",
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.jdbc.acquisition-timeout", "3S");
        }
    }

    @Test
    void theRecordsApiAnswers503AndTheRestStillWorks() {
        given().get("/api/v1/releases").then().statusCode(200);
        Response upload = given().contentType("application/json").header("Authorization", "Bearer line-1-token")
                .body(batch(List.of(passed("down-1", uid(1), "line-1", T0, 60))).toString())
                .post("/api/v1/records");
        JsonNode problem = ApiErrorsTest.assertProblem(upload, 503);
        assertTrue(problem.get("detail").asText().contains("nothing was stored"), problem.toString());
        assertEquals("30", upload.header("Retry-After"));
        ApiErrorsTest.assertProblem(given().get("/api/v1/records"), 503);
        ApiErrorsTest.assertProblem(given().get("/api/v1/records/summary"), 503);
        // a bad token is still a 401, before the database is asked anything
        ApiErrorsTest.assertProblem(given().contentType("application/json").header("Authorization", "Bearer nope")
                .body("{\"records\": []}").post("/api/v1/records"), 401);
    }
}
