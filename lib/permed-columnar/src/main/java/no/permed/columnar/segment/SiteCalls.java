package no.permed.columnar.segment;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Map;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.columnar.Genotype;
import no.permed.columnar.GenotypeCodes;
import no.permed.kernel.PermedException;

/**
 * A reusable buffer of the calls of every sample at one site, the input of
 * {@link SegmentWriter#add}: one byte per sample in the layout of {@link GenotypeCodes}, so feeding
 * the writer creates no object per call. Fill it, hand it to the writer, refill it for the next site.
 *
 * <p>A new buffer, and one after {@link #clear()}, holds {@code 0/0} for every sample. Codes are
 * validated by the writer, which names the sample and site of an invalid one. Not thread-safe.
 */
public final class SiteCalls {
    private final byte[] codes;

    /** A buffer for {@code sampleCount} samples, all {@code 0/0}. */
    public SiteCalls(int sampleCount) {
        if (sampleCount < 0) {
            throw new PermedException(ColumnarErrorCode.SAMPLE_COUNT_MISMATCH, "sample count " + sampleCount + " is negative",
                    Map.of("sampleCount", sampleCount));
        }
        this.codes = new byte[sampleCount];
    }

    /** The number of samples. */
    public int sampleCount() {
        return codes.length;
    }

    /** Sets every sample to {@code 0/0}. */
    public void clear() {
        Arrays.fill(codes, GenotypeCodes.HOMOZYGOUS_REFERENCE);
    }

    /** Sets every sample to the same call code. */
    public void fill(byte code) {
        Arrays.fill(codes, code);
    }

    /** Sets the call code of one sample (see {@link GenotypeCodes}). */
    public void set(int sampleIndex, byte code) {
        codes[checkIndex(sampleIndex)] = code;
    }

    /** Sets the call of one sample. */
    public void set(int sampleIndex, Genotype genotype) {
        requireNonNull(genotype, "genotype is null");
        codes[checkIndex(sampleIndex)] = genotype.code();
    }

    /** Sets a diploid call; alleles are {@link GenotypeCodes#REFERENCE}, {@code ALTERNATE} or {@code MISSING}. */
    public void setDiploid(int sampleIndex, int firstAllele, int secondAllele, boolean phased) {
        codes[checkIndex(sampleIndex)] = GenotypeCodes.diploid(firstAllele, secondAllele, phased);
    }

    /** Sets a haploid call. */
    public void setHaploid(int sampleIndex, int allele) {
        codes[checkIndex(sampleIndex)] = GenotypeCodes.haploid(allele);
    }

    /** The call code of one sample. */
    public byte get(int sampleIndex) {
        return codes[checkIndex(sampleIndex)];
    }

    /** Copies {@code sampleCount()} codes from {@code source} starting at {@code offset}. */
    public void copyFrom(byte[] source, int offset) {
        requireNonNull(source, "source is null");
        System.arraycopy(source, offset, codes, 0, codes.length);
    }

    /**
     * The backing array, for hot loops that fill calls directly (one byte per sample, index = sample
     * index). Writes through it change this buffer; it is never shared with the writer beyond one
     * {@link SegmentWriter#add} call.
     */
    public byte[] codes() {
        return codes;
    }

    private int checkIndex(int sampleIndex) {
        if (sampleIndex < 0 || sampleIndex >= codes.length) {
            throw new PermedException(ColumnarErrorCode.SAMPLE_INDEX_OUT_OF_RANGE, "sample index " + sampleIndex
                    + " is outside 0.." + (codes.length - 1), Map.of("sampleIndex", sampleIndex, "sampleCount", codes.length));
        }
        return sampleIndex;
    }
}
