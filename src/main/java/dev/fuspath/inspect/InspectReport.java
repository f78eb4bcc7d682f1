package dev.fuspath.inspect;

import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.FooterView;
import java.util.List;

/**
 * What a file really is.
 *
 * @param kind     fus, stack, safeboot, placeholder, invalid or other
 * @param version  the version of the content: the footer's, or the catalog's for known bytes whose footer has none
 * @param identity whether upstream shipped these exact bytes, where, and the newest catalog record of them
 */
public record InspectReport(String filename, long size, String sha256, String kind, String stack, String version,
                            boolean fusV2Only, FooterView footer, Identity identity, List<Finding> findings) {

    public record Identity(boolean known, List<Catalog.Occurrence> occurrences, BinaryRecord record) {
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }
}
