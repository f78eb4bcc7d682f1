package dev.fuspath.catalog;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of disagreement the catalog records, with its default severity and its meaning for people: the one
 * source of the codes (the README's table and openapi.yaml's {@code Anomaly.code} list the same ones, which
 * AnomalyCodesDocumentedTest holds). {@link Anomaly#code()} is {@link #code()}.
 */
public enum AnomalyCode {
    ADDRESS_MISMATCH("address-mismatch", Severity.WARNING, "The release notes give an install address other than"
            + " the one derived from the image size and the family's top address: an error when the image would run"
            + " into the area FUS keeps, a warning when it only wastes flash."),
    ADDRESS_DIFFERS_ACROSS_RELEASES("address-differs-across-releases", Severity.WARNING, "These exact bytes were"
            + " given another address in most other releases."),
    STACK_TOP_DIFFERS("stack-top-differs", Severity.WARNING, "All of this release's rows put stacks below a top"
            + " address other than the one most releases agree on; this release's top is used for its addresses."),
    NOTES_VERSION_MISMATCH("notes-version-mismatch", Severity.WARNING, "The release notes give a version other"
            + " than the image footer's."),
    NOTES_VERSION_CONFLICT("notes-version-conflict", Severity.WARNING, "The footer carries no version, and the"
            + " release notes disagree with what these exact bytes are called in other releases."),
    NAME_VERSION_MISMATCH("name-version-mismatch", Severity.WARNING, "The file name claims a version the content"
            + " is not."),
    NAME_KIND_MISMATCH("name-kind-mismatch", Severity.ERROR, "The file name claims a kind of image (FUS, stack,"
            + " Safeboot) the content is not."),
    NAME_FAMILY_MISMATCH("name-family-mismatch", Severity.ERROR, "The file name claims a family the content is not"
            + " for."),
    FUS_V2_ONLY_MISMATCH("fus-v2-only-mismatch", Severity.WARNING, "The release notes and the footer format"
            + " disagree on whether only FUS v2 installs the image."),
    FOOTER_PAGES_MISMATCH("footer-pages-mismatch", Severity.WARNING, "The footer's flash page count does not match"
            + " the file size."),
    INVALID_FOOTER("invalid-footer", Severity.ERROR, "The file has no valid image footer: FUS cannot install it."),
    PLACEHOLDER("placeholder", Severity.WARNING, "The file is empty: there is nothing to install."),
    LISTED_NOT_PRESENT("listed-not-present", Severity.ERROR, "The release notes list a file the release does not"
            + " contain."),
    PRESENT_NOT_LISTED("present-not-listed", Severity.WARNING, "The release contains a file the release notes do"
            + " not list."),
    NOTES_NAME_TYPO("notes-name-typo", Severity.WARNING, "The release notes misspell the file name."),
    NOTES_DUPLICATE_ROW("notes-duplicate-row", Severity.WARNING, "The release notes list the file more than once."),
    NOTES_SECTION_MISSING("notes-section-missing", Severity.INFO, "The release notes have no section for this"
            + " release; the newest older section is used."),
    NOTES_WARNING("notes-warning", Severity.INFO, "Something odd met while reading the release notes."),
    NOTES_MISSING("notes-missing", Severity.WARNING, "The family has no release notes in this release."),
    RELEASE_VANISHED("release-vanished", Severity.WARNING, "The upstream source no longer has this release: its tag"
            + " is gone, or now points at a commit without coprocessor binaries. The catalog keeps the release as it"
            + " was.");

    /** How much an anomaly matters, as {@link Anomaly#severity()} spells it. */
    public enum Severity {
        /** following the notes would fail or install the wrong thing. */
        ERROR,
        WARNING,
        INFO;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Optional<Severity> of(String wire) {
            return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
        }
    }

    private final String code;
    private final Severity severity;
    private final String meaning;

    AnomalyCode(String code, Severity severity, String meaning) {
        this.code = code;
        this.severity = severity;
        this.meaning = meaning;
    }

    /** As anomalies.json and the API spell it. */
    public String code() {
        return code;
    }

    /** The severity an anomaly of this code has unless the builder says otherwise (see each use). */
    public Severity severity() {
        return severity;
    }

    /** What the code means, in plain words, for the pages. */
    public String meaning() {
        return meaning;
    }

    /** The code {@code code} spells; empty for a code this version does not know (a catalog from a newer one). */
    public static Optional<AnomalyCode> of(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}
