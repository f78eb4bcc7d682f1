package dev.fuspath.web;

import dev.fuspath.app.CatalogHolder;
import dev.fuspath.ops.SyncOutcome;
import dev.fuspath.sync.CatalogSync;
import dev.fuspath.sync.SyncException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.fuspath.app.FuspathConfig;
import org.jboss.logging.Logger;

/**
 * Keeps a running service's catalog current: with {@code fuspath.sync.source} set, syncs at start and then every
 * {@code fuspath.sync.interval}. A failed sync is logged and changes nothing readers see.
 */
@ApplicationScoped
public class ServiceSync {

    private static final Logger LOG = Logger.getLogger(ServiceSync.class);

    private final CatalogHolder holder;
    private final Optional<String> source;
    private final Optional<Duration> interval;
    private final Optional<Path> mirror;
    private ScheduledExecutorService executor;
    /** For the metrics (dev.fuspath.ops.ServiceMetrics). */
    @Inject
    Event<SyncOutcome> outcomes;

    public ServiceSync(CatalogHolder holder,
                       FuspathConfig config) {
        this.holder = holder;
        this.source = config.sync().source();
        this.interval = config.sync().interval();
        this.mirror = config.sync().mirror();
    }

    /** Started by {@code fuspath serve}; a no-op without a configured source. */
    public synchronized void start() {
        if (source.isEmpty() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fuspath-sync");
            t.setDaemon(true);
            return t;
        });
        long every = interval.map(Duration::toSeconds).orElse(0L);
        if (every > 0) {
            executor.scheduleWithFixedDelay(this::syncOnce, 0, every, TimeUnit.SECONDS);
        } else {
            executor.execute(this::syncOnce);
        }
    }

    /** @return true when the catalog now served comes from this sync */
    public boolean syncOnce() {
        String from = source.orElseThrow();
        long start = System.nanoTime();
        try {
            CatalogSync.Result r = holder.sync(from, mirror.orElseGet(() -> CatalogSync.defaultMirror(from)));
            outcomes.fire(new SyncOutcome(r.unchanged() ? SyncOutcome.Kind.UNCHANGED : SyncOutcome.Kind.UPDATED,
                    r.millis()));
            LOG.infof("synced from %s: %d releases (%s), %d anomalies, in %d ms", from, r.index().releases().size(),
                    r.unchanged() ? "nothing new" : r.tagsRead() + " read, " + r.tagsReused() + " unchanged",
                    r.index().anomalyCount(), r.millis());
            for (CatalogSync.Removal removal : r.removals()) {
                LOG.warnf("sync from %s: %s (release-vanished)", from, removal.describe());
            }
            return true;
        } catch (SyncException | RuntimeException e) {
            LOG.errorf("sync from %s failed; still serving the previous catalog: %s", from, e.getMessage());
            outcomes.fire(new SyncOutcome(SyncOutcome.Kind.FAILED, (System.nanoTime() - start) / 1_000_000));
            return false;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
