package no.permed.security;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import no.permed.db.DataDirectory;
import no.permed.db.Database;
import no.permed.kernel.PermedException;
import no.permed.security.audit.AuditLog;
import no.permed.security.authz.PolicyAuthorizer;
import no.permed.security.care.CareRelationshipStore;
import no.permed.security.pseudonym.HmacPseudonymizer;
import no.permed.security.pseudonym.PseudonymKeyStore;
import no.permed.security.token.DevelopmentTokenIssuer;
import no.permed.security.token.JwtAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security module, wired: migrates the {@code security} schema and builds the authenticator,
 * the deny-by-default authoriser, the hash-chained audit log, the pseudonymiser with its key store,
 * the care-relationship store and, when enabled, the development token issuer.
 *
 * <pre>{@code
 * try (SecurityModule security = SecurityModule.start(config, database, dataDirectory, Clock.systemUTC())) {
 *     Principal principal = security.authenticator().authenticate(authorizationHeader);
 *     security.authorizer().requirePatientAccess(context, patient, Purpose.TREATMENT, "pgx.profile.read");
 * }
 * }</pre>
 *
 * When the development issuer is enabled, the caller must first check the server's bind address
 * with {@link DevelopmentTokenIssuer#requireLoopback(String)}.
 */
public final class SecurityModule implements AutoCloseable {
    /** The PostgreSQL schema this module owns. */
    public static final String SCHEMA = "security";
    private static final Logger LOG = LoggerFactory.getLogger(SecurityModule.class);

    private final SecurityConfig config;
    private final PseudonymKeyStore keyStore;
    private final HmacPseudonymizer pseudonymizer;
    private final AuditLog auditLog;
    private final CareRelationshipStore careRelationships;
    private final PolicyAuthorizer authorizer;
    private final Optional<DevelopmentTokenIssuer> developmentIssuer;
    private final JwtAuthenticator authenticator;

    private SecurityModule(
            SecurityConfig config,
            PseudonymKeyStore keyStore,
            HmacPseudonymizer pseudonymizer,
            AuditLog auditLog,
            CareRelationshipStore careRelationships,
            PolicyAuthorizer authorizer,
            Optional<DevelopmentTokenIssuer> developmentIssuer,
            JwtAuthenticator authenticator) {
        this.config = config;
        this.keyStore = keyStore;
        this.pseudonymizer = pseudonymizer;
        this.auditLog = auditLog;
        this.careRelationships = careRelationships;
        this.authorizer = authorizer;
        this.developmentIssuer = developmentIssuer;
        this.authenticator = authenticator;
    }

    /**
     * Migrates the {@code security} schema, opens (or on first start creates) the pseudonym key file
     * and, when {@link SecurityConfig#developmentIssuer()} is on, the development signing key.
     *
     * @param clock the clock for token expiry, audit times and relationship validity (tests pass a fixed one)
     */
    public static SecurityModule start(SecurityConfig config, Database database, DataDirectory dataDirectory, Clock clock) {
        requireNonNull(config, "config is null");
        requireNonNull(database, "database is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(clock, "clock is null");
        database.migrate(SCHEMA);
        AuditLog auditLog = new AuditLog(database.jdbi(), clock);
        Path keyFile = config.pseudonymKeyFile(dataDirectory.root());
        if (!Files.exists(keyFile) && auditLog.head().isPresent()) {
            throw new PermedException(
                    SecurityErrorCode.KEY_FILE_INVALID,
                    "the pseudonym key file " + keyFile + " is missing, but the database already holds data made with it;"
                            + " restore the key file from its backup (or point security.pseudonym-key-file at it). A new key"
                            + " would make every stored pseudonym unlinkable, so none is created",
                    Map.of("path", keyFile.toString()));
        }
        PseudonymKeyStore keyStore = PseudonymKeyStore.openOrCreate(keyFile, clock);
        HmacPseudonymizer pseudonymizer = new HmacPseudonymizer(keyStore, config.acceptSyntheticNationalIds());
        CareRelationshipStore careRelationships = new CareRelationshipStore(
                database.jdbi(), auditLog, clock, config.careRelationshipValidity(), config.breakTheGlassValidity());
        PolicyAuthorizer authorizer = new PolicyAuthorizer(auditLog, careRelationships, clock);
        Optional<DevelopmentTokenIssuer> developmentIssuer = Optional.empty();
        if (config.developmentIssuer()) {
            developmentIssuer = Optional.of(DevelopmentTokenIssuer.openOrCreate(dataDirectory.root(), config, clock));
        }
        JwtAuthenticator authenticator = JwtAuthenticator.fromConfig(config, developmentIssuer, pseudonymizer, clock);
        LOG.info("Security module started: audience {}, clock skew {} s, pseudonym key version {}, synthetic national ids {},"
                        + " care relationships {} days, break-the-glass {} hours",
                config.audience(), config.clockSkew().toSeconds(), keyStore.currentVersion(),
                config.acceptSyntheticNationalIds() ? "accepted" : "refused", config.careRelationshipDays(),
                config.breakTheGlassHours());
        return new SecurityModule(config, keyStore, pseudonymizer, auditLog, careRelationships, authorizer,
                developmentIssuer, authenticator);
    }

    public SecurityConfig config() {
        return config;
    }

    /** Bearer tokens → principals ({@link no.permed.spi.Authenticator}). */
    public JwtAuthenticator authenticator() {
        return authenticator;
    }

    /** The deny-by-default authoriser ({@link no.permed.spi.Authorizer}). */
    public PolicyAuthorizer authorizer() {
        return authorizer;
    }

    /** The hash-chained audit log ({@link no.permed.spi.AuditSink}). */
    public AuditLog auditLog() {
        return auditLog;
    }

    /** National identity numbers → pseudonyms ({@link no.permed.spi.Pseudonymizer}). */
    public HmacPseudonymizer pseudonymizer() {
        return pseudonymizer;
    }

    /**
     * Care relationships and laboratory links ({@link no.permed.spi.CareRelationships},
     * {@link no.permed.spi.LaboratoryLinks}).
     */
    public CareRelationshipStore careRelationships() {
        return careRelationships;
    }

    /** The pseudonym key file (versions, rotation). */
    public PseudonymKeyStore keyStore() {
        return keyStore;
    }

    /** The development token issuer, present only when the configuration enables it. */
    public Optional<DevelopmentTokenIssuer> developmentIssuer() {
        return developmentIssuer;
    }

    /** Stops the authenticator's key refresher; the database is the caller's to close. */
    @Override
    public void close() {
        authenticator.close();
    }
}
