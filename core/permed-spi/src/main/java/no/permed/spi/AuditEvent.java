package no.permed.spi;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;

/**
 * One audited action, before the audit log gives it a sequence number, time and hash.
 *
 * @param context who acted, and the request id
 * @param action a stable dotted name such as {@code patient.read} or {@code care-relationship.declare}
 * @param subject the pseudonym of the person whose data were touched, if any
 * @param purpose why
 * @param outcome permitted, denied or failed
 * @param details short non-personal facts (counts, ids of things, the break-the-glass reason);
 *     never national identity numbers or genotypes
 */
public record AuditEvent(
        RequestContext context,
        String action,
        Optional<Pseudonym> subject,
        Purpose purpose,
        AuditOutcome outcome,
        Map<String, String> details) {

    public AuditEvent {
        requireNonNull(context, "context is null");
        requireNonNull(action, "action is null");
        if (!action.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*")) {
            throw new IllegalArgumentException("audit action must be dotted lower-case words: " + action);
        }
        requireNonNull(subject, "subject is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(outcome, "outcome is null");
        details = Map.copyOf(new TreeMap<>(requireNonNull(details, "details is null")));
    }
}
