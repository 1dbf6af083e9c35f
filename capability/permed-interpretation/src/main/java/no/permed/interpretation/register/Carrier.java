package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import no.permed.kernel.Pseudonym;

/**
 * A patient whose stored sample carries a variant, as the genome store knows them.
 *
 * @param patient the patient's store pseudonym
 * @param sampleId the laboratory's sample ID
 * @param laboratory the organisation that submitted the sample, when known
 */
public record Carrier(Pseudonym patient, String sampleId, Optional<String> laboratory) {
    public Carrier {
        requireNonNull(patient, "patient is null");
        requireNonNull(sampleId, "sampleId is null");
        requireNonNull(laboratory, "laboratory is null");
    }
}
