package dev.fuspath.web;

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
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The catalog the service answers from. Readers always see one whole snapshot; a new one replaces it in one step,
 * and only once it has been read completely.
 */
@ApplicationScoped
public class CatalogHolder {

    private record Snapshot(Catalog catalog, Inspector inspector, Planner planner, RenderedPlans plans,
                            Diagnoser diagnoser) {
        Snapshot(Catalog catalog) {
            this(catalog, new Inspector(catalog, Rules.bundled()),
                    new Planner(catalog, Rules.bundled(), ChipRules.bundled(), Procedures.bundled()));
        }

        Snapshot(Catalog catalog, Inspector inspector, Planner planner) {
            this(catalog, inspector, planner, new RenderedPlans(planner),
                    new Diagnoser(catalog, planner, ChipRules.bundled(), Rules.bundled()));
        }
    }

    /** The catalog the service was to serve cannot be used: the start ends, nothing is served. */
    public static final class CatalogRejected extends ConfigurationException {
        public CatalogRejected(String message) {
            super(message, java.util.Set.of("fuspath.catalog.dir"));
        }
    }

    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final Optional<Path> dir;

    public CatalogHolder(@ConfigProperty(name = "fuspath.catalog.dir") Optional<Path> dir) {
        this.dir = dir;
    }

    public Catalog catalog() {
        return snapshot().catalog();
    }

    public Inspector inspector() {
        return snapshot().inspector();
    }

    public Planner planner() {
        return snapshot().planner();
    }

    /** The log diagnosis on the current catalog. */
    public Diagnoser diagnoser() {
        return snapshot().diagnoser();
    }

    RenderedPlans renderedPlans() {
        return snapshot().plans();
    }

    /**
     * When the service is to answer HTTP, the catalog is read and checked now: Quarkus fires this before its HTTP
     * server listens, so no request is answered before the catalog is accepted. A catalog that cannot be used ends
     * the start with exit code 4 and one line naming the file, the entry and what is wrong (no stack trace).
     * It is a configuration problem of {@code fuspath.catalog.dir}: Quarkus prints such a failure's message alone,
     * and {@code Main} maps it to exit code 4.
     */
    void loadBeforeServing(@Observes @Priority(1) StartupEvent event) {
        boolean serving = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host-enabled", Boolean.class)
                .orElse(true);
        if (!serving) {
            return; // a command-line tool: the catalog is read when a command needs it
        }
        try {
            snapshot();
        } catch (UncheckedIOException e) {
            throw new CatalogRejected("fuspath serve: " + e.getMessage() + "; nothing was served");
        }
    }

    private Snapshot snapshot() {
        Snapshot s = current.get();
        if (s == null) {
            synchronized (this) {
                s = current.get();
                if (s == null) {
                    try {
                        s = load();
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
     * catalog folder when the service has one. On any failure readers keep seeing the previous catalog whole.
     */
    public synchronized CatalogSync.Result sync(String source, Path mirror) throws SyncException {
        Catalog previous = catalog();
        CatalogSync.Result result = new CatalogSync(Rules.bundled(), 120)
                .sync(source, mirror, PreviousCatalog.of(previous), dir.orElse(null));
        if (!result.unchanged()) {
            current.set(new Snapshot(result.catalog()));
        }
        return result;
    }

    private Snapshot load() throws IOException {
        Catalog catalog = dir.isPresent() ? CatalogFiles.read(dir.get())
                : CatalogFiles.readClasspath(Thread.currentThread().getContextClassLoader());
        return new Snapshot(catalog);
    }
}
