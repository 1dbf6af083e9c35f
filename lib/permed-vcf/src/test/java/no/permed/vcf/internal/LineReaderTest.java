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
}
