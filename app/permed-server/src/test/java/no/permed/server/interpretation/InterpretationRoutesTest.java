package no.permed.server.interpretation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.permed.db.DataDirectory;
import no.permed.db.Database;
import no.permed.interpretation.register.Carrier;
import no.permed.interpretation.register.CarrierLookup;
import no.permed.interpretation.register.RecallPreference;
import no.permed.interpretation.register.VariantRegister;
import no.permed.kernel.NationalId;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.SecurityConfig;
import no.permed.security.SecurityModule;
import no.permed.security.audit.AuditEntry;
import no.permed.server.testing.RouteTestSupport;
import no.permed.security.token.DevelopmentTokenIssuer;
import no.permed.server.PermedServer;
import no.permed.server.ReadinessCheck;
import no.permed.server.ServerSettings;
import no.permed.spi.AuditOutcome;
import no.permed.testing.SharedPostgres;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register's routes on a real server (port 0) with the real security module (development tokens, the hash-chained
 * audit log) on the shared embedded PostgreSQL. The data are ClinVar's: VCV 409977 (GRCh38 1-2228870 C>G), one likely
 * pathogenic and one uncertain submission in the 2018 extract, "Conflicting interpretations of pathogenicity",
 * "criteria provided, conflicting interpretations", one star. demo-lab-oslo submits the uncertain one as JSON,
 * demo-lab-bergen the likely pathogenic one as CSV; the demo patient carries the variant.
 */
class InterpretationRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VARIANT = "GRCh38-1-2228870-C-G";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path temporary;

    private static Database database;
    private static DataDirectory dataDirectory;
    private static SecurityModule security;
    private static PermedServer server;
    private static Pseudonym patient;
    private static String oslo;
    private static String bergen;
    private static String tromso;
    private static String clinician;
    private static String patientToken;
    private static JsonNode first;
    private static HttpResponse<String> second;

    @BeforeAll
    static void start() {
        database = SharedPostgres.freshDatabase();
        dataDirectory = DataDirectory.open(temporary.resolve("data"));
        security = SecurityModule.start(SecurityConfig.defaults().withDevelopmentIssuer(true).withAcceptSyntheticNationalIds(true),
                database, dataDirectory, Clock.systemUTC());
        patient = security.pseudonymizer().pseudonymOf(NationalId.parse(DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID));
        CarrierLookup carriers = variant -> variant.equals(VariantKey.parse(VARIANT))
                ? List.of(new Carrier(patient, "OSL-0001", Optional.of("demo-lab-oslo"))) : List.of();
        VariantRegister register = VariantRegister.open(database, security.auditLog(), carriers,
                (who, now) -> who.equals(patient) ? List.of(UserId.of("demo-clinician")) : List.of(), RecallPreference.ALWAYS,
                Clock.systemUTC());
        DevelopmentTokenIssuer issuer = security.developmentIssuer().orElseThrow();
        oslo = issuer.mint(DevelopmentTokenIssuer.demoUser("demo-lab").orElseThrow(), Duration.ofHours(1));
        clinician = issuer.mint(DevelopmentTokenIssuer.demoUser("demo-clinician").orElseThrow(), Duration.ofHours(1));
        patientToken = issuer.mint(DevelopmentTokenIssuer.demoUser("demo-patient").orElseThrow(), Duration.ofHours(1));
        bergen = issuer.mint(UserId.of("geneticist-bergen"), Set.of(Role.LAB), Optional.of(OrganisationId.of("demo-lab-bergen")),
                Optional.empty(), Duration.ofHours(1));
        tromso = issuer.mint(UserId.of("geneticist-tromso"), Set.of(Role.LAB), Optional.of(OrganisationId.of("demo-lab-tromso")),
                Optional.empty(), Duration.ofHours(1));
        server = PermedServer.start(ServerSettings.defaults("9.9.9-test").withPort(0), security.authenticator(), security.auditLog(),
                ReadinessCheck.ALWAYS_READY, List.of(new InterpretationRoutes(register)));

        HttpResponse<String> created = postJson("/api/variants/submissions", oslo, "{\"variant\":\"" + VARIANT + "\","
                + "\"condition\":\"not specified\",\"classification\":\"Uncertain significance\",\"criteria\":\"PM2\","
                + "\"evidence\":\"ClinVar VCV 409977\",\"date\":\"2017-11-01\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        first = json(created);
        second = postCsv("/api/variants/submissions/bulk", bergen, "bergen.csv",
                "variant,condition,classification,criteria\nNC_000001.11:g.2228870C>G,Not specified,Likely pathogenic,\"PS3,PM2\"\n");
    }

    @AfterAll
    static void stop() {
        no.permed.testing.Resources.closeInOrder(server, security, database, dataDirectory);
    }

    @Test
    void submissionsReproduceClinVarsAggregateAndClinicianReadsIt() {
        assertThat(first.get("submission").get("laboratory").asText()).isEqualTo("demo-lab-oslo");
        assertThat(first.get("submission").get("version").asInt()).isEqualTo(1);
        assertThat(first.get("submission").get("engine").get("flagged").asBoolean()).isFalse();
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(json(second).get("submissions").asInt()).isEqualTo(1);
        assertThat(json(second).get("reclassifications").asInt()).isEqualTo(1);

        HttpResponse<String> answer = get("/api/variants/" + VARIANT + "/classification", clinician);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode condition = json(answer).get("conditions").get(0);
        // ClinVar 2018, VCV 409977
        assertThat(condition.get("aggregate").get("classification").asText()).isEqualTo("Conflicting classifications of pathogenicity");
        assertThat(condition.get("aggregate").get("reviewStatus").asText()).isEqualTo("criteria provided, conflicting classifications");
        assertThat(condition.get("aggregate").get("stars").asInt()).isEqualTo(1);
        assertThat(condition.get("latest")).hasSize(2);
        // Bergen named the variant by genomic HGVS: kept as written beside the key; Oslo gave the key
        java.util.Map<String, String> writtenAs = new java.util.HashMap<>();
        condition.get("latest").forEach(each -> writtenAs.put(each.get("laboratory").asText(),
                each.path("submittedAs").isTextual() ? each.get("submittedAs").asText() : "(key)"));
        assertThat(writtenAs).containsEntry("demo-lab-bergen", "NC_000001.11:g.2228870C>G").containsEntry("demo-lab-oslo", "(key)");
        assertThat(json(answer).get("vrsId").asText()).startsWith("ga4gh:VA.");
        assertThat(get("/api/variants/GRCh38-1-2228871-C-G/classification", oslo).statusCode()).isEqualTo(404);
        assertThat(get("/api/variants/" + VARIANT + "/classification", patientToken).statusCode()).isEqualTo(403);
        HttpResponse<String> openApi = get("/api/openapi.json", clinician);
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/variants/submissions/bulk", "/api/discordances/{id}/actions", "SubmissionRequest");
    }

    @Test
    void aBadCsvRowIsRefusedNamingLineAndFieldAndNothingIsStored() {
        HttpResponse<String> answer = postCsv("/api/variants/submissions/bulk", tromso, "tromso.csv",
                "variant,condition,classification,criteria\n" + VARIANT + ",not specified,Benign,BA1\n"
                        + VARIANT + ",not specified,Benignish,BA1\n");
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode error = json(answer);
        assertThat(error.get("code").asText()).isEqualTo("INTERPRETATION_UNKNOWN_CLASSIFICATION");
        assertThat(error.get("message").asText()).startsWith("tromso.csv line 3, field classification:");
        assertThat(json(get("/api/variants/" + VARIANT + "/classification", tromso)).get("conditions").get(0).get("latest"))
                .hasSize(2);
        HttpResponse<String> json = postJson("/api/variants/submissions", tromso, "{\"variant\":\"1-2228870-C-G\","
                + "\"condition\":\"not specified\",\"classification\":\"Benign\"}");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json(json).get("details").get("field").asText()).isEqualTo("assembly");
    }

    @Test
    void aCsvSentAsTheWholeBodyIsStoredWithItsAuditEntryAndABadOneChangesNothing() {
        String stavanger = security.developmentIssuer().orElseThrow().mint(UserId.of("geneticist-stavanger"), Set.of(Role.LAB),
                Optional.of(OrganisationId.of("demo-lab-stavanger")), Optional.empty(), Duration.ofHours(1));
        String other = "GRCh38-17-43045712-G-A";
        long before = security.auditLog().head().orElseThrow().sequence();

        HttpResponse<String> wrongType = send(request("/api/variants/submissions/bulk", stavanger).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("variant,condition,classification\n" + other + ",not specified,Benign\n")));
        assertThat(wrongType.statusCode()).as(wrongType.body()).isEqualTo(415);

        HttpResponse<String> bad = postCsvBody(stavanger, "variant,condition,classification,criteria\n"
                + other + ",not specified,Benign,BA1\n" + other + ",not specified,Benign,XX9\n");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(json(bad).get("message").asText()).startsWith("request body line 3, field criteria:");
        assertThat(get("/api/variants/" + other + "/classification", stavanger).statusCode()).isEqualTo(404);
        assertThat(entriesSince(before, "interpretation.submission.bulk")).isZero();

        HttpResponse<String> stored = postCsvBody(stavanger, "variant,condition,classification,criteria\n"
                + other + ",not specified,Benign,BA1\n" + other + ",not specified,Likely benign,\"BS1,BP4\"\n");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        assertThat(json(stored).get("submissions").asInt()).isEqualTo(2);
        // two rows for one variant and condition are two versions of the laboratory's classification
        JsonNode condition = json(get("/api/variants/" + other + "/classification", stavanger)).get("conditions").get(0);
        assertThat(condition.get("versions").asInt()).isEqualTo(2);
        assertThat(condition.get("latest").get(0).get("classification").asText()).isEqualTo("Likely benign");
        assertThat(entriesSince(before, "interpretation.submission.bulk")).isEqualTo(1);
        assertThat(security.auditLog().verify().ok()).isTrue();
    }

    private static long entriesSince(long sequence, String action) {
        long count = 0;
        long head = security.auditLog().head().orElseThrow().sequence();
        for (long each = sequence + 1; each <= head; each++) {
            if (security.auditLog().entry(each).orElseThrow().action().equals(action)) {
                count++;
            }
        }
        return count;
    }

    private static HttpResponse<String> postCsvBody(String token, String csv) {
        return send(request("/api/variants/submissions/bulk", token).header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
    }

    @Test
    void aLabSubmitsAVcfOfClassificationsAndABadRecordStoresNothing() {
        String header = "##fileformat=VCFv4.3\n##INFO=<ID=CLASSIFICATION,Number=1,Type=String,Description=\"class\">\n"
                + "##INFO=<ID=CONDITION,Number=1,Type=String,Description=\"condition\">\n"
                + "##INFO=<ID=CRITERIA,Number=.,Type=String,Description=\"criteria\">\n"
                + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
        // no contig lengths: the assembly comes from the form field
        String good = header + "1\t2229999\t.\tC\tG\t.\t.\tCLASSIFICATION=Likely_benign;CONDITION=not%20specified;CRITERIA=BS1,BP4\n";
        HttpResponse<String> refused = postVcf(tromso, "tromso.vcf", good, java.util.Optional.empty());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("message").asText()).contains("tromso.vcf line 1, field assembly");

        HttpResponse<String> bad = postVcf(tromso, "tromso.vcf", good + "1\t2230000\t.\tC\tG,T\t.\t.\tCLASSIFICATION=Benign;"
                + "CONDITION=not%20specified\n", java.util.Optional.of("GRCh38"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("message").asText()).startsWith("tromso.vcf line 7, field ALT:");
        assertThat(get("/api/variants/GRCh38-1-2229999-C-G/classification", tromso).statusCode()).as("nothing stored").isEqualTo(404);

        HttpResponse<String> stored = postVcf(tromso, "tromso.vcf", good, java.util.Optional.of("GRCh38"));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        JsonNode classification = json(get("/api/variants/GRCh38-1-2229999-C-G/classification", tromso));
        assertThat(classification.toString()).contains("Likely benign", "not specified");
    }

    private static HttpResponse<String> postVcf(String token, String fileName, String vcf, java.util.Optional<String> assembly) {
        String boundary = "permed-test-boundary";
        String body = assembly.map(value -> "--" + boundary + "\r\nContent-Disposition: form-data; name=\"assembly\"\r\n\r\n" + value
                + "\r\n").orElse("") + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"vcf\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + vcf + "\r\n--" + boundary + "--\r\n";
        return send(request("/api/variants/submissions/bulk", token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    @Test
    void theLabsInvolvedSeeTheDiscordanceAndActOnIt() {
        HttpResponse<String> list = get("/api/discordances", bergen);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode discordance = json(list).get("discordances").get(0);
        assertThat(discordance.get("laboratories").toString()).isEqualTo("[\"demo-lab-bergen\",\"demo-lab-oslo\"]");
        long id = discordance.get("id").asLong();
        assertThat(json(get("/api/discordances", tromso)).get("discordances")).isEmpty();

        HttpResponse<String> escalated = postJson("/api/discordances/" + id + "/actions", bergen,
                "{\"action\":\"escalate\",\"comment\":\"To the cardiomyopathy expert panel\"}");
        assertThat(escalated.statusCode()).as(escalated.body()).isEqualTo(200);
        assertThat(json(escalated).get("status").asText()).isEqualTo("ESCALATED");
        assertThat(json(escalated).get("actions").get(1).get("comment").asText()).isEqualTo("To the cardiomyopathy expert panel");
        assertThat(postJson("/api/discordances/" + id + "/actions", bergen, "{\"action\":\"resolve\"}").statusCode()).isEqualTo(400);
        assertThat(postJson("/api/discordances/" + id + "/actions", bergen, "{\"action\":\"opened\"}").statusCode()).isEqualTo(400);
        assertThat(postJson("/api/discordances/" + id + "/actions", tromso, "{\"action\":\"comment\",\"comment\":\"x\"}").statusCode())
                .isEqualTo(404);
        assertThat(audited("interpretation.discordance.action", UserId.of("geneticist-bergen"))).hasSize(1);
    }

    @Test
    void theCarriersClinicianIsNotifiedAndAcknowledges() {
        HttpResponse<String> list = get("/api/notifications?pending=true", clinician);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode notification = json(list).get("notifications").get(0);
        assertThat(notification.get("patient").asText()).isEqualTo(patient.value());
        assertThat(notification.get("from").asText()).isEqualTo("Uncertain significance");
        assertThat(notification.get("to").asText()).isEqualTo("Conflicting classifications of pathogenicity");
        long id = notification.get("id").asLong();
        assertThat(post("/api/notifications/" + id + "/acknowledge", bergen).statusCode()).isEqualTo(404);
        HttpResponse<String> acknowledged = post("/api/notifications/" + id + "/acknowledge", clinician);
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(json(acknowledged).get("acknowledgedBy").asText()).isEqualTo("demo-clinician");
        assertThat(json(get("/api/notifications?pending=true", clinician)).get("notifications")).isEmpty();
        assertThat(json(get("/api/notifications", bergen)).get("notifications")).hasSize(1);
        assertThat(get("/api/notifications", patientToken).statusCode()).isEqualTo(403);
        assertThat(audit().stream().filter(entry -> entry.action().equals("interpretation.notification.acknowledge")))
                .singleElement().satisfies(entry -> assertThat(entry.subject()).contains(patient));
        assertThat(audit().stream().filter(entry -> entry.action().equals("interpretation.recall.notify")))
                .singleElement().satisfies(entry -> assertThat(entry.subject()).contains(patient));
    }

    // ---------------------------------------------------------------------------------------------

    private static List<AuditEntry> audit() {
        return RouteTestSupport.auditEntries(security.auditLog());
    }

    private static List<AuditEntry> audited(String action, UserId actor) {
        return audit().stream().filter(e -> e.action().equals(action) && e.actor().equals(actor) && e.outcome() == AuditOutcome.PERMITTED)
                .toList();
    }

    private static HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    private static HttpResponse<String> post(String path, String token) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> postJson(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> postCsv(String path, String token, String fileName, String csv) {
        String boundary = "permed-test-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        return send(request(path, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
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

    private static JsonNode json(HttpResponse<String> response) {
        return RouteTestSupport.json(response);
    }
}
