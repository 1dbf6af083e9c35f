package no.permed.columnar.segment;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.columnar.GenomicRegion;
import no.permed.columnar.Genotype;
import no.permed.columnar.GenotypeCodes;
import no.permed.columnar.SampleSet;
import no.permed.columnar.Site;
import no.permed.kernel.PermedException;

/**
 * Reads the sites of a segment (or of a region) in order, with the calls of every sample as
 * one-byte codes: the bulk path for exports, compaction and round-trip checks. Erased samples read
 * as {@code ./.}. Not thread-safe; create one per thread with {@link Segment#cursor()}.
 *
 * <pre>{@code
 * SegmentCursor cursor = segment.cursor();
 * byte[] calls = new byte[segment.sampleCount()];
 * while (cursor.next()) {
 *     cursor.copyCallsTo(calls, 0);
 *     ... cursor.site(), cursor.siteIndex() ...
 * }
 * }</pre>
 */
public final class SegmentCursor {
    private final SegmentFile file;
    private final SampleSet visible;
    private final boolean nothingErased;
    private final int lastBlock;
    private final GenomicRegion region;
    private final SiteWalker walker;
    private BlockReader reader;
    private int block;
    private SiteFrame sites;
    private int indexInBlock;
    private Site site;
    private boolean finished;
    private int[] erasedSamples;

    SegmentCursor(SegmentFile file, SampleSet visible, boolean nothingErased, int firstBlock, int lastBlock, GenomicRegion region) {
        this.file = file;
        this.visible = visible;
        this.nothingErased = nothingErased;
        this.lastBlock = lastBlock;
        this.region = region;
        this.block = firstBlock - 1;
        this.walker = new SiteWalker(file.sampleCount);
        this.finished = firstBlock > lastBlock;
    }

    /** Moves to the next site; false when there is none (the cursor then releases its buffers). */
    public boolean next() {
        while (!finished) {
            if (sites == null || indexInBlock + 1 >= sites.siteCount()) {
                block++;
                if (block > lastBlock) {
                    finish();
                    return false;
                }
                if (reader == null) {
                    reader = file.borrowReader();
                }
                try {
                    sites = reader.sites(block);
                    walker.start(reader.genotypes(block));
                } catch (RuntimeException failure) {
                    finish();
                    throw failure;
                }
                indexInBlock = -1;
            }
            indexInBlock++;
            site = null;
            try {
                walker.next();
            } catch (MalformedFrameException | IndexOutOfBoundsException malformed) {
                finish();
                throw file.corruptBlock(block, "has a malformed genotype frame (" + malformed.getMessage() + ")");
            }
            if (region != null) {
                int position = sites.position(indexInBlock);
                if (position < region.start()) {
                    continue;
                }
                if (position > region.end()) {
                    finish();
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private void finish() {
        finished = true;
        sites = null;
        if (reader != null) {
            file.releaseReader(reader);
            reader = null;
        }
    }

    private void checkPositioned() {
        if (finished || sites == null) {
            throw new IllegalStateException("the cursor is not on a site; call next() first and check its result");
        }
    }

    /** The index of the current site in the segment. */
    public int siteIndex() {
        checkPositioned();
        return sites.firstSite() + indexInBlock;
    }

    /** The current site. */
    public Site site() {
        checkPositioned();
        if (site == null) {
            try {
                site = sites.site(indexInBlock);
            } catch (MalformedFrameException malformed) {
                throw file.corruptBlock(block, "has a malformed site frame (" + malformed.getMessage() + ")");
            }
        }
        return site;
    }

    /** The number of samples; {@link #copyCallsTo} writes this many codes. */
    public int sampleCount() {
        return file.sampleCount;
    }

    /** Writes the call codes of every sample at the current site to {@code target[offset..offset + sampleCount)}. */
    public void copyCallsTo(byte[] target, int offset) {
        requireNonNull(target, "target is null");
        checkPositioned();
        if (offset < 0 || offset > target.length - file.sampleCount) {
            throw new IndexOutOfBoundsException("target of " + target.length + " bytes has no room for " + file.sampleCount
                    + " calls at offset " + offset);
        }
        try {
            walker.calls(target, offset);
        } catch (MalformedFrameException | IndexOutOfBoundsException malformed) {
            throw file.corruptBlock(block, "has a malformed genotype frame (" + malformed.getMessage() + ")");
        }
        if (!nothingErased) {
            if (erasedSamples == null) {
                erasedSamples = visible.complement().toIndices();
            }
            for (int sample : erasedSamples) {
                target[offset + sample] = GenotypeCodes.MISSING_DIPLOID;
            }
        }
    }

    /** The call of one sample at the current site ({@code ./.} for an erased sample). */
    public Genotype genotype(int sampleIndex) {
        checkPositioned();
        if (sampleIndex < 0 || sampleIndex >= file.sampleCount) {
            throw new PermedException(ColumnarErrorCode.SAMPLE_INDEX_OUT_OF_RANGE, "sample index " + sampleIndex
                    + " is outside 0.." + (file.sampleCount - 1), Map.of("sampleIndex", sampleIndex));
        }
        if (!nothingErased && !visible.contains(sampleIndex)) {
            return Genotype.of(GenotypeCodes.MISSING_DIPLOID);
        }
        try {
            return Genotype.of(walker.call(sampleIndex));
        } catch (MalformedFrameException | IndexOutOfBoundsException malformed) {
            throw file.corruptBlock(block, "has a malformed genotype frame (" + malformed.getMessage() + ")");
        }
    }
}
