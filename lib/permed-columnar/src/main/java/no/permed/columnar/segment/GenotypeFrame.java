package no.permed.columnar.segment;

/**
 * A raw genotype frame with the start of each column stream (FORMAT.md, "Genotype frame"). It
 * views the buffer of the {@link BlockReader} that produced it and is valid until that reader
 * loads another block.
 */
final class GenotypeFrame {
    final byte[] data;
    final int siteCount;
    final int denseStart;
    final int ploidyStart;
    final int kindsStart;
    final int sparseCountsStart;
    final int sparseSamplesStart;
    final int sparseCodesStart;
    final int orientationStart;
    final int exceptionsStart;
    final int end;

    private GenotypeFrame(byte[] data, int siteCount, int[] starts, int end) {
        this.data = data;
        this.siteCount = siteCount;
        this.denseStart = starts[0];
        this.ploidyStart = starts[1];
        this.kindsStart = starts[2];
        this.sparseCountsStart = starts[3];
        this.sparseSamplesStart = starts[4];
        this.sparseCodesStart = starts[5];
        this.orientationStart = starts[6];
        this.exceptionsStart = starts[7];
        this.end = end;
    }

    /**
     * Checks the frame header against the directory entry and locates the streams. The frame
     * occupies {@code data[base..base + length)}.
     */
    static GenotypeFrame parse(byte[] data, int base, int length, BlockEntry entry) {
        if (length < SegmentFormat.GENOTYPE_FRAME_HEADER_LENGTH) {
            throw new MalformedFrameException("genotype frame of " + length + " bytes is shorter than its header");
        }
        int siteCount = (int) SegmentFormat.INTS.get(data, base);
        if (siteCount != entry.siteCount()) {
            throw new MalformedFrameException("genotype frame holds " + siteCount + " sites, the index says " + entry.siteCount());
        }
        int[] starts = new int[SegmentFormat.GENOTYPE_STREAM_COUNT];
        long offset = (long) base + SegmentFormat.GENOTYPE_FRAME_HEADER_LENGTH;
        for (int stream = 0; stream < SegmentFormat.GENOTYPE_STREAM_COUNT; stream++) {
            int streamLength = (int) SegmentFormat.INTS.get(data, base + 4 + stream * 4);
            if (streamLength < 0) {
                throw new MalformedFrameException("stream " + stream + " has a negative length");
            }
            starts[stream] = (int) Math.min(offset, Integer.MAX_VALUE);
            offset += streamLength;
        }
        if ((int) SegmentFormat.INTS.get(data, base + 36) != 0) {
            throw new MalformedFrameException("reserved header field is not zero");
        }
        if (offset != (long) base + length) {
            throw new MalformedFrameException("stream lengths add up to " + (offset - base) + " bytes, the frame has " + length);
        }
        if ((starts[1] - starts[0]) % 8 != 0 || (starts[2] - starts[1]) % 8 != 0) {
            throw new MalformedFrameException("dense or ploidy stream is not a whole number of 8-byte words");
        }
        if (starts[3] - starts[2] != siteCount) {
            throw new MalformedFrameException("site kind stream has " + (starts[3] - starts[2]) + " bytes for " + siteCount + " sites");
        }
        return new GenotypeFrame(data, siteCount, starts, base + length);
    }

    int denseEnd() {
        return ploidyStart;
    }

    int ploidyEnd() {
        return kindsStart;
    }

    int sparseCountsEnd() {
        return sparseSamplesStart;
    }

    int sparseSamplesEnd() {
        return sparseCodesStart;
    }

    int sparseCodesEnd() {
        return orientationStart;
    }

    int orientationEnd() {
        return exceptionsStart;
    }

    int exceptionsEnd() {
        return end;
    }
}
