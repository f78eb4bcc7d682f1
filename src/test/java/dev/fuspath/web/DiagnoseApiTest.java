package dev.fuspath.web;

import static dev.fuspath.web.ApiErrorsTest.assertProblem;
import static dev.fuspath.web.ApiErrorsTest.assertProblemBody;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.diagnose.DiagnoseFixtures;
import dev.fuspath.testing.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** POST /api/v1/diagnose: answers, limits and refusals; never a 500. */
@QuarkusTest
class DiagnoseApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private static JsonNode ok(Response response) throws IOException {
        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        return JSON.readTree(response.asString());
    }

    private static List<String> codes(JsonNode diagnosis) {
        List<String> out = new ArrayList<>();
        diagnosis.get("findings").forEach(f -> out.add(f.get("severity").asText() + " " + f.get("code").asText()));
        return out;
    }

    @Test
    void diagnosesALogWithItsPlan() throws IOException {
        String log = DiagnoseFixtures.log("fus-v2-only-on-fus1-usb.log");
        JsonNode d = ok(given().contentType("text/plain; charset=UTF-8").body(log).post("/api/v1/diagnose"));
        assertEquals("cubeprogrammer", d.at("/input/kind").asText());
        assertEquals("error fus-v2-only-on-fus1", codes(d).get(0));
        assertEquals(DiagnoseFixtures.lineOf(log, "Error: Firmware not authentic!"),
                d.at("/findings/0/evidence").get(d.at("/findings/0/evidence").size() - 1).asInt());
        assertEquals("0x495", d.at("/session/deviceId").asText());
        assertEquals("stm32wb5x_FUS_fw.bin", d.at("/correctedPlan/plan/steps/1/file").asText());
        assertEquals("usb", d.at("/correctedPlan/plan/interface").asText());
        // the same answer as the Diagnoser gives directly
        assertEquals(JSON.readTree(JSON.writeValueAsString(DiagnoseFixtures.diagnoser().diagnose(log, Optional.empty()))), d);
    }

    @Test
    void hintsAreUsedAndChecked() throws IOException {
        String log = DiagnoseFixtures.log("wrong-address-gui.log");
        JsonNode d = ok(given().contentType("text/plain").body(log).queryParam("chip", "stm32wb55rgv6tr")
                .queryParam("fus", "01020000").post("/api/v1/diagnose"));
        assertTrue(codes(d).contains("error wrong-address"), codes(d).toString());
        assertEquals("1.2.0", d.at("/correctedPlan/plan/from/fus").asText());
        assertEquals("STM32WB55RG", d.at("/correctedPlan/plan/chip/part").asText());

        assertTrue(assertProblem(given().contentType("text/plain").body(log).queryParam("fus", "banana")
                .post("/api/v1/diagnose"), 400).get("detail").asText().contains("banana"));
        JsonNode unknown = assertProblem(given().contentType("text/plain").body(log).queryParam("chip", "STM32WB99ZZ")
                .post("/api/v1/diagnose"), 404);
        assertTrue(unknown.get("available").toString().contains("STM32WB55RG"), unknown.toString());
        assertProblem(given().contentType("text/plain").body(log).queryParam("chip", "x".repeat(41))
                .post("/api/v1/diagnose"), 400);
    }

    @Test
    void emptyBinaryAndNoiseGetADiagnosis() throws IOException {
        JsonNode empty = ok(given().contentType("text/plain").body(new byte[0]).post("/api/v1/diagnose"));
        assertEquals(List.of("info empty-log"), codes(empty));

        byte[] garbage = new byte[200_000];
        new Random(1).nextBytes(garbage);
        JsonNode binary = ok(given().contentType("text/plain").body(garbage).post("/api/v1/diagnose"));
        assertEquals(List.of("warning binary-input"), codes(binary));

        // exactly 1 MiB of printable noise with line ends: read, not refused
        Random r = new Random(2);
        byte[] noise = new byte[DiagnoseResource.MAX_BYTES];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) (r.nextInt(60) == 0 ? '\n' : 32 + r.nextInt(95));
        }
        JsonNode read = ok(given().contentType("text/plain").body(noise).post("/api/v1/diagnose"));
        assertEquals(DiagnoseResource.MAX_BYTES, read.at("/input/characters").asLong());
        assertTrue(read.get("findings").size() >= 1);

        JsonNode latin1 = ok(given().contentType("text/plain; charset=ISO-8859-1")
                .body("Device ID   : 0x495\nError: No debug probe detected. \u00e9".getBytes(StandardCharsets.ISO_8859_1))
                .post("/api/v1/diagnose"));
        assertTrue(codes(latin1).contains("error NO_PROBE"), codes(latin1).toString());
    }

    @Test
    void aPostWithNoBodyAndNoContentTypeIsTheEmptyLog() throws IOException {
        String answer = RawHttp.exchange(base, "POST /api/v1/diagnose HTTP/1.1\r\nHost: " + base.getHost()
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertTrue(RawHttp.head(answer).startsWith("http/1.1 200"), answer);
        assertEquals(List.of("info empty-log"), codes(new ObjectMapper().readTree(RawHttp.body(answer))));
        // a body without a Content-Type is still not a log this resource reads
        String typeless = RawHttp.exchange(base, "POST /api/v1/diagnose HTTP/1.1\r\nHost: " + base.getHost()
                + "\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
        assertTrue(RawHttp.head(typeless).startsWith("http/1.1 415"), typeless);
        assertTrue(RawHttp.head(typeless).contains("application/problem+json"), typeless);
    }

    @Test
    void otherMediaTypesAre415() {
        assertProblem(given().contentType("application/json").body("{}").post("/api/v1/diagnose"), 415);
        assertProblem(given().contentType("application/octet-stream").body(new byte[] {1}).post("/api/v1/diagnose"), 415);
        assertProblem(given().get("/api/v1/diagnose"), 405);
    }

    @Test
    void bodyAbove1MiBIs413() {
        String detail = assertProblem(given().contentType("text/plain").body(new byte[DiagnoseResource.MAX_BYTES + 1])
                .post("/api/v1/diagnose"), 413).get("detail").asText();
        assertTrue(detail.contains("1 MiB"), detail);
    }

    @Test
    void declaredLengthAbove1MiBIs413BeforeTheBodyIsSent() throws IOException {
        String head = "POST /api/v1/diagnose HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: text/plain\r\n"
                + "Content-Length: " + (DiagnoseResource.MAX_BYTES + 1) + "\r\n\r\n";
        String response = RawHttp.headThenWait(base, head,
                text -> text.contains("\r\n\r\n") && text.trim().endsWith("}"));
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertTrue(assertProblemBody(body, 413).get("detail").asText().contains("1 MiB"), body);
    }

    @Test
    void streamedBodyAbove1MiBIs413() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("/api/v1/diagnose"))
                .version(HttpClient.Version.HTTP_1_1).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new ByteArrayInputStream("x".repeat(DiagnoseResource.MAX_BYTES + 1).getBytes(StandardCharsets.US_ASCII))))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertEquals(Optional.of("application/problem+json"), response.headers().firstValue("Content-Type"));
        assertProblemBody(response.body(), 413);
    }
}
