package no.permed.columnar.segment;

/** Bounds-checked sequential reads from a raw frame; overruns throw {@link MalformedFrameException}. */
final class FrameReader {
    private final byte[] data;
    private int position;
    private final int limit;

    FrameReader(byte[] data, int position, int limit) {
        this.data = data;
        this.position = position;
        this.limit = limit;
    }

    int position() {
        return position;
    }

    int remaining() {
        return limit - position;
    }

    int readByte() {
        if (position >= limit) {
            throw new MalformedFrameException("frame ends in the middle of a value");
        }
        return data[position++] & 0xFF;
    }

    /** Reads an unsigned varint that must fit in a non-negative {@code int}. */
    int readVarint() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int next = readByte();
            value |= (next & 0x7F) << shift;
            if ((next & 0x80) == 0) {
                if (value < 0 || shift == 28 && next > 0x07) {
                    throw new MalformedFrameException("varint out of range");
                }
                return value;
            }
        }
        throw new MalformedFrameException("varint longer than 5 bytes");
    }

    void skip(int length) {
        if (length < 0 || length > limit - position) {
            throw new MalformedFrameException("frame ends inside a field of " + length + " bytes");
        }
        position += length;
    }
}
