package no.permed.pgx.interpret;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Everything reported for one gene of one sample.
 *
 * @param gene the gene symbol
 * @param sourceDiplotypes the diplotypes as called (all tied candidates) or as given in the outside call; empty for a no-call
 * @param recommendationDiplotypes the diplotypes used to look up recommendations (for DPYD the two lowest-function
 *     alleles; otherwise equal to {@code sourceDiplotypes})
 * @param outsideCall whether the gene's call came from an outside-call file rather than from the VCF
 * @param matchScore the caller's match score (0 for outside calls and no-calls)
 * @param missingPositions the defining positions without a genotype in the input
 * @param warnings warnings about this gene, in English (missing positions, ties, unknown alleles, mismatched REF…)
 * @param phased whether the call was made from phased genotypes
 */
public record GeneResult(
        String gene,
        List<Diplotype> sourceDiplotypes,
        List<Diplotype> recommendationDiplotypes,
        boolean outsideCall,
        int matchScore,
        List<String> missingPositions,
        List<String> warnings,
        boolean phased) {
    public GeneResult {
        requireNonNull(gene, "gene is null");
        sourceDiplotypes = List.copyOf(sourceDiplotypes);
        recommendationDiplotypes = List.copyOf(recommendationDiplotypes);
        missingPositions = List.copyOf(missingPositions);
        warnings = List.copyOf(warnings);
    }

    /** True when the gene could not be called. */
    public boolean isNoCall() {
        return sourceDiplotypes.isEmpty();
    }
}
