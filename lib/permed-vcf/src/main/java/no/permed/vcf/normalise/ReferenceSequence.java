package no.permed.vcf.normalise;

import java.util.OptionalInt;

/**
 * Read access to a reference genome's bases, by canonical contig name and 1-based positions. Implemented by
 * {@link IndexedFastaReference}; tests may use small in-memory implementations.
 */
public interface ReferenceSequence {
    /** The length of a contig, or empty when the reference does not have it. */
    OptionalInt contigLength(String canonicalContig);

    /**
     * Upper-case bases from {@code start} (1-based) for {@code length} bases, fewer when the contig ends first.
     *
     * @throws no.permed.kernel.PermedException with {@code VCF_REFERENCE_UNAVAILABLE} when the contig is missing or
     *     the reference cannot be read
     */
    String bases(String canonicalContig, int start, int length);
}
