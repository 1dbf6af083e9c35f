package no.permed.prs.calc;

import static java.util.Objects.requireNonNull;

/**
 * One sample's score.
 *
 * @param sample the sample as named in the input
 * @param alleleCount the denominator of the average, plink2's {@code DENOM}: 2 per scored variant, less 2 per missing
 *     call under {@link MissingGenotypes#ZERO}
 * @param calledAlleleCount the alleles actually called, plink2's {@code ALLELE_CT}
 * @param sum the sum of the variants' contributions ({@code SCORE_SUM})
 */
public record SampleScore(String sample, int alleleCount, int calledAlleleCount, double sum) {
    public SampleScore {
        requireNonNull(sample, "sample is null");
        if (alleleCount < 0 || calledAlleleCount < 0) {
            throw new IllegalArgumentException("allele counts must not be negative");
        }
    }

    /** sum ÷ allele count ({@code SCORE_AVG}); NaN when nothing was scored. */
    public double average() {
        return alleleCount == 0 ? Double.NaN : sum / alleleCount;
    }
}
