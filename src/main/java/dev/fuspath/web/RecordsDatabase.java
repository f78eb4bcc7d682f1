package dev.fuspath.web;

import dev.fuspath.records.RecordStore;
import dev.fuspath.records.RecordStoreException;
import dev.fuspath.records.StationTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.flyway.FlywayDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import dev.fuspath.app.FuspathConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * The records store of this service: PostgreSQL when {@code quarkus.datasource.jdbc.url} is set, else the embedded H2
 * file ({@code quarkus.datasource.embedded.*}). Nothing is opened or migrated until the first request that needs the
 * store, so the command-line tools, which share this artifact, never touch a database.
 */
@ApplicationScoped
public class RecordsDatabase {

    private static final Logger LOG = Logger.getLogger(RecordsDatabase.class);

    private final Optional<String> postgresUrl;
    private final InjectableInstance<AgroalDataSource> postgres;
    private final InjectableInstance<AgroalDataSource> embedded;
    private final InjectableInstance<Flyway> postgresFlyway;
    private final InjectableInstance<Flyway> embeddedFlyway;
    private final FuspathConfig fuspath;
    private volatile RecordStore store;
    private volatile StationTokens tokens;

    public RecordsDatabase(@ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> postgresUrl,
                           InjectableInstance<AgroalDataSource> postgres,
                           @io.quarkus.agroal.DataSource("embedded") InjectableInstance<AgroalDataSource> embedded,
                           InjectableInstance<Flyway> postgresFlyway,
                           @FlywayDataSource("embedded") InjectableInstance<Flyway> embeddedFlyway,
                           FuspathConfig fuspath) {
        this.postgresUrl = postgresUrl.filter(url -> !url.isBlank());
        this.postgres = postgres;
        this.embedded = embedded;
        this.postgresFlyway = postgresFlyway;
        this.embeddedFlyway = embeddedFlyway;
        this.fuspath = fuspath;
    }

    /** The store, its schema migrated on first use; a database that cannot be reached is a RecordStoreException. */
    public RecordStore store() {
        RecordStore current = store;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (store == null) {
                boolean pg = postgresUrl.isPresent();
                try {
                    // Flyway takes a lock in the database: instances starting together migrate it once
                    (pg ? postgresFlyway : embeddedFlyway).get().migrate();
                } catch (RuntimeException e) {
                    throw new RecordStoreException("the records database could not be prepared: "
                            + rootMessage(e), e);
                }
                store = new RecordStore(pg ? postgres.get() : embedded.get());
                LOG.infof("records store: %s", pg ? "PostgreSQL (quarkus.datasource.jdbc.url)"
                        : "embedded H2 (set quarkus.datasource.jdbc.url for PostgreSQL)");
            }
            return store;
        }
    }

    /** The station tokens configured as fuspath.records.tokens.STATION=SHA256 (read once). */
    public StationTokens tokens() {
        StationTokens current = tokens;
        if (current == null) {
            Map<String, String> map = new LinkedHashMap<>(new java.util.TreeMap<>(fuspath.records().tokens()));
            current = new StationTokens(map);
            tokens = current;
        }
        return current;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
