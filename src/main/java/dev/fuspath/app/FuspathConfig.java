package dev.fuspath.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code fuspath.*} property, typed, as the README documents it. Quarkus fills it (system properties,
 * environment, {@code application.properties}); the light start path, which runs without Quarkus, reads the one
 * property it needs through {@link #catalogDirWithoutQuarkus()}. Defaults are written once, here.
 */
@ConfigMapping(prefix = "fuspath")
public interface FuspathConfig {

    /** {@code fuspath.records.events.max-clients}: viewers of the /line events per instance. */
    String DEFAULT_EVENTS_MAX_CLIENTS = "200";
    /** {@code fuspath.records.events.poll}: how often an instance with viewers reads the records marker. */
    String DEFAULT_EVENTS_POLL = "2s";
    /** {@code fuspath.records.events.keep-alive}: the comment sent to a quiet viewer. */
    String DEFAULT_EVENTS_KEEP_ALIVE = "15s";

    /** The property naming the catalog folder, and its environment variable. */
    String CATALOG_DIR = "fuspath.catalog.dir";
    String CATALOG_DIR_ENV = "FUSPATH_CATALOG_DIR";

    CatalogSettings catalog();

    MirrorSettings mirror();

    SyncSettings sync();

    RecordsSettings records();

    interface CatalogSettings {
        /** {@code fuspath.catalog.dir}: the catalog folder; the catalog bundled in the artifact without it. */
        Optional<Path> dir();
    }

    interface MirrorSettings {
        /** {@code fuspath.mirror.dir}: an existing mirror or clone to serve file contents from, never synced. */
        Optional<Path> dir();
    }

    interface SyncSettings {
        /** {@code fuspath.sync.source}: the git URL, repository or bundle file the service syncs from. */
        Optional<String> source();

        /** {@code fuspath.sync.interval}: how often the service syncs again; once at start without it. */
        Optional<Duration> interval();

        /** {@code fuspath.sync.mirror}: where the service keeps its mirror of the source. */
        Optional<Path> mirror();
    }

    interface RecordsSettings {
        /** {@code fuspath.records.dir}: the embedded database's folder (its default is in application.properties). */
        Optional<String> dir();

        /** {@code fuspath.records.tokens.STATION}: the SHA-256 of each station's token. */
        Map<String, String> tokens();

        EventsSettings events();
    }

    interface EventsSettings {
        @WithDefault(DEFAULT_EVENTS_MAX_CLIENTS)
        int maxClients();

        @WithDefault(DEFAULT_EVENTS_POLL)
        Duration poll();

        @WithDefault(DEFAULT_EVENTS_KEEP_ALIVE)
        Duration keepAlive();
    }

    /**
     * {@code fuspath.catalog.dir} for the light start path (no Quarkus, no CDI): the system property, else the
     * environment variable {@code FUSPATH_CATALOG_DIR}, as Quarkus reads it; blank is unset.
     */
    static Optional<Path> catalogDirWithoutQuarkus() {
        String dir = System.getProperty(CATALOG_DIR);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(CATALOG_DIR_ENV);
        }
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
    }
}
