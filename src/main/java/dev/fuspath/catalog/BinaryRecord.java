package dev.fuspath.catalog;

import java.util.Map;

/**
 * One binary of one release and family, with everything the catalog knows of it. Field names are the API contract.
 *
 * @param kind            fus, stack, safeboot, placeholder, invalid or other, from the content
 * @param stack           normalized stack name for stacks, else null
 * @param version         the resolved version: the footer's, or for images whose footer has none, what these
 *                        bytes were called across releases
 * @param versionSource   footer, identity or null
 * @param fusV2Only       the image is in the format only FUS v2 installs
 * @param installAddress  flash size label to the address the release notes give
 * @param computedAddress flash size label to the address derived from the image size and the family's top address
 * @param notes           what the release notes say, null when they do not list the file
 */
public record BinaryRecord(String family, String file, String path, Kind kind, String stack, String version,
                           String versionSource, long size, String sha256, boolean fusV2Only,
                           Map<String, String> installAddress, Map<String, String> computedAddress, FooterView footer,
                           NotesView notes) {

    FileFacts facts() {
        return new FileFacts(file, path, size, sha256, footer);
    }
}
