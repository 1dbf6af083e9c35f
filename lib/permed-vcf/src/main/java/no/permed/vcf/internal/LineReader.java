package no.permed.vcf.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import no.permed.vcf.VcfErrorCode;

/**
 * Splits a byte stream into lines without creating objects per line. The current line is
 * {@code buffer()[lineStart() .. lineEnd())} (without the {@code \n} or {@code \r\n}); it stays valid until
 * the next call to {@link #next()}. Lines longer than the limit, NUL bytes, and faults of the compressed
 * container are reported with the file name and the line number.
 */
public final class LineReader implements Closeable {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final int INITIAL_BUFFER = 4 << 20;

    private final InputStream input;
    private final String file;
    private final int maximumLineLength;
    private byte[] buffer;
    private int position;
    private int limit;
    private boolean endOfInput;
    private long lineNumber;
    private int lineStart;
    private int lineEnd;
    /** Where the input already told the line breaks: every {@code \n} and NUL in {@code [position, indexedUpTo)} is in it. */
    private final LineBreaks breaks = new LineBreaks();
    private int indexedUpTo;

    public LineReader(InputStream input, String file, int maximumLineLength) {
        this.input = input;
        this.file = file;
        this.maximumLineLength = maximumLineLength;
        this.buffer = new byte[(int) Math.min(INITIAL_BUFFER, (long) maximumLineLength + 2)];
    }

    public byte[] buffer() {
        return buffer;
    }

    public int lineStart() {
        return lineStart;
    }

    public int lineEnd() {
        return lineEnd;
    }

    /** The 1-based number of the current line (0 before the first). */
    public long lineNumber() {
        return lineNumber;
    }

    public String file() {
        return file;
    }

    /** Advances to the next line; false at the end of the input. */
    public boolean next() {
        int searchFrom = position;
        while (true) {
            int found = find(searchFrom, limit);
            if (found >= 0) {
                if (buffer[found] == 0) {
                    String hint = lineNumber == 0 ? BinaryTextHint.describe(buffer, position, limit) : null;
                    throw VcfErrors.error(VcfErrorCode.BINARY_CONTENT, file, lineNumber + 1, VcfErrors.FIELD_LINE, hint != null
                            ? hint + " (a NUL byte at character " + (found - position + 1) + " of the first line)"
                            : "the line contains a NUL byte at character " + (found - position + 1) + "; this is binary data, not VCF text");
                }
                return acceptLine(found, found + 1);
            }
            searchFrom = limit;
            if (limit - position > maximumLineLength + 1) {
                throw tooLong();
            }
            if (endOfInput) {
                if (position < limit) {
                    return acceptLine(limit, limit);
                }
                return false;
            }
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                breaks.first(position, Integer.MAX_VALUE); // drops the positions before the moved bytes
                breaks.shift(position);
                indexedUpTo = Math.max(0, indexedUpTo - position);
                searchFrom -= position;
                limit -= position;
                position = 0;
            }
            if (limit == buffer.length) {
                long grown = Math.min((long) buffer.length * 2, (long) maximumLineLength + 2);
                if (grown <= buffer.length) {
                    throw tooLong();
                }
                byte[] larger = new byte[(int) grown];
                System.arraycopy(buffer, 0, larger, 0, limit);
                buffer = larger;
            }
            int read = readInput(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfInput = true;
            } else {
                limit += read;
            }
        }
    }

    private boolean acceptLine(int end, int nextPosition) {
        lineStart = position;
        lineEnd = end;
        if (lineEnd > lineStart && buffer[lineEnd - 1] == '\r') {
            lineEnd--;
        }
        position = nextPosition;
        lineNumber++;
        if (lineEnd - lineStart > maximumLineLength) {
            lineNumber--;
            throw tooLong();
        }
        return true;
    }

    private RuntimeException tooLong() {
        return VcfErrors.error(VcfErrorCode.LINE_TOO_LONG, file, lineNumber + 1, VcfErrors.FIELD_LINE,
                "the line is longer than the limit of " + maximumLineLength + " bytes; raise the maximum line length"
                        + " if the file is genuine");
    }

    /** The first {@code \n} or NUL in {@code [from, to)} of the buffer, or -1: from the input's index where it has one. */
    private int find(int from, int to) {
        if (from < indexedUpTo) {
            int indexedTo = Math.min(to, indexedUpTo);
            int found = breaks.first(from, indexedTo);
            if (found >= 0 || indexedTo == to) {
                return found;
            }
            from = indexedTo;
        }
        return findNewlineOrZero(buffer, from, to);
    }

    private int readInput(byte[] target, int offset, int length) {
        try {
            int read;
            if (input instanceof ParallelBgzfInputStream indexed) {
                do {
                    int before = breaks.size();
                    read = indexed.readIndexed(target, offset, length, breaks);
                    if (read > 0) {
                        if (indexed.lastReadIndexed() && indexedUpTo == offset) {
                            indexedUpTo = offset + read;
                        } else {
                            breaks.truncate(before);
                        }
                    }
                } while (read == 0);
                return read;
            }
            do {
                read = input.read(target, offset, length);
            } while (read == 0);
            return read;
        } catch (CompressedInputException exception) {
            throw VcfErrors.error(exception.errorCode(), file, lineNumber + 1, VcfErrors.FIELD_FILE, null,
                    exception.getMessage(), null);
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read " + file + " after line " + lineNumber, exception);
        }
    }

    /** The index of the first {@code \n} or NUL byte in {@code [from, to)}, or -1; eight bytes per step. */
    static int findNewlineOrZero(byte[] bytes, int from, int to) {
        int index = from;
        while (index + 8 <= to) {
            long word = (long) LONGS.get(bytes, index);
            long newline = word ^ NEWLINES;
            long matches = ((newline - ONES) & ~newline & HIGHS) | ((word - ONES) & ~word & HIGHS);
            if (matches != 0) {
                return index + (Long.numberOfTrailingZeros(matches) >>> 3);
            }
            index += 8;
        }
        for (; index < to; index++) {
            byte value = bytes[index];
            if (value == '\n' || value == 0) {
                return index;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
