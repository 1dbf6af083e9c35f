package no.permed.security.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import no.permed.db.Database;
import no.permed.kernel.ErrorKind;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.SecurityErrorCode;
import no.permed.security.audit.AccessLogEntry;
import no.permed.security.audit.AuditEntry;
import no.permed.security.audit.AuditLog;
import no.permed.security.care.CareRelationshipStore;
import no.permed.security.testing.MutableClock;
import no.permed.security.testing.Principals;
import no.permed.spi.AuditOutcome;
import no.permed.spi.CareRelationships.Source;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;
import no.permed.testing.SharedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole matrix of caller × purpose × relationship × action, against an oracle written out here,
 * plus the audit entry that every decision leaves.
 */
class PolicyAuthorizerTest {
    private static final Instant SET_UP = Instant.parse("2026-09-01T08:00:00Z");
    private static final Instant DECIDED = SET_UP.plus(Duration.ofHours(2));
    private static final String REASON = "Unconscious patient brought to the emergency room";
    private static final String PATIENT_ACTION = "pgx.profile.read";
    private static final String AUDIT_ACTION = "audit.access-log.read";

    /** Who asks. */
    enum Caller {
        ANONYMOUS,
        PATIENT,
        CLINICIAN,
        LAB,
        RESEARCHER,
        CASE_HANDLER,
        SECURITY_OFFICER
    }

    /** What links the caller to the patient whose data are asked for. */
    enum Relationship {
        /** The patient is the caller. */
        SELF,
        NONE,
        EHR_CARE,
        LAB_SUBMISSION_CARE,
        BREAK_THE_GLASS,
        EXPIRED_CARE,
        ENDED_CARE,
        OTHER_CLINICIANS_CARE,
        LABORATORY_LINK,
        OTHER_LABORATORYS_LINK
    }

    private static final Pseudonym SELF = Principals.pseudonym('S');
    private static final UserId CLINICIAN = UserId.of("dr-matrix");
    private static final OrganisationId LABORATORY = OrganisationId.of("lab-matrix");
    private static final Map<Relationship, Pseudonym> PATIENTS = new EnumMap<>(Relationship.class);
    private static final Map<Caller, Principal> PRINCIPALS = new EnumMap<>(Caller.class);

    private static Database database;
    private static MutableClock clock;
    private static AuditLog auditLog;
    private static CareRelationshipStore relationships;
    private static PolicyAuthorizer authorizer;

    @BeforeAll
    static void buildTheWorld() {
        database = SharedPostgres.freshDatabase();
        database.migrate("security");
        clock = new MutableClock(SET_UP);
        auditLog = new AuditLog(database.jdbi(), clock);
        relationships = new CareRelationshipStore(database.jdbi(), auditLog, clock, Duration.ofDays(365), Duration.ofHours(24));
        authorizer = new PolicyAuthorizer(auditLog, relationships, clock);

        PRINCIPALS.put(Caller.ANONYMOUS, Principal.anonymous());
        PRINCIPALS.put(Caller.PATIENT, Principals.patient("patient-user", SELF));
        PRINCIPALS.put(Caller.CLINICIAN, new Principal(CLINICIAN, Set.of(Role.CLINICIAN),
                Optional.of(OrganisationId.of("hospital")), Optional.empty(), true));
        PRINCIPALS.put(Caller.LAB, Principals.lab("lab-matrix-user", LABORATORY.value()));
        PRINCIPALS.put(Caller.RESEARCHER, Principals.user("researcher", Role.RESEARCHER));
        PRINCIPALS.put(Caller.CASE_HANDLER, Principals.user("case-handler", Role.CASE_HANDLER));
        PRINCIPALS.put(Caller.SECURITY_OFFICER, Principals.user("security-officer", Role.SECURITY_OFFICER));

        char letter = 'a';
        for (Relationship relationship : Relationship.values()) {
            PATIENTS.put(relationship, relationship == Relationship.SELF ? SELF : Principals.pseudonym(letter++));
        }
        RequestContext ehr = Principals.context(Principals.user("ehr", Role.SECURITY_OFFICER));
        RequestContext lab = Principals.context(PRINCIPALS.get(Caller.LAB));
        RequestContext clinician = Principals.context(PRINCIPALS.get(Caller.CLINICIAN));
        relationships.record(ehr, PATIENTS.get(Relationship.EHR_CARE), CLINICIAN, Source.EHR, Optional.empty(), Optional.empty());
        relationships.record(lab, PATIENTS.get(Relationship.LAB_SUBMISSION_CARE), CLINICIAN, Source.LAB_SUBMISSION,
                Optional.empty(), Optional.empty());
        relationships.declareBreakTheGlass(clinician, PATIENTS.get(Relationship.BREAK_THE_GLASS), REASON);
        relationships.record(ehr, PATIENTS.get(Relationship.EXPIRED_CARE), CLINICIAN, Source.EHR, Optional.empty(),
                Optional.of(SET_UP.plus(Duration.ofHours(1))));
        long ended = relationships.record(ehr, PATIENTS.get(Relationship.ENDED_CARE), CLINICIAN, Source.EHR,
                Optional.empty(), Optional.empty());
        relationships.end(ehr, ended);
        relationships.record(ehr, PATIENTS.get(Relationship.OTHER_CLINICIANS_CARE), UserId.of("dr-other"), Source.EHR,
                Optional.empty(), Optional.empty());
        relationships.recordLaboratoryLink(lab, PATIENTS.get(Relationship.LABORATORY_LINK), LABORATORY);
        relationships.recordLaboratoryLink(Principals.context(Principals.lab("other-lab-user", "lab-other")),
                PATIENTS.get(Relationship.OTHER_LABORATORYS_LINK), OrganisationId.of("lab-other"));
        clock.set(DECIDED);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    /** The policy, written out independently of the implementation. */
    static boolean expectedPermitted(Caller caller, Purpose purpose, Relationship relationship, String action) {
        if (caller == Caller.PATIENT && purpose == Purpose.SELF_SERVICE && relationship == Relationship.SELF) {
            return true;
        }
        if (caller == Caller.CLINICIAN && purpose == Purpose.TREATMENT
                && (relationship == Relationship.EHR_CARE || relationship == Relationship.LAB_SUBMISSION_CARE)) {
            return true;
        }
        if (caller == Caller.CLINICIAN && purpose == Purpose.BREAK_THE_GLASS && relationship == Relationship.BREAK_THE_GLASS) {
            return true;
        }
        if (caller == Caller.LAB && purpose == Purpose.LABORATORY && relationship == Relationship.LABORATORY_LINK) {
            return true;
        }
        return caller == Caller.SECURITY_OFFICER && purpose == Purpose.SECURITY_ADMINISTRATION
                && action.startsWith("audit.");
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Caller caller : Caller.values()) {
            for (Purpose purpose : Purpose.values()) {
                for (Relationship relationship : Relationship.values()) {
                    for (String action : List.of(PATIENT_ACTION, AUDIT_ACTION)) {
                        cases.add(Arguments.of(caller, purpose, relationship, action,
                                expectedPermitted(caller, purpose, relationship, action)));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} -> permitted {4}")
    @MethodSource("matrix")
    void decidesAndAuditsEveryCombination(
            Caller caller, Purpose purpose, Relationship relationship, String action, boolean permitted) {
        Principal principal = PRINCIPALS.get(caller);
        Pseudonym subject = PATIENTS.get(relationship);
        RequestContext context = new RequestContext(principal, "matrix-request");

        long sequence;
        if (permitted) {
            sequence = authorizer.requirePatientAccess(context, subject, purpose, action);
        } else {
            PermedException denial = catchThrowableOfType(PermedException.class,
                    () -> authorizer.requirePatientAccess(context, subject, purpose, action));
            assertThat(denial).as("expected a denial").isNotNull();
            ErrorKind expectedKind = caller == Caller.ANONYMOUS ? ErrorKind.UNAUTHENTICATED : ErrorKind.FORBIDDEN;
            assertThat(denial.errorCode().kind()).isEqualTo(expectedKind);
            assertThat(denial.getMessage()).doesNotContain(subject.value());
            sequence = (Long) denial.details().get("auditSequence");
        }

        AuditEntry entry = auditLog.entry(sequence).orElseThrow();
        assertThat(entry.outcome()).isEqualTo(permitted ? AuditOutcome.PERMITTED : AuditOutcome.DENIED);
        assertThat(entry.subject()).contains(subject);
        assertThat(entry.purpose()).isEqualTo(purpose);
        assertThat(entry.action()).isEqualTo(action);
        assertThat(entry.actor()).isEqualTo(principal.user());
        assertThat(entry.requestId()).isEqualTo("matrix-request");
        assertThat(entry.time()).isEqualTo(DECIDED);
    }

    @Test
    void breakTheGlassAccessCarriesItsReasonToThePatientsAccessLog() {
        Pseudonym patient = PATIENTS.get(Relationship.BREAK_THE_GLASS);
        authorizer.requirePatientAccess(Principals.context(PRINCIPALS.get(Caller.CLINICIAN)), patient,
                Purpose.BREAK_THE_GLASS, "pgx.profile.read");

        AccessLogEntry latest = auditLog.accessLogFor(patient, 1, OptionalLong.empty()).entries().get(0);
        assertThat(latest.action()).isEqualTo("pgx.profile.read");
        assertThat(latest.outcome()).isEqualTo(AuditOutcome.PERMITTED);
        assertThat(latest.breakTheGlassReason()).contains(REASON);
        assertThat(latest.organisation()).contains(OrganisationId.of("hospital"));
    }

    @Test
    void tellsResearchersAndCaseHandlersThatTheirPermitsComeLater() {
        Pseudonym patient = PATIENTS.get(Relationship.NONE);
        assertThatThrownBy(() -> authorizer.requirePatientAccess(Principals.context(PRINCIPALS.get(Caller.RESEARCHER)),
                        patient, Purpose.RESEARCH, "research.extract.read"))
                .hasMessageContaining("later release");
        assertThatThrownBy(() -> authorizer.requirePatientAccess(Principals.context(PRINCIPALS.get(Caller.CASE_HANDLER)),
                        patient, Purpose.CASE_HANDLING, "access.application.read"))
                .hasMessageContaining("later release");
        assertThatThrownBy(() -> authorizer.requirePatientAccess(Principals.context(PRINCIPALS.get(Caller.RESEARCHER)),
                        patient, Purpose.TREATMENT, "pgx.profile.read"))
                .hasMessageContaining("needs the clinician role")
                .hasMessageContaining("later release");
    }

    @Test
    void explainsClinicianDenialsActionably() {
        assertThatThrownBy(() -> authorizer.requirePatientAccess(Principals.context(PRINCIPALS.get(Caller.CLINICIAN)),
                        PATIENTS.get(Relationship.NONE), Purpose.TREATMENT, "pgx.profile.read"))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("no active care relationship")
                .hasMessageContaining("break-the-glass")
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.ACCESS_DENIED);
    }

    @Test
    void aClinicianWhoIsAlsoAPatientMayDoBoth() {
        Principal both = new Principal(CLINICIAN, Set.of(Role.CLINICIAN, Role.PATIENT), Optional.empty(), Optional.of(SELF), true);
        RequestContext context = Principals.context(both);

        assertThat(authorizer.requirePatientAccess(context, SELF, Purpose.SELF_SERVICE, "pgx.profile.read")).isPositive();
        assertThat(authorizer.requirePatientAccess(context, PATIENTS.get(Relationship.EHR_CARE), Purpose.TREATMENT,
                "pgx.profile.read")).isPositive();
        assertThatThrownBy(() -> authorizer.requirePatientAccess(context, PATIENTS.get(Relationship.NONE),
                Purpose.SELF_SERVICE, "pgx.profile.read")).hasMessageContaining("only their own data");
    }

    @Test
    void aLaboratoryUserWithoutOrganisationIsDenied() {
        Principal withoutOrganisation = Principals.user("lab-matrix-user", Role.LAB);
        assertThatThrownBy(() -> authorizer.requirePatientAccess(Principals.context(withoutOrganisation),
                        PATIENTS.get(Relationship.LABORATORY_LINK), Purpose.LABORATORY, "genome.variants.read"))
                .hasMessageContaining("names no organisation");
    }

    @Test
    void onlyASecurityOfficerMayCarryOutAuditAdministration() {
        RequestContext officer = Principals.context(PRINCIPALS.get(Caller.SECURITY_OFFICER));

        long sequence = authorizer.requireAdministrativeAccess(officer, Purpose.SECURITY_ADMINISTRATION, "audit.verify");

        AuditEntry entry = auditLog.entry(sequence).orElseThrow();
        assertThat(entry.subject()).isEmpty();
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.PERMITTED);
        assertThatThrownBy(() -> authorizer.requireAdministrativeAccess(officer, Purpose.SECURITY_ADMINISTRATION, "keys.rotate"))
                .hasMessageContaining("audit actions");
        assertThatThrownBy(() -> authorizer.requireAdministrativeAccess(officer, Purpose.TREATMENT, "audit.verify"))
                .isInstanceOf(PermedException.class);
        assertThatThrownBy(() -> authorizer.requireAdministrativeAccess(Principals.context(PRINCIPALS.get(Caller.CLINICIAN)),
                        Purpose.SECURITY_ADMINISTRATION, "audit.verify"))
                .hasMessageContaining("needs the security-officer role");
    }

    @Test
    void refusesMalformedActionNamesAsProgrammingErrors() {
        assertThatThrownBy(() -> authorizer.requirePatientAccess(Principals.context(PRINCIPALS.get(Caller.CLINICIAN)),
                        SELF, Purpose.TREATMENT, "Read Patient"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
