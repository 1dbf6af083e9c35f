package no.permed.security.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.spi.AuditOutcome;

/**
 * One entry of the audit log as stored: the audited event, its place in the chain and its hash.
 *
 * @param sequence 1 for the first entry, then consecutive
 * @param time when the entry was written (microsecond precision, UTC)
 * @param actor who acted ({@code anonymous} for an unauthenticated caller)
 * @param roles the actor's roles at the time
 * @param organisation the organisation the actor acted for, if the token named one
 * @param action the dotted action name, e.g. {@code pgx.profile.read}
 * @param subject the pseudonym of the person whose data were touched, if any
 * @param purpose why
 * @param outcome permitted, denied or failed
 * @param requestId the request that caused it
 * @param details short non-personal facts (the break-the-glass reason under {@code reason})
 * @param previousHash the hash of the entry before (64 zeros for the first entry)
 * @param hash lower-case hex SHA-256 of {@link #canonicalEncoding()}
 */
public record AuditEntry(
        long sequence,
        Instant time,
        UserId actor,
        Set<Role> roles,
        Optional<OrganisationId> organisation,
        String action,
        Optional<Pseudonym> subject,
        Purpose purpose,
        AuditOutcome outcome,
        String requestId,
        Map<String, String> details,
        String previousHash,
        String hash) {

    /** The previous hash of the first entry: 64 zeros. */
    public static final String GENESIS_HASH = ChainRecord.GENESIS_HASH;

    public AuditEntry {
        requireNonNull(time, "time is null");
        requireNonNull(actor, "actor is null");
        roles = Set.copyOf(requireNonNull(roles, "roles is null"));
        requireNonNull(organisation, "organisation is null");
        requireNonNull(action, "action is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(requestId, "requestId is null");
        details = Map.copyOf(requireNonNull(details, "details is null"));
        requireNonNull(previousHash, "previousHash is null");
        requireNonNull(hash, "hash is null");
    }

    /** The text whose SHA-256 is {@link #hash()}; documented in docs/security.md ("The audit chain"). */
    public String canonicalEncoding() {
        return chainRecord().canonicalEncoding();
    }

    /** Recomputes the hash from the fields; equal to {@link #hash()} unless the entry was changed. */
    public String computeHash() {
        return chainRecord().computeHash();
    }

    ChainRecord chainRecord() {
        return new ChainRecord(
                sequence,
                time,
                actor.value(),
                roles.stream().map(Role::name).sorted().toList(),
                organisation.map(OrganisationId::value),
                action,
                subject.map(Pseudonym::value),
                purpose.name(),
                outcome.name(),
                requestId,
                details,
                previousHash);
    }

    static List<String> roleNames(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toList();
    }
}
