package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import no.permed.kernel.Pseudonym;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The genome store's HTTP API as its users meet it: the demo (the real 1000 Genomes phase 3 chr22 cohort and the
 * demo patient's sample) on a real server with real PostgreSQL, real multipart uploads of real VCFs, and every
 * genotype and count checked against bcftools' results or the input VCF's text, never against our own output.
 */
class GenomeApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COHORT_COUNTS = GenomeExpected.SHARED_EXPECTED
            .resolve("10k.chr22.phase3_shapeit2_mvncall_integrated_v5.20130502.genotypes.counts.tsv.gz");

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

    @Test
    void theStoresCountsEqualBcftoolsOnTheDemoCohortWithoutTheVariantOnlyPatientSample() throws Exception {
        Map<String, GenomeExpected.Counts> cohort = GenomeExpected.counts(COHORT_COUNTS);
        Map<String, String> patient = GenomeExpected.splitSingleSample(GenomeExpected.DEMO_PATIENT_VCF);
        assertThat(cohort).hasSize(9792);

        // ~20 variants spread over the file, the first two records that bcftools split (multi-allelic), and some the
        // demo patient has
        List<String> keys = new ArrayList<>(cohort.keySet());
        List<String> chosen = new ArrayList<>();
        for (int index = 0; index < keys.size(); index += 509) {
            if (!GenomeExpected.symbolic(keys.get(index))) {
                chosen.add(keys.get(index));
            }
        }
        Map<String, List<String>> byPosition = new LinkedHashMap<>();
        for (String line : GenomeExpected.lines(COHORT_COUNTS)) {
            String[] columns = line.split("\t");
            byPosition.computeIfAbsent(columns[0] + ":" + columns[1], position -> new ArrayList<>())
                    .add(GenomeExpected.key(columns[0], Integer.parseInt(columns[1]), columns[2], columns[3]));
        }
        List<List<String>> multiAllelic = byPosition.values().stream().filter(split -> split.size() > 1)
                .filter(split -> split.stream().noneMatch(GenomeExpected::symbolic)).limit(2).toList();
        assertThat(multiAllelic).hasSize(2);
        multiAllelic.forEach(chosen::addAll);
        patient.keySet().stream().filter(cohort::containsKey).limit(3).forEach(chosen::add);
        assertThat(chosen).hasSizeGreaterThanOrEqualTo(20);
        assertThat(chosen.stream().filter(patient::containsKey)).hasSizeGreaterThanOrEqualTo(3);

        String lab = permed.tokenFor("demo-lab");
        for (String key : chosen) {
            String variant = GenomeExpected.variant("GRCh37", key);
            HttpResponse<String> answer = permed.get("/api/variants/" + variant + "/counts", lab);
            assertThat(answer.statusCode()).as(variant).isEqualTo(200);
            JsonNode counts = JSON.readTree(answer.body());
            GenomeExpected.Counts bcftools = cohort.get(key);
            // the counts are over the whole store, but the demo patient's sample comes from a single-sample VCF that
            // lists only variants (no reference calls): counting it would add to AN only where it carries the variant
            // and inflate frequencies, so it is left out and the counts are exactly the cohort's
            GenomeExpected.Counts expected = bcftools;
            assertThat(counts.get("variant").asText()).isEqualTo(variant);
            assertThat(new GenomeExpected.Counts(counts.get("ac").asInt(), counts.get("an").asInt(), counts.get("hom").asInt()))
                    .as(variant).isEqualTo(expected);
            assertThat(counts.get("hemi").asInt()).as(variant).isZero();

            JsonNode populations = counts.get("populations");
            List<String> names = new ArrayList<>();
            populations.fieldNames().forEachRemaining(names::add);
            assertThat(names).as(variant).hasSize(26).contains("GBR", "CEU", "YRI", "CHB", "PEL");
            int populationAn = 0;
            int populationAc = 0;
            int populationHom = 0;
            for (String name : names) {
                populationAn += populations.get(name).get("an").asInt();
                populationAc += populations.get(name).get("ac").asInt();
                populationHom += populations.get(name).get("hom").asInt();
            }
            assertThat(new GenomeExpected.Counts(populationAc, populationAn, populationHom))
                    .as("%s: the populations sum to the cohort's counts", variant).isEqualTo(bcftools);
            assertThat(populationAn).as("%s: population AN sums to the total AN", variant).isEqualTo(counts.get("an").asInt());
        }
    }

    @Test
    void countsAreForLabsAndResearchersOnly() throws Exception {
        String path = "/api/variants/GRCh37-22-16054740-A-G/counts";
        HttpResponse<String> researcher = permed.get(path, permed.tokenFor("demo-researcher"));
        assertThat(researcher.statusCode()).isEqualTo(200);
        GenomeExpected.Counts bcftools = GenomeExpected.counts(COHORT_COUNTS).get("22\t16054740\tA\tG");
        assertThat(JSON.readTree(researcher.body()).get("an").asInt()).isEqualTo(bcftools.an());
        assertThat(permed.get(path, permed.tokenFor("demo-clinician")).statusCode()).isEqualTo(403);
        assertThat(permed.get(path, permed.tokenFor("demo-patient")).statusCode()).isEqualTo(403);
        assertThat(permed.get(path, Optional.empty()).statusCode()).isEqualTo(401);
        HttpResponse<String> malformed = permed.get("/api/variants/GRCh37-22-x-A-G/counts", permed.tokenFor("demo-lab"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("GENOME_INVALID_QUERY");
    }

    @Test
    void theClinicianReadsTheDemoPatientsGenotypesAndThePatientSeesTheRead() throws Exception {
        int start = 16_050_000;
        int end = 16_100_000;
        HttpResponse<String> answer = permed.get("/api/patients/" + demoPatient + "/genotypes?region=22:" + start + "-" + end,
                permed.tokenFor("demo-clinician"));
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("patient").asText()).isEqualTo(demoPatient.value());
        // DEMO-0001 (GRCh37, chr22) and the PGx panel Sample_1 (GRCh38, nothing on chr22 here)
        assertThat(body.get("samples")).hasSize(2);
        JsonNode sample = body.get("samples").get(0);
        assertThat(body.get("samples").get(1).get("sampleId").asText()).isEqualTo("Sample_1");
        assertThat(body.get("samples").get(1).get("calls")).isEmpty();
        assertThat(sample.get("sampleId").asText()).isEqualTo("DEMO-0001");
        assertThat(sample.get("laboratory").asText()).isEqualTo("demo-lab-oslo");
        assertThat(sample.get("assembly").asText()).isEqualTo("GRCh37");

        // the demo patient's VCF holds NA12878's ALT-carrying sites of the 10k.chr22 file (split here as bcftools does:
        // 2|2 at a T>A,C site is 0|0 for T>A and 1|1 for T>C)
        Map<String, String> expected = GenomeExpected.splitSingleSample(GenomeExpected.DEMO_PATIENT_VCF).entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("22\t"))
                .filter(entry -> GenomeExpected.position(entry.getKey()) >= start && GenomeExpected.position(entry.getKey()) <= end)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(expected).hasSizeGreaterThan(15).containsValue("0|0");
        Map<String, String> calls = new HashMap<>();
        for (JsonNode call : sample.get("calls")) {
            String key = call.get("contig").asText() + "\t" + call.get("position").asInt() + "\t" + call.get("ref").asText() + "\t"
                    + call.get("alt").asText();
            assertThat(call.get("variant").asText()).isEqualTo(GenomeExpected.variant("GRCh37", key));
            assertThat(calls.put(key, call.get("genotype").asText())).as("one call per variant: %s", key).isNull();
        }
        assertThat(calls).isEqualTo(expected);

        HttpResponse<String> log = permed.get("/api/me/access-log", permed.tokenFor("demo-patient"));
        assertThat(log.statusCode()).isEqualTo(200);
        boolean audited = false;
        for (JsonNode entry : JSON.readTree(log.body()).get("entries")) {
            if (entry.get("action").asText().equals("genome.genotypes.read") && entry.get("actor").asText().equals("demo-clinician")
                    && entry.get("outcome").asText().equals("PERMITTED")) {
                audited = true;
            }
        }
        assertThat(audited).as("the patient's access log shows the clinician's genotype read: %s", log.body()).isTrue();
    }

    @Test
    void thePatientReadsTheirOwnGenotypesButAResearcherMayNot() throws Exception {
        String path = "/api/patients/" + demoPatient + "/genotypes?region=22:16054740";
        HttpResponse<String> own = permed.get(path, permed.tokenFor("demo-patient"));
        assertThat(own.statusCode()).isEqualTo(200);
        JsonNode calls = JSON.readTree(own.body()).get("samples").get(0).get("calls");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).get("genotype").asText())
                .isEqualTo(GenomeExpected.splitSingleSample(GenomeExpected.DEMO_PATIENT_VCF).get("22\t16054740\tA\tG"));

        assertThat(permed.get(path, permed.tokenFor("demo-researcher")).statusCode()).isEqualTo(403);
        assertThat(permed.get(path, Optional.empty()).statusCode()).isEqualTo(401);
        HttpResponse<String> badRegion = permed.get("/api/patients/" + demoPatient + "/genotypes?region=22:100-50",
                permed.tokenFor("demo-clinician"));
        assertThat(badRegion.statusCode()).isEqualTo(400);
        assertThat(permed.get("/api/patients/" + demoPatient + "/genotypes", permed.tokenFor("demo-clinician")).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aLaboratorySubmitsListsAndWithdrawsASample() throws Exception {
        String lab = permed.tokenFor("demo-lab");
        String clinician = permed.tokenFor("demo-clinician");
        Path hg004 = GenomeExpected.VCF_DATA.resolve("GIAB_HG004_1k.vcf.gz");
        Map<String, String[]> expectedCalls = GenomeExpected.split(GenomeExpected.VCF_EXPECTED.resolve("GIAB_HG004_1k.split.tsv.gz"));
        String nationalId = GenomeExpected.syntheticNationalId(17);
        String samplesBefore = sampleIds(permed.get("/api/samples", lab));
        // the demo patients' samples (DEMO-0001, DEMO-0002) and the pharmacogenomic demo samples (Demo.PGX_PATIENTS)
        assertThat(samplesBefore).isEqualTo("[DEMO-0001, DEMO-0002, NA18526, NA18565, NA18861, Sample_1]");

        // refused uploads change nothing
        Map<String, String> form = new LinkedHashMap<>();
        form.put("patient", nationalId);
        form.put("sample", "HG004");
        form.put("testType", "genome");
        form.put("assembly", "GRCh38");
        form.put("clinician", "demo-clinician");

        HttpResponse<String> malformed = permed.postMultipart("/api/samples", lab, form,
                List.of(new RunningPermed.FilePart("vcf", "rec-pos-zero.vcf", GenomeExpected.MALFORMED.resolve("rec-pos-zero.vcf"))));
        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(malformed.body());
        assertThat(error.get("code").asText()).as(malformed.body()).isEqualTo("VCF_INVALID_POSITION");
        assertThat(error.get("message").asText()).contains("rec-pos-zero.vcf", "line 41", "POS").doesNotContain(nationalId);
        assertThat(error.get("details").get("file").asText()).isEqualTo("rec-pos-zero.vcf");
        assertThat(error.get("details").get("line").asInt()).isEqualTo(41);
        assertThat(error.get("details").get("field").asText()).isEqualTo("POS");

        HttpResponse<String> json = permed.postJson("/api/samples", lab, "{\"patient\":\"" + nationalId + "\",\"sample\":\"HG004\"}");
        assertThat(json.statusCode()).isEqualTo(415);

        HttpResponse<String> noFile = permed.postMultipart("/api/samples", lab, form, List.of());
        assertThat(noFile.statusCode()).isEqualTo(400);
        assertThat(noFile.body()).contains("SERVER_MISSING_FIELD", "\"field\":\"vcf\"");

        HttpResponse<String> wrongPart = permed.postMultipart("/api/samples", lab, form,
                List.of(new RunningPermed.FilePart("file", "GIAB_HG004_1k.vcf.gz", hg004)));
        assertThat(wrongPart.statusCode()).isEqualTo(400);
        assertThat(wrongPart.body()).contains("\"field\":\"vcf\"");

        Map<String, String> unknown = new LinkedHashMap<>(form);
        unknown.put("name", "Ola Nordmann");
        HttpResponse<String> unknownField = permed.postMultipart("/api/samples", lab, unknown,
                List.of(new RunningPermed.FilePart("vcf", "GIAB_HG004_1k.vcf.gz", hg004)));
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("SERVER_UNKNOWN_FIELD", "\"field\":\"name\"");

        Map<String, String> invalidId = new LinkedHashMap<>(form);
        invalidId.put("patient", nationalId.substring(0, 10) + (char) ('0' + (nationalId.charAt(10) - '0' + 1) % 10));
        HttpResponse<String> wrongCheckDigit = permed.postMultipart("/api/samples", lab, invalidId,
                List.of(new RunningPermed.FilePart("vcf", "GIAB_HG004_1k.vcf.gz", hg004)));
        assertThat(wrongCheckDigit.statusCode()).as(wrongCheckDigit.body()).isEqualTo(400);
        assertThat(wrongCheckDigit.body()).contains("check digit").doesNotContain(invalidId.get("patient"));

        Map<String, String> badClinician = new LinkedHashMap<>(form);
        badClinician.put("clinician", "not a user id!");
        HttpResponse<String> clinicianRefused = permed.postMultipart("/api/samples", lab, badClinician,
                List.of(new RunningPermed.FilePart("vcf", "GIAB_HG004_1k.vcf.gz", hg004)));
        assertThat(clinicianRefused.statusCode()).as(clinicianRefused.body()).isEqualTo(400);

        Map<String, String> otherSample = new LinkedHashMap<>(form);
        otherSample.put("sample", "HG002");
        HttpResponse<String> notInFile = permed.postMultipart("/api/samples", lab, otherSample,
                List.of(new RunningPermed.FilePart("vcf", "GIAB_HG004_1k.vcf.gz", hg004)));
        assertThat(notInFile.statusCode()).as(notInFile.body()).isEqualTo(400);
        assertThat(notInFile.body()).contains("GENOME_SAMPLE_NOT_IN_FILE");

        HttpResponse<String> byClinician = permed.postMultipart("/api/samples", clinician, form,
                List.of(new RunningPermed.FilePart("vcf", "GIAB_HG004_1k.vcf.gz", hg004)));
        assertThat(byClinician.statusCode()).isEqualTo(403);
        assertThat(sampleIds(permed.get("/api/samples", lab))).isEqualTo(samplesBefore);

        // the upload
        HttpResponse<String> submitted = permed.postMultipart("/api/samples", lab, form,
                List.of(new RunningPermed.FilePart("vcf", "GIAB_HG004_1k.vcf.gz", hg004)));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        JsonNode result = JSON.readTree(submitted.body());
        assertThat(result.get("sites").asInt()).isEqualTo(expectedCalls.size());
        assertThat(result.get("sampleId").asText()).isEqualTo("HG004");
        assertThat(result.get("assembly").asText()).isEqualTo("GRCh38");
        assertThat(submitted.body()).doesNotContain(nationalId);
        String patient = result.get("patient").asText();
        HttpResponse<String> resolved = permed.postJson("/api/patients/resolve", lab, "{\"nationalId\":\"" + nationalId + "\"}");
        assertThat(JSON.readTree(resolved.body()).get("pseudonym").asText()).isEqualTo(patient);

        JsonNode listed = JSON.readTree(permed.get("/api/samples", lab).body()).get("samples");
        JsonNode stored = null;
        for (JsonNode sample : listed) {
            if (sample.get("sampleId").asText().equals("HG004")) {
                stored = sample;
            }
        }
        assertThat(stored).as("GET /api/samples lists HG004").isNotNull();
        assertThat(stored.get("patient").asText()).isEqualTo(patient);
        assertThat(stored.get("testType").asText()).isEqualTo("genome");
        assertThat(stored.get("assembly").asText()).isEqualTo("GRCh38");
        long id = stored.get("id").asLong();

        // the clinician named in the upload reads every call, equal to bcftools' split genotypes
        HttpResponse<String> genotypes = permed.get("/api/patients/" + patient + "/genotypes?region=chr1:1-10000000", clinician);
        assertThat(genotypes.statusCode()).as(genotypes.body()).isEqualTo(200);
        assertThat(callsOf(genotypes)).isEqualTo(expectedCalls.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue()[0])));

        // carriers of one of its variants, with bcftools' call
        String carried = expectedCalls.entrySet().stream().filter(entry -> GenomeExpected.tally(entry.getValue()[0])[0] > 0)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        String carriersPath = "/api/variants/" + GenomeExpected.variant("GRCh38", carried) + "/carriers";
        HttpResponse<String> carriers = permed.get(carriersPath, lab);
        assertThat(carriers.statusCode()).isEqualTo(200);
        // the new patient, and the demo's DEMO-0002, which is the same public genome (GIAB HG004) under a demo name
        JsonNode carrierList = JSON.readTree(carriers.body()).get("carriers");
        assertThat(carrierList).hasSize(2);
        assertThat(carrierList.get(0).get("sampleId").asText()).isEqualTo("DEMO-0002");
        assertThat(carrierList.get(1).get("patient").asText()).isEqualTo(patient);
        assertThat(carrierList.get(1).get("sampleId").asText()).isEqualTo("HG004");
        assertThat(carrierList.get(1).get("genotype").asText()).isEqualTo(expectedCalls.get(carried)[0]);
        assertThat(carrierList.get(0).get("genotype").asText()).isEqualTo(expectedCalls.get(carried)[0]);
        assertThat(permed.get(carriersPath, clinician).statusCode()).isEqualTo(403);

        // the same sample again
        HttpResponse<String> again = permed.postMultipart("/api/samples", lab, form,
                List.of(new RunningPermed.FilePart("vcf", "GIAB_HG004_1k.vcf.gz", hg004)));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("GENOME_SAMPLE_EXISTS");

        // withdrawal
        assertThat(permed.delete("/api/samples/" + id, lab).statusCode()).isEqualTo(400);
        assertThat(permed.delete("/api/samples/" + id + "?reason=withdrawn", clinician).statusCode()).isEqualTo(403);
        HttpResponse<String> erased = permed.delete("/api/samples/" + id + "?reason=withdrawn", lab);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(204);
        HttpResponse<String> after = permed.get("/api/patients/" + patient + "/genotypes?region=chr1:1-10000000", clinician);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(after.body()).get("samples")).isEmpty();
        // only the demo's copy of the genome is left
        JsonNode carriersAfter = JSON.readTree(permed.get(carriersPath, lab).body()).get("carriers");
        assertThat(carriersAfter).hasSize(1);
        assertThat(carriersAfter.get(0).get("sampleId").asText()).isEqualTo("DEMO-0002");
        assertThat(sampleIds(permed.get("/api/samples", lab))).isEqualTo(samplesBefore);
        HttpResponse<String> twice = permed.delete("/api/samples/" + id + "?reason=withdrawn", lab);
        assertThat(twice.statusCode()).isEqualTo(404);
        assertThat(twice.body()).contains("GENOME_SAMPLE_NOT_FOUND");
    }

    private static String sampleIds(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode sample : JSON.readTree(answer.body()).get("samples")) {
            ids.add(sample.get("sampleId").asText());
        }
        return ids.stream().sorted().toList().toString();
    }

    private static Map<String, String> callsOf(HttpResponse<String> answer) throws Exception {
        Map<String, String> calls = new HashMap<>();
        for (JsonNode sample : JSON.readTree(answer.body()).get("samples")) {
            for (JsonNode call : sample.get("calls")) {
                String key = call.get("contig").asText() + "\t" + call.get("position").asInt() + "\t" + call.get("ref").asText() + "\t"
                        + call.get("alt").asText();
                assertThat(calls.put(key, call.get("genotype").asText())).as("one call per variant: %s", key).isNull();
            }
        }
        return calls;
    }
}
