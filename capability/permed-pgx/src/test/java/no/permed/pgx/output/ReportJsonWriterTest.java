package no.permed.pgx.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.pgx.call.CallResult;
import no.permed.pgx.call.PgxCaller;
import no.permed.pgx.interpret.OutsideCalls;
import no.permed.pgx.interpret.PgxInterpreter;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.pgx.interpret.Diplotype;
import no.permed.pgx.interpret.DrugRecommendation;
import no.permed.pgx.interpret.GeneResult;
import no.permed.pgx.interpret.Haplotype;
import no.permed.pgx.interpret.PgxReport;
import no.permed.pgx.knowledge.PgxSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON file holds every part of the report, under the documented names, and is byte for byte what Jackson's data
 * binding with its default pretty printer writes for the same report (the writer's first implementation, and the
 * layout the format promises).
 */
class ReportJsonWriterTest {
    /** The mapper the writer used before it wrote the JSON itself: the independent reference for the layout. */
    private static final ObjectMapper JACKSON = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    @TempDir
    Path dir;

    private static String jackson(PgxReport report, String version) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", ReportJsonWriter.FORMAT);
        root.put("generator", "permed " + version);
        root.put("sample", report.sample());
        root.put("dataVersion", report.dataVersion());
        root.put("genes", report.genes());
        root.put("recommendations", report.recommendations());
        root.put("warnings", report.warnings());
        return JACKSON.writeValueAsString(root);
    }

    private static String ours(ReportJsonWriter writer, PgxReport report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesWhatJacksonWritesForPharmcatsExamples() throws Exception {
        PgxKnowledge knowledge = PgxKnowledge.load();
        PgxCaller caller = PgxCaller.create(knowledge);
        PgxInterpreter interpreter = PgxInterpreter.create(knowledge);
        ReportJsonWriter writer = ReportJsonWriter.create("9.9.9");
        Path examples = Path.of("src/test/resources/conformance/vcf/pharmcat/examples");
        List<CallResult> results = new ArrayList<>();
        results.add(caller.call(examples.resolve("pharmcat.example.vcf.gz"), Optional.empty()));
        results.add(caller.call(examples.resolve("pharmcat.example2.vcf.gz"), Optional.empty()));
        results.addAll(caller.callAll(examples.resolve("multisample.vcf.gz")).values());
        int recommendations = 0;
        for (CallResult result : results) {
            PgxReport report = interpreter.interpret(result, OutsideCalls.none());
            recommendations += report.recommendations().size();
            // the interpreter's memos (shared by every sample) change nothing: a fresh interpreter gives the same report
            assertThat(interpreter.interpret(result, OutsideCalls.none())).isEqualTo(report);
            assertThat(PgxInterpreter.create(knowledge).interpret(result, OutsideCalls.none())).isEqualTo(report);
            // twice: the second time from the writer's rendered fragments
            assertThat(ours(writer, report)).isEqualTo(jackson(report, "9.9.9"));
            assertThat(ours(writer, report)).isEqualTo(jackson(report, "9.9.9"));
        }
        assertThat(results).hasSizeGreaterThan(3);
        assertThat(recommendations).isGreaterThan(100);
    }

    @Test
    void escapesStringsAsJacksonDoes() throws Exception {
        String nasty = "quote \" back\\slash \u0000 \u0001 \b \f \n \r \t \u001f \u007f / \u00e6\u00f8\u00e5 \u2265 \u2028 \uD83D\uDC8A <&>";
        Haplotype one = new Haplotype(nasty, Optional.empty(), Optional.of("1.0"));
        Diplotype d = new Diplotype(nasty, one, Optional.empty(), Optional.empty(), Optional.of(nasty));
        GeneResult gene = new GeneResult(nasty, List.of(d), List.of(), true, 0, List.of(), List.of(nasty, ""), false);
        GeneResult empty = new GeneResult("G", List.of(), List.of(), false, 0, List.of(), List.of(), false);
        DrugRecommendation r = new DrugRecommendation(nasty, PgxSource.DPWG, nasty, nasty, 0, nasty, Map.of(), Optional.empty(),
                Optional.of(nasty), nasty, List.of(), true, Map.of(nasty, nasty, "A", ""), false);
        PgxReport report = new PgxReport(nasty, nasty, List.of(gene, empty), List.of(r), List.of(nasty));
        assertThat(ours(ReportJsonWriter.create(nasty), report)).isEqualTo(jackson(report, nasty));
        PgxReport bare = new PgxReport("s", "v", List.of(), List.of(), List.of());
        assertThat(ours(ReportJsonWriter.create("1"), bare)).isEqualTo(jackson(bare, "1"));
    }

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
