package no.permed.prs.calc;

/** What a missing genotype contributes to a score, as plink2 {@code --score} offers it. */
public enum MissingGenotypes {
    /**
     * The expected contribution from the effect allele frequency p in the target's called samples (plink2's default):
     * additive weight × 2p; dominant and recessive weight × p (what plink2 2.00a3 does); dosage weights the mean of the
     * called samples' weights. The variant counts 2 alleles towards the denominator.
     */
    MEAN_IMPUTATION,
    /** Nothing, and the variant does not count towards the sample's denominator (plink2 {@code no-mean-imputation}). */
    ZERO
}
