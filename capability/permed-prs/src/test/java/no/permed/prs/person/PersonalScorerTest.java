package no.permed.prs.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
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
import no.permed.prs.normalise.NormalisedResult;
import no.permed.prs.normalise.NormalisedScore;
import no.permed.prs.normalise.ReferenceNormaliser;
import no.permed.prs.score.ScoringFile;
import no.permed.prs.score.ScoringFileReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** Only the sample's calls, read from tiny1000G itself (not the reference copy a test deletes). */
    private static no.permed.prs.calc.GenotypeLoader person(String sample) {
        return loci -> VcfGenotypes.read(VCF, loci, sample::equals);
    }

    private static void assertPlink2sPercentileAmongEur(PersonalScore result, String sample) {
        double own = plink2.get(sample).sum();
        List<Double> eur = plink2Sums("EUR");
        assertThat(result.score().sum()).isCloseTo(own, within(1e-6));
        assertThat(result.percentile()).isEqualTo(100.0 * eur.stream().filter(value -> value <= own).count() / eur.size());
        assertThat(result.distribution().size()).isEqualTo(185);
    }

    @Test
    void aSecondPersonWithTheSameMatchedRowsDoesNotReadTheReferenceAgain(@TempDir Path directory) throws IOException {
        // the panel on a copy that is deleted after the first person: only what the scorer kept can answer the second
        Path copy = Files.copy(VCF, directory.resolve("reference.vcf.gz"));
        ReferencePanel panel = new ReferencePanel("tiny1000G copy", "GRCh38", copy, populations, Optional.empty());
        PersonalScorer scorer = new PersonalScorer(ScoreOptions.defaults());
        PersonalScore first = scorer.score(score, person("HG00096"), panel, Optional.of("EUR"), RiskBands.none());
        assertPlink2sPercentileAmongEur(first, "HG00096");
        assertThat(first.imputedFrom()).contains("EUR");
        Files.delete(copy);

        // tiny1000G has no missing calls at the score's sites: HG00097 matches the same 920 rows
        PersonalScore second = scorer.score(score, person("HG00097"), panel, Optional.of("EUR"), RiskBands.none());
        assertThat(second.sharedVariants()).isEqualTo(920);
        assertPlink2sPercentileAmongEur(second, "HG00097");
        assertThat(second.imputedFrom()).contains("EUR");

        // the reference's scores are kept, but EAS's effect allele frequencies were never read: the file is needed
        assertThatThrownBy(() -> scorer.score(score, person("HG00097"), panel, Optional.of("EAS"), RiskBands.none()))
                .isInstanceOf(RuntimeException.class);
        // and a scorer without a cache needs the file
        assertThatThrownBy(() -> new PersonalScorer(ScoreOptions.defaults(), 0).score(score, person("HG00097"), panel,
                Optional.of("EUR"), RiskBands.none())).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theCacheIsBounded(@TempDir Path directory) throws IOException {
        Path copy = Files.copy(VCF, directory.resolve("reference.vcf.gz"));
        ReferencePanel panel = new ReferencePanel("tiny1000G copy", "GRCh38", copy, populations, Optional.empty());
        // the same rows under another file name: another score for the cache
        ScoringFile other = new ScoringFile("other.txt", score.header(), score.harmonised(), score.variants());
        PersonalScorer scorer = new PersonalScorer(ScoreOptions.defaults(), 1);
        scorer.score(score, person("HG00096"), panel, Optional.of("EUR"), RiskBands.none());
        scorer.score(other, person("HG00096"), panel, Optional.of("EUR"), RiskBands.none());   // evicts the first
        Files.delete(copy);

        assertPlink2sPercentileAmongEur(scorer.score(other, person("HG00097"), panel, Optional.of("EUR"), RiskBands.none()),
                "HG00097");
        assertThatThrownBy(() -> scorer.score(score, person("HG00097"), panel, Optional.of("EUR"), RiskBands.none()))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void thePersonsNumbersAreThoseOfTheCommandLinesNormalisationOfAOneSampleVcf(@TempDir Path directory) throws IOException {
        Path one = directory.resolve("HG00096.vcf");
        TestData.writeSamples(VCF, one, "HG00096"::equals);
        RiskBands bands = RiskBands.parse("high:95,elevated:80");
        for (Optional<String> population : List.of(Optional.of("EUR"), Optional.of("ALL"), Optional.<String>empty())) {
            AncestryModel model = population.isEmpty() ? AncestryModel.fit(VCF, populations, AncestryModel.Options.defaults()) : null;
            ReferencePanel panel = new ReferencePanel("tiny1000G", "GRCh38", VCF, populations, Optional.ofNullable(model));
            PersonalScore personal = new PersonalScorer(ScoreOptions.defaults()).score(score, person("HG00096"), panel, population,
                    bands);
            // as permed prs --vcf HG00096.vcf --reference tiny1000G_500.vcf.gz --populations ... [--population P]
            ReferenceNormaliser normaliser = new ReferenceNormaliser(ScoreOptions.defaults());
            NormalisedResult cli = population.isPresent()
                    ? normaliser.normalise(score, one, VCF, populations, population.get(), bands)
                    : normaliser.normaliseByAncestry(score, one, VCF, populations, model, bands);
            NormalisedScore expected = cli.samples().get(0);
            // a VCF is summed as it streams, a loader's genotypes site by site: the sums may differ in the last bit
            assertThat(personal.score().sum()).as(population.toString()).isCloseTo(expected.score().sum(), within(1e-12));
            assertThat(personal.score().alleleCount()).isEqualTo(expected.score().alleleCount());
            assertThat(personal.score().calledAlleleCount()).isEqualTo(expected.score().calledAlleleCount());
            assertThat(personal.population()).isEqualTo(expected.population());
            assertThat(personal.percentile()).isEqualTo(expected.percentile());
            assertThat(personal.z()).isCloseTo(expected.z(), within(1e-12));
            assertThat(personal.band()).isEqualTo(expected.band());
            assertThat(personal.ancestry().isPresent()).isEqualTo(population.isEmpty()).isEqualTo(expected.ancestry().isPresent());
            personal.ancestry().ifPresent(assignment -> {
                AncestryModel.Assignment cliAssignment = expected.ancestry().orElseThrow();
                assertThat(assignment.superPopulation()).isEqualTo(cliAssignment.superPopulation());
                assertThat(assignment.distances()).isEqualTo(cliAssignment.distances());
                assertThat(assignment.coordinates()).isEqualTo(cliAssignment.coordinates());
                assertThat(assignment.variantsObserved()).isEqualTo(cliAssignment.variantsObserved());
            });
            assertThat(personal.sharedVariants()).isEqualTo(cli.sharedVariants());
            assertThat(personal.match()).isEqualTo(cli.target().match().report());
            assertThat(personal.imputedFrom()).isEqualTo(cli.imputedFrom()).contains(expected.population());
            assertThat(personal.distribution().values()).isEqualTo(cli.distributions().get(expected.population()).values());
        }
    }

    @Test
    void errorsNameThePanelNotItsFiles() {
        ReferencePanel panel = new ReferencePanel("1000 Genomes (test)", "GRCh38", VCF, populations, Optional.empty());
        PersonalScorer scorer = new PersonalScorer(ScoreOptions.defaults());
        // YRI is a 1000 Genomes population, but none of tiny1000G's first 500 samples
        assertThatThrownBy(() -> scorer.score(score, person("HG00096"), panel, Optional.of("YRI"), RiskBands.none()))
                .isInstanceOfSatisfying(PermedException.class, exception -> {
                    assertThat(exception.errorCode().code()).isEqualTo("PRS_REFERENCE_POPULATION_TOO_SMALL");
                    assertThat(exception.getMessage()).isEqualTo(
                            "the reference 1000 Genomes (test) has 0 samples of population YRI; at least 2 are needed");
                    assertThat(exception.details()).containsEntry("reference", "1000 Genomes (test)").doesNotContainKey("file");
                });
        assertThatThrownBy(() -> scorer.score(score, person("HG00096"), panel, Optional.of("XYZ"), RiskBands.none()))
                .isInstanceOfSatisfying(PermedException.class, exception -> assertThat(exception.getMessage())
                        .startsWith("the reference 1000 Genomes (test) has no population or super-population 'XYZ'; it has ")
                        .doesNotContain("20130606_g1k.ped.gz"));
        assertThatThrownBy(() -> scorer.score(score, loci -> VcfGenotypes.read(VCF, loci, sample -> false), panel, Optional.of("EUR"),
                RiskBands.none())).isInstanceOfSatisfying(PermedException.class,
                        exception -> assertThat(exception.errorCode().code()).isEqualTo("PRS_NO_GENOTYPES"));
    }
}
