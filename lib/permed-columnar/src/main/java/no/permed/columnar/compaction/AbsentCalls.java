package no.permed.columnar.compaction;

/**
 * What a sample-merging compaction writes for the samples of an input that has no record of a
 * site that another input has. The filled calls are diploid; the caller, who knows the samples'
 * sex and the reference blocks of their gVCFs, chooses.
 */
public enum AbsentCalls {
    /** {@code ./.}: nothing is known (the safe default; the samples do not count in AN). */
    MISSING,
    /** {@code 0/0}: the input is known to cover the site (for example from gVCF reference blocks). */
    HOMOZYGOUS_REFERENCE
}
