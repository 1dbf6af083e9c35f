package no.permed.columnar.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.CRC32C;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.columnar.Site;
import no.permed.kernel.PermedException;

/**
 * An open segment file: header and index checked and in memory, blocks read on demand with
 * positional reads. Thread-safe; shared by a {@link Segment} and its views.
 */
final class SegmentFile implements AutoCloseable {
    private static final int POOLED_READERS = 4;

    final Path path;
    final int sampleCount;
    final int siteCount;
    final int formatMinorVersion;
    final ContigEntry[] contigs;
    final BlockEntry[] blocks;
    final List<String> contigNames;
    final long fileLength;
    private final Map<String, Integer> contigIndex;
    private final FileChannel channel;
    private final ConcurrentLinkedQueue<BlockReader> pool = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    private SegmentFile(Path path, FileChannel channel, int sampleCount, int siteCount, int formatMinorVersion,
            ContigEntry[] contigs, BlockEntry[] blocks, long fileLength) {
        this.path = path;
        this.channel = channel;
        this.sampleCount = sampleCount;
        this.siteCount = siteCount;
        this.formatMinorVersion = formatMinorVersion;
        this.contigs = contigs;
        this.blocks = blocks;
        this.fileLength = fileLength;
        Map<String, Integer> byName = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int index = 0; index < contigs.length; index++) {
            byName.put(contigs[index].name(), index);
            names.add(contigs[index].name());
        }
        this.contigIndex = byName;
        this.contigNames = Collections.unmodifiableList(names);
    }

    static SegmentFile open(Path path) {
        Path absolute = path.toAbsolutePath();
        FileChannel channel;
        try {
            channel = FileChannel.open(absolute, StandardOpenOption.READ);
        } catch (NoSuchFileException missing) {
            throw new PermedException(ColumnarErrorCode.SEGMENT_NOT_FOUND, "segment " + absolute
                    + " does not exist; check the catalogue entry and the data directory", Map.of("file", absolute.toString()));
        } catch (IOException failure) {
            throw SegmentWriter.ioFailure("cannot open segment " + absolute, absolute, failure);
        }
        try {
            return read(absolute, channel);
        } catch (RuntimeException failure) {
            closeQuietly(channel);
            throw failure;
        } catch (IOException failure) {
            closeQuietly(channel);
            throw SegmentWriter.ioFailure("cannot read segment " + absolute, absolute, failure);
        }
    }

    private static SegmentFile read(Path path, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < SegmentFormat.HEADER_LENGTH) {
            if (size >= SegmentFormat.MAGIC.length && !startsWithMagic(channel)) {
                throw notASegment(path);
            }
            throw new PermedException(ColumnarErrorCode.TRUNCATED_SEGMENT, "segment " + path + " is truncated: it has "
                    + size + " bytes, less than the " + SegmentFormat.HEADER_LENGTH + "-byte header; restore it from a"
                    + " backup or ingest its source again", Map.of("file", path.toString(), "bytes", size));
        }
        ByteBuffer header = ByteBuffer.allocate(SegmentFormat.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, header, 0, path);
        byte[] headerBytes = header.array();
        if (!Arrays.equals(headerBytes, 0, 8, SegmentFormat.MAGIC, 0, 8)) {
            throw notASegment(path);
        }
        CRC32C checksum = new CRC32C();
        checksum.update(headerBytes, 0, 60);
        if ((int) checksum.getValue() != header.getInt(60)) {
            throw corruptFile(path, "its header failed the CRC32C check");
        }
        int major = header.getShort(8) & 0xFFFF;
        int minor = header.getShort(10) & 0xFFFF;
        if (major != SegmentFormat.VERSION_MAJOR) {
            throw new PermedException(ColumnarErrorCode.UNSUPPORTED_FORMAT_VERSION, "segment " + path + " has format version "
                    + major + "." + minor + " but this permed reads version " + SegmentFormat.VERSION_MAJOR + ".x"
                    + (major > SegmentFormat.VERSION_MAJOR ? "; upgrade permed to read it" : "; convert it with an older permed"),
                    Map.of("file", path.toString(), "version", major + "." + minor));
        }
        int sampleCount = header.getInt(12);
        int siteCount = header.getInt(16);
        int blockCount = header.getInt(20);
        int contigCount = header.getInt(24);
        long indexOffset = header.getLong(32);
        int indexLength = header.getInt(40);
        int indexChecksum = header.getInt(44);
        long fileLength = header.getLong(48);
        if (fileLength != size) {
            throw new PermedException(ColumnarErrorCode.TRUNCATED_SEGMENT, "segment " + path + " has " + size
                    + " bytes but its header records " + fileLength + ": the file was "
                    + (size < fileLength ? "truncated" : "appended to") + " after it was written; restore it from a backup"
                    + " or ingest its source again", Map.of("file", path.toString(), "bytes", size, "expectedBytes", fileLength));
        }
        if (sampleCount < 0 || siteCount < 0 || blockCount < 0 || contigCount < 0 || indexLength < 0
                || indexOffset < SegmentFormat.HEADER_LENGTH || indexOffset + indexLength != fileLength
                || (long) blockCount * SegmentFormat.BLOCK_ENTRY_LENGTH > indexLength) {
            throw corruptFile(path, "its header holds impossible counts or offsets");
        }
        ByteBuffer index = ByteBuffer.allocate(indexLength).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, index, indexOffset, path);
        checksum.reset();
        checksum.update(index.array(), 0, indexLength);
        if ((int) checksum.getValue() != indexChecksum) {
            throw corruptFile(path, "its index (block directory) failed the CRC32C check");
        }
        index.flip();
        try {
            ContigEntry[] contigs = new ContigEntry[contigCount];
            Map<String, Integer> seen = new HashMap<>();
            for (int contig = 0; contig < contigCount; contig++) {
                int nameLength = index.getShort() & 0xFFFF;
                byte[] name = new byte[nameLength];
                index.get(name);
                String contigName = new String(name, StandardCharsets.US_ASCII);
                Site.checkContig(contigName);
                if (seen.put(contigName, contig) != null) {
                    throw corruptFile(path, "its index lists contig " + contigName + " twice");
                }
                contigs[contig] = new ContigEntry(contigName, index.getInt(), index.getInt(), index.getInt(), index.getInt());
            }
            BlockEntry[] blocks = new BlockEntry[blockCount];
            for (int block = 0; block < blockCount; block++) {
                blocks[block] = new BlockEntry(index.getInt(), index.getInt(), index.getInt(), index.getInt(), index.getInt(),
                        index.getLong(), index.getInt(), index.getInt(), index.getInt(), index.getInt(), index.get() & 0xFF,
                        index.get() & 0xFF, skipShortThenInt(index));
            }
            if (index.hasRemaining()) {
                throw corruptFile(path, "its index has " + index.remaining() + " bytes after the block directory");
            }
            checkIndex(path, sampleCount, siteCount, contigs, blocks, indexOffset);
            return new SegmentFile(path, channel, sampleCount, siteCount, minor, contigs, blocks, fileLength);
        } catch (java.nio.BufferUnderflowException | PermedException malformed) {
            if (malformed instanceof PermedException permed && (permed.errorCode() == ColumnarErrorCode.CORRUPT_SEGMENT
                    || permed.errorCode() == ColumnarErrorCode.UNSUPPORTED_FORMAT_VERSION)) {
                throw permed;
            }
            throw corruptFile(path, "its index is malformed (" + malformed.getMessage() + ")");
        }
    }

    private static int skipShortThenInt(ByteBuffer index) {
        if (index.getShort() != 0) {
            throw new java.nio.BufferUnderflowException();
        }
        return index.getInt();
    }

    private static void checkIndex(Path path, int sampleCount, int siteCount, ContigEntry[] contigs, BlockEntry[] blocks,
            long indexOffset) {
        int nextSite = 0;
        int nextBlock = 0;
        for (int contig = 0; contig < contigs.length; contig++) {
            ContigEntry entry = contigs[contig];
            if (entry.firstSite() != nextSite || entry.siteCount() < 1 || entry.firstBlock() != nextBlock || entry.blockCount() < 1) {
                throw corruptFile(path, "its index gives contig " + entry.name() + " impossible site or block ranges");
            }
            nextSite += entry.siteCount();
            nextBlock += entry.blockCount();
        }
        if (nextSite != siteCount || nextBlock != blocks.length) {
            throw corruptFile(path, "its contigs cover " + nextSite + " sites and " + nextBlock + " blocks, the header says "
                    + siteCount + " and " + blocks.length);
        }
        long offset = SegmentFormat.HEADER_LENGTH;
        nextSite = 0;
        for (int block = 0; block < blocks.length; block++) {
            BlockEntry entry = blocks[block];
            for (int codec : new int[] {entry.siteFrameCodec(), entry.genotypeFrameCodec()}) {
                if (codec > SegmentFormat.CODEC_ZSTD && codec < SegmentFormat.FIRST_INVALID_CODEC) {
                    throw new PermedException(ColumnarErrorCode.UNSUPPORTED_FORMAT_VERSION, "segment " + path + " block "
                            + block + " uses compression codec " + codec + ", which this permed does not know; upgrade permed"
                            + " to read it", Map.of("file", path.toString(), "block", block, "codec", codec));
                }
            }
            boolean valid = entry.contigIndex() >= 0 && entry.contigIndex() < contigs.length
                    && block >= contigs[entry.contigIndex()].firstBlock()
                    && block < contigs[entry.contigIndex()].firstBlock() + contigs[entry.contigIndex()].blockCount()
                    && entry.firstSite() == nextSite && entry.siteCount() >= 1
                    && entry.firstPosition() >= 1 && entry.firstPosition() <= entry.lastPosition()
                    && entry.fileOffset() == offset
                    && validFrame(entry.siteFrameStoredLength(), entry.siteFrameRawLength(), entry.siteFrameCodec())
                    && validFrame(entry.genotypeFrameStoredLength(), entry.genotypeFrameRawLength(), entry.genotypeFrameCodec());
            if (valid && block > 0 && blocks[block - 1].contigIndex() == entry.contigIndex()) {
                valid = blocks[block - 1].lastPosition() <= entry.firstPosition();
            }
            if (!valid) {
                throw corruptFile(path, "its index entry of block " + block + " is inconsistent");
            }
            nextSite += entry.siteCount();
            offset = entry.endOffset();
        }
        if (offset != indexOffset) {
            throw corruptFile(path, "its blocks end at byte " + offset + " but the index starts at byte " + indexOffset);
        }
        if (sampleCount > Integer.MAX_VALUE - 64) {
            throw corruptFile(path, "its sample count " + sampleCount + " is impossible");
        }
    }

    private static boolean validFrame(int storedLength, int rawLength, int codec) {
        if (storedLength < 0 || rawLength < 0 || rawLength > SegmentFormat.MAX_FRAME_LENGTH) {
            return false;
        }
        return switch (codec) {
            case SegmentFormat.CODEC_STORED -> storedLength == rawLength;
            case SegmentFormat.CODEC_DEFLATE, SegmentFormat.CODEC_ZSTD -> storedLength > 0;
            default -> false;
        };
    }

    private static boolean startsWithMagic(FileChannel channel) throws IOException {
        ByteBuffer magic = ByteBuffer.allocate(SegmentFormat.MAGIC.length);
        while (magic.hasRemaining() && channel.read(magic, magic.position()) > 0) {
            // keep reading
        }
        return Arrays.equals(magic.array(), SegmentFormat.MAGIC);
    }

    private static PermedException notASegment(Path path) {
        return new PermedException(ColumnarErrorCode.NOT_A_SEGMENT, "file " + path
                + " is not a permed genotype segment (its first bytes are not the segment magic); check the path",
                Map.of("file", path.toString()));
    }

    private static PermedException corruptFile(Path path, String problem) {
        return new PermedException(ColumnarErrorCode.CORRUPT_SEGMENT, "segment " + path + " is corrupt: " + problem
                + "; restore it from a backup or ingest its source again", Map.of("file", path.toString()));
    }

    /** The error for a block that failed a check; names file, block, its sites and contig. */
    PermedException corruptBlock(int block, String problem) {
        BlockEntry entry = blocks[block];
        String contig = contigs[entry.contigIndex()].name();
        return new PermedException(ColumnarErrorCode.CORRUPT_SEGMENT, "segment " + path + " is corrupt: block " + block
                + " of " + blocks.length + " (sites " + entry.firstSite() + "-" + (entry.firstSite() + entry.siteCount() - 1)
                + ", " + contig + ":" + entry.firstPosition() + "-" + entry.lastPosition() + ") " + problem
                + "; restore the file from a backup or ingest its source again",
                Map.of("file", path.toString(), "block", block, "contig", contig));
    }

    /** The index of a contig, or -1. */
    int contigIndex(String contig) {
        Integer index = contigIndex.get(contig);
        return index == null ? -1 : index;
    }

    /** The block holding a site. */
    int blockOfSite(int site) {
        int low = 0;
        int high = blocks.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (blocks[middle].firstSite() <= site) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    /** The first block of the contig whose last position is at least {@code position}, or the contig's end. */
    int firstBlockReaching(int contig, int position) {
        ContigEntry entry = contigs[contig];
        int low = entry.firstBlock();
        int high = entry.firstBlock() + entry.blockCount();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (blocks[middle].lastPosition() < position) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    void readBlock(int block, byte[] target) {
        BlockEntry entry = blocks[block];
        ByteBuffer buffer = ByteBuffer.wrap(target, 0, (int) entry.storedLength());
        try {
            readFully(channel, buffer, entry.fileOffset(), path);
        } catch (ClosedChannelException closedChannel) {
            throw closedError();
        } catch (IOException failure) {
            throw SegmentWriter.ioFailure("cannot read block " + block + " of segment " + path, path, failure);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path path) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new PermedException(ColumnarErrorCode.TRUNCATED_SEGMENT, "segment " + path
                        + " ended at byte " + at + " while reading; it was truncated after it was opened",
                        Map.of("file", path.toString()));
            }
            at += read;
        }
    }

    BlockReader borrowReader() {
        if (closed) {
            throw closedError();
        }
        BlockReader reader = pool.poll();
        return reader != null ? reader : new BlockReader(this);
    }

    void releaseReader(BlockReader reader) {
        if (!closed && pool.size() < POOLED_READERS) {
            pool.offer(reader);
        } else {
            reader.end();
        }
    }

    IllegalStateException closedError() {
        return new IllegalStateException("segment " + path + " is closed");
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(channel);
        BlockReader reader;
        while ((reader = pool.poll()) != null) {
            reader.end();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only channel: nothing to lose
        }
    }
}
