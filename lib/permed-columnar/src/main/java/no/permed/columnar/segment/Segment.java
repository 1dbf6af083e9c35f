package no.permed.columnar.segment;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.columnar.Genotype;
import no.permed.columnar.GenomicRegion;
import no.permed.columnar.GenotypeCodes;
import no.permed.columnar.SampleSet;
import no.permed.columnar.Site;
import no.permed.kernel.PermedException;

/**
 * An open genotype segment: the queries of the genome store over one file written by
 * {@link SegmentWriter}. Opening reads and checks only the header and the index; blocks are read
 * with positional reads, checked against their CRC32C and decompressed when a query needs them.
 *
 * <p><b>Erasure.</b> {@link #withErasedSamples(SampleSet)} gives a view in which the erased samples
 * vanish from every result: they are not counted, not listed as carriers, absent from all-sample
 * results, give no calls in single-sample queries, and read as {@code ./.} through a cursor (so
 * that compaction through a view erases them physically).
 *
 * <p>Thread-safe: any number of threads may query one segment at once. Closing the segment returned
 * by {@link #open} closes the file for all its views; closing a view does nothing.
 *
 * <pre>{@code
 * try (Segment segment = Segment.open(path)) {
 *     AlleleCounts counts = segment.countAlleles(SampleSet.all(segment.sampleCount()), 2);
 *     List<SiteCall> calls = segment.callsOfSample(17, GenomicRegion.locus("22", 16050075));
 *     List<SampleCall> carriers = segment.carriers(segment.indexOf(site).orElseThrow());
 * }
 * }</pre>
 */
public final class Segment implements AutoCloseable {
    private final SegmentFile file;
    private final SampleSet erased;
    private final SampleSet visible;
    private final boolean owner;

    private Segment(SegmentFile file, SampleSet erased, boolean owner) {
        this.file = file;
        this.erased = erased;
        this.visible = erased.complement();
        this.owner = owner;
    }

    /**
     * Opens a segment. Throws {@link ColumnarErrorCode#SEGMENT_NOT_FOUND}, {@code NOT_A_SEGMENT},
     * {@code UNSUPPORTED_FORMAT_VERSION}, {@code TRUNCATED_SEGMENT} or {@code CORRUPT_SEGMENT} (header or index).
     */
    public static Segment open(Path path) {
        requireNonNull(path, "path is null");
        SegmentFile file = SegmentFile.open(path);
        return new Segment(file, SampleSet.none(file.sampleCount), true);
    }

    /** A view of this segment in which exactly the given samples are erased. Shares the open file. */
    public Segment withErasedSamples(SampleSet erasedSamples) {
        requireNonNull(erasedSamples, "erasedSamples is null");
        checkSampleSet(erasedSamples, "erased samples");
        return new Segment(file, erasedSamples, false);
    }

    /** The erased samples of this view (none for a segment fresh from {@link #open}). */
    public SampleSet erasedSamples() {
        return erased;
    }

    /** The samples that are not erased. */
    public SampleSet visibleSamples() {
        return visible;
    }

    /** The file. */
    public Path path() {
        return file.path;
    }

    /** The number of samples (including erased ones: indices stay stable). */
    public int sampleCount() {
        return file.sampleCount;
    }

    /** The number of sites. */
    public int siteCount() {
        return file.siteCount;
    }

    /** The number of blocks. */
    public int blockCount() {
        return file.blocks.length;
    }

    /** The size of the file in bytes. */
    public long fileBytes() {
        return file.fileLength;
    }

    /** The format version of the file, for example {@code 1.0}. */
    public String formatVersion() {
        return SegmentFormat.VERSION_MAJOR + "." + file.formatMinorVersion;
    }

    /** The contigs in the order of the file. */
    public List<String> contigs() {
        return file.contigNames;
    }

    /** The site with the given index. */
    public Site site(int siteIndex) {
        checkSiteIndex(siteIndex);
        int block = file.blockOfSite(siteIndex);
        return withReader(reader -> reader.sites(block).site(siteIndex - file.blocks[block].firstSite()));
    }

    /** The sites in a region, in file order. */
    public List<Site> sites(GenomicRegion region) {
        requireNonNull(region, "region is null");
        List<Site> result = new ArrayList<>();
        SegmentCursor cursor = cursor(region);
        while (cursor.next()) {
            result.add(cursor.site());
        }
        return List.copyOf(result);
    }

    /** The index of a site, or empty when the segment does not hold it. */
    public OptionalInt indexOf(Site site) {
        requireNonNull(site, "site is null");
        int contig = file.contigIndex(site.contig());
        if (contig < 0) {
            return OptionalInt.empty();
        }
        ContigEntry entry = file.contigs[contig];
        return withReader(reader -> {
            for (int block = file.firstBlockReaching(contig, site.position());
                    block < entry.firstBlock() + entry.blockCount() && file.blocks[block].firstPosition() <= site.position();
                    block++) {
                SiteFrame sites = reader.sites(block);
                for (int index = sites.lowerBound(site.position());
                        index < sites.siteCount() && sites.position(index) == site.position(); index++) {
                    if (sites.allelesEqual(index, site.reference(), site.alternate())) {
                        return OptionalInt.of(sites.firstSite() + index);
                    }
                }
            }
            return OptionalInt.empty();
        });
    }

    /**
     * The calls of one sample at every site in a region (one position: {@link GenomicRegion#locus}).
     * Empty when the sample is erased.
     */
    public List<SiteCall> callsOfSample(int sampleIndex, GenomicRegion region) {
        checkSampleIndex(sampleIndex);
        requireNonNull(region, "region is null");
        if (!visible.contains(sampleIndex)) {
            return List.of();
        }
        List<SiteCall> result = new ArrayList<>();
        SegmentCursor cursor = cursor(region);
        while (cursor.next()) {
            result.add(new SiteCall(cursor.siteIndex(), cursor.site(), cursor.genotype(sampleIndex)));
        }
        return List.copyOf(result);
    }

    /** The calls of every visible sample at every site in a region. */
    public List<SiteGenotypes> calls(GenomicRegion region) {
        requireNonNull(region, "region is null");
        List<SiteGenotypes> result = new ArrayList<>();
        SegmentCursor cursor = cursor(region);
        byte[] codes = new byte[file.sampleCount];
        int[] samples = visible.toIndices();
        while (cursor.next()) {
            cursor.copyCallsTo(codes, 0);
            List<SampleCall> calls = new ArrayList<>(samples.length);
            for (int sample : samples) {
                calls.add(new SampleCall(sample, Genotype.of(codes[sample])));
            }
            result.add(new SiteGenotypes(cursor.siteIndex(), cursor.site(), calls));
        }
        return List.copyOf(result);
    }

    /**
     * Streams every site in the region with its calls as genotype codes ({@link Genotype#of(byte)}), one byte per sample
     * indexed by sample, without an object per call: for scans over many samples and sites (polygenic scores). The codes
     * array is reused from site to site; codes of erased samples are left in it, so skip the samples you do not show.
     */
    public void forEachSiteCodes(GenomicRegion region, SiteCodesVisitor visitor) {
        requireNonNull(region, "region is null");
        requireNonNull(visitor, "visitor is null");
        SegmentCursor cursor = cursor(region);
        byte[] codes = new byte[file.sampleCount];
        while (cursor.next()) {
            cursor.copyCallsTo(codes, 0);
            visitor.site(cursor.siteIndex(), cursor.site(), codes);
        }
    }

    /** Receives one site's genotype codes (see {@link #forEachSiteCodes}). */
    @FunctionalInterface
    public interface SiteCodesVisitor {
        void site(int siteIndex, Site site, byte[] codes);
    }

    /**
     * The carriers of a site: every visible sample whose call holds at least one ALT allele (het,
     * hom-alt, haploid ALT, and partly missing calls such as {@code ./1}), in increasing sample index.
     */
    public List<SampleCall> carriers(int siteIndex) {
        checkSiteIndex(siteIndex);
        int block = file.blockOfSite(siteIndex);
        int indexInBlock = siteIndex - file.blocks[block].firstSite();
        byte[] codes = new byte[file.sampleCount];
        withReader(reader -> {
            SiteWalker walker = new SiteWalker(file.sampleCount);
            try {
                walker.start(reader.genotypes(block));
                for (int index = 0; index <= indexInBlock; index++) {
                    walker.next();
                }
                walker.calls(codes, 0);
            } catch (MalformedFrameException | IndexOutOfBoundsException malformed) {
                throw file.corruptBlock(block, "has a malformed genotype frame (" + malformed.getMessage() + ")");
            }
            return null;
        });
        List<SampleCall> result = new ArrayList<>();
        for (int sample = 0; sample < codes.length; sample++) {
            if (GenotypeCodes.alternateAlleleCount(codes[sample]) > 0 && visible.contains(sample)) {
                result.add(new SampleCall(sample, Genotype.of(codes[sample])));
            }
        }
        return List.copyOf(result);
    }

    /** A cursor over every site of the segment, in file order. */
    public SegmentCursor cursor() {
        checkOpen();
        return new SegmentCursor(file, visible, erased.isEmpty(), 0, file.blocks.length - 1, null);
    }

    /** A cursor over the sites in a region. */
    public SegmentCursor cursor(GenomicRegion region) {
        requireNonNull(region, "region is null");
        checkOpen();
        int contig = file.contigIndex(region.contig());
        if (contig < 0) {
            return new SegmentCursor(file, visible, erased.isEmpty(), 0, -1, region);
        }
        ContigEntry entry = file.contigs[contig];
        int first = file.firstBlockReaching(contig, region.start());
        int last = first - 1;
        while (last + 1 < entry.firstBlock() + entry.blockCount() && file.blocks[last + 1].firstPosition() <= region.end()) {
            last++;
        }
        return new SegmentCursor(file, visible, erased.isEmpty(), first, last, region);
    }

    /** AC, AN, HOM of every site over the given samples (minus erased ones), on one thread. */
    public AlleleCounts countAlleles(SampleSet samples) {
        return countAlleles(samples, 1);
    }

    /** AC, AN, HOM of every site over the given samples (minus erased ones), on up to {@code threads} threads. */
    public AlleleCounts countAlleles(SampleSet samples, int threads) {
        requireNonNull(samples, "samples is null");
        return countAlleles(List.of(samples), threads).get(0);
    }

    /**
     * AC, AN, HOM of every site for several sample sets (for example populations) in one pass over
     * the data, on up to {@code threads} threads. The result has one entry per set, in order.
     */
    public List<AlleleCounts> countAlleles(List<SampleSet> sampleSets, int threads) {
        requireNonNull(sampleSets, "sampleSets is null");
        if (sampleSets.isEmpty()) {
            throw new IllegalArgumentException("give at least one sample set");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " is below 1");
        }
        checkOpen();
        int populations = sampleSets.size();
        int sampleCount = file.sampleCount;
        int siteCount = file.siteCount;
        long[][] words = new long[populations][];
        long[][] masks = new long[populations][SegmentFormat.denseWords(sampleCount)];
        int[] sizes = new int[populations];
        for (int population = 0; population < populations; population++) {
            SampleSet set = requireNonNull(sampleSets.get(population), "sample set is null");
            checkSampleSet(set, "sample set " + population);
            SampleSet effective = set.minus(erased);
            words[population] = java.util.Arrays.copyOf(effective.toWords(), SegmentFormat.ploidyWords(sampleCount) + 1);
            SegmentFormat.expand(words[population], masks[population], masks[population].length);
            sizes[population] = effective.size();
        }
        int[][] alleleCounts = new int[populations][siteCount];
        int[][] alleleNumbers = new int[populations][siteCount];
        int[][] homozygous = new int[populations][siteCount];
        int[][] hemizygous = new int[populations][siteCount];
        AtomicInteger nextBlock = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        int blockCount = file.blocks.length;
        Runnable worker = () -> {
            CountingKernel kernel = new CountingKernel(sampleCount, words, masks, sizes, alleleCounts, alleleNumbers,
                    homozygous, hemizygous);
            BlockReader reader = file.borrowReader();
            try {
                int block;
                while (failure.get() == null && (block = nextBlock.getAndIncrement()) < blockCount) {
                    GenotypeFrame frame = reader.genotypes(block);
                    try {
                        kernel.countBlock(frame, file.blocks[block].firstSite());
                    } catch (MalformedFrameException | IndexOutOfBoundsException malformed) {
                        throw file.corruptBlock(block, "has a malformed genotype frame (" + malformed.getMessage() + ")");
                    }
                }
            } catch (RuntimeException problem) {
                failure.compareAndSet(null, problem);
            } finally {
                file.releaseReader(reader);
            }
        };
        int workers = Math.max(1, Math.min(threads, blockCount));
        List<Thread> helpers = new ArrayList<>();
        for (int helper = 1; helper < workers; helper++) {
            Thread thread = new Thread(worker, "permed-count-" + helper);
            thread.setDaemon(true);
            thread.start();
            helpers.add(thread);
        }
        worker.run();
        for (Thread helper : helpers) {
            try {
                helper.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, new IllegalStateException("interrupted while counting", interrupted));
                nextBlock.set(blockCount);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        List<AlleleCounts> result = new ArrayList<>(populations);
        for (int population = 0; population < populations; population++) {
            result.add(new AlleleCounts(sizes[population], alleleCounts[population], alleleNumbers[population],
                    homozygous[population], hemizygous[population]));
        }
        return List.copyOf(result);
    }

    /** Closes the file if this is the segment returned by {@link #open}; views do nothing. */
    @Override
    public void close() {
        if (owner) {
            file.close();
        }
    }

    @Override
    public String toString() {
        return "Segment[" + file.path + ", " + file.sampleCount + " samples, " + file.siteCount + " sites"
                + (erased.isEmpty() ? "" : ", " + erased.size() + " erased") + "]";
    }

    /** The open file, for tests in this package. */
    SegmentFile file() {
        return file;
    }

    /** Receives sites in file order from {@link #forEachSite}. */
    @FunctionalInterface
    public interface SiteVisitor {
        void site(int siteIndex, Site site);
    }

    /**
     * Visits every site in file order, reading only the site frames (no genotype is decoded): the
     * cheap way to list a segment's variants, e.g. beside {@link #countAlleles} results.
     */
    public void forEachSite(SiteVisitor visitor) {
        requireNonNull(visitor, "visitor is null");
        withReader(reader -> {
            for (int block = 0; block < file.blocks.length; block++) {
                SiteFrame frame = reader.sites(block);
                for (int index = 0; index < frame.siteCount(); index++) {
                    Site site;
                    try {
                        site = frame.site(index);
                    } catch (MalformedFrameException malformed) {
                        throw file.corruptBlock(block, "has a malformed site frame (" + malformed.getMessage() + ")");
                    }
                    visitor.site(frame.firstSite() + index, site);
                }
            }
            return null;
        });
    }

    private interface ReaderTask<T> {
        T run(BlockReader reader);
    }

    private <T> T withReader(ReaderTask<T> task) {
        checkOpen();
        BlockReader reader = file.borrowReader();
        try {
            return task.run(reader);
        } finally {
            file.releaseReader(reader);
        }
    }

    private void checkOpen() {
        if (file.isClosed()) {
            throw file.closedError();
        }
    }

    private void checkSiteIndex(int siteIndex) {
        if (siteIndex < 0 || siteIndex >= file.siteCount) {
            throw new PermedException(ColumnarErrorCode.SITE_INDEX_OUT_OF_RANGE, "site index " + siteIndex
                    + " is outside 0.." + (file.siteCount - 1) + " of segment " + file.path.getFileName(),
                    Map.of("siteIndex", siteIndex, "siteCount", file.siteCount));
        }
    }

    private void checkSampleIndex(int sampleIndex) {
        if (sampleIndex < 0 || sampleIndex >= file.sampleCount) {
            throw new PermedException(ColumnarErrorCode.SAMPLE_INDEX_OUT_OF_RANGE, "sample index " + sampleIndex
                    + " is outside 0.." + (file.sampleCount - 1) + " of segment " + file.path.getFileName(),
                    Map.of("sampleIndex", sampleIndex, "sampleCount", file.sampleCount));
        }
    }

    private void checkSampleSet(SampleSet set, String what) {
        if (set.sampleCount() != file.sampleCount) {
            throw new PermedException(ColumnarErrorCode.SAMPLE_COUNT_MISMATCH, what + " is for " + set.sampleCount()
                    + " samples but segment " + file.path.getFileName() + " has " + file.sampleCount,
                    Map.of("expected", file.sampleCount, "actual", set.sampleCount()));
        }
    }
}
