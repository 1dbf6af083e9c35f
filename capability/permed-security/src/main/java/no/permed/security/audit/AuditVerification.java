package no.permed.security.audit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of checking the audit chain.
 *
 * @param ok true when every entry is intact and linked to the one before
 * @param entriesChecked how many entries were found intact (before the first broken one, if any)
 * @param firstBrokenSequence the sequence number of the first broken entry (for a gap: the first
 *     missing sequence number)
 * @param problem what is wrong with that entry
 * @param message a sentence for the operator saying what was found
 * @param lastIntact the last intact entry, to be published as an anchor for later checks
 */
public record AuditVerification(
        boolean ok,
        long entriesChecked,
        OptionalLong firstBrokenSequence,
        Optional<Problem> problem,
        String message,
        Optional<AuditHead> lastIntact) {

    /** What can be wrong with the chain. */
    public enum Problem {
        /** The entry's content does not match its hash: it was changed after it was written. */
        HASH_MISMATCH,
        /** The entry's previous hash is not the hash of the entry before: that entry, or this link, was changed. */
        PREVIOUS_HASH_MISMATCH,
        /** A sequence number is missing: an entry was removed. */
        GAP,
        /** The entry named by the anchor has a different hash from the anchor's. */
        ANCHOR_MISMATCH,
        /** The log ends before the entry named by the anchor: entries were removed from its end. */
        TRUNCATED
    }

    public AuditVerification {
        requireNonNull(firstBrokenSequence, "firstBrokenSequence is null");
        requireNonNull(problem, "problem is null");
        requireNonNull(message, "message is null");
        requireNonNull(lastIntact, "lastIntact is null");
        if (ok != problem.isEmpty() || ok != firstBrokenSequence.isEmpty()) {
            throw new IllegalArgumentException("a verification is ok exactly when it names no problem and no broken entry");
        }
    }
}
