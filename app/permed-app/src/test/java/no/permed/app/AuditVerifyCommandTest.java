package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import no.permed.app.cli.ExitCodes;
import no.permed.app.cli.PermedCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A malicious database administrator edits one audit row directly in PostgreSQL (switching off the
 * append-only trigger first); {@code permed audit verify} names exactly that entry.
 */
class AuditVerifyCommandTest {
    @TempDir
    Path temporary;

    @Test
    void verifyPassesOnAnIntactChainAndNamesTheFirstEditedEntry() throws Exception {
        Path data = temporary.resolve("data");
        String url;
        try (RunningPermed permed = RunningPermed.startDemo(data)) {
            url = permed.databaseUrl;
            for (int read = 0; read < 3; read++) {
                permed.get("/api/me/access-log", permed.tokenFor("demo-patient"));
            }
        }

        CommandRun intact = run("audit", "verify", "--data", data.toString(), "--db-url", url);
        assertThat(intact.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(intact.out()).contains("intact");

        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE security.audit_log DISABLE TRIGGER audit_log_append_only");
            int changed = statement.executeUpdate(
                    "UPDATE security.audit_log SET actor = 'someone-else' WHERE sequence = 3");
            assertThat(changed).isEqualTo(1);
            statement.execute("ALTER TABLE security.audit_log ENABLE TRIGGER audit_log_append_only");
        }

        CommandRun broken = run("audit", "verify", "--data", data.toString(), "--db-url", url);
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(broken.out()).contains("entry 3");
    }

    @Test
    void theAppendOnlyTriggerRefusesEditsByTheApplicationUser() throws Exception {
        Path data = temporary.resolve("data");
        String url;
        try (RunningPermed permed = RunningPermed.startDemo(data)) {
            url = permed.databaseUrl;
        }
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> statement.executeUpdate("DELETE FROM security.audit_log WHERE sequence = 1"))
                    .hasMessageContaining("append-only");
        }
    }


    private static CommandRun run(String... arguments) {
        return CommandRun.of(arguments);
    }
}
