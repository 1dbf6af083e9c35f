package no.permed.columnar;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import no.permed.kernel.PermedException;

/**
 * An immutable set of sample indices {@code 0..sampleCount-1} of one segment: a subset to count
 * over, a population, or the samples that have been erased. Stored as a bitmap of {@code long}
 * words (bit {@code i % 64} of word {@code i / 64}), the form the counting kernels use directly.
 */
public final class SampleSet {
    private final int sampleCount;
    private final long[] words;
    private final int size;

    private SampleSet(int sampleCount, long[] words) {
        this.sampleCount = sampleCount;
        this.words = words;
        int bits = 0;
        for (long word : words) {
            bits += Long.bitCount(word);
        }
        this.size = bits;
    }

    /** All samples of a segment of {@code sampleCount} samples. */
    public static SampleSet all(int sampleCount) {
        long[] words = new long[wordCount(checkCount(sampleCount))];
        Arrays.fill(words, -1L);
        clearTail(words, sampleCount);
        return new SampleSet(sampleCount, words);
    }

    /** No sample. */
    public static SampleSet none(int sampleCount) {
        return new SampleSet(sampleCount, new long[wordCount(checkCount(sampleCount))]);
    }

    /** The given sample indices (repeats allowed); throws {@link ColumnarErrorCode#SAMPLE_INDEX_OUT_OF_RANGE}. */
    public static SampleSet of(int sampleCount, int... sampleIndices) {
        requireNonNull(sampleIndices, "sampleIndices is null");
        long[] words = new long[wordCount(checkCount(sampleCount))];
        for (int sampleIndex : sampleIndices) {
            checkIndex(sampleIndex, sampleCount);
            words[sampleIndex >>> 6] |= 1L << sampleIndex;
        }
        return new SampleSet(sampleCount, words);
    }

    /** The samples whose bits are set; a bit at or beyond {@code sampleCount} is an error. */
    public static SampleSet of(int sampleCount, BitSet samples) {
        requireNonNull(samples, "samples is null");
        checkCount(sampleCount);
        if (samples.length() > sampleCount) {
            checkIndex(samples.length() - 1, sampleCount);
        }
        long[] bits = samples.toLongArray();
        return new SampleSet(sampleCount, Arrays.copyOf(bits, wordCount(sampleCount)));
    }

    /**
     * The samples of a bitmap in this class's layout (bit {@code i % 64} of word {@code i / 64}).
     * The array is copied; bits at or beyond {@code sampleCount} must be clear.
     */
    public static SampleSet fromWords(int sampleCount, long[] words) {
        requireNonNull(words, "words is null");
        checkCount(sampleCount);
        for (int index = 0; index < words.length; index++) {
            long beyond = words[index] & beyondMask(index, sampleCount);
            if (beyond != 0) {
                checkIndex(index * 64 + Long.numberOfTrailingZeros(beyond), sampleCount);
            }
        }
        long[] copy = Arrays.copyOf(words, wordCount(sampleCount));
        return new SampleSet(sampleCount, copy);
    }

    /** The number of samples of the segment this set belongs to (the universe, not the set size). */
    public int sampleCount() {
        return sampleCount;
    }

    /** The number of samples in the set. */
    public int size() {
        return size;
    }

    /** Whether the set holds no sample. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Whether the sample is in the set. */
    public boolean contains(int sampleIndex) {
        checkIndex(sampleIndex, sampleCount);
        return (words[sampleIndex >>> 6] >>> sampleIndex & 1) != 0;
    }

    /** The samples in this set and not in {@code other}. */
    public SampleSet minus(SampleSet other) {
        checkSameUniverse(other);
        long[] result = new long[words.length];
        for (int index = 0; index < words.length; index++) {
            result[index] = words[index] & ~other.words[index];
        }
        return new SampleSet(sampleCount, result);
    }

    /** The samples in both sets. */
    public SampleSet intersection(SampleSet other) {
        checkSameUniverse(other);
        long[] result = new long[words.length];
        for (int index = 0; index < words.length; index++) {
            result[index] = words[index] & other.words[index];
        }
        return new SampleSet(sampleCount, result);
    }

    /** The samples in either set. */
    public SampleSet union(SampleSet other) {
        checkSameUniverse(other);
        long[] result = new long[words.length];
        for (int index = 0; index < words.length; index++) {
            result[index] = words[index] | other.words[index];
        }
        return new SampleSet(sampleCount, result);
    }

    /** The samples not in this set. */
    public SampleSet complement() {
        return all(sampleCount).minus(this);
    }

    /** A copy of the bitmap words (bit {@code i % 64} of word {@code i / 64}). */
    public long[] toWords() {
        return words.clone();
    }

    /** The set as a {@link BitSet}. */
    public BitSet toBitSet() {
        return BitSet.valueOf(words);
    }

    /** The sample indices in increasing order. */
    public int[] toIndices() {
        int[] indices = new int[size];
        int next = 0;
        for (int index = 0; index < words.length; index++) {
            long word = words[index];
            while (word != 0) {
                indices[next++] = index * 64 + Long.numberOfTrailingZeros(word);
                word &= word - 1;
            }
        }
        return indices;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SampleSet set && set.sampleCount == sampleCount && Arrays.equals(set.words, words);
    }

    @Override
    public int hashCode() {
        return 31 * sampleCount + Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "SampleSet[" + size + " of " + sampleCount + "]";
    }

    private void checkSameUniverse(SampleSet other) {
        requireNonNull(other, "other is null");
        if (other.sampleCount != sampleCount) {
            throw new PermedException(ColumnarErrorCode.SAMPLE_COUNT_MISMATCH, "sample sets of different segments cannot be"
                    + " combined: " + sampleCount + " and " + other.sampleCount + " samples",
                    Map.of("expected", sampleCount, "actual", other.sampleCount));
        }
    }

    private static int wordCount(int sampleCount) {
        return (sampleCount + 63) >>> 6;
    }

    private static long beyondMask(int wordIndex, int sampleCount) {
        long firstBit = (long) wordIndex * 64;
        if (firstBit >= sampleCount) {
            return -1L;
        }
        if (firstBit + 64 <= sampleCount) {
            return 0L;
        }
        return -1L << (sampleCount & 63);
    }

    private static void clearTail(long[] words, int sampleCount) {
        if ((sampleCount & 63) != 0) {
            words[words.length - 1] &= (1L << sampleCount) - 1;
        }
    }

    private static int checkCount(int sampleCount) {
        if (sampleCount < 0) {
            throw new PermedException(ColumnarErrorCode.SAMPLE_COUNT_MISMATCH, "sample count " + sampleCount
                    + " is negative", Map.of("sampleCount", sampleCount));
        }
        return sampleCount;
    }

    private static void checkIndex(int sampleIndex, int sampleCount) {
        if (sampleIndex < 0 || sampleIndex >= sampleCount) {
            throw new PermedException(ColumnarErrorCode.SAMPLE_INDEX_OUT_OF_RANGE, "sample index " + sampleIndex
                    + " is outside 0.." + (sampleCount - 1) + " of a segment of " + sampleCount + " samples",
                    Map.of("sampleIndex", sampleIndex, "sampleCount", sampleCount));
        }
    }
}
