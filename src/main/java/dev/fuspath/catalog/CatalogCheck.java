package dev.fuspath.catalog;

import dev.fuspath.image.FirmwareVersion;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The whole catalog checked once, when it is loaded, before anything is served from it: a folder that is valid
 * JSON but wrong inside (a null field, a duplicated release, an empty release list) is refused with the file, the
 * entry and what is wrong, instead of answering 500s later.
 */
public final class CatalogCheck {

    private static final Pattern TAG = Pattern.compile("v\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9A-F]{8}");

    /** What is wrong, where: "releases/v1.23.0.json: binaries[3] (stm32wb5x_FUS_fw.bin): sha256 is null". */
    public static final class Invalid extends IOException {
        public Invalid(String file, String entry, String problem) {
            super(file + ": " + (entry == null ? "" : entry + ": ") + problem);
        }
    }

    private CatalogCheck() {
    }

    static void index(CatalogIndex index) throws Invalid {
        String f = CatalogFiles.INDEX;
        if (index.rules() == null) {
            throw new Invalid(f, null, "rules is null");
        }
        if (index.releases() == null || index.releases().isEmpty()) {
            throw new Invalid(f, null, "the release list is " + (index.releases() == null ? "null" : "empty")
                    + ": a catalog holds at least one release");
        }
        Set<String> tags = new HashSet<>();
        FirmwareVersion previous = null;
        for (int i = 0; i < index.releases().size(); i++) {
            ReleaseSummary s = index.releases().get(i);
            String entry = "releases[" + i + "]";
            if (s == null) {
                throw new Invalid(f, entry, "is null");
            }
            if (s.tag() == null) {
                throw new Invalid(f, entry, "tag is null");
            }
            entry += " (" + s.tag() + ")";
            if (!TAG.matcher(s.tag()).matches()) {
                throw new Invalid(f, entry, "the tag is not vX.Y.Z");
            }
            if (!tags.add(s.tag())) {
                throw new Invalid(f, entry, "the release is listed twice");
            }
            FirmwareVersion v;
            try {
                v = FirmwareVersion.parse(s.tag());
            } catch (RuntimeException e) {
                throw new Invalid(f, entry, "the tag is not a version");
            }
            if (previous != null && v.compareTo(previous) >= 0) {
                throw new Invalid(f, entry, "not older than the release listed before it (newest first)");
            }
            previous = v;
            if (s.commit() == null || !COMMIT.matcher(s.commit()).matches()) {
                throw new Invalid(f, entry, "commit is " + (s.commit() == null ? "null" : "not a git commit id"));
            }
            if (s.families() == null || s.families().isEmpty() || s.families().contains(null)) {
                throw new Invalid(f, entry, "families is null, empty or holds a null");
            }
            if (s.binaries() < 0 || s.anomalies() < 0) {
                throw new Invalid(f, entry, "a negative count");
            }
        }
        if (index.stackTops() == null) {
            throw new Invalid(f, null, "stackTops is null");
        }
        for (Map.Entry<String, Map<String, String>> family : index.stackTops().entrySet()) {
            if (family.getValue() == null) {
                throw new Invalid(f, "stackTops." + family.getKey(), "is null");
            }
            for (Map.Entry<String, String> top : family.getValue().entrySet()) {
                if (top.getValue() == null || !ADDRESS.matcher(top.getValue()).matches()) {
                    throw new Invalid(f, "stackTops." + family.getKey() + "." + top.getKey(),
                            "is not an address such as 0x080F4000");
                }
            }
        }
    }

    static void release(ReleaseSummary summary, ReleaseCatalog r) throws Invalid {
        String f = CatalogFiles.RELEASES + "/" + summary.tag() + ".json";
        if (r.commit() == null || !r.commit().equals(summary.commit())) {
            throw new Invalid(f, null, "commit " + r.commit() + " is not the one " + CatalogFiles.INDEX + " gives ("
                    + summary.commit() + ")");
        }
        if (r.families() == null || r.binaries() == null) {
            throw new Invalid(f, null, (r.families() == null ? "families" : "binaries") + " is null");
        }
        Set<String> families = new HashSet<>();
        for (int i = 0; i < r.families().size(); i++) {
            FamilyNotes n = r.families().get(i);
            if (n == null || n.family() == null) {
                throw new Invalid(f, "families[" + i + "]", n == null ? "is null" : "family is null");
            }
            if (!families.add(n.family())) {
                throw new Invalid(f, "families[" + i + "] (" + n.family() + ")", "the family is listed twice");
            }
            if (n.notesSections() == null || n.notesSections().contains(null)) {
                throw new Invalid(f, "families[" + i + "] (" + n.family() + ")", "notesSections is null or holds a"
                        + " null");
            }
        }
        if (!Set.copyOf(summary.families()).equals(families)) {
            throw new Invalid(f, null, "families " + families + " are not those " + CatalogFiles.INDEX + " gives ("
                    + summary.families() + ")");
        }
        if (r.binaries().size() != summary.binaries()) {
            throw new Invalid(f, null, r.binaries().size() + " binaries, where " + CatalogFiles.INDEX + " counts "
                    + summary.binaries());
        }
        Set<String> files = new HashSet<>();
        for (int i = 0; i < r.binaries().size(); i++) {
            binary(f, i, r.binaries().get(i), families, files);
        }
    }

    private static void binary(String f, int i, BinaryRecord b, Set<String> families, Set<String> files)
            throws Invalid {
        String entry = "binaries[" + i + "]";
        if (b == null) {
            throw new Invalid(f, entry, "is null");
        }
        if (b.file() == null) {
            throw new Invalid(f, entry, "file is null");
        }
        entry += " (" + b.file() + ")";
        String missing = b.family() == null ? "family" : b.path() == null ? "path" : b.kind() == null ? "kind"
                : b.sha256() == null ? "sha256" : b.installAddress() == null ? "installAddress"
                : b.computedAddress() == null ? "computedAddress" : b.footer() == null ? "footer" : null;
        if (missing != null) {
            throw new Invalid(f, entry, missing + " is null");
        }
        if (!families.contains(b.family())) {
            throw new Invalid(f, entry, "family " + b.family() + " is not one of the release's " + families);
        }
        if (!files.add(b.family() + "/" + b.file())) {
            throw new Invalid(f, entry, "the file is listed twice in " + b.family());
        }
        if (!SHA256.matcher(b.sha256()).matches()) {
            throw new Invalid(f, entry, "sha256 is not 64 lowercase hex digits");
        }
        if (b.size() < 0) {
            throw new Invalid(f, entry, "size is negative");
        }
        boolean versioned = b.kind() == Kind.FUS || b.kind() == Kind.STACK || b.kind() == Kind.SAFEBOOT;
        if (versioned && b.version() == null) {
            throw new Invalid(f, entry, "version is null for a " + b.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (b.version() != null) {
            try {
                FirmwareVersion.parse(b.version());
            } catch (RuntimeException e) {
                throw new Invalid(f, entry, "version '" + b.version() + "' is not a version");
            }
        }
        if (b.kind() == Kind.STACK && b.stack() == null) {
            throw new Invalid(f, entry, "stack is null for a stack");
        }
        for (Map<String, String> addresses : List.of(b.installAddress(), b.computedAddress())) {
            for (Map.Entry<String, String> a : addresses.entrySet()) {
                if (a.getKey() == null || a.getValue() == null || !ADDRESS.matcher(a.getValue()).matches()) {
                    throw new Invalid(f, entry, (addresses == b.installAddress() ? "installAddress" : "computedAddress")
                            + "." + a.getKey() + " is not an address such as 0x080F4000");
                }
            }
        }
    }

    static void anomalies(CatalogIndex index, List<Anomaly> anomalies) throws Invalid {
        String f = CatalogFiles.ANOMALIES;
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < anomalies.size(); i++) {
            Anomaly a = anomalies.get(i);
            String entry = "[" + i + "]";
            if (a == null) {
                throw new Invalid(f, entry, "is null");
            }
            String missing = a.tag() == null ? "tag" : a.family() == null ? "family" : a.code() == null ? "code"
                    : a.severity() == null ? "severity" : a.message() == null ? "message" : null;
            if (missing != null) {
                throw new Invalid(f, entry, missing + " is null");
            }
            if (AnomalyCode.Severity.of(a.severity()).isEmpty()) {
                throw new Invalid(f, entry + " (" + a.code() + ")", "severity '" + a.severity()
                        + "' is not error, warning or info");
            }
            counts.merge(a.tag(), 1, Integer::sum);
        }
        for (ReleaseSummary s : index.releases()) {
            counts.remove(s.tag());
        }
        if (!counts.isEmpty()) {
            throw new Invalid(f, null, "anomalies of releases the catalog does not hold: " + counts.keySet());
        }
    }
}
