package dev.fuspath.ops;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.app.CatalogHolder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/** Ready when the catalog the service answers from is loaded; what it holds, or why it cannot be read (logged). */
@Readiness
@ApplicationScoped
public class CatalogReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(CatalogReadiness.class);
    private final CatalogHolder holder;
    private volatile String lastProblem;

    public CatalogReadiness(CatalogHolder holder) {
        this.holder = holder;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            Catalog catalog = holder.catalog();
            lastProblem = null;
            return HealthCheckResponse.named("catalog").up()
                    .withData("releases", catalog.releases().size())
                    .withData("newest", catalog.releases().isEmpty() ? "none" : catalog.releases().get(0).tag())
                    .withData("binaries", catalog.binaryCount())
                    .build();
        } catch (RuntimeException e) {
            // the message names the server's folder: for the log, not for whoever can reach /q/health
            if (!String.valueOf(e.getMessage()).equals(lastProblem)) {
                lastProblem = String.valueOf(e.getMessage());
                LOG.errorf("not ready: %s", lastProblem);
            }
            return HealthCheckResponse.named("catalog").down()
                    .withData("problem", "the catalog cannot be loaded; the service log says why").build();
        }
    }
}
