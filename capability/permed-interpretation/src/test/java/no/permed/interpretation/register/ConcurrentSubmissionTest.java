package no.permed.interpretation.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.permed.db.Database;
import no.permed.interpretation.acmg.Classification;
import no.permed.interpretation.aggregate.ClinVarAggregator;
import no.permed.kernel.OrganisationId;
import no.permed.testing.SharedPostgres;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.Test;

/**
 * Parallel writers on the shared embedded PostgreSQL: six laboratories' threads submit five versions each for the same
 * variant and condition (ClinVar VCV 409977, GRCh38 1-2228870 C>G), started together, with more threads than the
 * connection pool has connections. No update may be lost: every version is stored once, the aggregate history has
 * one version per submission without gaps, and the final aggregate is that of each laboratory's last version.
 */
class ConcurrentSubmissionTest {
    private static final int LABORATORIES = 6;
    private static final int VERSIONS = 5;
    private static final List<Classification> CYCLE = List.of(Classification.UNCERTAIN_SIGNIFICANCE, Classification.LIKELY_PATHOGENIC,
            Classification.LIKELY_BENIGN, Classification.PATHOGENIC, Classification.BENIGN);

    @Test
    void parallelWritersNeverLoseAnUpdate() throws Exception {
        VariantKey variant = VariantKey.parse("GRCh38-1-2228870-C-G");
        Condition condition = Condition.parse("MONDO:0100101");
        try (Database database = SharedPostgres.freshDatabase()) {
            VariantRegister register = VariantRegister.open(database, new MemoryAudit(), CarrierLookup.NONE, ClinicianDirectory.NONE,
                    RecallPreference.ALWAYS, Clock.systemUTC());
            ExecutorService threads = Executors.newFixedThreadPool(LABORATORIES);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int lab = 0; lab < LABORATORIES; lab++) {
                OrganisationId laboratory = OrganisationId.of("lab-" + lab);
                int offset = lab;
                done.add(threads.submit(() -> {
                    start.await();
                    for (int version = 0; version < VERSIONS; version++) {
                        Classification classification = CYCLE.get((offset + version) % CYCLE.size());
                        register.submit(Callers.lab(laboratory), new NewSubmission(variant, condition, classification, List.of(),
                                Optional.empty(), LocalDates.today()));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> each : done) {
                each.get(120, TimeUnit.SECONDS);
            }
            threads.shutdown();

            List<Submission> all = register.submissions(variant, Optional.of(condition));
            assertThat(all).hasSize(LABORATORIES * VERSIONS);
            for (int lab = 0; lab < LABORATORIES; lab++) {
                String name = "lab-" + lab;
                assertThat(all.stream().filter(each -> each.laboratory().value().equals(name)).map(Submission::version))
                        .containsExactly(1, 2, 3, 4, 5);
            }
            List<VariantAggregate> history = register.aggregateHistory(variant, condition);
            assertThat(history).extracting(VariantAggregate::version)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, LABORATORIES * VERSIONS).boxed().toList());
            assertThat(history).extracting(VariantAggregate::submissionId).doesNotHaveDuplicates();
            List<Submission> latest = register.latestSubmissions(variant, condition);
            assertThat(latest).hasSize(LABORATORIES).allSatisfy(each -> assertThat(each.version()).isEqualTo(VERSIONS));
            VariantAggregate current = register.aggregate(variant, condition).orElseThrow();
            assertThat(current.version()).isEqualTo(LABORATORIES * VERSIONS);
            assertThat(current.aggregate()).isEqualTo(ClinVarAggregator.aggregate(latest.stream().map(Submission::asSubmitted).toList()));
            // each aggregate counted exactly the submissions before it: the counts of version n sum to the labs seen so far
            for (VariantAggregate each : history) {
                int counted = each.aggregate().submissionCounts().values().stream().mapToInt(Integer::intValue).sum();
                assertThat(counted).isBetween(1, LABORATORIES);
            }
        }
    }
}
