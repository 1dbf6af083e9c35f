package no.permed.vcf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses BGZF on several threads: a scanner thread cuts the compressed input into blocks (every BGZF block
 * is a gzip member with the {@code BC} extra field giving its size), workers inflate batches of blocks and check
 * them, and the reader hands the text on in order.
 *
 * <p>Only what a worker has fully checked (a standard BGZF header, deflate data ending exactly before the
 * trailer, CRC-32 and size) is handed on. At the first block that is anything else (damaged, cut short, not BGZF,
 * bytes after the end, a missing end-of-file block, a read failure), the rest of the input is read by a
 * {@link GzipMembersInputStream} started at that block with the same buffer contents and counts as if it had
 * read everything: the pieces of input the scanner read are replayed in the same sizes. So the text before an
 * error and the error itself are exactly those of the sequential reader.
 */
public final class ParallelBgzfInputStream extends InputStream {
    private static final int HEADER_LENGTH = 18;
    private static final int TRAILER_LENGTH = 8;
    private static final int MAXIMUM_BLOCK_TEXT = 1 << 16;
    private static final int DEFAULT_BLOCKS_PER_BATCH = 16;
    /** The most text bgzip puts in one block: batch buffers of this many bytes per block are reused. */
    private static final int USUAL_BLOCK_TEXT = 0xff00;

    /** Where a member starts, with everything a sequential reader would know there. */
    private record Position(long chunk, int offset, long sourceBytes, int members, boolean lastWasEmpty) {
    }

    private static final class Batch {
        final byte[][] blocks;
        final int[] textSizes;
        final Position[] starts;
        int count;
        /** Where the scanner stopped handing out blocks (after this batch's blocks), or null. */
        Position switchAt;
        boolean end;
        long nextChunk;
        byte[] text;
        /** The length of the batch's text in {@link #text} (a reused buffer may be longer). */
        int textLength;
        int[] textEnds;
        int firstBad = -1;
        /** Positions of the {@code \n} and NUL bytes in the batch's checked text, ascending. */
        int[] breaks = new int[0];
        int breakCount;
        final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

        Batch(int capacity) {
            blocks = new byte[capacity][];
            textSizes = new int[capacity];
            starts = new Position[capacity];
        }
    }

    private final InputStream source;
    private final int blocksPerBatch;
    private final ExecutorService workers;
    private final Thread scanner;
    private final Semaphore inFlight;
    private final LinkedBlockingQueue<Batch> batches = new LinkedBlockingQueue<>();
    /**
     * Text buffers of batches the consumer has passed, for the workers to reuse: the gigabytes of text of a large
     * file then pass through a few megabytes of memory instead of fresh allocations (page faults, garbage collection).
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> spareTexts = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean stopped;

    // the scanner's reading of the source, as GzipMembersInputStream.fill() reads it
    private final ArrayDeque<byte[]> recorded = new ArrayDeque<>();
    private long recordedFirst;
    private byte[] chunk = new byte[0];
    private long chunkNumber = -1;
    private int chunkPosition;
    private long sourceBytes;
    private boolean sourceEnded;
    private IOException sourceFailure;
    private RuntimeException sourceRuntimeFailure;
    private int members;
    private boolean lastWasEmpty;
    private Position batchStart = new Position(-1, 0, 0, 0, false);

    // the consumer
    private Batch current;
    private int currentPosition;
    private int currentLimit;
    private GzipMembersInputStream fallback;
    private int currentBreak;
    private LineBreaks sink;
    private boolean lastReadIndexed;

    public ParallelBgzfInputStream(InputStream source, int threads, String threadName) {
        this(source, threads, threadName, DEFAULT_BLOCKS_PER_BATCH);
    }

    ParallelBgzfInputStream(InputStream source, int threads, String threadName, int blocksPerBatch) {
        this.source = source;
        this.blocksPerBatch = blocksPerBatch;
        this.inFlight = new Semaphore(2 * threads + 2);
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, threadName + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.scanner = new Thread(this::scan, threadName + "-scan");
        scanner.setDaemon(true);
        scanner.start();
    }

    /** Whether {@code bytes} start with the header bgzip writes (gzip, FEXTRA only, one {@code BC} subfield). */
    public static boolean startsWithBgzfHeader(byte[] bytes, int count) {
        return count >= HEADER_LENGTH && isBgzfHeader(bytes, 0);
    }

    private static boolean isBgzfHeader(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) == 0x1f && (bytes[offset + 1] & 0xff) == 0x8b && bytes[offset + 2] == 8 && bytes[offset + 3] == 4
                && bytes[offset + 10] == 6 && bytes[offset + 11] == 0 && bytes[offset + 12] == 'B' && bytes[offset + 13] == 'C'
                && bytes[offset + 14] == 2 && bytes[offset + 15] == 0;
    }

    // ---- scanner thread -----------------------------------------------------------------------------------

    private void scan() {
        try {
            while (!stopped) {
                inFlight.acquire();
                if (stopped) {
                    return;
                }
                batchStart = position();
                Batch batch = new Batch(blocksPerBatch);
                while (batch.count < blocksPerBatch && !stopped && !nextBlock(batch)) {
                    // nextBlock adds one block, or ends the batch with switchAt/end
                }
                batch.nextChunk = chunkNumber;
                boolean last = batch.switchAt != null || batch.end;
                if (batch.count > 0) {
                    workers.execute(() -> inflate(batch, spareTexts));
                } else {
                    batch.text = new byte[0];
                    batch.textEnds = new int[0];
                    batch.done.countDown();
                }
                batches.add(batch);
                if (last) {
                    return;
                }
            }
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error failure) {
            // not expected; the consumer falls back to the sequential reader at the next block
            Batch batch = new Batch(0);
            batch.switchAt = batchStart; // the first block not handed to a worker
            batch.nextChunk = chunkNumber;
            batch.text = new byte[0];
            batch.textEnds = new int[0];
            batch.done.countDown();
            batches.add(batch);
        }
    }

    private Position position() {
        return new Position(chunkNumber, chunkPosition, sourceBytes, members, lastWasEmpty);
    }

    /** Reads one block into the batch (false), or marks where the blocks end (true). */
    private boolean nextBlock(Batch batch) {
        Position start = position();
        if (!ensure()) {
            if (sourceEnded && members > 0 && lastWasEmpty) {
                batch.end = true;
            } else {
                batch.switchAt = start;
            }
            return true;
        }
        byte[] header = new byte[HEADER_LENGTH];
        if (!copy(header, 0, HEADER_LENGTH) || !isBgzfHeader(header, 0)) {
            batch.switchAt = start;
            return true;
        }
        int blockSize = ((header[16] & 0xff) | (header[17] & 0xff) << 8) + 1;
        if (blockSize < HEADER_LENGTH + TRAILER_LENGTH + 2) {
            batch.switchAt = start;
            return true;
        }
        byte[] block = Arrays.copyOf(header, blockSize);
        if (!copy(block, HEADER_LENGTH, blockSize - HEADER_LENGTH)) {
            batch.switchAt = start;
            return true;
        }
        int textSize = (block[blockSize - 4] & 0xff) | (block[blockSize - 3] & 0xff) << 8 | (block[blockSize - 2] & 0xff) << 16
                | (block[blockSize - 1] & 0xff) << 24;
        if (textSize < 0 || textSize > MAXIMUM_BLOCK_TEXT) {
            batch.switchAt = start;
            return true;
        }
        batch.blocks[batch.count] = block;
        batch.textSizes[batch.count] = textSize;
        batch.starts[batch.count] = start;
        batch.count++;
        members++;
        lastWasEmpty = textSize == 0;
        return false;
    }

    /** Copies {@code length} bytes of input; false when the input ends (or fails) first. */
    private boolean copy(byte[] target, int offset, int length) {
        int copied = 0;
        while (copied < length) {
            if (!ensure()) {
                return false;
            }
            int count = Math.min(length - copied, chunk.length - chunkPosition);
            System.arraycopy(chunk, chunkPosition, target, offset + copied, count);
            chunkPosition += count;
            copied += count;
        }
        return true;
    }

    /** Whether a byte is available, reading the next piece (as GzipMembersInputStream.fill does) when needed. */
    private boolean ensure() {
        if (chunkPosition < chunk.length) {
            return true;
        }
        if (sourceEnded || sourceFailure != null || sourceRuntimeFailure != null) {
            return false;
        }
        byte[] piece = new byte[GzipMembersInputStream.inputChunkSize()];
        int read;
        try {
            do {
                read = source.read(piece, 0, piece.length);
            } while (read == 0);
        } catch (IOException exception) {
            sourceFailure = exception;
            return false;
        } catch (RuntimeException exception) {
            sourceRuntimeFailure = exception;
            return false;
        }
        if (read < 0) {
            sourceEnded = true;
            return false;
        }
        byte[] kept = read == piece.length ? piece : Arrays.copyOf(piece, read);
        synchronized (recorded) {
            if (recorded.isEmpty()) {
                recordedFirst = chunkNumber + 1;
            }
            recorded.addLast(kept);
        }
        chunk = kept;
        chunkNumber++;
        chunkPosition = 0;
        sourceBytes += read;
        return true;
    }

    // ---- workers ------------------------------------------------------------------------------------------

    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(() -> new Inflater(true));

    private static void inflate(Batch batch, java.util.Queue<byte[]> spareTexts) {
        try {
            int total = 0;
            batch.textEnds = new int[batch.count];
            for (int index = 0; index < batch.count; index++) {
                total += batch.textSizes[index];
                batch.textEnds[index] = total;
            }
            byte[] spare = spareTexts.poll();
            batch.text = spare != null && spare.length >= total ? spare : new byte[Math.max(total, batch.blocks.length * USUAL_BLOCK_TEXT)];
            batch.textLength = total;
            Inflater inflater = INFLATERS.get();
            CRC32 checksum = new CRC32();
            byte[] oneByte = new byte[1];
            int offset = 0;
            for (int index = 0; index < batch.count; index++) {
                if (!inflateBlock(inflater, checksum, oneByte, batch.blocks[index], batch.text, offset, batch.textSizes[index])) {
                    batch.firstBad = index;
                    break;
                }
                offset += batch.textSizes[index];
                batch.blocks[index] = null;
            }
            findBreaks(batch, offset);
        } catch (RuntimeException | Error failure) {
            batch.firstBad = 0;
            if (batch.text == null) {
                batch.text = new byte[0];
                batch.textEnds = new int[batch.count];
            }
        } finally {
            batch.done.countDown();
        }
    }

    /** Records where the {@code \n} and NUL bytes of the first {@code length} bytes of text are, for the line reader. */
    private static void findBreaks(Batch batch, int length) {
        int[] found = new int[Math.max(16, length >>> 12)];
        int count = 0;
        int from = 0;
        int at;
        while ((at = LineReader.findNewlineOrZero(batch.text, from, length)) >= 0) {
            if (count == found.length) {
                found = Arrays.copyOf(found, count * 2);
            }
            found[count++] = at;
            from = at + 1;
        }
        batch.breaks = found;
        batch.breakCount = count;
    }

    private static boolean inflateBlock(Inflater inflater, CRC32 checksum, byte[] spare, byte[] block, byte[] text, int offset, int size) {
        inflater.reset();
        inflater.setInput(block, HEADER_LENGTH, block.length - HEADER_LENGTH - TRAILER_LENGTH);
        int produced = 0;
        try {
            while (!inflater.finished()) {
                if (produced == size) {
                    if (inflater.inflate(spare, 0, 1) > 0 || !inflater.finished()) {
                        return false; // more text than the trailer says, or the deflate data go on
                    }
                    break;
                }
                int count = inflater.inflate(text, offset + produced, size - produced);
                if (count == 0 && !inflater.finished()) {
                    return false; // needs more input, a dictionary, or makes no progress
                }
                produced += count;
            }
        } catch (DataFormatException exception) {
            return false;
        }
        if (produced != size || inflater.getRemaining() != 0) {
            return false;
        }
        checksum.reset();
        checksum.update(text, offset, size);
        int at = block.length - TRAILER_LENGTH;
        long expected = (block[at] & 0xffL) | (block[at + 1] & 0xffL) << 8 | (block[at + 2] & 0xffL) << 16 | (block[at + 3] & 0xffL) << 24;
        return expected == checksum.getValue();
    }

    // ---- consumer -----------------------------------------------------------------------------------------

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int count = read(one, 0, 1);
        return count < 0 ? -1 : one[0] & 0xff;
    }

    /** Whether the last {@link #readIndexed} gave the line breaks of what it read (not after a fallback). */
    boolean lastReadIndexed() {
        return lastReadIndexed;
    }

    /**
     * Reads as {@link #read(byte[], int, int)} and adds to {@code breaks} the positions in {@code buffer} of the
     * {@code \n} and NUL bytes it read, which the workers found; when {@link #lastReadIndexed()} is false afterwards
     * it added none and the caller must search the bytes itself.
     */
    int readIndexed(byte[] buffer, int offset, int length, LineBreaks breaks) throws IOException {
        this.sink = breaks;
        try {
            return read(buffer, offset, length);
        } finally {
            this.sink = null;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        lastReadIndexed = false;
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (fallback != null) {
                return fallback.read(buffer, offset, length);
            }
            if (current != null && currentPosition < currentLimit) {
                int count = Math.min(length, currentLimit - currentPosition);
                System.arraycopy(current.text, currentPosition, buffer, offset, count);
                if (sink != null) {
                    int[] found = current.breaks;
                    int end = currentPosition + count;
                    while (currentBreak < current.breakCount && found[currentBreak] < currentPosition) {
                        currentBreak++; // read by read(), which does not index
                    }
                    while (currentBreak < current.breakCount && found[currentBreak] < end) {
                        sink.add(offset + found[currentBreak] - currentPosition);
                        currentBreak++;
                    }
                    lastReadIndexed = true;
                }
                currentPosition += count;
                return count;
            }
            if (current != null) {
                Batch finished = current;
                current = null;
                if (finished.text.length > 0) {
                    spareTexts.offer(finished.text);
                    finished.text = null;
                }
                if (finished.firstBad >= 0) {
                    startFallback(finished.starts[finished.firstBad]);
                    continue;
                }
                if (finished.switchAt != null) {
                    startFallback(finished.switchAt);
                    continue;
                }
                if (finished.end) {
                    return -1;
                }
                release(finished.nextChunk);
            }
            Batch next;
            try {
                next = batches.take();
                next.done.await();
            } catch (InterruptedException exception) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for input");
            }
            inFlight.release();
            current = next;
            currentPosition = 0;
            currentBreak = 0;
            currentLimit = next.firstBad > 0 ? next.textEnds[next.firstBad - 1] : next.firstBad == 0 ? 0 : next.textLength;
        }
    }

    /** Forgets the recorded pieces before {@code chunkNumber}: no block still to be handed on starts in them. */
    private void release(long keepFrom) {
        synchronized (recorded) {
            while (!recorded.isEmpty() && recordedFirst < keepFrom) {
                recorded.removeFirst();
                recordedFirst++;
            }
        }
    }

    private void startFallback(Position at) throws IOException {
        stopScanner();
        ArrayDeque<byte[]> replay = new ArrayDeque<>();
        byte[] first = new byte[0];
        synchronized (recorded) {
            long number = recordedFirst;
            for (byte[] piece : recorded) {
                if (number == at.chunk()) {
                    first = piece;
                } else if (number > at.chunk()) {
                    replay.addLast(piece);
                }
                number++;
            }
        }
        InputStream rest = new ReplayInputStream(replay, source, sourceEnded, sourceFailure, sourceRuntimeFailure);
        fallback = new GzipMembersInputStream(rest, first, at.offset(), first.length, at.members(), true, at.lastWasEmpty(), at.sourceBytes());
    }

    private void stopScanner() throws InterruptedIOException {
        stopped = true;
        inFlight.release(1 << 16);
        try {
            scanner.join();
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the decompression");
        }
        workers.shutdownNow();
    }

    /** The pieces the scanner read, in their sizes, then what it met at its end, then the rest of the source. */
    private static final class ReplayInputStream extends InputStream {
        private final ArrayDeque<byte[]> pieces;
        private final InputStream source;
        private final boolean ended;
        private final IOException failure;
        private final RuntimeException runtimeFailure;

        ReplayInputStream(ArrayDeque<byte[]> pieces, InputStream source, boolean ended, IOException failure, RuntimeException runtimeFailure) {
            this.pieces = pieces;
            this.source = source;
            this.ended = ended;
            this.failure = failure;
            this.runtimeFailure = runtimeFailure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int count = read(one, 0, 1);
            return count < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            byte[] piece = pieces.pollFirst();
            if (piece != null) {
                if (piece.length > length) {
                    throw new IllegalStateException("replayed piece larger than the read");
                }
                System.arraycopy(piece, 0, buffer, offset, piece.length);
                return piece.length;
            }
            if (failure != null) {
                throw failure;
            }
            if (runtimeFailure != null) {
                throw runtimeFailure;
            }
            if (ended) {
                return -1;
            }
            return source.read(buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        inFlight.release(1 << 16);
        workers.shutdownNow();
        try {
            scanner.join(1000);
            workers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
        }
        if (fallback != null) {
            fallback.close();
        } else {
            source.close();
        }
    }
}
