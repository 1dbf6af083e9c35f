package no.permed.columnar.segment;

/**
 * How a {@link SegmentWriter} lays out and compresses blocks. The defaults were measured on 1000
 * Genomes data (see the module's FORMAT.md); change them only for experiments or a known workload.
 *
 * @param compressionLevel the Deflate level, 0 (store everything) to 9; higher is smaller and slower
 *     to write (level 6 is 4 to 8 % smaller than the default 1 on 1000 Genomes data and 2.5 times
 *     slower on dense data), reading speed hardly changes
 * @param targetBlockBytes a block is closed once its uncompressed genotype and site data reach this
 *     many bytes (at least 4 KiB); smaller blocks make single-locus lookups faster
 * @param maxSitesPerBlock a block is closed once it holds this many sites (1 to 1,000,000)
 * @param minimumSavingPercent a frame is compressed only when that saves at least this share of its
 *     bytes (0 to 100), otherwise stored as it is. Stored frames count several times faster than
 *     Deflate-compressed ones (no decompression); compressed ones are smaller. The default, 20, keeps
 *     real 1000 Genomes data below pgen's size; 30 stores high-entropy dense data (common variants
 *     without linkage) uncompressed for the fastest scans
 */
public record SegmentWriterOptions(int compressionLevel, int targetBlockBytes, int maxSitesPerBlock, int minimumSavingPercent) {
    private static final int DEFAULT_MINIMUM_SAVING_PERCENT = 20;
    private static final SegmentWriterOptions DEFAULTS = new SegmentWriterOptions(1, 256 * 1024, 8192);

    public SegmentWriterOptions {
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new IllegalArgumentException("compressionLevel " + compressionLevel + " is outside 0..9");
        }
        if (targetBlockBytes < 4096) {
            throw new IllegalArgumentException("targetBlockBytes " + targetBlockBytes + " is below 4096");
        }
        if (maxSitesPerBlock < 1 || maxSitesPerBlock > 1_000_000) {
            throw new IllegalArgumentException("maxSitesPerBlock " + maxSitesPerBlock + " is outside 1..1000000");
        }
        if (minimumSavingPercent < 0 || minimumSavingPercent > 100) {
            throw new IllegalArgumentException("minimumSavingPercent " + minimumSavingPercent + " is outside 0..100");
        }
    }

    /** Options with the default minimum saving. */
    public SegmentWriterOptions(int compressionLevel, int targetBlockBytes, int maxSitesPerBlock) {
        this(compressionLevel, targetBlockBytes, maxSitesPerBlock, DEFAULT_MINIMUM_SAVING_PERCENT);
    }

    /** The default options. */
    public static SegmentWriterOptions defaults() {
        return DEFAULTS;
    }

    /** These options with another compression level. */
    public SegmentWriterOptions withCompressionLevel(int level) {
        return new SegmentWriterOptions(level, targetBlockBytes, maxSitesPerBlock, minimumSavingPercent);
    }

    /** These options with other block limits. */
    public SegmentWriterOptions withBlockLimits(int targetBytes, int maxSites) {
        return new SegmentWriterOptions(compressionLevel, targetBytes, maxSites, minimumSavingPercent);
    }

    /** These options with another minimum saving for compression. */
    public SegmentWriterOptions withMinimumSavingPercent(int percent) {
        return new SegmentWriterOptions(compressionLevel, targetBlockBytes, maxSitesPerBlock, percent);
    }
}
