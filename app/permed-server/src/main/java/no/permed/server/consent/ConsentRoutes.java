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
import no.permed.consent.ConsentDecision;
import no.permed.consent.ConsentErrorCode;
import no.permed.consent.ConsentPurpose;
import no.permed.consent.ConsentSource;
import no.permed.consent.ConsentStore;
import no.permed.consent.ConsentTerms;
import no.permed.consent.DuoCode;
import no.permed.consent.FindingsChoices;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Role;
import no.permed.security.SecurityErrorCode;
import no.permed.server.ServerErrorCode;
import no.permed.server.route.ApiRequest;
import no.permed.server.route.ApiResponse;
import no.permed.server.route.RouteDoc;
import no.permed.server.route.RouteModule;
import no.permed.server.route.RoutePolicy;
import no.permed.server.route.Routes;

/**
 * The patient's own dynamic consent over HTTP ({@code /api/me/consents}): read the current consents and every version,
 * give a consent digitally, withdraw one. A patient acts only on their own pseudonym (from the token); a consent id of
 * someone else is not found. Every change and every read is audited by the {@link ConsentStore}.
 */
public final class ConsentRoutes implements RouteModule {
    private static final String TAG = "consent";

    private final Supplier<ConsentStore> consents;
    private final Clock clock;

    /** Routes over a store that may still be opening when the server starts: a request waits for it. */
    public ConsentRoutes(Supplier<ConsentStore> consents) {
        this(consents, Clock.systemUTC());
    }

    /** @param clock the clock giving the default start of a new consent ({@code validFrom} omitted) */
    public ConsentRoutes(Supplier<ConsentStore> consents, Clock clock) {
        this.consents = requireNonNull(consents, "consents is null");
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
            return new ConsentTerms(parsed, project, codes, validFrom.orElse(now), validTo, ConsentSource.DIGITAL,
                    new FindingsChoices(incidentalFindings.orElse(false), reclassificationNotices.orElse(true)));
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
