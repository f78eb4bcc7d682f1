package dev.fuspath.web.pages;

import dev.fuspath.catalog.Anomaly;
import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.FamilyNotes;
import dev.fuspath.catalog.ReleaseCatalog;
import dev.fuspath.catalog.ReleaseSummary;
import dev.fuspath.rules.Family;
import dev.fuspath.rules.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One release: per family, each binary with its install address per flash size, the family's stack tops, and each
 * anomaly marked on the binary it concerns (or on the family when it concerns the notes as a whole).
 */
public record ReleaseView(String tag, String day, String commit, String newer, String older, List<FamilyView> families,
                          int anomalyCount) {

    public record FamilyView(String name, String notesPath, String notesSection, List<String> flashSizes,
                             List<ReleasesView.Top> tops, List<BinaryRow> rows, List<AnomalyView> familyAnomalies,
                             List<AnomalyView> anomalies) {
    }

    /** {@code marks} are the anomalies of this binary; {@code anchor} is its id on the page. */
    public record BinaryRow(BinaryRecord binary, String anchor, String bytes, List<AddressCell> addresses,
                            List<AnomalyView> marks) {
    }

    /**
     * The notes' address for one flash size, and the derived one when they differ; {@code absent} when the notes
     * mark the size NA or do not give it.
     */
    public record AddressCell(String flash, String notes, String computed, boolean differs, boolean absent) {
    }

    static ReleaseView of(Catalog catalog, ReleaseCatalog release) {
        List<String> tags = catalog.releases().stream().map(ReleaseSummary::tag).toList();
        int at = tags.indexOf(release.tag());
        String newer = at > 0 ? tags.get(at - 1) : null;
        String older = at >= 0 && at + 1 < tags.size() ? tags.get(at + 1) : null;
        List<Anomaly> anomalies = catalog.anomalies().stream().filter(a -> a.tag().equals(release.tag())).toList();
        List<FamilyView> families = new ArrayList<>();
        int[] counter = {0};
        for (FamilyNotes notes : release.families()) {
            families.add(family(catalog, release, notes, anomalies, counter));
        }
        return new ReleaseView(release.tag(), Pages.day(release.date()), release.commit(), newer, older,
                List.copyOf(families), anomalies.size());
    }

    private static FamilyView family(Catalog catalog, ReleaseCatalog release, FamilyNotes notes,
                                     List<Anomaly> anomalies, int[] counter) {
        Family family = Rules.bundled().family(notes.family()).orElse(null);
        List<BinaryRecord> binaries = release.binaries().stream().filter(b -> b.family().equals(notes.family())).toList();
        List<String> flashSizes = (family == null ? binaries.stream()
                .flatMap(b -> b.installAddress().keySet().stream()).distinct().toList()
                : List.copyOf(family.flashSizes().keySet())).stream()
                .filter(flash -> binaries.stream().anyMatch(b -> b.installAddress().containsKey(flash)
                        || b.computedAddress().containsKey(flash)))
                .toList();
        List<AnomalyView> all = new ArrayList<>();
        List<AnomalyView> familyWide = new ArrayList<>();
        List<BinaryRow> rows = new ArrayList<>();
        List<Anomaly> mine = anomalies.stream().filter(a -> a.family().equals(notes.family())).toList();
        for (BinaryRecord b : binaries) {
            List<AnomalyView> marks = new ArrayList<>();
            for (Anomaly a : mine) {
                if (b.file().equals(a.file())) {
                    marks.add(AnomalyView.of("a-" + (++counter[0]), a));
                }
            }
            all.addAll(marks);
            List<AddressCell> cells = flashSizes.stream().map(flash -> cell(b, flash)).toList();
            rows.add(new BinaryRow(b, anchor(b.family(), b.file()), String.format(java.util.Locale.ROOT, "%,d", b.size()), cells,
                    List.copyOf(marks)));
        }
        for (Anomaly a : mine) {
            boolean onRow = a.file() != null && binaries.stream().anyMatch(b -> b.file().equals(a.file()));
            if (!onRow) {
                AnomalyView v = AnomalyView.of("a-" + (++counter[0]), a);
                familyWide.add(v);
                all.add(v);
            }
        }
        String section = notes.notes() == null ? null : notes.notes().rawHeading();
        List<ReleasesView.Top> tops = family == null ? List.of() : ReleasesView.tops(catalog, family).stream()
                .filter(t -> flashSizes.contains(t.flash())).toList();
        return new FamilyView(notes.family(), notes.notesPath(), section, flashSizes, tops, List.copyOf(rows),
                List.copyOf(familyWide), List.copyOf(all));
    }

    private static AddressCell cell(BinaryRecord b, String flash) {
        String notes = b.installAddress().get(flash);
        String computed = b.computedAddress().get(flash);
        boolean differs = notes != null && computed != null && !notes.equalsIgnoreCase(computed);
        return new AddressCell(flash, notes, computed, differs, notes == null);
    }

    /** The id of a binary's row on its release page, e.g. {@code STM32WB5x-stm32wb5x_FUS_fw.bin}. */
    static String anchor(String family, String file) {
        return (Objects.requireNonNullElse(family, "") + "-" + Objects.requireNonNullElse(file, ""))
                .replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
