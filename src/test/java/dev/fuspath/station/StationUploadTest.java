package dev.fuspath.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.records.BoardRecord;
import dev.fuspath.records.RecordParser;
import dev.fuspath.records.SampleRecords;
import dev.fuspath.web.RecordsPostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The station's uploads against the real records service on PostgreSQL: a bad token is refused with a clear
 * message and nothing stored; with the service down the records wait in the spool, and go up once it answers; a
 * record uploaded twice (a crash between the upload and its mark) is stored once.
 */
@QuarkusTest
@TestProfile(RecordsPostgresProfile.class)
class StationUploadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static URI service() {
        return URI.create("http://localhost:" + RestAssured.port);
    }

    private static List<BoardRecord> records(String prefix, int first, int n) {
        List<BoardRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(RecordParser.record(SampleRecords.passed(prefix + i, SampleRecords.uid(first + i), "line-1",
                    SampleRecords.T0.plusSeconds(i), 60)));
        }
        return out;
    }

    private static int stored(String uid) {
        try {
            JsonNode page = JSON.readTree(given().queryParam("uid", uid).get("/api/v1/records").asString());
            return page.get("records").size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBadTokenIsRefusedClearlyAndStoresNothing() {
        HttpRecordUploader bad = new HttpRecordUploader(service(), "not-the-token", Duration.ofSeconds(10));
        RecordUploader.Answer a = bad.upload(List.of());
        assertEquals(RecordUploader.Status.REFUSED, a.status());
        assertTrue(a.message().contains("refused the station's token (401)"), a.message());
        assertFalse(a.message().contains("not-the-token"), "the token is never printed");
        List<BoardRecord> batch = records("bad-token-", 9100, 2);
        assertEquals(RecordUploader.Status.REFUSED, bad.upload(batch).status());
        assertEquals(0, stored(batch.get(0).boardUid()));
    }

    @Test
    void serviceDownThenBackEveryRecordStoredOnce(@TempDir Path dir) throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        List<BoardRecord> batch = records("down-", 9200, 5);
        try (RecordSpool spool = RecordSpool.open(dir.resolve("records.jsonl"))) {
            for (BoardRecord r : batch) {
                assertTrue(spool.add(r));
            }
            assertFalse(spool.add(batch.get(0)), "the same attempt is kept once");
            RecordSync down = new RecordSync(spool, new HttpRecordUploader(URI.create("http://127.0.0.1:" + dead),
                    "line-1-token", Duration.ofSeconds(2)), Duration.ofMillis(10));
            RecordUploader.Answer a = down.uploadPending();
            assertEquals(RecordUploader.Status.UNREACHABLE, a.status(), a.message());
            assertEquals(5, spool.pendingCount());
        }
        // the next start: the spool is read again and uploaded
        try (RecordSpool spool = RecordSpool.open(dir.resolve("records.jsonl"))) {
            assertEquals(5, spool.pendingCount());
            RecordSync up = new RecordSync(spool, new HttpRecordUploader(service(), "line-1-token",
                    Duration.ofSeconds(10)), Duration.ofMillis(10));
            assertEquals(RecordUploader.Status.OK, up.uploadPending().status());
            assertEquals(0, spool.pendingCount());
        }
        for (BoardRecord r : batch) {
            assertEquals(1, stored(r.boardUid()), r.boardUid());
        }
        // uploaded twice (as after a crash between the upload and its mark): stored once
        HttpRecordUploader again = new HttpRecordUploader(service(), "line-1-token", Duration.ofSeconds(10));
        assertEquals(RecordUploader.Status.OK, again.upload(batch).status());
        for (BoardRecord r : batch) {
            assertEquals(1, stored(r.boardUid()), r.boardUid());
        }
        try (RecordSpool spool = RecordSpool.open(dir.resolve("records.jsonl"))) {
            assertEquals(5, spool.all().size());
            assertEquals(0, spool.pendingCount(), "the marks survived the restart");
        }
    }
}
