package no.permed.columnar.segment;

import static java.util.Objects.requireNonNull;

/**
 * How a {@link SegmentWriter} lays out and compresses blocks. The defaults were measured on 1000
 * Genomes data and on a worst case of common sites without linkage (see the module's FORMAT.md and
 * BENCHMARKS.md); change them only for experiments or a known workload.
 *
 * @param compressionLevel the Deflate level, 0 (never Deflate) to 9; higher is smaller and slower
 *     to write (level 6 is 4 to 8 % smaller than the default 1 on 1000 Genomes data and 2.5 times
 *     slower on dense data), reading speed hardly changes. Used when {@code compression} is
 *     {@link Compression#DEFLATE} or {@link Compression#AUTO}
 * @param targetBlockBytes a block is closed once its uncompressed genotype and site data reach this
 *     many bytes (at least 4 KiB); smaller blocks make single-locus lookups faster
 * @param maxSitesPerBlock a block is closed once it holds this many sites (1 to 1,000,000)
 * @param minimumSavingPercent a frame is compressed only when that saves at least this share of its
 *     bytes (0 to 100), otherwise stored as it is. Stored frames count fastest (no decompression);
 *     compressed ones are smaller. With 30, high-entropy dense data (common variants without
 *     linkage) is stored uncompressed
 * @param compression which codecs the writer may use for a frame (see {@link Compression})
 * @param zstdLevel the zstd level, 1 to 19; higher is smaller and slower to write, reading speed
 *     hardly changes. Used when {@code compression} is {@link Compression#ZSTD} or {@link Compression#AUTO}
 */
public record SegmentWriterOptions(int compressionLevel, int targetBlockBytes, int maxSitesPerBlock, int minimumSavingPercent,
        Compression compression, int zstdLevel) {

    /** The codecs a writer may choose from for each frame; a frame that does not save enough is always stored. */
    public enum Compression {
        /** Deflate (codec 1) at {@link #compressionLevel()}, as format 1.0 writers did; readable by every reader. */
        DEFLATE,
        /** Zstandard (codec 2) at {@link #zstdLevel()}; about four times faster to decompress than Deflate. */
        ZSTD,
        /**
         * Per frame the smaller of Deflate and zstd, zstd unless Deflate saves more than
         * {@link SegmentWriter#AUTO_DEFLATE_MARGIN_PERCENT} % more: smallest files, twice the compression work.
         */
        AUTO
    }

    private static final int DEFAULT_MINIMUM_SAVING_PERCENT = 20;
    private static final Compression DEFAULT_COMPRESSION = Compression.ZSTD;
    private static final int DEFAULT_ZSTD_LEVEL = 1;
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
        requireNonNull(compression, "compression is null");
        if (zstdLevel < 1 || zstdLevel > 19) {
            throw new IllegalArgumentException("zstdLevel " + zstdLevel + " is outside 1..19");
        }
    }

    /** Options with the default codec choice and zstd level ({@code compressionLevel} is the Deflate level). */
    public SegmentWriterOptions(int compressionLevel, int targetBlockBytes, int maxSitesPerBlock, int minimumSavingPercent) {
        this(compressionLevel, targetBlockBytes, maxSitesPerBlock, minimumSavingPercent, DEFAULT_COMPRESSION, DEFAULT_ZSTD_LEVEL);
    }

    /** Options with the default minimum saving, codec choice and zstd level. */
    public SegmentWriterOptions(int compressionLevel, int targetBlockBytes, int maxSitesPerBlock) {
        this(compressionLevel, targetBlockBytes, maxSitesPerBlock, DEFAULT_MINIMUM_SAVING_PERCENT);
    }

    /** The default options. */
    public static SegmentWriterOptions defaults() {
        return DEFAULTS;
    }

    /** These options with another Deflate level. */
    public SegmentWriterOptions withCompressionLevel(int level) {
        return new SegmentWriterOptions(level, targetBlockBytes, maxSitesPerBlock, minimumSavingPercent, compression, zstdLevel);
    }

    /** These options with other block limits. */
    public SegmentWriterOptions withBlockLimits(int targetBytes, int maxSites) {
        return new SegmentWriterOptions(compressionLevel, targetBytes, maxSites, minimumSavingPercent, compression, zstdLevel);
    }

    /** These options with another minimum saving for compression. */
    public SegmentWriterOptions withMinimumSavingPercent(int percent) {
        return new SegmentWriterOptions(compressionLevel, targetBlockBytes, maxSitesPerBlock, percent, compression, zstdLevel);
    }

    /** These options with another codec choice. */
    public SegmentWriterOptions withCompression(Compression choice) {
        return new SegmentWriterOptions(compressionLevel, targetBlockBytes, maxSitesPerBlock, minimumSavingPercent, choice,
                zstdLevel);
    }

    /** These options with another zstd level. */
    public SegmentWriterOptions withZstdLevel(int level) {
        return new SegmentWriterOptions(compressionLevel, targetBlockBytes, maxSitesPerBlock, minimumSavingPercent, compression,
                level);
    }
}
