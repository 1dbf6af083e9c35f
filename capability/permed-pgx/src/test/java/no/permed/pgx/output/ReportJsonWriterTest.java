package no.permed.pgx.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.pgx.interpret.Diplotype;
import no.permed.pgx.interpret.DrugRecommendation;
import no.permed.pgx.interpret.GeneResult;
import no.permed.pgx.interpret.Haplotype;
import no.permed.pgx.interpret.PgxReport;
import no.permed.pgx.knowledge.PgxSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON file holds every part of the report, under the documented names. */
class ReportJsonWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryPartOfTheReport() throws Exception {
        Haplotype one = new Haplotype("*1", Optional.of("Normal function"), Optional.of("1.0"));
        Haplotype two = new Haplotype("*2", Optional.of("Decreased function"), Optional.of("0.5"));
        List<Diplotype> tie = List.of(new Diplotype("*1/*2", one, Optional.of(two), Optional.of("Intermediate Metabolizer"), Optional.of("1.5")),
                new Diplotype("*1/*1", one, Optional.of(one), Optional.of("Normal Metabolizer"), Optional.of("2.0")));
        GeneResult gene = new GeneResult("CYP2C9", tie, tie, false, 160, List.of("chr10:94941897 (rs1057910)"), List.of("tied"), true);
        DrugRecommendation r = new DrugRecommendation("celecoxib", PgxSource.CPIC, "PA1", "guideline", 10, "https://example.org/g",
                Map.of("CYP2C9", "2.0"), Optional.of("general"), Optional.of("Strong"), "text", List.of("implication"), false,
                Map.of("CYP2C9", "*1/*1"), true);
        PgxReport report = new PgxReport("sample/../1", "PGx knowledge: test", List.of(gene), List.of(r), List.of("a warning"));

        Path file = ReportJsonWriter.create("0.1.0").write(report, dir);

        assertThat(file.getFileName().toString()).isEqualTo("sample_.._1.pgx.json");
        assertThat(file.getParent()).isEqualTo(dir);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("format").asText()).isEqualTo(ReportJsonWriter.FORMAT);
        assertThat(json.get("generator").asText()).isEqualTo("permed 0.1.0");
        assertThat(json.get("sample").asText()).isEqualTo("sample/../1");
        assertThat(json.get("dataVersion").asText()).isEqualTo("PGx knowledge: test");
        JsonNode g = json.get("genes").get(0);
        assertThat(g.get("sourceDiplotypes")).hasSize(2);
        assertThat(g.get("sourceDiplotypes").get(0).get("second").get("activityValue").asText()).isEqualTo("0.5");
        assertThat(g.get("sourceDiplotypes").get(1).get("phenotype").asText()).isEqualTo("Normal Metabolizer");
        assertThat(g.get("missingPositions").get(0).asText()).isEqualTo("chr10:94941897 (rs1057910)");
        assertThat(g.get("warnings").get(0).asText()).isEqualTo("tied");
        JsonNode rec = json.get("recommendations").get(0);
        assertThat(rec.get("strength").asText()).isEqualTo("Strong");
        assertThat(rec.get("tiedCall").asBoolean()).isTrue();
        assertThat(rec.get("diplotypes").get("CYP2C9").asText()).isEqualTo("*1/*1");
        assertThat(json.get("warnings").get(0).asText()).isEqualTo("a warning");
        assertThat(ReportJsonWriter.fileName("..")).isEqualTo("_...pgx.json");
    }
}
