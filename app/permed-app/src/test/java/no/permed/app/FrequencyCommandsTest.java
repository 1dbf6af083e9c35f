package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import no.permed.app.cli.ExitCodes;
import no.permed.testing.SharedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code permed freq lookup} and {@code permed freq export} on the real 1000 Genomes chr20 subset (503 samples) with
 * the real 1000 Genomes panel: the overall counts equal bcftools' {@code +fill-tags}, and every population's counts
 * equal the sums, done here, of bcftools' split genotypes of that population's samples.
 */
class FrequencyCommandsTest {
    private static final String NAME = "1kg_chr20_503samples_first3000";
    private static final Path VCF = GenomeExpected.VCF_DATA.resolve(NAME + ".vcf.gz");
    private static final Path COUNTS = GenomeExpected.VCF_EXPECTED.resolve(NAME + ".counts.tsv.gz");
    private static final Path SPLIT = GenomeExpected.VCF_EXPECTED.resolve(NAME + ".split.tsv.gz");
    private static final Path PANEL = Path.of("src/main/resources/no/permed/app/demo/1kg_phase3_samples.tsv");

    @TempDir
    static Path temporary;

    private static String data;
    private static String url;

    @BeforeAll
    static void ingest() {
        data = temporary.resolve("data").toString();
        url = SharedPostgres.freshDatabaseUrl();
        CommandRun ingested = run("ingest", "--cohort", "kg20", "--sample-map", PANEL.toString(), "--assembly", "GRCh37",
                "--no-progress", VCF.toString());
        assertThat(ingested.exitCode()).as(ingested.err()).isEqualTo(ExitCodes.OK);
    }

    private static CommandRun run(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of("--data", data, "--db-url", url));
        return CommandRun.of(all.toArray(String[]::new));
    }

    /** Population label → the VCF columns of its samples, from the panel. */
    private static Map<String, List<Integer>> columnsByPopulation() throws Exception {
        Map<String, String> population = new HashMap<>();
        for (String line : Files.readAllLines(PANEL, StandardCharsets.UTF_8).subList(1, Files.readAllLines(PANEL).size())) {
            String[] columns = line.split("\t");
            population.put(columns[0], columns[1]);
        }
        List<String> samples = GenomeExpected.samples(VCF);
        Map<String, List<Integer>> byPopulation = new LinkedHashMap<>();
        for (int column = 0; column < samples.size(); column++) {
            byPopulation.computeIfAbsent(population.get(samples.get(column)), key -> new ArrayList<>()).add(column);
        }
        return byPopulation;
    }

    @Test
    void theTsvExportEqualsBcftoolsOverallAndPerPopulation() throws Exception {
        Path tsv = temporary.resolve("register.tsv.gz");
        CommandRun export = run("freq", "export", "--format", "tsv", "--out", tsv.toString());
        assertThat(export.exitCode()).as(export.err()).isEqualTo(ExitCodes.OK);
        assertThat(export.out()).contains("GRCh37", "503 counted samples");

        List<String> lines;
        try (var in = new GZIPInputStream(Files.newInputStream(tsv))) {
            lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        }
        Map<String, List<Integer>> populations = columnsByPopulation();
        assertThat(populations).containsOnlyKeys("CEU", "FIN", "GBR", "IBS", "TSI");
        String[] header = lines.get(0).split("\t");
        assertThat(List.of(header).subList(0, 8)).containsExactly("CHROM", "POS", "REF", "ALT", "AC", "AN", "AF", "HOM");
        assertThat(header).hasSize(8 + 4 * populations.size());

        Map<String, GenomeExpected.Counts> bcftools = GenomeExpected.counts(COUNTS);
        Map<String, String[]> calls = GenomeExpected.split(SPLIT);
        assertThat(lines).hasSize(bcftools.size() + 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t");
            String key = columns[0] + "\t" + columns[1] + "\t" + columns[2] + "\t" + columns[3];
            GenomeExpected.Counts overall = new GenomeExpected.Counts(Integer.parseInt(columns[4]), Integer.parseInt(columns[5]),
                    Integer.parseInt(columns[7]));
            assertThat(overall).as(key).isEqualTo(bcftools.get(key));
            for (int column = 8; column < header.length; column += 4) {
                String label = header[column].substring(3);
                GenomeExpected.Counts expected = GenomeExpected.countColumns(calls.get(key), populations.get(label));
                assertThat(new GenomeExpected.Counts(Integer.parseInt(columns[column]), Integer.parseInt(columns[column + 1]),
                        Integer.parseInt(columns[column + 3]))).as("%s %s", key, label).isEqualTo(expected);
            }
        }
    }

    @Test
    void theVcfExportIsASitesOnlyVcfWithPopulationTags() throws Exception {
        Path vcf = temporary.resolve("register.vcf");
        CommandRun export = run("freq", "export", "--format", "vcf", "--out", vcf.toString());
        assertThat(export.exitCode()).as(export.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = Files.readAllLines(vcf, StandardCharsets.US_ASCII);
        assertThat(lines.get(0)).isEqualTo("##fileformat=VCFv4.3");
        assertThat(lines).contains("##reference=GRCh37", "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO");
        Map<String, GenomeExpected.Counts> bcftools = GenomeExpected.counts(COUNTS);
        List<String> records = lines.stream().filter(line -> !line.startsWith("#")).toList();
        assertThat(records).hasSize(bcftools.size());
        String first = records.get(0);
        String[] columns = first.split("\t");
        Map<String, String> info = new HashMap<>();
        for (String field : columns[7].split(";")) {
            info.put(field.substring(0, field.indexOf('=')), field.substring(field.indexOf('=') + 1));
        }
        GenomeExpected.Counts expected = bcftools.get(columns[0] + "\t" + columns[1] + "\t" + columns[3] + "\t" + columns[4]);
        assertThat(Integer.parseInt(info.get("AC"))).isEqualTo(expected.ac());
        assertThat(Integer.parseInt(info.get("AN"))).isEqualTo(expected.an());
        assertThat(Double.parseDouble(info.get("AF"))).isCloseTo((double) expected.ac() / expected.an(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(info).containsKeys("AC_GBR", "AN_GBR", "AF_GBR", "nhomalt_GBR");
    }

    @Test
    void lookupPrintsTheLineAndBadVariantsNameTheArgument() throws Exception {
        Map<String, GenomeExpected.Counts> bcftools = GenomeExpected.counts(COUNTS);
        String key = bcftools.keySet().stream().filter(candidate -> bcftools.get(candidate).ac() > 10)
                .filter(candidate -> !GenomeExpected.symbolic(candidate)).findFirst().orElseThrow();
        String variant = "chr" + key.replace('\t', '-');
        CommandRun lookup = run("freq", "lookup", "--assembly", "GRCh37", variant);
        assertThat(lookup.exitCode()).as(lookup.err()).isEqualTo(ExitCodes.OK);
        GenomeExpected.Counts expected = bcftools.get(key);
        assertThat(lookup.out()).containsPattern("overall\\s+" + expected.ac() + "\\s+" + expected.an() + "\\s");
        assertThat(lookup.out()).contains("population   GBR", "super-pop    EUR", "dataset      kg20");

        CommandRun absent = run("freq", "lookup", "GRCh37-20-1-A-G");
        assertThat(absent.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(absent.out()).contains("not in the register");

        CommandRun bad = run("freq", "lookup", "20-abc-A-G");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("VARIANT", "abc");
    }
}
