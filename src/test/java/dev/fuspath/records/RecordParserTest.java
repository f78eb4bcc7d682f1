package dev.fuspath.records;

import static dev.fuspath.records.SampleRecords.T0;
import static dev.fuspath.records.SampleRecords.batch;
import static dev.fuspath.records.SampleRecords.passed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordParserTest {

    private static List<String> errors(ObjectNode... records) {
        return assertThrows(RecordFormatException.class, () -> RecordParser.batch(batch(List.of(records)))).errors();
    }

    @Test
    void readsEveryFieldAndNormalisesTheIds() {
        ObjectNode r = passed("r-1", "0123456789abcdef01234567", "line-1", T0, 95);
        r.put("deviceId", "0x4a5");
        r.put("startedAt", "2026-11-30T06:00:00.123456789Z");
        BoardRecord record = RecordParser.batch(batch(List.of(r))).get(0);
        assertEquals("0123456789ABCDEF01234567", record.boardUid());
        assertEquals("0x4A5", record.deviceId());
        assertEquals(123456000, record.startedAt().getNano(), "kept to the microsecond, as the store keeps it");
        assertEquals(Outcome.PASSED, record.outcome());
        assertEquals(2, record.steps().size());
        assertEquals(Optional.of("stm32wb5x_FUS_fw.bin"), record.steps().get(1).file());
        assertEquals(StepOutcome.DONE, record.steps().get(1).outcome());
        assertEquals(Optional.of("v1.23.0"), record.release());
        assertTrue(record.failure().isEmpty());
    }

    @Test
    void namesTheIndexAndFieldOfEachError() {
        ObjectNode good = passed("r-0", SampleRecords.uid(1), "line-1", T0, 95);
        ObjectNode bad = passed("r 1", "XYZ", "line-1", T0, 95);
        bad.put("endedAt", T0.minusSeconds(1).toString());
        bad.put("flashKiB", 0);
        ((ObjectNode) bad.get("steps").get(0)).put("durationMs", -5);
        bad.putObject("failure").put("code", "x");
        List<String> errors = errors(good, bad);
        assertTrue(errors.stream().allMatch(e -> e.startsWith("records[1].")), errors.toString());
        for (String field : List.of("recordId", "boardUid", "flashKiB", "endedAt", "steps[0].durationMs", "failure")) {
            assertTrue(errors.stream().anyMatch(e -> e.startsWith("records[1]." + field + ":")), field + " " + errors);
        }
    }

    @Test
    void anAttemptThatDidNotPassSaysWhyAndAPassedOneHasNoFailure() {
        ObjectNode failed = passed("r-1", SampleRecords.uid(1), "line-1", T0, 95);
        failed.put("outcome", "aborted");
        assertEquals(List.of("records[0].failure: missing (an attempt that did not pass says why)"), errors(failed));
        ObjectNode passedWithFailure = passed("r-2", SampleRecords.uid(2), "line-1", T0, 95);
        passedWithFailure.putObject("failure").put("code", "probe-lost");
        assertEquals(List.of("records[0].failure: a passed attempt has no failure"), errors(passedWithFailure));
    }

    @Test
    void theCanonicalTextIsTheSameForTheSameAttemptAndDiffersOtherwise() {
        ObjectNode r = passed("r-1", SampleRecords.uid(1).toLowerCase(), "line-1", T0, 95);
        ObjectNode upper = r.deepCopy().put("boardUid", SampleRecords.uid(1));
        String a = RecordJson.text(RecordParser.batch(batch(List.of(r))).get(0));
        assertEquals(a, RecordJson.text(RecordParser.batch(batch(List.of(upper))).get(0)));
        ObjectNode other = r.deepCopy().put("operator", "Bob");
        assertNotEquals(RecordJson.sha256(a), RecordJson.sha256(RecordJson.text(
                RecordParser.batch(batch(List.of(other))).get(0))));
    }

    @Test
    void theCanonicalTextIsTheRecordTreeSerialisedSoStoredHashesStayValid() throws Exception {
        // text() writes the JSON straight from the record; the hashes stored by earlier versions are of the tree's
        // serialisation, so both must be the same text, with and without every optional field, with unusual text
        List<ObjectNode> records = new java.util.ArrayList<>(SampleRecords.line(40, 3, 7));
        ObjectNode bare = passed("r-bare", SampleRecords.uid(9), "line-1", T0.plusNanos(123_456_000), 95);
        for (String optional : List.of("operator", "fusBefore", "fusAfter", "stackBefore", "stackAfter", "planId",
                "release", "appSha256")) {
            bare.remove(optional);
        }
        ((ObjectNode) bare.get("steps").get(1)).remove("file");
        records.add(bare);
        records.add(passed("r-text", SampleRecords.uid(10), "line-1", T0, 95).put("operator", "Zoë \"Q\" \u2028 <b>"));
        records.add(SampleRecords.failed("r-fail", SampleRecords.uid(11), "line-2", T0, 95, "probe-lost"));
        for (BoardRecord r : RecordParser.batch(batch(records))) {
            assertEquals(SampleRecords.JSON.writeValueAsString(RecordJson.node(r)), RecordJson.text(r), r.recordId());
        }
    }

    @Test
    void theFastTimeParserAgreesWithInstantParse() {
        // the same instant, or the same exception, for what the fast path takes and for the edges it leaves alone
        int accepted = 0;
        for (String t : List.of("2026-12-01T08:30:00Z", "2026-12-01T08:30:00.5Z", "2026-12-01T08:30:00.123456789Z",
                "2024-02-29T23:59:59Z", "2000-01-01T00:00:00.000Z", "2199-12-31T23:59:59.999999Z",
                "2026-12-01T08:30:00+01:00", "2026-12-01t08:30:00z", "2016-12-31T23:59:60Z", "2026-12-01T24:00:00Z",
                "2026-12-01T08:30:00.Z", "2023-02-29T00:00:00Z", "2026-13-01T08:30:00Z", "2026-12-01T24:00:01Z",
                "2026-12-01T08:60:00Z", "2026-12-01T08:30:00.1234567890Z", "2026-12-0xT08:30:00Z",
                "2026-12-01 08:30:00Z", "+2026-12-01T08:30:00Z", "2026-04-31T08:30:00Z", "-026-12-01T08:30:00Z")) {
            java.time.Instant expected;
            try {
                expected = java.time.Instant.parse(t);
            } catch (java.time.DateTimeException e) {
                assertThrows(e.getClass(), () -> RecordParser.parseInstant(t), t);
                continue;
            }
            assertEquals(expected, RecordParser.parseInstant(t), t);
            accepted++;
        }
        assertTrue(accepted >= 6 && accepted <= 15, "both kinds were tried: " + accepted);
    }

    @Test
    void stopsCollectingAfterFiftyErrors() {
        ObjectNode[] many = new ObjectNode[100];
        for (int i = 0; i < many.length; i++) {
            many[i] = passed("r-" + i, "bad", "line-1", T0, 95);
        }
        assertEquals(RecordParser.MAX_ERRORS, errors(many).size());
    }
}
