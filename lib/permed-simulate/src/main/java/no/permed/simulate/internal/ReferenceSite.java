package no.permed.simulate.internal;

/**
 * One biallelic site of the reference panel, held in memory.
 *
 * @param contig the index of its contig in {@link ReferencePanel#contigs()}
 * @param position POS, 1-based
 * @param referenceLength the length of REF, to keep repeated copies of a region apart
 * @param columnsAfterPosition the record text from the tab after POS to the end of FORMAT
 *     ({@code \t.\tREF\tALT\t.\tPASS\t.\tGT})
 * @param alleles by reference haplotype ({@code 2 * sample + haplotype}): 0, 1, or the reader's MISSING or ABSENT
 * @param ploidies by reference sample, or null when every sample has a diploid call here
 */
record ReferenceSite(int contig, int position, int referenceLength, byte[] columnsAfterPosition, byte[] alleles, byte[] ploidies) {
}
