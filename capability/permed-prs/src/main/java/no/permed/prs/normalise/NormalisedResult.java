package no.permed.prs.normalise;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.prs.calc.ScoreResult;

/**
 * A score over a target normalised against a reference population.
 *
 * @param target the target scored with every matched variant: its match report is the score's (pgsc_calc's counts)
 * @param reference the reference scored with the target's matched variants
 * @param sharedVariants the variants scored in both, over which the normalised sums are taken
 * @param distribution the chosen population's reference scores; when the population was chosen by ancestry, the one
 *     most target samples were compared with
 * @param unlabelledReferenceSamples reference samples the population file does not name (left out)
 * @param samples one per target sample, in the target's column order
 * @param distributions every population some target sample was compared with, by code (one when it was named)
 * @param byAncestry whether each sample's population was chosen by ancestry (else the caller named one for all)
 * @param imputedFrom when one person was scored alone with mean imputation: the reference population whose effect
 *     allele frequencies imputed the missing calls (there is no cohort of the person's own)
 */
public record NormalisedResult(ScoreResult target, ScoreResult reference, int sharedVariants, ReferenceDistribution distribution,
        int unlabelledReferenceSamples, List<NormalisedScore> samples, Map<String, ReferenceDistribution> distributions,
        boolean byAncestry, Optional<String> imputedFrom) {
    public NormalisedResult {
        requireNonNull(target, "target is null");
        requireNonNull(reference, "reference is null");
        requireNonNull(distribution, "distribution is null");
        samples = List.copyOf(requireNonNull(samples, "samples is null"));
        requireNonNull(imputedFrom, "imputedFrom is null");
        distributions = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(requireNonNull(distributions, "distributions is null")));
    }

    /** One population, named by the caller, for every sample. */
    public NormalisedResult(ScoreResult target, ScoreResult reference, int sharedVariants, ReferenceDistribution distribution,
            int unlabelledReferenceSamples, List<NormalisedScore> samples) {
        this(target, reference, sharedVariants, distribution, unlabelledReferenceSamples, samples,
                Map.of(distribution.population(), distribution), false, Optional.empty());
    }

    /** The variants matched in the target (before the reference was consulted). */
    public int targetVariants() {
        return target.match().report().matched();
    }
}
