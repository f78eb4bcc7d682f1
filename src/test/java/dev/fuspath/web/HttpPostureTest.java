package dev.fuspath.web;

import static dev.fuspath.web.ApiErrorsTest.assertProblemBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
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

    /** Sends {@code request} as it is and returns everything the service answers until it closes or 5 s pass. */
    private String exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the service may answer and close before the whole request is sent
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16384];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    got.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // what arrived is the answer
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    private String exchange(String request) throws IOException {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String head(String response) {
        int end = response.indexOf("\r\n\r\n");
        return (end < 0 ? response : response.substring(0, end)).toLowerCase(Locale.ROOT);
    }

    private static String body(String response) {
        int end = response.indexOf("\r\n\r\n");
        return end < 0 ? "" : response.substring(end + 4);
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
            assertTrue(head(answer).contains("x-content-type-options: nosniff"), "no nosniff: " + head(answer));
        }
    }

    @Test
    void malformedHttpIs400() throws IOException {
        try (HostileClients.LogCapture log = new HostileClients.LogCapture()) {
            for (String request : List.of(
                    "GET /api/v1/releases HTTP/1.2\r\nHost: 127.0.0.1\r\n\r\n",
                    "GET /api/v1/releases HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n",
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
            }
            assertEquals(List.of(), log.errorsOrTraces());
        }
    }

    @Test
    void noCleartextHttp2Upgrade() throws IOException {
        String answer = exchange("GET /api/v1/releases HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200"), head(answer));
        assertFalse(head(answer).contains("upgrade: h2c"), head(answer));
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
                assertTrue(head(answer).contains("content-type: text/html"), head(answer));
                assertTrue(body(answer).contains("<html"), body(answer));
                assertFalse(body(answer).contains("Exception"), body(answer));
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
                assertTrue(answer.startsWith("HTTP/1.1 413"), path + " -> " + head(answer));
                assertTrue(head(answer).contains("content-type: application/problem+json"), head(answer));
                assertProblemBody(body(answer), 413);
            }
            for (String path : List.of("/inspect", "/diagnose")) {
                String answer = exchange(chunked(path, "application/x-www-form-urlencoded", 6 * 1024 * 1024));
                assertTrue(answer.startsWith("HTTP/1.1 413"), path + " -> " + head(answer));
                assertTrue(head(answer).contains("content-type: text/html"), head(answer));
            }
            assertEquals(List.of(), log.errorsOrTraces());
        }
    }

    private static String abbreviate(String request) {
        return request.length() <= 200 ? request : request.substring(0, 200) + "...";
    }
}
