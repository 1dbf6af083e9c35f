package no.permed.security.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.spi.AuditOutcome;

/**
 * One line of a patient's access log: who touched their data, when, in which role and for which
 * organisation, what they did, why, whether it was allowed, and (for emergency access) the reason
 * they gave.
 */
public record AccessLogEntry(
        long sequence,
        Instant time,
        UserId actor,
        Set<Role> roles,
        Optional<OrganisationId> organisation,
        String action,
        Purpose purpose,
        AuditOutcome outcome,
        Optional<String> breakTheGlassReason) {

    public AccessLogEntry {
        requireNonNull(time, "time is null");
        requireNonNull(actor, "actor is null");
        roles = Set.copyOf(requireNonNull(roles, "roles is null"));
        requireNonNull(organisation, "organisation is null");
        requireNonNull(action, "action is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(breakTheGlassReason, "breakTheGlassReason is null");
    }
}
