package no.permed.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import no.permed.app.config.PermedConfiguration;
import no.permed.db.DataDirectory;
import no.permed.db.Database;
import no.permed.security.SecurityModule;
import no.permed.security.audit.AuditVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code permed audit}: the security officer's tools for the audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Audit log tools for the security officer.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code permed audit verify}: recomputes the hash chain and names the first broken entry. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {
                "Recompute the audit log's hash chain from the first entry and name the first broken entry.",
                "Exit code 0 when the chain is intact, 4 when it is broken.",
                "With the embedded database, stop the server first (or use GET /api/audit/verify as security officer)."
            })
    static final class Verify extends ConfiguredCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PermedConfiguration configuration = configuration();
            try (DataDirectory data = DataDirectory.open(configuration.dataDirectory());
                    Database database = Database.open(configuration.database(), data);
                    SecurityModule security = SecurityModule.start(
                            configuration.security(), database, data, Clock.systemUTC())) {
                AuditVerification verification = security.auditLog().verify();
                PrintWriter out = spec.commandLine().getOut();
                out.println(verification.message());
                out.flush();
                return verification.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
            }
        }
    }
}
