package no.permed.columnar.segment;

import java.util.Arrays;

/** A growable byte buffer with little-endian and varint writes; the writer's stream buffers. */
final class ByteSink {
    private byte[] buffer;
    private int size;

    ByteSink(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return buffer;
    }

    void reset() {
        size = 0;
    }

    void ensure(int extra) {
        long needed = (long) size + extra;
        if (needed > buffer.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("stream buffer would exceed 2 GiB");
            }
            buffer = Arrays.copyOf(buffer, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16L, buffer.length * 2L)));
        }
    }

    void writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
    }

    /** Writes an unsigned LEB128 varint (7 bits per byte, low groups first). */
    void writeVarint(int value) {
        ensure(5);
        int remaining = value;
        while ((remaining & ~0x7F) != 0) {
            buffer[size++] = (byte) (remaining & 0x7F | 0x80);
            remaining >>>= 7;
        }
        buffer[size++] = (byte) remaining;
    }

    void writeIntLittleEndian(int value) {
        ensure(4);
        SegmentFormat.INTS.set(buffer, size, value);
        size += 4;
    }

    void writeLongLittleEndian(long value) {
        ensure(8);
        SegmentFormat.LONGS.set(buffer, size, value);
        size += 8;
    }

    void writeLongs(long[] values, int count) {
        ensure(count * 8);
        for (int index = 0; index < count; index++) {
            SegmentFormat.LONGS.set(buffer, size, values[index]);
            size += 8;
        }
    }

    void writeBytes(byte[] values, int offset, int length) {
        ensure(length);
        System.arraycopy(values, offset, buffer, size, length);
        size += length;
    }

    void writeSink(ByteSink other) {
        writeBytes(other.buffer, 0, other.size);
    }

    /** Writes the characters of an ASCII string, one byte each. */
    void writeAscii(String text) {
        int length = text.length();
        ensure(length);
        for (int index = 0; index < length; index++) {
            buffer[size++] = (byte) text.charAt(index);
        }
    }
}
