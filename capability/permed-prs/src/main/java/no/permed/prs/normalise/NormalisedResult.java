package no.permed.prs.normalise;

import static java.util.Objects.requireNonNull;

import java.util.List;
import no.permed.prs.calc.ScoreResult;

/**
 * A score over a target normalised against a reference population.
 *
 * @param target the target scored with every matched variant: its match report is the score's (pgsc_calc's counts)
 * @param reference the reference scored with the target's matched variants
 * @param sharedVariants the variants scored in both, over which the normalised sums are taken
 * @param distribution the chosen population's reference scores
 * @param unlabelledReferenceSamples reference samples the population file does not name (left out)
 * @param samples one per target sample, in the target's column order
 */
public record NormalisedResult(ScoreResult target, ScoreResult reference, int sharedVariants, ReferenceDistribution distribution,
        int unlabelledReferenceSamples, List<NormalisedScore> samples) {
    public NormalisedResult {
        requireNonNull(target, "target is null");
        requireNonNull(reference, "reference is null");
        requireNonNull(distribution, "distribution is null");
        samples = List.copyOf(requireNonNull(samples, "samples is null"));
    }

    /** The variants matched in the target (before the reference was consulted). */
    public int targetVariants() {
        return target.match().report().matched();
    }
}
