package no.permed.pgx.profile;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;

/**
 * A re-interpretation of a stored profile with newer knowledge that changed at least one recommendation; listed
 * for the patient's clinicians until each has acknowledged it.
 *
 * @param id the re-interpretation's id
 * @param profileVersion the version of the patient's profile that was re-interpreted
 * @param oldDataVersion the knowledge version of the interpretation it was compared with
 * @param newDataVersion the knowledge version used now
 * @param changes the recommendations that changed (never empty)
 * @param acknowledgedBy the clinicians who have acknowledged it
 */
public record Reinterpretation(
        long id,
        Pseudonym patient,
        int profileVersion,
        String oldDataVersion,
        String newDataVersion,
        List<RecommendationChange> changes,
        Instant createdAt,
        Set<UserId> acknowledgedBy) {
    public Reinterpretation {
        requireNonNull(patient, "patient is null");
        requireNonNull(oldDataVersion, "oldDataVersion is null");
        requireNonNull(newDataVersion, "newDataVersion is null");
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
        requireNonNull(createdAt, "createdAt is null");
        acknowledgedBy = Set.copyOf(requireNonNull(acknowledgedBy, "acknowledgedBy is null"));
    }

    /** Whether the clinician has acknowledged it. */
    public boolean acknowledgedBy(UserId clinician) {
        return acknowledgedBy.contains(clinician);
    }
}
