package dev.fuspath.records;

import static dev.fuspath.records.SampleRecords.T0;
import static dev.fuspath.records.SampleRecords.batch;
import static dev.fuspath.records.SampleRecords.passed;
import static dev.fuspath.records.SampleRecords.uid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every records store does, whatever the database: run on PostgreSQL and on the embedded H2. */
abstract class RecordStoreContract {

    protected RecordStore store;

    /** A store on a new, migrated, empty database. */
    protected abstract RecordStore newStore();

    @BeforeEach
    void fresh() {
        store = newStore();
    }

    static List<BoardRecord> parse(List<ObjectNode> records) {
        return RecordParser.batch(batch(records));
    }

    private List<JsonNode> all(RecordQuery.Cursor after) {
        return store.find(new RecordQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 1000, Optional.ofNullable(after))).records();
    }

    @Test
    void storesARecordAndGivesItBackAsUploaded() {
        ObjectNode r = passed("r-1", uid(1).toLowerCase(), "line-1", T0, 95);
        IngestResult result = store.ingest(parse(List.of(r)));
        assertEquals(1, result.stored());
        assertEquals(0, result.duplicates());
        List<JsonNode> stored = all(null);
        assertEquals(1, stored.size());
        ObjectNode expected = r.deepCopy();
        expected.put("boardUid", uid(1)); // the unique ID is kept in upper case
        assertEquals(expected, stored.get(0));
    }

    @Test
    void theSameBatchTwiceIsStoredOnce() {
        List<BoardRecord> records = parse(SampleRecords.line(20, 2, 1));
        IngestResult first = store.ingest(records);
        IngestResult second = store.ingest(records);
        assertEquals(records.size(), first.stored());
        assertEquals(0, second.stored());
        assertEquals(records.size(), second.duplicates());
        assertTrue(second.records().stream().noneMatch(IngestResult.Entry::stored));
        assertEquals(records.size(), all(null).size());
    }

    @Test
    void aReusedIdWithOtherContentIsRefusedAndNothingOfItsBatchIsStored() {
        store.ingest(parse(List.of(passed("r-1", uid(1), "line-1", T0, 95))));
        List<ObjectNode> batch = List.of(passed("r-2", uid(2), "line-1", T0.plusSeconds(100), 80),
                passed("r-1", uid(1), "line-1", T0, 96));
        RecordConflictException e = assertThrows(RecordConflictException.class, () -> store.ingest(parse(batch)));
        assertEquals(List.of("r-1"), e.recordIds());
        assertEquals(List.of("r-1"), all(null).stream().map(n -> n.get("recordId").asText()).toList(),
                "r-2 must not be stored: a batch is stored whole or not at all");
    }

    @Test
    void anIdTwiceInOneBatchIsStoredOnceOrRefusedWhenTheCopiesDiffer() {
        ObjectNode r = passed("r-1", uid(1), "line-1", T0, 95);
        IngestResult result = store.ingest(parse(List.of(r, r.deepCopy())));
        assertEquals(List.of(true, false), result.records().stream().map(IngestResult.Entry::stored).toList());
        assertThrows(RecordConflictException.class, () -> store.ingest(parse(List.of(
                passed("r-9", uid(9), "line-1", T0, 95), passed("r-9", uid(9), "line-1", T0, 99)))));
        assertEquals(1, all(null).size());
    }

    @Test
    void filtersAndPagesNewestFirstWithoutLosingOrRepeatingARecord() {
        List<ObjectNode> line = SampleRecords.line(240, 3, 7);
        store.ingest(parse(line));
        Instant since = T0.plus(Duration.ofHours(1));
        Instant until = T0.plus(Duration.ofHours(3));
        check(line, n -> true, new Filter(null, null, null, null, null), 17);
        check(line, n -> n.get("station").asText().equals("line-2"), new Filter(null, "line-2", null, null, null), 13);
        check(line, n -> n.get("outcome").asText().equals("failed"),
                new Filter(null, null, Outcome.FAILED, null, null), 5);
        String twice = line.stream().filter(n -> n.get("recordId").asText().endsWith("-1")).findFirst().orElseThrow()
                .get("boardUid").asText();
        check(line, n -> n.get("boardUid").asText().equals(twice), new Filter(twice, null, null, null, null), 1);
        check(line, n -> !Instant.parse(n.get("startedAt").asText()).isBefore(since)
                        && Instant.parse(n.get("startedAt").asText()).isBefore(until)
                        && n.get("station").asText().equals("line-1"),
                new Filter(null, "line-1", null, since, until), 4);
    }

    record Filter(String uid, String station, Outcome outcome, Instant since, Instant until) {
    }

    private void check(List<ObjectNode> line, Predicate<ObjectNode> keep, Filter f, int pageSize) {
        List<String> expected = line.stream().filter(keep)
                .sorted(Comparator.comparing((ObjectNode n) -> Instant.parse(n.get("startedAt").asText()))
                        .thenComparing(n -> n.get("recordId").asText()).reversed())
                .map(n -> n.get("recordId").asText()).toList();
        assertTrue(expected.size() > pageSize, "the filter must span several pages to test paging");
        List<String> got = new ArrayList<>();
        Optional<RecordQuery.Cursor> after = Optional.empty();
        int pages = 0;
        do {
            // the cursor goes through its text form, as a client sends it back
            RecordPage page = store.find(new RecordQuery(Optional.ofNullable(f.uid()), Optional.ofNullable(f.station()),
                    Optional.ofNullable(f.outcome()), Optional.ofNullable(f.since()), Optional.ofNullable(f.until()),
                    pageSize, after.map(c -> RecordQuery.Cursor.decode(c.encode()))));
            assertTrue(page.records().size() <= pageSize);
            page.records().forEach(n -> got.add(n.get("recordId").asText()));
            after = page.next();
            pages++;
        } while (after.isPresent() && pages < 1000);
        assertEquals(expected, got);
    }

    @Test
    void theSummaryAddsUpAGeneratedLine() {
        List<ObjectNode> line = SampleRecords.line(400, 4, 11);
        store.ingest(parse(line));
        Instant since = T0.plus(Duration.ofHours(2));
        for (Optional<Instant> from : List.of(Optional.<Instant>empty(), Optional.of(since))) {
            List<ObjectNode> in = line.stream().filter(n -> from.isEmpty()
                    || !Instant.parse(n.get("startedAt").asText()).isBefore(from.get())).toList();
            RecordSummary s = store.summary(from);
            assertEquals(in.size(), s.attempts());
            Set<String> boards = in.stream().map(n -> n.get("boardUid").asText()).collect(Collectors.toSet());
            Set<String> passed = in.stream().filter(n -> n.get("outcome").asText().equals("passed"))
                    .map(n -> n.get("boardUid").asText()).collect(Collectors.toSet());
            assertEquals(boards.size(), s.boards());
            assertEquals(passed.size(), s.passedBoards());
            assertTrue(s.passedBoards() < s.boards(), "the line has boards that never passed");
            assertEquals((double) passed.size() / boards.size(), s.yield(), 1e-9);
            assertEquals(count(in, n -> n.get("outcome").asText()), withoutZeros(s.byOutcome()));
            assertEquals(0L, s.byOutcome().get("aborted"));
            assertEquals(count(in.stream().filter(n -> n.has("failure")).toList(),
                    n -> n.get("failure").get("code").asText()), new TreeMap<>(s.failuresByCause()));
            assertEquals(count(in, n -> n.get("fusBefore").asText()), new TreeMap<>(s.fusOnArrival()));
            assertEquals(count(in, n -> n.get("stackBefore").asText()), new TreeMap<>(s.stackOnArrival()));
            List<Long> millis = in.stream().map(n -> Duration.between(Instant.parse(n.get("startedAt").asText()),
                    Instant.parse(n.get("endedAt").asText())).toMillis()).sorted().toList();
            int m = millis.size();
            double median = m % 2 == 1 ? millis.get(m / 2) : (millis.get(m / 2 - 1) + millis.get(m / 2)) / 2.0;
            assertEquals(median / 1000.0, s.medianSeconds().orElseThrow(), 1e-9);
            List<Long> counts = new ArrayList<>(s.failuresByCause().values());
            assertEquals(counts.stream().sorted(Comparator.reverseOrder()).toList(), counts, "largest first");
        }
    }

    @Test
    void theSummaryOfNothingIsZeros() {
        RecordSummary s = store.summary(Optional.empty());
        assertEquals(0, s.attempts());
        assertEquals(0, s.boards());
        assertEquals(0.0, s.yield());
        assertTrue(s.medianSeconds().isEmpty());
        assertEquals(Set.of(0L), new HashSet<>(s.byOutcome().values()));
    }

    private static Map<String, Long> count(List<ObjectNode> records, java.util.function.Function<ObjectNode, String> key) {
        return records.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    private static Map<String, Long> withoutZeros(Map<String, Long> counts) {
        Map<String, Long> m = new TreeMap<>(counts);
        m.values().removeIf(v -> v == 0);
        return m;
    }
}
