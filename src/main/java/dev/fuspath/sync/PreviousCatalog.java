package dev.fuspath.sync;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.catalog.CatalogIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The catalog a sync builds on: its index is read first (cheap), the whole catalog only when some tag must be read
 * again. A previous catalog that cannot be read counts as none: every tag is read.
 */
public final class PreviousCatalog {

    private final Path dir;
    private CatalogIndex index;
    private Catalog catalog;

    private PreviousCatalog(Path dir, CatalogIndex index, Catalog catalog) {
        this.dir = dir;
        this.index = index;
        this.catalog = catalog;
    }

    public static PreviousCatalog none() {
        return new PreviousCatalog(null, null, null);
    }

    public static PreviousCatalog of(Catalog catalog) {
        return new PreviousCatalog(null, catalog.index(), catalog);
    }

    public static PreviousCatalog of(Optional<Catalog> catalog) {
        return catalog.map(PreviousCatalog::of).orElseGet(PreviousCatalog::none);
    }

    /** The catalog in {@code dir}, if there is a readable one. */
    public static PreviousCatalog in(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir.resolve(CatalogFiles.INDEX))) {
            return none();
        }
        return new PreviousCatalog(dir, CatalogFiles.readIndex(dir), null);
    }

    Optional<CatalogIndex> index() {
        return Optional.ofNullable(index);
    }

    /** The whole catalog; empty when there is none or it cannot be read. */
    Optional<Catalog> catalog() {
        if (catalog == null && dir != null) {
            try {
                catalog = CatalogFiles.read(dir);
            } catch (IOException e) {
                index = null;
                return Optional.empty();
            }
        }
        return Optional.ofNullable(catalog);
    }

    /** Already in memory, without reading anything. */
    Optional<Catalog> loaded() {
        return Optional.ofNullable(catalog);
    }
}
