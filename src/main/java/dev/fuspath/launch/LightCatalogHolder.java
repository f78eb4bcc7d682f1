package dev.fuspath.launch;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.diagnose.Diagnoser;
import dev.fuspath.inspect.Inspector;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import dev.fuspath.web.CatalogHolder;
import jakarta.enterprise.inject.Vetoed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The catalog holder of the light start path: one command, so each part is made only when that command asks for
 * it ({@code plan} never builds the diagnoser), once. A service's holder builds every part of a snapshot at once
 * instead, because its snapshots are swapped whole by syncs. The catalog is read as {@link CatalogHolder} reads it,
 * failing with the same message (LightStartIT compares both on a missing catalog folder).
 */
@Vetoed // not a bean: it inherits CatalogHolder's start-up observer, and the service has its own holder
final class LightCatalogHolder extends CatalogHolder {

    private final Supplier<Catalog> catalog;
    private final Supplier<Planner> planner;
    private final Supplier<Inspector> inspector;
    private final Supplier<Diagnoser> diagnoser;

    LightCatalogHolder(Optional<Path> dir) {
        super(dir);
        catalog = once(() -> {
            try {
                return dir.isPresent() ? CatalogFiles.read(dir.get())
                        : CatalogFiles.readClasspath(Thread.currentThread().getContextClassLoader());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the catalog"
                        + dir.map(d -> " from " + d).orElse(" bundled in the artifact") + ": " + e.getMessage(), e);
            }
        });
        planner = once(() -> new Planner(catalog(), Rules.bundled(), ChipRules.bundled(), Procedures.bundled()));
        inspector = once(() -> new Inspector(catalog(), Rules.bundled()));
        diagnoser = once(() -> new Diagnoser(catalog(), planner(), ChipRules.bundled(), Rules.bundled()));
    }

    @Override
    public Catalog catalog() {
        return catalog.get();
    }

    @Override
    public Planner planner() {
        return planner.get();
    }

    @Override
    public Inspector inspector() {
        return inspector.get();
    }

    @Override
    public Diagnoser diagnoser() {
        return diagnoser.get();
    }

    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }
}
