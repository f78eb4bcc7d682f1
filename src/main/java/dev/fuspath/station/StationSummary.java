package dev.fuspath.station;

import dev.fuspath.records.BoardRecord;
import dev.fuspath.records.Outcome;
import java.util.Map;
import java.util.TreeMap;

/** Boards done and failed, failures by cause, FUS on arrival: printed at the end and on Ctrl-C. */
public final class StationSummary {

    private int passed;
    private int failed;
    private final Map<String, Integer> byCause = new TreeMap<>();
    private final Map<String, Integer> fusOnArrival = new TreeMap<>();
    private final Map<String, Integer> byOutcome = new TreeMap<>();

    public synchronized void add(BoardRecord r) {
        if (r.outcome() == Outcome.PASSED) {
            passed++;
        } else {
            failed++;
            byCause.merge(r.failure().map(BoardRecord.Failure::code).orElse("unknown"), 1, Integer::sum);
        }
        byOutcome.merge(r.outcome().json(), 1, Integer::sum);
        fusOnArrival.merge(r.fusBefore().orElse("unknown"), 1, Integer::sum);
    }

    public synchronized int passed() {
        return passed;
    }

    public synchronized int failed() {
        return failed;
    }

    public synchronized Map<String, Integer> byCause() {
        return Map.copyOf(byCause);
    }

    public synchronized Map<String, Integer> fusOnArrival() {
        return Map.copyOf(fusOnArrival);
    }

    public synchronized String describe() {
        StringBuilder b = new StringBuilder();
        b.append("boards: ").append(passed + failed).append(", passed ").append(passed).append(", did not pass ")
                .append(failed);
        if (!byOutcome.isEmpty()) {
            b.append(" ").append(byOutcome);
        }
        if (!byCause.isEmpty()) {
            b.append("\nby cause: ").append(byCause);
        }
        if (!fusOnArrival.isEmpty()) {
            b.append("\nFUS on arrival: ").append(fusOnArrival);
        }
        return b.toString();
    }
}
