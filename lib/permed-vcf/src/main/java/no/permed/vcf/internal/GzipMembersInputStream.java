package no.permed.vcf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import no.permed.vcf.VcfErrorCode;

/**
 * Decompresses a gzip file made of one or more members (plain gzip, concatenated gzip, and BGZF, which is a
 * series of small gzip members carrying a {@code BC} extra field) with {@link Inflater}. Unlike
 * {@link java.util.zip.GZIPInputStream} it treats every irregularity as an error: a member cut short, a CRC
 * or size mismatch, bytes after the last member that are not another member, and, for BGZF, a missing
 * end-of-file marker block (the 28-byte empty block bgzip writes last), which is how a BGZF file cut exactly
 * at a block boundary is recognised.
 */
public final class GzipMembersInputStream extends InputStream {
    private static final int FLAG_HEADER_CRC = 2;
    private static final int FLAG_EXTRA = 4;
    private static final int FLAG_NAME = 8;
    private static final int FLAG_COMMENT = 16;

    private final InputStream source;
    private final byte[] input = new byte[1 << 16];
    private int inputPosition;
    private int inputLimit;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 checksum = new CRC32();
    private boolean inMember;
    private boolean memberIsBgzf;
    private long memberOutputBytes;
    private int members;
    private boolean firstMemberWasBgzf;
    private boolean lastMemberWasEmptyBgzf;
    private boolean finished;
    private long sourceBytes;

    public GzipMembersInputStream(InputStream source) {
        this.source = source;
    }

    /**
     * Continues where another reader of the same source stopped at the start of a member: {@code chunk[0, limit)}
     * is the last piece read from the source (as {@link #fill} reads it), {@code position} where the member
     * starts in it; the counts make errors read exactly as if this stream had read the input from its start.
     */
    GzipMembersInputStream(InputStream source, byte[] chunk, int position, int limit, int membersBefore, boolean firstWasBgzf,
            boolean lastWasEmptyBgzf, long sourceBytesBefore) {
        this.source = source;
        System.arraycopy(chunk, 0, input, 0, limit);
        this.inputPosition = position;
        this.inputLimit = limit;
        this.members = membersBefore;
        this.firstMemberWasBgzf = membersBefore > 0 && firstWasBgzf;
        this.lastMemberWasEmptyBgzf = lastWasEmptyBgzf;
        this.sourceBytes = sourceBytesBefore;
    }

    /** The size of the pieces read from the source. */
    static int inputChunkSize() {
        return 1 << 16;
    }

    /** Whether the input is BGZF (its first member carries the BGZF extra field); known after the first read. */
    public boolean isBgzf() {
        return firstMemberWasBgzf;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int count = read(one, 0, 1);
        return count < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!finished) {
            if (!inMember) {
                if (!startMember()) {
                    finished = true;
                    checkEnd();
                    return -1;
                }
            }
            int produced;
            try {
                produced = inflater.inflate(buffer, offset, length);
            } catch (DataFormatException exception) {
                throw corrupt("the deflate data of gzip member " + (members + 1) + " are damaged (" + exception.getMessage() + ")");
            }
            if (produced > 0) {
                checksum.update(buffer, offset, produced);
                memberOutputBytes += produced;
                return produced;
            }
            if (inflater.finished()) {
                finishMember();
            } else if (inflater.needsInput()) {
                inputPosition = inputLimit;
                if (!fill()) {
                    throw truncated("the compressed data end in the middle of gzip member " + (members + 1)
                            + " (after " + sourceBytes + " compressed bytes): the file was cut short");
                }
                inflater.setInput(input, inputPosition, inputLimit - inputPosition);
            } else if (inflater.needsDictionary()) {
                throw corrupt("gzip member " + (members + 1) + " asks for a preset dictionary, which gzip never uses");
            }
        }
        return -1;
    }

    private boolean startMember() throws IOException {
        if (!ensure(1)) {
            if (members == 0) {
                throw truncated("the input is empty");
            }
            return false;
        }
        if (members > 0 && (input[inputPosition] & 0xff) != 0x1f) {
            throw corrupt("there are bytes after the last gzip member that are not another gzip member");
        }
        int id1 = nextHeaderByte();
        int id2 = nextHeaderByte();
        int method = nextHeaderByte();
        if (id1 != 0x1f || id2 != 0x8b) {
            throw corrupt("gzip member " + (members + 1) + " does not start with the gzip magic bytes");
        }
        if (method != 8) {
            throw corrupt("gzip member " + (members + 1) + " uses compression method " + method + ", not deflate");
        }
        int flags = nextHeaderByte();
        for (int index = 0; index < 6; index++) {
            nextHeaderByte(); // modification time (4), extra flags, operating system
        }
        memberIsBgzf = false;
        if ((flags & FLAG_EXTRA) != 0) {
            int extraLength = nextHeaderByte() | (nextHeaderByte() << 8);
            int read = 0;
            while (read < extraLength) {
                if (extraLength - read < 4) {
                    for (; read < extraLength; read++) {
                        nextHeaderByte();
                    }
                    break;
                }
                int subfield1 = nextHeaderByte();
                int subfield2 = nextHeaderByte();
                int subfieldLength = nextHeaderByte() | (nextHeaderByte() << 8);
                read += 4;
                if (subfield1 == 'B' && subfield2 == 'C' && subfieldLength == 2) {
                    memberIsBgzf = true;
                }
                for (int index = 0; index < subfieldLength && read < extraLength; index++, read++) {
                    nextHeaderByte();
                }
            }
        }
        if ((flags & FLAG_NAME) != 0) {
            while (nextHeaderByte() != 0) {
                // skip the zero-terminated file name
            }
        }
        if ((flags & FLAG_COMMENT) != 0) {
            while (nextHeaderByte() != 0) {
                // skip the zero-terminated comment
            }
        }
        if ((flags & FLAG_HEADER_CRC) != 0) {
            nextHeaderByte();
            nextHeaderByte();
        }
        if (members == 0) {
            firstMemberWasBgzf = memberIsBgzf;
        }
        inflater.reset();
        checksum.reset();
        memberOutputBytes = 0;
        inMember = true;
        inflater.setInput(input, inputPosition, inputLimit - inputPosition);
        return true;
    }

    private void finishMember() throws IOException {
        inputPosition = inputLimit - inflater.getRemaining();
        long expectedChecksum = 0;
        for (int index = 0; index < 4; index++) {
            expectedChecksum |= (long) nextTrailerByte() << (8 * index);
        }
        long expectedSize = 0;
        for (int index = 0; index < 4; index++) {
            expectedSize |= (long) nextTrailerByte() << (8 * index);
        }
        if (expectedChecksum != checksum.getValue()) {
            throw corrupt("gzip member " + (members + 1) + " fails its CRC-32 check: the data are damaged");
        }
        if (expectedSize != (memberOutputBytes & 0xffffffffL)) {
            throw corrupt("gzip member " + (members + 1) + " has the wrong uncompressed size: the data are damaged");
        }
        lastMemberWasEmptyBgzf = memberIsBgzf && memberOutputBytes == 0;
        members++;
        inMember = false;
    }

    private void checkEnd() {
        if (firstMemberWasBgzf && !lastMemberWasEmptyBgzf) {
            throw truncated("the BGZF end-of-file marker is missing: the file was cut short (or written without"
                    + " bgzip's final empty block); re-create it with bgzip");
        }
    }

    private int nextHeaderByte() throws IOException {
        if (!ensure(1)) {
            throw truncated("the compressed data end inside the header of gzip member " + (members + 1) + ": the file was cut short");
        }
        return input[inputPosition++] & 0xff;
    }

    private int nextTrailerByte() throws IOException {
        if (!ensure(1)) {
            throw truncated("the compressed data end inside the trailer of gzip member " + (members + 1) + ": the file was cut short");
        }
        return input[inputPosition++] & 0xff;
    }

    private boolean ensure(int count) throws IOException {
        if (inputLimit - inputPosition >= count) {
            return true;
        }
        return fill();
    }

    /** Refills the input buffer when it is used up; false at the end of the source. */
    private boolean fill() throws IOException {
        if (inputPosition < inputLimit) {
            return true;
        }
        int read;
        do {
            read = source.read(input, 0, input.length);
        } while (read == 0);
        if (read < 0) {
            inputPosition = 0;
            inputLimit = 0;
            return false;
        }
        sourceBytes += read;
        inputPosition = 0;
        inputLimit = read;
        return true;
    }

    private static CompressedInputException truncated(String message) {
        return new CompressedInputException(VcfErrorCode.TRUNCATED_INPUT, message, null);
    }

    private static CompressedInputException corrupt(String message) {
        return new CompressedInputException(VcfErrorCode.CORRUPT_COMPRESSED_INPUT, message, null);
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        source.close();
    }
}
