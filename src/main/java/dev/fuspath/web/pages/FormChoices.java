package dev.fuspath.web.pages;

import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.Kind;
import dev.fuspath.catalog.ReleaseSummary;
import dev.fuspath.planner.Chip;
import dev.fuspath.planner.ChipRules;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What the lookup form offers: the supported parts (ChipRules), the releases newest first, and every stack name the
 * catalog knows.
 */
public record FormChoices(List<Chip> chips, List<String> releases, List<String> stacks) {

    private static volatile Cached cached;

    private record Cached(Catalog catalog, FormChoices choices) {
    }

    /** The choices of this catalog snapshot; computed once per snapshot. */
    static FormChoices of(Catalog catalog) {
        Cached c = cached;
        if (c == null || c.catalog() != catalog) {
            TreeSet<String> stacks = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            catalog.releasesNewestFirst().forEach(r -> r.binaries().stream()
                    .filter(b -> b.kind() == Kind.STACK).map(BinaryRecord::stack).filter(Objects::nonNull)
                    .forEach(stacks::add));
            c = new Cached(catalog, new FormChoices(ChipRules.bundled().chips(),
                    catalog.releases().stream().map(ReleaseSummary::tag).toList(), List.copyOf(stacks)));
            cached = c;
        }
        return c.choices();
    }

    public String newest() {
        return releases.isEmpty() ? "" : releases.get(0);
    }
}
