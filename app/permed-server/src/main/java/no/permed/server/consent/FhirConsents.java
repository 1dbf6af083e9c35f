package no.permed.server.consent;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
import no.permed.spi.Pseudonymizer;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * permed's consents as HL7 FHIR R4 {@code Consent} resources and back (the mapping table is in docs/consent.md). The
 * patient is named by pseudonym (identifier system {@value #PSEUDONYM_SYSTEM}), never by national identity number; an
 * imported resource may name the patient by national identity number (system {@value #NATIONAL_ID_SYSTEM}), which is
 * turned into the pseudonym at once and never kept. DUO codes go in {@code provision.code} with system
 * {@value #DUO_SYSTEM} and the DUO identifier as code; the disease of DS in {@code provision.code} with system
 * {@value #MONDO_SYSTEM}; the project, the source, who recorded it and the findings choices in permed's extensions.
 * Reading is strict: an unknown element, a wrong type or a value that does not fit the model is refused with
 * {@link ConsentErrorCode#INVALID_FHIR_RESOURCE} (or the model's own code) naming the FHIR element.
 */
public final class FhirConsents {
    /** The media type of FHIR JSON. */
    public static final String MEDIA_TYPE = "application/fhir+json";
    /** GA4GH DUO as a FHIR code system (codes are DUO identifiers, e.g. {@code DUO:0000042}). */
    public static final String DUO_SYSTEM = "http://purl.obolibrary.org/obo/duo.owl";
    /** MONDO as a FHIR code system (codes are MONDO identifiers, e.g. {@code MONDO:0007254}). */
    public static final String MONDO_SYSTEM = "http://purl.obolibrary.org/obo/mondo.owl";
    /** permed's store pseudonyms. */
    public static final String PSEUDONYM_SYSTEM = "urn:permed:pseudonym";
    /** The Norwegian national identity number (fødselsnummer), accepted on import only. */
    public static final String NATIONAL_ID_SYSTEM = "urn:oid:2.16.578.1.12.4.1.4.1";
    /** permed's consent ids. */
    public static final String CONSENT_SYSTEM = "urn:permed:consent";
    /** permed's project identifiers. */
    public static final String PROJECT_SYSTEM = "urn:permed:project";
    /** Extension on {@code Consent.provision}: the project (valueIdentifier); absent: any project. */
    public static final String PROJECT_EXTENSION = "urn:permed:fhir:StructureDefinition:consent-project";
    /** Extension on {@code Consent}: {@code digital} or {@code paper} (valueCode). */
    public static final String SOURCE_EXTENSION = "urn:permed:fhir:StructureDefinition:consent-source";
    /** Extension on {@code Consent}: the user who recorded this version (valueString). */
    public static final String RECORDED_BY_EXTENSION = "urn:permed:fhir:StructureDefinition:consent-recorded-by";
    /** Extension on {@code Consent}: the findings choices, sub-extensions {@code incidentalFindings}, {@code reclassificationNotices}. */
    public static final String FINDINGS_EXTENSION = "urn:permed:fhir:StructureDefinition:consent-findings";
    static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
    static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentcategorycodes";
    static final String LOINC = "http://loinc.org";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /** Creating a FHIR context takes seconds (it scans the model): one for the process. */
    private static final FhirContext CONTEXT = FhirContext.forR4Cached();

    private FhirConsents() {
    }

    /** One consent, as read back from a FHIR resource. */
    public record Imported(ConsentStatus status, Pseudonym patient, ConsentTerms terms, Optional<ConsentSource> statedSource) {
        public Imported {
            requireNonNull(status, "status is null");
            requireNonNull(patient, "patient is null");
            requireNonNull(terms, "terms is null");
            requireNonNull(statedSource, "statedSource is null");
        }

        /** Masked: the pseudonym stays out of logs. */
        @Override
        public String toString() {
            return "Imported[status=" + status + ", purpose=" + terms.purpose() + "]";
        }
    }

    // ---------------------------------------------------------------------------------------------
    // export

    /** One version of one consent as a FHIR R4 Consent (id = consent id, meta.versionId = version). */
    public static Consent toFhir(ConsentDecision decision) {
        requireNonNull(decision, "decision is null");
        ConsentTerms terms = decision.terms();
        Consent consent = new Consent();
        consent.setId("Consent/" + decision.consentId() + "/_history/" + decision.version());
        consent.getMeta().setVersionId(Integer.toString(decision.version())).setLastUpdatedElement(instant(decision.recordedAt()));
        consent.addIdentifier().setSystem(CONSENT_SYSTEM).setValue(Long.toString(decision.consentId()));
        consent.setStatus(decision.status() == ConsentStatus.GIVEN ? Consent.ConsentState.ACTIVE : Consent.ConsentState.INACTIVE);
        consent.setScope(new CodeableConcept(new Coding(SCOPE_SYSTEM, "research", "Research")));
        consent.addCategory(new CodeableConcept(new Coding(LOINC, "59284-0", "Patient Consent")));
        consent.addCategory(new CodeableConcept(new Coding(CATEGORY_SYSTEM, "research", "Research Information Access")));
        consent.setPatient(new Reference().setIdentifier(new Identifier().setSystem(PSEUDONYM_SYSTEM).setValue(decision.patient().value())));
        consent.setDateTimeElement(dateTime(decision.recordedAt()));
        consent.setPolicyRule(new CodeableConcept(new Coding(ACT_CODE, "OPTIN", "opt-in")));
        consent.addExtension(new Extension(SOURCE_EXTENSION, new CodeType(terms.source().name().toLowerCase(java.util.Locale.ROOT))));
        consent.addExtension(new Extension(RECORDED_BY_EXTENSION, new StringType(decision.recordedBy().value())));
        Extension findings = new Extension(FINDINGS_EXTENSION);
        findings.addExtension(new Extension("incidentalFindings", new BooleanType(terms.findings().incidentalFindings())));
        findings.addExtension(new Extension("reclassificationNotices", new BooleanType(terms.findings().reclassificationNotices())));
        consent.addExtension(findings);

        Consent.ProvisionComponent provision = consent.getProvision();
        provision.setType(Consent.ConsentProvisionType.PERMIT);
        Period period = new Period().setStartElement(dateTime(terms.validFrom()));
        terms.validTo().ifPresent(end -> period.setEndElement(dateTime(end)));
        provision.setPeriod(period);
        provision.addPurpose(new Coding(ACT_REASON, "HRESCH", "healthcare research"));
        DuoCode code = terms.purpose().code();
        provision.addCode(new CodeableConcept(new Coding(DUO_SYSTEM, code.identifier(), code.label())));
        terms.purpose().mondo().ifPresent(disease -> provision.addCode(new CodeableConcept(new Coding(MONDO_SYSTEM, disease, null))));
        for (DuoCode modifier : DuoCode.values()) {
            if (terms.modifiers().contains(modifier)) {
                provision.addCode(new CodeableConcept(new Coding(DUO_SYSTEM, modifier.identifier(), modifier.label())));
            }
        }
        terms.project().ifPresent(project -> provision.addExtension(new Extension(PROJECT_EXTENSION,
                new Identifier().setSystem(PROJECT_SYSTEM).setValue(project))));
        return consent;
    }

    /**
     * A Bundle of consent versions: {@code collection} for a patient's own export, {@code searchset} (with total) for a
     * search.
     */
    public static Bundle bundle(Bundle.BundleType type, List<ConsentDecision> decisions) {
        requireNonNull(type, "type is null");
        Bundle bundle = new Bundle();
        bundle.setType(type);
        if (type == Bundle.BundleType.SEARCHSET) {
            bundle.setTotal(decisions.size());
        }
        for (ConsentDecision decision : decisions) {
            Bundle.BundleEntryComponent entry = bundle.addEntry().setResource(toFhir(decision));
            if (type == Bundle.BundleType.SEARCHSET) {
                entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH);
            }
        }
        return bundle;
    }

    /** FHIR JSON of a resource. */
    public static String json(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        return CONTEXT.newJsonParser().setPrettyPrint(false).encodeResourceToString(resource);
    }

    // ---------------------------------------------------------------------------------------------
    // import

    /**
     * Reads a FHIR R4 Consent in JSON into permed's model.
     *
     * @param pseudonymizer turns a national identity number in {@code Consent.patient.identifier} into the pseudonym
     * @throws PermedException naming the FHIR element that is wrong; nothing is stored by this method
     */
    public static Imported parse(String json, Pseudonymizer pseudonymizer) {
        requireNonNull(json, "json is null");
        requireNonNull(pseudonymizer, "pseudonymizer is null");
        Consent consent = read(json);
        ConsentStatus status = switch (required(consent.getStatus(), "Consent.status", "active or inactive")) {
            case ACTIVE -> ConsentStatus.GIVEN;
            case INACTIVE -> ConsentStatus.WITHDRAWN;
            case DRAFT, PROPOSED, REJECTED, ENTEREDINERROR, NULL -> throw invalid("Consent.status", "status '"
                    + consent.getStatus().toCode() + "' is not a consent permed records: use active (given) or inactive (withdrawn)");
        };
        if (!hasCoding(consent.getScope(), SCOPE_SYSTEM, "research")) {
            throw invalid("Consent.scope", "scope must be research (" + SCOPE_SYSTEM + "|research): permed records consent to"
                    + " research use");
        }
        Pseudonym patient = patient(consent, pseudonymizer);
        if (!consent.hasProvision()) {
            throw invalid("Consent.provision", "provision is required: type permit, a period and the DUO codes");
        }
        Consent.ProvisionComponent provision = consent.getProvision();
        if (provision.getType() != Consent.ConsentProvisionType.PERMIT) {
            throw invalid("Consent.provision.type", "provision.type must be permit: permed records what a patient permits"
                    + " (no consent means no)");
        }
        if (provision.hasProvision()) {
            throw invalid("Consent.provision.provision", "nested provisions are not supported: one provision per consent");
        }
        if (provision.hasActor() || provision.hasAction() || provision.hasData() || provision.hasDataPeriod()
                || provision.hasSecurityLabel() || provision.hasClass_()) {
            throw invalid("Consent.provision", "only type, period, purpose, code and the project extension are read;"
                    + " actor, action, data, dataPeriod, securityLabel and class are not supported");
        }
        Instant from = dateTime(provision.getPeriod().getStartElement(), "Consent.provision.period.start", true)
                .orElseThrow(() -> invalid("Consent.provision.period.start", "provision.period.start is required"));
        Optional<Instant> to = dateTime(provision.getPeriod().getEndElement(), "Consent.provision.period.end", false);
        PurposeAndModifiers codes = codes(provision.getCode());
        Optional<String> project = project(provision);
        Optional<ConsentSource> source = source(consent);
        FindingsChoices findings = findings(consent);
        ConsentTerms terms;
        try {
            terms = new ConsentTerms(codes.purpose(), project, codes.modifiers(), from, to, source.orElse(ConsentSource.PAPER), findings);
        } catch (PermedException e) {
            String field = switch (String.valueOf(e.details().get("field"))) {
                case "validTo" -> "Consent.provision.period.end";
                case "project" -> "Consent.provision.extension[" + PROJECT_EXTENSION + "]";
                default -> "Consent.provision.code";
            };
            throw new PermedException(e.errorCode(), field + ": " + e.getMessage(), Map.of("field", field), e);
        }
        return new Imported(status, patient, terms, source);
    }

    private static Consent read(String json) {
        IParser parser = CONTEXT.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        try {
            return parser.parseResource(Consent.class, json);
        } catch (DataFormatException | ClassCastException e) {
            String message = e.getMessage() == null ? "not a FHIR R4 Consent resource in JSON" : e.getMessage();
            if (message.contains("resource type") || message.contains("resourceType")) {
                throw invalid("Consent.resourceType", "expected a FHIR R4 Consent resource (resourceType Consent): " + clip(message));
            }
            throw invalid("Consent", "not a valid FHIR R4 Consent: " + clip(message));
        }
    }

    /** HAPI's messages name the element; they are clipped so that a large body does not come back whole. */
    private static String clip(String message) {
        String clean = message.replaceAll("\\s+", " ").strip();
        return clean.length() > 300 ? clean.substring(0, 300) + "…" : clean;
    }

    private static Pseudonym patient(Consent consent, Pseudonymizer pseudonymizer) {
        if (!consent.hasPatient() || !consent.getPatient().hasIdentifier()) {
            throw invalid("Consent.patient.identifier", "patient.identifier is required: system " + PSEUDONYM_SYSTEM
                    + " (the pseudonym) or " + NATIONAL_ID_SYSTEM + " (the national identity number)");
        }
        if (consent.getPatient().hasReference()) {
            throw invalid("Consent.patient.reference", "name the patient by patient.identifier only, not by a literal reference");
        }
        Identifier identifier = consent.getPatient().getIdentifier();
        String system = identifier.getSystem();
        String value = identifier.getValue();
        if (value == null || value.isBlank()) {
            throw invalid("Consent.patient.identifier.value", "patient.identifier.value is required");
        }
        if (PSEUDONYM_SYSTEM.equals(system)) {
            try {
                return Pseudonym.of(value.strip());
            } catch (RuntimeException e) {
                throw invalid("Consent.patient.identifier.value", "not a permed pseudonym");
            }
        }
        if (NATIONAL_ID_SYSTEM.equals(system)) {
            try {
                return pseudonymizer.pseudonymOf(NationalId.parse(value.strip()));
            } catch (PermedException e) {
                throw new PermedException(e.errorCode(), "Consent.patient.identifier.value: " + e.getMessage(),
                        Map.of("field", "Consent.patient.identifier.value"), e);
            }
        }
        throw invalid("Consent.patient.identifier.system", "patient.identifier.system must be " + PSEUDONYM_SYSTEM + " or "
                + NATIONAL_ID_SYSTEM + ", was '" + clip(String.valueOf(system)) + "'");
    }

    private record PurposeAndModifiers(ConsentPurpose purpose, Set<DuoCode> modifiers) {
    }

    private static PurposeAndModifiers codes(List<CodeableConcept> concepts) {
        DuoCode permission = null;
        Optional<String> disease = Optional.empty();
        Set<DuoCode> modifiers = EnumSet.noneOf(DuoCode.class);
        for (int index = 0; index < concepts.size(); index++) {
            String field = "Consent.provision.code[" + index + "]";
            for (Coding coding : concepts.get(index).getCoding()) {
                if (DUO_SYSTEM.equals(coding.getSystem())) {
                    DuoCode code;
                    try {
                        code = DuoCode.parse(coding.getCode());
                    } catch (PermedException e) {
                        throw new PermedException(e.errorCode(), field + ": " + e.getMessage(), Map.of("field", field), e);
                    }
                    if (code.kind() == DuoCode.Kind.MODIFIER) {
                        modifiers.add(code);
                    } else if (permission != null && permission != code) {
                        throw invalid(field, "one DUO permission per consent, but found " + permission + " and " + code);
                    } else {
                        permission = code;
                    }
                } else if (MONDO_SYSTEM.equals(coding.getSystem())) {
                    if (disease.isPresent() && !disease.get().equals(coding.getCode())) {
                        throw invalid(field, "one MONDO disease per consent");
                    }
                    disease = Optional.ofNullable(coding.getCode());
                } else {
                    throw invalid(field, "provision.code takes DUO (" + DUO_SYSTEM + ") and MONDO (" + MONDO_SYSTEM
                            + ") codings only, was system '" + clip(String.valueOf(coding.getSystem())) + "'");
                }
            }
        }
        if (permission == null) {
            throw invalid("Consent.provision.code", "a DUO permission (GRU DUO:0000042, HMB DUO:0000006, DS DUO:0000007 or NRES"
                    + " DUO:0000004) is required in provision.code");
        }
        try {
            return new PurposeAndModifiers(new ConsentPurpose(permission, disease), modifiers);
        } catch (PermedException e) {
            throw new PermedException(e.errorCode(), "Consent.provision.code: " + e.getMessage(),
                    Map.of("field", "Consent.provision.code"), e);
        }
    }

    private static Optional<String> project(Consent.ProvisionComponent provision) {
        List<Extension> found = provision.getExtensionsByUrl(PROJECT_EXTENSION);
        String field = "Consent.provision.extension[" + PROJECT_EXTENSION + "]";
        for (Extension other : provision.getExtension()) {
            if (!PROJECT_EXTENSION.equals(other.getUrl())) {
                throw invalid("Consent.provision.extension", "unknown extension '" + clip(String.valueOf(other.getUrl())) + "'");
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() > 1 || !(found.get(0).getValue() instanceof Identifier identifier) || !PROJECT_SYSTEM.equals(identifier.getSystem())
                || identifier.getValue() == null) {
            throw invalid(field, "one project extension with a valueIdentifier of system " + PROJECT_SYSTEM);
        }
        return Optional.of(identifier.getValue());
    }

    private static Optional<ConsentSource> source(Consent consent) {
        String field = "Consent.extension[" + SOURCE_EXTENSION + "]";
        List<Extension> found = consent.getExtensionsByUrl(SOURCE_EXTENSION);
        for (Extension other : consent.getExtension()) {
            String url = other.getUrl();
            if (!SOURCE_EXTENSION.equals(url) && !RECORDED_BY_EXTENSION.equals(url) && !FINDINGS_EXTENSION.equals(url)) {
                throw invalid("Consent.extension", "unknown extension '" + clip(String.valueOf(url)) + "'");
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() > 1 || !(found.get(0).getValue() instanceof CodeType code)) {
            throw invalid(field, "one source extension with valueCode digital or paper");
        }
        return switch (String.valueOf(code.getValue())) {
            case "digital" -> Optional.of(ConsentSource.DIGITAL);
            case "paper" -> Optional.of(ConsentSource.PAPER);
            default -> throw invalid(field, "the source is digital or paper");
        };
    }

    private static FindingsChoices findings(Consent consent) {
        String field = "Consent.extension[" + FINDINGS_EXTENSION + "]";
        List<Extension> found = consent.getExtensionsByUrl(FINDINGS_EXTENSION);
        if (found.isEmpty()) {
            return new FindingsChoices(false, true);
        }
        if (found.size() > 1 || found.get(0).hasValue()) {
            throw invalid(field, "one findings extension with the sub-extensions incidentalFindings and reclassificationNotices");
        }
        boolean incidental = false;
        boolean reclassification = true;
        List<String> seen = new ArrayList<>();
        for (Extension part : found.get(0).getExtension()) {
            if (seen.contains(part.getUrl()) || !(part.getValue() instanceof BooleanType value) || !value.hasValue()) {
                throw invalid(field + ".extension[" + clip(String.valueOf(part.getUrl())) + "]", "each choice once, as valueBoolean");
            }
            seen.add(part.getUrl());
            switch (part.getUrl()) {
                case "incidentalFindings" -> incidental = value.booleanValue();
                case "reclassificationNotices" -> reclassification = value.booleanValue();
                default -> throw invalid(field + ".extension", "unknown choice '" + clip(part.getUrl())
                        + "': incidentalFindings or reclassificationNotices");
            }
        }
        return new FindingsChoices(incidental, reclassification);
    }

    private static Optional<Instant> dateTime(DateTimeType value, String field, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                throw invalid(field, field.substring("Consent.".length()) + " is required");
            }
            return Optional.empty();
        }
        String text = value.getValueAsString();
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw invalid(field, "give a full date and time with a time zone, e.g. 2026-01-01T00:00:00Z (a date alone is"
                    + " ambiguous for a consent's period)");
        }
    }

    private static <T> T required(T value, String field, String expected) {
        if (value == null) {
            throw invalid(field, field + " is required (" + expected + ")");
        }
        return value;
    }

    private static boolean hasCoding(CodeableConcept concept, String system, String code) {
        return concept != null && concept.getCoding().stream().anyMatch(coding -> system.equals(coding.getSystem())
                && code.equals(coding.getCode()));
    }

    /** A FHIR dateTime with the instant's full precision, in UTC. */
    private static DateTimeType dateTime(Instant instant) {
        return new DateTimeType(instant.toString());
    }

    private static InstantType instant(Instant instant) {
        return new InstantType(instant.toString());
    }

    private static PermedException invalid(String field, String message) {
        String text = message.startsWith(field) ? message : field + ": " + message;
        return new PermedException(ConsentErrorCode.INVALID_FHIR_RESOURCE, text, Map.of("field", field));
    }
}
