package no.permed.pgx.call;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The call of one gene for one sample.
 *
 * @param gene the gene symbol, e.g. {@code CYP2C19}
 * @param diplotypes the best-scoring diplotypes in PharmCAT notation ({@code *1/*2}, lower allele first), sorted;
 *     more than one when they tie; a single allele name for a hemizygous (haploid) call; empty when no call is possible
 * @param missingPositions the defining positions the sample has no genotype for, as {@code chr10:94761900 (rs12248560)}
 * @param warnings what the caller could not decide or check (alleles not ruled out, mismatched REF, unknown alleles…)
 * @param phased whether every heterozygous call at the gene's positions was phased (or there was at most one)
 */
public record GeneCall(String gene, List<String> diplotypes, List<String> missingPositions, List<String> warnings, boolean phased) {
    public GeneCall {
        requireNonNull(gene, "gene is null");
        diplotypes = List.copyOf(requireNonNull(diplotypes, "diplotypes is null"));
        missingPositions = List.copyOf(requireNonNull(missingPositions, "missingPositions is null"));
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
    }

    /** True when no diplotype could be called. */
    public boolean isNoCall() {
        return diplotypes.isEmpty();
    }
}
