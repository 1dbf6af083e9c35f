package no.permed.security.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
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
import no.permed.security.testing.MutableClock;
import no.permed.security.testing.Principals;
import no.permed.spi.AuditOutcome;
import no.permed.spi.CareRelationships.Source;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;
import no.permed.testing.SharedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CareRelationshipStoreTest {
    private static final UserId DOCTOR = UserId.of("dr-hansen");
    private static final RequestContext AS_DOCTOR = Principals.context(Principals.user("dr-hansen", Role.CLINICIAN));
    private static final RequestContext AS_OTHER_DOCTOR = Principals.context(Principals.user("dr-berg", Role.CLINICIAN));
    private static final RequestContext AS_LAB = Principals.context(Principals.lab("lab-user", "lab-oslo"));
    private static final RequestContext AS_EHR = Principals.context(Principals.user("ehr-integration", Role.SECURITY_OFFICER));
    private static final String REASON = "Unconscious patient in the emergency room, no relatives reachable";

    private static Database database;
    private static char nextPatient = 'A';

    private final MutableClock clock = MutableClock.at("2026-06-01T12:00:00Z");
    private AuditLog auditLog;
    private CareRelationshipStore store;
    private Pseudonym patient;

    @BeforeAll
    static void startDatabase() {
        database = SharedPostgres.freshDatabase();
        database.migrate("security");
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void newPatient() {
        auditLog = new AuditLog(database.jdbi(), clock);
        store = new CareRelationshipStore(database.jdbi(), auditLog, clock, Duration.ofDays(365), Duration.ofHours(24));
        patient = Principals.pseudonym(nextPatient++);
    }

    @Test
    void recordsAnEhrRelationshipForTheDefaultDurationAndAuditsIt() {
        long id = store.record(AS_EHR, patient, DOCTOR, Source.EHR, Optional.empty(), Optional.empty());

        CareRelationship relationship = store.find(id).orElseThrow();
        assertThat(relationship.validFrom()).isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
        assertThat(relationship.validUntil()).isEqualTo(Instant.parse("2027-06-01T12:00:00Z"));
        assertThat(relationship.recordedBy()).isEqualTo(UserId.of("ehr-integration"));
        assertThat(store.isActive(patient, DOCTOR, clock.instant())).isTrue();
        assertThat(store.isActive(patient, UserId.of("dr-berg"), clock.instant())).isFalse();
        assertThat(store.isActive(patient, DOCTOR, Instant.parse("2027-06-01T11:59:59Z"))).isTrue();
        assertThat(store.isActive(patient, DOCTOR, Instant.parse("2027-06-01T12:00:00Z"))).isFalse();
        assertThat(store.isActive(patient, DOCTOR, Instant.parse("2026-06-01T11:59:59Z"))).isFalse();

        AuditEntry audit = auditLog.entry(auditLog.head().orElseThrow().sequence()).orElseThrow();
        assertThat(audit.action()).isEqualTo("care-relationship.record");
        assertThat(audit.subject()).contains(patient);
        assertThat(audit.purpose()).isEqualTo(Purpose.TREATMENT);
        assertThat(audit.outcome()).isEqualTo(AuditOutcome.PERMITTED);
        assertThat(audit.details()).containsEntry("careRelationshipId", Long.toString(id)).containsEntry("source", "EHR")
                .containsEntry("clinician", "dr-hansen");
    }

    @Test
    void honoursAnExplicitEnd() {
        Instant until = Instant.parse("2026-07-01T00:00:00Z");
        store.record(AS_LAB, patient, DOCTOR, Source.LAB_SUBMISSION, Optional.empty(), Optional.of(until));

        assertThat(store.isActive(patient, DOCTOR, Instant.parse("2026-06-30T23:59:59Z"))).isTrue();
        assertThat(store.isActive(patient, DOCTOR, until)).isFalse();
        assertThat(auditLog.accessLogFor(patient, 10, OptionalLong.empty()).entries())
                .extracting(AccessLogEntry::purpose).containsExactly(Purpose.LABORATORY);
    }

    @Test
    void refusesARelationshipThatEndsInThePast() {
        assertThatThrownBy(() -> store.record(AS_EHR, patient, DOCTOR, Source.EHR, Optional.empty(),
                        Optional.of(clock.instant().minusSeconds(1))))
                .isInstanceOf(PermedException.class)
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.INVALID_CARE_RELATIONSHIP);
    }

    @Test
    void breakTheGlassLastsTheConfiguredHoursAndShowsItsReasonToThePatient() {
        long id = store.declareBreakTheGlass(AS_DOCTOR, patient, "  " + REASON + "  ");

        CareRelationship relationship = store.find(id).orElseThrow();
        assertThat(relationship.source()).isEqualTo(Source.BREAK_THE_GLASS);
        assertThat(relationship.reason()).contains(REASON);
        assertThat(relationship.validUntil()).isEqualTo(Instant.parse("2026-06-02T12:00:00Z"));
        assertThat(store.activeRelationship(patient, DOCTOR, EnumSet.of(Source.BREAK_THE_GLASS), clock.instant())).isPresent();
        assertThat(store.activeRelationship(patient, DOCTOR, EnumSet.of(Source.EHR, Source.LAB_SUBMISSION), clock.instant()))
                .isEmpty();
        clock.advance(Duration.ofHours(24));
        assertThat(store.isActive(patient, DOCTOR, clock.instant())).isFalse();

        AccessLogEntry shown = auditLog.accessLogFor(patient, 10, OptionalLong.empty()).entries().get(0);
        assertThat(shown.action()).isEqualTo("care-relationship.break-the-glass");
        assertThat(shown.actor()).isEqualTo(DOCTOR);
        assertThat(shown.breakTheGlassReason()).contains(REASON);
    }

    @Test
    void refusesBreakTheGlassLongerThanTheConfiguredHours() {
        assertThatThrownBy(() -> store.record(AS_DOCTOR, patient, DOCTOR, Source.BREAK_THE_GLASS, Optional.of(REASON),
                        Optional.of(clock.instant().plus(Duration.ofHours(25)))))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("at most 24 hours");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "too short",
        "Patient 01019012480 unconscious",
        "Patient 010190 12480 unconscious",
        "Patient 010190-12480 unconscious",
        "Patient 01.01.90 124 80 is unconscious",
        "Reference 12345678901234 in the other system",
        "Control\u0007character in the reason",
        "Broken \uD800 character in the reason"
    })
    void refusesBreakTheGlassReasonsThatAreMissingTooShortOrLookPersonal(String reason) {
        long before = auditLog.head().map(head -> head.sequence()).orElse(0L);
        assertThatThrownBy(() -> store.declareBreakTheGlass(AS_DOCTOR, patient, reason))
                .isInstanceOf(PermedException.class)
                .satisfies(error -> assertThat(((PermedException) error).errorCode()).isEqualTo(SecurityErrorCode.INVALID_REASON))
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("01019012480").doesNotContain("12480"));
        assertThat(store.relationshipsOf(patient)).isEmpty();
        assertThat(auditLog.head().map(head -> head.sequence()).orElse(0L)).isEqualTo(before);
    }

    @Test
    void refusesAReasonOfMoreThan500Characters() {
        assertThatThrownBy(() -> store.declareBreakTheGlass(AS_DOCTOR, patient, "x".repeat(501)))
                .hasMessageContaining("10 to 500 characters, was 501");
        assertThat(store.declareBreakTheGlass(AS_DOCTOR, patient, "x".repeat(500))).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Room 12, bed 3: cardiac arrest, 2 nurses present",
        "Telefon 22 33 44 55 til legevakten, pasienten er bevisstløs",
        "Akutt blødning, pasient født 1990, ingen pårørende tilgjengelig"
    })
    void acceptsReasonsWithoutNationalIds(String reason) {
        assertThat(store.declareBreakTheGlass(AS_DOCTOR, patient, reason)).isPositive();
    }

    @Test
    void onlyTheClinicianThemselfMayBreakTheGlassAndDenialsAreAudited() {
        Principal patientUser = Principals.user("some-patient", Role.PATIENT);

        assertThatThrownBy(() -> store.record(AS_OTHER_DOCTOR, patient, DOCTOR, Source.BREAK_THE_GLASS, Optional.of(REASON),
                        Optional.empty()))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("only for themself")
                .extracting(error -> ((PermedException) error).errorCode().kind())
                .isEqualTo(ErrorKind.FORBIDDEN);
        assertThatThrownBy(() -> store.declareBreakTheGlass(Principals.context(patientUser), patient, REASON))
                .hasMessageContaining("only a clinician");

        assertThat(store.relationshipsOf(patient)).isEmpty();
        assertThat(auditLog.accessLogFor(patient, 10, OptionalLong.empty()).entries())
                .extracting(AccessLogEntry::outcome).containsExactly(AuditOutcome.DENIED, AuditOutcome.DENIED);
    }

    @Test
    void onlyTheEhrIntegrationMayRecordEhrRelationships() {
        assertThatThrownBy(() -> store.record(AS_DOCTOR, patient, DOCTOR, Source.EHR, Optional.empty(), Optional.empty()))
                .hasMessageContaining("EHR integration");
        assertThatThrownBy(() -> store.record(AS_DOCTOR, patient, DOCTOR, Source.LAB_SUBMISSION, Optional.empty(), Optional.empty()))
                .hasMessageContaining("laboratory user");
        assertThatThrownBy(() -> store.record(new RequestContext(Principal.anonymous(), "r"), patient, DOCTOR, Source.EHR,
                        Optional.empty(), Optional.empty()))
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.AUTHENTICATION_REQUIRED);
        assertThat(store.isActive(patient, DOCTOR, clock.instant())).isFalse();
    }

    @Test
    void listsAndEndsRelationships() {
        long first = store.record(AS_EHR, patient, DOCTOR, Source.EHR, Optional.empty(), Optional.empty());
        clock.advance(Duration.ofMinutes(5));
        long second = store.declareBreakTheGlass(AS_OTHER_DOCTOR, patient, REASON);

        assertThat(store.relationshipsOf(patient)).extracting(CareRelationship::id).containsExactly(second, first);
        assertThatThrownBy(() -> store.end(AS_OTHER_DOCTOR, first)).hasMessageContaining("only the clinician");

        clock.advance(Duration.ofMinutes(5));
        CareRelationship ended = store.end(AS_DOCTOR, first);

        assertThat(ended.endedAt()).contains(Instant.parse("2026-06-01T12:10:00Z"));
        assertThat(store.isActive(patient, DOCTOR, clock.instant())).isFalse();
        assertThat(store.isActive(patient, UserId.of("dr-berg"), clock.instant())).isTrue();
        assertThat(store.end(AS_EHR, second).endedAt()).isPresent();
        assertThat(store.isActive(patient, UserId.of("dr-berg"), clock.instant())).isFalse();
        assertThat(auditLog.accessLogFor(patient, 10, OptionalLong.empty()).entries()).extracting(AccessLogEntry::action)
                .containsExactly("care-relationship.end", "care-relationship.end", "care-relationship.end",
                        "care-relationship.break-the-glass", "care-relationship.record");
        assertThatThrownBy(() -> store.end(AS_DOCTOR, 987654))
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.CARE_RELATIONSHIP_NOT_FOUND);
    }

    @Test
    void linksALaboratoryToAPatientWhenItSubmitsASample() {
        OrganisationId lab = OrganisationId.of("lab-oslo");

        long id = store.recordLaboratoryLink(AS_LAB, patient, lab);

        assertThat(store.isLaboratoryLinked(patient, lab, clock.instant())).isTrue();
        assertThat(store.isLaboratoryLinked(patient, OrganisationId.of("lab-bergen"), clock.instant())).isFalse();
        assertThat(store.isLaboratoryLinked(patient, lab, clock.instant().plus(Duration.ofDays(365)))).isFalse();
        assertThat(store.laboratoryLinksOf(patient)).singleElement().satisfies(link -> {
            assertThat(link.id()).isEqualTo(id);
            assertThat(link.laboratory()).isEqualTo(lab);
            assertThat(link.recordedBy()).isEqualTo(UserId.of("lab-user"));
        });
        AuditEntry audit = auditLog.entry(auditLog.head().orElseThrow().sequence()).orElseThrow();
        assertThat(audit.action()).isEqualTo("laboratory-link.record");
        assertThat(audit.purpose()).isEqualTo(Purpose.LABORATORY);
    }

    @Test
    void aLaboratoryMayLinkOnlyForItsOwnOrganisation() {
        assertThatThrownBy(() -> store.recordLaboratoryLink(AS_LAB, patient, OrganisationId.of("lab-bergen")))
                .hasMessageContaining("organisation their token names");
        assertThatThrownBy(() -> store.recordLaboratoryLink(AS_DOCTOR, patient, OrganisationId.of("lab-oslo")))
                .hasMessageContaining("only a laboratory user");
        assertThat(store.laboratoryLinksOf(patient)).isEmpty();
    }
}
