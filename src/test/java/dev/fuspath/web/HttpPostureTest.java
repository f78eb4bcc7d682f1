package dev.fuspath.web;

import static dev.fuspath.web.ApiErrorsTest.assertProblemBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import dev.fuspath.testing.RawHttp;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's posture and damaged-form items, on raw sockets: nosniff on every answer, malformed HTTP refused with
 * 400, no h2c upgrade, form parsing errors and oversized streamed bodies answered 400/413 (page or problem), and
 * none of it puts an ERROR or a stack trace in the service's log.
 */
@QuarkusTest
class HttpPostureTest {

    @TestHTTPResource("/")
    URL base;

    private String exchange(String request) throws IOException {
        return RawHttp.exchange(base, request);
    }

    private String get(String path) throws IOException {
        return exchange("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    @Test
    void everyAnswerSaysNosniff() throws IOException {
        List<String> answers = List.of(
                get("/api/v1/releases"),
                get("/api/v1/chips"),
                get("/api/v1/anomalies?severity=nonsense"),
                get("/api/v1/nothing-here"),
                get("/releases"),
                get("/assets/fuspath.css"),
                exchange("POST /api/v1/inspect HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: 5000000\r\n\r\n"),
                exchange("POST /somewhere HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50000000\r\n\r\n"));
        for (String answer : answers) {
            assertTrue(answer.startsWith("HTTP/1.1 "), answer);
            assertTrue(RawHttp.head(answer).contains("x-content-type-options: nosniff"), "no nosniff: " + RawHttp.head(answer));
        }
    }

    /**
     * The answers Vert.x makes itself, below the router, for requests it cannot decode: each shape its own request,
     * each answer with nosniff ({@link ConnectionGuards}). Not in this list, because there is no answer to mark:
     * Vert.x's default invalid-request handler answers only a request line it could not read (400), an over-long
     * request line (414) and over-long headers (431); any other decoding failure closes the connection unanswered
     * (neverAnAnswerWithoutNosniff checks that a header Netty refuses gets an answer with nosniff, or none).
     */
    @Test
    void answersOfTheHttpDecoderSayNosniff() throws Exception {
        awaitHooked();
        String longLine = "GET /api/v1/anomalies?family=" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        String longHeader = "GET /api/v1/chips HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "y".repeat(70_000) + "\r\n\r\n";
        List<List<String>> shapes = List.of(
                List.of("malformed Content-Length", "POST /api/v1/inspect HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/octet-stream\r\nContent-Length: abc\r\n\r\nAAAAA", "400"),
                List.of("two Content-Lengths", "POST /api/v1/diagnose HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: text/plain\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", "400"),
                List.of("over-long request line", longLine, "414"),
                List.of("over-long header", longHeader, "431"),
                List.of("unreadable version", "GET /api/v1/chips HTTP/x.y\r\nHost: 127.0.0.1\r\n\r\n", "400"),
                List.of("no version", "GET /api/v1/chips\r\nHost: 127.0.0.1\r\n\r\n", "400"),
                List.of("a TLS hello on the cleartext port", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003"
                        + "\r\n\r\n", "400"),
                List.of("an escape that does not decode", "GET /api/v1/anomalies?family=%zz HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\n\r\n", "400"));
        for (List<String> shape : shapes) {
            String answer = RawHttp.exchange(base, shape.get(1).getBytes(StandardCharsets.ISO_8859_1), 5_000,
                    RawHttp::whole);
            assertTrue(answer.startsWith("HTTP/1.1 " + shape.get(2)) || answer.startsWith("HTTP/1.0 " + shape.get(2)),
                    shape.get(0) + " -> " + answer);
            assertTrue(RawHttp.head(answer).contains("x-content-type-options: nosniff"),
                    shape.get(0) + ": no nosniff: " + RawHttp.head(answer));
        }
    }

    /** Headers Netty refuses after the request line: answered with nosniff, or not answered at all. */
    @Test
    void neverAnAnswerWithoutNosniff() throws Exception {
        awaitHooked();
        for (String header : List.of("Content-Length: -1", "Content-Length: 99999999999999999999", "Bad Header: x",
                "Transfer-Encoding: chunked\r\nContent-Length: 3", "X-Ctl: a\u0000b", " folded: x")) {
            String answer = RawHttp.exchange(base, ("POST /api/v1/diagnose HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: text/plain\r\n" + header + "\r\n\r\nabc").getBytes(StandardCharsets.ISO_8859_1),
                    5_000, RawHttp::whole);
            assertTrue(answer.isEmpty() || RawHttp.head(answer).contains("x-content-type-options: nosniff"),
                    header + ": " + RawHttp.head(answer));
        }
    }

    /** The hook is put on the listening channel by an asynchronous start event; the tests wait for it, up to 10 s. */
    private static void awaitHooked() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ConnectionGuards.hooked() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(ConnectionGuards.hooked() > 0, "the nosniff hook is on the listening channel");
    }

    @Inject
    Router router;

    /**
     * The log capture that the tests below rely on to say "no ERROR, no stack trace" does catch one: a route that
     * fails with an exception makes the service log an ERROR with its trace, through the same capture.
     */
    @Test
    void theLogCaptureSeesARealError() throws IOException {
        Route failing = router.get("/test-only/failing").order(Integer.MIN_VALUE + 1).handler(ctx -> {
            throw new IllegalStateException("a failure the log capture must see");
        });
        try (HostileClients.LogCapture log = new HostileClients.LogCapture()) {
            String answer = get("/test-only/failing");
            assertTrue(answer.startsWith("HTTP/1.1 500"), RawHttp.head(answer));
            List<String> logged = log.errorsOrTraces();
            assertTrue(logged.stream().anyMatch(r -> r.startsWith("SEVERE") || r.startsWith("ERROR")), logged.toString());
            assertTrue(logged.stream().anyMatch(r -> r.contains("a failure the log capture must see")), logged.toString());
        } finally {
            failing.remove();
        }
    }

    /**
     * Item 1's cap on pipelined requests: {@link HttpGuards#MAX_REQUESTS_PER_CONNECTION} + 50 small GETs in one write
     * (so the service has read them all before it closes, and closes with a FIN, not a reset that could drop answers)
     * get exactly the cap's number of answers, the last saying Connection: close, and then the connection closes.
     */
    @Test
    void pipelinedRequestsAreCappedPerConnection() throws IOException {
        int sent = HttpGuards.MAX_REQUESTS_PER_CONNECTION + 50;
        String request = "GET /api/v1/nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        try (Socket socket = RawHttp.send(base, request.repeat(sent))) {
            socket.setSoTimeout(30_000);
            String got = RawHttp.read(socket, RawHttp.UNTIL_CLOSED);
            InputStream in = socket.getInputStream();
            assertEquals(-1, in.read(), "the connection is closed after the last answer");
            Matcher status = Pattern.compile("HTTP/1\\.1 (\\d{3}) ").matcher(got);
            int answers = 0;
            int lastAt = 0;
            while (status.find()) {
                assertEquals("404", status.group(1));
                answers++;
                lastAt = status.start();
            }
            assertEquals(HttpGuards.MAX_REQUESTS_PER_CONNECTION, answers, "answers on one connection");
            String last = RawHttp.head(got.substring(lastAt));
            assertTrue(last.contains("connection: close"), last);
            assertTrue(last.contains("x-content-type-options: nosniff"), last);
        }
    }

    @Test
    void malformedHttpIs400() throws Exception {
        awaitHooked();
        try (HostileClients.LogCapture log = new HostileClients.LogCapture()) {
            for (String request : List.of(
                    "GET /api/v1/releases HTTP/1.2\r\nHost: 127.0.0.1\r\n\r\n",
                    "GET /api/v1/releases HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n",
                    // another major version: refused below Vert.x, which takes HTTP/2.0 for HTTP/2 and has Quarkus
                    // log an ERROR with a trace for the missing :authority (ConnectionGuards)
                    "GET /api/v1/releases HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n",
                    "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                    "GET /api/v1/releases HTTP/0.9\r\nHost: 127.0.0.1\r\n\r\n",
                    "POST /api/v1/diagnose HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                            + "Transfer-Encoding: gzip\r\n\r\nabc",
                    "POST /api/v1/diagnose HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                            + "Transfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                    "POST /diagnose HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                            + "Transfer-Encoding: identity\r\n\r\nlog=abc")) {
                String answer = exchange(request);
                // the status line echoes the version asked for
                assertTrue(answer.matches("(?s)HTTP/\\d\\.\\d 400 .*"),
                        request.lines().findFirst().orElseThrow() + " -> " + answer);
                assertTrue(RawHttp.head(answer).contains("x-content-type-options: nosniff"), RawHttp.head(answer));
            }
            assertEquals(List.of(), log.errorsOrTraces());
        }
    }

    @Test
    void noCleartextHttp2Upgrade() throws IOException {
        String answer = exchange("GET /api/v1/releases HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200"), RawHttp.head(answer));
        assertFalse(RawHttp.head(answer).contains("upgrade: h2c"), RawHttp.head(answer));
        // the HTTP/2 connection preface is not taken either
        String preface = exchange("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        // taken for an HTTP/1 request of version 2.0, and refused with a 400 problem; HTTP/2 would answer frames
        assertTrue(preface.isEmpty() || preface.matches("(?s)HTTP/\\d\\.\\d 400 .*"), "an HTTP/2 server answered the"
                + " preface: " + preface.length() + " bytes");
    }

    private static String urlencoded(String path, String form) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + form.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + form;
    }

    private static String multipart(String path, int parts) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            body.append("--XyZ\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nv\r\n");
        }
        body.append("--XyZ--\r\n");
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
    }

    /** Item 6: form parsing errors are 400 or 413 pages, with no ERROR and no stack trace in the log. */
    @Test
    void damagedFormsAreRefusedWithAPage() throws IOException {
        try (HostileClients.LogCapture log = new HostileClients.LogCapture()) {
            String fields = "log=x" + "&a=1".repeat(1200);
            List<String> requests = List.of(
                    urlencoded("/diagnose", "log=%zz"),
                    urlencoded("/diagnose", "log=abc%"),
                    urlencoded("/diagnose", fields),
                    multipart("/diagnose", 1200),
                    multipart("/inspect", 1200));
            for (String request : requests) {
                String answer = exchange(request);
                String status = answer.lines().findFirst().orElse("");
                assertTrue(status.startsWith("HTTP/1.1 400") || status.startsWith("HTTP/1.1 413"),
                        request.lines().findFirst().orElseThrow() + " " + abbreviate(request) + " -> " + status);
                assertTrue(RawHttp.head(answer).contains("content-type: text/html"), RawHttp.head(answer));
                assertTrue(RawHttp.body(answer).contains("<html"), RawHttp.body(answer));
                assertFalse(RawHttp.body(answer).contains("Exception"), RawHttp.body(answer));
            }
            assertEquals(List.of(), log.errorsOrTraces());
        }
    }

    private static String chunked(String path, String type, int size) {
        StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type
                + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        String chunk = "A".repeat(65536);
        for (int sent = 0; sent < size; sent += chunk.length()) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return request.append("0\r\n\r\n").toString();
    }

    /** Item 8: a streamed body past what the endpoint, or the HTTP layer, takes is a 413 problem or page, no trace. */
    @Test
    void streamedBodiesTooLargeAre413WithoutATrace() throws IOException {
        try (HostileClients.LogCapture log = new HostileClients.LogCapture()) {
            for (String path : List.of("/api/v1/inspect", "/api/v1/diagnose")) {
                String answer = exchange(chunked(path, path.endsWith("inspect") ? "application/octet-stream" : "text/plain",
                        6 * 1024 * 1024));
                assertTrue(answer.startsWith("HTTP/1.1 413"), path + " -> " + RawHttp.head(answer));
                assertTrue(RawHttp.head(answer).contains("content-type: application/problem+json"), RawHttp.head(answer));
                assertProblemBody(RawHttp.body(answer), 413);
            }
            for (String path : List.of("/inspect", "/diagnose")) {
                String answer = exchange(chunked(path, "application/x-www-form-urlencoded", 6 * 1024 * 1024));
                assertTrue(answer.startsWith("HTTP/1.1 413"), path + " -> " + RawHttp.head(answer));
                assertTrue(RawHttp.head(answer).contains("content-type: text/html"), RawHttp.head(answer));
            }
            assertEquals(List.of(), log.errorsOrTraces());
        }
    }

    private static String abbreviate(String request) {
        return request.length() <= 200 ? request : request.substring(0, 200) + "...";
    }
}
