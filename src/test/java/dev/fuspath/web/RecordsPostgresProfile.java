package dev.fuspath.web;

import dev.fuspath.records.TestPostgres;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The service with its records in a real PostgreSQL server ({@link TestPostgres}), in a database of its own. */
public class RecordsPostgresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        TestPostgres pg = TestPostgres.shared();
        String url = pg.createDatabase("records_api_" + ProcessHandle.current().pid());
        return Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", "postgres");
    }
}
