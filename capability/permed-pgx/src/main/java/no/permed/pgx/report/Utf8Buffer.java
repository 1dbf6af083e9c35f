package no.permed.pgx.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer with {@link StringBuilder}'s append methods: a report of a few hundred kilobytes is
 * encoded once as it is built, instead of being built as UTF-16 text and encoded again when written.
 */
final class Utf8Buffer {
    private byte[] bytes;
    private int length;

    Utf8Buffer(int capacity) {
        bytes = new byte[capacity];
    }

    Utf8Buffer append(char c) {
        if (c < 0x80) {
            ensure(1);
            bytes[length++] = (byte) c;
            return this;
        }
        return append(String.valueOf(c));
    }

    Utf8Buffer append(String s) {
        int n = s.length();
        ensure(n);
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            bytes[length++] = (byte) c;
        }
        if (i < n) {
            append(s.substring(i).getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** Appends a surrogate pair as one code point. */
    Utf8Buffer append(char high, char low) {
        return append(new String(new char[] {high, low}));
    }

    Utf8Buffer append(byte[] utf8) {
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    /** Empties the buffer, keeping its capacity (for reuse by the same thread). */
    Utf8Buffer reset() {
        length = 0;
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
