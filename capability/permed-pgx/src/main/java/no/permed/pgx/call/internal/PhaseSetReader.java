package no.permed.pgx.call.internal;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import no.permed.kernel.PermedException;
import no.permed.pgx.call.PgxErrorCode;

/**
 * Reads FORMAT/PS (phase set) of chosen samples on chosen lines of a VCF, in a second pass over the file.
 *
 * <p>Why a second pass: permed-vcf's {@code VcfReader} exposes GT but no other FORMAT subfield, and PS decides whether
 * two phased genotypes are in phase with each other. The caller asks for the few lines it needs (the records whose
 * phased heterozygous calls meet in one gene of one sample), by the line numbers the reader reported, and only when the
 * header declares PS. The records were checked by the strict reader in the first pass; this reader only splits them.
 */
public final class PhaseSetReader {
    private PhaseSetReader() {
    }

    /**
     * The PS values on the wanted lines.
     *
     * @param vcf the file the first pass read (plain, gzip or BGZF)
     * @param fileName the file name as errors name it
     * @param wanted line number (1-based, as {@code VcfReader} counts) → the record's POS and the sample indices wanted
     * @return line number → PS per wanted sample index (null where the record's FORMAT has no PS or the value is
     *     {@code .} or absent); only the wanted sample indices are filled
     * @throws PermedException {@code PGX_INPUT_CHANGED} when a wanted line is not the record the first pass read there
     */
    public static Map<Long, String[]> read(Path vcf, String fileName, Map<Long, Wanted> wanted) {
        requireNonNull(vcf, "vcf is null");
        requireNonNull(wanted, "wanted is null");
        Map<Long, String[]> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        long last = wanted.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        try (InputStream input = open(vcf)) {
            byte[] buffer = new byte[1 << 16];
            byte[] line = new byte[1 << 12];
            int lineLength = 0;
            long lineNumber = 1;
            boolean keep = wanted.containsKey(lineNumber);
            int read;
            while (lineNumber <= last && (read = input.read(buffer)) > 0) {
                int start = 0;
                for (int i = 0; i < read && lineNumber <= last; i++) {
                    if (buffer[i] != '\n') {
                        continue;
                    }
                    if (keep) {
                        line = append(line, lineLength, buffer, start, i);
                        lineLength += i - start;
                        found.put(lineNumber, parse(line, lineLength, wanted.get(lineNumber), fileName, lineNumber));
                    }
                    lineLength = 0;
                    start = i + 1;
                    lineNumber++;
                    keep = wanted.containsKey(lineNumber);
                }
                if (keep && start < read) {
                    line = append(line, lineLength, buffer, start, read);
                    lineLength += read - start;
                }
            }
            if (keep && lineLength > 0) {
                found.put(lineNumber, parse(line, lineLength, wanted.get(lineNumber), fileName, lineNumber));
            }
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read the phase sets of " + fileName, exception);
        }
        for (Map.Entry<Long, Wanted> entry : wanted.entrySet()) {
            if (!found.containsKey(entry.getKey())) {
                throw changed(fileName, entry.getKey());
            }
        }
        return found;
    }

    /** What is wanted from one line: the record's POS (to check it is the same record) and the sample indices. */
    public record Wanted(int position, int[] samples) {
        public Wanted {
            samples = samples.clone();
        }
    }

    private static InputStream open(Path vcf) throws IOException {
        BufferedInputStream input = new BufferedInputStream(Files.newInputStream(vcf), 1 << 16);
        input.mark(2);
        int first = input.read();
        int second = input.read();
        input.reset();
        // GZIPInputStream reads concatenated members, so BGZF (a series of gzip members) too.
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(input, 1 << 16) : input;
    }

    private static byte[] append(byte[] line, int length, byte[] from, int start, int end) {
        int needed = length + end - start;
        byte[] target = needed <= line.length ? line : Arrays.copyOf(line, Math.max(needed, line.length * 2));
        System.arraycopy(from, start, target, length, end - start);
        return target;
    }

    private static String[] parse(byte[] line, int length, Wanted wanted, String fileName, long lineNumber) {
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        int maxSample = Arrays.stream(wanted.samples()).max().orElse(-1);
        int columns = 9 + maxSample + 1;
        int[] starts = new int[columns];
        int[] ends = new int[columns];
        int column = 0;
        starts[0] = 0;
        for (int i = 0; i < length && column < columns; i++) {
            if (line[i] == '\t') {
                ends[column] = i;
                column++;
                if (column < columns) {
                    starts[column] = i + 1;
                }
            }
        }
        if (column < columns) {
            ends[column] = length;
            column++;
        }
        if (column < columns || !text(line, starts[1], ends[1]).equals(Integer.toString(wanted.position()))) {
            throw changed(fileName, lineNumber);
        }
        String[] values = new String[maxSample + 1];
        int psIndex = subfieldIndex(line, starts[8], ends[8]);
        if (psIndex < 0) {
            return values;
        }
        for (int sample : wanted.samples()) {
            String value = subfield(line, starts[9 + sample], ends[9 + sample], psIndex);
            values[sample] = value == null || value.isEmpty() || value.equals(".") ? null : value;
        }
        return values;
    }

    /** The index of key PS in a FORMAT column, or -1. */
    private static int subfieldIndex(byte[] line, int start, int end) {
        int index = 0;
        int keyStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || line[i] == ':') {
                if (i - keyStart == 2 && line[keyStart] == 'P' && line[keyStart + 1] == 'S') {
                    return index;
                }
                index++;
                keyStart = i + 1;
            }
        }
        return -1;
    }

    /** Subfield {@code wanted} of a sample column, or null when the column has fewer subfields. */
    private static String subfield(byte[] line, int start, int end, int wanted) {
        int index = 0;
        int valueStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || line[i] == ':') {
                if (index == wanted) {
                    return text(line, valueStart, i);
                }
                index++;
                valueStart = i + 1;
            }
        }
        return null;
    }

    private static String text(byte[] line, int start, int end) {
        return new String(line, start, end - start, StandardCharsets.UTF_8);
    }

    private static PermedException changed(String fileName, long lineNumber) {
        return new PermedException(PgxErrorCode.INPUT_CHANGED, fileName + " changed while it was read: line " + lineNumber
                + " is not the record read there before; call it again", Map.of("file", fileName, "line", Long.toString(lineNumber)));
    }
}
