package no.permed.server.consent;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.TreeMap;
import no.permed.consent.ConsentDecision;
import no.permed.consent.ConsentErrorCode;
import no.permed.consent.ConsentPurpose;
import no.permed.consent.ConsentSource;
import no.permed.consent.ConsentStatus;
import no.permed.consent.ConsentStore;
import no.permed.consent.ConsentSummary;
import no.permed.consent.ConsentTerms;
import no.permed.consent.DuoCode;
import no.permed.consent.FindingsChoices;
import no.permed.kernel.NationalId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.security.SecurityErrorCode;
import no.permed.server.ServerErrorCode;
import no.permed.server.route.ApiRequest;
import no.permed.server.route.ApiResponse;
import no.permed.server.route.RouteDoc;
import no.permed.server.route.RouteModule;
import no.permed.server.route.RoutePolicy;
import no.permed.server.route.Routes;
import no.permed.spi.Pseudonymizer;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Dynamic consent over HTTP. The patient's own ({@code /api/me/consents}): read the current consents and every version,
 * give a consent digitally, change its terms or findings choices, withdraw it, export it as FHIR. A patient acts only on
 * their own pseudonym (from the token); a consent id of someone else is not found. Case handlers register paper consents
 * (the patient named by national identity number, turned into the pseudonym at once and never kept), import and search
 * FHIR R4 Consent resources at {@code /fhir/Consent}; researchers and case handlers read a project's consent summary as
 * counts. Every change and every read is audited by the {@link ConsentStore}.
 */
public final class ConsentRoutes implements RouteModule {
    private static final String TAG = "consent";

    /** Counts from 1 to this are shown to researchers as the band "1-4". */
    static final int SMALLEST_EXACT_COUNT = 5;
    private static final String FHIR_TAG = "fhir";

    private final Supplier<ConsentStore> consents;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;

    /**
     * Routes over a store that may still be opening when the server starts: a request waits for it.
     *
     * @param pseudonymizer turns the national identity number of a paper consent or a FHIR import into the pseudonym
     */
    public ConsentRoutes(Supplier<ConsentStore> consents, Pseudonymizer pseudonymizer) {
        this(consents, pseudonymizer, Clock.systemUTC());
    }

    /** @param clock the clock giving the default start of a new consent ({@code validFrom} omitted) */
    public ConsentRoutes(Supplier<ConsentStore> consents, Pseudonymizer pseudonymizer, Clock clock) {
        this.consents = requireNonNull(consents, "consents is null");
        this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public String name() {
        return "consent";
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/me/consents", RoutePolicy.roles(Role.PATIENT),
                RouteDoc.of(TAG, "The patient's own consents: the current version of each and every version recorded")
                        .withDescription("current: the latest version of each consent (status GIVEN or WITHDRAWN);"
                                + " history: every version, oldest first. Audited as consent.history.")
                        .withResponseBody(ConsentsView.class)
                        .withErrors(SecurityErrorCode.ACCESS_DENIED),
                this::list);

        routes.post("/api/me/consents", RoutePolicy.roles(Role.PATIENT),
                RouteDoc.of(TAG, "Give a consent (digitally, as the patient)")
                        .withDescription("purpose: GRU, HMB, NRES or DS:MONDO:nnnnnnn (DUO shorthand or identifier); project"
                                + " (none: any project); modifiers (DUO modifier codes); validFrom (default now), validTo"
                                + " (exclusive); incidentalFindings (default false), reclassificationNotices (default true)."
                                + " 201 with version 1. Audited as consent.give.")
                        .withRequestBody(GiveRequest.class)
                        .withResponseBody(DecisionView.class)
                        .withSuccessStatus(201)
                        .withErrors(SecurityErrorCode.ACCESS_DENIED, ConsentErrorCode.UNKNOWN_DUO_CODE,
                                ConsentErrorCode.INVALID_PURPOSE, ConsentErrorCode.INVALID_PROJECT, ConsentErrorCode.INVALID_PERIOD,
                                ConsentErrorCode.OVERLAPPING_PERIOD),
                this::give);

        routes.delete("/api/me/consents/{id}", RoutePolicy.roles(Role.PATIENT),
                RouteDoc.of(TAG, "Withdraw one of the patient's consents")
                        .withDescription("Records a new version with status WITHDRAWN (same terms); the consent counts nowhere"
                                + " from then on. Audited as consent.withdraw.")
                        .withResponseBody(DecisionView.class)
                        .withErrors(SecurityErrorCode.ACCESS_DENIED, ConsentErrorCode.CONSENT_NOT_FOUND,
                                ConsentErrorCode.ALREADY_WITHDRAWN),
                this::withdraw);

        routes.put("/api/me/consents/{id}", RoutePolicy.roles(Role.PATIENT),
                RouteDoc.of(TAG, "Change the terms of one of the patient's consents (a new version)")
                        .withDescription("The whole terms as for giving, with purpose, validFrom, incidentalFindings and"
                                + " reclassificationNotices required; project, modifiers and validTo absent mean any project,"
                                + " none and open. Records the next version (source DIGITAL); earlier versions stay."
                                + " Audited as consent.change.")
                        .withRequestBody(ChangeRequest.class)
                        .withResponseBody(DecisionView.class)
                        .withErrors(SecurityErrorCode.ACCESS_DENIED, ConsentErrorCode.CONSENT_NOT_FOUND,
                                ConsentErrorCode.ALREADY_WITHDRAWN, ConsentErrorCode.UNKNOWN_DUO_CODE, ConsentErrorCode.INVALID_PURPOSE,
                                ConsentErrorCode.INVALID_PROJECT, ConsentErrorCode.INVALID_PERIOD, ConsentErrorCode.OVERLAPPING_PERIOD),
                this::change);

        routes.put("/api/me/consents/{id}/findings", RoutePolicy.roles(Role.PATIENT),
                RouteDoc.of(TAG, "Change the patient's findings choices on one consent (a new version)")
                        .withDescription("incidentalFindings: be told of incidental and secondary findings (the ACMG"
                                + " secondary-findings genes); reclassificationNotices: be told when a variant is reclassified."
                                + " The latest recorded choice of any consent is the patient's choice. Audited as consent.change.")
                        .withRequestBody(FindingsRequest.class)
                        .withResponseBody(DecisionView.class)
                        .withErrors(SecurityErrorCode.ACCESS_DENIED, ConsentErrorCode.CONSENT_NOT_FOUND,
                                ConsentErrorCode.ALREADY_WITHDRAWN),
                this::changeFindings);

        routes.get("/api/me/consents/fhir", RoutePolicy.roles(Role.PATIENT),
                RouteDoc.of(TAG, "The patient's own consents as a FHIR R4 Bundle of Consent resources")
                        .withDescription("application/fhir+json, Bundle type collection. versions=current (default): the"
                                + " latest version of each consent; versions=all: every version. The patient is named by"
                                + " pseudonym. Mapping in docs/consent.md. Audited as consent.history.")
                        .withErrors(SecurityErrorCode.ACCESS_DENIED),
                this::ownFhir);

        routes.post("/api/consents/paper", RoutePolicy.roles(Role.CASE_HANDLER),
                RouteDoc.of(TAG, "Register a paper consent on a patient's behalf")
                        .withDescription("nationalId names the patient (validated, turned into the pseudonym, never stored or"
                                + " logged); the terms as for giving. Recorded with source PAPER and the case handler as"
                                + " recordedBy. 201 with version 1. Audited as consent.give (purpose case-handling).")
                        .withRequestBody(PaperConsentRequest.class)
                        .withResponseBody(DecisionView.class)
                        .withSuccessStatus(201)
                        .withErrors(ConsentErrorCode.UNKNOWN_DUO_CODE, ConsentErrorCode.INVALID_PURPOSE,
                                ConsentErrorCode.INVALID_PROJECT, ConsentErrorCode.INVALID_PERIOD, ConsentErrorCode.OVERLAPPING_PERIOD),
                this::registerPaper);

        routes.post("/api/consents/paper/{id}/withdrawal", RoutePolicy.roles(Role.CASE_HANDLER),
                RouteDoc.of(TAG, "Register a patient's withdrawal received on paper")
                        .withDescription("nationalId names the patient; a consent that is not theirs is not found. Audited as"
                                + " consent.withdraw (purpose case-handling).")
                        .withRequestBody(PaperWithdrawalRequest.class)
                        .withResponseBody(DecisionView.class)
                        .withErrors(ConsentErrorCode.CONSENT_NOT_FOUND, ConsentErrorCode.ALREADY_WITHDRAWN),
                this::withdrawPaper);

        routes.get("/fhir/Consent", RoutePolicy.roles(Role.CASE_HANDLER),
                RouteDoc.of(FHIR_TAG, "Search a patient's consents as FHIR R4 Consent resources")
                        .withDescription("patient: the patient's pseudonym (never a national identity number in a URL)."
                                + " application/fhir+json, Bundle type searchset with the latest version of each consent."
                                + " Audited as consent.history (purpose case-handling).")
                        .withErrors(ServerErrorCode.MISSING_FIELD, ServerErrorCode.INVALID_PARAMETER),
                this::searchFhir);

        routes.post("/fhir/Consent", RoutePolicy.roles(Role.CASE_HANDLER),
                RouteDoc.of(FHIR_TAG, "Import a FHIR R4 Consent resource as a paper consent")
                        .withDescription("Body: a Consent in application/fhir+json with status active, scope research,"
                                + " patient.identifier (pseudonym, or national identity number with system"
                                + " urn:oid:2.16.578.1.12.4.1.4.1), provision type permit with period.start and DUO codes."
                                + " id and meta are ignored (a create). Recorded as a paper consent by the case handler; 201"
                                + " with the stored Consent. Errors name the FHIR element. Audited as consent.give.")
                        .withSuccessStatus(201)
                        .withErrors(ConsentErrorCode.INVALID_FHIR_RESOURCE, ConsentErrorCode.UNKNOWN_DUO_CODE,
                                ConsentErrorCode.INVALID_PURPOSE, ConsentErrorCode.INVALID_PERIOD, ConsentErrorCode.INVALID_SOURCE,
                                ConsentErrorCode.OVERLAPPING_PERIOD),
                this::importFhir);

        routes.get("/api/projects/{project}/consent-summary", RoutePolicy.roles(Role.RESEARCHER, Role.CASE_HANDLER),
                RouteDoc.of(TAG, "The consent status of a project's cohort as counts, never identities")
                        .withDescription("Patients whose consents apply to the project (named for it, or for any project), by"
                                + " state now (given, notYetValid, expired, withdrawn; each patient once, by their best state)"
                                + " and per purpose. Counts are strings: researchers see 1 to 4 as \"1-4\", case handlers the"
                                + " exact number. Audited as consent.summary.")
                        .withResponseBody(SummaryView.class)
                        .withErrors(ConsentErrorCode.INVALID_PROJECT),
                this::summary);
    }

    // ---------------------------------------------------------------------------------------------

    private ApiResponse list(ApiRequest request) {
        Pseudonym self = self(request);
        List<ConsentDecision> history = consents.get().history(request.requestContext(), self);
        Map<Long, ConsentDecision> latest = new LinkedHashMap<>();
        for (ConsentDecision decision : history) {
            latest.merge(decision.consentId(), decision, (a, b) -> b.version() > a.version() ? b : a);
        }
        return ApiResponse.ok(new ConsentsView(self, latest.values().stream().map(DecisionView::of).toList(),
                history.stream().map(DecisionView::of).toList()));
    }

    private ApiResponse give(ApiRequest request) {
        Pseudonym self = self(request);
        GiveRequest body = request.bodyAs(GiveRequest.class);
        ConsentTerms terms = body.terms(clock.instant());
        return ApiResponse.created(DecisionView.of(consents.get().give(request.requestContext(), self, terms)));
    }

    private ApiResponse withdraw(ApiRequest request) {
        Pseudonym self = self(request);
        long id = request.pathParameter("id", Long::parseLong);
        return ApiResponse.ok(DecisionView.of(consents.get().withdraw(request.requestContext(), self, id)));
    }

    private ApiResponse change(ApiRequest request) {
        Pseudonym self = self(request);
        long id = request.pathParameter("id", Long::parseLong);
        ConsentTerms terms = request.bodyAs(ChangeRequest.class).terms();
        return ApiResponse.ok(DecisionView.of(consents.get().change(request.requestContext(), self, id, terms)));
    }

    private ApiResponse changeFindings(ApiRequest request) {
        Pseudonym self = self(request);
        long id = request.pathParameter("id", Long::parseLong);
        FindingsChoices choices = request.bodyAs(FindingsRequest.class).choices();
        return ApiResponse.ok(DecisionView.of(consents.get().changeFindings(request.requestContext(), self, id, choices)));
    }

    private ApiResponse ownFhir(ApiRequest request) {
        Pseudonym self = self(request);
        String versions = request.queryParameter("versions").orElse("current");
        if (!versions.equals("current") && !versions.equals("all")) {
            throw new PermedException(ServerErrorCode.INVALID_PARAMETER, "versions is current or all", Map.of("field", "versions"));
        }
        List<ConsentDecision> history = consents.get().history(request.requestContext(), self);
        List<ConsentDecision> chosen = versions.equals("all") ? history : latest(history);
        return fhir(200, FhirConsents.json(FhirConsents.bundle(Bundle.BundleType.COLLECTION, chosen)));
    }

    private ApiResponse registerPaper(ApiRequest request) {
        PaperConsentRequest body = request.bodyAs(PaperConsentRequest.class);
        Pseudonym patient = pseudonymOf(body.nationalId());
        ConsentTerms terms = body.terms(clock.instant());
        return ApiResponse.created(DecisionView.of(consents.get().give(request.requestContext(), patient, terms)));
    }

    private ApiResponse withdrawPaper(ApiRequest request) {
        long id = request.pathParameter("id", Long::parseLong);
        Pseudonym patient = pseudonymOf(request.bodyAs(PaperWithdrawalRequest.class).nationalId());
        return ApiResponse.ok(DecisionView.of(consents.get().withdraw(request.requestContext(), patient, id)));
    }

    private ApiResponse searchFhir(ApiRequest request) {
        String value = request.queryParameter("patient").orElseThrow(() -> new PermedException(ServerErrorCode.MISSING_FIELD,
                "patient is required: the patient's pseudonym", Map.of("field", "patient")));
        Pseudonym patient;
        try {
            patient = Pseudonym.of(value.strip());
        } catch (RuntimeException e) {
            throw new PermedException(ServerErrorCode.INVALID_PARAMETER, "patient is the patient's pseudonym (p1_…); a national"
                    + " identity number is never sent in a URL", Map.of("field", "patient"));
        }
        List<ConsentDecision> current = latest(consents.get().history(request.requestContext(), patient));
        return fhir(200, FhirConsents.json(FhirConsents.bundle(Bundle.BundleType.SEARCHSET, current)));
    }

    private ApiResponse importFhir(ApiRequest request) {
        com.fasterxml.jackson.databind.JsonNode body = request.bodyAs(com.fasterxml.jackson.databind.JsonNode.class);
        FhirConsents.Imported imported = FhirConsents.parse(body.toString(), pseudonymizer);
        if (imported.status() != ConsentStatus.GIVEN) {
            throw new PermedException(ConsentErrorCode.INVALID_FHIR_RESOURCE, "Consent.status: an imported consent is active;"
                    + " register a withdrawal at /api/consents/paper/{id}/withdrawal", Map.of("field", "Consent.status"));
        }
        if (imported.statedSource().orElse(ConsentSource.PAPER) != ConsentSource.PAPER) {
            throw new PermedException(ConsentErrorCode.INVALID_SOURCE, "Consent.extension[" + FhirConsents.SOURCE_EXTENSION
                    + "]: a consent registered by staff is a paper consent; a digital consent is given by the patient at"
                    + " /api/me/consents", Map.of("field", "Consent.extension[" + FhirConsents.SOURCE_EXTENSION + "]"));
        }
        ConsentDecision stored = consents.get().give(request.requestContext(), imported.patient(), imported.terms());
        return fhir(201, FhirConsents.json(FhirConsents.toFhir(stored)))
                .withHeader("Location", "/fhir/Consent/" + stored.consentId() + "/_history/" + stored.version());
    }

    private ApiResponse summary(ApiRequest request) {
        String project = request.pathParameter("project", ConsentTerms::requireProject);
        boolean exact = request.principal().hasRole(Role.CASE_HANDLER);
        Purpose purpose = exact ? Purpose.CASE_HANDLING : Purpose.RESEARCH;
        ConsentSummary summary = consents.get().summary(request.requestContext(), project, purpose);
        return ApiResponse.ok(SummaryView.of(summary, exact));
    }

    private Pseudonym pseudonymOf(String nationalId) {
        try {
            return pseudonymizer.pseudonymOf(NationalId.parse(nationalId));
        } catch (PermedException e) {
            throw new PermedException(e.errorCode(), "nationalId " + e.getMessage(), Map.of("field", "nationalId"), e);
        }
    }

    private static ApiResponse fhir(int status, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return ApiResponse.stream(status, FhirConsents.MEDIA_TYPE, output -> output.write(bytes));
    }

    /** The latest version of each consent, in order of consent id. */
    private static List<ConsentDecision> latest(List<ConsentDecision> history) {
        Map<Long, ConsentDecision> latest = new TreeMap<>();
        for (ConsentDecision decision : history) {
            latest.merge(decision.consentId(), decision, (a, b) -> b.version() > a.version() ? b : a);
        }
        return List.copyOf(latest.values());
    }

    private static Pseudonym self(ApiRequest request) {
        return request.principal().self().orElseThrow(() -> new PermedException(SecurityErrorCode.ACCESS_DENIED,
                "your token carries no national identity number, so your own consents cannot be found; sign in through"
                        + " the patient portal",
                Map.of()));
    }

    // ---------------------------------------------------------------------------------------------
    // wire types

    /**
     * A consent to give.
     *
     * @param purpose GRU, HMB, NRES (shorthand or DUO identifier) or DS:MONDO:nnnnnnn
     * @param validFrom the start (inclusive), default now
     * @param validTo the end (exclusive), default open
     */
    public record GiveRequest(String purpose, Optional<String> project, Optional<List<String>> modifiers, Optional<Instant> validFrom,
            Optional<Instant> validTo, Optional<Boolean> incidentalFindings, Optional<Boolean> reclassificationNotices) {
        public GiveRequest {
            project = project == null ? Optional.empty() : project;
            modifiers = modifiers == null ? Optional.empty() : modifiers;
            validFrom = validFrom == null ? Optional.empty() : validFrom;
            validTo = validTo == null ? Optional.empty() : validTo;
            incidentalFindings = incidentalFindings == null ? Optional.empty() : incidentalFindings;
            reclassificationNotices = reclassificationNotices == null ? Optional.empty() : reclassificationNotices;
        }

        ConsentTerms terms(Instant now) {
            return terms(now, ConsentSource.DIGITAL);
        }

        /** The terms, with the defaults: from now, no incidental findings, reclassification notices. */
        ConsentTerms terms(Instant now, ConsentSource source) {
            return ConsentRoutes.terms(purpose, project, modifiers, validFrom.orElse(now), validTo, source,
                    new FindingsChoices(incidentalFindings.orElse(false), reclassificationNotices.orElse(true)));
        }
    }

    /**
     * New terms for a consent: all of them, as a change replaces the terms.
     *
     * @param project absent: any project
     * @param modifiers absent: none
     * @param validTo absent: open
     */
    public record ChangeRequest(String purpose, Optional<String> project, Optional<List<String>> modifiers, Instant validFrom,
            Optional<Instant> validTo, Boolean incidentalFindings, Boolean reclassificationNotices) {
        public ChangeRequest {
            project = project == null ? Optional.empty() : project;
            modifiers = modifiers == null ? Optional.empty() : modifiers;
            validTo = validTo == null ? Optional.empty() : validTo;
        }

        ConsentTerms terms() {
            return ConsentRoutes.terms(purpose, project, modifiers, required(validFrom, "validFrom"), validTo, ConsentSource.DIGITAL,
                    new FindingsChoices(required(incidentalFindings, "incidentalFindings"),
                            required(reclassificationNotices, "reclassificationNotices")));
        }
    }

    /** The patient's findings choices: the right to know and not to know. */
    public record FindingsRequest(Boolean incidentalFindings, Boolean reclassificationNotices) {
        FindingsChoices choices() {
            return new FindingsChoices(required(incidentalFindings, "incidentalFindings"),
                    required(reclassificationNotices, "reclassificationNotices"));
        }
    }

    /**
     * A paper consent to register: the patient's national identity number and the terms as for giving.
     *
     * @param nationalId the patient's 11-digit national identity number (never stored, logged or returned)
     */
    public record PaperConsentRequest(String nationalId, String purpose, Optional<String> project, Optional<List<String>> modifiers,
            Optional<Instant> validFrom, Optional<Instant> validTo, Optional<Boolean> incidentalFindings,
            Optional<Boolean> reclassificationNotices) {
        public PaperConsentRequest {
            required(nationalId, "nationalId");
        }

        /** The terms as for giving (same defaults), recorded as a paper consent. */
        ConsentTerms terms(Instant now) {
            return new GiveRequest(purpose, project, modifiers, validFrom, validTo, incidentalFindings, reclassificationNotices)
                    .terms(now, ConsentSource.PAPER);
        }

        /** Masked: the number must never reach a log. */
        @Override
        public String toString() {
            return "PaperConsentRequest[nationalId=***, purpose=" + purpose + "]";
        }
    }

    /** A withdrawal received on paper: whose consent it is. */
    public record PaperWithdrawalRequest(String nationalId) {
        public PaperWithdrawalRequest {
            required(nationalId, "nationalId");
        }

        /** Masked: the number must never reach a log. */
        @Override
        public String toString() {
            return "PaperWithdrawalRequest[nationalId=***]";
        }
    }

    static ConsentTerms terms(String purpose, Optional<String> project, Optional<List<String>> modifiers, Instant validFrom,
            Optional<Instant> validTo, ConsentSource source, FindingsChoices findings) {
        if (purpose == null || purpose.isBlank()) {
            throw new PermedException(ServerErrorCode.MISSING_FIELD, "purpose is required (GRU, HMB, NRES or DS:MONDO:nnnnnnn)",
                    Map.of("field", "purpose"));
        }
        ConsentPurpose parsed;
        try {
            parsed = ConsentPurpose.parse(purpose.strip());
        } catch (PermedException e) {
            throw new PermedException(e.errorCode(), e.getMessage(), Map.of("field", "purpose"), e);
        }
        Set<DuoCode> codes = EnumSet.noneOf(DuoCode.class);
        for (String modifier : modifiers.orElse(List.of())) {
            try {
                codes.add(DuoCode.parse(requireNonNull(modifier, "modifier is null").strip()));
            } catch (PermedException | NullPointerException e) {
                throw new PermedException(ConsentErrorCode.UNKNOWN_DUO_CODE, "modifiers: " + e.getMessage(),
                        Map.of("field", "modifiers"), e);
            }
        }
        return new ConsentTerms(parsed, project, codes, validFrom, validTo, source, findings);
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new PermedException(ServerErrorCode.MISSING_FIELD, field + " is required", Map.of("field", field));
        }
        return value;
    }

    /**
     * A project's consent summary. Counts are strings: a number, or {@code "1-4"} for a researcher when the count is
     * from 1 to 4 (disclosure control; case handlers see exact counts).
     *
     * @param exact whether the counts are exact (case handler) or small counts are banded (researcher)
     * @param patients by state: given, notYetValid, expired, withdrawn
     * @param byPurpose per purpose (GRU, DS:MONDO:…), by state
     */
    public record SummaryView(String project, Instant at, boolean exact, Map<String, String> patients,
            Map<String, Map<String, String>> byPurpose) {
        static SummaryView of(ConsentSummary summary, boolean exact) {
            Map<String, Map<String, String>> byPurpose = new TreeMap<>();
            summary.byPurpose().forEach((purpose, counts) -> byPurpose.put(purpose, counts(counts, exact)));
            return new SummaryView(summary.project(), summary.at(), exact, counts(summary.patients(), exact), byPurpose);
        }

        private static Map<String, String> counts(Map<ConsentSummary.State, Integer> counts, boolean exact) {
            Map<String, String> shown = new LinkedHashMap<>();
            Map<ConsentSummary.State, Integer> ordered = new EnumMap<>(counts);
            ordered.forEach((state, count) -> shown.put(wireName(state), show(count, exact)));
            return shown;
        }

        static String show(int count, boolean exact) {
            return !exact && count >= 1 && count < SMALLEST_EXACT_COUNT ? "1-" + (SMALLEST_EXACT_COUNT - 1) : Integer.toString(count);
        }

        private static String wireName(ConsentSummary.State state) {
            return switch (state) {
                case GIVEN -> "given";
                case NOT_YET_VALID -> "notYetValid";
                case EXPIRED -> "expired";
                case WITHDRAWN -> "withdrawn";
            };
        }
    }

    /** One version of one consent. */
    public record DecisionView(long consentId, int version, String status, String purpose, String duo, String purposeLabel,
            Optional<String> mondo, Optional<String> project, List<String> modifiers, Instant validFrom, Optional<Instant> validTo,
            String source, boolean incidentalFindings, boolean reclassificationNotices, Instant recordedAt, String recordedBy) {
        static DecisionView of(ConsentDecision decision) {
            ConsentTerms terms = decision.terms();
            List<String> modifiers = new ArrayList<>();
            terms.modifiers().stream().sorted().forEach(m -> modifiers.add(m.name()));
            return new DecisionView(decision.consentId(), decision.version(), decision.status().name(), terms.purpose().toString(),
                    terms.purpose().code().identifier(), terms.purpose().code().label(), terms.purpose().mondo(), terms.project(),
                    modifiers, terms.validFrom(), terms.validTo(), terms.source().name(), terms.findings().incidentalFindings(),
                    terms.findings().reclassificationNotices(), decision.recordedAt(), decision.recordedBy().value());
        }
    }

    /**
     * @param current the latest version of each consent, by consent id
     * @param history every version, oldest first
     */
    public record ConsentsView(Pseudonym patient, List<DecisionView> current, List<DecisionView> history) {
    }
}
