package no.permed.vcf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import no.permed.vcf.Bgzf;
import org.junit.jupiter.api.Test;

/** Byte for byte (and failure for failure) the same as {@link GzipMembersInputStream}, with tiny batches. */
class ParallelBgzfInputStreamTest {
    @Test
    void givesTheSameBytesAndFailuresAsTheSequentialStream() throws IOException {
        Random random = new Random(11);
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 20_000; line++) {
            text.append("chr1\t").append(line + 1).append("\t.\tA\tC\t.\tPASS\t.\tGT\t").append(random.nextInt(2)).append('|')
                    .append(random.nextInt(2)).append('\n');
        }
        byte[] plain = text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int blockSize : new int[] {100, 1000, 65280}) {
            byte[] bgzf = Bgzf.compress(plain, blockSize);
            check(bgzf);
            check(Bgzf.compress(plain, blockSize, false)); // no end-of-file block
            byte[] trailing = Arrays.copyOf(bgzf, bgzf.length + 100); // zeros after the end
            check(trailing);
            for (int trial = 0; trial < 12; trial++) {
                check(Arrays.copyOf(bgzf, random.nextInt(bgzf.length))); // cut anywhere
                byte[] damaged = bgzf.clone();
                damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
                check(damaged);
            }
            byte[] doubled = Arrays.copyOf(bgzf, bgzf.length * 2); // two BGZF files concatenated
            System.arraycopy(bgzf, 0, doubled, bgzf.length, bgzf.length);
            check(doubled);
            byte[] mixed = Arrays.copyOf(bgzf, bgzf.length + 100); // a plain gzip member after BGZF
            byte[] gzip = no.permed.vcf.TestFiles.gzip("x\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            mixed = Arrays.copyOf(bgzf, bgzf.length + gzip.length);
            System.arraycopy(gzip, 0, mixed, bgzf.length, gzip.length);
            check(mixed);
        }
    }

    private static void check(byte[] compressed) {
        String expected = drain(new GzipMembersInputStream(new SmallReads(compressed)));
        for (int threads : new int[] {1, 2, 3}) {
            for (int batch : new int[] {1, 2, 5, 16}) {
                assertEquals(expected, drain(new ParallelBgzfInputStream(new SmallReads(compressed), threads, "test", batch)),
                        "threads " + threads + ", batch " + batch);
            }
        }
    }

    /** Reads the whole stream in 8 KiB reads: the text's length and hash, then the failure. */
    private static String drain(InputStream stream) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        String failure = "end";
        try (stream) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = stream.read(buffer, 0, buffer.length)) >= 0) {
                text.write(buffer, 0, read);
            }
        } catch (CompressedInputException exception) {
            failure = exception.errorCode() + " " + exception.getMessage();
        } catch (IOException | RuntimeException exception) {
            failure = exception.toString();
        }
        return text.size() + " " + Arrays.hashCode(text.toByteArray()) + " " + failure;
    }

    /** Hands out the input in uneven pieces, as a network upload might. */
    private static final class SmallReads extends ByteArrayInputStream {
        private int turn;

        SmallReads(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            return super.read(buffer, offset, Math.min(length, 1 + (turn++ * 7919) % 40_000));
        }
    }
}
