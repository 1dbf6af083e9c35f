package no.permed.columnar.segment;

import static no.permed.columnar.segment.SegmentFormat.ENCODING_DENSE;
import static no.permed.columnar.segment.SegmentFormat.ENCODING_DENSE_XOR;
import static no.permed.columnar.segment.SegmentFormat.ENCODING_SPARSE;
import static no.permed.columnar.segment.SegmentFormat.KIND_EXCEPTIONS;
import static no.permed.columnar.segment.SegmentFormat.KIND_ORIENTATION;
import static no.permed.columnar.segment.SegmentFormat.KIND_PHASED;
import static no.permed.columnar.segment.SegmentFormat.LOW_BITS;
import static no.permed.columnar.segment.SegmentFormat.PLOIDY_ALL_DIPLOID;
import static no.permed.columnar.segment.SegmentFormat.PLOIDY_BITMAP;
import static no.permed.columnar.segment.SegmentFormat.PLOIDY_SAME_AS_PREVIOUS;
import static no.permed.columnar.segment.SegmentFormat.varintLength;

import java.util.Arrays;
import java.util.Map;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.columnar.Site;
import no.permed.kernel.PermedException;

/**
 * Encodes the sites of one block into the column streams of FORMAT.md ("Genotype frame", "Site
 * frame"). A failed {@link #add} leaves the block unchanged.
 */
final class BlockBuilder {
    /** A dense site is stored XOR the previous dense site when that leaves at most this share of non-zero codes. */
    private static final int XOR_NUMERATOR = 1;
    private static final int XOR_DENOMINATOR = 2;

    /** Eight {@code 0/0} call codes read as one little-endian {@code long}. */
    private static final long ALL_HOMOZYGOUS_REFERENCE = 0L;
    /** Eight {@code 0|0} call codes read as one little-endian {@code long}. */
    private static final long ALL_HOMOZYGOUS_REFERENCE_PHASED = 0x1010_1010_1010_1010L;

    private final int sampleCount;
    private final int denseWords;
    private final int ploidyWords;

    final ByteSink dense;
    final ByteSink ploidy;
    final ByteSink kinds = new ByteSink(1024);
    final ByteSink sparseCounts = new ByteSink(1024);
    final ByteSink sparseSamples = new ByteSink(4096);
    final ByteSink sparseCodes = new ByteSink(1024);
    final ByteSink orientation = new ByteSink(1024);
    final ByteSink exceptions = new ByteSink(256);

    final ByteSink positions = new ByteSink(1024);
    final ByteSink referenceLengths = new ByteSink(1024);
    final ByteSink alternateLengths = new ByteSink(1024);
    final ByteSink referenceBytes = new ByteSink(4096);
    final ByteSink alternateBytes = new ByteSink(4096);

    private int siteCount;
    private int firstPosition;
    private int lastPosition;

    private final long[] codeWords;
    private final long[] previousDense;
    private boolean hasPreviousDense;
    private final long[] haploidWords;
    private final long[] previousHaploid;
    private boolean hasPreviousHaploid;
    private final int[] entrySamples;
    private final byte[] entryCodes;
    private final byte[] orientationBits;
    private final int[] exceptionSamples;
    private final byte[] exceptionCodes;

    BlockBuilder(int sampleCount) {
        this.sampleCount = sampleCount;
        this.denseWords = SegmentFormat.denseWords(sampleCount);
        this.ploidyWords = SegmentFormat.ploidyWords(sampleCount);
        this.dense = new ByteSink(64 * 1024);
        this.ploidy = new ByteSink(1024);
        this.codeWords = new long[denseWords];
        this.previousDense = new long[denseWords];
        this.haploidWords = new long[ploidyWords];
        this.previousHaploid = new long[ploidyWords];
        this.entrySamples = new int[sampleCount];
        this.entryCodes = new byte[sampleCount];
        this.orientationBits = new byte[(sampleCount + 7) >>> 3];
        this.exceptionSamples = new int[sampleCount];
        this.exceptionCodes = new byte[sampleCount];
    }

    int siteCount() {
        return siteCount;
    }

    int firstPosition() {
        return firstPosition;
    }

    int lastPosition() {
        return lastPosition;
    }

    /** The uncompressed size of both frames so far. */
    int rawSize() {
        return SegmentFormat.GENOTYPE_FRAME_HEADER_LENGTH + dense.size() + ploidy.size() + kinds.size()
                + sparseCounts.size() + sparseSamples.size() + sparseCodes.size() + orientation.size() + exceptions.size()
                + 5 + positions.size() + referenceLengths.size() + alternateLengths.size() + referenceBytes.size()
                + alternateBytes.size();
    }

    void reset() {
        for (ByteSink sink : new ByteSink[] {dense, ploidy, kinds, sparseCounts, sparseSamples, sparseCodes, orientation,
            exceptions, positions, referenceLengths, alternateLengths, referenceBytes, alternateBytes}) {
            sink.reset();
        }
        siteCount = 0;
        hasPreviousDense = false;
        hasPreviousHaploid = false;
    }

    /**
     * Adds one site. {@code siteIndex} is only used in error messages. Throws
     * {@link ColumnarErrorCode#INVALID_CALL} for an invalid code, before anything is changed.
     */
    void add(Site site, byte[] calls, int siteIndex) {
        // Pass 1: validate and analyse every call; no stream is touched until all calls are valid.
        // Per call only a table lookup and two additions (ANALYSIS packs the 2-bit code and one
        // count per field); groups of 32 calls that are all 0/0 (or all 0|0) take a faster path.
        Arrays.fill(haploidWords, 0L);
        int entries = 0;
        int hets = 0;
        int haploidCount = 0;
        int diploidCount = 0;
        int phasedDiploid = 0;
        int partlyMissing = 0;
        int alternateFirstCount = 0;
        for (int group = 0; group < denseWords; group++) {
            int from = group << 5;
            int to = Math.min(from + 32, sampleCount);
            if (to - from == 32) {
                long first = (long) SegmentFormat.LONGS.get(calls, from);
                if ((first == ALL_HOMOZYGOUS_REFERENCE || first == ALL_HOMOZYGOUS_REFERENCE_PHASED)
                        && first == (long) SegmentFormat.LONGS.get(calls, from + 8)
                        && first == (long) SegmentFormat.LONGS.get(calls, from + 16)
                        && first == (long) SegmentFormat.LONGS.get(calls, from + 24)) {
                    codeWords[group] = 0L;
                    diploidCount += 32;
                    if (first == ALL_HOMOZYGOUS_REFERENCE_PHASED) {
                        phasedDiploid += 32;
                    }
                    continue;
                }
            }
            long word = 0;
            long sums = 0;
            for (int sample = from; sample < to; sample++) {
                long analysis = CallTables.ANALYSIS[calls[sample] & 0xFF];
                sums += analysis;
                word |= (analysis & CallTables.CODE_MASK) << ((sample & 31) << 1);
            }
            if (CallTables.field(sums, CallTables.FIELD_INVALID) != 0) {
                int sample = from;
                while (CallTables.PROPERTIES[calls[sample] & 0xFF] != CallTables.INVALID) {
                    sample++;
                }
                throw new PermedException(ColumnarErrorCode.INVALID_CALL, "call code " + (calls[sample] & 0xFF)
                        + " of sample " + sample + " at site " + site + " (site index " + siteIndex
                        + ") is not a valid genotype code; build codes with GenotypeCodes",
                        Map.of("sampleIndex", sample, "site", site.toString(), "code", calls[sample] & 0xFF));
            }
            codeWords[group] = word;
            int groupHaploid = CallTables.field(sums, CallTables.FIELD_HAPLOID);
            if (groupHaploid != 0) {
                for (int sample = from; sample < to; sample++) {
                    if ((CallTables.PROPERTIES[calls[sample] & 0xFF] & CallTables.HAPLOID) != 0) {
                        haploidWords[sample >>> 6] |= 1L << sample;
                    }
                }
            }
            haploidCount += groupHaploid;
            diploidCount += to - from - groupHaploid;
            phasedDiploid += CallTables.field(sums, CallTables.FIELD_PHASED_DIPLOID);
            partlyMissing += CallTables.field(sums, CallTables.FIELD_PARTLY_MISSING);
            alternateFirstCount += CallTables.field(sums, CallTables.FIELD_ALTERNATE_FIRST);
            entries += CallTables.field(sums, CallTables.FIELD_LISTED);
            hets += CallTables.field(sums, CallTables.FIELD_HET);
        }

        // Orientation bits of the hets, in sample order, from the code words: work in proportion to hets.
        boolean anyAlternateFirst = alternateFirstCount > 0;
        if (anyAlternateFirst) {
            int het = 0;
            int pending = 0;
            for (int group = 0; group < denseWords; group++) {
                long word = codeWords[group];
                long hetBits = word & ~(word >>> 1) & LOW_BITS;
                while (hetBits != 0) {
                    int sample = (group << 5) + (Long.numberOfTrailingZeros(hetBits) >>> 1);
                    pending |= (CallTables.PROPERTIES[calls[sample] & 0xFF] >>> CallTables.ALTERNATE_FIRST_SHIFT & 1) << (het & 7);
                    het++;
                    if ((het & 7) == 0) {
                        orientationBits[(het >>> 3) - 1] = (byte) pending;
                        pending = 0;
                    }
                    hetBits &= hetBits - 1;
                }
            }
            if ((het & 7) != 0) {
                orientationBits[het >>> 3] = (byte) pending;
            }
        }

        // The sparse list, only when it can be smaller than the dense words (each entry takes at
        // least 1.25 bytes): work in proportion to the listed calls.
        int sparseSampleBytes = Integer.MAX_VALUE / 2;
        if ((long) entries * 5 / 4 <= (long) denseWords * 8) {
            sparseSampleBytes = 0;
            int listed = 0;
            int previousSample = -1;
            for (int group = 0; group < denseWords; group++) {
                long word = codeWords[group];
                long nonZero = (word | word >>> 1) & LOW_BITS;
                while (nonZero != 0) {
                    int shift = Long.numberOfTrailingZeros(nonZero);
                    int sample = (group << 5) + (shift >>> 1);
                    entrySamples[listed] = sample;
                    entryCodes[listed] = (byte) (word >>> shift & 3);
                    listed++;
                    sparseSampleBytes += varintLength(sample - previousSample - 1);
                    previousSample = sample;
                    nonZero &= nonZero - 1;
                }
            }
        }
        boolean phasedDefault = phasedDiploid * 2 > diploidCount;

        // Pass 2, only when needed: calls that the compact form does not express (phase against
        // the site default, partly missing) are listed with their full code.
        int exceptionCount = 0;
        int phaseAgainstDefault = phasedDefault ? diploidCount - phasedDiploid : phasedDiploid;
        if (phaseAgainstDefault + partlyMissing > 0) {
            for (int sample = 0; sample < sampleCount; sample++) {
                int properties = CallTables.PROPERTIES[calls[sample] & 0xFF];
                if ((properties & CallTables.HAPLOID) == 0) {
                    byte canonical = CallTables.CANONICAL[CallTables.canonicalIndex(false, phasedDefault,
                            (properties & CallTables.ALTERNATE_FIRST) != 0, properties & CallTables.CODE_MASK)];
                    if (canonical != calls[sample]) {
                        exceptionSamples[exceptionCount] = sample;
                        exceptionCodes[exceptionCount] = calls[sample];
                        exceptionCount++;
                    }
                }
            }
        }

        // Choose the encoding by size.
        int sparseSize = varintLength(entries) + sparseSampleBytes + ((entries + 3) >>> 2);
        int denseSize = denseWords * 8;
        int encoding;
        if (sparseSize <= denseSize) {
            encoding = ENCODING_SPARSE;
        } else if (hasPreviousDense && xorIsSmaller(entries)) {
            encoding = ENCODING_DENSE_XOR;
        } else {
            encoding = ENCODING_DENSE;
        }

        int ploidyMode = PLOIDY_ALL_DIPLOID;
        if (haploidCount > 0) {
            ploidyMode = hasPreviousHaploid && Arrays.equals(haploidWords, previousHaploid) ? PLOIDY_SAME_AS_PREVIOUS : PLOIDY_BITMAP;
        }

        int kind = encoding | ploidyMode << 2 | (phasedDefault ? KIND_PHASED : 0)
                | (anyAlternateFirst ? KIND_ORIENTATION : 0) | (exceptionCount > 0 ? KIND_EXCEPTIONS : 0);

        // Write the streams.
        kinds.writeByte(kind);
        if (ploidyMode == PLOIDY_BITMAP) {
            ploidy.writeLongs(haploidWords, ploidyWords);
            System.arraycopy(haploidWords, 0, previousHaploid, 0, ploidyWords);
            hasPreviousHaploid = true;
        }
        if (encoding == ENCODING_SPARSE) {
            sparseCounts.writeVarint(entries);
            int previous = -1;
            for (int entry = 0; entry < entries; entry++) {
                sparseSamples.writeVarint(entrySamples[entry] - previous - 1);
                previous = entrySamples[entry];
            }
            for (int entry = 0; entry < entries; entry += 4) {
                int packed = 0;
                for (int offset = 0; offset < 4 && entry + offset < entries; offset++) {
                    packed |= entryCodes[entry + offset] << (offset << 1);
                }
                sparseCodes.writeByte(packed);
            }
        } else {
            if (encoding == ENCODING_DENSE_XOR) {
                dense.ensure(denseWords * 8);
                for (int index = 0; index < denseWords; index++) {
                    dense.writeLongLittleEndian(codeWords[index] ^ previousDense[index]);
                }
            } else {
                dense.writeLongs(codeWords, denseWords);
            }
            System.arraycopy(codeWords, 0, previousDense, 0, denseWords);
            hasPreviousDense = true;
        }
        if (anyAlternateFirst) {
            int bytes = (hets + 7) >>> 3;
            orientation.writeBytes(orientationBits, 0, bytes);
        }
        Arrays.fill(orientationBits, 0, (hets + 7) >>> 3, (byte) 0);
        if (exceptionCount > 0) {
            exceptions.writeVarint(exceptionCount);
            int previous = -1;
            for (int index = 0; index < exceptionCount; index++) {
                exceptions.writeVarint(exceptionSamples[index] - previous - 1);
                exceptions.writeByte(exceptionCodes[index]);
                previous = exceptionSamples[index];
            }
        }

        if (siteCount == 0) {
            positions.writeVarint(site.position());
            firstPosition = site.position();
        } else {
            positions.writeVarint(site.position() - lastPosition);
        }
        lastPosition = site.position();
        referenceLengths.writeVarint(site.reference().length());
        alternateLengths.writeVarint(site.alternate().length());
        referenceBytes.writeAscii(site.reference());
        alternateBytes.writeAscii(site.alternate());
        siteCount++;
    }

    private boolean xorIsSmaller(int plainNonZero) {
        int xorNonZero = 0;
        for (int index = 0; index < denseWords; index++) {
            long difference = codeWords[index] ^ previousDense[index];
            xorNonZero += Long.bitCount((difference | difference >>> 1) & LOW_BITS);
        }
        return (long) xorNonZero * XOR_DENOMINATOR < (long) plainNonZero * XOR_NUMERATOR;
    }

    /** Writes the raw genotype frame of the block into {@code out} (after resetting it). */
    void writeGenotypeFrame(ByteSink out) {
        out.reset();
        out.writeIntLittleEndian(siteCount);
        ByteSink[] streams = {dense, ploidy, kinds, sparseCounts, sparseSamples, sparseCodes, orientation, exceptions};
        for (ByteSink stream : streams) {
            out.writeIntLittleEndian(stream.size());
        }
        out.writeIntLittleEndian(0);
        for (ByteSink stream : streams) {
            out.writeSink(stream);
        }
    }

    /** Writes the raw site frame of the block into {@code out} (after resetting it). */
    void writeSiteFrame(ByteSink out) {
        out.reset();
        out.writeVarint(siteCount);
        out.writeSink(positions);
        out.writeSink(referenceLengths);
        out.writeSink(alternateLengths);
        out.writeSink(referenceBytes);
        out.writeSink(alternateBytes);
    }
}
