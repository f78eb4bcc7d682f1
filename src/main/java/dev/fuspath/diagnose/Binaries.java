package dev.fuspath.diagnose;

import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.FileNameClaims;
import dev.fuspath.catalog.ReleaseCatalog;
import dev.fuspath.programmer.ImageSize;
import dev.fuspath.image.FirmwareVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The catalog's binaries by upstream file name and by size, newest release first. */
final class Binaries {

    /** One binary of one release. */
    record Shipped(String tag, BinaryRecord record) {
    }

    static final Comparator<Shipped> NEWEST_FIRST =
            Comparator.comparing((Shipped s) -> FirmwareVersion.parse(s.tag())).reversed();

    private static final Pattern COPY_SUFFIX = Pattern.compile("(?i)\\s*\\(\\d{1,3}\\)(?=\\.bin$)");

    private final Map<String, List<Shipped>> byName = new HashMap<>();
    private final NavigableMap<Long, List<Shipped>> bySize = new TreeMap<>();

    Binaries(Catalog catalog) {
        for (ReleaseCatalog release : catalog.releasesNewestFirst()) {
            for (BinaryRecord b : release.binaries()) {
                Shipped s = new Shipped(release.tag(), b);
                byName.computeIfAbsent(b.file().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(s);
                bySize.computeIfAbsent(b.size(), k -> new ArrayList<>()).add(s);
            }
        }
    }

    /** The upstream name a file given in a log stands for: no folder, no quotes, no " (1)" a browser added. */
    static String upstreamName(String file) {
        String base = FileNameClaims.baseName(file.strip().replace("\"", "").replace("'", ""));
        return COPY_SUFFIX.matcher(base).replaceFirst("");
    }

    /** Every binary shipped under this name (any case), newest release first. */
    List<Shipped> named(String upstreamName) {
        return byName.getOrDefault(upstreamName.toLowerCase(Locale.ROOT), List.of());
    }

    /** Every binary, under any name, whose size is the printed one. */
    List<Shipped> sized(ImageSize size) {
        List<Shipped> out = new ArrayList<>();
        bySize.subMap(size.bytes() - size.tolerance(), true, size.bytes() + size.tolerance(), true)
                .values().forEach(out::addAll);
        out.sort(NEWEST_FIRST);
        return out;
    }
}
