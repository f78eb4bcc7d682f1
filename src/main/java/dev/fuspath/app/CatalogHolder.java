package dev.fuspath.app;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.diagnose.Diagnoser;
import dev.fuspath.inspect.Inspector;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import dev.fuspath.sync.CatalogSync;
import dev.fuspath.sync.PreviousCatalog;
import dev.fuspath.sync.SyncException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The catalog the application answers from, with the planner, inspector and diagnoser made on it. Readers always
 * see one whole snapshot; a sync replaces it in one step, and only once it has been read completely. Each part of a
 * snapshot is made when first asked for, once: a {@code fuspath plan} never builds the diagnoser. The service asks
 * for every part before it listens ({@link #loadAll()}), so no request waits for one.
 *
 * <p>A CDI bean under Quarkus (configured by {@link FuspathConfig}); the light start path makes one with
 * {@code new CatalogHolder(FuspathConfig.catalogDirWithoutQuarkus())}.
 */
@ApplicationScoped
public class CatalogHolder {

    private static final class Snapshot {
        final Catalog catalog;
        final Supplier<Planner> planner;
        final Supplier<Inspector> inspector;
        final Supplier<Diagnoser> diagnoser;

        Snapshot(Catalog catalog) {
            this.catalog = catalog;
            this.planner = once(() -> new Planner(catalog, Rules.bundled(), ChipRules.bundled(), Procedures.bundled()));
            this.inspector = once(() -> new Inspector(catalog, Rules.bundled()));
            this.diagnoser = once(() -> new Diagnoser(catalog, planner.get(), ChipRules.bundled(), Rules.bundled()));
        }
    }

    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final Optional<Path> dir;

    @Inject
    public CatalogHolder(FuspathConfig config) {
        this(config.catalog().dir());
    }

    /** The catalog of folder {@code dir}, or the one bundled in the artifact. Nothing is read before it is asked for. */
    public CatalogHolder(Optional<Path> dir) {
        this.dir = dir;
    }

    public Catalog catalog() {
        return snapshot().catalog;
    }

    public Inspector inspector() {
        return snapshot().inspector.get();
    }

    public Planner planner() {
        return snapshot().planner.get();
    }

    /** The log diagnosis on the current catalog. */
    public Diagnoser diagnoser() {
        return snapshot().diagnoser.get();
    }

    /**
     * Reads the catalog and makes every part now. A catalog that cannot be read is an {@link UncheckedIOException}
     * whose message names the folder (or the artifact), the file, the entry and what is wrong.
     */
    public void loadAll() {
        Snapshot s = snapshot();
        s.planner.get();
        s.inspector.get();
        s.diagnoser.get();
    }

    private Snapshot snapshot() {
        Snapshot s = current.get();
        if (s == null) {
            synchronized (this) {
                s = current.get();
                if (s == null) {
                    try {
                        s = new Snapshot(read());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot load the catalog"
                                + dir.map(d -> " from " + d).orElse(" bundled in the artifact") + ": "
                                + e.getMessage(), e);
                    }
                    current.set(s);
                }
            }
        }
        return s;
    }

    /**
     * Syncs from {@code source} on top of the catalog being served and serves the result, writing it to the
     * catalog folder when there is one. On any failure readers keep seeing the previous catalog whole.
     */
    public synchronized CatalogSync.Result sync(String source, Path mirror) throws SyncException {
        Catalog previous = catalog();
        CatalogSync.Result result = new CatalogSync(Rules.bundled(), 120)
                .sync(source, mirror, PreviousCatalog.of(previous), dir.orElse(null));
        if (!result.unchanged()) {
            Snapshot next = new Snapshot(result.catalog());
            next.planner.get();
            next.inspector.get();
            next.diagnoser.get();
            current.set(next);
        }
        return result;
    }

    private Catalog read() throws IOException {
        return dir.isPresent() ? CatalogFiles.read(dir.get())
                : CatalogFiles.readClasspath(Thread.currentThread().getContextClassLoader());
    }

    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = make.get();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }
}
