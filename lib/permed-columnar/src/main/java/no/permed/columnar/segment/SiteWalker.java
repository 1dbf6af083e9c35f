package no.permed.columnar.segment;

import static no.permed.columnar.segment.SegmentFormat.KIND_EXCEPTIONS;
import static no.permed.columnar.segment.SegmentFormat.KIND_ORIENTATION;
import static no.permed.columnar.segment.SegmentFormat.KIND_PHASED;
import static no.permed.columnar.segment.SegmentFormat.KIND_RESERVED;
import static no.permed.columnar.segment.SegmentFormat.LONGS;
import static no.permed.columnar.segment.SegmentFormat.LOW_BITS;

import java.util.Arrays;

/**
 * Walks the sites of one genotype frame in order and rebuilds their full call codes (the path for
 * lookups, cursors and compaction; counting has its own kernel). Every site is parsed and checked
 * as it is passed, so that a later site can be decoded. Not thread-safe.
 */
final class SiteWalker {
    private final int sampleCount;
    private final int denseWords;
    private final int ploidyWords;
    private final long[] denseState;
    private final long[] haploidState;
    private final int[] entrySamples;
    private final byte[] entryCodes;

    private GenotypeFrame frame;
    private byte[] data;
    private int site;
    private int denseCursor;
    private int ploidyCursor;
    private int countsCursor;
    private int samplesCursor;
    private int codesCursor;
    private int orientationCursor;
    private int exceptionsCursor;
    private boolean hasDense;
    private boolean hasHaploid;

    private int kind;
    private boolean siteHaploid;
    private int entries;
    private int orientationAt;
    private int exceptionsAt;

    SiteWalker(int sampleCount) {
        this.sampleCount = sampleCount;
        this.denseWords = SegmentFormat.denseWords(sampleCount);
        this.ploidyWords = SegmentFormat.ploidyWords(sampleCount);
        this.denseState = new long[denseWords];
        this.haploidState = new long[ploidyWords];
        this.entrySamples = new int[sampleCount];
        this.entryCodes = new byte[sampleCount];
    }

    void start(GenotypeFrame genotypeFrame) {
        this.frame = genotypeFrame;
        this.data = genotypeFrame.data;
        this.site = 0;
        this.denseCursor = genotypeFrame.denseStart;
        this.ploidyCursor = genotypeFrame.ploidyStart;
        this.countsCursor = genotypeFrame.sparseCountsStart;
        this.samplesCursor = genotypeFrame.sparseSamplesStart;
        this.codesCursor = genotypeFrame.sparseCodesStart;
        this.orientationCursor = genotypeFrame.orientationStart;
        this.exceptionsCursor = genotypeFrame.exceptionsStart;
        this.hasDense = false;
        this.hasHaploid = false;
    }

    /** The index in the block of the next site {@link #next()} will parse. */
    int nextSite() {
        return site;
    }

    /** Parses the next site; its calls are then available from {@link #calls} and {@link #call}. */
    void next() {
        if (site >= frame.siteCount) {
            throw new IllegalStateException("no more sites in the block");
        }
        kind = data[frame.kindsStart + site] & 0xFF;
        if ((kind & KIND_RESERVED) != 0) {
            throw new MalformedFrameException("site kind " + kind + " has the reserved bit set");
        }
        switch (kind >>> 2 & 3) {
            case SegmentFormat.PLOIDY_ALL_DIPLOID -> siteHaploid = false;
            case SegmentFormat.PLOIDY_BITMAP -> {
                if (ploidyCursor + ploidyWords * 8 > frame.ploidyEnd()) {
                    throw new MalformedFrameException("ploidy stream ends early");
                }
                for (int index = 0; index < ploidyWords; index++) {
                    haploidState[index] = (long) LONGS.get(data, ploidyCursor + index * 8);
                }
                ploidyCursor += ploidyWords * 8;
                if ((sampleCount & 63) != 0 && (haploidState[ploidyWords - 1] & -1L << sampleCount) != 0) {
                    throw new MalformedFrameException("ploidy bitmap marks samples beyond the sample count");
                }
                hasHaploid = true;
                siteHaploid = true;
            }
            case SegmentFormat.PLOIDY_SAME_AS_PREVIOUS -> {
                if (!hasHaploid) {
                    throw new MalformedFrameException("ploidy refers to a previous bitmap that does not exist");
                }
                siteHaploid = true;
            }
            default -> throw new MalformedFrameException("unknown ploidy mode in site kind " + kind);
        }
        int hets = 0;
        boolean needHets = (kind & KIND_ORIENTATION) != 0;
        switch (kind & 3) {
            case SegmentFormat.ENCODING_SPARSE -> {
                FrameReader counts = new FrameReader(data, countsCursor, frame.sparseCountsEnd());
                entries = counts.readVarint();
                countsCursor = counts.position();
                if (entries > sampleCount) {
                    throw new MalformedFrameException("sparse site lists " + entries + " samples of " + sampleCount);
                }
                FrameReader samples = new FrameReader(data, samplesCursor, frame.sparseSamplesEnd());
                int sample = -1;
                for (int entry = 0; entry < entries; entry++) {
                    sample += samples.readVarint() + 1;
                    if (sample < 0 || sample >= sampleCount) {
                        throw new MalformedFrameException("sparse site lists sample " + sample + " of " + sampleCount);
                    }
                    entrySamples[entry] = sample;
                }
                samplesCursor = samples.position();
                int codeBytes = (entries + 3) >>> 2;
                if (codesCursor + codeBytes > frame.sparseCodesEnd()) {
                    throw new MalformedFrameException("sparse code stream ends early");
                }
                for (int entry = 0; entry < entries; entry++) {
                    int code = data[codesCursor + (entry >>> 2)] >>> ((entry & 3) << 1) & 3;
                    if (code == 0) {
                        throw new MalformedFrameException("sparse site lists a hom-ref call");
                    }
                    entryCodes[entry] = (byte) code;
                    if (code == 1) {
                        hets++;
                    }
                }
                if ((entries & 3) != 0 && (data[codesCursor + codeBytes - 1] & 0xFF) >>> ((entries & 3) << 1) != 0) {
                    throw new MalformedFrameException("sparse code padding is not zero");
                }
                codesCursor += codeBytes;
            }
            case SegmentFormat.ENCODING_DENSE, SegmentFormat.ENCODING_DENSE_XOR -> {
                boolean xor = (kind & 3) == SegmentFormat.ENCODING_DENSE_XOR;
                if (xor && !hasDense) {
                    throw new MalformedFrameException("XOR-coded site has no previous dense site");
                }
                if (denseCursor + denseWords * 8 > frame.denseEnd()) {
                    throw new MalformedFrameException("dense stream ends early");
                }
                for (int index = 0; index < denseWords; index++) {
                    long word = (long) LONGS.get(data, denseCursor + index * 8);
                    denseState[index] = xor ? denseState[index] ^ word : word;
                }
                denseCursor += denseWords * 8;
                if ((sampleCount & 31) != 0 && (denseState[denseWords - 1] & -1L << ((sampleCount & 31) << 1)) != 0) {
                    throw new MalformedFrameException("dense padding is not zero");
                }
                hasDense = true;
                if (needHets) {
                    for (int index = 0; index < denseWords; index++) {
                        hets += Long.bitCount(hetBits(denseState[index]));
                    }
                }
            }
            default -> throw new MalformedFrameException("unknown genotype encoding in site kind " + kind);
        }
        if (needHets) {
            if (hets == 0) {
                throw new MalformedFrameException("orientation bits for a site without hets");
            }
            orientationAt = orientationCursor;
            orientationCursor += (hets + 7) >>> 3;
            if (orientationCursor > frame.orientationEnd()) {
                throw new MalformedFrameException("orientation stream ends early");
            }
        }
        if ((kind & KIND_EXCEPTIONS) != 0) {
            exceptionsAt = exceptionsCursor;
            FrameReader exceptions = new FrameReader(data, exceptionsCursor, frame.exceptionsEnd());
            int count = exceptions.readVarint();
            if (count < 1 || count > sampleCount) {
                throw new MalformedFrameException("exception list of " + count + " calls");
            }
            for (int index = 0; index < count; index++) {
                exceptions.readVarint();
                exceptions.skip(1);
            }
            exceptionsCursor = exceptions.position();
        }
        site++;
        if (site == frame.siteCount) {
            checkStreamsConsumed();
        }
    }

    private void checkStreamsConsumed() {
        if (denseCursor != frame.denseEnd() || ploidyCursor != frame.ploidyEnd() || countsCursor != frame.sparseCountsEnd()
                || samplesCursor != frame.sparseSamplesEnd() || codesCursor != frame.sparseCodesEnd()
                || orientationCursor != frame.orientationEnd() || exceptionsCursor != frame.exceptionsEnd()) {
            throw new MalformedFrameException("column streams hold bytes that no site uses");
        }
    }

    private static long hetBits(long word) {
        return word & ~(word >>> 1) & LOW_BITS;
    }

    private boolean isHaploid(int sample) {
        return siteHaploid && (haploidState[sample >>> 6] >>> sample & 1) != 0;
    }

    private boolean orientationBit(int hetRank) {
        return (data[orientationAt + (hetRank >>> 3)] >>> (hetRank & 7) & 1) != 0;
    }

    private byte canonical(int sample, int code, int hetRank) {
        boolean haploid = isHaploid(sample);
        boolean alternateFirst = code == 1 && (kind & KIND_ORIENTATION) != 0 && orientationBit(hetRank);
        byte call = CallTables.CANONICAL[CallTables.canonicalIndex(haploid, (kind & KIND_PHASED) != 0, alternateFirst, code)];
        if (call == -1) {
            throw new MalformedFrameException("haploid sample " + sample + " has a het code");
        }
        return call;
    }

    /**
     * The calls of every sample at the site last parsed by {@link #next()}, into
     * {@code out[offset..offset + sampleCount)}.
     */
    void calls(byte[] out, int offset) {
        int hetRank = 0;
        if ((kind & 3) == SegmentFormat.ENCODING_SPARSE) {
            boolean phased = (kind & KIND_PHASED) != 0;
            Arrays.fill(out, offset, offset + sampleCount, CallTables.CANONICAL[CallTables.canonicalIndex(false, phased, false, 0)]);
            if (siteHaploid) {
                byte haploidReference = CallTables.CANONICAL[CallTables.canonicalIndex(true, phased, false, 0)];
                for (int index = 0; index < ploidyWords; index++) {
                    long word = haploidState[index];
                    while (word != 0) {
                        out[offset + index * 64 + Long.numberOfTrailingZeros(word)] = haploidReference;
                        word &= word - 1;
                    }
                }
            }
            for (int entry = 0; entry < entries; entry++) {
                int code = entryCodes[entry];
                out[offset + entrySamples[entry]] = canonical(entrySamples[entry], code, hetRank);
                if (code == 1) {
                    hetRank++;
                }
            }
        } else {
            for (int sample = 0; sample < sampleCount; sample++) {
                int code = (int) (denseState[sample >>> 5] >>> ((sample & 31) << 1)) & 3;
                out[offset + sample] = canonical(sample, code, hetRank);
                if (code == 1) {
                    hetRank++;
                }
            }
        }
        if ((kind & KIND_EXCEPTIONS) != 0) {
            FrameReader exceptions = new FrameReader(data, exceptionsAt, frame.exceptionsEnd());
            int count = exceptions.readVarint();
            int sample = -1;
            for (int index = 0; index < count; index++) {
                sample += exceptions.readVarint() + 1;
                if (sample < 0 || sample >= sampleCount) {
                    throw new MalformedFrameException("exception for sample " + sample + " of " + sampleCount);
                }
                byte raw = (byte) exceptions.readByte();
                out[offset + sample] = checkedException(sample, raw, out[offset + sample]);
            }
        }
    }

    private byte checkedException(int sample, byte raw, byte canonical) {
        if (sample < 0 || sample >= sampleCount) {
            throw new MalformedFrameException("exception for sample " + sample + " of " + sampleCount);
        }
        int properties = CallTables.PROPERTIES[raw & 0xFF];
        int canonicalProperties = CallTables.PROPERTIES[canonical & 0xFF];
        if (properties == CallTables.INVALID || (properties & CallTables.HAPLOID) != 0 || (canonicalProperties & CallTables.HAPLOID) != 0
                || (properties & CallTables.CODE_MASK) != (canonicalProperties & CallTables.CODE_MASK) || raw == canonical) {
            throw new MalformedFrameException("exception call " + (raw & 0xFF) + " of sample " + sample
                    + " does not fit the site's genotype code");
        }
        return raw;
    }

    /** The call of one sample at the site last parsed by {@link #next()}. */
    byte call(int sample) {
        int code;
        int hetRank = 0;
        if ((kind & 3) == SegmentFormat.ENCODING_SPARSE) {
            int entry = Arrays.binarySearch(entrySamples, 0, entries, sample);
            if (entry < 0) {
                code = 0;
            } else {
                code = entryCodes[entry];
                if (code == 1 && (kind & KIND_ORIENTATION) != 0) {
                    for (int earlier = 0; earlier < entry; earlier++) {
                        if (entryCodes[earlier] == 1) {
                            hetRank++;
                        }
                    }
                }
            }
        } else {
            int wordIndex = sample >>> 5;
            code = (int) (denseState[wordIndex] >>> ((sample & 31) << 1)) & 3;
            if (code == 1 && (kind & KIND_ORIENTATION) != 0) {
                for (int index = 0; index < wordIndex; index++) {
                    hetRank += Long.bitCount(hetBits(denseState[index]));
                }
                hetRank += Long.bitCount(hetBits(denseState[wordIndex]) & ((1L << ((sample & 31) << 1)) - 1));
            }
        }
        byte result = canonical(sample, code, hetRank);
        if ((kind & KIND_EXCEPTIONS) != 0) {
            FrameReader exceptions = new FrameReader(data, exceptionsAt, frame.exceptionsEnd());
            int count = exceptions.readVarint();
            int listed = -1;
            for (int index = 0; index < count && listed < sample; index++) {
                listed += exceptions.readVarint() + 1;
                byte raw = (byte) exceptions.readByte();
                if (listed == sample) {
                    return checkedException(sample, raw, result);
                }
            }
        }
        return result;
    }
}
