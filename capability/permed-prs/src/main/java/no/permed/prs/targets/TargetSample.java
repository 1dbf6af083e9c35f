package no.permed.prs.targets;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import no.permed.kernel.Pseudonym;

/**
 * A stored sample that may be scored: enough to decide whether it may be counted (its patient's consent) and to name
 * it in a table, never a name or identity number of a person.
 *
 * @param id the store's row id of the sample
 * @param name the sample's ID as stored (as it appears in a cohort run's table)
 * @param patient the patient the sample belongs to, if any (research cohort samples often have none)
 * @param cohort the research cohort, if the sample belongs to one
 */
public record TargetSample(long id, String name, Optional<Pseudonym> patient, Optional<String> cohort) {
    public TargetSample {
        requireNonNull(name, "name is null");
        requireNonNull(patient, "patient is null");
        requireNonNull(cohort, "cohort is null");
    }
}
