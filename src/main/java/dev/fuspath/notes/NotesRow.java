package dev.fuspath.notes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One binary listed in a table.
 *
 * @param file             file name exactly as written in the notes (trimmed)
 * @param addresses        flash label -> install address ("0x080EC000"), only for sizes that have one, in table order
 * @param notAvailable     flash labels whose cell says the binary is not available (NA, N/A, -, 0x00 placeholder)
 * @param remark           annotations found next to the addresses or the file name, or null
 * @param version          normalized version ("1.24.0"), or null when the table has no readable version
 * @param rawVersion       the version cell as written, or null when the table has no version column
 * @param fusV2Only        whether the FUS compatibility column restricts the binary to FUS v2
 * @param rawCompatibility the FUS compatibility cell as written, or null when the table has no such column
 */
public record NotesRow(String file, Map<String, String> addresses, List<String> notAvailable, String remark,
                       String version, String rawVersion, boolean fusV2Only, String rawCompatibility) {
    public NotesRow {
        addresses = Collections.unmodifiableMap(new LinkedHashMap<>(addresses));
        notAvailable = List.copyOf(notAvailable);
    }
}
