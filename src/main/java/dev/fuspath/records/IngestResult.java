package dev.fuspath.records;

import java.util.List;

/** What an upload did: each record id of the batch, in the batch's order, stored now or already stored before. */
public record IngestResult(List<Entry> records) {

    public IngestResult {
        records = List.copyOf(records);
    }

    public long stored() {
        return records.stream().filter(Entry::stored).count();
    }

    public long duplicates() {
        return records.size() - stored();
    }

    public record Entry(String recordId, boolean stored) {
    }
}
