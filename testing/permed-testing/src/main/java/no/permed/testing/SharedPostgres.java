package no.permed.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import no.permed.db.Database;
import no.permed.db.DatabaseConfig;

/**
 * One real embedded PostgreSQL per test JVM, started on first use and stopped when the JVM exits.
 * Each call to {@link #freshDatabase()} creates a new, empty database in it, so test classes are
 * isolated from each other without paying for a PostgreSQL start each.
 */
public final class SharedPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static Path directory;

    private SharedPostgres() {}

    /** The shared server, started on first use. */
    public static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                directory = Files.createTempDirectory("permed-test-pg");
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(directory)
                        .setCleanDataDirectory(true)
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the shared test PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(SharedPostgres::stop, "shared-postgres-stop"));
        }
        return postgres;
    }

    /** A JDBC URL (with user) of a new, empty database in the shared server. */
    public static String freshDatabaseUrl() {
        EmbeddedPostgres server = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return server.getJdbcUrl("postgres", name);
    }

    /** A {@link Database} on a new, empty database in the shared server (close it after use). */
    public static Database freshDatabase() {
        return Database.external(new DatabaseConfig(
                java.util.Optional.of(freshDatabaseUrl()), java.util.Optional.of("postgres"), java.util.Optional.empty(), 4,
                DatabaseConfig.DEFAULT_CONNECT_TIMEOUT));
    }

    private static synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the JVM is exiting
            }
            postgres = null;
        }
        if (directory != null) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // temporary directory; the OS cleans it
            }
        }
    }
}
