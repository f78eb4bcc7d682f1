package dev.fuspath.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fuspath.records.SampleRecords;
import dev.fuspath.records.TestPostgres;
import dev.fuspath.testing.Packaged;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two packaged services (two JVMs, as two instances behind a load balancer) on one PostgreSQL database: records
 * posted to one are in the other's list and summary, and reach a viewer of the other's events; the same batch
 * uploaded to both at once is stored once.
 */
class RecordsTwoInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TOKEN = "two-instances-token";

    @Test
    void twoInstancesServeOneLine() throws Exception {
        Packaged.launcher();
        TestPostgres pg = TestPostgres.shared();
        String url = pg.createDatabase("two_instances_it_" + ProcessHandle.current().pid());
        Path dir = Files.createTempDirectory("two-instances");
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
        List<Process> servers = new ArrayList<>();
        int[] ports = new int[2];
        try {
            for (int i = 0; i < 2; i++) {
                try (ServerSocket s = new ServerSocket(0)) {
                    ports[i] = s.getLocalPort();
                }
                ProcessBuilder server = new ProcessBuilder(Packaged.fuspath("-Dquarkus.http.host=127.0.0.1",
                        "-Dquarkus.http.port=" + ports[i], "-Dquarkus.datasource.jdbc.url=" + url,
                        "-Dquarkus.datasource.username=postgres", "-Dfuspath.records.tokens.line-9=" + hash,
                        "-Dfuspath.records.events.poll=1s", "-Dfuspath.records.dir=" + dir.resolve("h2-" + i),
                        "serve"))
                        .redirectErrorStream(true).redirectOutput(dir.resolve("server-" + i + ".log").toFile());
                server.environment().put("JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1");
                servers.add(server.start());
            }
            String a = "http://127.0.0.1:" + ports[0];
            String b = "http://127.0.0.1:" + ports[1];
            // both start and migrate the one database at once (Flyway's lock: once)
            List<CompletableFuture<Void>> up = List.of(CompletableFuture.runAsync(() -> waitFor(a, servers.get(0),
                    dir)), CompletableFuture.runAsync(() -> waitFor(b, servers.get(1), dir)));
            for (CompletableFuture<Void> f : up) {
                f.get(90, TimeUnit.SECONDS);
            }

            // a viewer of instance B
            HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(b
                    + "/api/v1/records/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, stream.statusCode());
            BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("data:")) {
                            events.add(JSON.readTree(line.substring(5).strip()));
                        }
                    }
                } catch (Exception e) {
                    // closed at the end
                }
            });
            reader.setDaemon(true);
            reader.start();
            JsonNode first = events.poll(30, TimeUnit.SECONDS);
            assertTrue(first != null, "B's viewer gets the line at once");
            assertEquals(0, first.get("attempts").asLong());

            // 12 records posted to A: B lists them, sums them up, and its viewer hears of them
            Instant t = Instant.now().minus(Duration.ofMinutes(30));
            List<ObjectNode> firstBatch = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                firstBatch.add(SampleRecords.passed("two-" + i, SampleRecords.uid(500 + i), "line-9",
                        t.plusSeconds(60L * i), 80));
            }
            JsonNode stored = post(a, firstBatch);
            assertEquals(12, stored.get("stored").asInt());
            JsonNode seen = events.poll(20, TimeUnit.SECONDS);
            assertTrue(seen != null, "B's viewer hears of A's records within its poll");
            assertEquals(12, seen.get("attempts").asLong());
            assertTrue(seen.at("/parts/stations").asText().contains("line-9"));
            JsonNode list = get(b + "/api/v1/records?station=line-9&limit=100");
            assertEquals(12, list.get("records").size());
            JsonNode summary = get(b + "/api/v1/records/summary");
            assertEquals(12, summary.get("boards").asLong());
            assertEquals(80.0, summary.get("medianSecondsPerAttempt").asDouble(), 1e-9);

            // the same 40 records to both instances at once, three times: each stored once
            List<ObjectNode> shared = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                shared.add(SampleRecords.passed("both-" + i, SampleRecords.uid(600 + i % 25), "line-9",
                        t.plusSeconds(30L * i), 60 + i));
            }
            long storedNow = 0;
            long duplicates = 0;
            for (int round = 0; round < 3; round++) {
                CompletableFuture<JsonNode> toA = CompletableFuture.supplyAsync(() -> post(a, shared));
                CompletableFuture<JsonNode> toB = CompletableFuture.supplyAsync(() -> post(b, shared));
                for (JsonNode answer : List.of(toA.get(60, TimeUnit.SECONDS), toB.get(60, TimeUnit.SECONDS))) {
                    storedNow += answer.get("stored").asLong();
                    duplicates += answer.get("duplicates").asLong();
                }
            }
            assertEquals(40, storedNow, "each record stored by exactly one of the six uploads");
            assertEquals(200, duplicates);
            for (String instance : List.of(a, b)) {
                JsonNode s = get(instance + "/api/v1/records/summary");
                assertEquals(52, s.get("attempts").asLong(), instance);
                assertEquals(37, s.get("boards").asLong(), instance); // 12 + 25 distinct boards
                assertEquals(37, s.get("passedBoards").asLong(), instance);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            long attempts = 0;
            while (attempts != 52 && System.nanoTime() < deadline) {
                JsonNode e = events.poll(1, TimeUnit.SECONDS);
                if (e != null) {
                    attempts = e.get("attempts").asLong();
                }
            }
            assertEquals(52, attempts, "B's viewer ends on every record of both instances");
            stream.body().close();
        } finally {
            for (Process p : servers) {
                p.destroy();
            }
            for (Process p : servers) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static void waitFor(String base, Process server, Path dir) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < end) {
            if (!server.isAlive()) {
                throw new AssertionError("the service stopped; its log is in " + dir);
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/records/summary"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (Exception e) {
                // not up yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the service did not start within 90 s; its log is in " + dir);
    }

    private static JsonNode post(String base, List<ObjectNode> records) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/records"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(SampleRecords.batch(records).toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("upload to " + base + " failed: " + e, e);
        }
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
