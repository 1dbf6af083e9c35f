package no.permed.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import no.permed.kernel.PermedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real embedded PostgreSQL inside a data directory twice: the second start finds the
 * data of the first. This is the one test in the build that exercises the embedded path end to end;
 * every other test shares one PostgreSQL through permed-testing.
 */
class DatabaseTest {
    @TempDir
    Path temporary;

    @Test
    void embeddedDatabaseLivesInTheDataDirectoryAndSurvivesARestart() {
        try (DataDirectory data = DataDirectory.open(temporary);
                Database database = Database.open(DatabaseConfig.embedded(), data)) {
            assertThat(database.isEmbedded()).isTrue();
            assertThat(database.isReady()).isTrue();
            assertThat(database.description()).contains("embedded PostgreSQL").contains(temporary.toString());
            assertThat(database.migrate("sample")).isEqualTo(1);
            database.jdbi().useHandle(handle -> handle.execute("INSERT INTO sample.note (text) VALUES ('kept')"));
        }
        assertThat(temporary.resolve("postgres/PG_VERSION")).exists();
        assertThat(temporary.resolve("postgres/postmaster.pid")).doesNotExist();

        try (DataDirectory data = DataDirectory.open(temporary);
                Database database = Database.open(DatabaseConfig.embedded(), data)) {
            assertThat(database.migrate("sample")).isZero();
            java.util.List<String> notes = database.jdbi().withHandle(handle ->
                    handle.createQuery("SELECT text FROM sample.note").mapTo(String.class).list());
            assertThat(notes).containsExactly("kept");

            // a failed migration leaves its schema as it was before that migration
            assertThatThrownBy(() -> database.migrate("broken"))
                    .isInstanceOf(PermedException.class)
                    .hasMessageContaining("migrating schema broken failed")
                    .hasMessageNotContaining("no_such_table");
            java.util.List<String> tables = database.jdbi().withHandle(handle -> handle.createQuery(
                            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'broken' "
                                    + "AND table_name <> 'flyway_schema_history' ORDER BY 1")
                    .mapTo(String.class)
                    .list());
            assertThat(tables).containsExactly("kept");
        }
    }

    @Test
    void anUnreachableExternalDatabaseIsReportedWithoutCredentials() {
        DatabaseConfig config = new DatabaseConfig(
                Optional.of("jdbc:postgresql://user:secret@127.0.0.1:1/permed?password=secret"),
                Optional.of("someone"),
                Optional.of("secret"),
                2,
                java.time.Duration.ofSeconds(1));
        assertThatThrownBy(() -> Database.external(config))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/permed")
                .hasMessageNotContaining("secret");
        assertThat(config.toString()).doesNotContain("secret");
    }

    @Test
    void configurationIsValidatedWithTheKeyNamed() {
        assertThatThrownBy(() -> new DatabaseConfig(Optional.of("mysql://x"), Optional.empty(), Optional.empty(), 10, DatabaseConfig.DEFAULT_CONNECT_TIMEOUT))
                .hasMessageContaining("db.url must start with jdbc:postgresql://");
        assertThatThrownBy(() -> new DatabaseConfig(Optional.empty(), Optional.empty(), Optional.empty(), 0, DatabaseConfig.DEFAULT_CONNECT_TIMEOUT))
                .hasMessageContaining("db.pool-size must be between 1 and 200, was 0");
    }

    @Test
    void credentialsAreRemovedFromUrlsForLogs() {
        assertThat(Database.withoutCredentials("jdbc:postgresql://localhost:5432/permed?user=a&password=b"))
                .isEqualTo("jdbc:postgresql://localhost:5432/permed");
    }
}
