package dev.fuspath.web.pages;

import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.Kind;
import dev.fuspath.catalog.ReleaseSummary;
import dev.fuspath.planner.Chip;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.catalog.ReleaseCatalog;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    /**
     * The choices for a lookup of this chip and release: the stacks offered are those the release ships for the
     * chip's family and flash size (the targets the planner accepts), as the chips are offered; without a known chip
     * or release, every stack the catalog knows. The page's script narrows the list again as chip and release
     * change (GET /api/v1/releases/{tag}/binaries?family=).
     */
    FormChoices forLookup(Catalog catalog, String chip, String release) {
        Optional<Chip> part = chip == null || chip.isBlank() ? Optional.empty() : ChipRules.bundled().find(chip.strip());
        if (part.isEmpty()) {
            return this;
        }
        String tag = release == null || release.isBlank() ? newest() : release.strip().toLowerCase(Locale.ROOT);
        Optional<ReleaseCatalog> shipped = catalog.release(tag.startsWith("v") ? tag : "v" + tag);
        if (shipped.isEmpty()) {
            return this;
        }
        Chip c = part.get();
        List<String> offered = shipped.get().binaries().stream()
                .filter(b -> b.kind() == Kind.STACK && b.stack() != null && c.family().equals(b.family())
                        && b.installAddress().containsKey(c.flash()))
                .map(BinaryRecord::stack).distinct().sorted(String.CASE_INSENSITIVE_ORDER).toList();
        return new FormChoices(chips, releases, offered);
    }

    public String newest() {
        return releases.isEmpty() ? "" : releases.get(0);
    }
}
