package dev.fuspath.web.pages;

import java.util.Map;

/** What each anomaly code of the catalog means, in plain words, for the pages (the README has the same table). */
final class AnomalyCodes {

    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry("address-mismatch", "The release notes give an install address other than the one derived"
                    + " from the image size and the family's top address: an error when the image would run into the"
                    + " area FUS keeps, a warning when it only wastes flash."),
            Map.entry("address-differs-across-releases", "These exact bytes were given another address in most"
                    + " other releases."),
            Map.entry("stack-top-differs", "All of this release's rows put stacks below a top address other than"
                    + " the one most releases agree on; this release's top is used for its addresses."),
            Map.entry("notes-version-mismatch", "The release notes give a version other than the image footer's."),
            Map.entry("notes-version-conflict", "The footer carries no version, and the release notes disagree with"
                    + " what these exact bytes are called in other releases."),
            Map.entry("name-version-mismatch", "The file name claims a version the content is not."),
            Map.entry("name-kind-mismatch", "The file name claims a kind of image (FUS, stack, Safeboot) the"
                    + " content is not."),
            Map.entry("name-family-mismatch", "The file name claims a family the content is not for."),
            Map.entry("fus-v2-only-mismatch", "The release notes and the footer format disagree on whether only"
                    + " FUS v2 installs the image."),
            Map.entry("footer-pages-mismatch", "The footer's flash page count does not match the file size."),
            Map.entry("invalid-footer", "The file has no valid image footer: FUS cannot install it."),
            Map.entry("placeholder", "The file is empty: there is nothing to install."),
            Map.entry("listed-not-present", "The release notes list a file the release does not contain."),
            Map.entry("present-not-listed", "The release contains a file the release notes do not list."),
            Map.entry("notes-name-typo", "The release notes misspell the file name."),
            Map.entry("notes-duplicate-row", "The release notes list the file more than once."),
            Map.entry("notes-section-missing", "The release notes have no section for this release; the newest"
                    + " older section is used."),
            Map.entry("notes-warning", "Something odd met while reading the release notes."),
            Map.entry("notes-missing", "The family has no release notes in this release."),
            Map.entry("release-vanished", "The upstream source no longer has this release: its tag is gone, or now"
                    + " points at a commit without coprocessor binaries. The catalog keeps the release as it was."));

    private AnomalyCodes() {
    }

    static String meaning(String code) {
        return MEANINGS.getOrDefault(code, "A disagreement between the footer, the release notes, the file name and"
                + " other releases.");
    }
}
