package dev.fuspath.notes;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * One binary table of a release section.
 *
 * @param kind        what the table lists
 * @param caption     text of the paragraph just before the table, or null; ST's prose, so never written to the catalog
 * @param flashLabels flash sizes the table gives addresses for ("1M", "640K", "512K", "256K", "320K"), in table order
 * @param rows        one row per binary
 */
public record NotesTable(TableKind kind, @JsonIgnore String caption, List<String> flashLabels, List<NotesRow> rows) {
    public NotesTable {
        flashLabels = List.copyOf(flashLabels);
        rows = List.copyOf(rows);
    }
}
