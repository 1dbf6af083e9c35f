package no.permed.simulate;

import static no.permed.simulate.TestFiles.CHR20_503;
import static no.permed.simulate.TestFiles.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 samples simulated from 503 real ones (chr20, 3,000 sites, about 370 kb): the simulated cohort keeps the
 * panel's allele frequencies and the linkage between neighbouring sites. Both sides are parsed by the test's own
 * parser.
 */
class MosaicPopulationTest {
    private static final double COMMON = 0.05;

    @TempDir
    static Path directory;

    private static List<TestFiles.Site> reference;
    private static List<TestFiles.Site> simulated;

    @BeforeAll
    static void simulate() {
        Path out = directory.resolve("cohort.vcf.gz");
        CohortSimulator.create().simulate(SimulationRequest.of(data(CHR20_503), out, 1000, 2024));
        reference = TestFiles.biallelicSites(data(CHR20_503));
        simulated = TestFiles.biallelicSites(out);
    }

    @Test
    void sitesAreTheReferenceSites() {
        assertThat(simulated).hasSize(3000);
        assertThat(simulated).extracting(TestFiles.Site::key).isEqualTo(reference.stream().map(TestFiles.Site::key).toList());
        assertThat(simulated.get(0).haplotypes()).hasSize(2000);
    }

    @Test
    void alleleFrequenciesTrackTheReference() {
        double[] expected = new double[reference.size()];
        double[] actual = new double[reference.size()];
        double largestCommonDifference = 0;
        for (int index = 0; index < reference.size(); index++) {
            expected[index] = reference.get(index).alternateFrequency();
            actual[index] = simulated.get(index).alternateFrequency();
            if (expected[index] >= COMMON) {
                largestCommonDifference = Math.max(largestCommonDifference, Math.abs(actual[index] - expected[index]));
            }
        }
        assertThat(TestFiles.correlation(expected, actual)).isGreaterThan(0.95);
        // haplotypes copied in long segments are not independent draws, so common sites drift a little
        assertThat(largestCommonDifference).isLessThan(0.2);
    }

    @Test
    void linkageBetweenNeighbouringCommonSitesIsKept() {
        List<Double> expected = new ArrayList<>();
        List<Double> actual = new ArrayList<>();
        int previous = -1;
        for (int index = 0; index < reference.size(); index++) {
            double frequency = reference.get(index).alternateFrequency();
            if (frequency < COMMON || frequency > 1 - COMMON) {
                continue;
            }
            if (previous >= 0) {
                double simulatedLinkage = TestFiles.rSquared(simulated.get(previous).haplotypes(), simulated.get(index).haplotypes());
                if (!Double.isNaN(simulatedLinkage)) {
                    expected.add(TestFiles.rSquared(reference.get(previous).haplotypes(), reference.get(index).haplotypes()));
                    actual.add(simulatedLinkage);
                }
            }
            previous = index;
        }
        assertThat(expected).hasSizeGreaterThan(300);
        double[] expectedArray = expected.stream().mapToDouble(Double::doubleValue).toArray();
        double[] actualArray = actual.stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(TestFiles.correlation(expectedArray, actualArray)).isGreaterThan(0.9);
        // and the mean r² is not lost (independently drawn alleles would give about 0)
        double meanExpected = expected.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double meanActual = actual.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(meanActual).isGreaterThan(0.8 * meanExpected);
    }

    @Test
    void shortSegmentsBreakLinkageAsTheModelSays() {
        Path out = directory.resolve("shuffled.vcf.gz");
        SimulationModel everyBase = SimulationModel.defaults().withSwitchesPerMorgan(10_000_000);
        CohortSimulator.create().simulate(SimulationRequest.of(data(CHR20_503), out, 1000, 2024).withModel(everyBase).withSites(600));
        List<TestFiles.Site> shuffled = TestFiles.biallelicSites(out);

        double sumExpected = 0;
        double sumShuffled = 0;
        int pairs = 0;
        int previous = -1;
        for (int index = 0; index < shuffled.size(); index++) {
            double frequency = reference.get(index).alternateFrequency();
            if (frequency < COMMON || frequency > 1 - COMMON) {
                continue;
            }
            if (previous >= 0) {
                sumExpected += TestFiles.rSquared(reference.get(previous).haplotypes(), reference.get(index).haplotypes());
                sumShuffled += TestFiles.rSquared(shuffled.get(previous).haplotypes(), shuffled.get(index).haplotypes());
                pairs++;
            }
            previous = index;
        }
        assertThat(pairs).isGreaterThan(30);
        assertThat(sumShuffled / pairs).isLessThan(0.2 * sumExpected / pairs);
    }

    @Test
    void copyingErrorsFlipAllelesAtTheirRate() {
        Path out = directory.resolve("errors.vcf.gz");
        double rate = 0.05;
        SimulationModel noisy = SimulationModel.defaults().withCopyingErrorRate(rate);
        CohortSimulator.create().simulate(SimulationRequest.of(data(CHR20_503), out, 500, 2024).withModel(noisy).withSites(1000));
        List<TestFiles.Site> withErrors = TestFiles.biallelicSites(out);

        double meanExpected = 0;
        double meanActual = 0;
        for (int index = 0; index < withErrors.size(); index++) {
            double frequency = reference.get(index).alternateFrequency();
            meanExpected += (frequency * (1 - rate) + (1 - frequency) * rate) / withErrors.size();
            meanActual += withErrors.get(index).alternateFrequency() / withErrors.size();
        }
        assertThat(meanActual).isCloseTo(meanExpected, org.assertj.core.data.Offset.offset(0.01));
        assertThat(TestFiles.lines(out)).anyMatch(line -> line.startsWith("##source=") && line.contains("copyingErrorRate=0.05"));
    }
}
