package no.permed.columnar.segment;

/**
 * Allele counts of every site of a segment over one set of samples, indexed by site index.
 *
 * <ul>
 *   <li>AC, {@link #alleleCount}: ALT alleles in called genotypes (het 1, hom-alt 2, haploid ALT 1).
 *   <li>AN, {@link #alleleNumber}: called alleles (2 per non-missing diploid call, 1 per non-missing
 *       haploid call). A partly missing call such as {@code ./1} counts as missing (0 alleles); note
 *       that {@code bcftools +fill-tags} counts its called allele instead.
 *   <li>HOM, {@link #homozygousAlternateCount}: diploid hom-alt calls ({@code AC_Hom / 2} of bcftools).
 *   <li>HEMI, {@link #hemizygousAlternateCount}: haploid ALT calls ({@code AC_Hemi} of bcftools).
 * </ul>
 *
 * Immutable. The array accessors return copies; the per-site accessors do not allocate.
 */
public final class AlleleCounts {
    private final int sampleCount;
    private final int[] alleleCounts;
    private final int[] alleleNumbers;
    private final int[] homozygousAlternateCounts;
    private final int[] hemizygousAlternateCounts;

    AlleleCounts(int sampleCount, int[] alleleCounts, int[] alleleNumbers, int[] homozygousAlternateCounts,
            int[] hemizygousAlternateCounts) {
        this.sampleCount = sampleCount;
        this.alleleCounts = alleleCounts;
        this.alleleNumbers = alleleNumbers;
        this.homozygousAlternateCounts = homozygousAlternateCounts;
        this.hemizygousAlternateCounts = hemizygousAlternateCounts;
    }

    /** The number of sites. */
    public int siteCount() {
        return alleleCounts.length;
    }

    /** The number of samples counted (the subset after erased samples were removed). */
    public int sampleCount() {
        return sampleCount;
    }

    /** AC of a site. */
    public int alleleCount(int siteIndex) {
        return alleleCounts[siteIndex];
    }

    /** AN of a site. */
    public int alleleNumber(int siteIndex) {
        return alleleNumbers[siteIndex];
    }

    /** HOM of a site: the number of diploid hom-alt calls. */
    public int homozygousAlternateCount(int siteIndex) {
        return homozygousAlternateCounts[siteIndex];
    }

    /** The number of haploid ALT calls of a site. */
    public int hemizygousAlternateCount(int siteIndex) {
        return hemizygousAlternateCounts[siteIndex];
    }

    /** AC / AN of a site, or {@link Double#NaN} when AN is 0. */
    public double alleleFrequency(int siteIndex) {
        int alleleNumber = alleleNumbers[siteIndex];
        return alleleNumber == 0 ? Double.NaN : (double) alleleCounts[siteIndex] / alleleNumber;
    }

    /** A copy of AC of every site. */
    public int[] alleleCountArray() {
        return alleleCounts.clone();
    }

    /** A copy of AN of every site. */
    public int[] alleleNumberArray() {
        return alleleNumbers.clone();
    }

    /** A copy of HOM of every site. */
    public int[] homozygousAlternateCountArray() {
        return homozygousAlternateCounts.clone();
    }

    /** A copy of the haploid ALT count of every site. */
    public int[] hemizygousAlternateCountArray() {
        return hemizygousAlternateCounts.clone();
    }

    /** The sum of AC over all sites (a cheap checksum for tests and logs). */
    public long totalAlleleCount() {
        long total = 0;
        for (int count : alleleCounts) {
            total += count;
        }
        return total;
    }

    @Override
    public String toString() {
        return "AlleleCounts[" + alleleCounts.length + " sites over " + sampleCount + " samples]";
    }
}
