package no.permed.security.care;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;
import no.permed.spi.CareRelationships.Source;

/**
 * A recorded relationship between a clinician and a patient.
 *
 * @param id the relationship's id
 * @param reason the stated reason (always present for break-the-glass)
 * @param validFrom when it was recorded
 * @param validUntil when it lapses
 * @param endedAt when it was ended early, if it was
 * @param recordedBy who recorded it
 */
public record CareRelationship(
        long id,
        Pseudonym patient,
        UserId clinician,
        Source source,
        Optional<String> reason,
        Instant validFrom,
        Instant validUntil,
        Optional<Instant> endedAt,
        UserId recordedBy) {

    public CareRelationship {
        requireNonNull(patient, "patient is null");
        requireNonNull(clinician, "clinician is null");
        requireNonNull(source, "source is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(validFrom, "validFrom is null");
        requireNonNull(validUntil, "validUntil is null");
        requireNonNull(endedAt, "endedAt is null");
        requireNonNull(recordedBy, "recordedBy is null");
    }

    /** Whether it lets the clinician in at this moment: begun, not lapsed and not ended. */
    public boolean isActiveAt(Instant now) {
        return !now.isBefore(validFrom) && now.isBefore(validUntil) && endedAt.map(now::isBefore).orElse(true);
    }
}
