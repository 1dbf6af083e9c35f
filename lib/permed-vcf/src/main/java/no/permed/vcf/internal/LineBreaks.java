package no.permed.vcf.internal;

import java.util.Arrays;

/**
 * Positions of line-ending ({@code \n}) and NUL bytes in a buffer of text, in ascending order: a queue that
 * {@link LineReader} consumes from the front, filled by an input that finds them while decompressing
 * ({@link ParallelBgzfInputStream#readIndexed}), so that the reading thread need not search for them.
 */
final class LineBreaks {
    private int[] positions = new int[256];
    private int head;
    private int tail;

    void add(int position) {
        if (tail == positions.length) {
            if (head > 0) {
                System.arraycopy(positions, head, positions, 0, tail - head);
                tail -= head;
                head = 0;
            } else {
                positions = Arrays.copyOf(positions, positions.length * 2);
            }
        }
        positions[tail++] = position;
    }

    /** The first position at or after {@code from} and before {@code to}, or -1; positions before {@code from} are dropped. */
    int first(int from, int to) {
        while (head < tail && positions[head] < from) {
            head++;
        }
        return head < tail && positions[head] < to ? positions[head] : -1;
    }

    /** Moves every position {@code by} bytes towards the start (the buffer's contents were moved). */
    void shift(int by) {
        for (int index = head; index < tail; index++) {
            positions[index] -= by;
        }
    }

    int size() {
        return tail - head;
    }

    /** Forgets the positions added since the size was {@code size}. */
    void truncate(int size) {
        tail = head + size;
    }
}
