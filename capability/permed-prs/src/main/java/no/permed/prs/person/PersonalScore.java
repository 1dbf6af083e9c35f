package no.permed.prs.person;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import no.permed.prs.ancestry.AncestryModel;
import no.permed.prs.calc.SampleScore;
import no.permed.prs.match.MatchReport;
import no.permed.prs.normalise.ReferenceDistribution;
import no.permed.prs.score.ScoreHeader;

/**
 * One person's score placed in a reference population: everything the report and the REST answer show.
 *
 * @param scoreId the score's id ({@code #pgs_id}, else the file name)
 * @param fileName the scoring file's name
 * @param header the scoring file's header (name, trait, licence, citation)
 * @param match the person's match report (before restricting to the variants the reference shares)
 * @param score the person's score over the variants scored in both person and reference
 * @param sharedVariants variants scored in both
 * @param reference the reference panel's name
 * @param population the population compared with
 * @param choice how it was chosen
 * @param ancestry the projection, when the population was chosen by ancestry
 * @param distribution the population's reference sums
 * @param percentile 100 × (reference sums ≤ the person's sum) ÷ n
 * @param z (sum − mean) ÷ sd; NaN when every reference sum is equal
 * @param band the risk band, if any applies
 * @param imputedFrom the reference population whose effect allele frequencies imputed the person's missing calls (under
 *     mean imputation), or empty when missing calls added nothing
 */
public record PersonalScore(String scoreId, String fileName, ScoreHeader header, MatchReport match, SampleScore score, int sharedVariants,
        String reference, String population, PopulationChoice choice, Optional<AncestryModel.Assignment> ancestry,
        ReferenceDistribution distribution, double percentile, double z, Optional<String> band, Optional<String> imputedFrom) {
    public PersonalScore {
        requireNonNull(scoreId, "scoreId is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(header, "header is null");
        requireNonNull(match, "match is null");
        requireNonNull(score, "score is null");
        requireNonNull(reference, "reference is null");
        requireNonNull(population, "population is null");
        requireNonNull(choice, "choice is null");
        requireNonNull(ancestry, "ancestry is null");
        requireNonNull(distribution, "distribution is null");
        requireNonNull(band, "band is null");
        requireNonNull(imputedFrom, "imputedFrom is null");
    }

    /** A score whose missing calls were not imputed from a reference population. */
    public PersonalScore(String scoreId, String fileName, ScoreHeader header, MatchReport match, SampleScore score, int sharedVariants,
            String reference, String population, PopulationChoice choice, Optional<AncestryModel.Assignment> ancestry,
            ReferenceDistribution distribution, double percentile, double z, Optional<String> band) {
        this(scoreId, fileName, header, match, score, sharedVariants, reference, population, choice, ancestry, distribution, percentile,
                z, band, Optional.empty());
    }
}
