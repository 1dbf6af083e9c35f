package no.permed.app.cli;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import no.permed.app.PgxProfiling;
import no.permed.app.config.PermedConfiguration;
import no.permed.db.DataDirectory;
import no.permed.db.Database;
import no.permed.genome.GenomeStore;
import no.permed.kernel.UserId;
import no.permed.pgx.call.PgxCaller;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.pgx.profile.PgxProfileStore;
import no.permed.security.SecurityModule;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;

/**
 * What a genome command needs, opened in order and closed in reverse: the locked data directory, the
 * database, the security kernel (pseudonyms and audit) and the genome store. Commands run as the
 * operator: the audit log names them {@code cli:<operating-system user>}.
 */
final class GenomeSession implements AutoCloseable {
    final DataDirectory data;
    final Database database;
    final SecurityModule security;
    final GenomeStore genome;
    final RequestContext operator;
    private final no.permed.interpretation.register.SubmitterDesignations designations;

    GenomeSession(PermedConfiguration configuration) {
        DataDirectory openedData = DataDirectory.open(configuration.dataDirectory());
        Database openedDatabase = null;
        SecurityModule openedSecurity = null;
        try {
            openedDatabase = Database.open(configuration.database(), openedData);
            openedSecurity = SecurityModule.start(configuration.security(), openedDatabase, openedData, Clock.systemUTC());
            this.genome = GenomeStore.open(openedDatabase, openedData.subdirectory("genome"), openedSecurity.pseudonymizer(),
                    openedSecurity.auditLog(), Clock.systemUTC());
        } catch (RuntimeException failure) {
            if (openedSecurity != null) {
                openedSecurity.close();
            }
            if (openedDatabase != null) {
                openedDatabase.close();
            }
            openedData.close();
            throw failure;
        }
        this.data = openedData;
        this.designations = configuration.registerDesignations();
        this.database = openedDatabase;
        this.security = openedSecurity;
        String user = System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
        this.operator = new RequestContext(new Principal(UserId.of("cli:" + user), Set.of(), Optional.empty(), Optional.empty(), true),
                "cli-" + java.util.UUID.randomUUID());
    }

    /** The PGx profiling of patient samples, on this session's database (migrates schema pgx on first use). */
    PgxProfiling pgxProfiling() {
        PgxKnowledge knowledge = PgxKnowledge.load();
        return new PgxProfiling(knowledge, PgxCaller.create(knowledge),
                PgxProfileStore.open(database, knowledge.dataVersion().summary(), Clock.systemUTC(), security.auditLog()));
    }

    /**
     * The register of interpreted variants on this session's database (migrates schema interpretation on first use),
     * wired as the server wires it: a recall finds the carriers in this session's genome store and the clinicians in the
     * security module's care relationships.
     */
    no.permed.interpretation.register.VariantRegister variantRegister() {
        return no.permed.app.VariantRegisters.open(database, genome, security,
                no.permed.consent.ConsentStore.open(database, security.auditLog(), Clock.systemUTC()).view(), designations,
                Clock.systemUTC());
    }

    /**
     * The frequency register over this session's genome store, counted now under the consent rule the server uses
     * (migrates schema consent on first use).
     */
    no.permed.frequency.FrequencyRegister frequencyRegister() {
        no.permed.frequency.FrequencyRegister register = no.permed.app.FrequencyRegisters.over(genome,
                no.permed.consent.ConsentStore.open(database, security.auditLog(), Clock.systemUTC()).view(), Clock.systemUTC());
        register.refresh();
        return register;
    }

    @Override
    public void close() {
        genome.close();
        security.close();
        database.close();
        data.close();
    }
}
