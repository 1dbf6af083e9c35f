package no.permed.vcf.read;

/**
 * Which ploidy a call may have. Calls with more than two alleles are always rejected; a haploid missing call
 * ({@code .}) is always accepted, because callers write it for any no-call.
 */
public enum PloidyPolicy {
    /** Haploid and diploid calls are accepted on every contig. */
    HAPLOID_OR_DIPLOID,
    /**
     * Autosomes (1–22) must be diploid; X, Y, MT and other contigs may be haploid or diploid (male X and Y,
     * mitochondria).
     */
    DIPLOID_AUTOSOMES
}
