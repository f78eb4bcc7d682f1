package dev.fuspath.web;

import dev.fuspath.app.CatalogHolder;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.testing.SyncedMirrorProfile;
import dev.fuspath.testing.UpstreamBundle;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A service that syncs from the upstream bundle sends every binary of its catalog, byte for byte. */
@QuarkusTest
@TestProfile(SyncedMirrorProfile.class)
class BinaryContentApiTest {

    private static boolean synced;

    @Inject
    ServiceSync sync;
    @Inject
    CatalogHolder holder;
    @Inject
    ServedMirror mirror;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void syncOnce() {
        UpstreamBundle.assumePresent();
        if (!synced) {
            assertTrue(sync.syncOnce(), "the test service syncs from the bundle");
            synced = true;
        }
    }

    /** Every distinct binary, by the newest release that shipped it. */
    private Map<String, BinaryRecord> distinct() {
        Catalog catalog = holder.catalog();
        Map<String, BinaryRecord> out = new LinkedHashMap<>();
        for (var release : catalog.releasesNewestFirst()) {
            for (BinaryRecord b : release.binaries()) {
                out.putIfAbsent(b.sha256(), b);
            }
        }
        return out;
    }

    @Test
    void servesFromTheMirrorItsSyncsKeep() {
        assertEquals(SyncedMirrorProfile.mirror(), mirror.dir().orElseThrow());
    }

    @Test
    void everyDistinctBinaryIsSentByteForByte() throws Exception {
        Map<String, BinaryRecord> all = distinct();
        assertEquals(holder.catalog().distinctBinaryCount(), all.size());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> failures = new ArrayList<>();
        for (BinaryRecord b : all.values()) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(base + "api/v1/binaries/"
                    + b.sha256() + "/content")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] bytes = r.body();
            if (r.statusCode() != 200 || !Sha256.of(bytes).equals(b.sha256()) || bytes.length != b.size()
                    || r.headers().firstValueAsLong("Content-Length").orElse(-1) != b.size()
                    || !r.headers().firstValue("Content-Disposition").orElse("")
                            .equals("attachment; filename=\"" + b.file() + "\"")
                    || !r.headers().firstValue("ETag").orElse("").equals("\"" + b.sha256() + "\"")
                    || !r.headers().firstValue("Content-Type").orElse("").equals("application/octet-stream")) {
                failures.add(b.sha256() + " " + b.file() + ": " + r.statusCode() + " " + r.headers().map());
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())));
    }

    @Test
    void anEmptyFileIsAnEmptyAnswer() {
        String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        Response r = given().get("/api/v1/binaries/" + empty + "/content");
        assertEquals(200, r.statusCode());
        assertEquals("0", r.header("Content-Length"));
        assertEquals(0, r.asByteArray().length);
    }

    @Test
    void downloadsStayWholeWhileTheServiceSyncs() throws Exception {
        List<BinaryRecord> some = distinct().values().stream().filter(b -> b.size() > 100_000).limit(20).toList();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger done = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread thread = new Thread(() -> {
                int i = 0;
                while (!stop.get()) {
                    BinaryRecord b = some.get(i++ % some.size());
                    try {
                        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(base + "api/v1/binaries/"
                                + b.sha256() + "/content")).timeout(Duration.ofSeconds(30)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200 || !Sha256.of(r.body()).equals(b.sha256())) {
                            failures.add(b.file() + ": " + r.statusCode());
                        }
                        done.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        try {
            for (int i = 0; i < 3; i++) {
                assertTrue(sync.syncOnce());
            }
        } finally {
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())));
        assertTrue(done.get() > 0);
    }

    /**
     * A plan downloaded with its files runs as printed (issue 14): each file step of the plan carries a link to its
     * bytes, named as the step names the file, and the /plan page links each file there; the id is the plan's own.
     */
    @Test
    void planStepsLinkTheirFilesNamedAsThePlanNamesThem() throws Exception {
        String query = "chip=STM32WB55RG&fus=0.5.3&target=BLE_Stack_full&release=v1.23.0";
        Response plan = given().get("/api/v1/plan?" + query);
        assertEquals(200, plan.statusCode(), plan.asString());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(plan.asString());
        dev.fuspath.planner.Plan parsed = new com.fasterxml.jackson.databind.ObjectMapper()
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(plan.asString(), dev.fuspath.planner.Plan.class);
        assertEquals(json.get("id").asText(), dev.fuspath.planner.Planner.idOf(parsed), "the link is no part of the id");
        int links = 0;
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(given().get("/plan?" + query).asString());
        for (com.fasterxml.jackson.databind.JsonNode step : json.get("steps")) {
            if (!step.has("file")) {
                assertTrue(!step.has("download"), step.toString());
                continue;
            }
            links++;
            String link = step.get("download").asText();
            assertEquals("/api/v1/binaries/" + step.get("sha256").asText() + "/content?name=" + step.get("file").asText(),
                    link);
            Response file = given().get(link);
            assertEquals(200, file.statusCode());
            assertEquals("attachment; filename=\"" + step.get("file").asText() + "\"", file.header("Content-Disposition"));
            assertEquals(step.get("sha256").asText(), Sha256.of(file.asByteArray()));
            org.jsoup.nodes.Element li = page.getElementById("step-" + step.get("n").asInt());
            org.jsoup.nodes.Element a = li.selectFirst("dl.facts a.download");
            assertEquals(link, a.attr("href"), li.toString());
            assertEquals(step.get("file").asText(), a.text());
        }
        assertEquals(3, links);
    }

    @Test
    void nameGivesTheFileNameAndABadNameIsA400() {
        BinaryRecord any = distinct().values().iterator().next();
        String base = "/api/v1/binaries/" + any.sha256() + "/content";
        Response renamed = given().queryParam("name", "renamed_fw.bin").get(base);
        assertEquals(200, renamed.statusCode());
        assertEquals("attachment; filename=\"renamed_fw.bin\"", renamed.header("Content-Disposition"));
        for (String bad : List.of("../etc/passwd", "a/b.bin", "a\\b.bin", "x\u0001.bin", "line\r\nX-Evil: 1",
                "quo\"te.bin", "caf\u00e9.bin", "..", "x".repeat(201))) {
            Response r = given().queryParam("name", bad).get(base);
            assertEquals(400, r.statusCode(), bad);
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            assertTrue(r.asString().contains("name "), r.asString());
            assertTrue(r.header("Content-Disposition") == null, bad);
        }
        assertEquals(200, given().queryParam("name", "x".repeat(200)).get(base).statusCode());
    }
}
