package no.permed.pgx.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import no.permed.db.Database;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import java.util.Set;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;
import no.permed.pgx.call.CallResult;
import no.permed.pgx.call.PgxCaller;
import no.permed.pgx.interpret.OutsideCalls;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.testing.SharedPostgres;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Storing profiles on the shared embedded PostgreSQL: calls made by the real caller from PharmCAT's test VCFs (the
 * diplotype each file's name encodes) are read back unchanged, and versions are append-only.
 */
class PgxProfileStoreTest {
    static final UserId LAB_USER = UserId.of("lab-user");
    static final RequestContext LAB = new RequestContext(new Principal(LAB_USER, Set.of(Role.LAB),
            Optional.of(OrganisationId.of("lab-oslo")), Optional.empty(), true), "test-request");
    static final MemoryAudit AUDIT = new MemoryAudit();

    private static Database database;
    private static PgxKnowledge knowledge;
    private static PgxProfileStore store;
    private static CallResult star1star17;
    private static CallResult star2star2;

    @BeforeAll
    static void open() {
        database = SharedPostgres.freshDatabase();
        knowledge = PgxKnowledge.load();
        store = PgxProfileStore.open(database, knowledge.dataVersion().summary(), Clock.systemUTC(), AUDIT);
        PgxCaller caller = PgxCaller.create(knowledge);
        star1star17 = caller.call(resource("s1s17.vcf"), Optional.empty());
        star2star2 = caller.call(resource("s2s2.vcf"), Optional.empty());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    static Path resource(String name) {
        try {
            return Path.of(PgxProfileStoreTest.class.getResource("/profile/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A syntactically valid store pseudonym, distinct per number (no real person behind it). */
    static Pseudonym patient(int number) {
        String suffix = Integer.toString(number);
        return Pseudonym.of("p1_" + "A".repeat(43 - suffix.length()) + suffix);
    }

    @Test
    void theCallsOfTheRealCallerAreReadBackUnchanged() {
        // the file names encode the diplotype PharmCAT's tests expect
        assertThat(star1star17.gene("CYP2C19").orElseThrow().diplotypes()).containsExactly("*1/*17");
        assertThat(star2star2.gene("CYP2C19").orElseThrow().diplotypes()).containsExactly("*2/*2");

        Pseudonym patient = patient(1);
        PgxProfile recorded = store.record(LAB, patient, "LAB-0001", star1star17, OutsideCalls.none(),
                ProfileSource.of("s1s17.vcf", "lab-oslo", "panel"));

        assertThat(recorded.version()).isEqualTo(1);
        PgxProfile read = store.latest(patient).orElseThrow();
        assertThat(read).isEqualTo(recorded);
        assertThat(read.calls()).isEqualTo(star1star17);
        assertThat(List.copyOf(read.calls().genes().keySet())).isEqualTo(List.copyOf(star1star17.genes().keySet()));
        assertThat(read.dataVersion()).isEqualTo(knowledge.dataVersion().summary());
        assertThat(read.source()).isEqualTo(new ProfileSource(Optional.of("s1s17.vcf"), Optional.of("lab-oslo"), Optional.of("panel")));
        assertThat(read.createdBy()).isEqualTo(LAB_USER);
    }

    @Test
    void aNewSampleAddsAVersionAndNeverOverwritesTheOldOne() {
        Pseudonym patient = patient(2);
        PgxProfile first = store.record(LAB, patient, "LAB-0002", star1star17, OutsideCalls.none(), ProfileSource.ofFile("s1s17.vcf"));
        PgxProfile second = store.record(LAB, patient, "LAB-0003", star2star2, OutsideCalls.none(), ProfileSource.ofFile("s2s2.vcf"));
        PgxProfile other = store.record(LAB, patient(3), "LAB-0004", star2star2, OutsideCalls.none(), ProfileSource.ofFile("s2s2.vcf"));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(other.version()).as("versions count per patient").isEqualTo(1);
        assertThat(store.latest(patient)).contains(second);
        assertThat(store.versions(patient)).containsExactly(first, second);
        assertThat(store.versions(patient).get(0).calls().gene("CYP2C19").orElseThrow().diplotypes()).containsExactly("*1/*17");

        // the table refuses updates: a stored version stays as it was made
        assertThatThrownBy(() -> database.jdbi().useHandle(handle -> handle.execute(
                "update pgx.profile set sample_id = 'CHANGED' where sample_id = 'LAB-0002'")))
                .isInstanceOf(JdbiException.class)
                .hasMessageContaining("append-only");
        assertThat(store.versions(patient).get(0)).isEqualTo(first);
    }

    @Test
    void aPatientWithoutProfileHasNone() {
        assertThat(store.latest(patient(99))).isEmpty();
        assertThat(store.versions(patient(99))).isEmpty();
        assertThat(store.reinterpretations(patient(99))).isEmpty();
    }

    @Test
    void aProfileNeedsASampleIdAndCalls() {
        assertThatThrownBy(() -> store.record(LAB, patient(4), " ", star1star17, OutsideCalls.none(), ProfileSource.ofFile("a.vcf")))
                .isInstanceOfSatisfying(PermedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ProfileErrorCode.INVALID_PROFILE);
                    assertThat(e.details()).containsEntry("field", "sampleId");
                });
        assertThatThrownBy(() -> store.record(LAB, patient(4), "LAB-0005", new CallResult("S", java.util.Map.of()), OutsideCalls.none(),
                ProfileSource.ofFile("a.vcf")))
                .isInstanceOfSatisfying(PermedException.class, e -> assertThat(e.errorCode()).isEqualTo(ProfileErrorCode.INVALID_PROFILE));
        assertThat(store.latest(patient(4))).isEmpty();
    }

    @Test
    void aCorruptStoredDocumentIsAnErrorNamingTheRowNotThePatient() {
        Pseudonym patient = patient(5);
        store.record(LAB, patient, "LAB-0006", star1star17, OutsideCalls.none(), ProfileSource.ofFile("s1s17.vcf"));
        database.jdbi().useHandle(handle -> {
            handle.execute("alter table pgx.profile disable trigger profile_append_only");
            handle.execute("update pgx.profile set calls = '{\"format\": 99}'::jsonb where sample_id = 'LAB-0006'");
            handle.execute("alter table pgx.profile enable trigger profile_append_only");
        });

        assertThatThrownBy(() -> store.latest(patient))
                .isInstanceOfSatisfying(PermedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ProfileErrorCode.PROFILE_UNREADABLE);
                    assertThat(e.getMessage()).contains("profile row").contains("version 1").doesNotContain(patient.value());
                });
    }
}
