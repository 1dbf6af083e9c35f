package no.permed.vcf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    @Test
    void findsTheFirstNewlineOrNulLikeASimpleLoop() {
        Random random = new Random(3);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] bytes = new byte[random.nextInt(64)];
            for (int index = 0; index < bytes.length; index++) {
                int roll = random.nextInt(40);
                bytes[index] = roll == 0 ? (byte) '\n' : roll == 1 ? 0 : (byte) (random.nextInt(255) + 1);
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int expected = -1;
            for (int index = from; index < bytes.length; index++) {
                if (bytes[index] == '\n' || bytes[index] == 0) {
                    expected = index;
                    break;
                }
            }
            assertThat(LineReader.findNewlineOrZero(bytes, from, bytes.length)).isEqualTo(expected);
        }
    }

    @Test
    void splitsLinesAcrossSmallReadsAndAGrowingBuffer() throws IOException {
        Random random = new Random(5);
        List<String> lines = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int index = 0; index < 500; index++) {
            String line = "x".repeat(random.nextInt(300)) + index;
            lines.add(line);
            text.append(line).append(random.nextBoolean() ? "\n" : "\r\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(length, 1 + random.nextInt(97)));
            }
        };
        try (LineReader reader = new LineReader(trickle, "lines.txt", 400)) {
            for (int index = 0; index < lines.size(); index++) {
                assertThat(reader.next()).isTrue();
                String line = new String(reader.buffer(), reader.lineStart(), reader.lineEnd() - reader.lineStart(), StandardCharsets.UTF_8);
                assertThat(line).isEqualTo(lines.get(index));
                assertThat(reader.lineNumber()).isEqualTo(index + 1);
            }
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void takesTheLineBreaksThatTheParallelDecompressionFoundLikeItsOwnSearch() throws IOException {
        Random random = new Random(11);
        StringBuilder text = new StringBuilder();
        for (int index = 0; index < 400; index++) {
            text.append("y".repeat(random.nextInt(index % 50 == 0 ? 3000 : 200))).append(index).append(random.nextBoolean() ? "\n" : "\r\n");
        }
        text.append("last line without a newline");
        byte[] plain = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] withNul = plain.clone();
        withNul[plain.length / 2] = 0;
        for (byte[] bytes : List.of(plain, withNul)) {
            for (int limit : new int[] {1000, 4000}) {
                List<String> expected = lines(new ByteArrayInputStream(bytes), limit);
                byte[] compressed = no.permed.vcf.Bgzf.compress(bytes, 100 + random.nextInt(900));
                List<String> parallel = lines(new ParallelBgzfInputStream(new ByteArrayInputStream(compressed), 2, "test", 3), limit);
                assertThat(parallel).isEqualTo(expected);
            }
        }
    }

    /** Every line, then the error (code and message) or the end. */
    private static List<String> lines(InputStream input, int limit) throws IOException {
        List<String> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(input, "lines.txt", limit)) {
            while (reader.next()) {
                lines.add(reader.lineNumber() + ":" + new String(reader.buffer(), reader.lineStart(), reader.lineEnd() - reader.lineStart(),
                        StandardCharsets.UTF_8));
            }
            lines.add("end");
        } catch (no.permed.kernel.PermedException error) {
            lines.add(error.errorCode() + ": " + error.getMessage());
        }
        return lines;
    }
}
