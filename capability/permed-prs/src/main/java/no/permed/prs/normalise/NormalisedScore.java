package no.permed.prs.normalise;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import no.permed.prs.ancestry.AncestryModel;
import no.permed.prs.calc.SampleScore;

/**
 * One target sample's score placed in a reference population.
 *
 * @param score the sample's score (over the variants scored in both target and reference)
 * @param population the reference population it is compared with
 * @param percentile 100 × (reference scores ≤ its sum) ÷ n, see {@link ReferenceDistribution#percentile(double)}
 * @param z (sum − reference mean) ÷ reference sd
 * @param band the risk band, if bands were given and the percentile falls in one
 * @param ancestry when the population was chosen by ancestry: the sample's projection (the chosen super-population,
 *     its distance to every super-population's centroid, the margin to the next)
 */
public record NormalisedScore(SampleScore score, String population, double percentile, double z, Optional<String> band,
        Optional<AncestryModel.Assignment> ancestry) {
    public NormalisedScore {
        requireNonNull(score, "score is null");
        requireNonNull(population, "population is null");
        requireNonNull(band, "band is null");
        requireNonNull(ancestry, "ancestry is null");
    }

    /** A sample compared with a population the caller named. */
    public NormalisedScore(SampleScore score, String population, double percentile, double z, Optional<String> band) {
        this(score, population, percentile, z, band, Optional.empty());
    }
}
