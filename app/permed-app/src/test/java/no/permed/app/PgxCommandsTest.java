package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.permed.app.cli.ExitCodes;
import no.permed.app.cli.PermedCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code permed pgx call} and {@code permed acmg classify} as an operator runs them, checked against PharmCAT's
 * published outputs for its documented examples and against the ACMG/AMP and Tavtigian et al. rules.
 */
class PgxCommandsTest {
    private static final Path PGX = Path.of("../../capability/permed-pgx/src/test/resources");
    private static final Path EXAMPLES = PGX.resolve("conformance/vcf/pharmcat/examples");
    /** PharmCAT v3.1.0's calls-only TSV for example 1 (with its outside calls), as published in its docs. */
    private static final Path EXPECTED_TSV = PGX.resolve("interpret/pharmcat.example.report.tsv");
    private static final Path DEMO = Path.of("src/main/resources/no/permed/app/demo");

    @TempDir
    Path temporary;


    private static CommandRun permed(String... arguments) {
        return CommandRun.of(arguments);
    }

    /** Gene → the first four columns (Source Diplotype, Phenotype, Activity Score) of a calls-only TSV. */
    private static Map<String, List<String>> calls(Path tsv) throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        assertThat(lines.get(1)).startsWith("Gene\tSource Diplotype\tPhenotype\tActivity Score\tHaplotype 1");
        for (String line : lines.subList(2, lines.size())) {
            String[] fields = line.split("\t", -1);
            rows.put(fields[0], List.of(fields[1], fields[2].strip(), fields[3]));
        }
        return rows;
    }

    @Test
    void theExampleGivesPharmCatsCallsPhenotypesAndActivityScoresInAllThreeOutputs() throws IOException {
        Path out = temporary.resolve("out");
        CommandRun result = permed("pgx", "call", EXAMPLES.resolve("pharmcat.example.vcf.gz").toString(),
                "--outside-calls", DEMO.resolve("pgx-Sample_1.outside.tsv").toString(), "--out", out.toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("called 1 sample");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("Sample_1.pgx.json", "Sample_1.calls.tsv", "Sample_1.report.html", "Sample_1.report.en.html");
        }
        Map<String, List<String>> expected = calls(EXPECTED_TSV);
        Map<String, List<String>> actual = calls(out.resolve("Sample_1.calls.tsv"));
        // every gene PharmCAT calls from the VCF, and the outside call: the same diplotype, phenotype and activity score
        for (String gene : List.of("ABCG2", "CACNA1S", "CFTR", "CYP2B6", "CYP2C19", "CYP2C9", "CYP3A4", "CYP3A5", "CYP4F2",
                "DPYD", "G6PD", "IFNL3", "NAT2", "NUDT15", "RYR1", "SLCO1B1", "TPMT", "UGT1A1", "VKORC1", "CYP2D6")) {
            assertThat(actual.get(gene)).as(gene).isEqualTo(expected.get(gene));
        }
        String json = Files.readString(out.resolve("Sample_1.pgx.json"));
        assertThat(json).contains("\"sample\"", "Sample_1", "2025-11-05-00-25", "clopidogrel");
        String html = Files.readString(out.resolve("Sample_1.report.html"));
        assertThat(html).contains("lang=\"nb\"", "CYP2C19", "*38/*38");
        assertThat(Files.readString(out.resolve("Sample_1.report.en.html"))).contains("lang=\"en\"");
    }

    @Test
    void aMultiSampleFileIsCalledOnceForEverySample() throws IOException {
        Path out = temporary.resolve("multi");
        CommandRun result = permed("pgx", "call", EXAMPLES.resolve("multisample.vcf.gz").toString(), "--out", out.toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(file -> file.toString().endsWith(".pgx.json")).count()).isEqualTo(2);
        }
        Path one = temporary.resolve("one");
        CommandRun single = permed("pgx", "call", EXAMPLES.resolve("multisample.vcf.gz").toString(), "--sample", "Sample_2",
                "--out", one.toString());
        assertThat(single.exitCode()).as(single.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.exists(one.resolve("Sample_2.calls.tsv"))).isTrue();
        assertThat(Files.readString(one.resolve("Sample_2.calls.tsv")))
                .isEqualTo(Files.readString(out.resolve("Sample_2.calls.tsv")));
    }

    @Test
    void badInputIsRefusedByNameAndNothingIsWritten() throws IOException {
        Path out = temporary.resolve("bad");
        // a GRCh37 file: the allele definitions are GRCh38
        CommandRun grch37 = permed("pgx", "call", GenomeExpected.VCF_DATA.resolve("1kg_chr20_503samples_first3000.vcf.gz").toString(),
                "--sample", "HG00096", "--out", out.toString());
        assertThat(grch37.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(grch37.err()).contains("GRCh38");
        // an outside call for a gene nobody knows, named with file and line
        Path outside = temporary.resolve("outside.tsv");
        Files.writeString(outside, "CYP2D6\t*1/*4\nNOSUCHGENE\t*1/*2\n");
        CommandRun unknownGene = permed("pgx", "call", EXAMPLES.resolve("pharmcat.example.vcf.gz").toString(),
                "--outside-calls", outside.toString(), "--out", out.toString());
        assertThat(unknownGene.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknownGene.err()).contains("outside.tsv", "line 2", "NOSUCHGENE");
        // outside calls belong to one sample
        CommandRun ambiguous = permed("pgx", "call", EXAMPLES.resolve("multisample.vcf.gz").toString(),
                "--outside-calls", DEMO.resolve("pgx-Sample_1.outside.tsv").toString(), "--out", out.toString());
        assertThat(ambiguous.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(ambiguous.err()).contains("--sample");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void acmgClassifyPrintsBothSystemsOneLineEach() {
        // Richards et al. 2015, Table 5: PVS1 + >=2 supporting (PM2 downgraded to supporting counts as supporting) is
        // Pathogenic; Tavtigian et al. 2020: 8 + 1 + 1 = 10 points, Pathogenic
        CommandRun result = permed("acmg", "classify", "--criteria", "PVS1,PM2_Supporting,PP3");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("acmg2015: Pathogenic\npoints: 10 Pathogenic\n");
        // BA1 is stand-alone benign under both
        assertThat(permed("acmg", "classify", "--criteria", "BA1").out()).startsWith("acmg2015: Benign\npoints: ");
        CommandRun bad = permed("acmg", "classify", "--criteria", "PVS1,PX9");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("PX9");
        CommandRun disagreeing = permed("acmg", "classify", "--criteria", "PM2_Supporting,BP4", "--stated", "Pathogenic");
        assertThat(disagreeing.exitCode()).isEqualTo(1);
        assertThat(disagreeing.out()).contains("stated");
    }
}
