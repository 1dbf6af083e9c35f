package no.permed.columnar.segment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Constants of the segment file format; FORMAT.md in the module root is the specification. */
final class SegmentFormat {
    /** {@code \x89 P M S E G \r \n}: the high byte catches 7-bit transfers, CR LF catches line-ending conversion. */
    static final byte[] MAGIC = {(byte) 0x89, 'P', 'M', 'S', 'E', 'G', '\r', '\n'};
    static final int VERSION_MAJOR = 1;
    static final int VERSION_MINOR = 1;

    static final int HEADER_LENGTH = 64;
    static final int BLOCK_ENTRY_LENGTH = 52;
    static final int GENOTYPE_FRAME_HEADER_LENGTH = 40;
    static final int GENOTYPE_STREAM_COUNT = 8;

    static final int CODEC_STORED = 0;
    static final int CODEC_DEFLATE = 1;
    static final int CODEC_ZSTD = 2;
    /** Codec ids below this that a reader does not know mean a newer format; ids from here on mean corruption. */
    static final int FIRST_INVALID_CODEC = 16;

    static final int ENCODING_SPARSE = 0;
    static final int ENCODING_DENSE = 1;
    static final int ENCODING_DENSE_XOR = 2;

    static final int PLOIDY_ALL_DIPLOID = 0;
    static final int PLOIDY_BITMAP = 1;
    static final int PLOIDY_SAME_AS_PREVIOUS = 2;

    static final int KIND_PHASED = 1 << 4;
    static final int KIND_ORIENTATION = 1 << 5;
    static final int KIND_EXCEPTIONS = 1 << 6;
    static final int KIND_RESERVED = 1 << 7;

    /** The largest raw frame a reader accepts; a larger length in the index means corruption. */
    static final int MAX_FRAME_LENGTH = 1 << 30;

    /** Low bit of every 2-bit code: {@code 0x5555...}. */
    static final long LOW_BITS = 0x5555_5555_5555_5555L;

    /** Little-endian {@code long} view of a {@code byte[]} at any byte offset. */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Little-endian {@code int} view of a {@code byte[]} at any byte offset. */
    static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private SegmentFormat() {
    }

    static int denseWords(int sampleCount) {
        return (sampleCount + 31) >>> 5;
    }

    static int ploidyWords(int sampleCount) {
        return (sampleCount + 63) >>> 6;
    }

    /** The length of the unsigned varint of a non-negative value, without branches. */
    static int varintLength(int value) {
        return (38 - Integer.numberOfLeadingZeros(value | 1)) / 7;
    }

    /** Spreads the 32 low bits of {@code bits} to the even bit positions (bit i to bit 2i). */
    static long spreadToLowBits(long bits) {
        long spread = bits & 0xFFFF_FFFFL;
        spread = (spread | spread << 16) & 0x0000_FFFF_0000_FFFFL;
        spread = (spread | spread << 8) & 0x00FF_00FF_00FF_00FFL;
        spread = (spread | spread << 4) & 0x0F0F_0F0F_0F0F_0F0FL;
        spread = (spread | spread << 2) & 0x3333_3333_3333_3333L;
        spread = (spread | spread << 1) & LOW_BITS;
        return spread;
    }

    /**
     * Expands a sample bitmap (bit {@code i % 64} of word {@code i / 64}) to the layout of dense
     * genotype words: sample {@code i} at bit {@code 2 * (i % 32)} of word {@code i / 32}.
     */
    static void expand(long[] sampleWords, long[] expanded, int denseWords) {
        for (int index = 0; index < denseWords; index++) {
            long word = sampleWords[index >>> 1];
            expanded[index] = spreadToLowBits((index & 1) == 0 ? word : word >>> 32);
        }
    }
}
