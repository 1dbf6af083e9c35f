package no.permed.interpretation.register;

import java.time.Instant;
import java.util.List;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;

/**
 * The clinicians responsible for a patient: those with a care relationship valid now. permed-spi's
 * {@code CareRelationships} only answers whether one given clinician has a relationship, so the register asks this
 * instead; permed-app wires it to the security module, e.g.
 * {@code (patient, now) -> careRelationships.relationshipsOf(patient).stream().filter(r -> r.isActiveAt(now))
 * .map(CareRelationship::clinician).distinct().toList()}. Break-the-glass relationships may be left out there.
 */
@FunctionalInterface
public interface ClinicianDirectory {
    /** Nobody is responsible for anybody (a register without the security module). */
    ClinicianDirectory NONE = (patient, now) -> List.of();

    /** The clinicians with a care relationship to the patient valid at {@code now}, without duplicates. */
    List<UserId> responsibleClinicians(Pseudonym patient, Instant now);
}
