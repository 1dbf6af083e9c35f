package no.permed.db;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import no.permed.kernel.PermedException;

/**
 * Where the database is.
 *
 * @param url a {@code jdbc:postgresql://} URL of an external PostgreSQL; empty to start the
 *     embedded PostgreSQL inside the data directory
 * @param user the user for the external database
 * @param password the password for the external database (never logged)
 * @param poolSize connections in the pool, 1 to 200
 * @param connectTimeout how long to keep trying to reach the database at start, 1 s to 10 min
 */
public record DatabaseConfig(
        Optional<String> url, Optional<String> user, Optional<String> password, int poolSize, Duration connectTimeout) {
    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public DatabaseConfig {
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        url.ifPresent(value -> {
            if (!value.startsWith("jdbc:postgresql://")) {
                throw new PermedException(
                        DbErrorCode.INVALID_CONFIGURATION,
                        "db.url must start with jdbc:postgresql:// (leave it empty for the embedded PostgreSQL)",
                        Map.of("field", "db.url"));
            }
        });
        requireNonNull(connectTimeout, "connectTimeout is null");
        if (connectTimeout.compareTo(Duration.ofSeconds(1)) < 0 || connectTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new PermedException(
                    DbErrorCode.INVALID_CONFIGURATION,
                    "db.connect-timeout-seconds must be between 1 and 600, was " + connectTimeout.toSeconds(),
                    Map.of("field", "db.connect-timeout-seconds"));
        }
        if (poolSize < 1 || poolSize > 200) {
            throw new PermedException(
                    DbErrorCode.INVALID_CONFIGURATION,
                    "db.pool-size must be between 1 and 200, was " + poolSize,
                    Map.of("field", "db.pool-size"));
        }
    }

    /** The embedded default. */
    public static DatabaseConfig embedded() {
        return new DatabaseConfig(
                Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_POOL_SIZE, DEFAULT_CONNECT_TIMEOUT);
    }

    public static DatabaseConfig external(String url, String user, String password) {
        return new DatabaseConfig(
                Optional.of(url),
                Optional.ofNullable(user),
                Optional.ofNullable(password),
                DEFAULT_POOL_SIZE,
                DEFAULT_CONNECT_TIMEOUT);
    }

    public boolean isEmbedded() {
        return url.isEmpty();
    }

    /** Masks the password, which must never reach a log. */
    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url.map(Database::withoutCredentials).orElse("(embedded)") + ", user=" + user.orElse("") + ", password="
                + (password.isPresent() ? "***" : "") + ", poolSize=" + poolSize + ", connectTimeout=" + connectTimeout + "]";
    }
}
