package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import no.permed.app.cli.ExitCodes;
import no.permed.app.cli.PermedCommand;
import no.permed.testing.SharedPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The genome commands run in-process as an operator runs them ({@code permed ingest}, {@code freq}, {@code query},
 * {@code store}, {@code simulate}) on a temporary data directory and a fresh database of the shared test PostgreSQL.
 * Every count and call is checked against bcftools' results for the same real file.
 */
class GenomeCommandsTest {
    private static final String NAME = "1kg_chr20_503samples_first3000";
    private static final Path VCF = GenomeExpected.VCF_DATA.resolve(NAME + ".vcf.gz");
    private static final Path COUNTS = GenomeExpected.VCF_EXPECTED.resolve(NAME + ".counts.tsv.gz");
    private static final Path SPLIT = GenomeExpected.VCF_EXPECTED.resolve(NAME + ".split.tsv.gz");
    private static final String HEADER = "CHROM\tPOS\tREF\tALT\tAC\tAN\tHOM";

    @TempDir
    Path temporary;

    private String data;
    private String url;

    @BeforeEach
    void freshStore() {
        data = temporary.resolve("data").toString();
        url = SharedPostgres.freshDatabaseUrl();
    }

    record Result(int exitCode, String out, String err) {
    }

    /** Runs a permed command in-process, with the data directory and database of this test for those that take them. */
    private Result permed(String... arguments) {
        List<String> all = new ArrayList<>(Arrays.asList(arguments));
        if (!arguments[0].equals("simulate")) {
            all.addAll(List.of("--data", data, "--db-url", url));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = PermedCommand.commandLine(Map.of());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(all.toArray(String[]::new));
        return new Result(exitCode, ungrouped(out.toString()), err.toString());
    }

    /** The commands group thousands as the default locale does (3,000 or 3.000 or 3 000): compare without grouping. */
    private static String ungrouped(String text) {
        return text.replaceAll("(?<=\\d)[,.\u00a0\u202f ](?=\\d{3}(?!\\d))", "");
    }

    private Result ok(String... arguments) {
        Result result = permed(arguments);
        assertThat(result.exitCode()).as("permed %s\nout: %s\nerr: %s", String.join(" ", arguments), result.out(), result.err())
                .isEqualTo(ExitCodes.OK);
        return result;
    }

    private void ingestCohort() {
        Result ingested = ok("ingest", "--cohort", "kg20", "--assembly", "GRCh37", "--no-progress", VCF.toString());
        assertThat(ingested.out()).contains("stored 503 sample(s) on GRCh37");
    }

    /** A freq TSV: key → counts; the header checked. */
    private static Map<String, GenomeExpected.Counts> readFreq(Path tsv) throws Exception {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.US_ASCII);
        assertThat(lines.get(0)).isEqualTo(HEADER);
        Map<String, GenomeExpected.Counts> result = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t");
            assertThat(columns).as(line).hasSize(7);
            String key = columns[0] + "\t" + columns[1] + "\t" + columns[2] + "\t" + columns[3];
            assertThat(result.put(key, new GenomeExpected.Counts(Integer.parseInt(columns[4]), Integer.parseInt(columns[5]),
                    Integer.parseInt(columns[6])))).as("one line per variant: %s", key).isNull();
        }
        return result;
    }

    @Test
    void aPatientsGrch38SampleGetsAPharmacogenomicProfileWithItsOutsideCalls() throws Exception {
        Path example = Path.of("../../capability/permed-pgx/src/test/resources/conformance/vcf/pharmcat/examples/pharmcat.example.vcf.gz");
        Path outside = Path.of("src/main/resources/no/permed/app/demo/pgx-Sample_1.outside.tsv");
        String nationalId = GenomeExpected.syntheticNationalId(23);
        // bad outside calls: refused before anything is stored
        Path bad = temporary.resolve("bad.tsv");
        java.nio.file.Files.writeString(bad, "CYP2D6\t*1/*999\n");
        Result refused = permed("ingest", "--patient", nationalId, "--sample", "Sample_1", "--assembly", "GRCh38", "--no-progress",
                "--outside-calls", bad.toString(), example.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("bad.tsv", "line 1", "*999").doesNotContain(nationalId);
        Path config = temporary.resolve("test.properties");
        java.nio.file.Files.writeString(config, "security.accept-synthetic-national-ids=true\n");
        Result ingested = ok("ingest", "--config", config.toString(), "--patient", nationalId, "--sample", "Sample_1", "--assembly",
                "GRCh38", "--no-progress", "--outside-calls", outside.toString(), example.toString());
        assertThat(ingested.out()).contains("stored 1 sample(s) on GRCh38", "pharmacogenomic profile version 1 recorded",
                "19 genes called", "3 outside calls");
    }

    @Test
    void freqOfAWholeCohortAndOfHalfOfItEqualsBcftools() throws Exception {
        ingestCohort();
        Map<String, GenomeExpected.Counts> expected = GenomeExpected.counts(COUNTS);
        assertThat(expected).hasSize(3000);

        Path all = temporary.resolve("all.tsv");
        Result freq = ok("freq", "--out", all.toString());
        assertThat(freq.out()).contains("wrote 3000 variants");
        assertThat(readFreq(all)).isEqualTo(expected);

        // every other sample of the VCF
        List<String> samples = GenomeExpected.samples(VCF);
        assertThat(samples).hasSize(503);
        List<Integer> half = IntStream.range(0, samples.size()).filter(index -> index % 2 == 0).boxed().toList();
        Path samplesFile = temporary.resolve("half.txt");
        Files.write(samplesFile, half.stream().map(samples::get).toList(), StandardCharsets.UTF_8);
        Path halfTsv = temporary.resolve("half.tsv");
        ok("freq", "--samples", samplesFile.toString(), "--out", halfTsv.toString());
        Map<String, GenomeExpected.Counts> counted = readFreq(halfTsv);
        Map<String, String[]> calls = GenomeExpected.split(SPLIT);
        Map<String, GenomeExpected.Counts> halfExpected = new LinkedHashMap<>();
        calls.forEach((key, gts) -> halfExpected.put(key, GenomeExpected.countColumns(gts, half)));
        assertThat(halfExpected.get(calls.keySet().iterator().next()).an()).isEqualTo(2 * half.size());
        assertThat(counted).isEqualTo(halfExpected);
        assertThat(counted).isNotEqualTo(expected);
    }

    @Test
    void queriesPrintWhatBcftoolsSays() throws Exception {
        ingestCohort();
        Map<String, String[]> calls = GenomeExpected.split(SPLIT);
        Map<String, GenomeExpected.Counts> expected = GenomeExpected.counts(COUNTS);
        List<String> samples = GenomeExpected.samples(VCF);

        // carriers of a few variants: exactly the samples whose bcftools call holds an ALT allele, with that call
        List<String> keys = new ArrayList<>(calls.keySet());
        List<String> chosen = new ArrayList<>();
        for (int index = 7; index < keys.size(); index += 600) {
            chosen.add(keys.get(index));
        }
        chosen.add(keys.stream().filter(key -> expected.get(key).ac() > 100).findFirst().orElseThrow());
        chosen.add(keys.stream().filter(key -> key.split("\t")[2].length() != key.split("\t")[3].length()).findFirst().orElseThrow());
        for (String key : chosen) {
            String variant = GenomeExpected.variant("GRCh37", key);
            Result carriers = ok("query", "carriers", "--variant", variant);
            List<String> printed = carriers.out().lines().filter(line -> line.contains("(cohort kg20)\t")).sorted().toList();
            String[] gts = calls.get(key);
            List<String> wanted = IntStream.range(0, gts.length).filter(index -> GenomeExpected.tally(gts[index])[0] > 0)
                    .mapToObj(index -> samples.get(index) + " (cohort kg20)\t" + gts[index]).sorted().toList();
            assertThat(wanted).as(variant).isNotEmpty();
            assertThat(printed).as(variant).isEqualTo(wanted);
            assertThat(carriers.out()).contains(wanted.size() + " carrier(s) of " + variant);

            Result counts = ok("query", "counts", "--variant", variant);
            GenomeExpected.Counts bcftools = expected.get(key);
            assertThat(counts.out().lines().filter(line -> line.startsWith("all\t")).toList())
                    .as(variant).containsExactly("all\t" + bcftools.ac() + "\t" + bcftools.an() + "\t" + bcftools.hom() + "\t0");
        }

        // one sample's calls in a region, hom-ref ones included
        int column = 123;
        String sample = samples.get(column);
        int start = 1_100_000;
        int end = 1_150_000;
        Result genotypes = ok("query", "genotypes", "--sample", sample, "--region", "20:" + start + "-" + end);
        List<String> printed = genotypes.out().lines().filter(line -> line.startsWith("GRCh37-")).toList();
        List<String> wanted = calls.entrySet().stream()
                .filter(entry -> GenomeExpected.position(entry.getKey()) >= start && GenomeExpected.position(entry.getKey()) <= end)
                .map(entry -> GenomeExpected.variant("GRCh37", entry.getKey()) + "\t" + entry.getValue()[column]).toList();
        assertThat(wanted).hasSizeGreaterThan(20);
        assertThat(printed).containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(genotypes.out()).contains(wanted.size() + " call(s) of " + sample + " (cohort kg20)");
    }

    @Test
    void erasureRemovesExactlyTheSamplesContributionAndCompactionKeepsIt() throws Exception {
        ingestCohort();
        Map<String, GenomeExpected.Counts> expected = GenomeExpected.counts(COUNTS);
        Map<String, String[]> calls = GenomeExpected.split(SPLIT);
        List<String> samples = GenomeExpected.samples(VCF);

        Result stats = ok("store", "stats");
        assertThat(stats.out()).contains("segments 1\n", "samples 503\n", "sites " + expected.size() + "\n", "assemblies [GRCh37]");

        int column = 42;
        String victim = samples.get(column);
        long carried = calls.values().stream().filter(gts -> GenomeExpected.tally(gts[column])[0] > 0).count();
        assertThat(carried).as("the erased sample carries variants").isGreaterThan(50);
        Map<String, GenomeExpected.Counts> afterErasure = new LinkedHashMap<>();
        expected.forEach((key, counts) -> afterErasure.put(key, counts.minus(GenomeExpected.tally(calls.get(key)[column]))));

        Result erased = ok("store", "erase", "--sample", victim, "--reason", "consent withdrawn");
        assertThat(erased.out()).contains("erased " + victim + " (cohort kg20)");
        Path afterErase = temporary.resolve("after-erase.tsv");
        ok("freq", "--out", afterErase.toString());
        assertThat(readFreq(afterErase)).isEqualTo(afterErasure);
        assertThat(ok("store", "stats").out()).contains("samples 502\n");
        String carriedVariant = GenomeExpected.variant("GRCh37", calls.entrySet().stream()
                .filter(entry -> GenomeExpected.tally(entry.getValue()[column])[0] > 0).findFirst().orElseThrow().getKey());
        assertThat(ok("query", "carriers", "--variant", carriedVariant).out()).doesNotContain(victim + " (cohort kg20)");

        Result compacted = ok("store", "compact");
        assertThat(compacted.out()).contains("1 erased slots emptied");
        Path afterCompact = temporary.resolve("after-compact.tsv");
        ok("freq", "--out", afterCompact.toString());
        // compaction after an erasure leaves out the sites that no remaining sample carries (so that the erased
        // person's variant positions leave the disk); every other site keeps its counts
        Map<String, GenomeExpected.Counts> carriedAfterErasure = new LinkedHashMap<>(afterErasure);
        carriedAfterErasure.values().removeIf(counts -> counts.ac() == 0);
        assertThat(carriedAfterErasure.size()).isLessThan(afterErasure.size());
        assertThat(readFreq(afterCompact)).isEqualTo(carriedAfterErasure);
        assertThat(ok("store", "stats").out()).contains("segments 1\n", "samples 502\n");

        Result unknown = permed("store", "erase", "--sample", victim, "--reason", "consent withdrawn");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains(victim);
    }

    @Test
    void aSimulatedCohortIsIngestedAndBadInputExitsWithTwo() throws Exception {
        Path simulated = temporary.resolve("simulated.vcf.gz");
        Result simulate = ok("simulate", "--reference", VCF.toString(), "--samples", "50", "--sites", "4000", "--out",
                simulated.toString(), "--seed", "3");
        assertThat(simulate.out()).contains("50 samples x 4000 sites");
        assertThat(GenomeExpected.samples(simulated)).hasSize(50);
        long records = GenomeExpected.lines(simulated).stream().filter(line -> !line.startsWith("#")).count();
        assertThat(records).isEqualTo(4000);

        Result ingested = ok("ingest", "--cohort", "simulated", "--assembly", "GRCh37", "--no-progress", simulated.toString());
        assertThat(ingested.out()).contains("stored 50 sample(s) on GRCh37: 4000 records");

        Result bad = permed("ingest", "--cohort", "bad", "--assembly", "GRCh38", "--no-progress",
                GenomeExpected.MALFORMED.resolve("rec-pos-zero.vcf").toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("rec-pos-zero.vcf", "line 41", "POS", "[VCF_INVALID_POSITION]");
        assertThat(ok("store", "stats").out()).contains("samples 50\n");

        Path samplesFile = temporary.resolve("unknown.txt");
        Files.write(samplesFile, List.of("SIM000001", "NOT-A-SAMPLE"), StandardCharsets.UTF_8);
        Result unknown = permed("freq", "--samples", samplesFile.toString(), "--out", temporary.resolve("x.tsv").toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("NOT-A-SAMPLE", "GENOME_UNKNOWN_SAMPLES");
        assertThat(temporary.resolve("x.tsv")).doesNotExist();
    }
}
