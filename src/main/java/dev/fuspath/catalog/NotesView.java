package dev.fuspath.catalog;

import java.util.List;
import java.util.Map;

/**
 * What the release notes say of one binary.
 *
 * @param section        the notes section the row comes from ("1.13.0" when the release had no section of its own)
 * @param listedAs       the file name as the notes write it
 * @param table          fus, stack, safeboot or other
 * @param installAddress flash size label to the install address the notes give
 * @param notAvailable   flash size labels the notes mark NA
 * @param compatibility  the FUS compatibility cell as written, null when the table has none
 */
public record NotesView(String section, String listedAs, String table, String version, String rawVersion,
                        Map<String, String> installAddress, List<String> notAvailable, boolean fusV2Only,
                        String compatibility, String remark) {
}
