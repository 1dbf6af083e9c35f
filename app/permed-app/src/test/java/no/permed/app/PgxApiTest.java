package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.permed.kernel.Pseudonym;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pharmacogenomic profile as its users meet it: the demo's PGx patients, a laboratory's submission with outside
 * calls, the clinician's JSON and HTML views. Calls and phenotypes are checked against PharmCAT's published example
 * reports, never against our own output.
 */
class PgxApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PGX = Path.of("../../capability/permed-pgx/src/test/resources");
    private static final Path EXAMPLES = PGX.resolve("conformance/vcf/pharmcat/examples");

    @TempDir
    static Path temporary;

    private static RunningPermed permed;
    private static Pseudonym demoPatient;

    @BeforeAll
    static void start() {
        permed = RunningPermed.startDemo(temporary.resolve("data"));
        demoPatient = permed.application.demoPatient().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (permed != null) {
            permed.close();
        }
    }

    /** Gene → [Source Diplotype, Phenotype, Activity Score] from one of PharmCAT's published calls-only TSVs. */
    private static Map<String, List<String>> pharmcat(String name) throws IOException {
        Map<String, List<String>> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(PGX.resolve("interpret").resolve(name), StandardCharsets.UTF_8);
        for (String line : lines.subList(2, lines.size())) {
            String[] fields = line.split("\t", -1);
            rows.put(fields[0], List.of(fields[1], fields[2], fields[3]));
        }
        return rows;
    }

    private static JsonNode gene(JsonNode profile, String symbol) {
        for (JsonNode gene : profile.get("genes")) {
            if (gene.get("gene").asText().equals(symbol)) {
                return gene;
            }
        }
        throw new AssertionError("no " + symbol + " in " + profile);
    }

    @Test
    void theDemoPatientsProfileIsPharmCatsExampleWithItsOutsideCalls() throws Exception {
        HttpResponse<String> answer = permed.get("/api/patients/" + demoPatient + "/pgx", permed.tokenFor("demo-clinician"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode profile = JSON.readTree(answer.body());
        assertThat(profile.get("sampleId").asText()).isEqualTo("Sample_1");
        assertThat(profile.get("dataVersion").asText()).contains("2025-11-05-00-25");
        Map<String, List<String>> expected = pharmcat("pharmcat.example.report.tsv");
        for (String symbol : List.of("CYP2C19", "CYP2C9", "CYP2B6", "SLCO1B1", "TPMT", "DPYD", "CYP2D6")) {
            JsonNode diplotype = gene(profile, symbol).get("diplotypes").get(0);
            assertThat(diplotype.get("diplotype").asText()).as(symbol).isEqualTo(expected.get(symbol).get(0));
            assertThat(diplotype.get("phenotype").asText()).as(symbol).isEqualTo(expected.get(symbol).get(1));
        }
        assertThat(gene(profile, "CYP2D6").get("outsideCall").asBoolean()).isTrue();
        // CYP2D6 *1/*3 (intermediate metaboliser, from the outside call) gets CPIC's codeine recommendation
        List<String> drugs = new ArrayList<>();
        profile.get("recommendations").forEach(r -> drugs.add(r.get("drug").asText() + "/" + r.get("source").asText()));
        assertThat(drugs).contains("codeine/CPIC", "clopidogrel/CPIC");

        // the same as a report, in both languages
        HttpResponse<String> nb = permed.get("/api/patients/" + demoPatient + "/pgx/report", permed.tokenFor("demo-clinician"));
        assertThat(nb.statusCode()).isEqualTo(200);
        assertThat(nb.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(nb.body()).contains("lang=\"nb\"", "CYP2C19", "codeine");
        HttpResponse<String> en = permed.get("/api/patients/" + demoPatient + "/pgx/report?lang=en", permed.tokenFor("demo-clinician"));
        assertThat(en.body()).contains("lang=\"en\"");
        assertThat(permed.get("/api/patients/" + demoPatient + "/pgx/report?lang=sv", permed.tokenFor("demo-clinician")).statusCode())
                .isEqualTo(400);
        // the patient's access log shows the clinician's reads
        assertThat(permed.get("/api/me/access-log", permed.tokenFor("demo-patient")).body()).contains("pgx.profile.read", "pgx.report.read");
    }

    @Test
    void aLaboratorysSubmissionBecomesAProfileAndBadOutsideCallsStoreNothing() throws Exception {
        String lab = permed.tokenFor("demo-lab");
        String nationalId = GenomeExpected.syntheticNationalId(21);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("patient", nationalId);
        form.put("sample", "Sample_2");
        form.put("testType", "panel");
        form.put("assembly", "GRCh38");   // PharmCAT's example declares no contig lengths
        form.put("clinician", "demo-clinician");
        Path vcf = EXAMPLES.resolve("pharmcat.example2.vcf.gz");

        Path badOutside = temporary.resolve("bad-outside.tsv");
        Files.writeString(badOutside, "CYP2D6\t*1/*4\nCYP2D6\t*1/*1\n");
        HttpResponse<String> refused = permed.postMultipart("/api/samples", lab, form, List.of(
                new RunningPermed.FilePart("vcf", "pharmcat.example2.vcf.gz", vcf),
                new RunningPermed.FilePart("outsideCalls", "bad-outside.tsv", badOutside)));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("bad-outside.tsv", "line 2", "CYP2D6").doesNotContain(nationalId);
        assertThat(permed.get("/api/samples", lab).body()).doesNotContain("Sample_2");

        Path outside = temporary.resolve("outside.tsv");
        Files.writeString(outside, "CYP2D6\t*4/*4\n");
        HttpResponse<String> submitted = permed.postMultipart("/api/samples", lab, form, List.of(
                new RunningPermed.FilePart("vcf", "pharmcat.example2.vcf.gz", vcf),
                new RunningPermed.FilePart("outsideCalls", "outside.tsv", outside)));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(submitted.body());
        assertThat(body.get("notes").toString()).contains("pharmacogenomic profile version 1 recorded");
        String patient = body.get("patient").asText();

        JsonNode profile = JSON.readTree(permed.get("/api/patients/" + patient + "/pgx", permed.tokenFor("demo-clinician")).body());
        List<String> expected = pharmcat("pharmcat.example2.report.tsv").get("CYP2C19");
        JsonNode cyp2c19 = gene(profile, "CYP2C19").get("diplotypes").get(0);
        assertThat(cyp2c19.get("diplotype").asText()).isEqualTo(expected.get(0));     // *2/*2
        assertThat(cyp2c19.get("phenotype").asText()).isEqualTo(expected.get(1));     // Poor Metabolizer
        // CPIC's CYP2D6 table: *4 is a no-function allele, *4/*4 a poor metaboliser
        assertThat(gene(profile, "CYP2D6").get("diplotypes").get(0).get("phenotype").asText()).isEqualTo("Poor Metabolizer");
        boolean clopidogrelAlternative = false;
        for (JsonNode recommendation : profile.get("recommendations")) {
            if (recommendation.get("drug").asText().equals("clopidogrel") && recommendation.get("source").asText().equals("CPIC")) {
                clopidogrelAlternative |= recommendation.get("alternateDrugAdvised").asBoolean();
            }
        }
        assertThat(clopidogrelAlternative).as("CPIC advises an alternative to clopidogrel for CYP2C19 poor metabolisers").isTrue();
        HttpResponse<String> history = permed.get("/api/patients/" + patient + "/pgx/history", permed.tokenFor("demo-clinician"));
        assertThat(JSON.readTree(history.body()).get("versions")).hasSize(1);

        // a GRCh37 sample is stored without a profile, and the lab is told why
        Map<String, String> grch37 = new LinkedHashMap<>(form);
        grch37.put("patient", GenomeExpected.syntheticNationalId(22));
        grch37.put("sample", "NA12878");
        grch37.put("assembly", "GRCh37");
        grch37.remove("testType");
        HttpResponse<String> other = permed.postMultipart("/api/samples", lab, grch37, List.of(new RunningPermed.FilePart("vcf",
                "NIST2.19_NA12878_complex_first6000.vcf.gz", GenomeExpected.VCF_DATA.resolve("NIST2.19_NA12878_complex_first6000.vcf.gz"))));
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        assertThat(JSON.readTree(other.body()).get("notes").toString()).contains("no pharmacogenomic profile");
    }

    @Test
    void theGetRmDemoPatientsHaveProfilesTheClinicianMayRead() throws Exception {
        HttpResponse<String> samples = permed.get("/api/samples", permed.tokenFor("demo-lab"));
        JsonNode list = JSON.readTree(samples.body()).get("samples");
        int profiles = 0;
        for (JsonNode sample : list) {
            if (sample.get("sampleId").asText().startsWith("NA18")) {
                HttpResponse<String> answer = permed.get("/api/patients/" + sample.get("patient").asText() + "/pgx",
                        permed.tokenFor("demo-clinician"));
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(gene(JSON.readTree(answer.body()), "CYP2D6").get("outsideCall").asBoolean()).isTrue();
                profiles++;
            }
        }
        assertThat(profiles).isEqualTo(3);
    }
}
