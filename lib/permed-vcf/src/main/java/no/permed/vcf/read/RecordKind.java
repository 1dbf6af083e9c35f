package no.permed.vcf.read;

/** What a record says about its samples. */
public enum RecordKind {
    /** A site with at least one ALT allele; genotypes index into REF (0) and the ALTs (1…). */
    VARIANT,
    /**
     * A reference call over {@code position..end}: a gVCF reference block (ALT only {@code <NON_REF>} or
     * {@code <*>}, usually with {@code END=}) or a record with ALT {@code .}. It has no ALT alleles; its
     * genotypes say which samples were called reference (0) or not called (missing) over the range, which is
     * what allele numbers (AN) need.
     */
    REFERENCE_BLOCK
}
