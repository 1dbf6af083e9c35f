package no.permed.server.consent;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.permed.consent.ConsentPurpose;
import no.permed.consent.ConsentStore;
import no.permed.consent.DuoCode;
import no.permed.db.DataDirectory;
import no.permed.db.Database;
import no.permed.kernel.NationalId;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
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
import no.permed.testing.SharedPostgres;
import no.permed.testing.TestNationalIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The patient's consent routes on a real server (port 0) with the real security module (development tokens, the
 * hash-chained audit log) and the real consent store on the shared embedded PostgreSQL. DUO identifiers and labels
 * expected here are GA4GH DUO's (duo.csv of EBISPOT/DUO, checked against the store's DuoCode in permed-consent).
 */
class ConsentRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path temporary;

    private static Database database;
    private static DataDirectory dataDirectory;
    private static SecurityModule security;
    private static ConsentStore store;
    private static PermedServer server;
    private static Pseudonym patient;
    private static Pseudonym other;
    private static String patientToken;
    private static String otherToken;
    private static String clinician;

    @BeforeAll
    static void start() {
        database = SharedPostgres.freshDatabase();
        dataDirectory = DataDirectory.open(temporary.resolve("data"));
        security = SecurityModule.start(SecurityConfig.defaults().withDevelopmentIssuer(true).withAcceptSyntheticNationalIds(true),
                database, dataDirectory, Clock.systemUTC());
        store = ConsentStore.open(database, security.auditLog(), Clock.systemUTC());
        patient = security.pseudonymizer().pseudonymOf(NationalId.parse(DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID));
        NationalId otherId = NationalId.parse(TestNationalIds.synthetic(1, 1, 90));
        other = security.pseudonymizer().pseudonymOf(otherId);

        DevelopmentTokenIssuer issuer = security.developmentIssuer().orElseThrow();
        patientToken = issuer.mint(DevelopmentTokenIssuer.demoUser("demo-patient").orElseThrow(), Duration.ofHours(1));
        clinician = issuer.mint(DevelopmentTokenIssuer.demoUser("demo-clinician").orElseThrow(), Duration.ofHours(1));
        otherToken = issuer.mint(UserId.of("other-patient"), Set.of(Role.PATIENT), Optional.empty(), Optional.of(otherId),
                Duration.ofHours(1));

        server = PermedServer.start(ServerSettings.defaults("9.9.9-test").withPort(0), security.authenticator(), security.auditLog(),
                ReadinessCheck.ALWAYS_READY, List.of(new ConsentRoutes(() -> store)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (security != null) {
            security.close();
        }
        if (database != null) {
            database.close();
        }
        if (dataDirectory != null) {
            dataDirectory.close();
        }
    }

    @Test
    void aPatientGivesAConsentSeesItAndWithdrawsIt() {
        HttpResponse<String> given = post(patientToken, """
                {"purpose": "DS:MONDO:0007254", "project": "breast-cancer-2026", "incidentalFindings": true}""");

        assertThat(given.statusCode()).as(given.body()).isEqualTo(201);
        JsonNode version = json(given);
        long id = version.get("consentId").asLong();
        assertThat(version.get("version").asInt()).isEqualTo(1);
        assertThat(version.get("status").asText()).isEqualTo("GIVEN");
        assertThat(version.get("purpose").asText()).isEqualTo("DS:MONDO:0007254");
        assertThat(version.get("duo").asText()).isEqualTo("DUO:0000007");
        assertThat(version.get("source").asText()).isEqualTo("DIGITAL");
        assertThat(version.get("incidentalFindings").asBoolean()).isTrue();
        assertThat(version.get("reclassificationNotices").asBoolean()).isTrue();
        ConsentPurpose breastCancer = ConsentPurpose.diseaseSpecific("MONDO:0007254");
        Optional<String> project = Optional.of("breast-cancer-2026");
        assertThat(store.view().mayCount(patient, breastCancer, project, Instant.now())).isTrue();

        JsonNode listed = json(get(patientToken));
        assertThat(listed.get("patient").asText()).isEqualTo(patient.value());
        assertThat(ids(listed.get("current"))).contains(id);

        // another patient cannot withdraw it, and nothing changes
        HttpResponse<String> foreign = delete(id, otherToken);
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(404);
        assertThat(json(foreign).get("code").asText()).isEqualTo("CONSENT_CONSENT_NOT_FOUND");
        assertThat(store.view().mayCount(patient, breastCancer, project, Instant.now())).isTrue();
        assertThat(ids(json(get(otherToken)).get("history"))).doesNotContain(id);

        HttpResponse<String> withdrawn = delete(id, patientToken);
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(json(withdrawn).get("version").asInt()).isEqualTo(2);
        assertThat(json(withdrawn).get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(store.view().mayCount(patient, breastCancer, project, Instant.now())).isFalse();

        JsonNode after = json(get(patientToken));
        JsonNode current = find(after.get("current"), id, 2);
        assertThat(current.get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(find(after.get("history"), id, 1).get("status").asText()).isEqualTo("GIVEN");

        HttpResponse<String> again = delete(id, patientToken);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);

        // audited by the store, in the real audit log, with the patient as subject and as actor
        assertThat(audit().stream().filter(e -> e.subject().equals(Optional.of(patient)) && e.purpose() == Purpose.SELF_SERVICE)
                .map(AuditEntry::action)).contains("consent.give", "consent.withdraw", "consent.history");
        assertThat(audit().stream().filter(e -> e.action().equals("consent.withdraw") && e.subject().equals(Optional.of(other))))
                .isEmpty();
    }

    @Test
    void aClinicianIsRefused() {
        assertThat(get(clinician).statusCode()).isEqualTo(403);
        assertThat(post(clinician, "{\"purpose\": \"GRU\"}").statusCode()).isEqualTo(403);
        assertThat(delete(1, clinician).statusCode()).isEqualTo(403);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        int before = json(get(otherToken)).get("history").size();

        HttpResponse<String> unknownCode = post(otherToken, "{\"purpose\": \"XYZ\"}");
        assertThat(unknownCode.statusCode()).as(unknownCode.body()).isEqualTo(400);
        assertThat(json(unknownCode).get("code").asText()).isEqualTo("CONSENT_UNKNOWN_DUO_CODE");
        assertThat(json(unknownCode).get("details").get("field").asText()).isEqualTo("purpose");

        HttpResponse<String> modifierAsPurpose = post(otherToken, "{\"purpose\": \"" + DuoCode.NPU.identifier() + "\"}");
        assertThat(modifierAsPurpose.statusCode()).as(modifierAsPurpose.body()).isEqualTo(400);
        assertThat(json(modifierAsPurpose).get("details").get("field").asText()).isEqualTo("purpose");

        HttpResponse<String> inverted = post(otherToken,
                "{\"purpose\": \"HMB\", \"validFrom\": \"2026-06-01T00:00:00Z\", \"validTo\": \"2026-01-01T00:00:00Z\"}");
        assertThat(inverted.statusCode()).as(inverted.body()).isEqualTo(400);
        assertThat(json(inverted).get("code").asText()).isEqualTo("CONSENT_INVALID_PERIOD");
        assertThat(json(inverted).get("details").get("field").asText()).isEqualTo("validTo");

        HttpResponse<String> missing = post(otherToken, "{\"project\": \"p1\"}");
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
        assertThat(json(missing).get("code").asText()).isEqualTo("SERVER_MISSING_FIELD");
        assertThat(json(missing).get("details").get("field").asText()).isEqualTo("purpose");

        HttpResponse<String> unknownField = post(otherToken, "{\"purpose\": \"GRU\", \"everything\": true}");
        assertThat(unknownField.statusCode()).as(unknownField.body()).isEqualTo(400);
        assertThat(json(unknownField).get("code").asText()).isEqualTo("SERVER_UNKNOWN_FIELD");

        HttpResponse<String> badInstant = post(otherToken, "{\"purpose\": \"GRU\", \"validFrom\": \"next week\"}");
        assertThat(badInstant.statusCode()).as(badInstant.body()).isEqualTo(400);
        assertThat(badInstant.body()).contains("validFrom");

        HttpResponse<String> badProject = post(otherToken, "{\"purpose\": \"GRU\", \"project\": \"no spaces\"}");
        assertThat(badProject.statusCode()).as(badProject.body()).isEqualTo(400);
        assertThat(json(badProject).get("details").get("field").asText()).isEqualTo("project");

        assertThat(json(get(otherToken)).get("history").size()).isEqualTo(before);
        assertThat(store.view().mayCount(other, ConsentPurpose.of(DuoCode.HMB), Optional.empty(), Instant.parse("2026-03-01T00:00:00Z")))
                .isFalse();
    }

    @Test
    void anOverlappingConsentIsRefusedAndNotStored() {
        String body = "{\"purpose\": \"GRU\", \"project\": \"overlap-study\", \"validFrom\": \"2026-01-01T00:00:00Z\"}";
        assertThat(post(otherToken, body).statusCode()).isEqualTo(201);
        int before = json(get(otherToken)).get("history").size();

        HttpResponse<String> overlapping = post(otherToken, body);

        assertThat(overlapping.statusCode()).as(overlapping.body()).isEqualTo(409);
        assertThat(json(overlapping).get("code").asText()).isEqualTo("CONSENT_OVERLAPPING_PERIOD");
        assertThat(json(overlapping).get("details").get("field").asText()).isEqualTo("validFrom");
        assertThat(json(get(otherToken)).get("history").size()).isEqualTo(before);
    }

    @Test
    void aNonNumericIdIsABadRequest() {
        assertThat(send(HttpRequest.newBuilder(uri("/api/me/consents/abc")).header("Authorization", "Bearer " + patientToken)
                .DELETE()).statusCode()).isEqualTo(400);
    }

    @Test
    void theRoutesAreDescribedInTheOpenApiDocument() {
        HttpResponse<String> openApi = send(HttpRequest.newBuilder(uri("/api/openapi.json"))
                .header("Authorization", "Bearer " + patientToken).GET());
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/me/consents", "/api/me/consents/{id}", "GiveRequest", "CONSENT_OVERLAPPING_PERIOD");
    }

    // ---------------------------------------------------------------------------------------------

    private static List<Long> ids(JsonNode versions) {
        List<Long> ids = new ArrayList<>();
        versions.forEach(v -> ids.add(v.get("consentId").asLong()));
        return ids;
    }

    private static JsonNode find(JsonNode versions, long id, int version) {
        for (JsonNode v : versions) {
            if (v.get("consentId").asLong() == id && v.get("version").asInt() == version) {
                return v;
            }
        }
        throw new AssertionError("no version " + version + " of consent " + id + " in " + versions);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpResponse<String> get(String token) {
        return send(HttpRequest.newBuilder(uri("/api/me/consents")).header("Authorization", "Bearer " + token).GET());
    }

    private static HttpResponse<String> post(String token, String body) {
        return send(HttpRequest.newBuilder(uri("/api/me/consents")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> delete(long id, String token) {
        return send(HttpRequest.newBuilder(uri("/api/me/consents/" + id)).header("Authorization", "Bearer " + token).DELETE());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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

    private static List<AuditEntry> audit() {
        return RouteTestSupport.auditEntries(security.auditLog());
    }
}
