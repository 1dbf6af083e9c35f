package no.permed.columnar.segment;

import static no.permed.columnar.segment.SegmentFormat.KIND_RESERVED;
import static no.permed.columnar.segment.SegmentFormat.LONGS;

/**
 * Allele counts straight from the column streams of a genotype frame, for one or several sample
 * subsets in one pass. Dense sites: per 64-bit word of 32 two-bit codes, {@code lo = word & mask}
 * and {@code hi = (word >>> 1) & mask} (mask = the subset spread to the low bit of each code), then
 * three {@link Long#bitCount}s give hets+missing, hom-alt+missing and missing. Sparse sites: walk
 * the listed samples and test each against the subset bitmap. Haploid samples (ploidy bitmap) are
 * corrected with the same popcounts on the haploid mask. Never reads the orientation or exception
 * streams: phase does not change counts, and partly missing calls count as missing.
 *
 * <p>One kernel per thread; outputs go to disjoint site ranges of shared arrays.
 */
final class CountingKernel {
    private final int sampleCount;
    private final int denseWords;
    private final int ploidyWords;
    private final int populations;
    private final long[][] populationWords;
    private final long[][] masks;
    private final int[] populationSizes;
    private final int[][] alleleCounts;
    private final int[][] alleleNumbers;
    private final int[][] homozygousCounts;
    private final int[][] hemizygousCounts;

    private final long[] previousDense;
    private final long[] haploidWords;
    private final long[] haploidMask;
    private final int[] haploidInPopulation;
    private final int[] lowCounts;
    private final int[] highCounts;
    private final int[] bothCounts;
    private final int[] highHaploidCounts;
    private final int[] bothHaploidCounts;

    private int samplesCursor;

    CountingKernel(int sampleCount, long[][] populationWords, long[][] masks, int[] populationSizes, int[][] alleleCounts,
            int[][] alleleNumbers, int[][] homozygousCounts, int[][] hemizygousCounts) {
        this.sampleCount = sampleCount;
        this.denseWords = SegmentFormat.denseWords(sampleCount);
        this.ploidyWords = SegmentFormat.ploidyWords(sampleCount);
        this.populations = populationWords.length;
        this.populationWords = populationWords;
        this.masks = masks;
        this.populationSizes = populationSizes;
        this.alleleCounts = alleleCounts;
        this.alleleNumbers = alleleNumbers;
        this.homozygousCounts = homozygousCounts;
        this.hemizygousCounts = hemizygousCounts;
        this.previousDense = new long[denseWords];
        this.haploidWords = new long[ploidyWords];
        this.haploidMask = new long[denseWords];
        this.haploidInPopulation = new int[populations];
        this.lowCounts = new int[populations];
        this.highCounts = new int[populations];
        this.bothCounts = new int[populations];
        this.highHaploidCounts = new int[populations];
        this.bothHaploidCounts = new int[populations];
    }

    /** Counts every site of the frame into the outputs starting at {@code firstSite}. */
    void countBlock(GenotypeFrame frame, int firstSite) {
        byte[] data = frame.data;
        int denseCursor = frame.denseStart;
        int ploidyCursor = frame.ploidyStart;
        int countsCursor = frame.sparseCountsStart;
        int codesCursor = frame.sparseCodesStart;
        samplesCursor = frame.sparseSamplesStart;
        boolean hasDense = false;
        boolean hasHaploid = false;
        int denseBytes = denseWords * 8;
        for (int site = 0; site < frame.siteCount; site++) {
            int kind = data[frame.kindsStart + site] & 0xFF;
            if ((kind & KIND_RESERVED) != 0) {
                throw new MalformedFrameException("site kind " + kind + " has the reserved bit set");
            }
            boolean haploid;
            switch (kind >>> 2 & 3) {
                case SegmentFormat.PLOIDY_ALL_DIPLOID -> haploid = false;
                case SegmentFormat.PLOIDY_BITMAP -> {
                    if (ploidyCursor + ploidyWords * 8 > frame.ploidyEnd()) {
                        throw new MalformedFrameException("ploidy stream ends early");
                    }
                    loadHaploid(data, ploidyCursor);
                    ploidyCursor += ploidyWords * 8;
                    hasHaploid = true;
                    haploid = true;
                }
                case SegmentFormat.PLOIDY_SAME_AS_PREVIOUS -> {
                    if (!hasHaploid) {
                        throw new MalformedFrameException("ploidy refers to a previous bitmap that does not exist");
                    }
                    haploid = true;
                }
                default -> throw new MalformedFrameException("unknown ploidy mode in site kind " + kind);
            }
            int output = firstSite + site;
            switch (kind & 3) {
                case SegmentFormat.ENCODING_SPARSE -> {
                    int count = 0;
                    int shift = 0;
                    int next;
                    do {
                        if (countsCursor >= frame.sparseCountsEnd() || shift > 28) {
                            throw new MalformedFrameException("sparse count stream ends early");
                        }
                        next = data[countsCursor++];
                        count |= (next & 0x7F) << shift;
                        shift += 7;
                    } while (next < 0);
                    if (count < 0 || count > sampleCount) {
                        throw new MalformedFrameException("sparse site lists " + count + " samples of " + sampleCount);
                    }
                    int codeBytes = (count + 3) >>> 2;
                    if (codesCursor + codeBytes > frame.sparseCodesEnd()) {
                        throw new MalformedFrameException("sparse code stream ends early");
                    }
                    if (populations == 1) {
                        sparseSingle(data, count, codesCursor, haploid, output);
                    } else {
                        sparseMultiple(data, count, codesCursor, haploid, output);
                    }
                    if (samplesCursor > frame.sparseSamplesEnd()) {
                        throw new MalformedFrameException("sparse sample stream ends early");
                    }
                    codesCursor += codeBytes;
                }
                case SegmentFormat.ENCODING_DENSE, SegmentFormat.ENCODING_DENSE_XOR -> {
                    boolean xor = (kind & 3) == SegmentFormat.ENCODING_DENSE_XOR;
                    if (xor && !hasDense) {
                        throw new MalformedFrameException("XOR-coded site has no previous dense site");
                    }
                    if (denseCursor + denseBytes > frame.denseEnd()) {
                        throw new MalformedFrameException("dense stream ends early");
                    }
                    if (populations == 1) {
                        if (haploid) {
                            denseSingleHaploid(data, denseCursor, xor, output);
                        } else if (xor) {
                            denseSingleXor(data, denseCursor, output);
                        } else {
                            denseSingle(data, denseCursor, output);
                        }
                    } else {
                        denseMultiple(data, denseCursor, xor, haploid, output);
                    }
                    denseCursor += denseBytes;
                    hasDense = true;
                }
                default -> throw new MalformedFrameException("unknown genotype encoding in site kind " + kind);
            }
        }
        if (denseCursor != frame.denseEnd() || ploidyCursor != frame.ploidyEnd() || countsCursor != frame.sparseCountsEnd()
                || samplesCursor != frame.sparseSamplesEnd() || codesCursor != frame.sparseCodesEnd()) {
            throw new MalformedFrameException("column streams hold bytes that no site uses");
        }
    }

    private void loadHaploid(byte[] data, int offset) {
        for (int index = 0; index < ploidyWords; index++) {
            haploidWords[index] = (long) LONGS.get(data, offset + index * 8);
        }
        if ((sampleCount & 63) != 0 && (haploidWords[ploidyWords - 1] & -1L << sampleCount) != 0) {
            throw new MalformedFrameException("ploidy bitmap marks samples beyond the sample count");
        }
        SegmentFormat.expand(haploidWords, haploidMask, denseWords);
        for (int population = 0; population < populations; population++) {
            long[] words = populationWords[population];
            int count = 0;
            for (int index = 0; index < ploidyWords; index++) {
                count += Long.bitCount(words[index] & haploidWords[index]);
            }
            haploidInPopulation[population] = count;
        }
    }

    private void store(int population, int output, boolean haploid, int low, int high, int both, int highHaploid,
            int bothHaploid) {
        int hets = low - both;
        int homozygous = high - both;
        int hemizygous = highHaploid - bothHaploid;
        int haploidPresent = haploid ? haploidInPopulation[population] - bothHaploid : 0;
        alleleCounts[population][output] = hets + 2 * homozygous - hemizygous;
        homozygousCounts[population][output] = homozygous - hemizygous;
        hemizygousCounts[population][output] = hemizygous;
        alleleNumbers[population][output] = 2 * (populationSizes[population] - both) - haploidPresent;
    }

    private void denseSingle(byte[] data, int offset, int output) {
        long[] mask = masks[0];
        long[] previous = previousDense;
        int low = 0;
        int high = 0;
        int both = 0;
        for (int index = 0; index < denseWords; index++) {
            long word = (long) LONGS.get(data, offset + (index << 3));
            previous[index] = word;
            long subset = mask[index];
            long lowBits = word & subset;
            long highBits = word >>> 1 & subset;
            low += Long.bitCount(lowBits);
            high += Long.bitCount(highBits);
            both += Long.bitCount(lowBits & highBits);
        }
        store(0, output, false, low, high, both, 0, 0);
    }

    private void denseSingleXor(byte[] data, int offset, int output) {
        long[] mask = masks[0];
        long[] previous = previousDense;
        int low = 0;
        int high = 0;
        int both = 0;
        for (int index = 0; index < denseWords; index++) {
            long word = (long) LONGS.get(data, offset + (index << 3)) ^ previous[index];
            previous[index] = word;
            long subset = mask[index];
            long lowBits = word & subset;
            long highBits = word >>> 1 & subset;
            low += Long.bitCount(lowBits);
            high += Long.bitCount(highBits);
            both += Long.bitCount(lowBits & highBits);
        }
        store(0, output, false, low, high, both, 0, 0);
    }

    private void denseSingleHaploid(byte[] data, int offset, boolean xor, int output) {
        long[] mask = masks[0];
        int low = 0;
        int high = 0;
        int both = 0;
        int highHaploid = 0;
        int bothHaploid = 0;
        long haploidHets = 0;
        for (int index = 0; index < denseWords; index++) {
            long word = (long) LONGS.get(data, offset + (index << 3));
            if (xor) {
                word ^= previousDense[index];
            }
            previousDense[index] = word;
            long haploid = haploidMask[index];
            haploidHets |= word & ~(word >>> 1) & haploid;
            long subset = mask[index];
            long lowBits = word & subset;
            long highBits = word >>> 1 & subset;
            low += Long.bitCount(lowBits);
            high += Long.bitCount(highBits);
            both += Long.bitCount(lowBits & highBits);
            highHaploid += Long.bitCount(highBits & haploid);
            bothHaploid += Long.bitCount(lowBits & highBits & haploid);
        }
        if (haploidHets != 0) {
            throw new MalformedFrameException("a haploid sample has a het code");
        }
        store(0, output, true, low, high, both, highHaploid, bothHaploid);
    }

    private void denseMultiple(byte[] data, int offset, boolean xor, boolean haploid, int output) {
        java.util.Arrays.fill(lowCounts, 0);
        java.util.Arrays.fill(highCounts, 0);
        java.util.Arrays.fill(bothCounts, 0);
        java.util.Arrays.fill(highHaploidCounts, 0);
        java.util.Arrays.fill(bothHaploidCounts, 0);
        long haploidHets = 0;
        for (int index = 0; index < denseWords; index++) {
            long word = (long) LONGS.get(data, offset + (index << 3));
            if (xor) {
                word ^= previousDense[index];
            }
            previousDense[index] = word;
            long lowWord = word & SegmentFormat.LOW_BITS;
            long highWord = word >>> 1 & SegmentFormat.LOW_BITS;
            long bothWord = lowWord & highWord;
            long haploidWord = haploid ? haploidMask[index] : 0L;
            haploidHets |= lowWord & ~highWord & haploidWord;
            for (int population = 0; population < populations; population++) {
                long subset = masks[population][index];
                lowCounts[population] += Long.bitCount(lowWord & subset);
                highCounts[population] += Long.bitCount(highWord & subset);
                bothCounts[population] += Long.bitCount(bothWord & subset);
                if (haploid) {
                    long haploidSubset = subset & haploidWord;
                    highHaploidCounts[population] += Long.bitCount(highWord & haploidSubset);
                    bothHaploidCounts[population] += Long.bitCount(bothWord & haploidSubset);
                }
            }
        }
        if (haploidHets != 0) {
            throw new MalformedFrameException("a haploid sample has a het code");
        }
        for (int population = 0; population < populations; population++) {
            store(population, output, haploid, lowCounts[population], highCounts[population], bothCounts[population],
                    haploid ? highHaploidCounts[population] : 0, haploid ? bothHaploidCounts[population] : 0);
        }
    }

    private void sparseSingle(byte[] data, int count, int codes, boolean haploid, int output) {
        long[] words = populationWords[0];
        int cursor = samplesCursor;
        int sample = -1;
        int hets = 0;
        int homozygous = 0;
        int missing = 0;
        int homozygousHaploid = 0;
        int missingHaploid = 0;
        for (int entry = 0; entry < count; entry++) {
            int next = data[cursor++];
            int delta = next & 0x7F;
            int shift = 7;
            while (next < 0) {
                if (shift > 28) {
                    throw new MalformedFrameException("varint longer than 5 bytes");
                }
                next = data[cursor++];
                delta |= (next & 0x7F) << shift;
                shift += 7;
            }
            sample += delta + 1;
            if (sample < 0 || sample >= sampleCount) {
                throw new MalformedFrameException("sparse site lists sample " + sample + " of " + sampleCount);
            }
            int code = data[codes + (entry >>> 2)] >>> ((entry & 3) << 1) & 3;
            if (code == 0) {
                throw new MalformedFrameException("sparse site lists a hom-ref call");
            }
            boolean isHaploid = haploid && (haploidWords[sample >>> 6] >>> sample & 1) != 0;
            if (isHaploid && code == 1) {
                throw new MalformedFrameException("haploid sample " + sample + " has a het code");
            }
            if ((words[sample >>> 6] >>> sample & 1) == 0) {
                continue;
            }
            if (code == 1) {
                hets++;
            } else if (code == 2) {
                homozygous++;
                if (isHaploid) {
                    homozygousHaploid++;
                }
            } else {
                missing++;
                if (isHaploid) {
                    missingHaploid++;
                }
            }
        }
        samplesCursor = cursor;
        store(0, output, haploid, hets + missing, homozygous + missing, missing, homozygousHaploid + missingHaploid,
                missingHaploid);
    }

    private void sparseMultiple(byte[] data, int count, int codes, boolean haploid, int output) {
        java.util.Arrays.fill(lowCounts, 0);
        java.util.Arrays.fill(highCounts, 0);
        java.util.Arrays.fill(bothCounts, 0);
        java.util.Arrays.fill(highHaploidCounts, 0);
        java.util.Arrays.fill(bothHaploidCounts, 0);
        int cursor = samplesCursor;
        int sample = -1;
        for (int entry = 0; entry < count; entry++) {
            int next = data[cursor++];
            int delta = next & 0x7F;
            int shift = 7;
            while (next < 0) {
                if (shift > 28) {
                    throw new MalformedFrameException("varint longer than 5 bytes");
                }
                next = data[cursor++];
                delta |= (next & 0x7F) << shift;
                shift += 7;
            }
            sample += delta + 1;
            if (sample < 0 || sample >= sampleCount) {
                throw new MalformedFrameException("sparse site lists sample " + sample + " of " + sampleCount);
            }
            int code = data[codes + (entry >>> 2)] >>> ((entry & 3) << 1) & 3;
            if (code == 0) {
                throw new MalformedFrameException("sparse site lists a hom-ref call");
            }
            boolean isHaploid = haploid && (haploidWords[sample >>> 6] >>> sample & 1) != 0;
            if (isHaploid && code == 1) {
                throw new MalformedFrameException("haploid sample " + sample + " has a het code");
            }
            int low = code & 1;
            int high = code >>> 1;
            int both = low & high;
            for (int population = 0; population < populations; population++) {
                if ((populationWords[population][sample >>> 6] >>> sample & 1) != 0) {
                    lowCounts[population] += low;
                    highCounts[population] += high;
                    bothCounts[population] += both;
                    if (isHaploid) {
                        highHaploidCounts[population] += high;
                        bothHaploidCounts[population] += both;
                    }
                }
            }
        }
        samplesCursor = cursor;
        for (int population = 0; population < populations; population++) {
            store(population, output, haploid, lowCounts[population], highCounts[population], bothCounts[population],
                    highHaploidCounts[population], bothHaploidCounts[population]);
        }
    }
}
