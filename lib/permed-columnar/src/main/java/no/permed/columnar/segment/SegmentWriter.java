package no.permed.columnar.segment;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.columnar.Site;
import no.permed.columnar.internal.AtomicFiles;
import no.permed.kernel.PermedException;

/**
 * Writes one genotype segment, once and atomically. Sites are added in order (each contig in one
 * run, positions non-decreasing within it, no site twice); {@link #commit()} publishes the file
 * under its final name; {@link #close()} without a commit deletes everything written.
 *
 * <p>The file is written to a temporary file in the target's directory (name
 * {@code .<target name>.<random>.tmp}), forced to disk, given its final name with an atomic hard
 * link (or an atomic rename where links are not supported) that never replaces an existing file,
 * and the directory is forced to disk. A crash at any moment leaves either no file at the final
 * name or the complete file; at most a temporary file remains, which
 * {@link #isTemporaryFileName(String)} recognises.
 *
 * <pre>{@code
 * try (SegmentWriter writer = SegmentWriter.create(path, sampleCount)) {
 *     SiteCalls calls = new SiteCalls(sampleCount);
 *     for (...) {
 *         calls.clear();
 *         calls.setDiploid(sample, GenotypeCodes.REFERENCE, GenotypeCodes.ALTERNATE, true);
 *         writer.add(new Site("22", 16050075, "A", "G"), calls);
 *     }
 *     WrittenSegment written = writer.commit();
 * }
 * }</pre>
 *
 * Not thread-safe: one thread feeds one writer.
 */
public final class SegmentWriter implements AutoCloseable {
    private enum State { OPEN, COMMITTED, CLOSED }

    /** The size of the trial compression of large frames. */
    private static final int TRIAL_BYTES = 32 * 1024;
    /**
     * With {@link SegmentWriterOptions.Compression#AUTO}, a frame is deflated rather than zstd-compressed
     * only when Deflate makes it smaller by at least this share of the zstd size (zstd decompresses
     * about four times faster).
     */
    public static final int AUTO_DEFLATE_MARGIN_PERCENT = 5;

    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final int sampleCount;
    private final SegmentWriterOptions options;
    private final BlockBuilder builder;
    /** Null unless the options allow Deflate. */
    private final Deflater deflater;
    /** Null unless the options allow zstd. */
    private final ZstdCompressCtx zstd;
    /** With AUTO: the Deflate output of the frame being compressed, swapped with the block's buffer when Deflate wins. */
    private byte[] alternative = new byte[0];
    private boolean codecsEnded;
    private final CRC32C checksum = new CRC32C();
    /** Two sets of frame buffers: the caller fills one while the compressor works on the other. */
    private final PendingBlock[] pending = {new PendingBlock(), new PendingBlock()};
    private int nextPending;
    /** Compresses and writes blocks in order on one background thread; null to do it in the caller. */
    private final ExecutorService compressor;
    private int blocksSubmitted;

    /** Filled by the compressing thread in block order; read by the caller only after waiting for it. */
    private final List<BlockEntry> blocks = new ArrayList<>();
    private final List<String> contigNames = new ArrayList<>();
    private final List<int[]> contigRanges = new ArrayList<>();
    private final Set<String> seenContigs = new HashSet<>();
    private final List<Site> sitesAtPosition = new ArrayList<>();
    private String currentContig;
    private int currentPosition;
    private int siteCount;
    private long fileOffset = SegmentFormat.HEADER_LENGTH;
    private State state = State.OPEN;

    private SegmentWriter(Path target, Path temporary, FileChannel channel, int sampleCount, SegmentWriterOptions options) {
        this.target = target;
        this.temporary = temporary;
        this.channel = channel;
        this.sampleCount = sampleCount;
        this.options = options;
        this.builder = new BlockBuilder(sampleCount);
        SegmentWriterOptions.Compression compression = options.compression();
        boolean compresses = options.minimumSavingPercent() < 100;
        this.deflater = compresses && options.compressionLevel() > 0 && compression != SegmentWriterOptions.Compression.ZSTD
                ? new Deflater(options.compressionLevel()) : null;
        this.zstd = compresses && compression != SegmentWriterOptions.Compression.DEFLATE ? new ZstdCompressCtx()
                .setLevel(options.zstdLevel()).setContentSize(true).setChecksum(false).setDictID(false) : null;
        this.compressor = Runtime.getRuntime().availableProcessors() > 1 ? Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "permed-segment-writer");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /** The raw frames of one block and its place in the file, on their way to the compressor. */
    private static final class PendingBlock {
        final ByteSink siteFrame = new ByteSink(64 * 1024);
        final ByteSink genotypeFrame = new ByteSink(256 * 1024);
        byte[] compressedSite = new byte[64 * 1024];
        byte[] compressedGenotype = new byte[256 * 1024];
        int blockIndex;
        int contigIndex;
        int firstSite;
        int siteCount;
        int firstPosition;
        int lastPosition;
        Future<?> task;
    }

    /** Starts a segment of {@code sampleCount} samples at {@code target} with the default options. */
    public static SegmentWriter create(Path target, int sampleCount) {
        return create(target, sampleCount, SegmentWriterOptions.defaults());
    }

    /**
     * Starts a segment at {@code target}, which must not exist; its directory must. Throws
     * {@link ColumnarErrorCode#SEGMENT_EXISTS} when the file exists.
     */
    public static SegmentWriter create(Path target, int sampleCount, SegmentWriterOptions options) {
        requireNonNull(target, "target is null");
        requireNonNull(options, "options is null");
        if (sampleCount < 0) {
            throw new PermedException(ColumnarErrorCode.SAMPLE_COUNT_MISMATCH, "sample count " + sampleCount + " is negative",
                    Map.of("sampleCount", sampleCount));
        }
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (Files.exists(absolute)) {
            throw AtomicFiles.exists(absolute);
        }
        if (directory == null || !Files.isDirectory(directory)) {
            throw new PermedException(ColumnarErrorCode.IO_FAILURE, "cannot write segment " + absolute
                    + ": the directory " + directory + " does not exist; create it first", Map.of("file", absolute.toString()));
        }
        Path temporary = null;
        try {
            temporary = AtomicFiles.createTemporarySibling(absolute);
            FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
            writeFully(channel, ByteBuffer.allocate(SegmentFormat.HEADER_LENGTH), 0);
            return new SegmentWriter(absolute, temporary, channel, sampleCount, options);
        } catch (IOException failure) {
            AtomicFiles.deleteQuietly(temporary);
            throw ioFailure("cannot create a temporary file for segment " + absolute, absolute, failure);
        }
    }

    /** Whether a file name is that of a temporary file left by a writer that did not finish. */
    public static boolean isTemporaryFileName(String fileName) {
        requireNonNull(fileName, "fileName is null");
        return fileName.startsWith(".") && fileName.endsWith(".tmp");
    }

    /** The number of samples of every site. */
    public int sampleCount() {
        return sampleCount;
    }

    /** The number of sites added so far. */
    public int siteCount() {
        return siteCount;
    }

    /**
     * Adds the next site with the calls of every sample. Throws {@link ColumnarErrorCode#SITE_OUT_OF_ORDER}
     * for a site out of order or repeated, {@link ColumnarErrorCode#INVALID_CALL} for an invalid call
     * code, {@link ColumnarErrorCode#SAMPLE_COUNT_MISMATCH} for a buffer of another size; after such an
     * error the writer is unchanged and may go on.
     */
    public void add(Site site, SiteCalls calls) {
        requireNonNull(site, "site is null");
        requireNonNull(calls, "calls is null");
        checkOpen();
        if (calls.sampleCount() != sampleCount) {
            throw new PermedException(ColumnarErrorCode.SAMPLE_COUNT_MISMATCH, "the calls of site " + site + " are for "
                    + calls.sampleCount() + " samples but segment " + target.getFileName() + " has " + sampleCount,
                    Map.of("expected", sampleCount, "actual", calls.sampleCount()));
        }
        if (siteCount == Integer.MAX_VALUE - 1) {
            throw new PermedException(ColumnarErrorCode.SITE_INDEX_OUT_OF_RANGE, "a segment holds at most "
                    + (Integer.MAX_VALUE - 1) + " sites; start another segment", Map.of("file", target.toString()));
        }
        boolean newContig = !site.contig().equals(currentContig);
        checkOrder(site, newContig);
        if (builder.siteCount() > 0 && (newContig || builder.siteCount() >= options.maxSitesPerBlock()
                || builder.rawSize() >= options.targetBlockBytes())) {
            flushBlock();
        }
        builder.add(site, calls.codes(), siteCount);
        if (newContig) {
            currentContig = site.contig();
            seenContigs.add(currentContig);
            contigNames.add(currentContig);
            contigRanges.add(new int[] {siteCount, 0, blocksSubmitted, 0});
            currentPosition = site.position();
            sitesAtPosition.clear();
        } else if (site.position() != currentPosition) {
            currentPosition = site.position();
            sitesAtPosition.clear();
        }
        sitesAtPosition.add(site);
        contigRanges.get(contigRanges.size() - 1)[1]++;
        siteCount++;
    }

    private void checkOrder(Site site, boolean newContig) {
        if (newContig) {
            if (seenContigs.contains(site.contig())) {
                throw new PermedException(ColumnarErrorCode.SITE_OUT_OF_ORDER, "site " + site + " returns to contig "
                        + site.contig() + " after contig " + currentContig + "; give the sites of each contig together",
                        Map.of("site", site.toString()));
            }
            return;
        }
        if (site.position() < currentPosition) {
            throw new PermedException(ColumnarErrorCode.SITE_OUT_OF_ORDER, "site " + site + " comes after position "
                    + currentPosition + " of contig " + currentContig + "; sort the sites by position",
                    Map.of("site", site.toString(), "previousPosition", currentPosition));
        }
        if (site.position() == currentPosition) {
            for (Site earlier : sitesAtPosition) {
                if (earlier.equals(site)) {
                    throw new PermedException(ColumnarErrorCode.SITE_OUT_OF_ORDER, "site " + site
                            + " was already added; each site appears once in a segment", Map.of("site", site.toString()));
                }
            }
        }
    }

    private void flushBlock() {
        if (builder.siteCount() == 0) {
            return;
        }
        PendingBlock block = pending[nextPending];
        nextPending ^= 1;
        awaitTask(block);
        builder.writeSiteFrame(block.siteFrame);
        builder.writeGenotypeFrame(block.genotypeFrame);
        block.blockIndex = blocksSubmitted++;
        block.contigIndex = contigNames.size() - 1;
        block.firstSite = siteCount - builder.siteCount();
        block.siteCount = builder.siteCount();
        block.firstPosition = builder.firstPosition();
        block.lastPosition = builder.lastPosition();
        contigRanges.get(block.contigIndex)[3]++;
        builder.reset();
        if (compressor == null) {
            compressAndWrite(block);
        } else {
            block.task = compressor.submit(() -> compressAndWrite(block));
        }
    }

    private void awaitTask(PendingBlock block) {
        Future<?> task = block.task;
        if (task == null) {
            return;
        }
        block.task = null;
        try {
            task.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("compressing a block failed", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new PermedException(ColumnarErrorCode.IO_FAILURE, "interrupted while writing segment " + target,
                    Map.of("file", target.toString()), interrupted);
        }
    }

    /** Runs on the compressor thread (or the caller's when there is only one processor), one block at a time in order. */
    private void compressAndWrite(PendingBlock block) {
        ByteSink siteFrame = block.siteFrame;
        ByteSink genotypeFrame = block.genotypeFrame;
        block.compressedSite = ensureCapacity(block.compressedSite, siteFrame.size());
        block.compressedGenotype = ensureCapacity(block.compressedGenotype, genotypeFrame.size());
        long siteResult = compress(siteFrame, block.compressedSite);
        if (siteResult < 0) {
            block.compressedSite = swapAlternative(block.compressedSite);
        }
        long genotypeResult = compress(genotypeFrame, block.compressedGenotype);
        if (genotypeResult < 0) {
            block.compressedGenotype = swapAlternative(block.compressedGenotype);
        }
        int siteCodec = codecOf(siteResult);
        int genotypeCodec = codecOf(genotypeResult);
        byte[] siteBytes = siteCodec == SegmentFormat.CODEC_STORED ? siteFrame.array() : block.compressedSite;
        int siteStored = siteCodec == SegmentFormat.CODEC_STORED ? siteFrame.size() : lengthOf(siteResult);
        byte[] genotypeBytes = genotypeCodec == SegmentFormat.CODEC_STORED ? genotypeFrame.array() : block.compressedGenotype;
        int genotypeStored = genotypeCodec == SegmentFormat.CODEC_STORED ? genotypeFrame.size() : lengthOf(genotypeResult);
        checksum.reset();
        checksum.update(siteBytes, 0, siteStored);
        checksum.update(genotypeBytes, 0, genotypeStored);
        BlockEntry entry = new BlockEntry(block.contigIndex, block.firstSite, block.siteCount, block.firstPosition,
                block.lastPosition, fileOffset, siteStored, siteFrame.size(), genotypeStored, genotypeFrame.size(), siteCodec,
                genotypeCodec, (int) checksum.getValue());
        try {
            writeFully(channel, ByteBuffer.wrap(siteBytes, 0, siteStored), fileOffset);
            writeFully(channel, ByteBuffer.wrap(genotypeBytes, 0, genotypeStored), fileOffset + siteStored);
        } catch (IOException failure) {
            throw ioFailure("cannot write block " + block.blockIndex + " of segment " + target, target, failure);
        }
        fileOffset += entry.storedLength();
        blocks.add(entry);
    }

    private static byte[] ensureCapacity(byte[] buffer, int length) {
        return buffer.length >= length ? buffer : new byte[Math.max(length, buffer.length * 2)];
    }

    /** Gives the block the alternative buffer (which holds the frame) and keeps the block's old one as the next alternative. */
    private byte[] swapAlternative(byte[] blockBuffer) {
        byte[] winner = alternative;
        alternative = blockBuffer;
        return winner;
    }

    /** The result of {@link #compress}: codec and stored length; negative when the alternative buffer holds the frame. */
    private static long result(int codec, int length, boolean inAlternative) {
        long packed = (long) codec << 32 | length;
        return inAlternative ? ~packed : packed;
    }

    private static int codecOf(long result) {
        return (int) ((result < 0 ? ~result : result) >>> 32);
    }

    private static int lengthOf(long result) {
        return (int) (result < 0 ? ~result : result);
    }

    /**
     * Compresses {@code raw} with the codecs the options allow (FORMAT.md, "Block"): returns
     * {@link SegmentFormat#CODEC_STORED} when no codec saves at least
     * {@link SegmentWriterOptions#minimumSavingPercent()} percent (the frame is then stored as it is, which
     * makes reading it as fast as a memory copy); otherwise the codec and compressed length, the
     * bytes in {@code out} or, for a negative result, in {@link #alternative}.
     */
    private long compress(ByteSink raw, byte[] out) {
        int size = raw.size();
        if (deflater == null && zstd == null || size == 0) {
            return result(SegmentFormat.CODEC_STORED, size, false);
        }
        if (size >= 4 * TRIAL_BYTES && !trialCompresses(raw.array(), size / 2 - TRIAL_BYTES / 2, out)) {
            return result(SegmentFormat.CODEC_STORED, size, false);
        }
        int limit = (int) ((long) size * (100 - options.minimumSavingPercent()) / 100);
        int zstdLength = zstd == null ? -1 : zstd(raw.array(), 0, size, out, limit);
        if (deflater == null) {
            return zstdLength < 0 ? result(SegmentFormat.CODEC_STORED, size, false)
                    : result(SegmentFormat.CODEC_ZSTD, zstdLength, false);
        }
        if (zstd == null) {
            int deflateLength = deflate(raw.array(), 0, size, out, limit);
            return deflateLength < 0 ? result(SegmentFormat.CODEC_STORED, size, false)
                    : result(SegmentFormat.CODEC_DEFLATE, deflateLength, false);
        }
        // AUTO: Deflate must beat zstd (or the limit) by the margin
        int deflateLimit = zstdLength < 0 ? limit : (int) ((long) zstdLength * (100 - AUTO_DEFLATE_MARGIN_PERCENT) / 100);
        alternative = ensureCapacity(alternative, out.length);
        int deflateLength = deflate(raw.array(), 0, size, alternative, deflateLimit);
        if (deflateLength >= 0) {
            return result(SegmentFormat.CODEC_DEFLATE, deflateLength, true);
        }
        return zstdLength < 0 ? result(SegmentFormat.CODEC_STORED, size, false)
                : result(SegmentFormat.CODEC_ZSTD, zstdLength, false);
    }

    /** Deflates {@code raw[offset, offset + length)} into {@code out}; the length, or -1 when that needs {@code limit} bytes or more. */
    private int deflate(byte[] raw, int offset, int length, byte[] out, int limit) {
        deflater.reset();
        deflater.setInput(raw, offset, length);
        deflater.finish();
        int written = 0;
        while (!deflater.finished()) {
            int room = limit - written;
            if (room <= 0) {
                return -1;
            }
            written += deflater.deflate(out, written, room);
        }
        return written < limit ? written : -1;
    }

    /**
     * Compresses {@code raw[offset, offset + length)} into {@code out} as one zstd frame with its
     * content size; the length, or -1 when that needs {@code limit} bytes or more.
     */
    private int zstd(byte[] raw, int offset, int length, byte[] out, int limit) {
        if (limit <= 0) {
            return -1;
        }
        int written;
        try {
            written = zstd.compressByteArray(out, 0, Math.min(limit, out.length), raw, offset, length);
        } catch (ZstdException failed) {
            if (failed.getErrorCode() == Zstd.errDstSizeTooSmall()) {
                return -1;
            }
            throw new IllegalStateException("zstd could not compress a frame of segment " + target + ": " + failed.getMessage(),
                    failed);
        }
        return written < limit ? written : -1;
    }

    /**
     * Compresses {@link #TRIAL_BYTES} from the middle of a large frame: when no allowed codec saves
     * the minimum saving there, the whole frame is not expected to either, and storing it saves the
     * time of compressing it in full (incompressible dense data).
     */
    private boolean trialCompresses(byte[] raw, int offset, byte[] scratch) {
        int limit = TRIAL_BYTES * (100 - options.minimumSavingPercent()) / 100;
        if (zstd != null && zstd(raw, offset, TRIAL_BYTES, scratch, limit) >= 0) {
            return true;
        }
        return deflater != null && deflate(raw, offset, TRIAL_BYTES, scratch, limit) >= 0;
    }

    /**
     * Finishes the segment and publishes it under its final name. After a failure here nothing is
     * published and the temporary file is deleted.
     */
    public WrittenSegment commit() {
        checkOpen();
        try {
            flushBlock();
            awaitTask(pending[0]);
            awaitTask(pending[1]);
            shutDownCompressor();
            ByteSink index = new ByteSink(1024 + blocks.size() * SegmentFormat.BLOCK_ENTRY_LENGTH);
            for (int contig = 0; contig < contigNames.size(); contig++) {
                byte[] name = contigNames.get(contig).getBytes(StandardCharsets.US_ASCII);
                int[] range = contigRanges.get(contig);
                index.writeByte(name.length & 0xFF);
                index.writeByte(name.length >>> 8);
                index.writeBytes(name, 0, name.length);
                index.writeIntLittleEndian(range[0]);
                index.writeIntLittleEndian(range[1]);
                index.writeIntLittleEndian(range[2]);
                index.writeIntLittleEndian(range[3]);
            }
            for (BlockEntry block : blocks) {
                index.writeIntLittleEndian(block.contigIndex());
                index.writeIntLittleEndian(block.firstSite());
                index.writeIntLittleEndian(block.siteCount());
                index.writeIntLittleEndian(block.firstPosition());
                index.writeIntLittleEndian(block.lastPosition());
                index.writeLongLittleEndian(block.fileOffset());
                index.writeIntLittleEndian(block.siteFrameStoredLength());
                index.writeIntLittleEndian(block.siteFrameRawLength());
                index.writeIntLittleEndian(block.genotypeFrameStoredLength());
                index.writeIntLittleEndian(block.genotypeFrameRawLength());
                index.writeByte(block.siteFrameCodec());
                index.writeByte(block.genotypeFrameCodec());
                index.writeByte(0);
                index.writeByte(0);
                index.writeIntLittleEndian(block.checksum());
            }
            long indexOffset = fileOffset;
            long fileLength = indexOffset + index.size();
            checksum.reset();
            checksum.update(index.array(), 0, index.size());
            int indexChecksum = (int) checksum.getValue();
            ByteBuffer header = ByteBuffer.allocate(SegmentFormat.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            header.put(SegmentFormat.MAGIC);
            header.putShort((short) SegmentFormat.VERSION_MAJOR);
            header.putShort((short) SegmentFormat.VERSION_MINOR);
            header.putInt(sampleCount);
            header.putInt(siteCount);
            header.putInt(blocks.size());
            header.putInt(contigNames.size());
            header.putInt(0);
            header.putLong(indexOffset);
            header.putInt(index.size());
            header.putInt(indexChecksum);
            header.putLong(fileLength);
            header.putInt(0);
            checksum.reset();
            checksum.update(header.array(), 0, 60);
            header.putInt((int) checksum.getValue());
            header.flip();
            writeFully(channel, ByteBuffer.wrap(index.array(), 0, index.size()), indexOffset);
            writeFully(channel, header, 0);
            channel.force(true);
            channel.close();
            AtomicFiles.publish(temporary, target);
            state = State.COMMITTED;
            return new WrittenSegment(target, sampleCount, siteCount, blocks.size(), fileLength);
        } catch (IOException failure) {
            abort();
            throw ioFailure("cannot finish segment " + target, target, failure);
        } catch (RuntimeException failure) {
            abort();
            throw failure;
        }
    }

    /** Deletes everything written unless {@link #commit()} succeeded. Safe to call more than once. */
    @Override
    public void close() {
        if (state == State.OPEN) {
            abort();
        }
    }

    private void shutDownCompressor() {
        if (compressor != null) {
            compressor.shutdownNow();
            try {
                if (!compressor.awaitTermination(1, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("the compressor thread of segment " + target + " did not stop");
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (codecsEnded) {
            return;
        }
        codecsEnded = true;
        if (deflater != null) {
            deflater.end();
        }
        if (zstd != null) {
            zstd.close();
        }
    }

    private void abort() {
        state = State.CLOSED;
        shutDownCompressor();
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was published; the temporary file is deleted below
        }
        AtomicFiles.deleteQuietly(temporary);
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("segment writer for " + target + " is "
                    + (state == State.COMMITTED ? "already committed" : "closed"));
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    static PermedException ioFailure(String message, Path file, IOException failure) {
        return new PermedException(ColumnarErrorCode.IO_FAILURE, message + ": " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")")
                + "; check free space and permissions", Map.of("file", file.toString()), new UncheckedIOException(failure));
    }
}
