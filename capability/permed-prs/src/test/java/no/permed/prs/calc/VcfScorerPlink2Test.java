package no.permed.prs.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.permed.kernel.PermedException;
import no.permed.prs.TestData;
import no.permed.prs.TestData.Plink2Score;
import no.permed.prs.match.MatchOptions;
import no.permed.prs.score.ScoringFile;
import no.permed.prs.score.ScoringFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sample's sum, average and allele count against plink2 2.00a3.5 {@code --score} on the same VCF
 * (src/test/reference/make-expected.sh; the weights are split over columns there so that plink2's 6 printed digits
 * still give the sum to far better than 1e-6).
 */
class VcfScorerPlink2Test {
    /**
     * Relative tolerance, against max(|plink2 sum|, {@link #FLOOR}): plink2 2.00a3.5 sums in a precision that leaves
     * about 5e-8 absolute error on these scores, so sums near zero cannot be held to 1e-6 of themselves.
     */
    private static final double RELATIVE = 1e-6;
    private static final double FLOOR = 0.1;

    @TempDir
    Path dir;

    @Test
    void cinecaWithMeanImputationEqualsPlink2() {
        ScoreResult result = score("PGS001229_22.txt", "cineca_synthetic_subset.vcf.gz", MissingGenotypes.MEAN_IMPUTATION);

        assertThat(result.match().report().matched()).isEqualTo(TestData.lines("cineca_PGS001229_22.sscore.vars.gz").size()).isEqualTo(782);
        assertEqualsPlink2(result.samples(), TestData.sscore("cineca_PGS001229_22.sscore.gz"));
    }

    @Test
    void cinecaWithoutMeanImputationEqualsPlink2() {
        ScoreResult result = score("PGS001229_22.txt", "cineca_synthetic_subset.vcf.gz", MissingGenotypes.ZERO);

        Map<String, Plink2Score> plink2 = TestData.sscore("cineca_PGS001229_22_nomeanimp.sscore.gz");
        assertEqualsPlink2(result.samples(), plink2);
        assertThat(result.samples()).filteredOn(sample -> sample.alleleCount() < 1564).hasSize(41);
    }

    @Test
    void cinecaEqualsTheSharedPlink2TableAtItsPrintedPrecision() {
        // ../shared/data/prs/expected_PGS001229_22_plink2_scores.tsv: plink2 on the .pgen (IIDs without the FID_ prefix)
        ScoreResult mean = score("PGS001229_22.txt", "cineca_synthetic_subset.vcf.gz", MissingGenotypes.MEAN_IMPUTATION);
        ScoreResult zero = score("PGS001229_22.txt", "cineca_synthetic_subset.vcf.gz", MissingGenotypes.ZERO);
        List<String> lines = TestData.lines("expected_PGS001229_22_plink2_scores.tsv.gz");
        assertThat(lines.get(0)).isEqualTo("IID\tDENOM_meanimp\tSUM_meanimp\tDENOM_nomeanimp\tSUM_nomeanimp");
        assertThat(lines).hasSize(2505);
        for (int index = 1; index < lines.size(); index++) {
            String[] fields = lines.get(index).split("\t");
            SampleScore withMean = mean.samples().get(index - 1);
            SampleScore withZero = zero.samples().get(index - 1);
            assertThat(withMean.sample()).isEqualTo(fields[0] + "_" + fields[0]);
            assertThat(withMean.alleleCount()).isEqualTo(Integer.parseInt(fields[1]));
            assertThat(withZero.alleleCount()).isEqualTo(Integer.parseInt(fields[3]));
            assertSixDigits(withMean.sum(), Double.parseDouble(fields[2]), withMean.sample());
            assertSixDigits(withZero.sum(), Double.parseDouble(fields[4]), withZero.sample());
        }
    }

    @Test
    void tiny1000GWithTheStructuredPgs001229EqualsPlink2() {
        ScoreResult result = score("PGS001229_tiny1000G.structured.txt.gz", "tiny1000G_500.vcf.gz", MissingGenotypes.MEAN_IMPUTATION);

        assertThat(result.scoreId()).isEqualTo("PGS001229");
        assertThat(result.samples()).hasSize(500);
        assertThat(result.match().report().matched()).isEqualTo(TestData.lines("tiny1000G_PGS001229.sscore.vars.gz").size());
        assertEqualsPlink2(result.samples(), TestData.sscore("tiny1000G_PGS001229.sscore.gz"));
    }

    @Test
    void dominantAndRecessiveRowsEqualPlink2() {
        ScoreResult result = score("scorefile_dominant_and_recessive.txt", "cineca_synthetic_subset.vcf.gz", MissingGenotypes.MEAN_IMPUTATION);

        Map<String, Plink2Score> additive = TestData.sscore("cineca_dominant_recessive_additive.sscore.gz");
        Map<String, Plink2Score> dominant = TestData.sscore("cineca_dominant_recessive_dominant.sscore.gz");
        Map<String, Plink2Score> recessive = TestData.sscore("cineca_dominant_recessive_recessive.sscore.gz");
        Map<String, Plink2Score> total = new java.util.LinkedHashMap<>();
        for (String sample : additive.keySet()) {
            Plink2Score a = additive.get(sample);
            Plink2Score d = dominant.get(sample);
            Plink2Score r = recessive.get(sample);
            total.put(sample, new Plink2Score(a.denominator() + d.denominator() + r.denominator(), a.alleleCount() + d.alleleCount()
                    + r.alleleCount(), a.sum() + d.sum() + r.sum()));
        }
        assertThat(result.match().report().matched()).isEqualTo(782);
        assertEqualsPlink2(result.samples(), total);
    }

    @Test
    void writesTheTable() throws IOException {
        ScoreResult result = score("PGS001229_22.txt", "cineca_synthetic_subset.vcf.gz", MissingGenotypes.MEAN_IMPUTATION);
        StringWriter out = new StringWriter();

        ScoreTsvWriter.write(result, out);

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2505);
        assertThat(lines.get(0)).isEqualTo("sample\tallele_count\tsum\tavg");
        String[] first = lines.get(1).split("\t");
        assertThat(first[0]).isEqualTo("HG00096_HG00096");
        assertThat(first[1]).isEqualTo("1564");
        Plink2Score plink2 = TestData.sscore("cineca_PGS001229_22.sscore.gz").get("HG00096_HG00096");
        assertThat(Double.parseDouble(first[2])).isCloseTo(plink2.sum(), org.assertj.core.data.Offset.offset(1e-7));
        assertThat(Double.parseDouble(first[3])).isCloseTo(plink2.sum() / 1564, org.assertj.core.data.Offset.offset(1e-10));
        assertThat(ScoreTsvWriter.number(1e-7)).isEqualTo("0.0000001");
        assertThat(ScoreTsvWriter.number(Double.NaN)).isEqualTo("NA");
    }

    @Test
    void refusesAnUnsortedVcf() throws IOException {
        List<String> lines = TestData.lines("cineca_synthetic_subset.vcf.gz");
        int headerLines = 0;
        while (lines.get(headerLines).startsWith("#")) {
            headerLines++;
        }
        final int first = headerLines;
        java.util.ArrayList<String> shuffled = new java.util.ArrayList<>(lines.subList(0, first));
        shuffled.add(lines.get(first));
        shuffled.add(lines.get(first + 1));
        shuffled.add(lines.get(first).replace("\t17080378\trs5746679\t", "\t17080378\trs5746679b\t"));
        Path vcf = dir.resolve("unsorted.vcf");
        Files.write(vcf, shuffled, StandardCharsets.UTF_8);
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_22.txt"));
        VcfScorer scorer = new VcfScorer(ScoreOptions.defaults().withMatch(MatchOptions.defaults().withMinimumOverlap(0)));

        assertThatThrownBy(() -> scorer.score(score, vcf))
                .isInstanceOfSatisfying(PermedException.class, error -> {
                    // the VCF reader itself refuses records out of order, before the scorer's own check
                    assertThat(error.errorCode().code()).isEqualTo("VCF_UNSORTED_RECORDS");
                    assertThat(error.details()).containsEntry("file", "unsorted.vcf").containsEntry("line", (long) first + 3);
                });
    }

    private static ScoreResult score(String scoreFile, String vcf, MissingGenotypes missing) {
        ScoringFile score = ScoringFileReader.read(TestData.resource(scoreFile));
        return new VcfScorer(ScoreOptions.defaults().withMissingGenotypes(missing)).score(score, TestData.resource(vcf));
    }

    private static void assertEqualsPlink2(List<SampleScore> ours, Map<String, Plink2Score> plink2) {
        assertThat(ours).extracting(SampleScore::sample).containsExactlyElementsOf(plink2.keySet());
        for (SampleScore score : ours) {
            Plink2Score expected = plink2.get(score.sample());
            assertThat(score.alleleCount()).as("DENOM of %s", score.sample()).isEqualTo(expected.denominator());
            assertThat(score.calledAlleleCount()).as("ALLELE_CT of %s", score.sample()).isEqualTo(expected.alleleCount());
            double tolerance = RELATIVE * Math.max(Math.abs(expected.sum()), FLOOR);
            assertThat(score.sum()).as("SUM of %s", score.sample()).isCloseTo(expected.sum(), org.assertj.core.data.Offset.offset(tolerance));
            double average = expected.sum() / expected.denominator();
            assertThat(score.average()).as("AVG of %s", score.sample())
                    .isCloseTo(average, org.assertj.core.data.Offset.offset(tolerance / expected.denominator()));
        }
    }

    /** plink2 printed 6 significant digits: ours, rounded the same way, must print the same. */
    private static void assertSixDigits(double ours, double printed, String sample) {
        assertThat(Math.abs(ours - printed)).as("sum of %s", sample).isLessThanOrEqualTo(5.01e-6 * Math.abs(printed) + 1e-12);
    }
}
