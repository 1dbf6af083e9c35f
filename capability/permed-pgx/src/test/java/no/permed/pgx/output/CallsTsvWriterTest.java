package no.permed.pgx.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import no.permed.pgx.interpret.Diplotype;
import no.permed.pgx.interpret.GeneResult;
import no.permed.pgx.interpret.Haplotype;
import no.permed.pgx.interpret.PgxReport;
import no.permed.pgx.knowledge.PgxKnowledge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PharmCAT's row rules for cases its examples do not show (ties, no-calls, genes without a row); the example rows
 * themselves are compared with PharmCAT's files in {@code InterpretExampleTest}. The expected cells follow PharmCAT's
 * {@code CallsOnlyFormat}: " OR " between tied diplotypes, " / " between their phenotypes and scores, empty haplotype
 * cells, "no call" with empty cells.
 */
class CallsTsvWriterTest {
    private static PgxKnowledge knowledge;
    private static CallsTsvWriter writer;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        knowledge = PgxKnowledge.load();
        writer = CallsTsvWriter.create(knowledge, "1.2.3");
    }

    private static Diplotype diplotype(String a, String b, String phenotype, String score) {
        return new Diplotype(a + "/" + b, new Haplotype(a, Optional.empty(), Optional.empty()),
                Optional.of(new Haplotype(b, Optional.empty(), Optional.empty())), Optional.of(phenotype), Optional.of(score));
    }

    @Test
    void tiedDiplotypesShareOneRow() {
        List<Diplotype> tie = List.of(diplotype("*1", "*2", "Intermediate Metabolizer", "1.5"), diplotype("*1", "*3", "Intermediate Metabolizer", "1.0"));
        GeneResult gene = new GeneResult("CYP2C9", tie, tie, false, 160, List.of("chr10:94941897 (rs1057910)"), List.of(), false);
        assertThat(writer.row(gene)).containsExactly("CYP2C9", "*1/*2 OR *1/*3", "Intermediate Metabolizer / Intermediate Metabolizer",
                "1.5 / 1.0", "", "", "", "", "", "", "no", "160 / 160", "yes", "", "", "");
    }

    @Test
    void noCallAndGenesWithoutDefinition() throws Exception {
        GeneResult noCall = new GeneResult("TPMT", List.of(), List.of(), false, 0, List.of("chr6:18130687 (rs1142345)"), List.of(), false);
        GeneResult hla = new GeneResult("HLA-B", List.of(new Diplotype("*57:01 positive", Optional.empty(), Optional.empty(),
                Optional.of("*57:01 positive"), Optional.empty())), List.of(), true, 0, List.of(), List.of(), false);
        PgxReport report = new PgxReport("S1", knowledge.dataVersion().summary(), List.of(noCall, hla), List.of(), List.of());
        StringWriter out = new StringWriter();
        writer.write(report, out);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("permed 1.2.3");
        assertThat(lines.get(1)).isEqualTo(String.join("\t", CallsTsvWriter.HEADER));
        assertThat(lines.get(2).split("\t", -1)).containsExactly("TPMT", "no call", "", "", "", "", "", "", "", "", "no", "", "yes", "", "", "");
        Path file = writer.write(report, dir.resolve("S1.report.tsv"));
        assertThat(Files.readString(file)).isEqualTo(out.toString());
    }
}
