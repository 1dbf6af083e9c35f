package no.permed.consent;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;

/**
 * One version of one consent of a patient (pseudonym): version 1 is the giving, later versions are changes and the
 * withdrawal. Versions are never changed or deleted.
 *
 * @param consentId  the consent, stable across its versions
 * @param version    1, 2, … per consent
 * @param recordedBy who recorded the version: the patient (digital) or a staff member (paper)
 */
public record ConsentDecision(long consentId, int version, Pseudonym patient, ConsentStatus status, ConsentTerms terms,
        Instant recordedAt, UserId recordedBy) {

    public ConsentDecision {
        requireNonNull(patient, "patient is null");
        requireNonNull(status, "status is null");
        requireNonNull(terms, "terms is null");
        requireNonNull(recordedAt, "recordedAt is null");
        requireNonNull(recordedBy, "recordedBy is null");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
    }

    /** Whether this version counts for {@code use} in {@code project} at {@code time}, as permed's own use ({@link DataUse#of}). */
    public boolean counts(ConsentPurpose use, java.util.Optional<String> project, Instant time) {
        return counts(DataUse.of(use, project), time);
    }

    /**
     * Whether this version counts for {@code use} at {@code time}: given (not withdrawn), its purpose covers the use's,
     * for the use's project or for any project, valid at that time, and no modifier refuses the use.
     */
    public boolean counts(DataUse use, Instant time) {
        return status == ConsentStatus.GIVEN && terms.purpose().covers(use.purpose())
                && (terms.project().isEmpty() || terms.project().equals(use.project())) && terms.validAt(time)
                && terms.refusal(use).isEmpty();
    }
}
