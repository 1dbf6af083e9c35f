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
    private static String caseHandler;
    private static String researcher;

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
        caseHandler = issuer.mint(DevelopmentTokenIssuer.demoUser("demo-case-handler").orElseThrow(), Duration.ofHours(1));
        researcher = issuer.mint(DevelopmentTokenIssuer.demoUser("demo-researcher").orElseThrow(), Duration.ofHours(1));
        otherToken = issuer.mint(UserId.of("other-patient"), Set.of(Role.PATIENT), Optional.empty(), Optional.of(otherId),
                Duration.ofHours(1));

        server = PermedServer.start(ServerSettings.defaults("9.9.9-test").withPort(0), security.authenticator(), security.auditLog(),
                ReadinessCheck.ALWAYS_READY, List.of(new ConsentRoutes(() -> store, security.pseudonymizer())));
    }

    @AfterAll
    static void stop() {
        no.permed.testing.Resources.closeInOrder(server, security, database, dataDirectory);
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
        long rows = rows();
        HttpResponse<String> foreign = delete(id, otherToken);
        assertThat(rows()).as("no row written").isEqualTo(rows);
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
        long rows = rows();

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

        HttpResponse<String> unknownModifier = post(otherToken, "{\"purpose\": \"GRU\", \"modifiers\": [\"NCU\", \"DUO:0000999\"]}");
        assertThat(unknownModifier.statusCode()).as(unknownModifier.body()).isEqualTo(400);
        assertThat(json(unknownModifier).get("code").asText()).isEqualTo("CONSENT_UNKNOWN_DUO_CODE");
        assertThat(json(unknownModifier).get("details").get("field").asText()).isEqualTo("modifiers");

        assertThat(rows()).as("no row written").isEqualTo(rows);
        assertThat(json(get(otherToken)).get("history").size()).isEqualTo(before);
        assertThat(store.view().mayCount(other, ConsentPurpose.of(DuoCode.HMB), Optional.empty(), Instant.parse("2026-03-01T00:00:00Z")))
                .isFalse();
    }

    @Test
    void anOverlappingConsentIsRefusedAndNotStored() {
        String body = "{\"purpose\": \"GRU\", \"project\": \"overlap-study\", \"validFrom\": \"2026-01-01T00:00:00Z\"}";
        assertThat(post(otherToken, body).statusCode()).isEqualTo(201);
        int before = json(get(otherToken)).get("history").size();
        long rows = rows();

        HttpResponse<String> overlapping = post(otherToken, body);
        assertThat(rows()).as("no row written").isEqualTo(rows);

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

    @Test
    void aPatientChangesTermsAndFindingsChoicesAsNewVersions() {
        long id = json(post(patientToken, "{\"purpose\": \"HMB\", \"project\": \"change-study\","
                + " \"validFrom\": \"2026-01-01T00:00:00Z\"}")).get("consentId").asLong();
        Optional<String> project = Optional.of("change-study");
        Instant inside = Instant.parse("2026-06-01T00:00:00Z");
        assertThat(store.view().mayCount(patient, ConsentPurpose.of(DuoCode.HMB), project, inside)).isTrue();

        HttpResponse<String> changed = put("/api/me/consents/" + id, patientToken, """
                {"purpose": "DS:MONDO:0007254", "project": "change-study", "modifiers": ["NCU"],
                 "validFrom": "2026-01-01T00:00:00Z", "validTo": "2027-01-01T00:00:00Z",
                 "incidentalFindings": false, "reclassificationNotices": true}""");

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed).get("version").asInt()).isEqualTo(2);
        assertThat(json(changed).get("modifiers").get(0).asText()).isEqualTo("NCU");
        assertThat(store.view().mayCount(patient, ConsentPurpose.of(DuoCode.HMB), project, inside)).as("now disease-specific only")
                .isFalse();
        assertThat(store.view().mayCount(patient, ConsentPurpose.diseaseSpecific("MONDO:0007254"), project, inside)).isTrue();

        HttpResponse<String> findings = put("/api/me/consents/" + id + "/findings", patientToken,
                "{\"incidentalFindings\": true, \"reclassificationNotices\": false}");
        assertThat(findings.statusCode()).as(findings.body()).isEqualTo(200);
        assertThat(json(findings).get("version").asInt()).isEqualTo(3);
        assertThat(json(findings).get("purpose").asText()).as("terms kept").isEqualTo("DS:MONDO:0007254");
        assertThat(store.view().wantsIncidentalFindings(patient)).isTrue();
        assertThat(store.view().wantsReclassificationNotices(patient)).isFalse();

        // missing required fields of a change, and someone else's consent: refused, nothing stored
        long rows = rows();
        HttpResponse<String> partial = put("/api/me/consents/" + id, patientToken, "{\"purpose\": \"GRU\"}");
        assertThat(partial.statusCode()).as(partial.body()).isEqualTo(400);
        HttpResponse<String> foreign = put("/api/me/consents/" + id + "/findings", otherToken,
                "{\"incidentalFindings\": false, \"reclassificationNotices\": true}");
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(404);
        HttpResponse<String> foreignChange = put("/api/me/consents/" + id, otherToken, """
                {"purpose": "GRU", "validFrom": "2026-01-01T00:00:00Z", "incidentalFindings": false, "reclassificationNotices": true}""");
        assertThat(foreignChange.statusCode()).as(foreignChange.body()).isEqualTo(404);
        assertThat(json(foreignChange).get("message").asText()).doesNotContain(patient.value());
        assertThat(rows()).isEqualTo(rows);
        assertThat(store.view().wantsIncidentalFindings(patient)).isTrue();
        // restore the demo patient's default choices for the other tests
        put("/api/me/consents/" + id + "/findings", patientToken, "{\"incidentalFindings\": false, \"reclassificationNotices\": true}");
    }

    @Test
    void aCaseHandlerRegistersAPaperConsentByNationalIdentityNumber() {
        String number = TestNationalIds.synthetic(2, 2, 70);
        NationalId nationalId = NationalId.parse(number);
        Pseudonym paperPatient = security.pseudonymizer().pseudonymOf(nationalId);

        HttpResponse<String> registered = send(HttpRequest.newBuilder(uri("/api/consents/paper"))
                .header("Authorization", "Bearer " + caseHandler).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nationalId\": \"" + number + "\", \"purpose\": \"HMB\","
                        + " \"project\": \"paper-study\", \"validFrom\": \"2026-01-01T00:00:00Z\"}")));

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(registered.body()).doesNotContain(number);
        assertThat(json(registered).get("source").asText()).isEqualTo("PAPER");
        assertThat(json(registered).get("recordedBy").asText()).isEqualTo("demo-case-handler");
        long id = json(registered).get("consentId").asLong();
        assertThat(store.view().mayCount(paperPatient, ConsentPurpose.of(DuoCode.HMB), Optional.of("paper-study"),
                Instant.parse("2026-02-01T00:00:00Z"))).isTrue();
        assertThat(audit()).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("consent.give");
            assertThat(entry.subject()).contains(paperPatient);
            assertThat(entry.purpose()).isEqualTo(Purpose.CASE_HANDLING);
            assertThat(entry.actor()).isEqualTo(UserId.of("demo-case-handler"));
        });

        // a patient may not register paper consents; a bad number names the field and does not echo it
        assertThat(send(HttpRequest.newBuilder(uri("/api/consents/paper")).header("Authorization", "Bearer " + patientToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode())
                .isEqualTo(403);
        long rows = rows();
        HttpResponse<String> badNumber = send(HttpRequest.newBuilder(uri("/api/consents/paper"))
                .header("Authorization", "Bearer " + caseHandler).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nationalId\": \"15858540044\", \"purpose\": \"HMB\"}")));
        assertThat(badNumber.statusCode()).as(badNumber.body()).isEqualTo(400);
        assertThat(json(badNumber).get("code").asText()).isEqualTo("KERNEL_INVALID_NATIONAL_ID");
        assertThat(json(badNumber).get("details").get("field").asText()).isEqualTo("nationalId");
        assertThat(badNumber.body()).doesNotContain("15858540044");
        assertThat(rows()).isEqualTo(rows);

        // the withdrawal letter
        HttpResponse<String> withdrawn = send(HttpRequest.newBuilder(uri("/api/consents/paper/" + id + "/withdrawal"))
                .header("Authorization", "Bearer " + caseHandler).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nationalId\": \"" + number + "\"}")));
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(json(withdrawn).get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(store.view().mayCount(paperPatient, ConsentPurpose.of(DuoCode.HMB), Optional.of("paper-study"),
                Instant.parse("2026-02-01T00:00:00Z"))).isFalse();
    }

    @Test
    void consentsGoOutAndComeInAsFhirR4() throws IOException {
        json(post(patientToken, "{\"purpose\": \"DS:MONDO:0005148\", \"project\": \"fhir-study\", \"modifiers\": [\"IRB\"],"
                + " \"validFrom\": \"2026-01-01T00:00:00Z\"}"));

        HttpResponse<String> own = send(HttpRequest.newBuilder(uri("/api/me/consents/fhir?versions=all"))
                .header("Authorization", "Bearer " + patientToken).GET());

        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(own.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/fhir+json"));
        org.hl7.fhir.r4.model.Bundle bundle = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser()
                .parseResource(org.hl7.fhir.r4.model.Bundle.class, own.body());
        assertThat(bundle.getType()).isEqualTo(org.hl7.fhir.r4.model.Bundle.BundleType.COLLECTION);
        assertThat(bundle.getEntry()).isNotEmpty().allSatisfy(entry -> {
            org.hl7.fhir.r4.model.Consent consent = (org.hl7.fhir.r4.model.Consent) entry.getResource();
            assertThat(consent.getPatient().getIdentifier().getValue()).isEqualTo(patient.value());
        });
        assertThat(bundle.getEntry()).anySatisfy(entry -> assertThat(((org.hl7.fhir.r4.model.Consent) entry.getResource())
                .getProvision().getCode()).anySatisfy(code -> assertThat(code.getCodingFirstRep().getCode()).isEqualTo("MONDO:0005148")));
        assertThat(own.body()).doesNotContain(DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID);

        // a case handler imports a consent for another person named by national identity number
        String number = TestNationalIds.synthetic(3, 3, 75);
        NationalId nationalId = NationalId.parse(number);
        Pseudonym imported = security.pseudonymizer().pseudonymOf(nationalId);
        com.fasterxml.jackson.databind.node.ObjectNode resource = FhirConsentsTest.minimalFor(FhirConsents.NATIONAL_ID_SYSTEM,
                number);
        ((com.fasterxml.jackson.databind.node.ObjectNode) resource.at("/provision")).putArray("extension").addObject()
                .put("url", FhirConsents.PROJECT_EXTENSION).putObject("valueIdentifier").put("system", FhirConsents.PROJECT_SYSTEM)
                .put("value", "fhir-import-study");
        HttpResponse<String> created = postFhir(caseHandler, resource.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).startsWith("/fhir/Consent/"));
        assertThat(created.body()).doesNotContain(number).contains(imported.value());
        assertThat(store.view().mayCount(imported, ConsentPurpose.of(DuoCode.HMB), Optional.of("fhir-import-study"),
                Instant.parse("2026-06-01T00:00:00Z"))).isTrue();
        HttpResponse<String> search = send(HttpRequest.newBuilder(uri("/fhir/Consent?patient=" + imported.value()))
                .header("Authorization", "Bearer " + caseHandler).GET());
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        JsonNode searchset = JSON.readTree(search.body());
        assertThat(searchset.get("type").asText()).isEqualTo("searchset");
        assertThat(searchset.get("total").asInt()).isEqualTo(1);
        assertThat(searchset.at("/entry/0/resource/extension").toString()).contains("paper", "demo-case-handler");

        // bad resources: the element is named, nothing is stored
        long rows = rows();
        com.fasterxml.jackson.databind.node.ObjectNode unknownCode = FhirConsentsTest.minimalFor(FhirConsents.NATIONAL_ID_SYSTEM,
                number);
        ((com.fasterxml.jackson.databind.node.ObjectNode) unknownCode.at("/provision/code/0/coding/0")).put("code", "DUO:0000999");
        HttpResponse<String> unknown = postFhir(caseHandler, unknownCode.toString());
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(json(unknown).get("code").asText()).isEqualTo("CONSENT_UNKNOWN_DUO_CODE");
        assertThat(json(unknown).get("details").get("field").asText()).isEqualTo("Consent.provision.code[0]");
        HttpResponse<String> overlapping = postFhir(caseHandler, resource.toString());
        assertThat(overlapping.statusCode()).as(overlapping.body()).isEqualTo(409);
        com.fasterxml.jackson.databind.node.ObjectNode digital = FhirConsentsTest.minimalFor(FhirConsents.NATIONAL_ID_SYSTEM,
                number);
        digital.putArray("extension").addObject().put("url", FhirConsents.SOURCE_EXTENSION).put("valueCode", "digital");
        HttpResponse<String> notPaper = postFhir(caseHandler, digital.toString());
        assertThat(notPaper.statusCode()).as(notPaper.body()).isEqualTo(400);
        assertThat(json(notPaper).get("code").asText()).isEqualTo("CONSENT_INVALID_SOURCE");
        assertThat(rows()).isEqualTo(rows);
        assertThat(postFhir(patientToken, resource.toString()).statusCode()).isEqualTo(403);
        HttpResponse<String> byNumber = send(HttpRequest.newBuilder(uri("/fhir/Consent?patient=" + number))
                .header("Authorization", "Bearer " + caseHandler).GET());
        assertThat(byNumber.statusCode()).as("never a national identity number in a URL").isEqualTo(400);
    }

    @Test
    void aProjectSummaryShowsCountsBandedForResearchersAndExactForCaseHandlers() {
        List<String> people = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int day = 10; day < 16; day++) {
            String number = TestNationalIds.synthetic(day, 4, 60);
            people.add(number);
            HttpResponse<String> registered = send(HttpRequest.newBuilder(uri("/api/consents/paper"))
                    .header("Authorization", "Bearer " + caseHandler).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"nationalId\": \"" + number + "\", \"purpose\": \"GRU\","
                            + " \"project\": \"summary-study\", \"validFrom\": \"2020-01-01T00:00:00Z\"}")));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            ids.add(json(registered).get("consentId").asLong());
        }
        for (int index = 0; index < 2; index++) {
            send(HttpRequest.newBuilder(uri("/api/consents/paper/" + ids.get(index) + "/withdrawal"))
                    .header("Authorization", "Bearer " + caseHandler).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"nationalId\": \"" + people.get(index) + "\"}")));
        }

        JsonNode exact = json(summary(caseHandler, "summary-study"));
        assertThat(exact.get("exact").asBoolean()).isTrue();
        assertThat(exact.at("/patients/given").asText()).isEqualTo("4");
        assertThat(exact.at("/patients/withdrawn").asText()).isEqualTo("2");
        assertThat(exact.at("/patients/expired").asText()).isEqualTo("0");
        assertThat(exact.at("/byPurpose/GRU/given").asText()).isEqualTo("4");

        HttpResponse<String> forResearcher = summary(researcher, "summary-study");
        assertThat(forResearcher.statusCode()).as(forResearcher.body()).isEqualTo(200);
        JsonNode banded = json(forResearcher);
        assertThat(banded.get("exact").asBoolean()).isFalse();
        assertThat(banded.at("/patients/given").asText()).isEqualTo("1-4");
        assertThat(banded.at("/patients/withdrawn").asText()).isEqualTo("1-4");
        assertThat(banded.at("/patients/expired").asText()).isEqualTo("0");
        assertThat(forResearcher.body()).doesNotContain("p1_");

        assertThat(summary(patientToken, "summary-study").statusCode()).isEqualTo(403);
        assertThat(summary(researcher, "no%20spaces").statusCode()).isEqualTo(400);
        assertThat(audit()).filteredOn(entry -> entry.action().equals("consent.summary")).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(entry -> {
                    assertThat(entry.subject()).isEmpty();
                    assertThat(entry.purpose()).isEqualTo(Purpose.RESEARCH);
                });
    }

    // ---------------------------------------------------------------------------------------------

    private static HttpResponse<String> summary(String token, String project) {
        return send(HttpRequest.newBuilder(uri("/api/projects/" + project + "/consent-summary"))
                .header("Authorization", "Bearer " + token).GET());
    }

    private static HttpResponse<String> postFhir(String token, String body) {
        return send(HttpRequest.newBuilder(uri("/fhir/Consent")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> put(String path, String token, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static long rows() {
        return database.jdbi().withHandle(handle -> handle.createQuery("select count(*) from consent.decision").mapTo(Long.class).one());
    }

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
