package dev.fuspath.web;

import static dev.fuspath.records.SampleRecords.T0;
import static dev.fuspath.records.SampleRecords.batch;
import static dev.fuspath.records.SampleRecords.passed;
import static dev.fuspath.records.SampleRecords.uid;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fuspath.records.SampleRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The records API on a real PostgreSQL server: tokens, malformed and oversized batches, idempotency, paging. */
@QuarkusTest
@TestProfile(RecordsPostgresProfile.class)
class RecordsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINE_1 = "Bearer line-1-token";

    private static Response upload(String authorization, Object body) {
        var request = given().contentType("application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.body(body.toString()).post("/api/v1/records");
    }

    private static JsonNode json(Response response) {
        try {
            return JSON.readTree(response.asString());
        } catch (IOException e) {
            throw new AssertionError(response.asString(), e);
        }
    }

    @Test
    void noTokenOrAWrongOneIs401AndStoresNothing() {
        ObjectNode b = batch(List.of(passed("auth-1", uid(501), "line-1", T0, 60)));
        for (String authorization : new String[] {null, "Bearer wrong", "Basic bGluZS0xOmxpbmUtMS10b2tlbg==",
                "Bearer line-2-tokenX", "Bearer "}) {
            Response r = upload(authorization, b);
            ApiErrorsTest.assertProblem(r, 401);
            assertEquals("Bearer realm=\"fuspath records\"", r.header("WWW-Authenticate"));
            assertFalse(r.asString().contains("line-1-token"), "a token never appears in an answer");
        }
        assertEquals(0, json(given().queryParam("uid", uid(501)).get("/api/v1/records")).get("records").size());
    }

    @Test
    void aRecordOfAnotherStationIs403() {
        ObjectNode b = batch(List.of(passed("st-1", uid(502), "line-1", T0, 60),
                passed("st-2", uid(503), "line-2", T0, 60)));
        JsonNode problem = ApiErrorsTest.assertProblem(upload(LINE_1, b), 403);
        assertEquals(1, problem.get("errors").size());
        assertTrue(problem.get("errors").get(0).asText().startsWith("records[1].station"), problem.toString());
        // line-2 may upload its own
        assertEquals(200, upload("Bearer line-2-token", batch(List.of(passed("st-2", uid(503), "line-2", T0, 60))))
                .statusCode());
    }

    @Test
    void aMalformedRecordIs400NamingItsIndexAndField() {
        ObjectNode good = passed("bad-0", uid(504), "line-1", T0, 60);
        ObjectNode bad = passed("bad-1", uid(505), "line-1", T0, 60);
        bad.put("boardUid", "12345");
        bad.put("outcome", "great");
        bad.put("colour", "red");
        JsonNode problem = ApiErrorsTest.assertProblem(upload(LINE_1, batch(List.of(good, bad))), 400);
        List<String> errors = new ArrayList<>();
        problem.get("errors").forEach(e -> errors.add(e.asText()));
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("records[1].boardUid: must be 24 hexadecimal digits")),
                errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("records[1].outcome: must be one of passed")),
                errors.toString());
        assertTrue(errors.contains("records[1].colour: unknown field"), errors.toString());
        assertTrue(errors.stream().noneMatch(e -> e.startsWith("records[0]")), errors.toString());
        assertEquals(0, json(given().queryParam("uid", uid(504)).get("/api/v1/records")).get("records").size(),
                "a batch with a malformed record stores nothing");
        for (String body : List.of("not json", "[]", "{\"records\": 5}", "{\"records\": [], \"extra\": 1}", "{")) {
            ApiErrorsTest.assertProblem(upload(LINE_1, body), 400);
        }
    }

    @Test
    void tooManyRecordsOrBytesIs413() {
        List<ObjectNode> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(passed("many-" + i, uid(10_000 + i), "line-1", T0, 60));
        }
        JsonNode problem = ApiErrorsTest.assertProblem(upload(LINE_1, batch(many)), 413);
        assertTrue(problem.get("detail").asText().contains("1001 records"), problem.toString());
        String huge = "{\"records\": [" + "{}, ".repeat(1_100_000) + "{}]}";
        ApiErrorsTest.assertProblem(upload(LINE_1, huge), 413);
        assertEquals(0, json(given().queryParam("uid", uid(10_000)).get("/api/v1/records")).get("records").size());
    }

    @Test
    void uploadingAgainIsSafeAndAReusedIdIs409() {
        List<ObjectNode> records = List.of(passed("idem-1", uid(601), "line-1", T0, 60),
                passed("idem-2", uid(602), "line-1", T0.plusSeconds(70), 65));
        JsonNode first = json(upload(LINE_1, batch(records)).then().statusCode(200).extract().response());
        assertEquals(2, first.get("stored").asInt());
        assertEquals(0, first.get("duplicates").asInt());
        // the station lost the answer and sends again, with one new record
        List<ObjectNode> again = new ArrayList<>(records);
        again.add(passed("idem-3", uid(603), "line-1", T0.plusSeconds(140), 61));
        JsonNode second = json(upload(LINE_1, batch(again)).then().statusCode(200).extract().response());
        assertEquals(1, second.get("stored").asInt());
        assertEquals(2, second.get("duplicates").asInt());
        assertEquals(List.of("duplicate", "duplicate", "stored"), statuses(second));
        // the same id with other content: refused whole
        ObjectNode changed = records.get(0).deepCopy();
        changed.put("operator", "Bob");
        JsonNode problem = ApiErrorsTest.assertProblem(upload(LINE_1, batch(List.of(
                passed("idem-4", uid(604), "line-1", T0, 60), changed))), 409);
        assertEquals("idem-1", problem.get("errors").get(0).asText());
        assertEquals(0, json(given().queryParam("uid", uid(604)).get("/api/v1/records")).get("records").size());
        JsonNode stored = json(given().queryParam("uid", uid(601).toLowerCase()).get("/api/v1/records"));
        assertEquals(1, stored.get("records").size());
        assertEquals("Ana", stored.at("/records/0/operator").asText());
    }

    private static List<String> statuses(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("records").forEach(r -> out.add(r.get("status").asText()));
        return out;
    }

    @Test
    void listsPageByPageWithFiltersAndRefusesBadParameters() {
        // a line of its own, on stations of its own, so other tests' records do not interfere
        List<ObjectNode> line = SampleRecords.line(90, 1, 5);
        line.forEach(r -> {
            r.put("station", "line-1");
            r.put("recordId", "page-" + r.get("recordId").asText());
        });
        upload(LINE_1, batch(line)).then().statusCode(200);
        Instant since = T0.plus(Duration.ofMinutes(30));
        Instant until = T0.plus(Duration.ofHours(2));
        Set<String> expected = line.stream().filter(r -> r.get("outcome").asText().equals("passed"))
                .filter(r -> !Instant.parse(r.get("startedAt").asText()).isBefore(since)
                        && Instant.parse(r.get("startedAt").asText()).isBefore(until))
                .map(r -> r.get("recordId").asText()).collect(Collectors.toSet());
        assertTrue(expected.size() > 14, "several pages: " + expected.size());
        List<String> got = new ArrayList<>();
        String cursor = null;
        Instant previous = Instant.MAX;
        do {
            var request = given().queryParam("station", "line-1").queryParam("outcome", "passed")
                    .queryParam("since", since.toString()).queryParam("until", until.toString())
                    .queryParam("limit", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonNode page = json(request.get("/api/v1/records").then().statusCode(200).extract().response());
            assertTrue(page.get("records").size() <= 7);
            for (JsonNode r : page.get("records")) {
                if (r.get("recordId").asText().startsWith("page-")) {
                    got.add(r.get("recordId").asText());
                }
                Instant at = Instant.parse(r.get("startedAt").asText());
                assertFalse(at.isAfter(previous), "newest first");
                previous = at;
            }
            cursor = page.path("next").isTextual() ? page.get("next").asText() : null;
        } while (cursor != null);
        assertEquals(expected.size(), got.size(), "no record twice");
        assertEquals(expected, new HashSet<>(got));

        JsonNode problem = ApiErrorsTest.assertProblem(given().queryParam("uid", "xyz").queryParam("outcome", "meh")
                .queryParam("since", "yesterday").queryParam("limit", "0").queryParam("cursor", "@@@")
                .get("/api/v1/records"), 400);
        List<String> errors = new ArrayList<>();
        problem.get("errors").forEach(e -> errors.add(e.asText().substring(0, e.asText().indexOf(':'))));
        assertEquals(List.of("uid", "outcome", "since", "limit", "cursor"), errors);
        ApiErrorsTest.assertProblem(given().queryParam("since", "2026-12-02T00:00:00Z")
                .queryParam("until", "2026-12-01T00:00:00Z").get("/api/v1/records"), 400);
        ApiErrorsTest.assertProblem(given().queryParam("limit", "1001").get("/api/v1/records"), 400);
    }

    @Test
    void theSummaryCountsBoardsAttemptsAndCauses() {
        Instant since = Instant.parse("2030-01-01T00:00:00Z");
        List<ObjectNode> records = List.of(
                passed("sum-1", uid(901), "line-1", since.plusSeconds(10), 60),
                SampleRecords.failed("sum-2", uid(902), "line-1", since.plusSeconds(20), 30, "verify-mismatch"),
                passed("sum-3", uid(902), "line-1", since.plusSeconds(100), 90),
                SampleRecords.failed("sum-4", uid(903), "line-1", since.plusSeconds(30), 45, "probe-lost"));
        upload(LINE_1, batch(records)).then().statusCode(200);
        JsonNode s = json(given().queryParam("since", since.toString()).get("/api/v1/records/summary")
                .then().statusCode(200).extract().response());
        assertEquals(4, s.get("attempts").asInt());
        assertEquals(3, s.get("boards").asInt());
        assertEquals(2, s.get("passedBoards").asInt());
        assertEquals(0.6667, s.get("yield").asDouble(), 1e-9);
        assertEquals(2, s.at("/byOutcome/passed").asInt());
        assertEquals(2, s.at("/byOutcome/failed").asInt());
        assertEquals(0, s.at("/byOutcome/aborted").asInt());
        assertEquals(1, s.at("/failuresByCause/verify-mismatch").asInt());
        assertEquals(1, s.at("/failuresByCause/probe-lost").asInt());
        assertEquals(4, s.at("/fusOnArrival/1.1.0").asInt());
        assertEquals(52.5, s.get("medianSecondsPerAttempt").asDouble(), 1e-9); // 30, 45, 60, 90
        ApiErrorsTest.assertProblem(given().queryParam("since", "soon").get("/api/v1/records/summary"), 400);
    }
}
