package no.permed.pgx.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Optional;
import no.permed.db.Database;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.pgx.call.CallResult;
import no.permed.pgx.call.PgxCaller;
import no.permed.pgx.interpret.OutsideCalls;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.testing.SharedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A profile write is health data: it is audited (subject the patient, purpose laboratory, no genotype in the details)
 * before it is stored, and nothing is stored when the audit entry cannot be written. Calls from PharmCAT's test VCF
 * {@code s1s17.vcf} (CYP2C19 *1/*17).
 */
class ProfileRecordAuditTest {
    private static Database database;
    private static MemoryAudit audit;
    private static PgxProfileStore store;
    private static CallResult star1star17;

    @BeforeAll
    static void open() {
        database = SharedPostgres.freshDatabase();
        PgxKnowledge knowledge = PgxKnowledge.load();
        audit = new MemoryAudit();
        store = PgxProfileStore.open(database, knowledge.dataVersion().summary(), Clock.systemUTC(), audit);
        star1star17 = PgxCaller.create(knowledge).call(PgxProfileStoreTest.resource("s1s17.vcf"), Optional.empty());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void recordingAProfileIsAuditedWithThePatientAsSubjectAndNoGenotype() {
        Pseudonym patient = PgxProfileStoreTest.patient(31);
        store.record(PgxProfileStoreTest.LAB, patient, "LAB-0031", star1star17, OutsideCalls.none(), ProfileSource.ofFile("s1s17.vcf"));

        assertThat(audit.events(PgxProfileStore.RECORD)).hasSize(1);
        AuditEvent event = audit.events(PgxProfileStore.RECORD).get(0);
        assertThat(event.subject()).contains(patient);
        assertThat(event.purpose()).isEqualTo(Purpose.LABORATORY);
        assertThat(event.outcome()).isEqualTo(AuditOutcome.PERMITTED);
        assertThat(event.context().principal().user()).isEqualTo(PgxProfileStoreTest.LAB_USER);
        assertThat(event.details().toString()).doesNotContain("*17").doesNotContain("LAB-0031").doesNotContain("s1s17");
    }

    @Test
    void nothingIsStoredWhenTheAuditEntryCannotBeWritten() {
        Pseudonym patient = PgxProfileStoreTest.patient(32);
        audit.unavailable(true);
        try {
            assertThatThrownBy(() -> store.record(PgxProfileStoreTest.LAB, patient, "LAB-0032", star1star17, OutsideCalls.none(),
                    ProfileSource.ofFile("s1s17.vcf"))).isInstanceOf(IllegalStateException.class);
        } finally {
            audit.unavailable(false);
        }
        assertThat(store.latest(patient)).isEmpty();
    }

    @Test
    void anEmptyProfileIsRefusedWithoutQuotingTheSampleId() {
        assertThatThrownBy(() -> store.record(PgxProfileStoreTest.LAB, PgxProfileStoreTest.patient(33), "Kari-Nordmann-0033",
                new CallResult("S", java.util.Map.of()), OutsideCalls.none(), ProfileSource.ofFile("a.vcf")))
                .isInstanceOfSatisfying(PermedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ProfileErrorCode.INVALID_PROFILE);
                    assertThat(e.getMessage()).doesNotContain("Kari");
                });
    }
}
