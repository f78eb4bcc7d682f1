package dev.fuspath.ops;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.ReleaseSummary;
import dev.fuspath.app.CatalogHolder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service's own Prometheus metrics, beside the per-endpoint {@code http_server_requests_seconds} the Micrometer
 * extension records:
 * <ul>
 * <li>{@code fuspath_catalog_age_seconds}: since the catalog being served was loaded, or last confirmed current by
 * a sync that succeeded (updated or unchanged); it grows while syncs fail;</li>
 * <li>{@code fuspath_catalog_newest_release_age_seconds}: since the newest release in that catalog was tagged;</li>
 * <li>{@code fuspath_catalog_releases}: releases in it;</li>
 * <li>{@code fuspath_sync_total{outcome=updated|unchanged|failed}} and {@code fuspath_sync_seconds}: the syncs.</li>
 * </ul>
 */
@ApplicationScoped
public class ServiceMetrics {

    private final CatalogHolder holder;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<SyncOutcome.Kind, Counter> syncs = new EnumMap<>(SyncOutcome.Kind.class);
    private final Timer syncTime;
    private volatile Instant confirmed;

    @Inject
    public ServiceMetrics(CatalogHolder holder, MeterRegistry registry) {
        this(holder, registry, Clock.systemUTC());
    }

    ServiceMetrics(CatalogHolder holder, MeterRegistry registry, Clock clock) {
        this.holder = holder;
        this.registry = registry;
        this.clock = clock;
        for (SyncOutcome.Kind kind : SyncOutcome.Kind.values()) {
            syncs.put(kind, Counter.builder("fuspath.sync").tag("outcome", kind.tag())
                    .description("Syncs of the served catalog from its source, by outcome").register(registry));
        }
        syncTime = Timer.builder("fuspath.sync.duration").description("How long the syncs took").register(registry);
    }

    void start(@Observes StartupEvent event) {
        confirmed = clock.instant();
        Gauge.builder("fuspath.catalog.age", this, ServiceMetrics::catalogAgeSeconds).baseUnit("seconds")
                .description("Since the served catalog was loaded or a sync last confirmed it current")
                .register(registry);
        Gauge.builder("fuspath.catalog.newest.release.age", this, ServiceMetrics::newestReleaseAgeSeconds)
                .baseUnit("seconds").description("Since the newest release in the served catalog was tagged")
                .register(registry);
        Gauge.builder("fuspath.catalog.releases", this, m -> m.catalog() == null ? Double.NaN
                : m.catalog().releases().size()).description("Releases in the served catalog").register(registry);
    }

    void synced(@Observes SyncOutcome outcome) {
        syncs.get(outcome.kind()).increment();
        syncTime.record(outcome.millis(), TimeUnit.MILLISECONDS);
        if (outcome.kind() != SyncOutcome.Kind.FAILED) {
            confirmed = clock.instant();
        }
    }

    double catalogAgeSeconds() {
        Instant since = confirmed;
        return since == null ? Double.NaN : (clock.millis() - since.toEpochMilli()) / 1000.0;
    }

    double newestReleaseAgeSeconds() {
        Catalog catalog = catalog();
        if (catalog == null || catalog.releases().isEmpty()) {
            return Double.NaN;
        }
        ReleaseSummary newest = catalog.releases().get(0);
        try {
            return (clock.millis() - OffsetDateTime.parse(newest.date()).toInstant().toEpochMilli()) / 1000.0;
        } catch (DateTimeParseException | NullPointerException e) {
            return Double.NaN;
        }
    }

    /** The served catalog, or null when it cannot be loaded (the readiness check says so). */
    private Catalog catalog() {
        try {
            return holder.catalog();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
