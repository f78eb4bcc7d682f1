package dev.fuspath.catalog;

import dev.fuspath.image.FirmwareVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable snapshot of the whole catalog, as the service serves it and a sync writes it. */
public final class Catalog {

    /** One place a binary shipped: release, family, file. */
    public record Occurrence(String tag, String family, String file, String path) {
    }

    private final CatalogIndex index;
    private final Map<String, ReleaseCatalog> releases;
    private final List<Anomaly> anomalies;
    private final Map<String, List<Occurrence>> occurrencesBySha;
    private final Map<String, BinaryRecord> newestRecordBySha;

    private Catalog(CatalogIndex index, Map<String, ReleaseCatalog> releases, List<Anomaly> anomalies) {
        this.index = index;
        this.releases = releases;
        this.anomalies = List.copyOf(anomalies);
        Map<String, List<Occurrence>> occurrences = new LinkedHashMap<>();
        Map<String, BinaryRecord> newest = new LinkedHashMap<>();
        for (ReleaseCatalog release : releases.values()) {
            for (BinaryRecord b : release.binaries()) {
                occurrences.computeIfAbsent(b.sha256(), k -> new ArrayList<>())
                        .add(new Occurrence(release.tag(), b.family(), b.file(), b.path()));
                newest.putIfAbsent(b.sha256(), b);
            }
        }
        occurrences.replaceAll((sha, list) -> List.copyOf(list));
        this.occurrencesBySha = occurrences;
        this.newestRecordBySha = newest;
    }

    /** Builds the snapshot from releases in any order; the index lists them newest first. */
    public static Catalog of(String rules, List<ReleaseCatalog> releases, List<Anomaly> anomalies,
                             Map<String, Map<String, String>> stackTops) {
        List<ReleaseCatalog> newestFirst = new ArrayList<>(releases);
        newestFirst.sort(Comparator.comparing((ReleaseCatalog r) -> FirmwareVersion.parse(r.tag())).reversed());
        Map<String, ReleaseCatalog> byTag = new LinkedHashMap<>();
        List<ReleaseSummary> summaries = new ArrayList<>();
        for (ReleaseCatalog r : newestFirst) {
            byTag.put(r.tag(), r);
            int count = (int) anomalies.stream().filter(a -> a.tag().equals(r.tag())).count();
            summaries.add(new ReleaseSummary(r.tag(), r.date(), r.commit(), r.familyNames(), r.binaries().size(), count));
        }
        return new Catalog(new CatalogIndex(CatalogIndex.FORMAT, rules, summaries, stackTops), byTag, anomalies);
    }

    static Catalog fromParts(CatalogIndex index, List<ReleaseCatalog> releases, List<Anomaly> anomalies) {
        Map<String, ReleaseCatalog> byTag = new LinkedHashMap<>();
        for (ReleaseSummary summary : index.releases()) {
            releases.stream().filter(r -> r.tag().equals(summary.tag())).findFirst()
                    .ifPresent(r -> byTag.put(r.tag(), r));
        }
        return new Catalog(index, byTag, anomalies);
    }

    public CatalogIndex index() {
        return index;
    }

    public List<ReleaseSummary> releases() {
        return index.releases();
    }

    public Optional<ReleaseCatalog> release(String tag) {
        return Optional.ofNullable(releases.get(tag));
    }

    public Optional<ReleaseCatalog> newestRelease() {
        return releases.values().stream().findFirst();
    }

    public List<ReleaseCatalog> releasesNewestFirst() {
        return List.copyOf(releases.values());
    }

    public List<Anomaly> anomalies() {
        return anomalies;
    }

    public List<Occurrence> occurrences(String sha256) {
        return occurrencesBySha.getOrDefault(sha256, List.of());
    }

    /** The record of these bytes in the newest release that shipped them. */
    public Optional<BinaryRecord> record(String sha256) {
        return Optional.ofNullable(newestRecordBySha.get(sha256));
    }

    public int binaryCount() {
        return releases.values().stream().mapToInt(r -> r.binaries().size()).sum();
    }

    public int distinctBinaryCount() {
        return occurrencesBySha.size();
    }
}
