package no.permed.prs.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import no.permed.kernel.PermedException;
import no.permed.prs.PrsErrorCode;
import no.permed.prs.TestData;
import no.permed.prs.TestData.Plink2Score;
import no.permed.prs.calc.ScoreOptions;
import no.permed.prs.score.ScoringFile;
import no.permed.prs.score.ScoringFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Percentiles and Z-scores of tiny1000G (1000 Genomes 30×, 500 samples) × PGS001229 against the same samples as the
 * reference, labelled by the 1000 Genomes pedigree (20130606_g1k.ped): computed here independently from plink2's sums
 * (sorting and counting, mean and sample sd), by the definitions of docs/prs.md. plink2's sums are at least 3.4e-6
 * apart and ours within 1e-7 of them, so the counts are exact.
 */
class ReferenceNormaliserTest {
    private static final Path VCF = TestData.resource("tiny1000G_500.vcf.gz");
    private static final Path PEDIGREE = TestData.resource("20130606_g1k.ped.gz");

    @TempDir
    Path temporary;

    @Test
    void percentilesAndZScoresAgainstEurEqualAnIndependentComputationOnPlink2sSums() {
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_tiny1000G.structured.txt.gz"));
        Populations populations = PopulationFileReader.read(PEDIGREE);
        NormalisedResult result = new ReferenceNormaliser(ScoreOptions.defaults())
                .normalise(score, VCF, VCF, populations, "EUR", RiskBands.parse("high:95,elevated:80"));

        Map<String, Plink2Score> plink2 = TestData.sscore("tiny1000G_PGS001229.sscore.gz");
        List<Double> eur = new ArrayList<>();
        for (Map.Entry<String, Plink2Score> entry : plink2.entrySet()) {
            String population = populations.samples().get(entry.getKey()).population();
            if (population.equals("GBR") || population.equals("FIN") || population.equals("CEU") || population.equals("TSI")
                    || population.equals("IBS")) {
                eur.add(entry.getValue().sum());
            }
        }
        assertThat(eur).hasSize(99 + 86);   // FIN and GBR among the first 500 samples
        double mean = eur.stream().mapToDouble(Double::doubleValue).sum() / eur.size();
        double squares = eur.stream().mapToDouble(value -> (value - mean) * (value - mean)).sum();
        double sd = Math.sqrt(squares / (eur.size() - 1));

        assertThat(result.sharedVariants()).isEqualTo(920).isEqualTo(result.targetVariants());
        assertThat(result.unlabelledReferenceSamples()).isZero();
        assertThat(result.distribution().size()).isEqualTo(185);
        assertThat(result.distribution().mean()).isCloseTo(mean, within(1e-6));
        assertThat(result.distribution().standardDeviation()).isCloseTo(sd, within(1e-6));
        assertThat(result.samples()).hasSize(500);
        int high = 0;
        for (NormalisedScore sample : result.samples()) {
            double own = plink2.get(sample.score().sample()).sum();
            long atOrBelow = eur.stream().filter(value -> value <= own).count();
            assertThat(sample.percentile()).as(sample.score().sample()).isEqualTo(100.0 * atOrBelow / eur.size());
            assertThat(sample.z()).isCloseTo((own - mean) / sd, within(1e-5));
            assertThat(sample.population()).isEqualTo("EUR");
            String expectedBand = sample.percentile() > 95 ? "high" : sample.percentile() > 80 ? "elevated" : null;
            assertThat(sample.band().orElse(null)).isEqualTo(expectedBand);
            if (eur.contains(own) && sample.band().filter("high"::equals).isPresent()) {
                high++;
            }
        }
        // of the 185 EUR samples, rank k (1 = lowest) has percentile 100 k / 185, above 95 for k ≥ 176: the top 10
        assertThat(high).isEqualTo(10);
        // the reference's highest EUR sample is at 100
        assertThat(result.samples()).anySatisfy(sample -> assertThat(sample.percentile()).isEqualTo(100.0));
    }

    @Test
    void aReferenceLackingSomeVariantsIsComparedOverTheSharedOnes() throws IOException {
        // the reference: tiny1000G without its first 200 records
        List<String> lines = gunzip(VCF);
        List<String> reference = new ArrayList<>();
        Set<String> dropped = new TreeSet<>();
        int records = 0;
        for (String line : lines) {
            if (!line.startsWith("#") && records++ < 200) {
                String[] fields = line.split("\t", 6);
                dropped.add(fields[0] + ":" + fields[1] + ":" + fields[3] + ":" + fields[4]);
                continue;
            }
            reference.add(line);
        }
        Path referenceVcf = temporary.resolve("reference.vcf");
        Files.write(referenceVcf, reference, StandardCharsets.UTF_8);
        // plink2's variant list of the full run, less those in the dropped records
        List<String> plink2Variants = TestData.lines("tiny1000G_PGS001229.sscore.vars.gz");
        long shared = plink2Variants.stream().filter(site -> !dropped.contains(site)).count();
        assertThat(shared).isLessThan(920);

        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_tiny1000G.structured.txt.gz"));
        NormalisedResult result = new ReferenceNormaliser(ScoreOptions.defaults().withMatch(
                ScoreOptions.defaults().match().withMinimumOverlap(0.5)))
                .normalise(score, VCF, referenceVcf, PopulationFileReader.read(PEDIGREE), "EAS", RiskBands.none());

        assertThat(result.targetVariants()).isEqualTo(920);
        assertThat(result.sharedVariants()).isEqualTo(shared);
        assertThat(result.distribution().size()).isEqualTo(163 + 15);   // CHS and CDX
        assertThat(result.samples()).allSatisfy(sample -> {
            assertThat(sample.score().alleleCount()).isEqualTo(2 * shared);
            assertThat(sample.band()).isEmpty();
        });

        // at the default 75 % the shared variants are too few
        assertThatThrownBy(() -> new ReferenceNormaliser(ScoreOptions.defaults())
                .normalise(score, VCF, referenceVcf, PopulationFileReader.read(PEDIGREE), "EAS", RiskBands.none()))
                .isInstanceOfSatisfying(PermedException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(PrsErrorCode.REFERENCE_OVERLAP_TOO_LOW);
                    assertThat(error.getMessage()).contains("of the 920 variants", "only " + shared + " are in the reference");
                });
    }

    @Test
    void anUnknownOrTooSmallPopulationIsRefused() throws IOException {
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_tiny1000G.structured.txt.gz"));
        ReferenceNormaliser normaliser = new ReferenceNormaliser(ScoreOptions.defaults());
        assertThatThrownBy(() -> normaliser.normalise(score, VCF, VCF, PopulationFileReader.read(PEDIGREE), "EURO", RiskBands.none()))
                .isInstanceOfSatisfying(PermedException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(PrsErrorCode.REFERENCE_POPULATION_TOO_SMALL);
                    assertThat(error.getMessage()).contains("20130606_g1k.ped.gz", "'EURO'", "AFR, AMR, ASW", "EUR");
                });
        // YRI is in the pedigree but not among the first 500 samples of the reference
        assertThatThrownBy(() -> normaliser.normalise(score, VCF, VCF, PopulationFileReader.read(PEDIGREE), "YRI", RiskBands.none()))
                .isInstanceOfSatisfying(PermedException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(PrsErrorCode.REFERENCE_POPULATION_TOO_SMALL);
                    assertThat(error.getMessage()).contains("the reference has 0 samples of population YRI");
                });
    }

    @Test
    void messagesNameTheFilesOnTheCommandLineAndAPanelByItsName() {
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_tiny1000G.structured.txt.gz"));
        Populations populations = PopulationFileReader.read(PEDIGREE);
        ReferenceNormaliser normaliser = new ReferenceNormaliser(ScoreOptions.defaults());
        assertThatThrownBy(() -> normaliser.normalise(score, VCF, VCF, populations, "YRI", RiskBands.none()))
                .isInstanceOfSatisfying(PermedException.class, error -> {
                    assertThat(error.getMessage()).isEqualTo(
                            "the reference has 0 samples of population YRI (by 20130606_g1k.ped.gz); at least 2 are needed");
                    assertThat(error.details()).isEqualTo(Map.of("file", "20130606_g1k.ped.gz", "population", "YRI"));
                });
        Reference panel = Reference.named("1000 Genomes (test)", VCF, populations);
        no.permed.prs.calc.GenotypeLoader person = loci -> no.permed.prs.calc.VcfGenotypes.read(VCF, loci, "HG00096"::equals);
        assertThatThrownBy(() -> normaliser.normalise(score, person, panel, "YRI", RiskBands.none()))
                .isInstanceOfSatisfying(PermedException.class, error -> {
                    assertThat(error.getMessage()).isEqualTo(
                            "the reference 1000 Genomes (test) has 0 samples of population YRI; at least 2 are needed");
                    assertThat(error.details()).isEqualTo(Map.of("reference", "1000 Genomes (test)", "population", "YRI"));
                });
        assertThatThrownBy(() -> normaliser.normalise(score, person, panel, "EURO", RiskBands.none()))
                .isInstanceOfSatisfying(PermedException.class, error -> assertThat(error.getMessage())
                        .startsWith("the reference 1000 Genomes (test) has no population or super-population 'EURO'; it has ACB, AFR, ")
                        .endsWith(" (or use ALL)"));
    }

    @Test
    void aCachingNormaliserAnswersAgainWithoutTheReferenceAndAsOneWithout() throws IOException {
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_tiny1000G.structured.txt.gz"));
        Populations populations = PopulationFileReader.read(PEDIGREE);
        Path copy = Files.copy(VCF, temporary.resolve("reference.vcf.gz"));
        RiskBands bands = RiskBands.parse("high:95");
        NormalisedResult uncached = new ReferenceNormaliser(ScoreOptions.defaults()).normalise(score, VCF, copy, populations, "EUR", bands);
        ReferenceNormaliser caching = new ReferenceNormaliser(ScoreOptions.defaults(), 4);
        NormalisedResult first = caching.normalise(score, VCF, copy, populations, "EUR", bands);
        Files.delete(copy);
        // the same target rows: the reference's scores come from the cache (the file is gone); another population too
        NormalisedResult second = caching.normalise(score, VCF, copy, populations, "EUR", bands);
        NormalisedResult amr = caching.normalise(score, VCF, copy, populations, "AMR", bands);
        for (NormalisedResult result : List.of(first, second)) {
            assertThat(result.samples()).isEqualTo(uncached.samples());
            assertThat(result.distribution().values()).isEqualTo(uncached.distribution().values());
            assertThat(result.sharedVariants()).isEqualTo(uncached.sharedVariants());
        }
        assertThat(amr.distribution().size()).isEqualTo(amr.reference().samples().stream()
                .filter(sample -> populations.of(sample.sample()).orElseThrow().belongsTo("AMR")).count());
        assertThatThrownBy(() -> new ReferenceNormaliser(ScoreOptions.defaults()).normalise(score, VCF, copy, populations, "EUR", bands))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void thePedigreeAndASamplePopulationTableReadAlike() throws IOException {
        Populations pedigree = PopulationFileReader.read(PEDIGREE);
        assertThat(pedigree.samples()).hasSize(3501);
        assertThat(pedigree.of("HG00096")).contains(new PopulationLabel("GBR", java.util.Optional.of("EUR")));
        assertThat(pedigree.codes()).contains("AFR", "AMR", "EAS", "EUR", "SAS", "GBR", "YRI").hasSize(26 + 5);
        // the same samples as sample/population/super_population (the layout of the IGSR sample table)
        List<String> table = new ArrayList<>();
        table.add("sample\tpopulation\tsuper_population\tsex");
        for (String line : gunzip(PEDIGREE).subList(1, 3502)) {
            String[] fields = line.split("\t");
            table.add(fields[1] + "\t" + fields[6] + "\t" + Populations.thousandGenomesSuperPopulation(fields[6]).orElseThrow() + "\tx");
        }
        Path file = temporary.resolve("samples.tsv");
        Files.write(file, table, StandardCharsets.UTF_8);
        assertThat(PopulationFileReader.read(file).samples()).isEqualTo(pedigree.samples());
    }

    @Test
    void badPopulationFileLinesNameFileLineAndField() throws IOException {
        assertInvalid("sample\tsuper_population\nHG00096\tEUR\n", "samples.tsv, line 1", "population", "no population column");
        assertInvalid("sample\tpopulation\nHG00096\tGBR\nHG00097\n", "samples.tsv, line 3", "population", "fewer than the header");
        assertInvalid("sample\tpopulation\n\nHG00096\tGBR\n\tGBR\n", "samples.tsv, line 4", "sample", "empty");
        assertInvalid("sample\tpopulation\nHG00096\tGBR\nHG00096\tFIN\n", "samples.tsv, line 3", "sample", "another population");
        assertThatThrownBy(() -> PopulationFileReader.read(temporary.resolve("none.tsv")))
                .isInstanceOfSatisfying(PermedException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(PrsErrorCode.POPULATION_FILE_NOT_READABLE);
                    assertThat(error.getMessage()).contains("none.tsv", "does not exist");
                });
    }

    @Test
    void riskBandsParseAndPickTheHighestThresholdExceeded() {
        RiskBands bands = RiskBands.parse("elevated:80, high:95");
        assertThat(bands.band(95.0)).contains("elevated");
        assertThat(bands.band(95.01)).contains("high");
        assertThat(bands.band(80.0)).isEmpty();
        assertThat(RiskBands.none().band(100)).isEmpty();
        for (String bad : List.of("high", "high:95%", "high:100", "high:95,high:80", "a b:5", "")) {
            assertThatThrownBy(() -> RiskBands.parse(bad)).as(bad).isInstanceOfSatisfying(PermedException.class,
                    error -> assertThat(error.errorCode()).isEqualTo(PrsErrorCode.RISK_BANDS_INVALID));
        }
    }

    private void assertInvalid(String content, String where, String field, String reason) throws IOException {
        Path file = temporary.resolve("samples.tsv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PopulationFileReader.read(file)).isInstanceOfSatisfying(PermedException.class, error -> {
            assertThat(error.errorCode()).isEqualTo(PrsErrorCode.POPULATION_FILE_INVALID);
            assertThat(error.getMessage()).contains(where, reason);
            assertThat(error.details()).containsEntry("field", field).containsEntry("file", "samples.tsv");
        });
    }

    private static List<String> gunzip(Path file) throws IOException {
        try (GZIPInputStream input = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
