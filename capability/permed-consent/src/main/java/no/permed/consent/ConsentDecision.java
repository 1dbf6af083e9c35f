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

    /** Whether this version counts for {@code use} in {@code project} at {@code time}. */
    public boolean counts(ConsentPurpose use, java.util.Optional<String> project, Instant time) {
        return status == ConsentStatus.GIVEN && terms.purpose().covers(use)
                && (terms.project().isEmpty() || terms.project().equals(project)) && terms.validAt(time);
    }
}
