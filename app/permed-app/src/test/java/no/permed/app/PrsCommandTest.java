package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import no.permed.app.cli.ExitCodes;
import no.permed.app.cli.PermedCommand;
import no.permed.prs.score.ScoreHeader;
import no.permed.testing.SharedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code permed prs} as an operator runs it, on the inputs of permed-prs's plink2 tests: every sample's sum and
 * average equal {@code plink2 --score} 2.00a3.5's (run by capability/permed-prs/src/test/reference/make-expected.sh,
 * see the README next to its outputs) within that module's tolerance, and the match counts equal pgsc_calc's own test
 * report (782 matched, 47 strand-ambiguous, 6 unmatched).
 */
class PrsCommandTest {
    private static final Path PRS = Path.of("../../capability/permed-prs/src/test/resources/prs");
    private static final Path CINECA = PRS.resolve("cineca_synthetic_subset.vcf.gz");
    private static final Path PGS001229_22 = PRS.resolve("PGS001229_22.txt");
    private static final Path TINY = PRS.resolve("tiny1000G_500.vcf.gz");
    private static final Path TINY_SCORE = PRS.resolve("PGS001229_tiny1000G.structured.txt.gz");
    /** The 1000 Genomes pedigree, shared/data/genotypes/20130606_g1k.ped (gzip). */
    private static final Path PEDIGREE = PRS.resolve("20130606_g1k.ped.gz");
    /** IGSR's 1000 Genomes phase 3 sample table (sample, population, super_population, sex), the demo's copy. */
    private static final Path DEMO_SAMPLES = Path.of("src/main/resources/no/permed/app/demo/1kg_phase3_samples.tsv");
    /** The tolerance of permed-prs's VcfScorerPlink2Test: 1e-6 × max(|plink2 sum|, 0.1), for the average ÷ DENOM. */
    private static final double RELATIVE = 1e-6;
    private static final double FLOOR = 0.1;

    @TempDir
    Path temporary;


    /** One sample of a plink2 .sscore: DENOM and the sum of its *_SUM score columns (make-expected.sh splits weights). */
    record Plink2Score(int denominator, double sum) {
    }

    /** One row of our table. */
    record Row(String sample, int alleleCount, double sum, double average) {
    }

    private static CommandRun permed(String... arguments) {
        return CommandRun.of(arguments);
    }

    @Test
    void cinecaWithMeanImputationEqualsPlink2AndShowsTheScoreItsLicenceAndTheMatchCounts() throws IOException {
        Path out = temporary.resolve("scores.tsv");
        CommandRun result = permed("prs", "--score", PGS001229_22.toString(), "--vcf", CINECA.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("sample\tallele_count\tsum\tavg");
        assertEqualsPlink2(rows(lines), sscore("cineca_PGS001229_22.sscore.gz"));
        // the file has no #license line: the PGS Catalog's terms apply, and are shown
        assertThat(result.out()).contains(
                "score: PGS001229 (PGS001229_22.txt)\n",
                "trait: Standing height\n",
                "licence: " + ScoreHeader.DEFAULT_LICENSE + "\n",
                "build: GRCh37\n",
                // pgsc_calc's test report for this score and cohort: 782 matched, 47 strand-ambiguous, 6 unmatched
                "outcomes: matched 782, excluded_ambiguous 47, excluded_multiallelic 0, excluded_duplicate 0, excluded_flip 0, unmatched 6\n",
                "scored 2,504 samples (missing calls: mean imputation)");
        try (Stream<Path> files = Files.list(temporary)) {
            assertThat(files).containsExactly(out);   // no temporary file left behind
        }
    }

    @Test
    void cinecaWithoutMeanImputationEqualsPlink2AndTheSharedTable() throws IOException {
        Path out = temporary.resolve("deeper/dir/nomeanimp.tsv");
        CommandRun result = permed("prs", "--score", PGS001229_22.toString(), "--vcf", CINECA.toString(), "--out", out.toString(),
                "--no-mean-imputation");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("(missing calls: no mean imputation)");
        List<Row> rows = rows(Files.readAllLines(out, StandardCharsets.UTF_8));
        assertEqualsPlink2(rows, sscore("cineca_PGS001229_22_nomeanimp.sscore.gz"));
        assertThat(rows).filteredOn(row -> row.alleleCount() < 1564).hasSize(41);
        // ../shared/data/prs/expected_PGS001229_22_plink2_scores.tsv (pgsc_calc's, IIDs without the FID_ prefix), 6 digits
        List<String> shared = lines(PRS.resolve("expected_PGS001229_22_plink2_scores.tsv.gz"));
        assertThat(shared.get(0)).isEqualTo("IID\tDENOM_meanimp\tSUM_meanimp\tDENOM_nomeanimp\tSUM_nomeanimp");
        assertThat(shared).hasSize(rows.size() + 1);
        for (int index = 1; index < shared.size(); index++) {
            String[] fields = shared.get(index).split("\t");
            Row row = rows.get(index - 1);
            assertThat(row.sample()).isEqualTo(fields[0] + "_" + fields[0]);
            assertThat(row.alleleCount()).isEqualTo(Integer.parseInt(fields[3]));
            double printed = Double.parseDouble(fields[4]);
            assertThat(Math.abs(row.sum() - printed)).as("sum of %s", row.sample()).isLessThanOrEqualTo(5.01e-6 * Math.abs(printed) + 1e-12);
        }
    }

    @Test
    void aGzippedHarmonisedScoreOnTiny1000GEqualsPlink2AndTheMatchReportListsPlink2sVariants() throws IOException {
        Path out = temporary.resolve("tiny.tsv");
        Path report = temporary.resolve("tiny.match.tsv");
        CommandRun result = permed("prs", "--score", PRS.resolve("PGS001229_tiny1000G.structured.txt.gz").toString(),
                "--vcf", PRS.resolve("tiny1000G_500.vcf.gz").toString(), "--out", out.toString(), "--match-report", report.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("score: PGS001229 ", "scored 500 samples");
        assertEqualsPlink2(rows(Files.readAllLines(out, StandardCharsets.UTF_8)), sscore("tiny1000G_PGS001229.sscore.gz"));
        List<String> matchLines = Files.readAllLines(report, StandardCharsets.UTF_8);
        assertThat(matchLines.get(0)).isEqualTo("line\trsID\tchr\tpos\teffect_allele\tother_allele\teffect_type\toutcome\tmatch_type"
                + "\ttarget_site\tduplicate_best_match\tduplicated_row");
        assertThat(matchLines).hasSize(1 + 1136);   // one row per scoring-file row
        // the matched rows' sites are exactly the variants plink2 used (its --score list-variants)
        Set<String> matchedSites = matchedSites(matchLines);
        assertThat(matchedSites).isEqualTo(new TreeSet<>(lines(PRS.resolve("tiny1000G_PGS001229.sscore.vars.gz"))));
        assertThat(result.out()).contains("outcomes: matched " + matchedSites.size() + ",");
    }

    @Test
    void theMatchReportOfCinecaHasPgscCalcsCountsAndPlink2sVariants() throws IOException {
        Path report = temporary.resolve("match.tsv");
        CommandRun result = permed("prs", "--score", PGS001229_22.toString(), "--vcf", CINECA.toString(),
                "--out", temporary.resolve("scores.tsv").toString(), "--match-report", report.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
        Map<String, Long> outcomes = lines.subList(1, lines.size()).stream()
                .collect(Collectors.groupingBy(line -> line.split("\t", -1)[7], Collectors.counting()));
        assertThat(outcomes).isEqualTo(Map.of("matched", 782L, "excluded_ambiguous", 47L, "unmatched", 6L));
        assertThat(matchedSites(lines)).isEqualTo(new TreeSet<>(lines(PRS.resolve("cineca_PGS001229_22.sscore.vars.gz"))));
        // the first row of the file (line 16): rs5746679 G/A, effect allele G = REF of 22:17080378 G>A
        assertThat(lines.get(1)).isEqualTo("16\trs5746679\t22\t17080378\tG\tA\tadditive\tmatched\trefalt\t22:17080378:G:A\tfalse\tfalse");
    }

    @Test
    void dominantAndRecessiveRowsEqualPlink2sThreeRuns() throws IOException {
        Path out = temporary.resolve("dr.tsv");
        CommandRun result = permed("prs", "--score", PRS.resolve("scorefile_dominant_and_recessive.txt").toString(),
                "--vcf", CINECA.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        // no #pgs_id: the file name identifies the score; no #trait_reported
        assertThat(result.out()).contains("score: scorefile_dominant_and_recessive.txt (", "trait: not given\n");
        Map<String, Plink2Score> total = new LinkedHashMap<>();
        for (String type : List.of("additive", "dominant", "recessive")) {
            sscore("cineca_dominant_recessive_" + type + ".sscore.gz").forEach((sample, score) -> total.merge(sample, score,
                    (a, b) -> new Plink2Score(a.denominator() + b.denominator(), a.sum() + b.sum())));
        }
        assertEqualsPlink2(rows(Files.readAllLines(out, StandardCharsets.UTF_8)), total);
    }

    @Test
    void theScoresOwnLicenceLineIsShown() throws IOException {
        // PGS001229 chr22 with a #license line in its header block, as the PGS Catalog writes one for restricted scores
        String license = "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International (CC BY-NC-ND 4.0)";
        Path scoreFile = temporary.resolve("PGS001229_22_licensed.txt");
        Files.writeString(scoreFile, Files.readString(PGS001229_22).replace("#pgs_name=GBE_INI50\n",
                "#pgs_name=GBE_INI50\n#license=" + license + "\n"));
        CommandRun result = permed("prs", "--score", scoreFile.toString(), "--vcf", CINECA.toString(),
                "--out", temporary.resolve("licensed.tsv").toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("licence: " + license + "\n");
    }

    @Test
    void theMatchingOptionsReachTheMatcher() throws IOException {
        Path report = temporary.resolve("kept.match.tsv");
        CommandRun kept = permed("prs", "--score", PGS001229_22.toString(), "--vcf", CINECA.toString(),
                "--out", temporary.resolve("kept.tsv").toString(), "--keep-ambiguous", "--match-report", report.toString());

        assertThat(kept.exitCode()).as(kept.err()).isEqualTo(ExitCodes.OK);
        // the 47 strand-ambiguous rows are kept: 782 + 47 matched
        assertThat(kept.out()).contains("outcomes: matched 829, excluded_ambiguous 0,");
        assertThat(Files.readAllLines(report, StandardCharsets.UTF_8)).filteredOn(line -> line.contains("\tmatched\t")).hasSize(829);
    }

    @Test
    void aScoreBelowTheMinimumOverlapFailsAndWritesNothing() throws IOException {
        Path out = temporary.resolve("low.tsv");
        Path report = temporary.resolve("low.match.tsv");
        // 782 of 835 = 93.65 % match
        CommandRun result = permed("prs", "--score", PGS001229_22.toString(), "--vcf", CINECA.toString(), "--out", out.toString(),
                "--min-overlap", "0.95", "--match-report", report.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("PGS001229_22.txt", "782 of the 835", "93.65 %", "95 %", "PRS_MATCH_RATE_TOO_LOW");
        assertThat(result.out()).isEmpty();
        try (Stream<Path> files = Files.list(temporary)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aBadScoringFileIsRefusedWithFileAndLine() throws IOException {
        // PGS001229 chr22 with the weight of its second variant row (line 17) damaged
        Path scoreFile = temporary.resolve("PGS001229_22_damaged.txt");
        Files.writeString(scoreFile, Files.readString(PGS001229_22).replace("\t1.411475e-04\t", "\t1.41x475e-04\t"));
        Path out = temporary.resolve("damaged.tsv");
        CommandRun result = permed("prs", "--score", scoreFile.toString(), "--vcf", CINECA.toString(), "--out", out.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("PGS001229_22_damaged.txt", "line 17", "effect_weight", "PRS_SCORE_VALUE_INVALID");
        assertThat(Files.exists(out)).isFalse();

        // a haplotype row cannot be scored
        Path haplotype = temporary.resolve("PGS001229_22_haplotype.txt");
        Files.writeString(haplotype, Files.readString(PGS001229_22).replace("\t1.411475e-04\tFalse\t", "\t1.411475e-04\tTrue\t"));
        CommandRun refused = permed("prs", "--score", haplotype.toString(), "--vcf", CINECA.toString(), "--out", out.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("PGS001229_22_haplotype.txt", "line 17", "is_haplotype", "PRS_SCORE_ROW_UNSUPPORTED");

        CommandRun missing = permed("prs", "--score", temporary.resolve("PGS999999.txt.gz").toString(), "--vcf", CINECA.toString(),
                "--out", out.toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("PGS999999.txt.gz", "does not exist");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void badOptionsAreUsageErrors() {
        Path out = temporary.resolve("x.tsv");
        CommandRun overlap = permed("prs", "--score", PGS001229_22.toString(), "--vcf", CINECA.toString(), "--out", out.toString(),
                "--min-overlap", "75");
        assertThat(overlap.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(overlap.err()).contains("--min-overlap", "between 0 and 1");
        CommandRun directory = permed("prs", "--score", PGS001229_22.toString(), "--vcf", CINECA.toString(), "--out", temporary.toString());
        assertThat(directory.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(directory.err()).contains("is a directory");
        CommandRun noVcf = permed("prs", "--score", PGS001229_22.toString(), "--out", out.toString());
        assertThat(noVcf.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noVcf.err()).contains("--vcf");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aReferencePopulationAddsPercentileZAndBandComputedIndependentlyFromPlink2sSums() throws IOException {
        // tiny1000G (1000 Genomes, 500 samples) as target and reference; populations from the 1000 Genomes pedigree
        Path out = temporary.resolve("normalised.tsv");
        CommandRun result = permed("prs", "--score", TINY_SCORE.toString(), "--vcf", TINY.toString(), "--out", out.toString(),
                "--reference", TINY.toString(), "--populations", PEDIGREE.toString(), "--population", "EUR", "--bands", "high:95");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("reference: tiny1000G_500.vcf.gz: 920 of the 920 matched variants are in it too; 500 samples, "
                + "0 not in 20130606_g1k.ped.gz\n", "population: EUR, 185 reference samples, mean sum ", "bands: high above percentile 95\n");
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("sample\tallele_count\tsum\tavg\tpopulation\tpercentile\tz\tband");
        List<String[]> rows = lines.subList(1, lines.size()).stream().map(line -> line.split("\t", -1)).toList();
        assertThat(rows).allSatisfy(fields -> assertThat(fields).hasSize(8));
        // the first four columns are those of a run without a reference, equal to plink2
        Map<String, Plink2Score> plink2 = sscore("tiny1000G_PGS001229.sscore.gz");
        assertEqualsPlink2(rows(lines.stream().map(line -> String.join("\t", List.of(line.split("\t", -1)).subList(0, 4))).toList()),
                plink2);
        // the reference distribution, independently: plink2's sums of the EUR samples by the IGSR sample table of the demo
        Map<String, String> superPopulation = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DEMO_SAMPLES, StandardCharsets.UTF_8).subList(1, 2505)) {
            String[] fields = line.split("\t");
            superPopulation.put(fields[0], fields[2]);
        }
        List<Double> eur = plink2.entrySet().stream().filter(entry -> "EUR".equals(superPopulation.get(entry.getKey())))
                .map(entry -> entry.getValue().sum()).sorted().toList();
        assertThat(eur).hasSize(185);
        double mean = eur.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sd = Math.sqrt(eur.stream().mapToDouble(value -> (value - mean) * (value - mean)).sum() / (eur.size() - 1));
        int high = 0;
        for (String[] fields : rows) {
            double own = plink2.get(fields[0]).sum();
            // plink2's sums are at least 3.4e-6 apart, ours within 1e-7 of them: the count is exact
            long atOrBelow = eur.stream().filter(value -> value <= own).count();
            double percentile = Double.parseDouble(fields[5]);
            assertThat(fields[4]).isEqualTo("EUR");
            assertThat(percentile).as(fields[0]).isEqualTo(100.0 * atOrBelow / eur.size());
            assertThat(Double.parseDouble(fields[6])).as(fields[0]).isCloseTo((own - mean) / sd, within(1e-5));
            assertThat(fields[7]).isEqualTo(percentile > 95 ? "high" : "NA");
            if ("EUR".equals(superPopulation.get(fields[0])) && fields[7].equals("high")) {
                high++;
            }
        }
        // rank k of 185 has percentile 100 k / 185, above 95 from k = 176: the top 10 EUR samples are high
        assertThat(high).isEqualTo(10);
        // a target sample that is in the reference: its percentile counts its own score, so the top one is at 100
        String top = rows.stream().filter(fields -> "EUR".equals(superPopulation.get(fields[0])))
                .max(java.util.Comparator.comparingDouble(fields -> Double.parseDouble(fields[2]))).orElseThrow()[0];
        assertThat(rows).filteredOn(fields -> fields[0].equals(top)).singleElement().satisfies(fields -> assertThat(fields[5]).isEqualTo("100"));

        // the IGSR sample table (sample, population, super_population) gives the same table as the pedigree: it lacks 97
        // of the 500 samples (not in phase 3's 2,504; none of them EUR), which are left out of the reference
        Path again = temporary.resolve("again.tsv");
        CommandRun table = permed("prs", "--score", TINY_SCORE.toString(), "--vcf", TINY.toString(), "--out", again.toString(),
                "--reference", TINY.toString(), "--populations", DEMO_SAMPLES.toString(), "--population", "EUR", "--bands", "high:95");
        assertThat(table.exitCode()).as(table.err()).isEqualTo(ExitCodes.OK);
        assertThat(table.out()).contains("500 samples, 97 not in 1kg_phase3_samples.tsv\n", "population: EUR, 185 reference samples");
        assertThat(Files.readAllLines(again, StandardCharsets.UTF_8)).isEqualTo(lines);
    }

    @Test
    void withoutAPopulationEachSampleIsComparedWithItsClosestSuperPopulationAndOnePersonIsImputedFromTheReference()
            throws IOException {
        // tiny1000G's 500 samples: every 5th the target, the others the reference (labelled by the 1000 Genomes pedigree)
        Path target = temporary.resolve("target.vcf");
        Path reference = temporary.resolve("reference.vcf");
        Path person = temporary.resolve("HG00096.vcf");
        writeSamples(TINY, target, sample -> sample % 5 == 0);
        writeSamples(TINY, reference, sample -> sample % 5 != 0);
        writeSamples(TINY, person, sample -> sample == 0);
        Map<String, String> superPopulation = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DEMO_SAMPLES, StandardCharsets.UTF_8).subList(1, 2505)) {
            String[] fields = line.split("\t");
            superPopulation.put(fields[0], fields[2]);
        }

        Path out = temporary.resolve("by_ancestry.tsv");
        CommandRun cohort = permed("prs", "--score", TINY_SCORE.toString(), "--vcf", target.toString(), "--out", out.toString(),
                "--reference", reference.toString(), "--populations", PEDIGREE.toString());
        assertThat(cohort.exitCode()).as(cohort.err()).isEqualTo(ExitCodes.OK);
        assertThat(cohort.out()).contains("ancestry: each sample compared with its closest super-population (projection onto 4 "
                + "principal components of reference.vcf over ", "scored 100 samples (missing calls: mean imputation) into");
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("sample\tallele_count\tsum\tavg\tpopulation\tpercentile\tz\tband\tancestry_distance"
                + "\tancestry_margin");
        int right = 0;
        int known = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t", -1);
            assertThat(fields).hasSize(10);
            assertThat(cohort.out()).contains("population: " + fields[4] + ", ");
            assertThat(Double.parseDouble(fields[9])).isGreaterThanOrEqualTo(1);
            // IGSR's super-population (the demo's sample table; 19 of the 100 are not in phase 3's 2,504)
            String truth = superPopulation.get(fields[0]);
            if (truth != null) {
                known++;
                right += truth.equals(fields[4]) ? 1 : 0;
            }
        }
        assertThat(lines).hasSize(101);
        assertThat(right).as("right of " + known).isGreaterThanOrEqualTo((int) Math.ceil(0.9 * known));

        // one person alone: missing calls from the reference population's frequencies, and the ancestry shown
        Path one = temporary.resolve("one.tsv");
        CommandRun named = permed("prs", "--score", TINY_SCORE.toString(), "--vcf", person.toString(), "--out", one.toString(),
                "--reference", reference.toString(), "--populations", PEDIGREE.toString(), "--population", "EUR");
        assertThat(named.exitCode()).as(named.err()).isEqualTo(ExitCodes.OK);
        assertThat(named.out()).contains("scored 1 sample (missing calls: mean imputation from the effect allele frequencies of the "
                + "reference's EUR samples, as the target has one sample) into");
        CommandRun chosen = permed("prs", "--score", TINY_SCORE.toString(), "--vcf", person.toString(), "--out", one.toString(),
                "--reference", reference.toString(), "--populations", PEDIGREE.toString());
        assertThat(chosen.exitCode()).as(chosen.err()).isEqualTo(ExitCodes.OK);
        // HG00096 is British (GBR, EUR)
        assertThat(chosen.out()).containsPattern("ancestry of the sample: EUR \\(distances EUR [0-9.e+-]+, ")
                .contains("of the reference's EUR samples");
        assertThat(Files.readAllLines(one, StandardCharsets.UTF_8).get(1)).startsWith("HG00096\t").contains("\tEUR\t");
    }

    /** Writes the VCF with only the samples (0-based columns) {@code keep} accepts. */
    private static void writeSamples(Path source, Path out, java.util.function.IntPredicate keep) throws IOException {
        no.permed.testing.VcfSamples.write(source, out, (index, name) -> keep.test(index));
    }

    @Test
    void aBadPopulationFileOrReferenceOptionIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path out = temporary.resolve("x.tsv");
        Path populations = temporary.resolve("populations.tsv");
        Files.writeString(populations, "sample\tpopulation\nHG00096\tGBR\nHG00097\n", StandardCharsets.UTF_8);
        CommandRun bad = permed("prs", "--score", TINY_SCORE.toString(), "--vcf", TINY.toString(), "--out", out.toString(),
                "--reference", TINY.toString(), "--populations", populations.toString(), "--population", "EUR");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("populations.tsv, line 3, population", "PRS_POPULATION_FILE_INVALID").doesNotContain("HG00097");

        CommandRun unknown = permed("prs", "--score", TINY_SCORE.toString(), "--vcf", TINY.toString(), "--out", out.toString(),
                "--reference", TINY.toString(), "--populations", PEDIGREE.toString(), "--population", "YRI");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("PRS_REFERENCE_POPULATION_TOO_SMALL", "0 samples of population YRI");

        CommandRun noPopulations = permed("prs", "--score", TINY_SCORE.toString(), "--vcf", TINY.toString(), "--out", out.toString(),
                "--reference", TINY.toString());
        assertThat(noPopulations.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noPopulations.err()).contains("--reference needs --populations FILE");

        CommandRun noReference = permed("prs", "--score", TINY_SCORE.toString(), "--vcf", TINY.toString(), "--out", out.toString(),
                "--bands", "high:95");
        assertThat(noReference.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noReference.err()).contains("need --reference");

        CommandRun bands = permed("prs", "--score", TINY_SCORE.toString(), "--vcf", TINY.toString(), "--out", out.toString(),
                "--reference", TINY.toString(), "--populations", PEDIGREE.toString(), "--population", "EUR", "--bands", "high:95%");
        assertThat(bands.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bands.err()).contains("PRS_RISK_BANDS_INVALID", "high:95%");
        try (Stream<Path> files = Files.list(temporary)) {
            assertThat(files).containsExactly(populations);
        }
    }

    @Test
    void aCohortInTheGenomeStoreScoresAsPlink2ScoresItsVcf() throws IOException {
        String data = temporary.resolve("data").toString();
        String url = SharedPostgres.freshDatabaseUrl();
        // CINECA's ##contig line gives plink's last position as the length, which the store rightly refuses as GRCh37:
        // the same records without that line
        Path cineca = temporary.resolve("cineca.vcf.gz");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(CINECA)),
                StandardCharsets.UTF_8));
                Writer writer = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(cineca)), StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.startsWith("##contig=")) {
                    writer.write(line);
                    writer.write('\n');
                }
            }
        }
        ok("ingest", "--cohort", "cineca", "--assembly", "GRCh37", "--no-progress", cineca.toString(), "--data", data, "--db-url", url);
        ok("ingest", "--cohort", "tiny", "--assembly", "GRCh38", "--no-progress", TINY.toString(), "--data", data, "--db-url", url);

        // GRCh37 (the score's build): 2,504 samples, 41 with missing calls, mean-imputed from the cohort
        Path out = temporary.resolve("store.tsv");
        CommandRun result = ok("prs", "store", "--score", PGS001229_22.toString(), "--cohort", "cineca", "--out", out.toString(),
                "--data", data, "--db-url", url);
        assertThat(result.out()).contains("score: PGS001229 (PGS001229_22.txt)\n", "build: GRCh37 (genome store)\n",
                "outcomes: matched 782, excluded_ambiguous 47, excluded_multiallelic 0, excluded_duplicate 0, excluded_flip 0, unmatched 6\n",
                "scored 2,504 samples of the genome store (missing calls: mean imputation)");
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("sample\tallele_count\tsum\tavg");
        assertEqualsPlink2(rows(lines), sscore("cineca_PGS001229_22.sscore.gz"));
        ok("prs", "store", "--score", PGS001229_22.toString(), "--no-mean-imputation", "--out", out.toString(),
                "--data", data, "--db-url", url);
        assertEqualsPlink2(rows(Files.readAllLines(out, StandardCharsets.UTF_8)), sscore("cineca_PGS001229_22_nomeanimp.sscore.gz"));

        // GRCh38 (the structured file names no build: --assembly), haploid chrX calls, samples named in a file
        Map<String, Plink2Score> tiny = sscore("tiny1000G_PGS001229.sscore.gz");
        List<String> some = new ArrayList<>(tiny.keySet()).subList(0, 120);
        Path samples = temporary.resolve("samples.txt");
        Files.write(samples, some, StandardCharsets.UTF_8);
        Path subset = temporary.resolve("subset.tsv");
        Path report = temporary.resolve("subset.match.tsv");
        CommandRun again = ok("prs", "store", "--score", TINY_SCORE.toString(), "--samples", samples.toString(),
                "--assembly", "GRCh38", "--out", subset.toString(), "--match-report", report.toString(), "--data", data, "--db-url", url);
        assertThat(again.out()).contains("build: GRCh38 (genome store)\n", "scored 120 samples of the genome store");
        Map<String, Plink2Score> expected = new LinkedHashMap<>();
        some.forEach(sample -> expected.put(sample, tiny.get(sample)));
        assertThat(matchedSites(Files.readAllLines(report, StandardCharsets.UTF_8)))
                .isEqualTo(new TreeSet<>(lines(PRS.resolve("tiny1000G_PGS001229.sscore.vars.gz"))));
        assertEqualsPlink2(rows(Files.readAllLines(subset, StandardCharsets.UTF_8)), expected);

        CommandRun unknownCohort = permed("prs", "store", "--score", PGS001229_22.toString(), "--cohort", "nobody",
                "--out", temporary.resolve("none.tsv").toString(), "--data", data, "--db-url", url);
        assertThat(unknownCohort.exitCode()).isNotEqualTo(ExitCodes.OK);
        assertThat(unknownCohort.err()).contains("no GRCh37 samples of cohort nobody");
        assertThat(temporary.resolve("none.tsv")).doesNotExist();
    }

    @Test
    void aCohortInTheGenomeStoreIsNormalisedAsTheVcfItWasIngestedFrom() throws IOException {
        // tiny1000G's 500 samples: every 5th the target, ingested as a cohort; the other 400 the reference VCF
        Path target = temporary.resolve("target.vcf");
        Path reference = temporary.resolve("reference.vcf");
        writeSamples(TINY, target, sample -> sample % 5 == 0);
        writeSamples(TINY, reference, sample -> sample % 5 != 0);
        String data = temporary.resolve("data").toString();
        String url = SharedPostgres.freshDatabaseUrl();
        ok("ingest", "--cohort", "tiny", "--assembly", "GRCh38", "--no-progress", target.toString(), "--data", data, "--db-url", url);
        String[] normalise = {"--reference", reference.toString(), "--populations", PEDIGREE.toString()};

        // a named population: the VCF read from the file, the store from the ingested segments, the same table
        Path fromVcf = temporary.resolve("vcf.tsv");
        Path fromStore = temporary.resolve("store.tsv");
        CommandRun vcf = ok(concat(new String[] {"prs", "--score", TINY_SCORE.toString(), "--vcf", target.toString(), "--out",
                fromVcf.toString(), "--population", "EUR", "--bands", "high:95,elevated:80"}, normalise));
        CommandRun store = ok(concat(new String[] {"prs", "store", "--score", TINY_SCORE.toString(), "--cohort", "tiny",
                "--assembly", "GRCh38", "--out", fromStore.toString(), "--population", "EUR", "--bands", "high:95,elevated:80",
                "--data", data, "--db-url", url}, normalise));
        assertThat(store.out()).contains("scored 100 samples of the genome store (missing calls: mean imputation) into",
                "reference: reference.vcf: 920 of the 920 matched variants are in it too; 400 samples, 0 not in 20130606_g1k.ped.gz\n",
                "bands: high above percentile 95, elevated above percentile 80\n");
        assertSameLines(vcf.out(), store.out(), "reference: ", "population: ", "bands: ", "match: ", "outcomes: ");
        List<String[]> named = assertSameTable(fromVcf, fromStore, 8);
        assertThat(named).allSatisfy(fields -> assertThat(fields[4]).isEqualTo("EUR"));
        assertThat(named).extracting(fields -> fields[7]).contains("high", "elevated", "NA");

        // each sample's population by ancestry: the store's samples are projected onto the same model as the VCF's
        CommandRun vcfAncestry = ok(concat(new String[] {"prs", "--score", TINY_SCORE.toString(), "--vcf", target.toString(), "--out",
                fromVcf.toString()}, normalise));
        CommandRun storeAncestry = ok(concat(new String[] {"prs", "store", "--score", TINY_SCORE.toString(), "--cohort", "tiny",
                "--assembly", "GRCh38", "--out", fromStore.toString(), "--data", data, "--db-url", url}, normalise));
        assertThat(storeAncestry.out()).contains("ancestry: each sample compared with its closest super-population (projection onto 4 "
                + "principal components of reference.vcf over ");
        assertSameLines(vcfAncestry.out(), storeAncestry.out(), "ancestry: ", "population: ", "reference: ");
        List<String[]> byAncestry = assertSameTable(fromVcf, fromStore, 10);
        assertThat(byAncestry).extracting(fields -> fields[4]).contains("AMR", "EAS", "EUR");

        // one sample alone (HG00096, the target's first): missing calls imputed from the reference's EUR samples, its
        // ancestry shown, as for a one-sample VCF
        Path person = temporary.resolve("HG00096.vcf");
        writeSamples(TINY, person, sample -> sample == 0);
        Path one = temporary.resolve("one.txt");
        Files.writeString(one, "HG00096\n", StandardCharsets.UTF_8);
        CommandRun vcfOne = ok(concat(new String[] {"prs", "--score", TINY_SCORE.toString(), "--vcf", person.toString(), "--out",
                fromVcf.toString()}, normalise));
        CommandRun storeOne = ok(concat(new String[] {"prs", "store", "--score", TINY_SCORE.toString(), "--samples", one.toString(),
                "--assembly", "GRCh38", "--out", fromStore.toString(), "--data", data, "--db-url", url}, normalise));
        assertThat(storeOne.out()).contains("scored 1 sample of the genome store (missing calls: mean imputation from the effect allele "
                + "frequencies of the reference's EUR samples, as the target has one sample) into")
                .containsPattern("ancestry of the sample: EUR \\(distances EUR [0-9.e+-]+, ");
        assertSameLines(vcfOne.out(), storeOne.out(), "ancestry of the sample: ", "population: ");
        assertThat(assertSameTable(fromVcf, fromStore, 10)).singleElement().satisfies(fields -> assertThat(fields[0]).isEqualTo("HG00096"));
    }

    @Test
    void badReferenceOptionsOfTheStoreModeAreRefusedBeforeAnythingIsWritten() throws IOException {
        String data = temporary.resolve("data").toString();
        String url = SharedPostgres.freshDatabaseUrl();
        Path target = temporary.resolve("target.vcf");
        writeSamples(TINY, target, sample -> sample < 20);
        ok("ingest", "--cohort", "tiny", "--assembly", "GRCh38", "--no-progress", target.toString(), "--data", data, "--db-url", url);
        Path out = temporary.resolve("x.tsv");
        String[] store = {"prs", "store", "--score", TINY_SCORE.toString(), "--cohort", "tiny", "--assembly", "GRCh38",
            "--out", out.toString(), "--data", data, "--db-url", url};

        CommandRun noPopulations = permed(concat(store, new String[] {"--reference", TINY.toString(), "--population", "EUR"}));
        assertThat(noPopulations.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noPopulations.err()).contains("--reference needs --populations FILE");

        CommandRun noReference = permed(concat(store, new String[] {"--populations", PEDIGREE.toString(), "--population", "EUR"}));
        assertThat(noReference.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noReference.err()).contains("--populations, --population and --bands need --reference");

        CommandRun unknown = permed(concat(store, new String[] {"--reference", TINY.toString(), "--populations", PEDIGREE.toString(),
            "--population", "EURO"}));
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("PRS_REFERENCE_POPULATION_TOO_SMALL", "20130606_g1k.ped.gz has no population or "
                + "super-population 'EURO'");

        // YRI is a 1000 Genomes population, but none of tiny1000G's first 500 samples
        CommandRun empty = permed(concat(store, new String[] {"--reference", TINY.toString(), "--populations", PEDIGREE.toString(),
            "--population", "YRI"}));
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(empty.err()).contains("PRS_REFERENCE_POPULATION_TOO_SMALL", "0 samples of population YRI");

        Path populations = temporary.resolve("populations.tsv");
        Files.writeString(populations, "sample\tpopulation\nHG00096\tGBR\nHG00097\n", StandardCharsets.UTF_8);
        CommandRun bad = permed(concat(store, new String[] {"--reference", TINY.toString(), "--populations", populations.toString(),
            "--population", "EUR"}));
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("populations.tsv, line 3, population", "PRS_POPULATION_FILE_INVALID").doesNotContain("HG00097");
        assertThat(out).doesNotExist();
    }

    private static String[] concat(String[] first, String[] second) {
        return Stream.concat(Stream.of(first), Stream.of(second)).toArray(String[]::new);
    }

    /** The printed lines starting with these prefixes are the same in both runs (and there is at least one of each). */
    private static void assertSameLines(String expected, String actual, String... prefixes) {
        for (String prefix : prefixes) {
            List<String> want = expected.lines().filter(line -> line.startsWith(prefix)).toList();
            assertThat(want).as(prefix).isNotEmpty();
            assertThat(actual.lines().filter(line -> line.startsWith(prefix)).toList()).as(prefix).isEqualTo(want);
        }
    }

    /**
     * The two normalised tables have the same header, samples, allele counts, populations, percentiles and bands, and
     * sums, averages, z and ancestry distances and margins equal within 1e-9 relative (the store's sites are summed in the
     * score's order, the VCF's in file order); returns the rows.
     */
    private static List<String[]> assertSameTable(Path expected, Path actual, int columns) throws IOException {
        List<String> want = Files.readAllLines(expected, StandardCharsets.UTF_8);
        List<String> got = Files.readAllLines(actual, StandardCharsets.UTF_8);
        assertThat(got.get(0)).isEqualTo(want.get(0));
        assertThat(want.get(0).split("\t")).hasSize(columns);
        assertThat(got).hasSameSizeAs(want);
        List<String[]> rows = new ArrayList<>();
        for (int line = 1; line < want.size(); line++) {
            String[] wanted = want.get(line).split("\t", -1);
            String[] fields = got.get(line).split("\t", -1);
            assertThat(fields).hasSize(columns);
            for (int column = 0; column < columns; column++) {
                String name = wanted[0] + " " + want.get(0).split("\t")[column];
                if (Set.of(2, 3, 6, 8, 9).contains(column) && !wanted[column].equals("NA")) {
                    double value = Double.parseDouble(wanted[column]);
                    assertThat(Double.parseDouble(fields[column])).as(name).isCloseTo(value, within(1e-9 * Math.max(Math.abs(value), 1e-3)));
                } else {
                    assertThat(fields[column]).as(name).isEqualTo(wanted[column]);
                }
            }
            rows.add(fields);
        }
        return rows;
    }

    private static CommandRun ok(String... arguments) {
        CommandRun run = permed(arguments);
        assertThat(run.exitCode()).as("permed %s\nout: %s\nerr: %s", String.join(" ", arguments), run.out(), run.err())
                .isEqualTo(ExitCodes.OK);
        return run;
    }

    private static void assertEqualsPlink2(List<Row> ours, Map<String, Plink2Score> plink2) {
        assertThat(ours).extracting(Row::sample).containsExactlyElementsOf(plink2.keySet());
        for (Row row : ours) {
            Plink2Score expected = plink2.get(row.sample());
            assertThat(row.alleleCount()).as("allele_count (DENOM) of %s", row.sample()).isEqualTo(expected.denominator());
            double tolerance = RELATIVE * Math.max(Math.abs(expected.sum()), FLOOR);
            assertThat(row.sum()).as("sum of %s", row.sample()).isCloseTo(expected.sum(), within(tolerance));
            assertThat(row.average()).as("avg of %s", row.sample())
                    .isCloseTo(expected.sum() / expected.denominator(), within(tolerance / expected.denominator()));
        }
    }

    /** The rows of our table (after its header line). */
    private static List<Row> rows(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t", -1);
            assertThat(fields).as(line).hasSize(4);
            rows.add(new Row(fields[0], Integer.parseInt(fields[1]), Double.parseDouble(fields[2]), Double.parseDouble(fields[3])));
        }
        return rows;
    }

    /** The target sites of the matched rows of a match report. */
    private static Set<String> matchedSites(List<String> matchReport) {
        Set<String> sites = new TreeSet<>();
        for (String line : matchReport.subList(1, matchReport.size())) {
            String[] fields = line.split("\t", -1);
            if (fields[7].equals("matched")) {
                assertThat(sites.add(fields[9])).as("site matched twice: %s", fields[9]).isTrue();
            }
        }
        return sites;
    }

    /** Reads a plink2 .sscore (gzip): IID → DENOM and the sum of all score *_SUM columns. */
    private static Map<String, Plink2Score> sscore(String name) throws IOException {
        List<String> lines = lines(PRS.resolve(name));
        List<String> header = List.of(lines.get(0).split("\t"));
        int iid = header.contains("#IID") ? header.indexOf("#IID") : header.indexOf("IID");
        int denominator = header.indexOf("DENOM");
        List<Integer> sums = new ArrayList<>();
        for (int column = 0; column < header.size(); column++) {
            if (header.get(column).endsWith("_SUM") && !header.get(column).equals("NAMED_ALLELE_DOSAGE_SUM")) {
                sums.add(column);
            }
        }
        assertThat(iid).isNotNegative();
        assertThat(denominator).isNotNegative();
        assertThat(sums).isNotEmpty();
        Map<String, Plink2Score> scores = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t");
            double sum = 0;
            for (int column : sums) {
                sum += Double.parseDouble(fields[column]);
            }
            scores.put(fields[iid], new Plink2Score(Integer.parseInt(fields[denominator]), sum));
        }
        return scores;
    }

    /** The lines of a plain or gzip text file. */
    private static List<String> lines(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream input = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }
}
