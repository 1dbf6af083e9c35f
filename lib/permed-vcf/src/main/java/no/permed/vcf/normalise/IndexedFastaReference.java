package no.permed.vcf.normalise;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import no.permed.kernel.PermedException;
import no.permed.vcf.VcfErrorCode;
import no.permed.vcf.genome.Contigs;
import no.permed.vcf.internal.VcfErrors;

/**
 * An uncompressed FASTA file with a samtools-style {@code .fai} index, read with positional reads. When the
 * index is missing it is built by one pass over the FASTA and written next to it (or kept in memory when the
 * directory is read-only). Contigs are found by canonical name, so a {@code chr1} FASTA serves a {@code 1} VCF.
 * Thread-safe; keeps one small window of bases cached for the many short reads of left-alignment.
 */
public final class IndexedFastaReference implements ReferenceSequence, AutoCloseable {
    private static final int WINDOW = 4096;

    /** One line of a {@code .fai} index. */
    private record IndexEntry(String name, long length, long offset, int lineBases, int lineWidth) {
    }

    private final String fileName;
    private final FileChannel channel;
    private final Map<String, IndexEntry> entries;
    private String windowContig;
    private long windowStart;
    private byte[] window = new byte[0];

    private IndexedFastaReference(String fileName, FileChannel channel, Map<String, IndexEntry> entries) {
        this.fileName = fileName;
        this.channel = channel;
        this.entries = entries;
    }

    /**
     * Opens a FASTA file, reading {@code FASTA.fai} or building it.
     *
     * @throws PermedException with {@link VcfErrorCode#REFERENCE_UNAVAILABLE} when the file is missing, compressed
     *     or malformed
     */
    public static IndexedFastaReference open(Path fasta) {
        requireNonNull(fasta, "fasta is null");
        String name = fasta.getFileName().toString();
        if (!Files.isReadable(fasta)) {
            throw unavailable(name, 0, "the reference FASTA does not exist or cannot be read");
        }
        try {
            try (InputStream input = Files.newInputStream(fasta)) {
                int first = input.read();
                int second = input.read();
                if (first == 0x1f && second == 0x8b) {
                    throw unavailable(name, 0, "compressed FASTA is not supported; decompress it (and index it with samtools faidx)");
                }
                if (first != '>') {
                    throw unavailable(name, 1, "a FASTA file must start with a '>' line");
                }
            }
            Path index = fasta.resolveSibling(name + ".fai");
            List<IndexEntry> list;
            if (Files.isReadable(index)) {
                list = readIndex(index);
            } else {
                list = buildIndex(fasta, name);
                writeIndexQuietly(index, list);
            }
            Map<String, IndexEntry> byCanonical = new LinkedHashMap<>();
            for (IndexEntry entry : list) {
                byCanonical.putIfAbsent(Contigs.canonical(entry.name()), entry);
            }
            return new IndexedFastaReference(name, FileChannel.open(fasta, StandardOpenOption.READ), byCanonical);
        } catch (IOException exception) {
            throw VcfErrors.error(VcfErrorCode.REFERENCE_UNAVAILABLE, name, 0, VcfErrors.FIELD_FILE, null,
                    "the reference FASTA cannot be read (" + exception.getClass().getSimpleName() + ")", exception);
        }
    }

    private static List<IndexEntry> readIndex(Path index) throws IOException {
        List<IndexEntry> list = new ArrayList<>();
        long lineNumber = 0;
        for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t");
            try {
                list.add(new IndexEntry(fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                        Integer.parseInt(fields[3]), Integer.parseInt(fields[4])));
            } catch (RuntimeException exception) {
                throw unavailable(index.getFileName().toString(), lineNumber,
                        "the FASTA index line must have NAME, LENGTH, OFFSET, LINEBASES, LINEWIDTH; rebuild it with samtools faidx");
            }
        }
        return list;
    }

    private static List<IndexEntry> buildIndex(Path fasta, String name) throws IOException {
        List<IndexEntry> list = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        try (InputStream input = new BufferedInputStream(Files.newInputStream(fasta), 1 << 16)) {
            long offset = 0;
            long lineNumber = 0;
            String contig = null;
            long contigOffset = 0;
            long length = 0;
            int lineBases = -1;
            int lineWidth = -1;
            boolean shortLineSeen = false;
            StringBuilder header = null;
            int lineLength = 0;
            int lineBytes = 0;
            int value;
            while (true) {
                value = input.read();
                if (value < 0 && lineBytes == 0) {
                    break;
                }
                if (value >= 0) {
                    offset++;
                }
                if (value >= 0 && value != '\n') {
                    lineBytes++;
                    if (lineBytes == 1 && value == '>') {
                        header = new StringBuilder();
                    } else if (header != null) {
                        header.append((char) value);
                    } else if (value != '\r') {
                        lineLength++;
                    }
                    continue;
                }
                lineNumber++;
                if (header != null) {
                    if (contig != null) {
                        list.add(new IndexEntry(contig, length, contigOffset, Math.max(lineBases, 0), Math.max(lineWidth, 0)));
                    }
                    contig = header.toString().trim().split("\\s+")[0];
                    if (contig.isEmpty() || seen.put(contig, lineNumber) != null) {
                        throw unavailable(name, lineNumber, "the FASTA has an empty or repeated sequence name");
                    }
                    contigOffset = offset;
                    length = 0;
                    lineBases = -1;
                    lineWidth = -1;
                    shortLineSeen = false;
                    header = null;
                } else if (contig == null) {
                    throw unavailable(name, lineNumber, "bases appear before the first '>' line");
                } else if (lineLength > 0) {
                    if (shortLineSeen || (lineBases >= 0 && lineLength > lineBases)) {
                        throw unavailable(name, lineNumber, "the sequence lines of " + contig
                                + " have unequal lengths, so the FASTA cannot be indexed; reformat it (e.g. samtools faidx)");
                    }
                    if (lineBases < 0) {
                        lineBases = lineLength;
                        lineWidth = lineBytes + (value >= 0 ? 1 : 0);
                    } else if (lineLength < lineBases) {
                        shortLineSeen = true;
                    }
                    length += lineLength;
                }
                lineLength = 0;
                lineBytes = 0;
                if (value < 0) {
                    break;
                }
            }
            if (contig != null) {
                list.add(new IndexEntry(contig, length, contigOffset, Math.max(lineBases, 0), Math.max(lineWidth, 0)));
            }
        }
        return list;
    }

    private static void writeIndexQuietly(Path index, List<IndexEntry> list) {
        StringBuilder text = new StringBuilder();
        for (IndexEntry entry : list) {
            text.append(entry.name()).append('\t').append(entry.length()).append('\t').append(entry.offset()).append('\t')
                    .append(entry.lineBases()).append('\t').append(entry.lineWidth()).append('\n');
        }
        try {
            Files.writeString(index, text, StandardCharsets.UTF_8);
        } catch (IOException | UnsupportedOperationException exception) {
            // a read-only directory: the index stays in memory
        }
    }

    @Override
    public OptionalInt contigLength(String canonicalContig) {
        IndexEntry entry = entries.get(canonicalContig);
        return entry == null ? OptionalInt.empty() : OptionalInt.of((int) Math.min(entry.length(), Integer.MAX_VALUE));
    }

    @Override
    public synchronized String bases(String canonicalContig, int start, int length) {
        IndexEntry entry = entries.get(canonicalContig);
        if (entry == null) {
            throw unavailable(fileName, 0, "the reference has no contig " + canonicalContig + "; it has " + entries.keySet());
        }
        if (start < 1 || length < 0) {
            throw new IllegalArgumentException("start must be 1 or more and length not negative: " + start + ", " + length);
        }
        long from = start - 1L;
        long to = Math.min(entry.length(), from + length);
        if (to <= from) {
            return "";
        }
        if (!canonicalContig.equals(windowContig) || from < windowStart || to > windowStart + window.length) {
            long windowFrom = Math.max(0, from - WINDOW / 2);
            long windowTo = Math.min(entry.length(), Math.max(to, windowFrom + WINDOW));
            window = read(entry, windowFrom, windowTo);
            windowStart = windowFrom;
            windowContig = canonicalContig;
        }
        return new String(window, (int) (from - windowStart), (int) (to - from), StandardCharsets.ISO_8859_1);
    }

    private byte[] read(IndexEntry entry, long from, long to) {
        long firstByte = entry.offset() + (from / entry.lineBases()) * entry.lineWidth() + from % entry.lineBases();
        long lastBase = to - 1;
        long lastByte = entry.offset() + (lastBase / entry.lineBases()) * entry.lineWidth() + lastBase % entry.lineBases();
        ByteBuffer buffer = ByteBuffer.allocate((int) (lastByte - firstByte + 1));
        try {
            long position = firstByte;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw unavailable(fileName, 0, "the FASTA is shorter than its index says; rebuild the index (samtools faidx)");
                }
                position += read;
            }
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read the reference " + fileName, exception);
        }
        byte[] raw = buffer.array();
        byte[] bases = new byte[(int) (to - from)];
        int count = 0;
        for (byte value : raw) {
            if (value != '\n' && value != '\r') {
                if (count == bases.length) {
                    break;
                }
                bases[count++] = (byte) Character.toUpperCase(value);
            }
        }
        if (count != bases.length) {
            throw unavailable(fileName, 0, "the FASTA does not match its index; rebuild the index (samtools faidx)");
        }
        return bases;
    }

    private static PermedException unavailable(String file, long line, String message) {
        return VcfErrors.error(VcfErrorCode.REFERENCE_UNAVAILABLE, file, line, VcfErrors.FIELD_FILE, message);
    }

    /** The names of the contigs in the FASTA, canonical, in file order. */
    public List<String> contigs() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot close the reference " + fileName, exception);
        }
    }
}
