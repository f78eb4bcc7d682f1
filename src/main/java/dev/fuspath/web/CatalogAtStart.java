package dev.fuspath.web;

import dev.fuspath.app.CatalogHolder;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When the service is to answer HTTP, the catalog is read and checked, and the planner, inspector and diagnoser made,
 * before it listens: Quarkus fires the start-up event before its HTTP server listens, so no request is answered
 * before the catalog is accepted. A catalog that cannot be used ends the start with exit code 4 and one line naming
 * the file, the entry and what is wrong (no stack trace).
 */
@ApplicationScoped
public class CatalogAtStart {

    /**
     * The catalog the service was to serve cannot be used: the start ends, nothing is served. A configuration problem
     * of {@code fuspath.catalog.dir}: Quarkus prints such a failure's message alone, and {@code cli.Main} maps it to
     * exit code 4.
     */
    public static final class CatalogRejected extends ConfigurationException {
        public CatalogRejected(String message) {
            super(message, java.util.Set.of("fuspath.catalog.dir"));
        }
    }

    void loadBeforeServing(@Observes @Priority(1) StartupEvent event, CatalogHolder holder,
                           @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true") boolean serving) {
        if (!serving) {
            return; // a command-line tool: the catalog is read when a command needs it
        }
        try {
            holder.loadAll();
        } catch (UncheckedIOException e) {
            throw new CatalogRejected("fuspath serve: " + e.getMessage() + "; nothing was served");
        }
    }
}
