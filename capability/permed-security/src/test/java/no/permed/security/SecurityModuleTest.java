package no.permed.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import no.permed.db.DataDirectory;
import no.permed.db.Database;
import no.permed.kernel.NationalId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.UserId;
import no.permed.security.audit.AccessLogEntry;
import no.permed.security.audit.AccessLogPage;
import no.permed.security.audit.AuditVerification;
import no.permed.security.testing.MutableClock;
import no.permed.security.token.DevelopmentTokenIssuer;
import no.permed.spi.AuditOutcome;
import no.permed.spi.CareRelationships.Source;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;
import no.permed.testing.SharedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module wired as the application wires it, on a real PostgreSQL and data directory. */
class SecurityModuleTest {
    private static final SecurityConfig DEMO = SecurityConfig.defaults().withDevelopmentIssuer(true).withAcceptSyntheticNationalIds(true);

    @TempDir
    Path data;

    private final MutableClock clock = MutableClock.at("2026-10-10T10:00:00Z");
    private Database database;
    private DataDirectory dataDirectory;

    @BeforeEach
    void open() {
        database = SharedPostgres.freshDatabase();
        dataDirectory = DataDirectory.open(data);
    }

    @AfterEach
    void close() {
        dataDirectory.close();
        database.close();
    }

    private static Principal authenticate(SecurityModule security, String demoUser) {
        DevelopmentTokenIssuer issuer = security.developmentIssuer().orElseThrow();
        String token = issuer.mint(DevelopmentTokenIssuer.demoUser(demoUser).orElseThrow(), Duration.ofHours(1));
        return security.authenticator().authenticate(Optional.of("Bearer " + token));
    }

    @Test
    void theDemoJourneyFromTokenToThePatientsAccessLog() {
        try (SecurityModule security = SecurityModule.start(DEMO, database, dataDirectory, clock)) {
            Principal patient = authenticate(security, "demo-patient");
            Principal clinician = authenticate(security, "demo-clinician");
            Principal lab = authenticate(security, "demo-lab");
            Pseudonym self = patient.self().orElseThrow();
            RequestContext labRequest = new RequestContext(lab, "req-lab");
            RequestContext clinicianRequest = new RequestContext(clinician, "req-clinician");

            security.careRelationships().recordLaboratoryLink(labRequest, self, lab.organisation().orElseThrow());
            security.careRelationships().record(labRequest, self, clinician.user(),
                    Source.LAB_SUBMISSION, Optional.empty(), Optional.empty());
            clock.advance(Duration.ofMinutes(1));
            security.authorizer().requirePatientAccess(labRequest, self, Purpose.LABORATORY, "genome.sample.submit");
            security.authorizer().requirePatientAccess(clinicianRequest, self, Purpose.TREATMENT, "pgx.profile.read");
            security.authorizer().requirePatientAccess(new RequestContext(patient, "req-self"), self, Purpose.SELF_SERVICE,
                    "audit.access-log.read");
            assertThatThrownBy(() -> security.authorizer().requirePatientAccess(
                            new RequestContext(authenticate(security, "demo-researcher"), "req-research"), self,
                            Purpose.RESEARCH, "research.extract.read"))
                    .isInstanceOf(PermedException.class);

            AccessLogPage log = security.auditLog().accessLogFor(security.pseudonymizer().allPseudonymsOf(
                    NationalId.parse(DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID)), 50, OptionalLong.empty());
            assertThat(log.entries()).extracting(AccessLogEntry::actor).containsExactly(
                    UserId.of("demo-researcher"), UserId.of("demo-patient"), UserId.of("demo-clinician"),
                    UserId.of("demo-lab"), UserId.of("demo-lab"), UserId.of("demo-lab"));
            assertThat(log.entries().get(0).outcome()).isEqualTo(AuditOutcome.DENIED);

            AuditVerification verification = security.auditLog().verify();
            assertThat(verification.ok()).isTrue();
            assertThat(verification.entriesChecked()).isEqualTo(6);
        }
    }

    @Test
    void aRestartKeepsKeysRelationshipsAndTheChain() {
        Pseudonym self;
        try (SecurityModule first = SecurityModule.start(DEMO, database, dataDirectory, clock)) {
            self = authenticate(first, "demo-patient").self().orElseThrow();
            Principal clinician = authenticate(first, "demo-clinician");
            first.careRelationships().declareBreakTheGlass(new RequestContext(clinician, "r1"), self,
                    "Unconscious patient in the emergency room");
        }
        clock.advance(Duration.ofHours(1));

        try (SecurityModule second = SecurityModule.start(DEMO, database, dataDirectory, clock)) {
            assertThat(authenticate(second, "demo-patient").self()).contains(self);
            Principal clinician = authenticate(second, "demo-clinician");
            assertThat(second.authorizer().requirePatientAccess(new RequestContext(clinician, "r2"), self,
                    Purpose.BREAK_THE_GLASS, "pgx.profile.read")).isEqualTo(2);
            assertThat(second.auditLog().verify().entriesChecked()).isEqualTo(2);
            assertThat(second.careRelationships().isActive(self, clinician.user(), Instant.parse("2026-10-11T09:59:59Z"))).isTrue();
        }
    }

    @Test
    void hasNoDevelopmentIssuerUnlessConfigured() {
        try (SecurityModule security = SecurityModule.start(SecurityConfig.defaults(), database, dataDirectory, clock)) {
            assertThat(security.developmentIssuer()).isEmpty();
            assertThat(security.authenticator().trustedIssuers()).isEmpty();
            assertThat(data.resolve("dev-issuer")).doesNotExist();
            assertThat(data.resolve("keys/pseudonym.keys")).exists();
            assertThat(security.keyStore().currentVersion()).isEqualTo(1);
        }
    }

    @Test
    void refusesToInventANewKeyWhenTheKeyFileOfExistingDataIsMissing() throws Exception {
        try (SecurityModule first = SecurityModule.start(DEMO, database, dataDirectory, clock)) {
            authenticate(first, "demo-patient");
            first.authorizer().requireAdministrativeAccess(new RequestContext(authenticate(first, "demo-security-officer"), "r"),
                    Purpose.SECURITY_ADMINISTRATION, "audit.verify");
        }
        Files.delete(data.resolve("keys/pseudonym.keys"));

        assertThatThrownBy(() -> SecurityModule.start(DEMO, database, dataDirectory, clock))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("restore the key file")
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.KEY_FILE_INVALID);
        assertThat(data.resolve("keys/pseudonym.keys")).doesNotExist();
    }
}
