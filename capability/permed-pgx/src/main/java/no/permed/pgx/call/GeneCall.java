package no.permed.pgx.call;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The call of one gene for one sample.
 *
 * <p>Most genes are called by diplotype matching: {@code diplotypes} holds the best-scoring diplotypes and
 * {@code lookupDiplotypes} equals it. DPYD is called allele by allele as PharmCAT 3 does ("lowest function"):
 * <ul>
 *   <li>effectively phased (phased, or at most one heterozygous site): one diplotype whose haplotypes are the
 *       alleles found on each chromosome ({@code Reference/[c.61C>T + c.2846A>T]}); {@code lookupDiplotypes} holds
 *       the lowest-function allele of each chromosome ({@code Reference/c.61C>T});</li>
 *   <li>otherwise PharmCAT reports no diplotype but the list of alleles found: {@code haplotypes} holds that list
 *       (PharmCAT's "Source Diplotype", one entry per copy), and {@code diplotypes} and {@code lookupDiplotypes}
 *       hold the diplotype of the two lowest-function alleles, which is what the recommendations are looked up
 *       with.</li>
 * </ul>
 *
 * @param gene the gene symbol, e.g. {@code CYP2C19}
 * @param diplotypes the best-scoring diplotypes in PharmCAT notation ({@code *1/*2}, lower allele first), sorted;
 *     more than one when they tie; a single allele name for a hemizygous (haploid) call; empty when no call is possible
 * @param missingPositions the defining positions the sample has no genotype for, as {@code chr10:94761900 (rs12248560)}
 * @param warnings what the caller could not decide or check (alleles not ruled out, mismatched REF, unknown alleles…)
 * @param phased whether every heterozygous call at the gene's positions was phased (or there was at most one); false
 *     when the phased calls lie in more than one FORMAT/PS phase set, which the caller then treats as unphased
 * @param matchScore the score of the best diplotype as PharmCAT counts it (the "Match Score" column of its TSV: for
 *     each of the two haplotypes, the number of positions its definition gives an allele for and the sample has a
 *     genotype at); 0 for a no-call
 * @param lookupDiplotypes the diplotypes to look phenotypes and recommendations up with; equal to {@code diplotypes}
 *     except for DPYD (see above)
 * @param haplotypes for a DPYD call without phase, the alleles found (one entry per copy, {@code Reference} when a
 *     chromosome may carry none); empty otherwise
 * @param variantsOfInterest genotypes at the gene's extra positions, which are reported but not used for calling
 *     (CYP2C9 rs12777823, read by the warfarin guideline), as {@code chr10:94645745 (rs12777823) G/A}; a missing
 *     extra position is left out
 */
public record GeneCall(
        String gene,
        List<String> diplotypes,
        List<String> missingPositions,
        List<String> warnings,
        boolean phased,
        int matchScore,
        List<String> lookupDiplotypes,
        List<String> haplotypes,
        List<String> variantsOfInterest) {
    public GeneCall {
        requireNonNull(gene, "gene is null");
        diplotypes = List.copyOf(requireNonNull(diplotypes, "diplotypes is null"));
        missingPositions = List.copyOf(requireNonNull(missingPositions, "missingPositions is null"));
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
        lookupDiplotypes = List.copyOf(requireNonNull(lookupDiplotypes, "lookupDiplotypes is null"));
        haplotypes = List.copyOf(requireNonNull(haplotypes, "haplotypes is null"));
        variantsOfInterest = List.copyOf(requireNonNull(variantsOfInterest, "variantsOfInterest is null"));
        if (matchScore < 0) {
            throw new IllegalArgumentException("matchScore is negative: " + matchScore);
        }
    }

    /** A diplotype-matched call: the lookup diplotypes are the diplotypes; no haplotype list, no extra positions. */
    public GeneCall(String gene, List<String> diplotypes, List<String> missingPositions, List<String> warnings, boolean phased,
            int matchScore) {
        this(gene, diplotypes, missingPositions, warnings, phased, matchScore, diplotypes, List.of(), List.of());
    }

    /** A call without a match score (0). */
    public GeneCall(String gene, List<String> diplotypes, List<String> missingPositions, List<String> warnings, boolean phased) {
        this(gene, diplotypes, missingPositions, warnings, phased, 0);
    }

    /** True when no diplotype could be called. */
    public boolean isNoCall() {
        return diplotypes.isEmpty();
    }

    /** True when the gene was called allele by allele without phase and {@link #haplotypes} lists what was found. */
    public boolean isHaplotypeList() {
        return !haplotypes.isEmpty();
    }
}
