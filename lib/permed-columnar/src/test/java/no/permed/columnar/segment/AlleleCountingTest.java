package no.permed.columnar.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.columnar.SampleSet;
import no.permed.columnar.testdata.RandomCohort;
import no.permed.kernel.PermedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The counting kernels against a naive count over the written calls, for random subsets. */
class AlleleCountingTest {
    @TempDir
    Path directory;

    static Stream<Arguments> cohorts() {
        List<Arguments> arguments = new ArrayList<>();
        long seed = 100;
        for (int sampleCount : new int[] {1, 63, 64, 65, 200, 1000, 2504}) {
            arguments.add(Arguments.of(seed++, sampleCount, sampleCount > 1000 ? 120 : 300));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "seed {0}: {1} samples, {2} sites")
    @MethodSource("cohorts")
    void countsEqualNaiveCountsForRandomSubsetsErasuresAndPopulations(long seed, int sampleCount, int siteCount) {
        RandomCohort cohort = RandomCohort.generate(seed, sampleCount, siteCount);
        Path path = directory.resolve("counts.seg");
        cohort.write(path, new SegmentWriterOptions(6, 8192, 50));
        Random random = new Random(seed);
        try (Segment segment = Segment.open(path)) {
            for (int trial = 0; trial < 4; trial++) {
                SampleSet subset = trial == 0 ? SampleSet.all(sampleCount) : randomSubset(random, sampleCount, random.nextDouble());
                SampleSet erased = trial < 2 ? SampleSet.none(sampleCount) : randomSubset(random, sampleCount, 0.1);
                Segment view = segment.withErasedSamples(erased);
                boolean[] included = new boolean[sampleCount];
                for (int sample = 0; sample < sampleCount; sample++) {
                    included[sample] = subset.contains(sample) && !erased.contains(sample);
                }
                for (int threads : new int[] {1, 2}) {
                    AlleleCounts counts = view.countAlleles(subset, threads);
                    assertThat(counts.sampleCount()).isEqualTo(subset.minus(erased).size());
                    assertEqualsNaive(cohort, counts, included);
                }
                List<SampleSet> populations = List.of(subset, randomSubset(random, sampleCount, 0.3),
                        randomSubset(random, sampleCount, 0.7), SampleSet.none(sampleCount));
                List<AlleleCounts> perPopulation = view.countAlleles(populations, 2);
                for (int population = 0; population < populations.size(); population++) {
                    boolean[] member = new boolean[sampleCount];
                    for (int sample = 0; sample < sampleCount; sample++) {
                        member[sample] = populations.get(population).contains(sample) && !erased.contains(sample);
                    }
                    assertEqualsNaive(cohort, perPopulation.get(population), member);
                }
            }
        }
    }

    private static void assertEqualsNaive(RandomCohort cohort, AlleleCounts counts, boolean[] included) {
        assertThat(counts.siteCount()).isEqualTo(cohort.siteCount());
        for (int site = 0; site < cohort.siteCount(); site++) {
            int[] expected = cohort.naiveCounts(site, included);
            int[] actual = {counts.alleleCount(site), counts.alleleNumber(site), counts.homozygousAlternateCount(site),
                counts.hemizygousAlternateCount(site)};
            if (!java.util.Arrays.equals(expected, actual)) {
                throw new AssertionError("site " + site + " " + cohort.site(site) + ": AC/AN/HOM/HEMI "
                        + java.util.Arrays.toString(actual) + ", expected " + java.util.Arrays.toString(expected));
            }
        }
    }

    static SampleSet randomSubset(Random random, int sampleCount, double share) {
        java.util.BitSet bits = new java.util.BitSet(sampleCount);
        for (int sample = 0; sample < sampleCount; sample++) {
            if (random.nextDouble() < share) {
                bits.set(sample);
            }
        }
        return SampleSet.of(sampleCount, bits);
    }

    @Test
    void erasedSamplesVanishFromEveryResult() {
        RandomCohort cohort = RandomCohort.generate(7, 80, 200);
        Path path = directory.resolve("erasure.seg");
        cohort.write(path, SegmentWriterOptions.defaults());
        try (Segment segment = Segment.open(path)) {
            int carrierSite = -1;
            int carrier = -1;
            for (int site = 0; site < cohort.siteCount() && carrier < 0; site++) {
                for (int sample = 0; sample < 80 && carrier < 0; sample++) {
                    if (no.permed.columnar.GenotypeCodes.alternateAlleleCount(cohort.calls(site)[sample]) > 0) {
                        carrierSite = site;
                        carrier = sample;
                    }
                }
            }
            int erasedSample = carrier;
            assertThat(segment.carriers(carrierSite)).extracting(SampleCall::sampleIndex).contains(carrier);
            Segment erased = segment.withErasedSamples(SampleSet.of(80, carrier));
            assertThat(erased.carriers(carrierSite)).extracting(SampleCall::sampleIndex).doesNotContain(carrier);
            no.permed.columnar.Site site = cohort.site(carrierSite);
            no.permed.columnar.GenomicRegion locus = no.permed.columnar.GenomicRegion.locus(site.contig(), site.position());
            assertThat(erased.callsOfSample(carrier, locus)).isEmpty();
            assertThat(erased.calls(locus)).allSatisfy(genotypes ->
                    assertThat(genotypes.calls()).extracting(SampleCall::sampleIndex).doesNotContain(erasedSample).hasSize(79));
            SegmentCursor cursor = erased.cursor();
            byte[] codes = new byte[80];
            while (cursor.next()) {
                cursor.copyCallsTo(codes, 0);
                assertThat(codes[carrier]).isEqualTo(no.permed.columnar.GenotypeCodes.MISSING_DIPLOID);
                assertThat(cursor.genotype(carrier).code()).isEqualTo(no.permed.columnar.GenotypeCodes.MISSING_DIPLOID);
            }
            boolean[] withoutCarrier = new boolean[80];
            java.util.Arrays.fill(withoutCarrier, true);
            withoutCarrier[carrier] = false;
            assertEqualsNaive(cohort, erased.countAlleles(SampleSet.all(80)), withoutCarrier);
        }
    }

    @Test
    void sampleSetsOfAnotherSegmentAreRejected() {
        RandomCohort cohort = RandomCohort.generate(8, 10, 20);
        Path path = directory.resolve("mismatch.seg");
        cohort.write(path, SegmentWriterOptions.defaults());
        try (Segment segment = Segment.open(path)) {
            assertThatThrownBy(() -> segment.countAlleles(SampleSet.all(11)))
                    .isInstanceOfSatisfying(PermedException.class, error ->
                            assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.SAMPLE_COUNT_MISMATCH))
                    .hasMessageContaining("11 samples").hasMessageContaining("has 10");
        }
    }
}
