package no.permed.db;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import no.permed.kernel.PermedException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL database of one permed process: the embedded one (a real PostgreSQL from
 * zonky's Maven Central binaries, kept in {@code <data>/postgres}) or an external one named by a
 * JDBC URL. Holds the connection pool and a {@link Jdbi}. Each capability owns one schema with its
 * own Flyway history, migrated by {@link #migrate(String)} from {@code classpath:db/migration/<schema>}.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    static final String EMBEDDED_DATABASE = "permed";
    static final String EMBEDDED_USER = "postgres";

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final Optional<EmbeddedPostgres> embedded;
    private final String description;

    private Database(HikariDataSource pool, Optional<EmbeddedPostgres> embedded, String description) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        this.embedded = embedded;
        this.description = description;
    }

    /**
     * Opens the configured database: external when {@link DatabaseConfig#url()} is set, else the
     * embedded PostgreSQL in {@code <data>/postgres}, started (and initialised on first use) here.
     */
    public static Database open(DatabaseConfig config, DataDirectory dataDirectory) {
        requireNonNull(config, "config is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        if (config.url().isPresent()) {
            return external(config);
        }
        return embedded(dataDirectory.root().resolve("postgres"), config);
    }

    /** Connects to an external PostgreSQL. */
    public static Database external(DatabaseConfig config) {
        String url = config.url().orElseThrow(() -> new IllegalArgumentException("external database needs a URL"));
        HikariDataSource pool = pool(url, config.user().orElse(null), config.password().orElse(null), config.poolSize(), config.connectTimeout());
        return new Database(pool, Optional.empty(), "external PostgreSQL at " + withoutCredentials(url));
    }

    private static Database embedded(Path directory, DatabaseConfig config) {
        stopOrphanedPostmaster(directory);
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new PermedException(
                    DbErrorCode.DATABASE_UNAVAILABLE,
                    "cannot start the embedded PostgreSQL in " + directory
                            + " (see the log for PostgreSQL's own message); or give an external one with --db-url",
                    Map.of("path", directory.toString()),
                    e);
        }
        try {
            createDatabaseIfMissing(postgres.getPostgresDatabase(), EMBEDDED_DATABASE);
            HikariDataSource pool =
                    pool(postgres.getJdbcUrl(EMBEDDED_USER, EMBEDDED_DATABASE), EMBEDDED_USER, null, config.poolSize(),
                            config.connectTimeout());
            return new Database(
                    pool, Optional.of(postgres), "embedded PostgreSQL on 127.0.0.1:" + postgres.getPort() + " in " + directory);
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            throw e;
        }
    }

    /**
     * A permed process that was killed leaves its PostgreSQL running. We hold the data directory's
     * lock, so no live permed process owns that postmaster: stop it before starting our own.
     */
    private static void stopOrphanedPostmaster(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            String firstLine = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
            if (!firstLine.matches("[0-9]+")) {
                return;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(firstLine));
            if (process.isEmpty() || !process.get().isAlive()) {
                return;
            }
            String command = process.get().info().command().orElse("");
            if (!command.endsWith("postgres")) {
                return;
            }
            LOG.warn("Stopping an orphaned embedded PostgreSQL (process {}) left by a permed process that did not stop cleanly",
                    firstLine);
            process.get().destroy();
            process.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("Could not stop an orphaned embedded PostgreSQL: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void createDatabaseIfMissing(DataSource adminDataSource, String name) {
        try (Connection connection = adminDataSource.getConnection();
                Statement statement = connection.createStatement()) {
            boolean exists;
            try (ResultSet rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                exists = rows.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
            }
        } catch (SQLException e) {
            throw new PermedException(
                    DbErrorCode.DATABASE_UNAVAILABLE, "cannot create the embedded database " + name, Map.of(), e);
        }
    }

    private static HikariDataSource pool(String url, String user, String password, int poolSize, Duration connectTimeout) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        if (user != null) {
            hikari.setUsername(user);
        }
        if (password != null) {
            hikari.setPassword(password);
        }
        hikari.setMaximumPoolSize(poolSize);
        hikari.setMinimumIdle(Math.min(2, poolSize));
        hikari.setPoolName("permed");
        hikari.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        hikari.setInitializationFailTimeout(connectTimeout.toMillis());
        hikari.addDataSourceProperty("ApplicationName", "permed");
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new PermedException(
                    DbErrorCode.DATABASE_UNAVAILABLE,
                    "cannot connect to PostgreSQL at " + withoutCredentials(url) + "; check db.url, db.user and db.password",
                    Map.of("url", withoutCredentials(url)),
                    e);
        }
    }

    /** The URL with any {@code user=} / {@code password=} parameters removed, for logs and messages. */
    public static String withoutCredentials(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        int at = base.indexOf('@');
        return at < 0 ? base : "jdbc:postgresql://" + base.substring(at + 1);
    }

    /**
     * Migrates one capability's schema from {@code classpath:db/migration/<schema>}, with its own
     * history table inside that schema. Each migration runs in a transaction: a failed one leaves the
     * schema as it was.
     *
     * @return the number of migrations applied now
     */
    public int migrate(String schema) {
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema names are lower-case letters, digits and _: " + schema);
        }
        try {
            MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .schemas(schema)
                    .defaultSchema(schema)
                    .createSchemas(true)
                    .table("flyway_schema_history")
                    .locations("classpath:db/migration/" + schema)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("Schema {}: applied {} migration(s), now at version {}", schema, result.migrationsExecuted,
                        result.targetSchemaVersion);
            }
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new PermedException(
                    DbErrorCode.MIGRATION_FAILED,
                    "migrating schema " + schema + " failed; the database was not changed by the failed migration (see the log)",
                    Map.of("schema", schema),
                    e);
        }
    }

    /** Whether the database answers a trivial query within two seconds. */
    public boolean isReady() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Where the database is, without credentials, for logs and the readiness answer. */
    public String description() {
        return description;
    }

    public boolean isEmbedded() {
        return embedded.isPresent();
    }

    /** Closes the pool and stops the embedded PostgreSQL (a fast shutdown; committed data are durable). */
    @Override
    public void close() {
        pool.close();
        embedded.ifPresent(Database::closeQuietly);
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Stopping the embedded PostgreSQL failed: {}", e.toString());
        }
    }
}
