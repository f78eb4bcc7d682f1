package dev.fuspath.executor.files;

import static dev.fuspath.executor.files.Steps.FULL;
import static dev.fuspath.executor.files.Steps.install;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.image.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A server that lies, stalls or refuses: each gives a reason naming the fix, and no wrong byte is kept. */
class ServerFirmwareTest {

    private static final byte[] IMAGE = TestImages.fusV2Stack().payloadSize(30000).seed(5).version(0x01170000L).build();
    /** Long enough for a cold JVM's first request; the timeout tests use {@link #SHORT}. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHORT = Duration.ofMillis(800);

    private interface Answer {
        void send(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private HttpServer server;
    private ExecutorService threads;
    private final AtomicReference<Answer> answer = new AtomicReference<>();
    private final AtomicReference<String> asked = new AtomicReference<>();
    private final AtomicReference<String> accept = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            asked.set(exchange.getRequestURI().getPath());
            accept.set(exchange.getRequestHeaders().getFirst("Accept"));
            try (exchange) {
                answer.get().send(exchange);
            } catch (IOException | InterruptedException e) {
                // the client went away: what the test wanted to see
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    private URI base(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private ServerFirmware source() {
        return new ServerFirmware(base(""), TIMEOUT);
    }

    private String failure(ServerFirmware source) {
        FirmwareUnavailableException e = assertThrows(FirmwareUnavailableException.class,
                () -> source.fetch(install(5, FULL, IMAGE)));
        assertEquals(5, e.step());
        assertEquals(List.of(source.describe()), e.attempts().stream().map(FirmwareUnavailableException.Attempt::source).toList());
        return e.attempts().get(0).reason();
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private static byte[] problem(int status, String detail) {
        return ("{\"type\":\"about:blank\",\"title\":\"t\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theRightBytesAreKeptWithTheirUrl() throws Exception {
        answer.set(x -> send(x, 200, "application/octet-stream", IMAGE));
        ServerFirmware source = new ServerFirmware(base("/fuspath/"), TIMEOUT);
        Fetched fetched = source.fetch(install(5, FULL, IMAGE));
        assertArrayEquals(IMAGE, fetched.bytes());
        String path = "/fuspath/api/v1/binaries/" + Sha256.of(IMAGE) + "/content";
        assertEquals(path, asked.get());
        assertEquals(base(path).toString(), fetched.origin());
        assertTrue(accept.get().contains("application/octet-stream") && accept.get().contains("application/problem+json"));
        assertEquals("server " + base("/fuspath/"), source.describe());
    }

    @Test
    void otherBytesOfTheSameSizeAreRefused() {
        byte[] other = Arrays.copyOf(IMAGE, IMAGE.length);
        other[100] ^= 1;
        answer.set(x -> send(x, 200, "application/octet-stream", other));
        String reason = failure(source());
        assertTrue(reason.contains("sent SHA-256 " + Sha256.of(other) + ", not the plan's " + Sha256.of(IMAGE)), reason);
        assertTrue(reason.contains("nothing of them is used"), reason);
    }

    @Test
    void aShorterBodyIsRefused() {
        answer.set(x -> send(x, 200, "application/octet-stream", Arrays.copyOf(IMAGE, 1000)));
        assertTrue(failure(source()).contains("sent 1000 bytes, not the plan's " + IMAGE.length));
    }

    @Test
    void aLongerBodyIsCutOff() {
        byte[] longer = Arrays.copyOf(IMAGE, IMAGE.length + 1);
        answer.set(x -> send(x, 200, "application/octet-stream", longer));
        String declared = failure(source());
        assertTrue(declared.contains("more than the " + IMAGE.length + " bytes the plan gives"), declared);

        answer.set(x -> { // no length announced, and no end: only the client's count stops it before the timeout
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            while (true) {
                out.write(new byte[64 * 1024]);
            }
        });
        long start = System.nanoTime();
        String reason = failure(source());
        assertTrue(reason.contains("the download was stopped and nothing of it is used"), reason);
        assertTrue(System.nanoTime() - start < TIMEOUT.toNanos() / 2, "stopped at the cap, not at the timeout");
    }

    @Test
    void aSlowBodyTimesOut() {
        answer.set(x -> {
            x.sendResponseHeaders(200, IMAGE.length);
            x.getResponseBody().write(IMAGE, 0, 100);
            x.getResponseBody().flush();
            Thread.sleep(10_000);
            x.getResponseBody().write(IMAGE, 100, IMAGE.length - 100);
        });
        long start = System.nanoTime();
        String reason = failure(new ServerFirmware(base(""), SHORT));
        long took = (System.nanoTime() - start) / 1_000_000;
        assertTrue(reason.startsWith("no complete answer from " + base("") + " within 800 ms"), reason);
        assertTrue(took >= 750 && took < 3000, took + " ms");
    }

    @Test
    void noAnswerAtAllTimesOut() {
        answer.set(x -> Thread.sleep(10_000));
        long start = System.nanoTime();
        String reason = failure(new ServerFirmware(base(""), SHORT));
        assertTrue(reason.contains("within 800 ms"), reason);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 3000);
    }

    @Test
    void aProblemDocumentGivesItsDetailAndTheFix() {
        answer.set(x -> send(x, 404, "application/problem+json", problem(404,
                "no release in the catalog shipped a binary with SHA-256 abc")));
        String reason = failure(source());
        assertEquals("answered 404: no release in the catalog shipped a binary with SHA-256 abc (the server's catalog"
                + " does not hold these bytes: serve the catalog the plan was made from, or pass --firmware-dir)", reason);

        answer.set(x -> send(x, 503, "application/problem+json", problem(503,
                "this service keeps no mirror: start it with -Dfuspath.sync.source=GIT")));
        assertEquals("answered 503: this service keeps no mirror: start it with -Dfuspath.sync.source=GIT; or pass"
                + " --firmware-dir", failure(source()));
    }

    @Test
    void aHostileErrorBodyIsNeitherKeptWholeNorEchoedRaw() {
        answer.set(x -> send(x, 500, "application/problem+json",
                problem(500, "line one\\nline\\u0007two " + "x".repeat(2000))));
        String reason = failure(source());
        assertTrue(reason.startsWith("answered 500: line one line two xxx"), reason);
        assertTrue(reason.length() < 500 && reason.chars().noneMatch(Character::isISOControl), reason);

        answer.set(x -> send(x, 500, "text/html", "<html>oops</html>".getBytes()));
        assertEquals("answered 500 (text/html)", failure(source()));

        answer.set(x -> send(x, 500, "application/problem+json", new byte[1024 * 1024]));
        assertTrue(failure(source()).contains("answered 500 with a body of more than 65536 bytes"));

        answer.set(x -> send(x, 404, "application/problem+json", "{not json".getBytes()));
        assertTrue(failure(source()).startsWith("answered 404 (the server's catalog does not hold these bytes"));

        answer.set(x -> {
            x.getResponseHeaders().set("Location", "http://elsewhere.invalid/");
            send(x, 302, null, new byte[0]);
        });
        assertTrue(failure(source()).startsWith("answered 302"));
    }

    @Test
    void aClosedPortNamesTheService() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String reason = failure(new ServerFirmware(URI.create("http://127.0.0.1:" + port), TIMEOUT));
        assertEquals("cannot connect to http://127.0.0.1:" + port + " (connection refused): start the service there"
                + " (fuspath serve -Dfuspath.sync.source=...), check the URL, or pass --firmware-dir", reason);
    }

    @Test
    void onlyHttpUrlsAreServers() {
        for (String bad : List.of("ftp://host/", "localhost:8080", "file:///tmp/x", "http:///path")) {
            assertThrows(IllegalArgumentException.class, () -> new ServerFirmware(URI.create(bad), TIMEOUT), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new ServerFirmware(base(""), Duration.ZERO));
    }
}
