package dev.fuspath.records;

import java.util.List;

/** A record id already stored with other content: nothing of the batch was stored. */
public class RecordConflictException extends RuntimeException {

    private final List<String> recordIds;

    public RecordConflictException(List<String> recordIds) {
        super("record id" + (recordIds.size() == 1 ? " " : "s ") + String.join(", ", recordIds.subList(0,
                Math.min(10, recordIds.size()))) + (recordIds.size() > 10 ? " …" : "")
                + (recordIds.size() == 1 ? " is" : " are")
                + " already stored with other content; a record id names one attempt: give a new attempt a new id");
        this.recordIds = List.copyOf(recordIds);
    }

    public List<String> recordIds() {
        return recordIds;
    }
}
