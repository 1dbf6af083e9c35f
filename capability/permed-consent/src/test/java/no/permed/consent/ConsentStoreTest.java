package no.permed.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.permed.db.Database;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;
import no.permed.testing.SharedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Give, change, withdraw and the view, on the shared embedded PostgreSQL. */
class ConsentStoreTest {
    private static final Instant JAN = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final ConsentPurpose HMB = ConsentPurpose.of(DuoCode.HMB);
    private static final MemoryAudit AUDIT = new MemoryAudit();
    private static Database database;
    private static ConsentStore store;

    @BeforeAll
    static void open() {
        database = SharedPostgres.freshDatabase();
        store = ConsentStore.open(database, AUDIT, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    static Pseudonym patient(int number) {
        String suffix = Integer.toString(number);
        return Pseudonym.of("p1_" + "A".repeat(43 - suffix.length()) + suffix);
    }

    static RequestContext self(Pseudonym patient) {
        return new RequestContext(new Principal(UserId.of("patient-user"), Set.of(Role.PATIENT), Optional.empty(), Optional.of(patient), true),
                "test");
    }

    static ConsentTerms terms(ConsentPurpose purpose, Optional<String> project, Instant from, Optional<Instant> to, boolean recall) {
        return new ConsentTerms(purpose, project, Set.of(DuoCode.NCU), from, to, ConsentSource.DIGITAL, new FindingsChoices(false, recall));
    }

    @Test
    void withdrawalTakesEffectAtOnceAndHistoryKeepsBothVersions() {
        Pseudonym patient = patient(1);
        ConsentView view = store.view();
        assertThat(view.mayCount(patient, HMB, Optional.empty(), NOW)).as("no consent, no count").isFalse();

        ConsentDecision given = store.give(self(patient), patient, terms(ConsentPurpose.of(DuoCode.GRU), Optional.empty(), JAN,
                Optional.empty(), true));
        assertThat(given.version()).isEqualTo(1);
        assertThat(view.mayCount(patient, HMB, Optional.empty(), NOW)).as("GRU covers HMB").isTrue();
        assertThat(view.mayCount(patient, HMB, Optional.of("PRJ-1"), NOW)).as("a consent for any project").isTrue();
        assertThat(view.mayCount(patient, HMB, Optional.empty(), JAN.minusSeconds(1))).as("before the period").isFalse();
        assertThat(view.countable(List.of(patient, patient(99)), HMB, Optional.empty(), NOW)).containsExactly(patient);
        assertThat(view.wantsReclassificationNotices(patient)).isTrue();

        ConsentDecision withdrawn = store.withdraw(self(patient), patient, given.consentId());
        assertThat(withdrawn.version()).isEqualTo(2);
        assertThat(withdrawn.status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(view.mayCount(patient, HMB, Optional.empty(), NOW)).as("withdrawn at once").isFalse();
        assertThat(view.countable(List.of(patient), HMB, Optional.empty(), NOW)).isEmpty();

        List<ConsentDecision> history = store.history(self(patient), patient);
        assertThat(history).extracting(ConsentDecision::version, ConsentDecision::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, ConsentStatus.GIVEN),
                        org.assertj.core.groups.Tuple.tuple(2, ConsentStatus.WITHDRAWN));
        assertThat(history.get(0).terms()).isEqualTo(given.terms());
        assertThat(AUDIT.events("consent.give")).anySatisfy(event -> assertThat(event.subject()).contains(patient));
        assertThat(AUDIT.events("consent.withdraw")).singleElement().satisfies(event -> {
            assertThat(event.subject()).contains(patient);
            assertThat(event.details()).containsEntry("version", "2").containsEntry("status", "WITHDRAWN");
        });
        assertThatThrownBy(() -> store.withdraw(self(patient), patient, given.consentId())).isInstanceOf(PermedException.class)
                .satisfies(e -> assertThat(((PermedException) e).errorCode()).isEqualTo(ConsentErrorCode.ALREADY_WITHDRAWN));
    }

    @Test
    void changeAppendsAVersionAndUpdatesTheFindingsChoice() {
        Pseudonym patient = patient(2);
        ConsentDecision given = store.give(self(patient), patient, terms(HMB, Optional.of("PRJ-2"), JAN, Optional.empty(), true));
        assertThat(store.view().mayCount(patient, HMB, Optional.of("PRJ-3"), NOW)).as("another project").isFalse();
        ConsentDecision changed = store.change(self(patient), patient, given.consentId(),
                terms(HMB, Optional.of("PRJ-2"), JAN, Optional.of(NOW), false));
        assertThat(changed.version()).isEqualTo(2);
        assertThat(store.view().wantsReclassificationNotices(patient)).isFalse();
        assertThat(store.view().mayCount(patient, HMB, Optional.of("PRJ-2"), NOW)).as("the period ends now (exclusive)").isFalse();
        assertThat(store.view().mayCount(patient, HMB, Optional.of("PRJ-2"), NOW.minusSeconds(1))).isTrue();
        assertThat(AUDIT.events("consent.change")).hasSize(1);
    }

    @Test
    void badInputIsRefusedAndNothingChanges() {
        Pseudonym patient = patient(3);
        store.give(self(patient), patient, terms(HMB, Optional.empty(), JAN, Optional.of(NOW), true));
        assertThatThrownBy(() -> terms(HMB, Optional.empty(), NOW, Optional.of(JAN), true)).isInstanceOf(PermedException.class)
                .satisfies(e -> assertThat(((PermedException) e).errorCode()).isEqualTo(ConsentErrorCode.INVALID_PERIOD));
        assertThatThrownBy(() -> ConsentPurpose.parse("DUO:9999999")).isInstanceOf(PermedException.class)
                .satisfies(e -> assertThat(((PermedException) e).errorCode()).isEqualTo(ConsentErrorCode.UNKNOWN_DUO_CODE));
        assertThatThrownBy(() -> store.give(self(patient), patient, terms(HMB, Optional.empty(), NOW.minusSeconds(60), Optional.empty(), true)))
                .isInstanceOf(PermedException.class)
                .satisfies(e -> assertThat(((PermedException) e).errorCode()).isEqualTo(ConsentErrorCode.OVERLAPPING_PERIOD))
                .hasMessageNotContaining(patient.value());
        // a period that starts when the other ends does not overlap
        store.give(self(patient), patient, terms(HMB, Optional.empty(), NOW, Optional.empty(), true));
        Pseudonym other = patient(4);
        long theirs = store.give(self(other), other, terms(HMB, Optional.empty(), JAN, Optional.empty(), true)).consentId();
        assertThatThrownBy(() -> store.withdraw(self(patient), patient, theirs)).isInstanceOf(PermedException.class)
                .satisfies(e -> assertThat(((PermedException) e).errorCode()).isEqualTo(ConsentErrorCode.CONSENT_NOT_FOUND));
        assertThat(store.history(self(patient), patient)).hasSize(2);
        assertThat(store.history(self(other), other)).hasSize(1);
        assertThat(store.view().mayCount(other, HMB, Optional.empty(), NOW)).isTrue();
    }

    @Test
    void theViewAnswersFromMemoryWithoutTheDatabase() {
        Database own = SharedPostgres.freshDatabase();
        ConsentStore second = ConsentStore.open(own, new MemoryAudit(), Clock.systemUTC());
        Pseudonym patient = patient(5);
        second.give(self(patient), patient, terms(HMB, Optional.empty(), JAN, Optional.empty(), true));
        // a store reopened on the same database loads the current consents
        assertThat(new ConsentStore(own.jdbi(), new MemoryAudit(), Clock.systemUTC()).view().mayCount(patient, HMB, Optional.empty(), NOW))
                .isTrue();
        own.close();
        assertThat(second.view().mayCount(patient, HMB, Optional.empty(), NOW)).as("answered with the database closed").isTrue();
        assertThat(second.view().countable(List.of(patient, patient(6)), HMB, Optional.empty(), NOW)).containsExactly(patient);
    }

    @Test
    void aDecisionWhoseAuditEntryIsRefusedIsNotStoredAndDoesNotCount() {
        Pseudonym patient = patient(91);
        MemoryAudit refusing = new MemoryAudit() {
            @Override
            public long append(java.sql.Connection transaction, no.permed.spi.AuditEvent event) {
                throw new IllegalStateException("audit log unavailable (test)");
            }
        };
        ConsentStore failing = new ConsentStore(database.jdbi(), refusing, Clock.systemUTC());
        long before = rows();
        assertThatThrownBy(() -> failing.give(self(patient), patient, terms(HMB, Optional.empty(), JAN, Optional.empty(), true)))
                .hasMessageContaining("audit log unavailable");
        assertThat(rows()).isEqualTo(before);
        assertThat(failing.view().mayCount(patient, HMB, Optional.empty(), NOW)).isFalse();

        // given through the working store, then a withdrawal whose entry is refused leaves the consent in force
        ConsentDecision given = store.give(self(patient), patient, terms(HMB, Optional.empty(), JAN, Optional.empty(), true));
        ConsentStore reopened = new ConsentStore(database.jdbi(), refusing, Clock.systemUTC());
        assertThatThrownBy(() -> reopened.withdraw(self(patient), patient, given.consentId())).isInstanceOf(RuntimeException.class);
        assertThat(rows()).isEqualTo(before + 1);
        assertThat(reopened.view().mayCount(patient, HMB, Optional.empty(), NOW)).isTrue();
    }

    static RequestContext staff(String user) {
        return new RequestContext(new Principal(UserId.of(user), Set.of(Role.CASE_HANDLER), Optional.empty(), Optional.empty(), true), "test");
    }

    static long rows() {
        return database.jdbi().withHandle(handle -> handle.createQuery("select count(*) from consent.decision").mapTo(Long.class).one());
    }

    @Test
    void findingsChoicesChangeAsANewVersionAndTheLatestChoiceHolds() {
        Pseudonym patient = patient(7);
        ConsentDecision given = store.give(self(patient), patient, terms(HMB, Optional.empty(), JAN, Optional.empty(), true));
        assertThat(store.view().wantsIncidentalFindings(patient)).isFalse();

        ConsentDecision changed = store.changeFindings(self(patient), patient, given.consentId(), new FindingsChoices(true, false));

        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.terms()).isEqualTo(given.terms().withFindings(new FindingsChoices(true, false)));
        assertThat(store.view().wantsIncidentalFindings(patient)).isTrue();
        assertThat(store.view().wantsReclassificationNotices(patient)).isFalse();
        ConsentDecision byStaff = store.changeFindings(staff("case-handler-1"), patient, given.consentId(), new FindingsChoices(false, false));
        assertThat(byStaff.terms().source()).as("recorded by staff: paper").isEqualTo(ConsentSource.PAPER);
        assertThat(byStaff.recordedBy()).isEqualTo(UserId.of("case-handler-1"));
        assertThat(AUDIT.events("consent.change")).filteredOn(event -> event.subject().equals(Optional.of(patient))).hasSize(2)
                .extracting(event -> event.purpose()).containsExactly(no.permed.kernel.Purpose.SELF_SERVICE,
                        no.permed.kernel.Purpose.CASE_HANDLING);
    }

    @Test
    void aPaperConsentIsRegisteredByStaffAndADigitalOneOnlyByThePatient() {
        Pseudonym patient = patient(8);
        ConsentTerms paper = new ConsentTerms(HMB, Optional.of("PRJ-8"), Set.of(), JAN, Optional.empty(), ConsentSource.PAPER,
                new FindingsChoices(false, true));
        ConsentDecision registered = store.give(staff("case-handler-1"), patient, paper);
        assertThat(registered.recordedBy()).isEqualTo(UserId.of("case-handler-1"));
        assertThat(registered.terms().source()).isEqualTo(ConsentSource.PAPER);
        assertThat(store.view().mayCount(patient, HMB, Optional.of("PRJ-8"), NOW)).isTrue();
        assertThat(AUDIT.events("consent.give")).filteredOn(event -> event.subject().equals(Optional.of(patient))).singleElement()
                .satisfies(event -> assertThat(event.purpose()).isEqualTo(no.permed.kernel.Purpose.CASE_HANDLING));

        long before = rows();
        ConsentTerms digital = paper.withSource(ConsentSource.DIGITAL).withFindings(new FindingsChoices(true, true));
        assertThatThrownBy(() -> store.give(staff("case-handler-1"), patient(9), digital)).isInstanceOf(PermedException.class)
                .satisfies(e -> assertThat(((PermedException) e).errorCode()).isEqualTo(ConsentErrorCode.INVALID_SOURCE));
        assertThatThrownBy(() -> store.give(self(patient(9)), patient(9), paper)).isInstanceOf(PermedException.class)
                .satisfies(e -> assertThat(((PermedException) e).errorCode()).isEqualTo(ConsentErrorCode.INVALID_SOURCE));
        assertThatThrownBy(() -> store.change(staff("case-handler-1"), patient, registered.consentId(), digital))
                .isInstanceOf(PermedException.class)
                .satisfies(e -> assertThat(((PermedException) e).errorCode()).isEqualTo(ConsentErrorCode.INVALID_SOURCE));
        assertThat(rows()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void actingOnSomeoneElsesConsentChangesNoRow() {
        Pseudonym owner = patient(10);
        Pseudonym intruder = patient(11);
        ConsentDecision given = store.give(self(owner), owner, terms(HMB, Optional.of("PRJ-10"), JAN, Optional.empty(), true));
        long before = rows();
        long generation = store.view().generation();
        for (org.assertj.core.api.ThrowableAssert.ThrowingCallable attempt : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                () -> store.withdraw(self(intruder), intruder, given.consentId()),
                () -> store.change(self(intruder), intruder, given.consentId(),
                        terms(HMB, Optional.of("PRJ-10"), JAN, Optional.empty(), false)),
                () -> store.changeFindings(self(intruder), intruder, given.consentId(), new FindingsChoices(true, true)))) {
            assertThatThrownBy(attempt).isInstanceOf(PermedException.class)
                    .satisfies(e -> assertThat(((PermedException) e).errorCode()).isEqualTo(ConsentErrorCode.CONSENT_NOT_FOUND))
                    .hasMessageNotContaining(owner.value());
        }
        assertThat(rows()).isEqualTo(before);
        assertThat(store.view().generation()).isEqualTo(generation);
        assertThat(store.view().mayCount(owner, HMB, Optional.of("PRJ-10"), NOW)).isTrue();
    }

    @Test
    void theSummaryIsAuditedWithoutASubject() {
        Pseudonym patient = patient(12);
        store.give(self(patient), patient, terms(HMB, Optional.of("PRJ-SUM"), JAN, Optional.empty(), true));
        ConsentSummary summary = store.summary(staff("case-handler-2"), "PRJ-SUM", no.permed.kernel.Purpose.CASE_HANDLING);
        assertThat(summary.patients().get(ConsentSummary.State.GIVEN)).isGreaterThanOrEqualTo(1);
        assertThat(AUDIT.events("consent.summary")).anySatisfy(event -> {
            assertThat(event.subject()).isEmpty();
            assertThat(event.details()).containsEntry("project", "PRJ-SUM");
        });
    }
}
