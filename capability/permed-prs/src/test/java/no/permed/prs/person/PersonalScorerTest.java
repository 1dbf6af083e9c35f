package no.permed.prs.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import no.permed.kernel.PermedException;
import no.permed.prs.TestData;
import no.permed.prs.TestData.Plink2Score;
import no.permed.prs.ancestry.AncestryModel;
import no.permed.prs.calc.Locus;
import no.permed.prs.calc.ScoreOptions;
import no.permed.prs.calc.VcfGenotypes;
import no.permed.prs.normalise.PopulationFileReader;
import no.permed.prs.normalise.Populations;
import no.permed.prs.normalise.RiskBands;
import no.permed.prs.score.ScoringFile;
import no.permed.prs.score.ScoringFileReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One person of tiny1000G (1000 Genomes 30×, GRCh38; no missing calls at the score's sites) scored with PGS001229 and
 * placed among the same 500 samples as reference: the sum must be plink2's for that sample, and the percentile and z
 * those computed here from plink2's sums of the reference population (sorting and counting).
 */
class PersonalScorerTest {
    static final Path VCF = TestData.resource("tiny1000G_500.vcf.gz");
    private static ScoringFile score;
    private static Populations populations;
    private static Map<String, Plink2Score> plink2;

    @BeforeAll
    static void read() {
        score = ScoringFileReader.read(TestData.resource("PGS001229_tiny1000G.structured.txt.gz"));
        populations = PopulationFileReader.read(TestData.resource("20130606_g1k.ped.gz"));
        plink2 = TestData.sscore("tiny1000G_PGS001229.sscore.gz");
    }

    private static List<Double> plink2Sums(String superPopulation) {
        List<Double> sums = new ArrayList<>();
        plink2.forEach((sample, result) -> {
            if (populations.of(sample).orElseThrow().belongsTo(superPopulation)) {
                sums.add(result.sum());
            }
        });
        return sums;
    }

    @Test
    void aNamedPopulationGivesPlink2sSumAndThePercentileAmongPlink2sReferenceSums() {
        ReferencePanel panel = new ReferencePanel("tiny1000G (500 samples)", "GRCh38", VCF, populations, Optional.empty());
        AtomicReference<Set<Locus>> asked = new AtomicReference<>();
        PersonalScore result = new PersonalScorer(ScoreOptions.defaults()).score(score, loci -> {
            asked.set(loci);
            return VcfGenotypes.read(VCF, loci, "HG00096"::equals);
        }, panel, Optional.of("EUR"), RiskBands.parse("high:95,elevated:80"));

        assertThat(asked.get()).isEqualTo(Locus.of(score));
        double own = plink2.get("HG00096").sum();
        List<Double> eur = plink2Sums("EUR");
        assertThat(eur).hasSize(185);
        assertThat(result.score().sum()).isCloseTo(own, within(1e-6));
        assertThat(result.score().alleleCount()).isEqualTo(plink2.get("HG00096").alleleCount());
        assertThat(result.sharedVariants()).isEqualTo(920);
        assertThat(result.match().matched()).isEqualTo(920);
        long atOrBelow = eur.stream().filter(value -> value <= own).count();
        assertThat(result.percentile()).isEqualTo(100.0 * atOrBelow / 185);
        double mean = eur.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sd = Math.sqrt(eur.stream().mapToDouble(value -> (value - mean) * (value - mean)).sum() / 184);
        assertThat(result.z()).isCloseTo((own - mean) / sd, within(1e-5));
        assertThat(result.population()).isEqualTo("EUR");
        assertThat(result.choice()).isEqualTo(PopulationChoice.GIVEN);
        assertThat(result.ancestry()).isEmpty();
        assertThat(result.band().orElse(null)).isEqualTo(result.percentile() > 95 ? "high" : result.percentile() > 80 ? "elevated" : null);
        assertThat(result.distribution().values()).hasSize(185);
    }

    @Test
    void withoutAPopulationTheAncestryModelChoosesTheSuperPopulationOfThePedigree() {
        AncestryModel model = AncestryModel.fit(VCF, populations, AncestryModel.Options.defaults());
        ReferencePanel panel = new ReferencePanel("tiny1000G (500 samples)", "GRCh38", VCF, populations, Optional.of(model));
        PersonalScorer scorer = new PersonalScorer(ScoreOptions.defaults());
        // one sample of each super-population present (GBR, CHS, PUR)
        for (String sample : List.of("HG00096", "HG00403", "HG00551")) {
            AtomicReference<Set<Locus>> asked = new AtomicReference<>();
            PersonalScore result = scorer.score(score, loci -> {
                asked.set(loci);
                return VcfGenotypes.read(VCF, loci, sample::equals);
            }, panel, Optional.empty(), RiskBands.none());
            String expected = Populations.thousandGenomesSuperPopulation(populations.of(sample).orElseThrow().population()).orElseThrow();
            assertThat(asked.get()).containsAll(model.loci()).containsAll(Locus.of(score));
            assertThat(result.choice()).isEqualTo(PopulationChoice.ANCESTRY);
            assertThat(result.population()).as(sample).isEqualTo(expected);
            assertThat(result.ancestry().orElseThrow().superPopulation()).isEqualTo(expected);
            double own = plink2.get(sample).sum();
            List<Double> reference = plink2Sums(expected);
            assertThat(result.percentile()).isEqualTo(100.0 * reference.stream().filter(value -> value <= own).count() / reference.size());
        }
    }

    @Test
    void anUnknownPopulationOrNoModelIsRefused() {
        ReferencePanel panel = new ReferencePanel("tiny1000G", "GRCh38", VCF, populations, Optional.empty());
        PersonalScorer scorer = new PersonalScorer(ScoreOptions.defaults());
        assertThatThrownBy(() -> scorer.score(score, loci -> VcfGenotypes.read(VCF, loci, "HG00096"::equals), panel, Optional.of("XYZ"),
                RiskBands.none())).isInstanceOfSatisfying(PermedException.class,
                        exception -> assertThat(exception.getMessage()).contains("no population or super-population 'XYZ'"));
        assertThatThrownBy(() -> scorer.score(score, loci -> VcfGenotypes.read(VCF, loci, "HG00096"::equals), panel, Optional.empty(),
                RiskBands.none())).isInstanceOfSatisfying(PermedException.class,
                        exception -> assertThat(exception.getMessage()).contains("no ancestry model: name the population"));
    }
}
