package no.permed.prs.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.permed.kernel.PermedException;
import no.permed.prs.PrsErrorCode;
import no.permed.prs.TestData;
import no.permed.prs.TestData.Plink2Score;
import no.permed.prs.match.TargetSite;
import no.permed.prs.score.ScoringFile;
import no.permed.prs.score.ScoringFileReader;
import no.permed.vcf.read.RecordKind;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfReaderOptions;
import no.permed.vcf.read.VcfRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link VcfScorer#score(ScoringFile, GenotypeSource)}: the calls of a VCF handed over as a {@link GenotypeSource} (as
 * the genome store hands them) score exactly as plink2 2.00a3.5 scored the VCF (make-expected.sh).
 */
class GenotypeSourceScoringTest {
    private static final double RELATIVE = 1e-6;
    private static final double FLOOR = 0.1;

    @Test
    void cinecaAsAGenotypeSourceEqualsPlink2WithAndWithoutMeanImputation() {
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_22.txt"));
        InMemorySource source = InMemorySource.of("cineca_synthetic_subset.vcf.gz");

        ScoreResult mean = new VcfScorer(ScoreOptions.defaults()).score(score, source);
        assertThat(mean.match().report().matched()).isEqualTo(782);
        assertEqualsPlink2(mean.samples(), TestData.sscore("cineca_PGS001229_22.sscore.gz"));

        ScoreResult zero = new VcfScorer(ScoreOptions.defaults().withMissingGenotypes(MissingGenotypes.ZERO)).score(score, source);
        assertEqualsPlink2(zero.samples(), TestData.sscore("cineca_PGS001229_22_nomeanimp.sscore.gz"));
    }

    @Test
    void aSourceWithoutSamplesIsRefused() {
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_22.txt"));
        GenotypeSource empty = new InMemorySource(List.of(), Map.of(), Map.of());

        assertThatThrownBy(() -> new VcfScorer(ScoreOptions.defaults()).score(score, empty))
                .isInstanceOfSatisfying(PermedException.class, failure -> assertThat(failure.errorCode()).isEqualTo(PrsErrorCode.TARGET_NO_SAMPLES))
                .hasMessageContaining("has no samples");
    }

    /** The records of a VCF held in memory, looked up by position. */
    private record InMemorySource(List<String> samples, Map<String, List<TargetSite>> sites, Map<Long, byte[]> calls)
            implements GenotypeSource {
        static InMemorySource of(String vcf) {
            Map<String, List<TargetSite>> sites = new HashMap<>();
            Map<Long, byte[]> calls = new HashMap<>();
            try (VcfReader reader = VcfReader.open(TestData.resource(vcf), VcfReaderOptions.defaults())) {
                List<String> samples = reader.header().samples();
                long ordinal = 0;
                while (reader.advance()) {
                    VcfRecord record = reader.record();
                    if (record.kind() != RecordKind.VARIANT) {
                        continue;
                    }
                    TargetSite site = new TargetSite(++ordinal, record.contig(), record.position(), record.referenceAllele(),
                            record.alternateAlleles());
                    sites.computeIfAbsent(record.contig() + ":" + record.position(), key -> new ArrayList<>()).add(site);
                    int[] alleles = record.genotypes().alleleIndicesView();
                    byte[] ploidies = record.genotypes().ploidiesView();
                    byte[] row = new byte[2 * samples.size()];
                    for (int sample = 0; sample < samples.size(); sample++) {
                        int first = alleles[2 * sample];
                        int second = ploidies[sample] == 1 ? first : alleles[2 * sample + 1];
                        boolean missing = ploidies[sample] == 0 || first < 0 || second < 0;
                        row[2 * sample] = (byte) (missing ? -1 : first);
                        row[2 * sample + 1] = (byte) (missing ? -1 : second);
                    }
                    calls.put(site.ordinal(), row);
                }
                return new InMemorySource(List.copyOf(samples), sites, calls);
            }
        }

        @Override
        public String name() {
            return "in-memory source";
        }

        @Override
        public List<TargetSite> sites(String chromosome, int position) {
            return sites.getOrDefault(chromosome + ":" + position, List.of());
        }

        @Override
        public byte[] calls(TargetSite site) {
            return calls.get(site.ordinal());
        }
    }

    private static void assertEqualsPlink2(List<SampleScore> ours, Map<String, Plink2Score> plink2) {
        assertThat(ours).extracting(SampleScore::sample).containsExactlyElementsOf(plink2.keySet());
        for (SampleScore score : ours) {
            Plink2Score expected = plink2.get(score.sample());
            assertThat(score.alleleCount()).as("DENOM of %s", score.sample()).isEqualTo(expected.denominator());
            assertThat(score.calledAlleleCount()).as("ALLELE_CT of %s", score.sample()).isEqualTo(expected.alleleCount());
            double tolerance = RELATIVE * Math.max(Math.abs(expected.sum()), FLOOR);
            assertThat(score.sum()).as("SUM of %s", score.sample()).isCloseTo(expected.sum(), org.assertj.core.data.Offset.offset(tolerance));
        }
    }
}
