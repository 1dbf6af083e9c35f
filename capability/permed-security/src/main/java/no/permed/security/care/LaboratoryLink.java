package no.permed.security.care;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;

/** A recorded link between a laboratory organisation and a patient whose sample it submitted. */
public record LaboratoryLink(
        long id, Pseudonym patient, OrganisationId laboratory, Instant validFrom, Instant validUntil, UserId recordedBy) {

    public LaboratoryLink {
        requireNonNull(patient, "patient is null");
        requireNonNull(laboratory, "laboratory is null");
        requireNonNull(validFrom, "validFrom is null");
        requireNonNull(validUntil, "validUntil is null");
        requireNonNull(recordedBy, "recordedBy is null");
    }

    public boolean isActiveAt(Instant now) {
        return !now.isBefore(validFrom) && now.isBefore(validUntil);
    }
}
