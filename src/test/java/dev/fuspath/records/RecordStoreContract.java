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
            // the summary's median is that of the durations rounded to the second (the rollup's histogram): within
            // half a second of the exact one, which the summary from the records gives
            assertEquals(median / 1000.0, s.medianSeconds().orElseThrow(), 0.5);
            assertEquals(roundedMedian(millis), s.medianSeconds().orElseThrow(), 1e-9);
            assertEquals(median / 1000.0, store.summaryFromRecords(from).medianSeconds().orElseThrow(), 1e-9);
            List<Long> counts = new ArrayList<>(s.failuresByCause().values());
            assertEquals(counts.stream().sorted(Comparator.reverseOrder()).toList(), counts, "largest first");
        }
    }

    /** The median of durations rounded as the rollup's histogram rounds them: to the second, to the minute from an hour. */
    static double roundedMedian(List<Long> millis) {
        List<Long> rounded = millis.stream().map(ms -> ms < 3_600_000 ? (ms + 500) / 1000 : (ms + 30_000) / 60_000 * 60)
                .sorted().toList();
        int m = rounded.size();
        return m % 2 == 1 ? rounded.get(m / 2) : (rounded.get(m / 2 - 1) + rounded.get(m / 2)) / 2.0;
    }

    /**
     * The summary from the rollups equals the summary from the records on random lines: records spread over days,
     * arriving out of order in random batches (some sent twice), boards attempted on several days, durations to the
     * millisecond, some over an hour; since at random times, on midnights, before and after everything.
     */
    @Test
    void theSummaryFromTheRollupsIsTheSummaryFromTheRecords() {
        java.util.Random random = new java.util.Random(20261201);
        for (int round = 0; round < 3; round++) {
            RecordStore s = round == 0 ? store : newStore();
            List<ObjectNode> records = new ArrayList<>();
            Instant start = Instant.parse("2026-11-20T00:00:00Z").plusSeconds(random.nextInt(86_400));
            int boards = 150 + random.nextInt(100);
            for (int i = 0; i < 500; i++) {
                int board = random.nextInt(boards);
                Instant at = start.plusMillis((long) (random.nextDouble() * 5 * 86_400_000L));
                long ms = random.nextInt(10) == 0 ? 3_600_000L + random.nextInt(7_200_000) : 20_000 + random.nextInt(300_000);
                ObjectNode r = random.nextInt(5) == 0
                        ? SampleRecords.failed("rnd-" + round + "-" + i, uid(board), "line-" + random.nextInt(3), at, 0,
                                SampleRecords.CAUSES[random.nextInt(SampleRecords.CAUSES.length)])
                        : passed("rnd-" + round + "-" + i, uid(board), "line-" + random.nextInt(3), at, 0);
                if (r.has("failure") && random.nextInt(3) == 0) {
                    r.put("outcome", "aborted");
                }
                r.put("endedAt", at.plusMillis(ms).toString());
                if (random.nextInt(7) == 0) {
                    r.remove("fusBefore");
                } else {
                    r.put("fusBefore", SampleRecords.FUS[random.nextInt(SampleRecords.FUS.length)]);
                }
                r.put("stackBefore", SampleRecords.STACKS[random.nextInt(SampleRecords.STACKS.length)]);
                records.add(r);
            }
            java.util.Collections.shuffle(records, random);
            for (int i = 0; i < records.size(); ) {
                int n = 1 + random.nextInt(80);
                List<ObjectNode> batch = records.subList(i, Math.min(records.size(), i + n));
                s.ingest(parse(batch));
                if (random.nextInt(4) == 0) {
                    s.ingest(parse(batch)); // a batch sent again: stored once, counted once
                }
                i += n;
            }
            List<Optional<Instant>> sinces = new ArrayList<>(List.of(Optional.empty(),
                    Optional.of(Instant.parse("2026-11-22T00:00:00Z")), Optional.of(start.minusSeconds(86_400 * 30)),
                    Optional.of(start.plusSeconds(86_400 * 30))));
            for (int k = 0; k < 6; k++) {
                sinces.add(Optional.of(start.plusMillis((long) (random.nextDouble() * 5 * 86_400_000L))));
            }
            for (Optional<Instant> since : sinces) {
                RecordSummary fromRollups = s.summary(since);
                RecordSummary fromRecords = s.summaryFromRecords(since);
                String at = "since " + since.map(Instant::toString).orElse("the start");
                assertEquals(fromRecords.attempts(), fromRollups.attempts(), at);
                assertEquals(fromRecords.boards(), fromRollups.boards(), at);
                assertEquals(fromRecords.passedBoards(), fromRollups.passedBoards(), at);
                assertEquals(fromRecords.yield(), fromRollups.yield(), 1e-12, at);
                assertEquals(fromRecords.byOutcome(), fromRollups.byOutcome(), at);
                assertEquals(List.copyOf(fromRecords.failuresByCause().entrySet()),
                        List.copyOf(fromRollups.failuresByCause().entrySet()), at);
                assertEquals(List.copyOf(fromRecords.fusOnArrival().entrySet()),
                        List.copyOf(fromRollups.fusOnArrival().entrySet()), at);
                assertEquals(List.copyOf(fromRecords.stackOnArrival().entrySet()),
                        List.copyOf(fromRollups.stackOnArrival().entrySet()), at);
                List<Long> millis = records.stream().filter(n -> since.isEmpty()
                                || !Instant.parse(n.get("startedAt").asText()).isBefore(since.get()))
                        .map(n -> Duration.between(Instant.parse(n.get("startedAt").asText()),
                                Instant.parse(n.get("endedAt").asText())).toMillis()).sorted().toList();
                assertEquals(millis.size(), fromRollups.attempts(), at);
                if (millis.isEmpty()) {
                    assertTrue(fromRollups.medianSeconds().isEmpty(), at);
                    assertTrue(fromRecords.medianSeconds().isEmpty(), at);
                } else {
                    assertEquals(roundedMedian(millis), fromRollups.medianSeconds().orElseThrow(), 1e-9, at);
                    double exact = fromRecords.medianSeconds().orElseThrow();
                    assertEquals(exact, fromRollups.medianSeconds().orElseThrow(), exact >= 3600 ? 30 : 0.5, at);
                }
            }
        }
    }

    @Test
    void theStationsAndTheBoardsPerHourAreThoseOfTheRecords() {
        List<ObjectNode> line = SampleRecords.line(300, 3, 5);
        store.ingest(parse(line));
        Instant since = T0.plus(Duration.ofHours(2));
        LineActivity a = store.activity(since);
        List<ObjectNode> in = line.stream().filter(n -> !Instant.parse(n.get("startedAt").asText()).isBefore(since))
                .toList();
        assertEquals(List.of("line-1", "line-2", "line-3"), a.stations().stream().map(LineActivity.Station::name)
                .toList());
        for (LineActivity.Station st : a.stations()) {
            List<ObjectNode> mine = line.stream().filter(n -> n.get("station").asText().equals(st.name())).toList();
            List<ObjectNode> window = in.stream().filter(n -> n.get("station").asText().equals(st.name())).toList();
            assertEquals(mine.size(), st.attemptsEver());
            assertEquals(mine.stream().map(n -> Instant.parse(n.get("startedAt").asText())).max(Instant::compareTo)
                    .orElseThrow(), st.lastStartedAt());
            assertEquals(window.size(), st.attempts());
            assertEquals(window.stream().map(n -> n.get("boardUid").asText()).distinct().count(), st.boards());
            assertEquals(window.stream().filter(n -> n.get("outcome").asText().equals("passed"))
                    .map(n -> n.get("boardUid").asText()).distinct().count(), st.passedBoards());
        }
        Map<Instant, Long> perHour = new TreeMap<>();
        in.stream().collect(Collectors.groupingBy(n -> Instant.ofEpochSecond(
                        Instant.parse(n.get("startedAt").asText()).getEpochSecond() / 3600 * 3600),
                Collectors.mapping(n -> n.get("boardUid").asText(), Collectors.toSet())))
                .forEach((h, uids) -> perHour.put(h, (long) uids.size()));
        assertEquals(Instant.ofEpochSecond(since.getEpochSecond() / 3600 * 3600), a.hours().get(0).start());
        Map<Instant, Long> plotted = new TreeMap<>();
        a.hours().stream().filter(h -> h.boards() > 0).forEach(h -> plotted.put(h.start(), h.boards()));
        assertEquals(perHour, plotted);
        assertTrue(a.hours().stream().allMatch(h -> h.passedBoards() <= h.boards()));
        long before = store.changeMarker();
        assertEquals(line.size(), before);
        store.ingest(parse(List.of(passed("late-1", uid(9999), "line-4", T0, 60))));
        assertEquals(before + 1, store.changeMarker());
        store.ingest(parse(List.of(passed("late-1", uid(9999), "line-4", T0, 60))));
        assertEquals(before + 1, store.changeMarker(), "a duplicate changes nothing");
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
