package no.permed.vcf;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Writes BGZF as bgzip does (blocks of at most {@code blockSize} input bytes, then the empty EOF block), for tests. */
public final class Bgzf {
    /** The 28-byte end-of-file marker block of the SAM/BAM specification. */
    public static final byte[] END_OF_FILE = HexFormat.of().parseHex("1f8b08040000000000ff0600424302001b0003000000000000000000");

    private Bgzf() {
    }

    public static byte[] compress(byte[] data, int blockSize) {
        return compress(data, blockSize, true);
    }

    public static byte[] compress(byte[] data, int blockSize, boolean withEndOfFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        for (int offset = 0; offset < data.length; offset += blockSize) {
            int length = Math.min(blockSize, data.length - offset);
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            deflater.setInput(data, offset, length);
            deflater.finish();
            byte[] compressed = new byte[length + 1024];
            int compressedLength = deflater.deflate(compressed);
            deflater.end();
            CRC32 checksum = new CRC32();
            checksum.update(data, offset, length);
            int blockSizeMinusOne = 18 + compressedLength + 8 - 1;
            output.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 0xff, 6, 0, 'B', 'C', 2, 0,
                (byte) blockSizeMinusOne, (byte) (blockSizeMinusOne >>> 8)});
            output.write(compressed, 0, compressedLength);
            writeInt(output, (int) checksum.getValue());
            writeInt(output, length);
        }
        if (withEndOfFile) {
            output.writeBytes(END_OF_FILE);
        }
        return output.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream output, int value) {
        output.write(value);
        output.write(value >>> 8);
        output.write(value >>> 16);
        output.write(value >>> 24);
    }
}
