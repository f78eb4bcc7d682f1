package dev.fuspath.web.pages;

import static dev.fuspath.records.SampleRecords.batch;
import static dev.fuspath.records.SampleRecords.passed;
import static dev.fuspath.records.SampleRecords.uid;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fuspath.records.SampleRecords;
import dev.fuspath.web.RecordsPostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** /line and its events, on a real PostgreSQL server: the page's figures, live updates, keep-alives, the bound. */
@QuarkusTest
@TestProfile(RecordsPostgresProfile.class)
class LinePageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An open event stream, read by a thread of its own into a queue of events (and comments). */
    static final class Stream implements AutoCloseable {
        final HttpURLConnection connection;
        final BlockingQueue<List<String>> events = new LinkedBlockingQueue<>();
        final int status;

        Stream() throws Exception {
            connection = (HttpURLConnection) URI.create(RestAssured.baseURI + ":" + RestAssured.port
                    + "/api/v1/records/events").toURL().openConnection();
            connection.setReadTimeout(30_000);
            status = connection.getResponseCode();
            if (status != 200) {
                return;
            }
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    List<String> event = new ArrayList<>();
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.isEmpty()) {
                            events.add(event);
                            event = new ArrayList<>();
                        } else {
                            event.add(line);
                        }
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** The next line event's data, skipping comments; fails after the timeout. */
        JsonNode nextLine(Duration timeout) throws Exception {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                List<String> e = events.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e != null && (e.contains("event:line") || e.contains("event: line"))) {
                    return JSON.readTree(e.stream().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip())
                            .reduce("", String::concat));
                }
            }
            throw new AssertionError("no line event within " + timeout);
        }

        @Override
        public void close() {
            connection.disconnect();
        }
    }

    private static ObjectNode recent(String id, int board, int minutesAgo, boolean pass) {
        Instant at = Instant.now().minus(Duration.ofMinutes(minutesAgo));
        return pass ? passed(id, uid(board), "line-2", at, 75)
                : SampleRecords.failed(id, uid(board), "line-2", at, 75, "probe-lost");
    }

    private static void upload(List<ObjectNode> records) {
        given().contentType("application/json").header("Authorization", "Bearer line-2-token")
                .body(batch(records).toString()).post("/api/v1/records").then().statusCode(200);
    }

    @Test
    void thePageShowsTheWindowsSummaryStationsAndBoardsPerHour() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        upload(List.of(recent("page-" + run + "-1", 70_001, 5, true), recent("page-" + run + "-2", 70_002, 65, false),
                recent("page-" + run + "-3", 70_002, 60, true), recent("page-" + run + "-4", 70_003, 130, false)));
        io.restassured.response.Response response = given().get("/line");
        String html = response.then().statusCode(200).contentType("text/html").extract().asString();
        assertEquals(Html.CSP, response.header("Content-Security-Policy"));
        Document page = Jsoup.parse(html);
        assertEquals(1, page.select("h1").size());
        assertEquals("page", page.selectFirst("nav[aria-label=Main] a[href=/line]").attr("aria-current"));
        PageAssertions.assertLabelled(page); // ids unique too
        Instant since = LineView.since(Instant.now());
        JsonNode summary = JSON.readTree(given().get("/api/v1/records/summary?since=" + since).asString());
        String figures = page.select("#line-summary dl.figures").text();
        assertTrue(figures.contains("Boards " + summary.get("boards").asLong()), figures);
        assertTrue(figures.contains("Attempts " + summary.get("attempts").asLong()), figures);
        assertTrue(page.select("#line-summary table").text().contains("probe-lost"));
        var row = page.select("#line-stations tbody tr").stream().filter(r -> r.select("th").text().equals("line-2"))
                .findFirst().orElseThrow(() -> new AssertionError("no row for line-2: " + html));
        assertTrue(row.text().contains("s ago") || row.text().contains("min ago"), row.text());
        var bars = page.select("#line-plot svg.plot rect.boards");
        assertEquals(LineView.HOURS, bars.size(), "one bar per hour of the window");
        assertTrue(bars.stream().anyMatch(b -> Double.parseDouble(b.attr("height")) > 0));
        assertEquals(1, page.select("script[src=/assets/line.js]").size());
        assertTrue(page.select("script:not([src])").isEmpty(), "no inline script: the pages' CSP forbids it");
        given().get("/assets/line.js").then().statusCode(200);
    }

    @Test
    void aViewerGetsTheLineAtOnceThenEachUploadThenKeepAlives() throws Exception {
        try (Stream stream = new Stream()) {
            JsonNode first = stream.nextLine(Duration.ofSeconds(20));
            long before = first.get("attempts").asLong();
            assertTrue(first.at("/parts/plot").asText().contains("<svg"));
            String run = Long.toString(System.nanoTime(), 36);
            upload(List.of(recent("live-" + run + "-1", 71_001, 1, true), recent("live-" + run + "-2", 71_002, 2, true)));
            JsonNode next = stream.nextLine(Duration.ofSeconds(20));
            assertEquals(before + 2, next.get("attempts").asLong());
            assertTrue(next.at("/parts/stations").asText().contains("line-2"));
            // nothing changes: only keep-alive comments (every second in the tests)
            List<String> e = stream.events.poll(10, TimeUnit.SECONDS);
            assertTrue(e != null && e.stream().allMatch(l -> l.startsWith(":")), String.valueOf(e));
        }
    }

    @Test
    void viewersAreBoundedAndAFullInstanceAnswers503() throws Exception {
        List<Stream> open = new ArrayList<>();
        try {
            int status = 200;
            for (int i = 0; i < 12 && status == 200; i++) {
                Stream stream = new Stream();
                status = stream.status;
                open.add(stream);
                if (status == 200) {
                    stream.nextLine(Duration.ofSeconds(20));
                } else {
                    assertEquals(503, status);
                    assertEquals("30", stream.connection.getHeaderField("Retry-After"));
                    assertTrue(stream.connection.getContentType().startsWith("application/problem+json"));
                }
            }
            assertEquals(503, status, "the sixth viewer (the tests allow five) is refused");
            assertTrue(open.size() <= 6, "at most five accepted, then the refusal");
        } finally {
            open.forEach(Stream::close);
        }
        // the closed streams are noticed at the next keep-alive, and then there is room again
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int status = 0;
        while (System.nanoTime() < end && status != 200) {
            HttpURLConnection c = (HttpURLConnection) URI.create(RestAssured.baseURI + ":" + RestAssured.port
                    + "/api/v1/records/events").toURL().openConnection();
            status = c.getResponseCode();
            c.disconnect();
            Thread.sleep(300);
        }
        assertEquals(200, status);
    }
}
