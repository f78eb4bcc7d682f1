package dev.fuspath.cli;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.app.CatalogHolder;
import dev.fuspath.web.ServiceSync;
import io.quarkus.runtime.Quarkus;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true, description = {
        "Run the HTTP service until stopped, on the catalog bundled in the artifact or on the folder given with"
                + " -Dfuspath.catalog.dir=DIR.",
        "It listens on port 8080 of every interface. Java system properties, given before serve, change that:",
        "-Dquarkus.http.port=N sets the port.",
        "-Dquarkus.http.host=127.0.0.1 keeps it to this machine.",
        "With -Dfuspath.sync.source=GIT it also syncs at start, and then every period set by"
                + " -Dfuspath.sync.interval=6h (for example). A failed sync leaves the catalog being served as it was."})
public class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(ServeCommand.class);
    private final CatalogHolder holder;
    private final ServiceSync sync;

    public ServeCommand(CatalogHolder holder, ServiceSync sync) {
        this.holder = holder;
        this.sync = sync;
    }

    @Override
    public Integer call() {
        Catalog catalog = holder.catalog();
        LOG.infof("serving a catalog of %d releases (%s to %s), %d binaries, %d anomalies",
                catalog.releases().size(), catalog.releases().get(catalog.releases().size() - 1).tag(),
                catalog.releases().get(0).tag(), catalog.binaryCount(), catalog.anomalies().size());
        sync.start();
        Quarkus.waitForExit();
        return ExitCodes.OK;
    }
}
