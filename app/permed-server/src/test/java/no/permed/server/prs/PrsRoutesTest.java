package no.permed.server.prs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import no.permed.db.DataDirectory;
import no.permed.db.Database;
import no.permed.kernel.NationalId;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.prs.calc.GenotypeLoader;
import no.permed.prs.calc.ScoreOptions;
import no.permed.prs.calc.VcfGenotypes;
import no.permed.prs.normalise.NormalisedResult;
import no.permed.prs.normalise.NormalisedScore;
import no.permed.prs.normalise.PopulationFileReader;
import no.permed.prs.normalise.Populations;
import no.permed.prs.normalise.ReferenceNormaliser;
import no.permed.prs.normalise.RiskBands;
import no.permed.prs.person.ReferencePanel;
import no.permed.prs.score.ScoreHeader;
import no.permed.prs.score.ScoringFile;
import no.permed.prs.score.ScoringFileReader;
import no.permed.prs.targets.ScoringTargets;
import no.permed.prs.targets.TargetSample;
import no.permed.security.SecurityConfig;
import no.permed.security.SecurityModule;
import no.permed.security.audit.AuditEntry;
import no.permed.security.token.DevelopmentTokenIssuer;
import no.permed.server.PermedServer;
import no.permed.server.ReadinessCheck;
import no.permed.server.ServerSettings;
import no.permed.server.testing.RouteTestSupport;
import no.permed.spi.CareRelationships;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;
import no.permed.testing.SharedPostgres;
import no.permed.testing.TestNationalIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The polygenic-score routes on a real server (port 0) with the real security module (development tokens, care
 * relationships, the hash-chained audit log) on the shared embedded PostgreSQL. The genotypes are tiny1000G (1000
 * Genomes 30×, 500 samples, GRCh38) handed over as {@link ScoringTargets}; three of its samples belong to patients.
 * Expected sums are plink2's ({@code tiny1000G_PGS001229.sscore.gz}, from permed-prs's test data), percentiles are
 * counted here from plink2's sums: never our own output.
 */
class PrsRoutesTest {
    private static final Path PRS = Path.of("../../capability/permed-prs/src/test/resources/prs");
    private static final Path VCF = PRS.resolve("tiny1000G_500.vcf.gz");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path temporary;

    private static Database database;
    private static DataDirectory dataDirectory;
    private static SecurityModule security;
    private static PermedServer server;
    private static Populations populations;
    private static Map<String, Double> plink2;
    /** tiny1000G sample → patient, for the samples that belong to one */
    private static final Map<String, Pseudonym> PATIENTS = new LinkedHashMap<>();
    /** patients whose consent allows research (changed by the tests) */
    private static final Set<Pseudonym> CONSENTING = ConcurrentHashMap.newKeySet();
    private static final List<Optional<String>> PROJECTS_ASKED = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static Pseudonym patient;
    private static Pseudonym patientWithoutSample;
    private static String clinician;
    private static String stranger;
    private static String researcher;
    private static Path scoreFile;
    private static ScoringFile offeredScore;

    @BeforeAll
    static void start() throws IOException {
        database = SharedPostgres.freshDatabase();
        dataDirectory = DataDirectory.open(temporary.resolve("data"));
        security = SecurityModule.start(SecurityConfig.defaults().withDevelopmentIssuer(true).withAcceptSyntheticNationalIds(true),
                database, dataDirectory, Clock.systemUTC());
        populations = PopulationFileReader.read(PRS.resolve("20130606_g1k.ped.gz"));
        plink2 = plink2Sums(PRS.resolve("tiny1000G_PGS001229.sscore.gz"));

        patient = security.pseudonymizer().pseudonymOf(NationalId.parse(DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID));
        patientWithoutSample = security.pseudonymizer().pseudonymOf(NationalId.parse(TestNationalIds.synthetic(1, 1, 90)));
        Pseudonym second = security.pseudonymizer().pseudonymOf(NationalId.parse(TestNationalIds.synthetic(2, 2, 91)));
        Pseudonym third = security.pseudonymizer().pseudonymOf(NationalId.parse(TestNationalIds.synthetic(3, 3, 92)));
        PATIENTS.put("HG00096", patient);   // GBR
        PATIENTS.put("HG00097", second);
        PATIENTS.put("HG00099", third);
        CONSENTING.addAll(List.of(patient, second, third));

        RequestContext ehr = new RequestContext(new Principal(UserId.of("ehr-integration"), Set.of(Role.SECURITY_OFFICER), Optional.empty(),
                Optional.empty(), true), "test-setup");
        for (Pseudonym treated : List.of(patient, patientWithoutSample)) {
            security.careRelationships().record(ehr, treated, UserId.of("demo-clinician"), CareRelationships.Source.EHR, Optional.empty(),
                    Optional.empty());
        }
        DevelopmentTokenIssuer issuer = security.developmentIssuer().orElseThrow();
        clinician = issuer.mint(DevelopmentTokenIssuer.demoUser("demo-clinician").orElseThrow(), Duration.ofHours(1));
        researcher = issuer.mint(DevelopmentTokenIssuer.demoUser("demo-researcher").orElseThrow(), Duration.ofHours(1));
        stranger = issuer.mint(UserId.of("clinician-without-relationship"), Set.of(Role.CLINICIAN),
                Optional.of(OrganisationId.of("demo-hospital-bergen")), Optional.empty(), Duration.ofHours(1));

        // the score as offered: the PGS Catalog rows of PGS001229 (structured layout, which has no header) with its id,
        // name, build and licence line
        ScoringFile structured = ScoringFileReader.read(PRS.resolve("PGS001229_tiny1000G.structured.txt.gz"));
        Map<String, String> header = new LinkedHashMap<>();
        header.put("pgs_id", "PGS001229");
        header.put("pgs_name", "GBE_INI50");
        header.put("trait_reported", "Standing height");
        header.put("HmPOS_build", "GRCh38");
        header.put("license", "CC BY-NC-ND 4.0 (test: the licence line of a restricted score)");
        ScoringFile score = new ScoringFile("PGS001229_hmPOS_GRCh38.txt.gz", new ScoreHeader(header), true, structured.variants());
        offeredScore = score;
        scoreFile = PRS.resolve("PGS001229_tiny1000G.structured.txt.gz");
        ReferencePanel panel = new ReferencePanel("tiny1000G (500 samples)", "GRCh38", VCF, populations, Optional.empty());

        PrsRoutes routes = new PrsRoutes(() -> new VcfTargets(), (who, project) -> {
            PROJECTS_ASKED.add(project);
            return CONSENTING.contains(who);
        }, security.authorizer(), security.auditLog(), () -> new PrsCatalogue(Map.of("PGS001229", score), List.of(panel)),
                RiskBands.parse("high:95,elevated:80"), Clock.systemUTC());
        server = PermedServer.start(ServerSettings.defaults("9.9.9-test").withPort(0), security.authenticator(), security.auditLog(),
                ReadinessCheck.ALWAYS_READY, List.of(routes));
    }

    @AfterAll
    static void stop() {
        no.permed.testing.Resources.closeInOrder(server, security, database, dataDirectory);
    }

    /** The 500 samples of tiny1000G as one research cohort; three belong to patients. */
    private static final class VcfTargets implements ScoringTargets {
        private final List<TargetSample> all = new ArrayList<>();

        VcfTargets() {
            try (var reader = no.permed.vcf.read.VcfReader.open(VCF)) {
                long id = 0;
                for (String sample : reader.header().samples()) {
                    all.add(new TargetSample(++id, sample, Optional.ofNullable(PATIENTS.get(sample)), Optional.of("tiny")));
                }
            }
        }

        @Override
        public List<TargetSample> researchSamples(String assembly, Optional<String> cohort) {
            return assembly.equals("GRCh38") && cohort.map("tiny"::equals).orElse(true) ? all : List.of();
        }

        @Override
        public List<TargetSample> patientSamples(Pseudonym who, String assembly) {
            return all.stream().filter(sample -> sample.patient().equals(Optional.of(who))).toList();
        }

        @Override
        public GenotypeLoader genotypes(List<TargetSample> samples, String assembly) {
            Set<String> names = new java.util.HashSet<>();
            samples.forEach(sample -> names.add(sample.name()));
            return loci -> VcfGenotypes.read(VCF, loci, names::contains);
        }
    }

    private static Map<String, Double> plink2Sums(Path sscore) throws IOException {
        Map<String, Double> sums = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(sscore)),
                StandardCharsets.UTF_8))) {
            String[] header = reader.readLine().split("\t");
            String line;
            while ((line = reader.readLine()) != null) {
                String[] fields = line.split("\t");
                double sum = 0;
                for (int column = 0; column < header.length; column++) {
                    if (header[column].endsWith("_SUM") && !header[column].equals("NAMED_ALLELE_DOSAGE_SUM")) {
                        sum += Double.parseDouble(fields[column]);
                    }
                }
                sums.put(fields[0], sum);
            }
        }
        return sums;
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void aCohortRunCountsOnlyConsentingPatientsAndEqualsPlink2() {
        HttpResponse<String> response = postMultipart("/api/prs/runs", researcher, Map.of("scoreId", "PGS001229", "project", "height-study"),
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = RouteTestSupport.json(response);
        assertThat(body.get("samplesCounted").asInt()).isEqualTo(500);
        assertThat(body.get("samplesWithoutConsent").asInt()).isZero();
        assertThat(body.get("match").get("matched").asInt()).isEqualTo(920);
        assertThat(body.get("score").get("restrictedLicence").asBoolean()).isTrue();
        assertThat(body.get("score").get("licence").asText()).startsWith("CC BY-NC-ND 4.0");
        assertThat(body.get("scores")).hasSize(500);
        for (JsonNode row : body.get("scores")) {
            double expected = plink2.get(row.get("sample").asText());
            assertThat(row.get("sum").asDouble()).as(row.get("sample").asText()).isCloseTo(expected, within(1e-6 * Math.max(Math.abs(expected), 0.1)));
            assertThat(row.get("alleleCount").asInt()).isEqualTo(1840);
        }
        assertThat(PROJECTS_ASKED).contains(Optional.of("height-study"));

        // the patient of HG00097 withdraws: the next run leaves the sample out; cohort samples without a patient stay
        Pseudonym withdrawing = PATIENTS.get("HG00097");
        CONSENTING.remove(withdrawing);
        try {
            HttpResponse<String> tsv = postMultipart("/api/prs/runs", researcher, Map.of("scoreId", "PGS001229", "format", "tsv"), null);
            assertThat(tsv.statusCode()).as(tsv.body()).isEqualTo(200);
            assertThat(tsv.headers().firstValue("Content-Type").orElse("")).startsWith("text/tab-separated-values");
            List<String> lines = tsv.body().lines().toList();
            assertThat(lines.get(0)).isEqualTo("sample\tallele_count\tsum\tavg");
            assertThat(lines).hasSize(1 + 499);
            assertThat(lines).noneMatch(line -> line.startsWith("HG00097\t")).anyMatch(line -> line.startsWith("HG00096\t"));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split("\t");
                assertThat(Double.parseDouble(fields[2])).isCloseTo(plink2.get(fields[0]), within(1e-6 * Math.max(Math.abs(plink2.get(fields[0])), 0.1)));
            }
        } finally {
            CONSENTING.add(withdrawing);
        }
        List<AuditEntry> runs = RouteTestSupport.auditEntries(security.auditLog()).stream()
                .filter(entry -> entry.action().equals(PrsRoutes.RUN)).toList();
        assertThat(runs).hasSizeGreaterThanOrEqualTo(2);
        assertThat(runs).anySatisfy(entry -> assertThat(entry.details()).containsEntry("samples", "499").containsEntry("withoutConsent", "1")
                .containsEntry("score", "PGS001229"));
        assertThat(runs).allSatisfy(entry -> assertThat(entry.details().toString()).doesNotContain("HG00096"));
    }

    @Test
    void anUploadedScoringFileIsScoredAndBadRunsAreRefused() throws IOException {
        HttpResponse<String> response = postMultipart("/api/prs/runs", researcher, Map.of("assembly", "GRCh38", "meanImputation", "false"),
                scoreFile);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = RouteTestSupport.json(response);
        assertThat(body.get("meanImputation").asBoolean()).isFalse();
        assertThat(body.get("scores").get(0).get("sum").asDouble()).isCloseTo(plink2.get(body.get("scores").get(0).get("sample").asText()),
                within(1e-6));

        assertThat(postMultipart("/api/prs/runs", researcher, Map.of("scoreId", "PGS999999"), null).statusCode()).isEqualTo(404);
        HttpResponse<String> both = postMultipart("/api/prs/runs", researcher, Map.of("scoreId", "PGS001229"), scoreFile);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("either one file part named score or a field scoreId");
        HttpResponse<String> overlap = postMultipart("/api/prs/runs", researcher, Map.of("scoreId", "PGS001229", "minOverlap", "75"), null);
        assertThat(overlap.statusCode()).isEqualTo(400);
        assertThat(overlap.body()).contains("minOverlap");
        HttpResponse<String> noBuild = postMultipart("/api/prs/runs", researcher, Map.of(), scoreFile);
        assertThat(noBuild.statusCode()).isEqualTo(400);
        assertThat(noBuild.body()).contains("give the field assembly");
        assertThat(postMultipart("/api/prs/runs", clinician, Map.of("scoreId", "PGS001229"), null).statusCode()).isEqualTo(403);
    }

    @Test
    void aClinicianReadsThePatientsScoreAgainstTheNamedPopulationAsJsonAndHtml() {
        HttpResponse<String> response = get("/api/patients/" + patient.value() + "/prs/PGS001229?population=EUR", clinician);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = RouteTestSupport.json(response);
        double own = plink2.get("HG00096");
        List<Double> eur = new ArrayList<>();
        plink2.forEach((sample, sum) -> {
            if (populations.of(sample).orElseThrow().belongsTo("EUR")) {
                eur.add(sum);
            }
        });
        assertThat(eur).hasSize(185);
        long atOrBelow = eur.stream().filter(value -> value <= own).count();
        assertThat(body.get("sample").asText()).isEqualTo("HG00096");
        assertThat(body.get("sum").asDouble()).isCloseTo(own, within(1e-6));
        assertThat(body.get("percentile").asDouble()).isEqualTo(100.0 * atOrBelow / 185);
        assertThat(body.get("population").asText()).isEqualTo("EUR");
        assertThat(body.get("populationChoice").asText()).isEqualTo("GIVEN");
        assertThat(body.get("referenceSize").asInt()).isEqualTo(185);
        double percentile = body.get("percentile").asDouble();
        String band = percentile > 95 ? "high" : percentile > 80 ? "elevated" : null;
        assertThat(body.has("band") && !body.get("band").isNull() ? body.get("band").asText() : null).isEqualTo(band);

        HttpResponse<String> html = get("/api/patients/" + patient.value() + "/prs/PGS001229?population=EUR&format=html&lang=en", clinician);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.body()).contains("<svg").contains("Polygenic risk score").contains("CC BY-NC-ND 4.0")
                .contains("The licence restricts use").contains(patient.value()).doesNotContain("HG00096 (");
        HttpResponse<String> norwegian = get("/api/patients/" + patient.value() + "/prs/PGS001229?population=EUR&format=html", clinician);
        assertThat(norwegian.body()).contains("lang=\"nb\"").contains("Polygen risikoskår");

        List<AuditEntry> reads = RouteTestSupport.auditEntries(security.auditLog()).stream()
                .filter(entry -> entry.action().equals(PrsRoutes.READ)).toList();
        assertThat(reads).isNotEmpty().allSatisfy(entry -> assertThat(entry.subject()).contains(patient));
    }

    @Test
    void thePatientsNumbersAreThoseOfTheCommandLinesNormalisationOfTheSamePersonAgainstTheSamePanel() throws IOException {
        // as permed prs --score ... --vcf HG00096.vcf --reference tiny1000G_500.vcf.gz --populations 20130606_g1k.ped.gz
        // --population EUR --bands high:95,elevated:80 (one person: missing calls from the reference's EUR frequencies)
        Path person = temporary.resolve("HG00096.vcf");
        writeOneSample(VCF, person, "HG00096");
        NormalisedResult cli = new ReferenceNormaliser(ScoreOptions.defaults()).normalise(offeredScore, person, VCF, populations, "EUR",
                RiskBands.parse("high:95,elevated:80"));
        NormalisedScore expected = cli.samples().get(0);
        assertThat(expected.score().sample()).isEqualTo("HG00096");

        HttpResponse<String> response = get("/api/patients/" + patient.value() + "/prs/PGS001229?population=EUR", clinician);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = RouteTestSupport.json(response);
        // the command line sums a VCF as it streams, the route the store's genotypes site by site: the last bit may differ
        assertThat(body.get("sum").asDouble()).isCloseTo(expected.score().sum(), within(1e-12));
        assertThat(body.get("alleleCount").asInt()).isEqualTo(expected.score().alleleCount());
        assertThat(body.get("variantsUsed").asInt()).isEqualTo(cli.sharedVariants());
        assertThat(body.get("match").get("matched").asInt()).isEqualTo(cli.targetVariants());
        assertThat(body.get("match").get("total").asInt()).isEqualTo(cli.target().match().report().total());
        assertThat(body.get("population").asText()).isEqualTo(expected.population());
        assertThat(body.get("percentile").asDouble()).isEqualTo(expected.percentile());
        assertThat(body.get("z").asDouble()).isCloseTo(expected.z(), within(1e-12));
        assertThat(body.has("band") && !body.get("band").isNull() ? body.get("band").asText() : null).isEqualTo(expected.band().orElse(null));
        assertThat(body.get("referenceSize").asInt()).isEqualTo(cli.distribution().size());
        assertThat(body.get("referenceMean").asDouble()).isEqualTo(cli.distribution().mean());
        assertThat(body.get("referenceSd").asDouble()).isEqualTo(cli.distribution().standardDeviation());
        assertThat(body.get("imputedFrom").asText()).isEqualTo(cli.imputedFrom().orElseThrow()).isEqualTo("EUR");
        assertThat(body.get("reference").asText()).isEqualTo("tiny1000G (500 samples)");
    }

    /** Writes the gzip VCF as plain text with only one sample's column. */
    private static void writeOneSample(Path source, Path out, String sample) throws IOException {
        no.permed.testing.VcfSamples.write(source, out, (index, name) -> name.equals(sample));
    }

    @Test
    void withoutACareRelationshipOrAnyGenotypesTheReadIsRefused() {
        HttpResponse<String> denied = get("/api/patients/" + patient.value() + "/prs/PGS001229?population=EUR", stranger);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(RouteTestSupport.auditEntries(security.auditLog())).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo(PrsRoutes.READ);
            assertThat(entry.actor()).isEqualTo(UserId.of("clinician-without-relationship"));
            assertThat(entry.outcome()).isEqualTo(no.permed.spi.AuditOutcome.DENIED);
        });
        HttpResponse<String> none = get("/api/patients/" + patientWithoutSample.value() + "/prs/PGS001229?population=EUR", clinician);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("PRS_NO_GENOTYPES");
        HttpResponse<String> noModel = get("/api/patients/" + patient.value() + "/prs/PGS001229", clinician);
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(noModel.body()).contains("name the population");
        assertThat(get("/api/patients/" + patient.value() + "/prs/PGS001229?population=EUR&format=pdf", clinician).statusCode()).isEqualTo(400);
        assertThat(get("/api/patients/" + patient.value() + "/prs/PGS001229?population=EUR", researcher).statusCode()).isEqualTo(403);
    }

    @Test
    void theScoresOfferedNameTheirLicence() {
        HttpResponse<String> response = get("/api/prs/scores", researcher);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode score = RouteTestSupport.json(response).get("scores").get(0);
        assertThat(score.get("scoreId").asText()).isEqualTo("PGS001229");
        assertThat(score.get("trait").asText()).isEqualTo("Standing height");
        assertThat(score.get("build").asText()).isEqualTo("GRCh38");
        assertThat(score.get("variants").asInt()).isEqualTo(1136);
        assertThat(score.get("restrictedLicence").asBoolean()).isTrue();
    }

    // ---------------------------------------------------------------------------------------------

    private static HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET());
    }

    private static HttpResponse<String> postMultipart(String path, String token, Map<String, String> fields, Path file) {
        String boundary = "permed-test-boundary";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> field : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n" + field.getValue()
                        + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (file != null) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"score\"; filename=\"" + file.getFileName()
                        + "\"\r\nContent-Type: application/gzip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(Files.readAllBytes(file));
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException exception) {
            throw new java.io.UncheckedIOException(exception);
        }
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
