package no.permed.pgx.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import no.permed.db.Database;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;
import no.permed.pgx.call.CallResult;
import no.permed.pgx.call.PgxCaller;
import no.permed.pgx.interpret.DrugRecommendation;
import no.permed.pgx.interpret.OutsideCalls;
import no.permed.pgx.interpret.PgxInterpreter;
import no.permed.pgx.interpret.PgxReport;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.pgx.knowledge.PgxSource;
import no.permed.testing.SharedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Re-interpretation of stored profiles when the knowledge changes. The current release is the real interpreter over the
 * shipped knowledge; other releases are simulated by changing its report the way a guideline update would (a
 * recommendation missing before, a strength changed), so that the expected changes are known without our own output.
 */
class ProfileReinterpretationTest {
    private static final no.permed.spi.RequestContext LAB = PgxProfileStoreTest.LAB;
    private static final MemoryAudit AUDIT = new MemoryAudit();
    private static final UserId CLINICIAN = UserId.of("clinician-1");

    private static PgxInterpreter interpreter;
    private static String current;
    private static CallResult star2star2;
    private static CallResult star1star17;

    /** A fresh database per test: re-interpretation runs over every stored profile. */
    private Database database;
    private PgxProfileStore store;

    @BeforeAll
    static void load() {
        PgxKnowledge knowledge = PgxKnowledge.load();
        current = knowledge.dataVersion().summary();
        interpreter = PgxInterpreter.create(knowledge);
        PgxCaller caller = PgxCaller.create(knowledge);
        star2star2 = caller.call(PgxProfileStoreTest.resource("s2s2.vcf"), Optional.empty());
        star1star17 = caller.call(PgxProfileStoreTest.resource("s1s17.vcf"), Optional.empty());
    }

    @BeforeEach
    void open() {
        database = SharedPostgres.freshDatabase();
        store = PgxProfileStore.open(database, current, Clock.systemUTC(), AUDIT);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** The real interpretation, with its recommendations changed as {@code release} says and named {@code version}. */
    private static ProfileInterpreter release(String version, UnaryOperator<List<DrugRecommendation>> release) {
        return (calls, outside) -> {
            PgxReport real = interpreter.interpret(calls, outside);
            return new PgxReport(real.sample(), version, real.genes(), release.apply(real.recommendations()), real.warnings());
        };
    }

    private static boolean cpicClopidogrel(DrugRecommendation recommendation) {
        return recommendation.drug().equals("clopidogrel") && recommendation.source() == PgxSource.CPIC;
    }

    /** The CPIC clopidogrel recommendations for CYP2C19 poor metabolisers (*2/*2), which the simulated older release lacks. */
    private static boolean poorMetaboliserClopidogrel(DrugRecommendation recommendation) {
        return cpicClopidogrel(recommendation) && "Poor Metabolizer".equals(recommendation.genotype().get("CYP2C19"));
    }

    private static DrugRecommendation withStrength(DrugRecommendation r, String strength) {
        return new DrugRecommendation(r.drug(), r.source(), r.recommendationId(), r.guidelineName(), r.guidelineVersion(), r.guidelineUrl(),
                r.genotype(), r.population(), Optional.of(strength), r.text(), r.implications(), r.alternateDrugAdvised(), r.diplotypes(),
                r.tiedCall());
    }

    @Test
    void aChangedRecommendationIsRecordedOnceAndAnUnchangedOneNever() {
        Pseudonym patient = PgxProfileStoreTest.patient(11);
        Pseudonym unaffected = PgxProfileStoreTest.patient(12);
        store.record(LAB, patient, "LAB-0011", star2star2, OutsideCalls.none(), ProfileSource.ofFile("s2s2.vcf"));
        store.record(LAB, unaffected, "LAB-0012", star1star17, OutsideCalls.none(), ProfileSource.ofFile("s1s17.vcf"));
        PgxReport now = interpreter.interpret(star2star2, OutsideCalls.none());
        List<DrugRecommendation> clopidogrel = now.recommendations().stream().filter(ProfileReinterpretationTest::cpicClopidogrel).toList();
        // CPIC: a CYP2C19 poor metaboliser (*2/*2) should avoid clopidogrel; that is what a missing update would hide
        assertThat(clopidogrel).isNotEmpty();
        assertThat(clopidogrel.get(0).genotype()).containsEntry("CYP2C19", "Poor Metabolizer");
        assertThat(clopidogrel.get(0).alternateDrugAdvised()).isTrue();

        // an older release without the CPIC clopidogrel guideline: the first interpretation, nothing to compare with
        ReinterpretationRun older = store.reinterpretAll(release("older release",
                recommendations -> recommendations.stream().filter(r -> !poorMetaboliserClopidogrel(r)).toList()), "older release");
        assertThat(older.interpreted()).isEqualTo(2);
        assertThat(older.firstInterpretations()).isEqualTo(2);
        assertThat(older.reinterpretations()).isEmpty();

        // the current release adds it: one re-interpretation, for the poor metaboliser only
        ReinterpretationRun update = store.reinterpretAll(interpreter, current);
        assertThat(update.interpreted()).isEqualTo(2);
        assertThat(update.firstInterpretations()).isZero();
        assertThat(update.reinterpretations()).hasSize(1);
        Reinterpretation recorded = update.reinterpretations().get(0);
        assertThat(recorded.patient()).isEqualTo(patient);
        assertThat(recorded.profileVersion()).isEqualTo(1);
        assertThat(recorded.oldDataVersion()).isEqualTo("older release");
        assertThat(recorded.newDataVersion()).isEqualTo(current);
        assertThat(recorded.changes()).allSatisfy(change -> {
            assertThat(change.drug()).isEqualTo("clopidogrel");
            assertThat(change.source()).isEqualTo(PgxSource.CPIC);
            assertThat(change.kind()).isEqualTo(RecommendationChange.Kind.ADDED);
        });
        assertThat(recorded.changes().stream().flatMap(change -> change.after().stream()).map(RecommendationSummary::text))
                .containsExactlyInAnyOrderElementsOf(clopidogrel.stream().map(DrugRecommendation::text).toList());
        assertThat(store.reinterpretations(patient)).containsExactly(recorded);
        assertThat(store.reinterpretations(unaffected)).isEmpty();

        // idempotent: the same release again changes nothing
        ReinterpretationRun again = store.reinterpretAll(interpreter, current);
        assertThat(again.interpreted()).isZero();
        assertThat(again.reinterpretations()).isEmpty();

        // a release with another version but the same advice: interpreted, nothing listed
        ReinterpretationRun same = store.reinterpretAll(release("same advice", UnaryOperator.identity()), "same advice");
        assertThat(same.interpreted()).isEqualTo(2);
        assertThat(same.reinterpretations()).isEmpty();

        // a release that changes the strength of the CPIC clopidogrel recommendations for poor metabolisers: CHANGED
        ReinterpretationRun stronger = store.reinterpretAll(release("strength changed", recommendations -> recommendations.stream()
                .map(r -> poorMetaboliserClopidogrel(r) ? withStrength(r, "Moderate (changed)") : r).toList()), "strength changed");
        assertThat(stronger.reinterpretations()).hasSize(1);
        assertThat(stronger.reinterpretations().get(0).patient()).isEqualTo(patient);
        assertThat(stronger.reinterpretations().get(0).changes()).hasSameSizeAs(clopidogrel);
        RecommendationChange change = stronger.reinterpretations().get(0).changes().get(0);
        assertThat(change.kind()).isEqualTo(RecommendationChange.Kind.CHANGED);
        assertThat(change.before()).extracting(RecommendationSummary::strength)
                .containsAnyElementsOf(clopidogrel.stream().map(DrugRecommendation::strength).toList());
        assertThat(change.after()).extracting(RecommendationSummary::strength).containsOnly(Optional.of("Moderate (changed)"));
        assertThat(store.reinterpretations(patient)).hasSize(2);
    }

    @Test
    void onlyTheLatestVersionIsReinterpretedAndClinicansAcknowledgeOneByOne() {
        Pseudonym patient = PgxProfileStoreTest.patient(13);
        store.record(LAB, patient, "LAB-0013", star1star17, OutsideCalls.none(), ProfileSource.ofFile("s1s17.vcf"));
        store.record(LAB, patient, "LAB-0014", star2star2, OutsideCalls.none(), ProfileSource.ofFile("s2s2.vcf"));
        store.reinterpretAll(release("before", recommendations -> recommendations.stream().filter(r -> !poorMetaboliserClopidogrel(r)).toList()),
                "before");
        ReinterpretationRun run = store.reinterpretAll(release("after", UnaryOperator.identity()), "after");
        List<Reinterpretation> listed = run.reinterpretations().stream().filter(r -> r.patient().equals(patient)).toList();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).profileVersion()).isEqualTo(2);

        assertThat(store.pendingFor(patient, CLINICIAN)).containsExactlyElementsOf(listed);
        store.acknowledge(patient, listed.get(0).id(), CLINICIAN);
        store.acknowledge(patient, listed.get(0).id(), CLINICIAN);
        assertThat(store.pendingFor(patient, CLINICIAN)).isEmpty();
        assertThat(store.pendingFor(patient, UserId.of("clinician-2"))).hasSize(1);
        assertThat(store.reinterpretations(patient).get(0).acknowledgedBy()).containsExactly(CLINICIAN);

        Pseudonym other = PgxProfileStoreTest.patient(14);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.acknowledge(other, listed.get(0).id(), CLINICIAN))
                .isInstanceOfSatisfying(PermedException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ProfileErrorCode.REINTERPRETATION_NOT_FOUND));
    }

    @Test
    void outsideCallsAreStoredAndInterpretedWithTheProfile() {
        Pseudonym patient = PgxProfileStoreTest.patient(15);
        OutsideCalls outside = OutsideCalls.parse(PgxProfileStoreTest.resource("pharmcat.example.outsideCall.tsv"));
        PgxProfile recorded = store.record(LAB, patient, "LAB-0015", star2star2, outside, ProfileSource.ofFile("s2s2.vcf"));

        PgxProfile read = store.latest(patient).orElseThrow();
        assertThat(read.outsideCalls()).isEqualTo(outside.calls()).isEqualTo(recorded.outsideCalls());
        // PharmCAT's example outside calls: CYP2D6 *1/*3, HLA-B *15:02/*57:01, MT-RNR1 1555A>G (named m.1555A>G by the knowledge)
        assertThat(read.outsideCalls()).extracting(call -> call.gene() + " " + call.diplotype().orElse(""))
                .containsExactly("CYP2D6 *1/*3", "HLA-B *15:02/*57:01", "MT-RNR1 m.1555A>G");
        assertThat(read.outside().calls()).isEqualTo(outside.calls());
        PgxReport fromStore = interpreter.interpret(read.calls(), read.outside());
        PgxReport fromFile = interpreter.interpret(star2star2, outside);
        assertThat(fromStore.genes()).isEqualTo(fromFile.genes());
        assertThat(fromStore.recommendations()).isEqualTo(fromFile.recommendations());
        // warnings about reading the file (an old allele name read as the current one) belong to the recording, not the profile:
        // the stored calls carry the current names
        assertThat(outside.warnings()).isNotEmpty();
        assertThat(fromStore.warnings()).isEqualTo(fromFile.warnings().stream().filter(w -> !outside.warnings().contains(w)).toList());
    }

    @Test
    void aProfileThatCannotBeInterpretedIsCountedAndRetriedWithoutStoppingTheOthers() {
        store.record(LAB, PgxProfileStoreTest.patient(16), "LAB-0016", star2star2, OutsideCalls.none(), ProfileSource.ofFile("s2s2.vcf"));
        store.record(LAB, PgxProfileStoreTest.patient(17), "LAB-0017", star1star17, OutsideCalls.none(), ProfileSource.ofFile("s1s17.vcf"));
        ProfileInterpreter failsOnPoorMetabolisers = (calls, outside) -> {
            if (calls.gene("CYP2C19").orElseThrow().diplotypes().contains("*2/*2")) {
                throw new IllegalStateException("simulated failure");
            }
            return interpreter.interpret(calls, outside);
        };

        ReinterpretationRun run = store.reinterpretAll(failsOnPoorMetabolisers, current);
        assertThat(run.failed()).isEqualTo(1);
        assertThat(run.interpreted()).isEqualTo(1);

        ReinterpretationRun retry = store.reinterpretAll(interpreter, current);
        assertThat(retry.failed()).isZero();
        assertThat(retry.interpreted()).as("only the failed profile is due again").isEqualTo(1);
        assertThat(retry.firstInterpretations()).isEqualTo(1);
    }
}
