package no.permed.frequency;

/**
 * Allele counts of one variant over one group of samples.
 *
 * @param alleleCount AC: ALT alleles in called genotypes
 * @param alleleNumber AN: called alleles
 * @param homozygotes diploid homozygous-ALT calls
 * @param hemizygotes haploid ALT calls
 */
public record Counts(int alleleCount, int alleleNumber, int homozygotes, int hemizygotes) {
    public static final Counts NONE = new Counts(0, 0, 0, 0);

    public Counts {
        if (alleleCount < 0 || alleleNumber < 0 || homozygotes < 0 || hemizygotes < 0 || alleleCount > alleleNumber) {
            throw new IllegalArgumentException("impossible counts AC=" + alleleCount + " AN=" + alleleNumber + " HOM="
                    + homozygotes + " HEMI=" + hemizygotes);
        }
    }

    /** AF = AC / AN, or 0 when no allele was called. */
    public double alleleFrequency() {
        return alleleNumber == 0 ? 0 : (double) alleleCount / alleleNumber;
    }
}
