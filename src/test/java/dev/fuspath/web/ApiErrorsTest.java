package dev.fuspath.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.testing.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every error is an RFC 9457 problem document that names the fix and leaks nothing of the implementation. */
@QuarkusTest
class ApiErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    /** Asserts the response is a problem document of that status, and returns it. */
    static JsonNode assertProblem(Response response, int status) {
        String body = response.asString();
        assertEquals(status, response.statusCode(), body);
        assertEquals("application/problem+json", response.contentType(), body);
        return assertProblemBody(body, status);
    }

    static JsonNode assertProblemBody(String body, int status) {
        assertFalse(body.isBlank(), "an empty body where a problem document belongs");
        assertFalse(body.contains("at dev."), "a stack trace: " + body);
        assertFalse(body.contains("Exception"), "an exception name: " + body);
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
        assertTrue(problem.path("type").isTextual(), body);
        assertTrue(problem.path("title").isTextual() && !problem.get("title").asText().isBlank(), body);
        assertEquals(status, problem.path("status").asInt(-1), body);
        assertTrue(problem.path("status").isInt(), body);
        assertTrue(problem.path("detail").isTextual() && !problem.get("detail").asText().isBlank(), body);
        return problem;
    }

    private static String detail(Response response, int status) {
        return assertProblem(response, status).get("detail").asText();
    }

    @Test
    void badTagFormatNamesTheAcceptedForm() {
        for (String path : new String[] {"/api/v1/releases/1.24/binaries", "/api/v1/releases/v1.24/binaries",
                "/api/v1/releases/v1.24.0.1/binaries", "/api/v1/releases/V1.24.0/binaries"}) {
            String detail = detail(given().get(path), 400);
            assertTrue(detail.contains("v1.24.0"), path + ": " + detail);
        }
        assertTrue(detail(given().queryParam("tag", "latest").get("/api/v1/anomalies"), 400).contains("v1.24.0"));
    }

    @Test
    void unknownTagIs404() {
        assertTrue(detail(given().get("/api/v1/releases/v9.9.9/binaries"), 404).contains("v9.9.9"));
        assertTrue(detail(given().queryParam("tag", "v9.9.9").get("/api/v1/anomalies"), 404).contains("v9.9.9"));
    }

    @Test
    void unknownFamilyListsTheFamilies() {
        for (Response r : new Response[] {given().queryParam("family", "STM32WB9x").get("/api/v1/releases/v1.24.0/binaries"),
                given().queryParam("family", "wb5").get("/api/v1/anomalies")}) {
            String detail = detail(r, 400);
            for (String family : new String[] {"STM32WB5x", "STM32WB3x", "STM32WB1x"}) {
                assertTrue(detail.contains(family), detail);
            }
        }
    }

    @Test
    void badAndUnknownSha() {
        for (String sha : new String[] {"xyz", "g".repeat(64), "a".repeat(63), "a".repeat(65)}) {
            assertTrue(detail(given().get("/api/v1/binaries/" + sha), 400).contains("64 hexadecimal"), sha);
        }
        assertProblem(given().get("/api/v1/binaries/" + "0".repeat(64)), 404);
    }

    @Test
    void badSeverityListsTheSeverities() {
        String detail = detail(given().queryParam("severity", "fatal").get("/api/v1/anomalies"), 400);
        assertTrue(detail.contains("error") && detail.contains("warning") && detail.contains("info"), detail);
    }

    @Test
    void unknownPathIs404() {
        for (String path : new String[] {"/api/v1/nope", "/api/v2/releases", "/api/v1/releases/v1.24.0",
                "/api/v1/releases/v1.24.0/binaries/extra", "/nothing-here"}) {
            assertProblem(given().get(path), 404);
        }
    }

    @Test
    void wrongMethodIs405() {
        assertProblem(given().delete("/api/v1/releases"), 405);
        assertProblem(given().post("/api/v1/anomalies"), 405);
        assertProblem(given().put("/api/v1/binaries/" + "a".repeat(64)), 405);
        assertProblem(given().get("/api/v1/inspect"), 405);
    }

    @Test
    void inspectTakesOnlyOctetStream() {
        assertProblem(given().contentType("text/plain").body("abc").post("/api/v1/inspect"), 415);
        assertProblem(given().contentType("application/json").body("{}").post("/api/v1/inspect"), 415);
        assertProblem(given().contentType("multipart/form-data").multiPart("file", "x.bin", new byte[] {1, 2, 3})
                .post("/api/v1/inspect"), 415);
    }

    @Test
    void emptyInspectBodyIs400() {
        String detail = detail(given().contentType("application/octet-stream").body(new byte[0])
                .post("/api/v1/inspect"), 400);
        assertTrue(detail.contains("empty"), detail);
    }

    @Test
    void badFilenameIs400() {
        for (String name : new String[] {"a\u0000b.bin", "line\nbreak.bin", "x".repeat(256)}) {
            assertProblem(given().contentType("application/octet-stream").body(new byte[] {1, 2, 3})
                    .queryParam("filename", name).post("/api/v1/inspect"), 400);
        }
    }

    @Test
    void bodyAbove4MiBIs413() {
        byte[] body = new byte[InspectResource.MAX_BYTES + 1];
        String detail = detail(given().contentType("application/octet-stream").body(body).post("/api/v1/inspect"), 413);
        assertTrue(detail.contains("4 MiB"), detail);
    }

    @Test
    void streamedBodyAbove4MiBIs413() throws Exception {
        HttpResponse<String> response = streamInspect(InspectResource.MAX_BYTES + 1);
        assertEquals(413, response.statusCode(), response.body());
        assertEquals(Optional.of("application/problem+json"), response.headers().firstValue("Content-Type"));
        assertProblemBody(response.body(), 413);
    }

    @Test
    void streamedBodyAboveTheHttpLimitIsAProblemToo() throws Exception {
        HttpResponse<String> response = streamInspect(9_000_000);
        assertEquals(413, response.statusCode(), response.body());
        assertEquals(Optional.of("application/problem+json"), response.headers().firstValue("Content-Type"),
                "a bare 413: '" + response.body() + "'");
        assertProblemBody(response.body(), 413);
    }

    /** Posts {@code size} bytes chunked, with no Content-Length. */
    private HttpResponse<String> streamInspect(int size) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("/api/v1/inspect"))
                .version(HttpClient.Version.HTTP_1_1).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[size])))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void declaredLengthAbove4MiBIs413BeforeTheBodyIsSent() throws IOException {
        String head = RawHttp.firstAnswer(base, inspectUpload(5_000_000), 2_000);
        assertTrue(head.startsWith("HTTP/1.1 413"), head);
        assertTrue(head.toLowerCase().contains("content-type: application/problem+json"), head);
        assertProblemBody(head.substring(head.indexOf("\r\n\r\n") + 4), 413);
    }

    @Test
    void connectionIsClosedAfterTheEarly413() throws IOException {
        try (Socket socket = RawHttp.send(base, inspectUpload(5_000_000))) {
            socket.setSoTimeout(8_000); // the server waits up to 5 s for the rest of a body it refused
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                while (in.read(buffer) >= 0) {
                    // drain the 413 until the server closes
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server sent Connection: close but did not close within 8 s");
            }
        }
    }

    @Test
    /** The HTTP codec rejects such a request before the application sees it: a bare 400, never more. */
    void unparsableContentLengthIsRefusedByTheHttpLayer() throws IOException {
        String response = RawHttp.firstAnswer(base, inspectUpload(5).replace("Content-Length: 5", "Content-Length: abc"), 3_000);
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertFalse(response.contains("Exception"), response);
    }

    /** The head of an inspect upload declaring {@code length} bytes; none of them follow. */
    private String inspectUpload(long length) {
        return "POST /api/v1/inspect HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n\r\n";
    }

    @Test
    void hostileQueryValues() {
        String[] values = {"x".repeat(3_000), "\u2603\uD83D\uDE00", "STM32WB5x\u0000", "\u0000", "%00", "' OR 1=1 --",
                "<script>alert(1)</script>", "../../etc/passwd", "\u202Estm32wb5x"};
        for (String value : values) {
            assertProblem(given().queryParam("family", value).get("/api/v1/releases/v1.24.0/binaries"), 400);
            assertProblem(given().queryParam("family", value).get("/api/v1/anomalies"), 400);
            assertProblem(given().queryParam("tag", value).get("/api/v1/anomalies"), 400);
            assertProblem(given().queryParam("severity", value).get("/api/v1/anomalies"), 400);
        }
        String detail = detail(given().queryParam("family", "y".repeat(3_000)).get("/api/v1/anomalies"), 400);
        assertTrue(detail.length() < 300, "the echoed value is cut: " + detail.length() + " characters");
    }

    @Test
    void hostilePathValues() {
        for (String value : new String[] {"%00", "%E2%98%83", "..%2F..%2Fetc", "v1.24.0%00", "v1.24.0%20"}) {
            assertProblem(given().urlEncodingEnabled(false).get("/api/v1/releases/" + value + "/binaries"), 400);
            assertProblem(given().urlEncodingEnabled(false).get("/api/v1/binaries/" + value), 400);
        }
    }

    @Test
    void echoedSeverityIsCut() {
        String detail = detail(given().queryParam("severity", "y".repeat(3_000)).get("/api/v1/anomalies"), 400);
        assertTrue(detail.length() < 300, "the echoed value is cut: " + detail.length() + " characters");
    }

    @Test
    /** Request lines over 4096 bytes are refused by the HTTP layer before the application: a bare 414. */
    void veryLongQueryIsRefusedByTheHttpLayer() {
        Response response = given().queryParam("family", "x".repeat(10_000)).get("/api/v1/anomalies");
        assertEquals(414, response.statusCode());
        assertFalse(response.asString().contains("Exception"));
    }

    @Test
    /** The HTTP layer refuses a query whose percent escapes do not decode, before routing: a bare 400. */
    void malformedEscapeIsRefusedByTheHttpLayer() throws IOException {
        for (String query : new String[] {"family=%zz", "family=%", "severity=%G0"}) {
            String response = RawHttp.firstAnswer(base, "GET /api/v1/anomalies?" + query + " HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nConnection: close\r\n\r\n", 3_000);
            assertTrue(response.startsWith("HTTP/1.1 400"), query + ": " + response);
            assertFalse(response.contains("Exception"), query + ": " + response);
        }
    }
}
