package dev.fuspath.records;

import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;

/** The store on the embedded H2 (PostgreSQL mode), the default of {@code fuspath serve} with no database set. */
class RecordStoreH2Test extends RecordStoreContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    protected RecordStore newStore() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:store" + DATABASES.incrementAndGet() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DB_CLOSE_DELAY=-1");
        TestPostgres.migrate(ds);
        return new RecordStore(ds);
    }
}
