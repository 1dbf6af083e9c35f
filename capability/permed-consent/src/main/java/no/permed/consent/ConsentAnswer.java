package no.permed.consent;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/**
 * The enforcement point's full answer for one patient and one {@link DataUse}: whether the data may count, on which
 * consent, and the obligations that consent puts on the user (PUB: publish the results; COL: collaborate with the
 * primary investigators). Obligations never refuse a use; the permit process passes them on to the project.
 *
 * @param consent the consent the answer rests on (the allowing consent with the fewest obligations, then the lowest id)
 */
public record ConsentAnswer(boolean allowed, Optional<Long> consent, Set<DuoCode> obligations) {
    /** The answer when no consent allows the use. */
    public static final ConsentAnswer REFUSED = new ConsentAnswer(false, Optional.empty(), Set.of());

    public ConsentAnswer {
        requireNonNull(consent, "consent is null");
        obligations = Set.copyOf(requireNonNull(obligations, "obligations is null"));
        if (allowed != consent.isPresent()) {
            throw new IllegalArgumentException("an allowed answer names its consent, a refusal none");
        }
    }
}
