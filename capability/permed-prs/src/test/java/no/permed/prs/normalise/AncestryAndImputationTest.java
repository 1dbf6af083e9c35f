package no.permed.prs.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.zip.GZIPInputStream;
import no.permed.prs.TestData;
import no.permed.prs.ancestry.AncestryModel;
import no.permed.prs.calc.SampleScore;
import no.permed.prs.calc.ScoreOptions;
import no.permed.prs.calc.VcfScorer;
import no.permed.prs.match.VariantMatch;
import no.permed.prs.score.ScoringFile;
import no.permed.prs.score.ScoringFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference population chosen per sample by ancestry, and one person's missing calls imputed from the reference,
 * on tiny1000G (1000 Genomes 30×, 500 samples, 1,004 records over every chromosome) × PGS001229, split in the test into
 * a target and a reference that share no sample. The truth is IGSR's: the 1000 Genomes pedigree's populations (grouped
 * into super-populations here, independently of the code under test) and plink2's sums.
 */
class AncestryAndImputationTest {
    private static final Path VCF = TestData.resource("tiny1000G_500.vcf.gz");
    private static final Path PEDIGREE = TestData.resource("20130606_g1k.ped.gz");
    private static final Map<String, String> SUPER_POPULATION = new HashMap<>();

    static {
        for (String code : List.of("GBR", "FIN", "CEU", "TSI", "IBS")) {
            SUPER_POPULATION.put(code, "EUR");
        }
        for (String code : List.of("YRI", "LWK", "GWD", "MSL", "ESN", "ASW", "ACB")) {
            SUPER_POPULATION.put(code, "AFR");
        }
        for (String code : List.of("CHB", "JPT", "CHS", "CDX", "KHV")) {
            SUPER_POPULATION.put(code, "EAS");
        }
        for (String code : List.of("MXL", "PUR", "CLM", "PEL")) {
            SUPER_POPULATION.put(code, "AMR");
        }
        for (String code : List.of("GIH", "PJL", "BEB", "STU", "ITU")) {
            SUPER_POPULATION.put(code, "SAS");
        }
    }

    @TempDir
    Path temporary;

    @Test
    void eachSampleOfAMixedCohortIsComparedWithItsOwnSuperPopulation() throws IOException {
        // every 5th sample is the target (100), the other 400 the reference: nobody is compared with themselves
        Path target = temporary.resolve("target.vcf");
        Path reference = temporary.resolve("reference.vcf");
        subset(VCF, target, sample -> sample % 5 == 0, Set.of());
        subset(VCF, reference, sample -> sample % 5 != 0, Set.of());
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_tiny1000G.structured.txt.gz"));
        Populations populations = PopulationFileReader.read(PEDIGREE);
        AncestryModel model = AncestryModel.fit(reference, populations, AncestryModel.Options.defaults());
        NormalisedResult result = new ReferenceNormaliser(ScoreOptions.defaults())
                .normaliseByAncestry(score, target, reference, populations, model, RiskBands.parse("high:95"));

        assertThat(result.byAncestry()).isTrue();
        assertThat(result.samples()).hasSize(100);
        Map<String, int[]> tally = new TreeMap<>();   // super-population -> [right, total]
        for (NormalisedScore sample : result.samples()) {
            String truth = SUPER_POPULATION.get(populations.samples().get(sample.score().sample()).population());
            int[] counts = tally.computeIfAbsent(truth, key -> new int[2]);
            counts[1]++;
            if (sample.population().equals(truth)) {
                counts[0]++;
            }
            AncestryModel.Assignment assignment = sample.ancestry().orElseThrow();
            assertThat(assignment.superPopulation()).isEqualTo(sample.population());
            assertThat(assignment.margin()).isGreaterThanOrEqualTo(1);
            // its percentile among the reference sums of its own population, counted here
            List<Double> sums = new ArrayList<>();
            for (SampleScore referenceSample : result.reference().samples()) {
                if (sample.population().equals(SUPER_POPULATION.get(populations.samples().get(referenceSample.sample()).population()))) {
                    sums.add(referenceSample.sum());
                }
            }
            long atOrBelow = sums.stream().filter(sum -> sum <= sample.score().sum()).count();
            assertThat(sample.percentile()).isCloseTo(100.0 * atOrBelow / sums.size(), within(1e-9));
            assertThat(result.distributions().get(sample.population()).size()).isEqualTo(sums.size());
        }
        int right = tally.values().stream().mapToInt(counts -> counts[0]).sum();
        Map<String, String> report = new LinkedHashMap<>();
        tally.forEach((name, counts) -> report.put(name, counts[0] + "/" + counts[1]));
        System.out.println("ancestry of the 100 target samples: " + right + "/100 " + report);
        // the first 500 samples of 1000 Genomes are of three super-populations (the model knows those only too)
        assertThat(tally).containsOnlyKeys("AMR", "EAS", "EUR");
        // EAS and EUR must be nearly all right; AMR is admixed (EUR, AFR, native American) and may go to EUR now and then
        for (String distinct : List.of("EAS", "EUR")) {
            int[] counts = tally.get(distinct);
            assertThat(counts[0]).as(distinct + " " + report).isGreaterThanOrEqualTo((int) Math.ceil(0.95 * counts[1]));
        }
        assertThat(right).as(report.toString()).isGreaterThanOrEqualTo(90);
        assertThat(result.imputedFrom()).isEmpty();   // a cohort imputes from itself
    }

    @Test
    void genotypesFromALoaderAreNormalisedAsTheVcfTheyWereReadFrom() throws IOException {
        // the same target handed over as a GenotypeLoader (as the genome store hands over its samples): one normalisation
        Path target = temporary.resolve("target.vcf");
        Path reference = temporary.resolve("reference.vcf");
        subset(VCF, target, sample -> sample % 5 == 0, Set.of());
        subset(VCF, reference, sample -> sample % 5 != 0, Set.of());
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_tiny1000G.structured.txt.gz"));
        Populations populations = PopulationFileReader.read(PEDIGREE);
        AncestryModel model = AncestryModel.fit(reference, populations, AncestryModel.Options.defaults());
        ReferenceNormaliser normaliser = new ReferenceNormaliser(ScoreOptions.defaults());
        List<Set<no.permed.prs.calc.Locus>> asked = new ArrayList<>();
        no.permed.prs.calc.GenotypeLoader loader = loci -> {
            asked.add(Set.copyOf(loci));
            return no.permed.prs.calc.VcfGenotypes.read(target, loci, sample -> true);
        };
        RiskBands bands = RiskBands.parse("high:95,elevated:80");

        assertSame(normaliser.normalise(score, target, reference, populations, "EUR", bands),
                normaliser.normalise(score, loader, reference, populations, "EUR", bands));
        // loaded once, at the score's positions
        assertThat(asked).containsExactly(no.permed.prs.calc.Locus.of(score));

        asked.clear();
        NormalisedResult byAncestry = normaliser.normaliseByAncestry(score, loader, reference, populations, model, bands);
        assertSame(normaliser.normaliseByAncestry(score, target, reference, populations, model, bands), byAncestry);
        assertThat(byAncestry.byAncestry()).isTrue();
        // loaded once, at the score's positions and the model's
        assertThat(asked).singleElement().satisfies(loci -> assertThat(loci).containsAll(no.permed.prs.calc.Locus.of(score))
                .containsAll(model.loci()));
    }

    /** Same samples, populations, percentiles and bands; sums, z and ancestry distances within 1e-9 relative. */
    private static void assertSame(NormalisedResult expected, NormalisedResult actual) {
        assertThat(actual.sharedVariants()).isEqualTo(expected.sharedVariants());
        assertThat(actual.targetVariants()).isEqualTo(expected.targetVariants());
        assertThat(actual.target().match().report().summary()).isEqualTo(expected.target().match().report().summary());
        assertThat(actual.distributions().keySet()).isEqualTo(expected.distributions().keySet());
        assertThat(actual.samples()).hasSameSizeAs(expected.samples());
        for (int index = 0; index < expected.samples().size(); index++) {
            NormalisedScore want = expected.samples().get(index);
            NormalisedScore got = actual.samples().get(index);
            String name = want.score().sample();
            assertThat(got.score().sample()).isEqualTo(name);
            assertThat(got.score().alleleCount()).as(name).isEqualTo(want.score().alleleCount());
            assertThat(got.score().sum()).as(name).isCloseTo(want.score().sum(), within(1e-9 * Math.max(Math.abs(want.score().sum()), 1e-3)));
            assertThat(got.population()).as(name).isEqualTo(want.population());
            assertThat(got.percentile()).as(name).isEqualTo(want.percentile());
            assertThat(got.band()).as(name).isEqualTo(want.band());
            assertThat(got.z()).as(name).isCloseTo(want.z(), within(1e-9 * Math.max(Math.abs(want.z()), 1)));
            assertThat(got.ancestry().isPresent()).isEqualTo(want.ancestry().isPresent());
            want.ancestry().ifPresent(assignment -> assertThat(got.ancestry().orElseThrow().distances().get(want.population()))
                    .isCloseTo(assignment.distances().get(want.population()), within(1e-9)));
        }
    }

    @Test
    void onePersonsMissingCallsAreImputedFromTheReferencePopulationsFrequencies() throws IOException {
        // HG00096 (GBR, the VCF's first sample) alone, every 7th record's call set missing; the other 499 are the reference
        Path person = temporary.resolve("HG00096.vcf");
        Path reference = temporary.resolve("reference.vcf");
        Set<Long> blanked = new java.util.HashSet<>();
        for (long record = 7; record <= 1004; record += 7) {
            blanked.add(record);
        }
        subset(VCF, person, sample -> sample == 0, blanked);
        subset(VCF, reference, sample -> sample != 0, Set.of());
        ScoringFile score = ScoringFileReader.read(TestData.resource("PGS001229_tiny1000G.structured.txt.gz"));
        Populations populations = PopulationFileReader.read(PEDIGREE);
        NormalisedResult result = new ReferenceNormaliser(ScoreOptions.defaults())
                .normalise(score, person, reference, populations, "EUR", RiskBands.none());
        assertThat(result.imputedFrom()).contains("EUR");
        assertThat(result.sharedVariants()).isEqualTo(920);

        // by hand: plink2's sum of HG00096 (every call present, 500 samples) with each blanked variant's contribution
        // w x dosage replaced by w x 2p, p the effect allele frequency among the reference's EUR samples (read from the text)
        List<String[]> original = records(VCF);
        List<String> samples = samples(VCF);
        double expected = TestData.sscore("tiny1000G_PGS001229.sscore.gz").get("HG00096").sum();
        double withoutImputation = expected;
        int replaced = 0;
        for (VariantMatch match : result.target().match().matches()) {
            if (!match.isMatched() || !blanked.contains(match.site().orElseThrow().ordinal())) {
                continue;
            }
            String[] fields = original.get((int) match.site().orElseThrow().ordinal() - 1);
            String effect = Integer.toString(match.effectAlleleIndex());
            double weight = match.variant().weight();
            int own = copies(fields[9], effect);
            long copies = 0;
            long alleles = 0;
            for (int sample = 1; sample < samples.size(); sample++) {
                String population = populations.samples().get(samples.get(sample)).population();
                if (!"EUR".equals(SUPER_POPULATION.get(population))) {
                    continue;
                }
                String call = fields[9 + sample].split(":")[0];
                String[] values = call.split("[/|]");
                // a haploid call (chrX of a man) counts as homozygous, two alleles, as plink2 counts it without sexes
                int weightPerAllele = values.length == 1 ? 2 : 1;
                for (String allele : values) {
                    if (!allele.equals(".")) {
                        alleles += weightPerAllele;
                        copies += allele.equals(effect) ? weightPerAllele : 0;
                    }
                }
            }
            double p = (double) copies / alleles;
            expected += weight * 2 * p - weight * own;
            withoutImputation -= weight * own;
            replaced++;
        }
        assertThat(replaced).isGreaterThan(100);
        SampleScore scored = result.samples().get(0).score();
        assertThat(scored.alleleCount()).isEqualTo(2 * 920);
        assertThat(scored.sum()).isCloseTo(expected, within(1e-6));
        // scored without the reference, a missing call of one person alone adds nothing: a different number
        double alone = new VcfScorer(ScoreOptions.defaults()).score(score, person).samples().get(0).sum();
        assertThat(alone).isCloseTo(withoutImputation, within(1e-6));
        assertThat(Math.abs(alone - expected)).isGreaterThan(1e-3);
    }

    /** The copies of an allele in a call; a haploid call counts twice. */
    private static int copies(String call, String allele) {
        String[] values = call.split(":")[0].split("[/|]");
        int copies = 0;
        for (String value : values) {
            copies += value.equals(allele) ? 1 : 0;
        }
        return values.length == 1 ? 2 * copies : copies;
    }

    /** Writes the samples {@code keep} accepts (by 0-based column), with the calls of the given records (1-based) missing. */
    private static void subset(Path source, Path out, IntPredicate keep, Set<Long> blanked) throws IOException {
        StringBuilder text = new StringBuilder();
        long record = 0;
        try (BufferedReader reader = open(source)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("##")) {
                    text.append(line).append('\n');
                    continue;
                }
                boolean data = !line.startsWith("#");
                if (data) {
                    record++;
                }
                String[] fields = line.split("\t", -1);
                StringBuilder row = new StringBuilder(String.join("\t", java.util.Arrays.copyOf(fields, 9)));
                for (int sample = 0; sample + 9 < fields.length; sample++) {
                    if (keep.test(sample)) {
                        String value = fields[9 + sample];
                        if (data && blanked.contains(record)) {
                            value = value.contains("|") || value.contains("/") ? "./." : ".";
                        }
                        row.append('\t').append(value);
                    }
                }
                text.append(row).append('\n');
            }
        }
        Files.writeString(out, text, StandardCharsets.UTF_8);
    }

    private static List<String[]> records(Path vcf) throws IOException {
        List<String[]> records = new ArrayList<>();
        try (BufferedReader reader = open(vcf)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("#")) {
                    records.add(line.split("\t", -1));
                }
            }
        }
        return records;
    }

    private static List<String> samples(Path vcf) throws IOException {
        try (BufferedReader reader = open(vcf)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#CHROM")) {
                    String[] fields = line.split("\t");
                    return List.of(java.util.Arrays.copyOfRange(fields, 9, fields.length));
                }
            }
        }
        throw new IllegalStateException("no #CHROM line");
    }

    private static BufferedReader open(Path gzip) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gzip)), StandardCharsets.UTF_8));
    }
}
