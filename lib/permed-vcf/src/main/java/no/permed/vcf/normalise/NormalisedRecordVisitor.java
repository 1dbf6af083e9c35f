package no.permed.vcf.normalise;

import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.VcfRecord;

/** Receives the normalised parts of one record from {@link VariantNormaliser#split}. */
public interface NormalisedRecordVisitor {
    /**
     * One biallelic variant.
     *
     * @param key the normalised variant
     * @param genotypes the calls seen from this ALT (0 = REF or another ALT, 1 = this ALT); a reused buffer,
     *     valid until the visitor returns
     * @param source the record it came from (for its line number and other columns)
     */
    void variant(VariantKey key, Genotypes genotypes, VcfRecord source);

    /** A range of reference calls (gVCF block or record without ALT); ignored unless overridden. */
    default void referenceBlock(ReferenceBlock block, Genotypes genotypes, VcfRecord source) {
        // reference blocks matter only to callers that count allele numbers
    }
}
