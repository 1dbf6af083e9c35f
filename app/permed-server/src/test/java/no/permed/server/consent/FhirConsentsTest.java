package no.permed.server.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.permed.consent.ConsentDecision;
import no.permed.consent.ConsentErrorCode;
import no.permed.consent.ConsentPurpose;
import no.permed.consent.ConsentSource;
import no.permed.consent.ConsentStatus;
import no.permed.consent.ConsentTerms;
import no.permed.consent.DuoCode;
import no.permed.consent.FindingsChoices;
import no.permed.kernel.NationalId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;
import no.permed.spi.Pseudonymizer;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/**
 * The FHIR R4 Consent mapping on its own: every kind of consent survives export and import unchanged, the exported JSON
 * has the FHIR R4 element names and code systems the mapping table in docs/consent.md promises (read back with plain
 * Jackson, not with our own reader), and bad resources are refused naming the FHIR element.
 */
class FhirConsentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pseudonym PATIENT = Pseudonym.of("p1_" + "B".repeat(43));
    private static final Pseudonym FROM_NATIONAL_ID = Pseudonym.of("p1_" + "C".repeat(43));
    /** A fixed pseudonymiser: a hand-written fake of the SPI that proves the number was turned into the pseudonym. */
    private static final Pseudonymizer PSEUDONYMIZER = new Pseudonymizer() {
        @Override
        public Pseudonym pseudonymOf(NationalId nationalId) {
            return FROM_NATIONAL_ID;
        }

        @Override
        public Pseudonym projectPseudonym(Pseudonym storePseudonym, String projectId) {
            throw new UnsupportedOperationException("not used");
        }
    };
    private static final Instant RECORDED = Instant.parse("2026-02-03T10:11:12.123456Z");

    private static ConsentDecision decision(long id, int version, ConsentStatus status, ConsentTerms terms, String by) {
        return new ConsentDecision(id, version, PATIENT, status, terms, RECORDED, UserId.of(by));
    }

    @Test
    void everyKindOfConsentSurvivesExportAndImport() {
        List<ConsentDecision> decisions = List.of(
                decision(7, 1, ConsentStatus.GIVEN, new ConsentTerms(ConsentPurpose.diseaseSpecific("MONDO:0007254"),
                        Optional.of("breast-cancer-2026"), Set.of(DuoCode.NCU, DuoCode.IRB, DuoCode.PUB),
                        Instant.parse("2026-01-01T00:00:00.000001Z"), Optional.of(Instant.parse("2030-01-01T00:00:00Z")),
                        ConsentSource.DIGITAL, new FindingsChoices(true, false)), "demo-patient"),
                decision(8, 3, ConsentStatus.WITHDRAWN, new ConsentTerms(ConsentPurpose.of(DuoCode.GRU), Optional.empty(), Set.of(),
                        Instant.parse("2025-05-05T05:05:05Z"), Optional.empty(), ConsentSource.PAPER, new FindingsChoices(false, true)),
                        "demo-case-handler"),
                decision(9, 2, ConsentStatus.GIVEN, new ConsentTerms(ConsentPurpose.of(DuoCode.HMB), Optional.of("p.1_x-2"),
                        Set.of(DuoCode.NPUNCU, DuoCode.COL, DuoCode.GS, DuoCode.PS, DuoCode.NPOA, DuoCode.CC, DuoCode.NPU),
                        Instant.parse("2025-01-01T00:00:00Z"), Optional.empty(), ConsentSource.DIGITAL,
                        new FindingsChoices(false, false)), "demo-patient"));
        for (ConsentDecision decision : decisions) {
            String json = FhirConsents.json(FhirConsents.toFhir(decision));

            FhirConsents.Imported back = FhirConsents.parse(json, PSEUDONYMIZER);

            assertThat(back.patient()).isEqualTo(PATIENT);
            assertThat(back.status()).isEqualTo(decision.status());
            assertThat(back.terms()).isEqualTo(decision.terms());
            assertThat(back.statedSource()).contains(decision.terms().source());
        }
    }

    @Test
    void theExportUsesFhirR4ElementsAndTheDuoAndMondoSystems() throws Exception {
        ConsentDecision decision = decision(7, 2, ConsentStatus.GIVEN, new ConsentTerms(ConsentPurpose.diseaseSpecific("MONDO:0007254"),
                Optional.of("breast-cancer-2026"), Set.of(DuoCode.NCU), Instant.parse("2026-01-01T00:00:00Z"),
                Optional.of(Instant.parse("2030-01-01T00:00:00Z")), ConsentSource.DIGITAL, new FindingsChoices(true, true)),
                "demo-patient");

        JsonNode consent = JSON.readTree(FhirConsents.json(FhirConsents.toFhir(decision)));

        assertThat(consent.get("resourceType").asText()).isEqualTo("Consent");
        assertThat(consent.get("id").asText()).isEqualTo("7");
        assertThat(consent.at("/meta/versionId").asText()).isEqualTo("2");
        assertThat(consent.get("status").asText()).isEqualTo("active");
        assertThat(consent.at("/scope/coding/0/system").asText()).isEqualTo("http://terminology.hl7.org/CodeSystem/consentscope");
        assertThat(consent.at("/scope/coding/0/code").asText()).isEqualTo("research");
        assertThat(consent.at("/category/0/coding/0/system").asText()).isEqualTo("http://loinc.org");
        assertThat(consent.at("/category/0/coding/0/code").asText()).isEqualTo("59284-0");
        assertThat(consent.at("/patient/identifier/system").asText()).isEqualTo("urn:permed:pseudonym");
        assertThat(consent.at("/patient/identifier/value").asText()).isEqualTo(PATIENT.value());
        assertThat(consent.at("/patient/reference").isMissingNode()).isTrue();
        assertThat(consent.get("dateTime").asText()).isEqualTo("2026-02-03T10:11:12.123456Z");
        assertThat(consent.at("/policyRule/coding/0/code").asText()).isEqualTo("OPTIN");
        assertThat(consent.at("/provision/type").asText()).isEqualTo("permit");
        assertThat(consent.at("/provision/period/start").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(consent.at("/provision/period/end").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(consent.at("/provision/purpose/0/code").asText()).isEqualTo("HRESCH");
        // DS is DUO:0000007, NCU DUO:0000046 (EBISPOT/DUO duo.csv)
        assertThat(consent.at("/provision/code/0/coding/0/system").asText()).isEqualTo("http://purl.obolibrary.org/obo/duo.owl");
        assertThat(consent.at("/provision/code/0/coding/0/code").asText()).isEqualTo("DUO:0000007");
        assertThat(consent.at("/provision/code/1/coding/0/system").asText()).isEqualTo("http://purl.obolibrary.org/obo/mondo.owl");
        assertThat(consent.at("/provision/code/1/coding/0/code").asText()).isEqualTo("MONDO:0007254");
        assertThat(consent.at("/provision/code/2/coding/0/code").asText()).isEqualTo("DUO:0000046");
        assertThat(consent.at("/provision/extension/0/valueIdentifier/value").asText()).isEqualTo("breast-cancer-2026");

        JsonNode bundle = JSON.readTree(FhirConsents.json(FhirConsents.bundle(Bundle.BundleType.SEARCHSET, List.of(decision))));
        assertThat(bundle.get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.get("type").asText()).isEqualTo("searchset");
        assertThat(bundle.get("total").asInt()).isEqualTo(1);
        assertThat(bundle.at("/entry/0/resource/resourceType").asText()).isEqualTo("Consent");
        assertThat(bundle.at("/entry/0/search/mode").asText()).isEqualTo("match");
    }

    @Test
    void aNationalIdentityNumberIsTurnedIntoThePseudonymAndNeverExported() throws Exception {
        ObjectNode consent = minimal();
        ((ObjectNode) consent.at("/patient/identifier")).put("system", FhirConsents.NATIONAL_ID_SYSTEM).put("value", "15858540043");

        FhirConsents.Imported imported = FhirConsents.parse(consent.toString(), PSEUDONYMIZER);

        assertThat(imported.patient()).isEqualTo(FROM_NATIONAL_ID);
        assertThat(imported.terms().purpose()).isEqualTo(ConsentPurpose.of(DuoCode.GRU));
        assertThat(imported.terms().findings()).as("defaults: no incidental findings, reclassification notices")
                .isEqualTo(new FindingsChoices(false, true));
        String exported = FhirConsents.json(FhirConsents.toFhir(new ConsentDecision(1, 1, imported.patient(), ConsentStatus.GIVEN,
                imported.terms(), RECORDED, UserId.of("demo-case-handler"))));
        assertThat(exported).doesNotContain("15858540043").doesNotContain(FhirConsents.NATIONAL_ID_SYSTEM);
    }

    @Test
    void badResourcesAreRefusedNamingTheFhirElement() throws Exception {
        refused("{\"resourceType\": \"Patient\"}", ConsentErrorCode.INVALID_FHIR_RESOURCE, "Consent.resourceType");
        refused("not json", ConsentErrorCode.INVALID_FHIR_RESOURCE, "Consent");

        ObjectNode unknownElement = minimal();
        unknownElement.put("colour", "blue");
        refused(unknownElement.toString(), ConsentErrorCode.INVALID_FHIR_RESOURCE, "Consent");

        ObjectNode draft = minimal();
        draft.put("status", "draft");
        refused(draft.toString(), ConsentErrorCode.INVALID_FHIR_RESOURCE, "Consent.status");

        ObjectNode noStatus = minimal();
        noStatus.remove("status");
        refused(noStatus.toString(), ConsentErrorCode.INVALID_FHIR_RESOURCE, "Consent.status");

        ObjectNode privacy = minimal();
        ((ObjectNode) privacy.at("/scope/coding/0")).put("code", "patient-privacy");
        refused(privacy.toString(), ConsentErrorCode.INVALID_FHIR_RESOURCE, "Consent.scope");

        ObjectNode noPatient = minimal();
        noPatient.remove("patient");
        refused(noPatient.toString(), ConsentErrorCode.INVALID_FHIR_RESOURCE, "Consent.patient.identifier");

        ObjectNode otherSystem = minimal();
        ((ObjectNode) otherSystem.at("/patient/identifier")).put("system", "http://example.org/mrn");
        refused(otherSystem.toString(), ConsentErrorCode.INVALID_FHIR_RESOURCE, "Consent.patient.identifier.system");

        ObjectNode badNationalId = minimal();
        ((ObjectNode) badNationalId.at("/patient/identifier")).put("system", FhirConsents.NATIONAL_ID_SYSTEM).put("value", "15858540044");
        PermedException checksum = refused(badNationalId.toString(), null, "Consent.patient.identifier.value");
        assertThat(checksum.getMessage()).doesNotContain("15858540044");

        ObjectNode unknownDuo = minimal();
        ((ObjectNode) unknownDuo.at("/provision/code/0/coding/0")).put("code", "DUO:9999999");
        refused(unknownDuo.toString(), ConsentErrorCode.UNKNOWN_DUO_CODE, "Consent.provision.code[0]");

        ObjectNode noPermission = minimal();
        ((ObjectNode) noPermission.at("/provision/code/0/coding/0")).put("code", "DUO:0000046");
        refused(noPermission.toString(), ConsentErrorCode.INVALID_FHIR_RESOURCE, "Consent.provision.code");

        ObjectNode dsWithoutDisease = minimal();
        ((ObjectNode) dsWithoutDisease.at("/provision/code/0/coding/0")).put("code", "DUO:0000007");
        refused(dsWithoutDisease.toString(), ConsentErrorCode.INVALID_PURPOSE, "Consent.provision.code");

        ObjectNode inverted = minimal();
        ((ObjectNode) inverted.at("/provision/period")).put("end", "2025-01-01T00:00:00Z");
        refused(inverted.toString(), ConsentErrorCode.INVALID_PERIOD, "Consent.provision.period.end");

        ObjectNode noStart = minimal();
        ((ObjectNode) noStart.at("/provision/period")).remove("start");
        refused(noStart.toString(), ConsentErrorCode.INVALID_FHIR_RESOURCE, "Consent.provision.period.start");

        ObjectNode dateOnly = minimal();
        ((ObjectNode) dateOnly.at("/provision/period")).put("start", "2026-01-01");
        refused(dateOnly.toString(), ConsentErrorCode.INVALID_FHIR_RESOURCE, "Consent.provision.period.start");

        ObjectNode deny = minimal();
        ((ObjectNode) deny.at("/provision")).put("type", "deny");
        refused(deny.toString(), ConsentErrorCode.INVALID_FHIR_RESOURCE, "Consent.provision.type");

        ObjectNode nested = minimal();
        ((ObjectNode) nested.at("/provision")).putArray("provision").addObject().put("type", "deny");
        refused(nested.toString(), ConsentErrorCode.INVALID_FHIR_RESOURCE, "Consent.provision.provision");

        ObjectNode badProject = minimal();
        ((ObjectNode) badProject.at("/provision")).putArray("extension").addObject()
                .put("url", FhirConsents.PROJECT_EXTENSION).putObject("valueIdentifier").put("system", FhirConsents.PROJECT_SYSTEM)
                .put("value", "no spaces");
        refused(badProject.toString(), ConsentErrorCode.INVALID_PROJECT, "Consent.provision.extension[" + FhirConsents.PROJECT_EXTENSION + "]");
    }

    /** A minimal valid Consent: active, research, a pseudonym, permit GRU from 2026-01-01. */
    static ObjectNode minimal() {
        return minimalFor(FhirConsents.PSEUDONYM_SYSTEM, PATIENT.value());
    }

    /** A minimal valid Consent for the patient named by this identifier: active, research, permit GRU from 2026-01-01. */
    static ObjectNode minimalFor(String system, String value) {
        ObjectNode consent = parse("""
                {"resourceType": "Consent", "status": "active",
                 "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "research"}]},
                 "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
                 "patient": {"identifier": {"system": "%s", "value": "%s"}},
                 "policyRule": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTIN"}]},
                 "provision": {"type": "permit", "period": {"start": "2026-01-01T00:00:00Z"},
                   "code": [{"coding": [{"system": "http://purl.obolibrary.org/obo/duo.owl", "code": "DUO:0000042"}]}]}}
                """.formatted(system, value));
        return consent;
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PermedException refused(String json, ConsentErrorCode code, String field) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> FhirConsents.parse(json, PSEUDONYMIZER));
        assertThat(thrown).as(json).isInstanceOf(PermedException.class);
        PermedException failure = (PermedException) thrown;
        if (code != null) {
            assertThat(failure.errorCode()).as(failure.getMessage()).isEqualTo(code);
        }
        assertThat(failure.details()).as(failure.getMessage()).containsEntry("field", field);
        assertThat(failure.getMessage()).startsWith(field.contains("[") ? field.substring(0, field.indexOf('[')) : field);
        return failure;
    }

    @Test
    void aMinimalResourceIsValid() throws Exception {
        assertThat(FhirConsents.parse(minimal().toString(), PSEUDONYMIZER).terms().validFrom())
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThatThrownBy(() -> FhirConsents.parse(null, PSEUDONYMIZER)).isInstanceOf(NullPointerException.class);
    }
}
