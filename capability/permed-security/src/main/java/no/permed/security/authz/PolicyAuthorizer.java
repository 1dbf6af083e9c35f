package no.permed.security.authz;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.security.SecurityErrorCode;
import no.permed.security.audit.AuditLog;
import no.permed.security.care.CareRelationship;
import no.permed.security.care.CareRelationshipStore;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.spi.Authorizer;
import no.permed.spi.CareRelationships.Source;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;

/**
 * The one place that decides who may touch a person's data. Deny by default: access is permitted
 * only by one of these rules, and every decision, either way, is written to the audit log with the
 * subject's pseudonym and the purpose.
 *
 * <table>
 *   <caption>The rules</caption>
 *   <tr><th>purpose</th><th>permitted when</th></tr>
 *   <tr><td>SELF_SERVICE</td><td>a patient, for their own pseudonym</td></tr>
 *   <tr><td>TREATMENT</td><td>a clinician with an active care relationship (EHR or lab submission)</td></tr>
 *   <tr><td>BREAK_THE_GLASS</td><td>a clinician with an active break-the-glass declaration (its reason is audited)</td></tr>
 *   <tr><td>LABORATORY</td><td>a laboratory user whose organisation has an active laboratory link</td></tr>
 *   <tr><td>SECURITY_ADMINISTRATION</td><td>a security officer, for {@code audit.*} actions only</td></tr>
 *   <tr><td>RESEARCH, CASE_HANDLING</td><td>never yet: researcher and case-handler permits arrive with a later release</td></tr>
 *   <tr><td>QUALITY_ASSURANCE</td><td>never yet</td></tr>
 * </table>
 */
public final class PolicyAuthorizer implements Authorizer {
    /** Actions a security officer may carry out start with this. */
    public static final String AUDIT_ACTION_PREFIX = "audit.";
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

    private final AuditLog auditLog;
    private final CareRelationshipStore relationships;
    private final Clock clock;

    public PolicyAuthorizer(AuditLog auditLog, CareRelationshipStore relationships, Clock clock) {
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.relationships = requireNonNull(relationships, "relationships is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @return the sequence number of the PERMITTED audit entry
     * @throws PermedException ACCESS_DENIED (FORBIDDEN) or, for an anonymous caller,
     *     AUTHENTICATION_REQUIRED (UNAUTHENTICATED), after the denial is audited
     */
    @Override
    public long requirePatientAccess(RequestContext context, Pseudonym subject, Purpose purpose, String action) {
        requireNonNull(subject, "subject is null");
        return decideAndAudit(context, Optional.of(subject), purpose, action);
    }

    /**
     * Checks and audits an action that touches no single person's data, such as verifying the audit
     * chain ({@code audit.verify}): only a security officer with purpose SECURITY_ADMINISTRATION, for
     * {@code audit.*} actions.
     *
     * @return the sequence number of the PERMITTED audit entry
     */
    public long requireAdministrativeAccess(RequestContext context, Purpose purpose, String action) {
        return decideAndAudit(context, Optional.empty(), purpose, action);
    }

    private long decideAndAudit(RequestContext context, Optional<Pseudonym> subject, Purpose purpose, String action) {
        requireNonNull(context, "context is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(action, "action is null");
        if (!ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("an action is dotted lower-case words such as pgx.profile.read");
        }
        Principal principal = context.principal();
        Decision decision;
        if (principal.authenticated()) {
            decision = decide(principal, subject, purpose, action, clock.instant());
        } else {
            decision = Decision.deny("not authenticated: sign in first");
        }
        Map<String, String> details = new LinkedHashMap<>(decision.details());
        if (decision.permitted()) {
            details.put("rule", decision.explanation());
        } else {
            details.put("denial", decision.explanation());
        }
        AuditOutcome outcome = decision.permitted() ? AuditOutcome.PERMITTED : AuditOutcome.DENIED;
        long sequence = auditLog.append(new AuditEvent(context, action, subject, purpose, outcome, details));
        if (decision.permitted()) {
            return sequence;
        }
        if (!principal.authenticated()) {
            throw new PermedException(
                    SecurityErrorCode.AUTHENTICATION_REQUIRED,
                    "this needs a signed-in user: send a bearer token (Authorization: Bearer <token>)",
                    Map.of("auditSequence", sequence));
        }
        throw new PermedException(
                SecurityErrorCode.ACCESS_DENIED,
                "access denied: " + decision.explanation() + " (audit entry " + sequence + ")",
                Map.of("auditSequence", sequence, "purpose", purpose.wireName()));
    }

    private Decision decide(Principal principal, Optional<Pseudonym> subject, Purpose purpose, String action, Instant now) {
        return switch (purpose) {
            case SELF_SERVICE -> selfService(principal, subject);
            case TREATMENT -> treatment(principal, subject, now);
            case BREAK_THE_GLASS -> breakTheGlass(principal, subject, now);
            case LABORATORY -> laboratory(principal, subject, now);
            case SECURITY_ADMINISTRATION -> securityAdministration(principal, action);
            case RESEARCH -> Decision.deny("research access to personal data needs a data-access permit; permits for"
                    + " researchers arrive with a later release, so it is refused for now");
            case CASE_HANDLING -> Decision.deny("case handlers' access to personal data comes with application and permit"
                    + " handling in a later release, so it is refused for now");
            case QUALITY_ASSURANCE -> Decision.deny("quality-assurance access to personal data has no rule yet, so it is refused");
        };
    }

    private static Decision selfService(Principal principal, Optional<Pseudonym> subject) {
        if (!principal.hasRole(Role.PATIENT)) {
            return missingRole(principal, Purpose.SELF_SERVICE, Role.PATIENT);
        }
        if (subject.isEmpty()) {
            return Decision.deny("self-service needs the patient whose data are read");
        }
        if (principal.self().isEmpty() || !principal.self().equals(subject)) {
            return Decision.deny("a patient may read and change only their own data");
        }
        return Decision.permit("self", Map.of());
    }

    private Decision treatment(Principal principal, Optional<Pseudonym> subject, Instant now) {
        if (!principal.hasRole(Role.CLINICIAN)) {
            return missingRole(principal, Purpose.TREATMENT, Role.CLINICIAN);
        }
        if (subject.isEmpty()) {
            return Decision.deny("treatment access needs the patient whose data are read");
        }
        Optional<CareRelationship> relationship = relationships.activeRelationship(
                subject.get(), principal.user(), EnumSet.of(Source.EHR, Source.LAB_SUBMISSION), now);
        if (relationship.isEmpty()) {
            return Decision.deny("you have no active care relationship with this patient; it is recorded by the EHR"
                    + " integration or a laboratory submission, or in an emergency declare break-the-glass access with a"
                    + " reason and use purpose break-the-glass");
        }
        return Decision.permit("care-relationship",
                Map.of("careRelationshipId", Long.toString(relationship.get().id()), "source", relationship.get().source().name()));
    }

    private Decision breakTheGlass(Principal principal, Optional<Pseudonym> subject, Instant now) {
        if (!principal.hasRole(Role.CLINICIAN)) {
            return missingRole(principal, Purpose.BREAK_THE_GLASS, Role.CLINICIAN);
        }
        if (subject.isEmpty()) {
            return Decision.deny("break-the-glass access needs the patient whose data are read");
        }
        Optional<CareRelationship> relationship = relationships.activeRelationship(
                subject.get(), principal.user(), EnumSet.of(Source.BREAK_THE_GLASS), now);
        if (relationship.isEmpty()) {
            return Decision.deny("you have no active break-the-glass declaration for this patient; declare one with a"
                    + " reason first (it is shown to the patient)");
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("careRelationshipId", Long.toString(relationship.get().id()));
        relationship.get().reason().ifPresent(reason -> details.put(AuditLog.REASON_DETAIL, reason));
        return Decision.permit("break-the-glass", details);
    }

    private Decision laboratory(Principal principal, Optional<Pseudonym> subject, Instant now) {
        if (!principal.hasRole(Role.LAB)) {
            return missingRole(principal, Purpose.LABORATORY, Role.LAB);
        }
        if (subject.isEmpty()) {
            return Decision.deny("laboratory access needs the patient whose data are read");
        }
        if (principal.organisation().isEmpty()) {
            return Decision.deny("your token names no organisation, so no laboratory link can apply; ask the identity"
                    + " provider to include the organisation claim");
        }
        OrganisationId laboratory = principal.organisation().get();
        if (!relationships.isLaboratoryLinked(subject.get(), laboratory, now)) {
            return Decision.deny("your laboratory has not submitted a sample of this patient, so it may not read the"
                    + " patient's results");
        }
        return Decision.permit("laboratory-link", Map.of("laboratory", laboratory.value()));
    }

    private static Decision securityAdministration(Principal principal, String action) {
        if (!principal.hasRole(Role.SECURITY_OFFICER)) {
            return missingRole(principal, Purpose.SECURITY_ADMINISTRATION, Role.SECURITY_OFFICER);
        }
        if (!action.startsWith(AUDIT_ACTION_PREFIX)) {
            return Decision.deny("a security officer may carry out audit actions (audit.*) only, not this action");
        }
        return Decision.permit("security-administration", Map.of());
    }

    private static Decision missingRole(Principal principal, Purpose purpose, Role needed) {
        String explanation = "purpose " + purpose.wireName() + " needs the " + needed.wireName() + " role";
        if (principal.hasRole(Role.RESEARCHER) || principal.hasRole(Role.CASE_HANDLER)) {
            explanation = explanation + "; researchers and case handlers get access through permits, which arrive with"
                    + " a later release";
        }
        return Decision.deny(explanation);
    }

    /** One decision: permitted or not, why, and facts for the audit entry. */
    private record Decision(boolean permitted, String explanation, Map<String, String> details) {
        Decision {
            details = Map.copyOf(details);
        }

        static Decision permit(String rule, Map<String, String> details) {
            return new Decision(true, rule, details);
        }

        static Decision deny(String explanation) {
            return new Decision(false, explanation, Map.of());
        }
    }
}
