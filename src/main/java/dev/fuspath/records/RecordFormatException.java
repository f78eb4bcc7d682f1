package dev.fuspath.records;

import java.util.List;

/** A batch with malformed records: each error names the record's index and the field, e.g. {@code records[3].boardUid}. */
public class RecordFormatException extends RuntimeException {

    private final List<String> errors;

    public RecordFormatException(List<String> errors) {
        super(errors.size() == 1 ? errors.get(0)
                : errors.size() + " errors, the first: " + errors.get(0));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
