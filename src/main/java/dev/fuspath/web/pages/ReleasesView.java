package dev.fuspath.web.pages;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.ReleaseSummary;
import dev.fuspath.rules.Family;
import dev.fuspath.rules.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The list of releases, and the stack top addresses of the catalog index per family and flash size. */
public record ReleasesView(List<Row> releases, List<Tops> tops, int binaries, int distinct, int anomalies) {

    public record Row(ReleaseSummary release, String day) {
    }

    /** Where stacks end (right below this address) for each flash size of a family. */
    public record Tops(String family, List<Top> tops) {
    }

    public record Top(String flash, String address) {
    }

    static ReleasesView of(Catalog catalog) {
        List<Row> rows = catalog.releases().stream().map(r -> new Row(r, Pages.day(r.date()))).toList();
        List<Tops> tops = new ArrayList<>();
        for (Family f : Rules.bundled().families()) {
            tops.add(new Tops(f.name(), tops(catalog, f)));
        }
        return new ReleasesView(rows, List.copyOf(tops), catalog.binaryCount(), catalog.distinctBinaryCount(),
                catalog.anomalies().size());
    }

    static List<Top> tops(Catalog catalog, Family family) {
        Map<String, String> byFlash = catalog.index().stackTops().getOrDefault(family.name(), Map.of());
        return family.flashSizes().keySet().stream().filter(byFlash::containsKey)
                .map(flash -> new Top(flash, byFlash.get(flash))).toList();
    }
}
