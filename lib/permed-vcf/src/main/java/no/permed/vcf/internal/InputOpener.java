package no.permed.vcf.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import no.permed.vcf.VcfErrorCode;

/**
 * Recognises how a VCF input is stored from its first bytes (never from its name) and returns a stream of
 * VCF text: gzip and BGZF are decompressed (on a read-ahead thread when asked); plain text passes through.
 * Other containers (bzip2, xz, zstd, zip) and BCF are refused with {@link VcfErrorCode#UNSUPPORTED_FORMAT}.
 */
public final class InputOpener {
    /** How the input was stored. */
    public enum Container {
        PLAIN,
        GZIP
    }

    /** An opened input: the text stream and the container it came from. */
    public record Opened(InputStream text, Container container) {
    }

    private InputOpener() {
    }

    public static Opened open(InputStream raw, String file, boolean readAhead) throws IOException {
        return open(raw, file, readAhead, 1);
    }

    /**
     * @param decompressionThreads how many threads decompress BGZF when {@code readAhead} is on: with more than
     *     one, blocks are inflated in parallel ({@link ParallelBgzfInputStream}); plain gzip always uses one
     */
    public static Opened open(InputStream raw, String file, boolean readAhead, int decompressionThreads) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(32);
        byte[] magic = new byte[18];
        int count = 0;
        while (count < magic.length) {
            int read = buffered.read(magic, count, magic.length - count);
            if (read < 0) {
                break;
            }
            count += read;
        }
        buffered.reset();
        if (count == 0) {
            throw VcfErrors.error(VcfErrorCode.EMPTY_INPUT, file, 0, VcfErrors.FIELD_FILE,
                    "the input is empty; expected a VCF file starting with ##fileformat=VCFv4.x");
        }
        if (count >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            if (readAhead && decompressionThreads > 1 && ParallelBgzfInputStream.startsWithBgzfHeader(magic, count)) {
                return new Opened(new ParallelBgzfInputStream(buffered, decompressionThreads, "permed-vcf-inflate " + file),
                        Container.GZIP);
            }
            InputStream decompressed = new GzipMembersInputStream(buffered);
            if (readAhead) {
                decompressed = new ReadAheadInputStream(decompressed, "permed-vcf-inflate " + file);
            }
            return new Opened(decompressed, Container.GZIP);
        }
        String other = otherContainer(magic, 0, count);
        if (other != null) {
            buffered.close();
            throw VcfErrors.error(VcfErrorCode.UNSUPPORTED_FORMAT, file, 0, VcfErrors.FIELD_FILE,
                    "the input is " + other + "; only plain, gzip or BGZF-compressed VCF text is accepted");
        }
        return new Opened(buffered, Container.PLAIN);
    }

    /** What other container {@code count} bytes from {@code offset} start, or null. */
    static String otherContainer(byte[] magic, int offset, int count) {
        if (startsWith(magic, offset, count, 'B', 'Z', 'h')) {
            return "bzip2-compressed";
        }
        if (startsWith(magic, offset, count, 0xfd, '7', 'z', 'X', 'Z', 0)) {
            return "xz-compressed";
        }
        if (startsWith(magic, offset, count, 0x28, 0xb5, 0x2f, 0xfd)) {
            return "zstd-compressed";
        }
        if (startsWith(magic, offset, count, 'P', 'K', 3, 4)) {
            return "a zip archive";
        }
        if (startsWith(magic, offset, count, 'B', 'C', 'F', 2)) {
            return "BCF (binary VCF); convert it with 'bcftools view -Ov' first";
        }
        return null;
    }

    private static boolean startsWith(byte[] magic, int offset, int count, int... expected) {
        if (count < expected.length) {
            return false;
        }
        for (int index = 0; index < expected.length; index++) {
            if ((magic[offset + index] & 0xff) != expected[index]) {
                return false;
            }
        }
        return true;
    }
}
