package no.permed.genome.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The reference calls of one sample on one contig: sorted, non-overlapping, non-adjacent closed
 * intervals {@code [start, end]} of 1-based positions, built from gVCF reference blocks (and records
 * without ALT) in which the sample is called homozygous reference. Stored deflated: a varint count,
 * then per interval varint (start - previous end - 1) and varint (end - start).
 */
public final class Coverage {
    private final int[] starts;
    private final int[] ends;

    private Coverage(int[] starts, int[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    public int blocks() {
        return starts.length;
    }

    public long bases() {
        long bases = 0;
        for (int index = 0; index < starts.length; index++) {
            bases += ends[index] - starts[index] + 1L;
        }
        return bases;
    }

    /** Whether the sample is called reference at this position. */
    public boolean covers(int position) {
        int index = Arrays.binarySearch(starts, position);
        if (index >= 0) {
            return true;
        }
        int before = -index - 2;
        return before >= 0 && ends[before] >= position;
    }

    public byte[] encode() {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(starts.length * 4 + 5);
        writeVarint(raw, starts.length);
        int previousEnd = 0;
        for (int index = 0; index < starts.length; index++) {
            writeVarint(raw, starts[index] - previousEnd - 1);
            writeVarint(raw, ends[index] - starts[index]);
            previousEnd = ends[index];
        }
        Deflater deflater = new Deflater(6);
        try {
            deflater.setInput(raw.toByteArray());
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                int length = deflater.deflate(buffer);
                out.write(buffer, 0, length);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    public static Coverage decode(byte[] encoded) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(encoded);
            ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length * 4);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int length = inflater.inflate(buffer);
                if (length == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("coverage data are truncated");
                }
                out.write(buffer, 0, length);
            }
            byte[] raw = out.toByteArray();
            int[] cursor = {0};
            int count = readVarint(raw, cursor);
            int[] starts = new int[count];
            int[] ends = new int[count];
            int previousEnd = 0;
            for (int index = 0; index < count; index++) {
                starts[index] = previousEnd + 1 + readVarint(raw, cursor);
                ends[index] = starts[index] + readVarint(raw, cursor);
                previousEnd = ends[index];
            }
            return new Coverage(starts, ends);
        } catch (DataFormatException corrupt) {
            throw new IllegalStateException("coverage data are corrupt: " + corrupt.getMessage(), corrupt);
        } finally {
            inflater.end();
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        int remaining = value;
        while ((remaining & ~0x7F) != 0) {
            out.write((remaining & 0x7F) | 0x80);
            remaining >>>= 7;
        }
        out.write(remaining);
    }

    private static int readVarint(byte[] raw, int[] cursor) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte next = raw[cursor[0]++];
            value |= (next & 0x7F) << shift;
            if (next >= 0) {
                return value;
            }
        }
        throw new IllegalStateException("coverage data hold an overlong varint");
    }

    /** Collects intervals in position order (as a sorted VCF gives them), merging overlaps and neighbours. */
    public static final class Builder {
        private int[] starts = new int[64];
        private int[] ends = new int[64];
        private int size;

        public void add(int start, int end) {
            if (end < start) {
                return;
            }
            if (size > 0 && start <= ends[size - 1] + 1) {
                if (start < starts[size - 1]) {
                    // out of order: only happens for overlapping records; fall back to a sorted merge at build()
                    append(start, end);
                    return;
                }
                ends[size - 1] = Math.max(ends[size - 1], end);
                return;
            }
            append(start, end);
        }

        private void append(int start, int end) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            starts[size] = start;
            ends[size] = end;
            size++;
        }

        public boolean isEmpty() {
            return size == 0;
        }

        public Coverage build() {
            long[] packed = new long[size];
            for (int index = 0; index < size; index++) {
                packed[index] = (long) starts[index] << 32 | (ends[index] & 0xFFFFFFFFL);
            }
            Arrays.sort(packed);
            int[] mergedStarts = new int[size];
            int[] mergedEnds = new int[size];
            int merged = 0;
            for (long value : packed) {
                int start = (int) (value >>> 32);
                int end = (int) value;
                if (merged > 0 && start <= mergedEnds[merged - 1] + 1) {
                    mergedEnds[merged - 1] = Math.max(mergedEnds[merged - 1], end);
                } else {
                    mergedStarts[merged] = start;
                    mergedEnds[merged] = end;
                    merged++;
                }
            }
            return new Coverage(Arrays.copyOf(mergedStarts, merged), Arrays.copyOf(mergedEnds, merged));
        }
    }
}
