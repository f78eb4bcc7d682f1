package dev.fuspath.notes;

import java.util.List;

/**
 * One release section of the "Update History" of a family's release notes.
 *
 * @param version    normalized release version, e.g. "1.24.0"
 * @param date       release date as ISO yyyy-MM-dd when the heading's date could be read, else null
 * @param rawHeading the heading text as written, e.g. "V1.24.0 / 23-October-2025"
 * @param tables     the binary tables of the section, in document order
 * @param warnings   soft problems met while reading the section
 */
public record NotesSection(String version, String date, String rawHeading,
                           List<NotesTable> tables, List<String> warnings) {
    public NotesSection {
        tables = List.copyOf(tables);
        warnings = List.copyOf(warnings);
    }
}
