package no.permed.columnar.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Test tool: rebuilds a segment file block by block with other stored frames (another codec, damaged
 * bytes), recomputing the block, index and header checksums so that only the frames differ.
 */
final class SegmentRewriter {
    /** One stored frame as the directory describes it. */
    record Frame(int codec, byte[] stored, int rawLength) {
    }

    /** The frames to write for a block, given the frames the source file holds. */
    interface BlockEditor {
        Frame[] edit(int block, Frame siteFrame, Frame genotypeFrame);
    }

    private SegmentRewriter() {
    }

    /** The stored frames of every block: {@code [block][0]} site frame, {@code [block][1]} genotype frame. */
    static Frame[][] frames(Path source) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        BlockEntry[] blocks;
        try (Segment segment = Segment.open(source)) {
            blocks = SegmentInspector.file(segment).blocks;
        }
        Frame[][] frames = new Frame[blocks.length][];
        for (int block = 0; block < blocks.length; block++) {
            BlockEntry entry = blocks[block];
            int offset = (int) entry.fileOffset();
            frames[block] = new Frame[] {
                new Frame(entry.siteFrameCodec(), Arrays.copyOfRange(bytes, offset, offset + entry.siteFrameStoredLength()),
                        entry.siteFrameRawLength()),
                new Frame(entry.genotypeFrameCodec(), Arrays.copyOfRange(bytes, offset + entry.siteFrameStoredLength(),
                        (int) entry.endOffset()), entry.genotypeFrameRawLength())};
        }
        return frames;
    }

    /** Writes {@code target}: the header and contig table of {@code source}, the blocks the editor gives. */
    static void rewrite(Path source, Path target, BlockEditor editor) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        Frame[][] frames = frames(source);
        BlockEntry[] blocks;
        try (Segment segment = Segment.open(source)) {
            blocks = SegmentInspector.file(segment).blocks;
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, SegmentFormat.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        long indexOffset = header.getLong(32);
        int indexLength = header.getInt(40);
        int contigTableLength = indexLength - blocks.length * SegmentFormat.BLOCK_ENTRY_LENGTH;

        ByteSink body = new ByteSink(bytes.length * 2);
        body.writeBytes(bytes, 0, SegmentFormat.HEADER_LENGTH);
        ByteBuffer directory = ByteBuffer.allocate(blocks.length * SegmentFormat.BLOCK_ENTRY_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C checksum = new CRC32C();
        for (int block = 0; block < blocks.length; block++) {
            Frame[] edited = editor.edit(block, frames[block][0], frames[block][1]);
            BlockEntry entry = blocks[block];
            long offset = body.size();
            body.writeBytes(edited[0].stored(), 0, edited[0].stored().length);
            body.writeBytes(edited[1].stored(), 0, edited[1].stored().length);
            checksum.reset();
            checksum.update(edited[0].stored());
            checksum.update(edited[1].stored());
            directory.putInt(entry.contigIndex()).putInt(entry.firstSite()).putInt(entry.siteCount())
                    .putInt(entry.firstPosition()).putInt(entry.lastPosition()).putLong(offset)
                    .putInt(edited[0].stored().length).putInt(edited[0].rawLength())
                    .putInt(edited[1].stored().length).putInt(edited[1].rawLength())
                    .put((byte) edited[0].codec()).put((byte) edited[1].codec()).putShort((short) 0)
                    .putInt((int) checksum.getValue());
        }
        long newIndexOffset = body.size();
        body.writeBytes(bytes, (int) indexOffset, contigTableLength);
        body.writeBytes(directory.array(), 0, directory.capacity());
        byte[] result = Arrays.copyOf(body.array(), body.size());
        ByteBuffer newHeader = ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN);
        checksum.reset();
        checksum.update(result, (int) newIndexOffset, indexLength);
        newHeader.putLong(32, newIndexOffset);
        newHeader.putInt(44, (int) checksum.getValue());
        newHeader.putLong(48, result.length);
        checksum.reset();
        checksum.update(result, 0, 60);
        newHeader.putInt(60, (int) checksum.getValue());
        Files.write(target, result);
    }
}
