package no.permed.server.pgx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
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
import no.permed.kernel.NationalId;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.pgx.call.CallResult;
import no.permed.pgx.call.PgxCaller;
import no.permed.pgx.interpret.DrugRecommendation;
import no.permed.pgx.interpret.OutsideCalls;
import no.permed.pgx.interpret.PgxInterpreter;
import no.permed.pgx.interpret.PgxReport;
import no.permed.pgx.knowledge.LookupKey;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.pgx.knowledge.PgxSource;
import no.permed.pgx.knowledge.Recommendation;
import no.permed.pgx.profile.PgxProfileStore;
import no.permed.pgx.profile.ProfileSource;
import no.permed.security.SecurityConfig;
import no.permed.security.SecurityModule;
import no.permed.security.audit.AuditEntry;
import no.permed.server.testing.RouteTestSupport;
import no.permed.security.token.DevelopmentTokenIssuer;
import no.permed.server.PermedServer;
import no.permed.server.ReadinessCheck;
import no.permed.server.ServerSettings;
import no.permed.spi.AuditOutcome;
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
 * The PGx profile routes on a real server (port 0) with the real security module (development tokens, care
 * relationships, the hash-chained audit log) on the shared embedded PostgreSQL, and a profile made by the real caller
 * and interpreter from PharmCAT's CYP2C19 *2/*2 test VCF. Expected recommendations come from the shipped knowledge
 * (CPIC's clopidogrel table), never from our own output.
 */
class PgxRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UserId STRANGER = UserId.of("clinician-without-relationship");
    private static final UserId SECOND = UserId.of("second-clinician");

    @TempDir
    static Path temporary;

    private static Database database;
    private static DataDirectory dataDirectory;
    private static SecurityModule security;
    private static PgxProfileStore profiles;
    private static PermedServer server;
    private static PgxKnowledge knowledge;
    private static Pseudonym patient;
    private static Pseudonym patientWithoutProfile;
    private static String clinician;
    private static String stranger;
    private static String second;
    private static String patientToken;
    private static String lab;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws URISyntaxException {
        database = SharedPostgres.freshDatabase();
        dataDirectory = DataDirectory.open(temporary.resolve("data"));
        security = SecurityModule.start(SecurityConfig.defaults().withDevelopmentIssuer(true).withAcceptSyntheticNationalIds(true),
                database, dataDirectory, Clock.systemUTC());
        knowledge = PgxKnowledge.load();
        String current = knowledge.dataVersion().summary();
        profiles = PgxProfileStore.open(database, current, Clock.systemUTC(), security.auditLog());
        PgxInterpreter interpreter = PgxInterpreter.create(knowledge);

        patient = security.pseudonymizer().pseudonymOf(NationalId.parse(DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID));
        patientWithoutProfile = security.pseudonymizer().pseudonymOf(NationalId.parse(TestNationalIds.synthetic(1, 1, 90)));
        CallResult calls = PgxCaller.create(knowledge).call(Path.of(PgxRoutesTest.class.getResource("/pgx/s2s2.vcf").toURI()),
                Optional.empty());
        RequestContext submitting = new RequestContext(new Principal(UserId.of("demo-lab"), Set.of(Role.LAB),
                Optional.of(OrganisationId.of("demo-lab-oslo")), Optional.empty(), true), "test-setup");
        profiles.record(submitting, patient, "LAB-0001", calls, OutsideCalls.none(), ProfileSource.of("s2s2.vcf", "demo-lab-oslo", "panel"));
        // the profile was first interpreted with a release that lacked the poor-metaboliser clopidogrel rows, then with
        // the current knowledge: one re-interpretation for the clinicians
        profiles.reinterpretAll((c, o) -> {
            PgxReport real = interpreter.interpret(c, o);
            return new PgxReport(real.sample(), "older release", real.genes(),
                    real.recommendations().stream().filter(r -> !poorMetaboliserClopidogrel(r)).toList(), real.warnings());
        }, "older release");
        assertThat(profiles.reinterpretAll(interpreter, current).reinterpretations()).hasSize(1);

        RequestContext ehr = new RequestContext(new Principal(UserId.of("ehr-integration"), Set.of(Role.SECURITY_OFFICER), Optional.empty(),
                Optional.empty(), true), "test-setup");
        for (Pseudonym treated : List.of(patient, patientWithoutProfile)) {
            security.careRelationships().record(ehr, treated, UserId.of("demo-clinician"), CareRelationships.Source.EHR, Optional.empty(),
                    Optional.empty());
        }
        security.careRelationships().record(ehr, patient, SECOND, CareRelationships.Source.EHR, Optional.empty(), Optional.empty());

        DevelopmentTokenIssuer issuer = security.developmentIssuer().orElseThrow();
        clinician = issuer.mint(DevelopmentTokenIssuer.demoUser("demo-clinician").orElseThrow(), Duration.ofHours(1));
        patientToken = issuer.mint(DevelopmentTokenIssuer.demoUser("demo-patient").orElseThrow(), Duration.ofHours(1));
        lab = issuer.mint(DevelopmentTokenIssuer.demoUser("demo-lab").orElseThrow(), Duration.ofHours(1));
        stranger = issuer.mint(STRANGER, Set.of(Role.CLINICIAN), Optional.of(OrganisationId.of("demo-hospital-bergen")), Optional.empty(),
                Duration.ofHours(1));

        second = issuer.mint(SECOND, Set.of(Role.CLINICIAN), Optional.of(OrganisationId.of("demo-hospital-oslo")), Optional.empty(),
                Duration.ofHours(1));

        server = PermedServer.start(ServerSettings.defaults("9.9.9-test").withPort(0), security.authenticator(), security.auditLog(),
                ReadinessCheck.ALWAYS_READY, List.of(new PgxRoutes(profiles, interpreter, security.authorizer())));
    }

    @AfterAll
    static void stop() {
        no.permed.testing.Resources.closeInOrder(server, security, database, dataDirectory);
    }

    private static boolean poorMetaboliserClopidogrel(DrugRecommendation recommendation) {
        return recommendation.drug().equals("clopidogrel") && recommendation.source() == PgxSource.CPIC
                && "Poor Metabolizer".equals(recommendation.genotype().get("CYP2C19"));
    }

    /** CPIC's clopidogrel recommendations for a CYP2C19 poor metaboliser, from the shipped knowledge. */
    private static List<Recommendation> cpicClopidogrelForPoorMetabolisers() {
        return knowledge.recommendationsForDrug("clopidogrel").stream()
                .filter(r -> r.source() == PgxSource.CPIC)
                .filter(r -> r.lookupKeys().size() == 1 && r.lookupKeys().containsKey("CYP2C19"))
                .filter(r -> {
                    LookupKey key = r.lookupKeys().get("CYP2C19");
                    return key.kind() == LookupKey.Kind.PHENOTYPE && key.value().equals("Poor Metabolizer");
                })
                .toList();
    }

    private static HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET());
    }

    private static HttpResponse<String> post(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
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

    /** Every audit entry written so far, oldest first. */
    private static List<AuditEntry> audit() {
        return RouteTestSupport.auditEntries(security.auditLog());
    }

    private static List<AuditEntry> audited(String action, UserId actor, AuditOutcome outcome) {
        return audit().stream().filter(e -> e.action().equals(action) && e.actor().equals(actor) && e.outcome() == outcome).toList();
    }

    @Test
    void aClinicianWithACareRelationshipReadsTheProfileWithTodaysRecommendations() {
        HttpResponse<String> answer = get("/api/patients/" + patient + "/pgx", clinician);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = json(answer);
        assertThat(body.get("patient").asText()).isEqualTo(patient.value());
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("sampleId").asText()).isEqualTo("LAB-0001");
        assertThat(body.get("dataVersion").asText()).isEqualTo(knowledge.dataVersion().summary());
        assertThat(body.get("callsDataVersion").asText()).isEqualTo(knowledge.dataVersion().summary());
        JsonNode cyp2c19 = null;
        for (JsonNode gene : body.get("genes")) {
            if (gene.get("gene").asText().equals("CYP2C19")) {
                cyp2c19 = gene;
            }
        }
        assertThat(cyp2c19).isNotNull();
        // the file name encodes *2/*2; CPIC's CYP2C19 table makes it a poor metaboliser
        assertThat(cyp2c19.get("diplotypes").get(0).get("diplotype").asText()).isEqualTo("*2/*2");
        assertThat(cyp2c19.get("diplotypes").get(0).get("phenotype").asText())
                .isEqualTo(knowledge.phenotype(PgxSource.CPIC, "CYP2C19", "*2", "*2").orElseThrow().phenotype());

        List<Recommendation> expected = cpicClopidogrelForPoorMetabolisers();
        assertThat(expected).isNotEmpty();
        List<String> texts = new ArrayList<>();
        for (JsonNode recommendation : body.get("recommendations")) {
            if (recommendation.get("drug").asText().equals("clopidogrel") && recommendation.get("source").asText().equals("CPIC")) {
                texts.add(recommendation.get("text").asText());
                assertThat(recommendation.get("alternateDrugAdvised").asBoolean()).isTrue();
                assertThat(recommendation.get("genotype").get("CYP2C19").asText()).isEqualTo("Poor Metabolizer");
            }
        }
        assertThat(texts).containsExactlyInAnyOrderElementsOf(expected.stream().map(Recommendation::text).toList());

        JsonNode pending = body.get("pendingReinterpretations");
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).get("oldDataVersion").asText()).isEqualTo("older release");
        assertThat(pending.get(0).get("changes")).hasSize(expected.size());
        for (JsonNode change : pending.get(0).get("changes")) {
            assertThat(change.get("kind").asText()).isEqualTo("ADDED");
            assertThat(change.get("drug").asText()).isEqualTo("clopidogrel");
        }

        List<AuditEntry> permitted = audited(PgxRoutes.READ, UserId.of("demo-clinician"), AuditOutcome.PERMITTED);
        assertThat(permitted).isNotEmpty();
        assertThat(permitted).allSatisfy(entry -> {
            assertThat(entry.subject()).contains(patient);
            assertThat(entry.purpose()).isEqualTo(Purpose.TREATMENT);
        });
    }

    @Test
    void aClinicianWithoutACareRelationshipIsRefusedAndTheRefusalAudited() {
        HttpResponse<String> answer = get("/api/patients/" + patient + "/pgx", stranger);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(json(answer).get("code").asText()).isEqualTo("SECURITY_ACCESS_DENIED");
        assertThat(answer.body()).doesNotContain("Poor Metabolizer").doesNotContain("*2/*2");
        List<AuditEntry> denied = audited(PgxRoutes.READ, STRANGER, AuditOutcome.DENIED);
        assertThat(denied).hasSize(1);
        assertThat(denied.get(0).subject()).contains(patient);
        assertThat(get("/api/patients/" + patient + "/pgx/history", stranger).statusCode()).isEqualTo(403);
    }

    @Test
    void thePatientAndOtherRolesAreRefusedByTheRoutePolicyAndAudited() {
        HttpResponse<String> own = get("/api/patients/" + patient + "/pgx", patientToken);
        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(own.body()).doesNotContain("*2/*2");
        assertThat(get("/api/patients/" + patient + "/pgx", lab).statusCode()).isEqualTo(403);
        assertThat(audited("http.denied", UserId.of("demo-patient"), AuditOutcome.DENIED))
                .anySatisfy(entry -> assertThat(entry.details()).containsEntry("route", "/api/patients/{pseudonym}/pgx"));
        assertThat(audited("http.denied", UserId.of("demo-lab"), AuditOutcome.DENIED)).isNotEmpty();
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/patients/" + patient + "/pgx"))
                .GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void aPatientWithoutProfileIs404AfterTheAccessIsAudited() {
        HttpResponse<String> answer = get("/api/patients/" + patientWithoutProfile + "/pgx", clinician);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(json(answer).get("code").asText()).isEqualTo("PGX_PROFILE_NOT_FOUND");
        assertThat(answer.body()).doesNotContain(patientWithoutProfile.value());
        assertThat(audited(PgxRoutes.READ, UserId.of("demo-clinician"), AuditOutcome.PERMITTED))
                .anySatisfy(entry -> assertThat(entry.subject()).contains(patientWithoutProfile));
    }

    @Test
    void theHistoryListsVersionsAndReinterpretationsAndAcknowledgingClearsThemForThatClinician() {
        HttpResponse<String> history = get("/api/patients/" + patient + "/pgx/history", clinician);
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        JsonNode body = json(history);
        assertThat(body.get("versions")).hasSize(1);
        assertThat(body.get("versions").get(0).get("source").get("fileName").asText()).isEqualTo("s2s2.vcf");
        assertThat(body.get("versions").get(0).get("recordedBy").asText()).isEqualTo("demo-lab");
        JsonNode reinterpretations = body.get("reinterpretations");
        assertThat(reinterpretations).hasSize(1);
        long id = reinterpretations.get(0).get("id").asLong();

        assertThat(post("/api/patients/" + patient + "/pgx/reinterpretations/" + id + "/acknowledgement", stranger).statusCode())
                .isEqualTo(403);
        HttpResponse<String> unknown = post("/api/patients/" + patient + "/pgx/reinterpretations/" + (id + 1000) + "/acknowledgement",
                clinician);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("code").asText()).isEqualTo("PGX_REINTERPRETATION_NOT_FOUND");

        // a second treating clinician acknowledges; the first still sees it as pending
        assertThat(post("/api/patients/" + patient + "/pgx/reinterpretations/" + id + "/acknowledgement", second).statusCode())
                .isEqualTo(204);
        assertThat(audited(PgxRoutes.ACKNOWLEDGE, SECOND, AuditOutcome.PERMITTED)).hasSize(1);
        assertThat(json(get("/api/patients/" + patient + "/pgx", second)).get("pendingReinterpretations")).isEmpty();
        assertThat(json(get("/api/patients/" + patient + "/pgx/history", clinician)).get("reinterpretations").get(0)
                .get("acknowledgedBy").get(0).asText()).isEqualTo(SECOND.value());
        assertThat(audited(PgxRoutes.HISTORY, UserId.of("demo-clinician"), AuditOutcome.PERMITTED)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(profiles.pendingFor(patient, SECOND)).isEmpty();
        assertThat(profiles.pendingFor(patient, UserId.of("demo-clinician"))).as("acknowledged per clinician").hasSize(1);
    }
}
