package no.permed.server.security;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import no.permed.kernel.NationalId;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.SecurityErrorCode;
import no.permed.security.SecurityModule;
import no.permed.security.audit.AccessLogEntry;
import no.permed.security.audit.AccessLogPage;
import no.permed.security.audit.AuditLog;
import no.permed.security.audit.AuditVerification;
import no.permed.security.care.CareRelationship;
import no.permed.server.ServerErrorCode;
import no.permed.server.route.ApiRequest;
import no.permed.server.route.ApiResponse;
import no.permed.server.route.Purposes;
import no.permed.server.route.RouteDoc;
import no.permed.server.route.RouteModule;
import no.permed.server.route.RoutePolicy;
import no.permed.server.route.Routes;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;

/**
 * The security kernel's HTTP routes: who am I, the patient's access log, resolving a national
 * identity number to its pseudonym, care relationships and break-the-glass, and the security
 * officer's audit tools. Handlers are thin: parse, one service call, render.
 */
public final class SecurityRoutes implements RouteModule {
    private static final String TAG = "security";
    private static final int DEFAULT_PAGE = 100;

    private final SecurityModule security;

    public SecurityRoutes(SecurityModule security) {
        this.security = requireNonNull(security, "security is null");
    }

    @Override
    public String name() {
        return "security";
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/me", RoutePolicy.authenticated(),
                RouteDoc.of(TAG, "Who the caller is: user, roles, organisation")
                        .withResponseBody(Me.class),
                request -> ApiResponse.ok(Me.of(request.principal())));

        routes.get("/api/me/access-log", RoutePolicy.roles(Role.PATIENT),
                RouteDoc.of(TAG, "The patient's own access log: who read or changed their data, when and why")
                        .withDescription("Newest first. Query parameters: limit (1-500, default 100), before (a sequence"
                                + " number from nextBefore of the previous page). Reading the log is itself logged.")
                        .withResponseBody(AccessLog.class)
                        .withErrors(SecurityErrorCode.ACCESS_DENIED),
                this::ownAccessLog);

        routes.post("/api/patients/resolve", RoutePolicy.roles(Role.CLINICIAN, Role.LAB),
                RouteDoc.of(TAG, "Resolve a national identity number to the patient's pseudonym")
                        .withDescription("The number is validated (both mod-11 check digits, the date, the century rule)"
                                + " and never stored or logged; the lookup is audited.")
                        .withRequestBody(ResolveRequest.class)
                        .withResponseBody(Resolved.class),
                this::resolve);

        routes.get("/api/patients/{pseudonym}/care-relationships",
                RoutePolicy.roles(Role.CLINICIAN, Role.LAB, Role.PATIENT, Role.SECURITY_OFFICER),
                RouteDoc.of(TAG, "A patient's care relationships (who treats them, since when, until when)")
                        .withDescription("Authorised per caller: the patient themself, a clinician with a care relationship"
                                + " (query purpose=break-the-glass after declaring one), a laboratory that submitted a sample,"
                                + " a security officer. Audited either way.")
                        .withResponseBody(CareRelationships.class)
                        .withErrors(SecurityErrorCode.ACCESS_DENIED),
                this::careRelationships);

        routes.post("/api/patients/{pseudonym}/break-the-glass", RoutePolicy.roles(Role.CLINICIAN),
                RouteDoc.of(TAG, "Declare emergency (break-the-glass) access to a patient, with a reason")
                        .withDescription("Grants the clinician access with purpose break-the-glass for a limited time."
                                + " The reason (10-500 characters, no personal data) is audited and shown to the patient.")
                        .withRequestBody(BreakTheGlassRequest.class)
                        .withResponseBody(CareRelationshipView.class)
                        .withSuccessStatus(201),
                this::breakTheGlass);

        routes.get("/api/audit/verify", RoutePolicy.roles(Role.SECURITY_OFFICER),
                RouteDoc.of(TAG, "Recompute the audit log's hash chain and name the first broken entry")
                        .withResponseBody(Verification.class),
                this::verify);

        routes.get("/api/audit/access-log/{pseudonym}", RoutePolicy.roles(Role.SECURITY_OFFICER),
                RouteDoc.of(TAG, "A patient's access log, for a security officer answering the patient's request")
                        .withResponseBody(AccessLog.class),
                this::accessLogForOfficer);
    }

    private ApiResponse ownAccessLog(ApiRequest request) {
        RequestContext context = request.requestContext();
        Pseudonym self = context.principal().self().orElseThrow(() -> new PermedException(
                SecurityErrorCode.ACCESS_DENIED,
                "your token carries no national identity number, so your own data cannot be found; sign in through"
                        + " the patient portal",
                Map.of()));
        security.authorizer().requirePatientAccess(context, self, Purpose.SELF_SERVICE, "access-log.read");
        return ApiResponse.ok(AccessLog.of(page(request, self)));
    }

    private ApiResponse accessLogForOfficer(ApiRequest request) {
        Pseudonym subject = request.pathParameter("pseudonym", Pseudonym::of);
        security.authorizer().requirePatientAccess(
                request.requestContext(), subject, Purpose.SECURITY_ADMINISTRATION, "audit.access-log.read");
        return ApiResponse.ok(AccessLog.of(page(request, subject)));
    }

    private AccessLogPage page(ApiRequest request, Pseudonym subject) {
        int limit = request.queryParameter("limit", Integer::parseInt).orElse(DEFAULT_PAGE);
        if (limit < 1 || limit > AuditLog.MAXIMUM_PAGE_SIZE) {
            throw new PermedException(ServerErrorCode.INVALID_PARAMETER,
                    "limit must be from 1 to " + AuditLog.MAXIMUM_PAGE_SIZE + ", was " + limit, Map.of("field", "limit"));
        }
        Optional<Long> before = request.queryParameter("before", Long::parseLong);
        return security.auditLog().accessLogFor(
                subject, limit, before.map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    private ApiResponse resolve(ApiRequest request) {
        ResolveRequest body = request.bodyAs(ResolveRequest.class);
        RequestContext context = request.requestContext();
        Purpose purpose = context.principal().hasRole(Role.CLINICIAN) ? Purpose.TREATMENT : Purpose.LABORATORY;
        NationalId nationalId = NationalId.parse(body.nationalId());
        Pseudonym pseudonym = security.pseudonymizer().pseudonymOf(nationalId);
        security.auditLog().append(new AuditEvent(
                context, "patient.resolve", Optional.of(pseudonym), purpose, AuditOutcome.PERMITTED, Map.of()));
        return ApiResponse.ok(new Resolved(pseudonym));
    }

    private ApiResponse careRelationships(ApiRequest request) {
        Pseudonym subject = request.pathParameter("pseudonym", Pseudonym::of);
        RequestContext context = request.requestContext();
        Purpose purpose = Purposes.of(request);
        security.authorizer().requirePatientAccess(context, subject, purpose, "care-relationship.read");
        List<CareRelationshipView> views = security.careRelationships().relationshipsOf(subject).stream()
                .map(CareRelationshipView::of)
                .toList();
        return ApiResponse.ok(new CareRelationships(subject, views));
    }

    private ApiResponse breakTheGlass(ApiRequest request) {
        Pseudonym subject = request.pathParameter("pseudonym", Pseudonym::of);
        BreakTheGlassRequest body = request.bodyAs(BreakTheGlassRequest.class);
        long id = security.careRelationships().declareBreakTheGlass(request.requestContext(), subject, body.reason());
        CareRelationship relationship = security.careRelationships().find(id)
                .orElseThrow(() -> new IllegalStateException("care relationship " + id + " vanished after it was recorded"));
        return ApiResponse.created(CareRelationshipView.of(relationship));
    }

    private ApiResponse verify(ApiRequest request) {
        security.authorizer().requireAdministrativeAccess(
                request.requestContext(), Purpose.SECURITY_ADMINISTRATION, "audit.verify");
        return ApiResponse.ok(Verification.of(security.auditLog().verify()));
    }


    /** The caller as the token says. */
    public record Me(UserId user, Set<Role> roles, Optional<OrganisationId> organisation, Optional<Pseudonym> self) {
        static Me of(Principal principal) {
            return new Me(principal.user(), principal.roles(), principal.organisation(), principal.self());
        }
    }

    /** A national identity number to resolve (11 digits). */
    public record ResolveRequest(String nationalId) {
        public ResolveRequest {
            if (nationalId == null) {
                throw new PermedException(ServerErrorCode.MISSING_FIELD, "nationalId is required", Map.of("field", "nationalId"));
            }
        }

        /** Masked: the number must never reach a log. */
        @Override
        public String toString() {
            return "ResolveRequest[nationalId=***]";
        }
    }

    /** The patient's pseudonym. */
    public record Resolved(Pseudonym pseudonym) {}

    /** Why emergency access is needed. */
    public record BreakTheGlassRequest(String reason) {
        public BreakTheGlassRequest {
            if (reason == null) {
                throw new PermedException(ServerErrorCode.MISSING_FIELD, "reason is required", Map.of("field", "reason"));
            }
        }
    }

    /** One care relationship. */
    public record CareRelationshipView(
            long id,
            UserId clinician,
            String source,
            Optional<String> reason,
            Instant validFrom,
            Instant validUntil,
            Optional<Instant> endedAt) {
        static CareRelationshipView of(CareRelationship relationship) {
            return new CareRelationshipView(
                    relationship.id(),
                    relationship.clinician(),
                    relationship.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    relationship.reason(),
                    relationship.validFrom(),
                    relationship.validUntil(),
                    relationship.endedAt());
        }
    }

    /** A patient's care relationships. */
    public record CareRelationships(Pseudonym patient, List<CareRelationshipView> relationships) {}

    /** One page of an access log, newest first. */
    public record AccessLog(List<AccessLogEntry> entries, Optional<Long> nextBefore) {
        static AccessLog of(AccessLogPage page) {
            return new AccessLog(page.entries(),
                    page.nextBefore().isPresent() ? Optional.of(page.nextBefore().getAsLong()) : Optional.empty());
        }
    }

    /** The result of recomputing the audit chain. */
    public record Verification(
            boolean intact, long entriesChecked, Optional<Long> firstBrokenSequence, Optional<String> problem, String message) {
        static Verification of(AuditVerification verification) {
            return new Verification(
                    verification.ok(),
                    verification.entriesChecked(),
                    verification.firstBrokenSequence().isPresent()
                            ? Optional.of(verification.firstBrokenSequence().getAsLong())
                            : Optional.empty(),
                    verification.problem().map(problem -> problem.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')),
                    verification.message());
        }
    }
}
