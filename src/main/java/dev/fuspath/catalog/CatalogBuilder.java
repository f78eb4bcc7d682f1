package dev.fuspath.catalog;

import dev.fuspath.catalog.AnomalyCode.Severity;
import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.notes.NotesRow;
import dev.fuspath.notes.NotesTable;
import dev.fuspath.rules.Family;
import dev.fuspath.rules.Rules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns the facts read from every release into the catalog: resolves kinds, versions and addresses, and reports
 * every disagreement between footer, release notes, file name and other releases. A pure function of its input.
 */
public final class CatalogBuilder {

    /** The order of anomalies.json: release, family, file, code, message. */
    private static final Comparator<Anomaly> ORDER = Comparator.comparing((Anomaly a) -> FirmwareVersion.parse(a.tag()))
            .thenComparing(Anomaly::family)
            .thenComparing(a -> a.file() == null ? "" : a.file())
            .thenComparing(Anomaly::code)
            .thenComparing(Anomaly::message);


    private static final Comparator<ReleaseFacts> BY_VERSION =
            Comparator.comparing(r -> FirmwareVersion.parse(r.tag()));

    private final Rules rules;
    private final List<ReleaseFacts> releases;
    private final Map<String, List<Claim>> claimsBySha = new HashMap<>();
    /** family/sha256 to flash size label to install address to how many releases gave it. */
    private final Map<String, Map<String, Map<String, Integer>>> addressVotesBySha = new HashMap<>();
    private final List<Anomaly> anomalies = new ArrayList<>();
    private Map<String, Map<String, String>> stackTops;

    /** A version that a release said these bytes have: in its notes, or in the file name. */
    private record Claim(String tag, String family, String file, String version, String source) {
    }

    /** A file matched to its row of the notes; the row is null when the notes do not list the file. */
    private record Listed(String family, FileFacts file, NotesRow row, NotesTable table) {
    }

    private CatalogBuilder(Rules rules, List<ReleaseFacts> releases) {
        this.rules = rules;
        this.releases = releases.stream().sorted(BY_VERSION).toList();
    }

    public static Catalog build(Rules rules, List<ReleaseFacts> releases) {
        return new CatalogBuilder(rules, releases).build();
    }

    private Catalog build() {
        Map<String, List<Listed>> listedByRelease = new LinkedHashMap<>();
        for (ReleaseFacts release : releases) {
            List<Listed> listed = new ArrayList<>();
            for (FamilyFacts family : release.families()) {
                listed.addAll(match(release, family));
            }
            listedByRelease.put(release.tag(), listed);
            for (Listed l : listed) {
                if (l.file() != null) {
                    collectClaims(release, l);
                }
            }
        }
        stackTops = deriveStackTops(listedByRelease);
        List<ReleaseCatalog> catalogs = new ArrayList<>();
        for (ReleaseFacts release : releases) {
            List<BinaryRecord> records = new ArrayList<>();
            List<Listed> listed = listedByRelease.get(release.tag());
            Map<String, Map<String, Long>> tops = releaseTops(release.tag(), listed);
            for (Listed l : listed) {
                if (l.file() != null) {
                    records.add(record(release, l, tops.getOrDefault(l.family(), Map.of())));
                }
            }
            records.sort(Comparator.comparing(BinaryRecord::family).thenComparing(BinaryRecord::file));
            List<FamilyNotes> notes = release.families().stream()
                    .map(f -> new FamilyNotes(f.family(), f.notesPath(), f.notesSections(), f.notes())).toList();
            catalogs.add(new ReleaseCatalog(release.tag(), release.date(), release.commit(), notes, records));
        }
        anomalies.sort(ORDER);
        return Catalog.of(rules.fingerprint(), catalogs, anomalies, stackTops);
    }

    // ---- matching files and notes rows -------------------------------------------------------------------

    private List<Listed> match(ReleaseFacts release, FamilyFacts family) {
        List<Listed> result = new ArrayList<>();
        if (family.notes() == null) {
            if (!family.files().isEmpty()) {
                add(release.tag(), family.family(), null, AnomalyCode.NOTES_MISSING,
                        "the " + family.family() + " folder has binaries but no Release_Notes.html",
                        evidence("files", family.files().size()));
            }
            family.files().forEach(f -> result.add(new Listed(family.family(), f, null, null)));
            return result;
        }
        String releaseVersion = release.tag().substring(1);
        if (!releaseVersion.equals(family.notes().version())) {
            add(release.tag(), family.family(), null, AnomalyCode.NOTES_SECTION_MISSING,
                    "the " + family.family() + " release notes of " + release.tag() + " have no section for "
                            + releaseVersion + "; the newest section, " + family.notes().version()
                            + ", describes this release",
                    evidence("notes", family.notesPath(), "sectionUsed", family.notes().version(),
                            "sections", family.notesSections()));
        }
        for (String warning : family.notes().warnings()) {
            add(release.tag(), family.family(), null, AnomalyCode.NOTES_WARNING,
                    "reading the release notes: " + warning, evidence("notes", family.notesPath()));
        }
        Map<String, List<NotesRow>> rowsByFile = new LinkedHashMap<>();
        Map<NotesRow, NotesTable> tableOf = new HashMap<>();
        for (NotesTable table : family.notes().tables()) {
            for (NotesRow row : table.rows()) {
                rowsByFile.computeIfAbsent(row.file(), k -> new ArrayList<>()).add(row);
                tableOf.putIfAbsent(row, table);
            }
        }
        rowsByFile.forEach((file, rows) -> {
            if (rows.size() > 1) {
                add(release.tag(), family.family(), file, AnomalyCode.NOTES_DUPLICATE_ROW,
                        "the release notes list " + file + " " + rows.size() + " times; the first row is used",
                        evidence("rows", rows.size()));
            }
        });
        Map<String, FileFacts> filesByName = new TreeMap<>();
        family.files().forEach(f -> filesByName.put(f.file(), f));
        Map<String, String> typoFixes = notesTypos(release.tag(), family, rowsByFile.keySet(), filesByName.keySet());
        for (FileFacts file : family.files()) {
            String listedAs = rowsByFile.containsKey(file.file()) ? file.file() : typoFixes.get(file.file());
            if (listedAs == null) {
                add(release.tag(), family.family(), file.file(), AnomalyCode.PRESENT_NOT_LISTED,
                        file.size() == 0 ? Severity.INFO : Severity.WARNING,
                        file.file() + " is in the " + release.tag() + " tree but the release notes do not list it",
                        evidence("path", file.path(), "size", file.size()));
                result.add(new Listed(family.family(), file, null, null));
            } else {
                NotesRow row = rowsByFile.get(listedAs).get(0);
                result.add(new Listed(family.family(), file, row, tableOf.get(row)));
            }
        }
        for (String listed : rowsByFile.keySet()) {
            if (!filesByName.containsKey(listed) && !typoFixes.containsValue(listed)) {
                add(release.tag(), family.family(), listed, AnomalyCode.LISTED_NOT_PRESENT,
                        "the release notes list " + listed + " but the " + release.tag() + " tree has no such file",
                        evidence("notes", family.notesPath()));
            }
        }
        return result;
    }

    /**
     * Notes rows whose name is not in the tree but differs from exactly one unlisted file only by the family
     * prefix (a notes typo): file name to the name the notes wrote.
     */
    private Map<String, String> notesTypos(String tag, FamilyFacts family, java.util.Set<String> listed,
                                           java.util.Set<String> present) {
        Map<String, String> fixes = new TreeMap<>();
        for (String row : listed) {
            if (present.contains(row)) {
                continue;
            }
            List<String> candidates = present.stream()
                    .filter(f -> !listed.contains(f) && withoutPrefix(f).equalsIgnoreCase(withoutPrefix(row)))
                    .toList();
            if (candidates.size() == 1) {
                String file = candidates.get(0);
                fixes.put(file, row);
                add(tag, family.family(), file, AnomalyCode.NOTES_NAME_TYPO,
                        "the release notes list " + row + ", which is not in the tree; they mean " + file
                                + ", the only unlisted file that differs from it just by the family prefix",
                        evidence("listedAs", row, "file", file));
            }
        }
        return fixes;
    }

    private static String withoutPrefix(String file) {
        int underscore = file.indexOf('_');
        return underscore < 0 ? file : file.substring(underscore + 1);
    }

    // ---- identity: what the same bytes were called elsewhere ----------------------------------------------

    private void collectClaims(ReleaseFacts release, Listed l) {
        List<Claim> claims = claimsBySha.computeIfAbsent(l.file().sha256(), k -> new ArrayList<>());
        String family = l.family();
        if (l.row() != null && l.row().version() != null) {
            claims.add(new Claim(release.tag(), family, l.file().file(), l.row().version(), "notes"));
        }
        if (l.row() != null) {
            Map<String, Map<String, Integer>> votes =
                    addressVotesBySha.computeIfAbsent(l.family() + "/" + l.file().sha256(), k -> new TreeMap<>());
            l.row().addresses().forEach((label, address) ->
                    votes.computeIfAbsent(label, k -> new TreeMap<>()).merge(address, 1, Integer::sum));
        }
        FileNameClaims name = FileNameClaims.parse(l.file().file(), rules);
        if (name.version() != null) {
            claims.add(new Claim(release.tag(), family, l.file().file(), name.version().toString(), "file name"));
        }
    }

    /** The version most claims give these bytes; ties go to the earliest release's claim. */
    private String versionByIdentity(String sha) {
        List<Claim> claims = claimsBySha.getOrDefault(sha, List.of());
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (Claim c : claims) {
            votes.merge(c.version(), 1, Integer::sum);
        }
        return votes.entrySet().stream()
                .max(Comparator.comparingInt(Map.Entry<String, Integer>::getValue)
                        .thenComparing(e -> -firstClaimIndex(claims, e.getKey())))
                .map(Map.Entry::getKey).orElse(null);
    }

    private static int firstClaimIndex(List<Claim> claims, String version) {
        for (int i = 0; i < claims.size(); i++) {
            if (claims.get(i).version().equals(version)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    // ---- addresses ------------------------------------------------------------------------------------------

    private long reserve(FooterView footer) {
        return footer.fusV2Only() ? rules.fusV2OnlyReserveBytes() : 0;
    }

    /** Votes, per family and flash size, for the address right above a stack: notes address + span. */
    private Map<String, Map<String, Map<Long, Integer>>> topVotes(List<Listed> listed) {
        Map<String, Map<String, Map<Long, Integer>>> votes = new TreeMap<>();
        for (Listed l : listed) {
            if (l.file() == null || l.row() == null || l.file().footer().kind() != Kind.STACK) {
                continue;
            }
            Family family = rules.family(l.family()).orElseThrow();
            long span = family.roundUpToPages(l.file().size()) + reserve(l.file().footer());
            l.row().addresses().forEach((label, address) -> votes
                    .computeIfAbsent(family.name(), k -> new TreeMap<>())
                    .computeIfAbsent(label, k -> new TreeMap<>())
                    .merge(Hex.parse(address) + span, 1, Integer::sum));
        }
        return votes;
    }

    /** The address most votes agree on; ties go to the lower address (the smaller claim). */
    private static Long winner(Map<Long, Integer> counts) {
        return counts == null || counts.isEmpty() ? null : counts.entrySet().stream()
                .max(Comparator.comparingInt(Map.Entry<Long, Integer>::getValue).thenComparing(e -> -e.getKey()))
                .orElseThrow().getKey();
    }

    /** For each family and flash size, the top address most notes rows of all releases agree stacks end at. */
    private Map<String, Map<String, String>> deriveStackTops(Map<String, List<Listed>> listedByRelease) {
        Map<String, Map<String, Map<Long, Integer>>> votes =
                topVotes(listedByRelease.values().stream().flatMap(List::stream).toList());
        Map<String, Map<String, String>> tops = new LinkedHashMap<>();
        for (Family family : rules.families()) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (String label : family.flashSizes().keySet()) {
                Long top = winner(votes.getOrDefault(family.name(), Map.of()).get(label));
                if (top != null) {
                    labels.put(label, Hex.word(top));
                }
            }
            if (!labels.isEmpty()) {
                tops.put(family.name(), labels);
            }
        }
        return tops;
    }

    /**
     * The tops one release used: the catalog-wide top, unless at least two of the release's rows agree on
     * another one and none on the catalog-wide top (releases where ST placed every stack differently).
     */
    private Map<String, Map<String, Long>> releaseTops(String tag, List<Listed> listed) {
        Map<String, Map<String, Map<Long, Integer>>> votes = topVotes(listed);
        Map<String, Map<String, Long>> tops = new TreeMap<>();
        stackTops.forEach((family, labels) -> labels.forEach((label, global) -> {
            long top = Hex.parse(global);
            Map<Long, Integer> counts = votes.getOrDefault(family, Map.of()).get(label);
            Long own = winner(counts);
            if (own != null && own != top && counts.get(own) >= 2 && !counts.containsKey(top)) {
                add(tag, family, null, AnomalyCode.STACK_TOP_DIFFERS,
                        "in " + tag + " the " + family + " " + label + " install addresses put stacks right below "
                                + Hex.word(own) + ", not below " + global + " as in most releases",
                        evidence("flash", label, "releaseTop", Hex.word(own), "catalogTop", global,
                                "rows", counts.get(own)));
                top = own;
            }
            tops.computeIfAbsent(family, k -> new TreeMap<>()).put(label, top);
        }));
        return tops;
    }

    private Map<String, String> computedAddress(Family family, FileFacts file, NotesRow row, Map<String, Long> tops) {
        Map<String, String> computed = new LinkedHashMap<>();
        if (file.footer().kind() != Kind.STACK) {
            return computed;
        }
        for (String label : family.flashSizes().keySet()) {
            if (!tops.containsKey(label) || (row != null && row.notAvailable().contains(label))) {
                continue;
            }
            long address = tops.get(label) - family.roundUpToPages(file.size()) - reserve(file.footer());
            if (address >= FLASH_BASE) {
                computed.put(label, Hex.word(address));
            }
        }
        return computed;
    }

    static final long FLASH_BASE = 0x08000000L;

    // ---- one record ---------------------------------------------------------------------------------------

    private BinaryRecord record(ReleaseFacts release, Listed l, Map<String, Long> tops) {
        FileFacts file = l.file();
        String tag = release.tag();
        Family family = rules.family(l.family()).orElseThrow();
        FooterView footer = file.footer();
        Kind kind = footer.kind();
        FileNameClaims name = FileNameClaims.parse(file.file(), rules);
        String stack = kind == Kind.STACK ? stackName(file.file(), name) : null;

        FirmwareVersion footerVersion = footer.firmwareVersion();
        String version;
        String versionSource;
        if (footerVersion != null) {
            version = footerVersion.toString();
            versionSource = "footer";
        } else if (kind == Kind.PLACEHOLDER || kind == Kind.INVALID) {
            version = null;
            versionSource = null;
        } else {
            version = versionByIdentity(file.sha256());
            versionSource = version == null ? null : "identity";
        }

        NotesView notes = l.row() == null ? null : notesView(release, family, l);
        Map<String, String> installAddress = l.row() == null ? Map.of() : l.row().addresses();
        Map<String, String> computed = computedAddress(family, file, l.row(), tops);

        checkContent(tag, family, file, footer, name);
        checkVersions(tag, family, file, l.row(), footerVersion, version, name);
        checkAddresses(tag, family, file, installAddress, computed, tops);
        checkAddressesAcrossReleases(tag, family, file, installAddress);
        checkCompatibility(tag, family, file, l.row(), footer);

        boolean fusV2Only = footer.fusV2Only() || (l.row() != null && l.row().fusV2Only());
        return new BinaryRecord(family.name(), file.file(), file.path(), kind, stack, version, versionSource,
                file.size(), file.sha256(), fusV2Only, installAddress, computed, footer, notes);
    }

    private String stackName(String fileName, FileNameClaims name) {
        if (name.stack() != null) {
            return name.stack();
        }
        String base = fileName.replaceFirst("(?i)\\.bin$", "");
        return rules.canonicalStackName(base);
    }

    private static NotesView notesView(ReleaseFacts release, Family family, Listed l) {
        NotesRow row = l.row();
        String section = release.families().stream().filter(f -> f.family().equals(family.name()))
                .findFirst().map(f -> f.notes().version()).orElse(null);
        return new NotesView(section, row.file(), l.table().kind().name().toLowerCase(Locale.ROOT), row.version(),
                row.rawVersion(), row.addresses(), row.notAvailable(), row.fusV2Only(), row.rawCompatibility(),
                row.remark());
    }

    private void checkContent(String tag, Family family, FileFacts file, FooterView footer, FileNameClaims name) {
        if (file.size() == 0) {
            add(tag, family.name(), file.file(), AnomalyCode.PLACEHOLDER,
                    file.file() + " is an empty file: a placeholder, nothing FUS can install",
                    evidence("size", 0));
            return;
        }
        if (!footer.valid()) {
            add(tag, family.name(), file.file(), AnomalyCode.INVALID_FOOTER,
                    file.file() + " has no valid image footer: " + footer.problems().stream()
                            .filter(p -> p.error()).map(p -> p.message()).findFirst().orElse("unknown problem"),
                    evidence("size", file.size(), "problems", footer.problems().stream().map(p -> p.code()).toList()));
            return;
        }
        if (name.family() != null && !name.family().name().equals(family.name())) {
            add(tag, family.name(), file.file(), AnomalyCode.NAME_FAMILY_MISMATCH,
                    file.file() + " sits in the " + family.name() + " folder but its name claims "
                            + name.family().name(),
                    evidence("folder", family.name(), "name", name.family().name()));
        }
        Kind contentKind = footer.kind();
        if (name.kind() != null && name.kind() != contentKind) {
            add(tag, family.name(), file.file(), AnomalyCode.NAME_KIND_MISMATCH,
                    file.file() + " is named as a " + name.kind().label() + " image but its footer says "
                            + contentKind.label(),
                    evidence("name", name.kind().label(), "footer", contentKind.label(), "magic", footer.magic()));
        }
        long pages = (file.size() + family.pageSize() - 1) / family.pageSize();
        if (footer.flashPages() != null && footer.flashPages() != pages) {
            String otherSize = rules.families().stream().map(Family::pageSize).distinct()
                    .filter(ps -> ps != family.pageSize()
                            && (file.size() + ps - 1) / ps == footer.flashPages())
                    .map(ps -> "; it matches " + (ps / 1024) + " KiB pages").findFirst().orElse("");
            add(tag, family.name(), file.file(), AnomalyCode.FOOTER_PAGES_MISMATCH,
                    "the footer of " + file.file() + " says it takes " + footer.flashPages() + " flash pages, but "
                            + file.size() + " bytes in " + (family.pageSize() / 1024) + " KiB pages take " + pages
                            + otherSize,
                    evidence("footerPages", footer.flashPages(), "sizePages", pages, "size", file.size(),
                            "pageSize", family.pageSize()));
        }
    }

    private void checkVersions(String tag, Family family, FileFacts file, NotesRow row, FirmwareVersion footerVersion,
                               String resolved, FileNameClaims name) {
        String notesVersion = row == null ? null : row.version();
        if (footerVersion != null && notesVersion != null && !footerVersion.toString().equals(notesVersion)) {
            add(tag, family.name(), file.file(), AnomalyCode.NOTES_VERSION_MISMATCH,
                    "the release notes list " + file.file() + " as V" + notesVersion + " but its footer says "
                            + footerVersion,
                    evidence("notes", notesVersion, "footer", footerVersion.toString(), "sha256", file.sha256()));
        }
        if (footerVersion == null && resolved != null && notesVersion != null && !notesVersion.equals(resolved)) {
            List<Claim> others = claimsBySha.getOrDefault(file.sha256(), List.of());
            add(tag, family.name(), file.file(), AnomalyCode.NOTES_VERSION_CONFLICT,
                    "the release notes list " + file.file() + " as V" + notesVersion + ", but its footer has no"
                            + " version and these exact bytes were called V" + resolved + " by most releases; the"
                            + " catalog resolves it to " + resolved,
                    evidence("notes", notesVersion, "resolved", resolved, "sha256", file.sha256(),
                            "claims", others.stream().map(c -> c.tag() + " " + c.file() + ": " + c.version()
                                    + " (" + c.source() + ")").toList()));
        }
        if (name.version() != null && resolved != null && !name.version().toString().equals(resolved)) {
            add(tag, family.name(), file.file(), AnomalyCode.NAME_VERSION_MISMATCH,
                    file.file() + " is named as version " + name.version() + " but the content is " + resolved,
                    evidence("name", name.version().toString(), "content", resolved));
        }
    }

    private void checkAddresses(String tag, Family family, FileFacts file, Map<String, String> notes,
                                Map<String, String> computed, Map<String, Long> tops) {
        notes.forEach((label, address) -> {
            String derived = computed.get(label);
            if (derived == null || derived.equals(address)) {
                return;
            }
            long gap = Hex.parse(derived) - Hex.parse(address);
            String top = Hex.word(tops.get(label));
            String consequence = gap < 0
                    ? "; installed there the image would run " + (-gap / 1024) + " KiB past " + top
                            + ", into the area FUS keeps, and FUS would refuse it"
                    : "; installed there it leaves " + (gap / 1024) + " KiB unused below " + top;
            add(tag, family.name(), file.file(), AnomalyCode.ADDRESS_MISMATCH, gap < 0 ? Severity.ERROR : Severity.WARNING,
                    "the release notes give " + address + " for " + file.file() + " on " + label
                            + " parts, but the image (" + file.size() + " bytes) placed right below the "
                            + family.name() + " " + label + " top " + top + " starts at " + derived + consequence,
                    evidence("flash", label, "notes", address, "computed", derived, "top", top,
                            "size", file.size(), "rounded", family.roundUpToPages(file.size()),
                            "reserve", reserve(file.footer())));
        });
    }

    /** Install addresses these exact bytes got in most releases, against this release's. */
    private void checkAddressesAcrossReleases(String tag, Family family, FileFacts file, Map<String, String> notes) {
        Map<String, Map<String, Integer>> votes =
                addressVotesBySha.getOrDefault(family.name() + "/" + file.sha256(), Map.of());
        notes.forEach((label, address) -> {
            Map<String, Integer> counts = votes.getOrDefault(label, Map.of());
            String usual = counts.entrySet().stream()
                    .max(Comparator.comparingInt(Map.Entry<String, Integer>::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .map(Map.Entry::getKey).orElse(address);
            if (!usual.equals(address) && counts.get(usual) > counts.get(address)) {
                add(tag, family.name(), file.file(), AnomalyCode.ADDRESS_DIFFERS_ACROSS_RELEASES,
                        "the release notes give " + address + " for " + file.file() + " on " + label
                                + " parts, while " + counts.get(usual) + " releases give these exact bytes in " + family.name() + " "
                                + usual,
                        evidence("flash", label, "notes", address, "usual", usual, "sha256", file.sha256()));
            }
        });
    }

    private void checkCompatibility(String tag, Family family, FileFacts file, NotesRow row, FooterView footer) {
        if (row == null || row.rawCompatibility() == null || footer.kind() != Kind.STACK) {
            return;
        }
        if (row.fusV2Only() != footer.fusV2Only()) {
            add(tag, family.name(), file.file(), AnomalyCode.FUS_V2_ONLY_MISMATCH, row.fusV2Only() ? Severity.WARNING : Severity.ERROR,
                    "the release notes say " + file.file() + " is " + (row.fusV2Only() ? "" : "not ")
                            + "FUS_v2 only, but its footer is in the " + footer.format() + " format"
                            + (row.fusV2Only() ? "" : ": FUS 1.x refuses it, and it needs the 16 KiB FUS v2 reserve"),
                    evidence("notes", row.rawCompatibility(), "footerFormat", footer.format(),
                            "magic", footer.magic()));
        }
    }

    // ---- anomalies ----------------------------------------------------------------------------------------

    /**
     * The anomaly of a release the catalog keeps although the source no longer has it: its tag is gone, or now
     * points at a commit without coprocessor binaries. One per family of the kept release.
     */
    public static List<Anomaly> releaseVanished(ReleaseCatalog kept, String reason, String nowCommit) {
        List<Anomaly> list = new ArrayList<>();
        for (String family : kept.familyNames()) {
            list.add(new Anomaly(kept.tag(), family, null, AnomalyCode.RELEASE_VANISHED.code(),
                    AnomalyCode.RELEASE_VANISHED.severity().wire(), reason
                    + "; the release is kept as it was at commit " + kept.commit(),
                    evidence("commit", kept.commit(), "sourceCommit", nowCommit == null ? "none" : nowCommit)));
        }
        return list;
    }

    /** {@code catalog} with {@code extra} anomalies, in the catalog's anomaly order. */
    public static Catalog withAnomalies(Catalog catalog, List<Anomaly> extra) {
        if (extra.isEmpty()) {
            return catalog;
        }
        List<Anomaly> all = new ArrayList<>(catalog.anomalies());
        all.addAll(extra);
        all.sort(ORDER);
        return Catalog.of(catalog.index().rules(), catalog.releasesNewestFirst(), all, catalog.index().stackTops());
    }

    /** An anomaly of the code's default severity. */
    private void add(String tag, String family, String file, AnomalyCode code, String message,
                     Map<String, Object> evidence) {
        add(tag, family, file, code, code.severity(), message, evidence);
    }

    private void add(String tag, String family, String file, AnomalyCode code, Severity severity, String message,
                     Map<String, Object> evidence) {
        anomalies.add(new Anomaly(tag, family, file, code.code(), severity.wire(), message, evidence));
    }

    private static Map<String, Object> evidence(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], Objects.requireNonNullElse(pairs[i + 1], ""));
        }
        return map;
    }
}
