package no.permed.vcf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads its source on one background thread, a chunk ahead of the consumer, so that decompression and
 * parsing run on two cores at once. Failures of the source (including {@link CompressedInputException}) are
 * handed over and rethrown on the consumer's thread, in order, after the bytes that preceded them.
 */
public final class ReadAheadInputStream extends InputStream {
    private static final int CHUNK_SIZE = 1 << 20;
    private static final int CHUNKS_IN_FLIGHT = 3;

    private record Chunk(byte[] data, int length, Throwable failure, boolean end) {
    }

    private final InputStream source;
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT + 2);
    private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT + 2);
    private final Thread thread;
    private Chunk current;
    private int currentPosition;
    private volatile boolean closed;

    public ReadAheadInputStream(InputStream source, String threadName) {
        this.source = source;
        for (int index = 0; index < CHUNKS_IN_FLIGHT; index++) {
            empty.add(new byte[CHUNK_SIZE]);
        }
        this.thread = new Thread(this::produce, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce() {
        try {
            while (!closed) {
                byte[] buffer = empty.take();
                int length = 0;
                boolean end = false;
                Throwable failure = null;
                try {
                    while (length < buffer.length) {
                        int read = source.read(buffer, length, buffer.length - length);
                        if (read < 0) {
                            end = true;
                            break;
                        }
                        length += read;
                    }
                } catch (IOException | RuntimeException | Error exception) {
                    failure = exception;
                }
                if (length > 0) {
                    // the bytes before a failure are handed over first, so lines before it are still read
                    filled.put(new Chunk(buffer, length, null, false));
                } else {
                    empty.add(buffer);
                }
                if (failure != null) {
                    if (!closed) {
                        filled.put(new Chunk(null, 0, failure, false));
                    }
                    return;
                }
                if (end) {
                    filled.put(new Chunk(null, 0, null, true));
                    return;
                }
            }
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int count = read(one, 0, 1);
        return count < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (current == null || (current.data() != null && currentPosition == current.length())) {
            if (current != null && current.data() != null) {
                empty.offer(current.data());
            }
            try {
                current = filled.take();
            } catch (InterruptedException exception) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for input");
            }
            currentPosition = 0;
        }
        if (current.end()) {
            return -1;
        }
        if (current.failure() != null) {
            Throwable failure = current.failure();
            if (failure instanceof IOException ioException) {
                throw ioException;
            }
            if (failure instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            throw (Error) failure;
        }
        int count = Math.min(length, current.length() - currentPosition);
        System.arraycopy(current.data(), currentPosition, buffer, offset, count);
        currentPosition += count;
        return count;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
