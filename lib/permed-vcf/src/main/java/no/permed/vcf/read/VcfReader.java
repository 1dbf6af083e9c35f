package no.permed.vcf.read;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import no.permed.kernel.PermedException;
import no.permed.vcf.VcfErrorCode;
import no.permed.vcf.header.VcfHeader;
import no.permed.vcf.internal.InputOpener;
import no.permed.vcf.internal.LineReader;
import no.permed.vcf.internal.VcfErrors;
import no.permed.vcf.internal.VcfHeaderParser;

/**
 * Reads a VCF file (plain, gzip or BGZF, recognised by content) one record at a time, checking every line as it
 * goes: the first problem is thrown as a {@link PermedException} naming file, line and field. The header is read
 * and checked when the reader is opened.
 *
 * <pre>{@code
 * try (VcfReader reader = VcfReader.open(path, VcfReaderOptions.defaults())) {
 *     while (reader.advance()) {
 *         VcfRecord record = reader.record(); // reused: valid until the next advance()
 *         int[] alleles = record.genotypes().alleleIndicesView();
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe. Compressed input is decompressed on background threads when
 * {@link VcfReaderOptions#readAhead()} is on (BGZF blocks on {@link VcfReaderOptions#decompressionThreads()}
 * threads in parallel, plain gzip on one); {@link #close()} stops them.
 */
public final class VcfReader implements AutoCloseable {
    private final LineReader lines;
    private final VcfHeader header;
    private final VcfRecord record;
    private final RecordParser parser;
    private final InputOpener.Container container;
    private boolean hasRecord;
    private boolean finished;
    private long recordCount;

    private VcfReader(LineReader lines, InputOpener.Container container, VcfReaderOptions options) {
        this.lines = lines;
        this.container = container;
        this.header = VcfHeaderParser.parse(lines, options.assembly(), options.requireAssembly());
        this.record = new VcfRecord(lines.file(), header.sampleCount(), options.formatInteger().orElse(null));
        this.parser = new RecordParser(lines.file(), header, options, record);
    }

    /** Opens a file with the default options; the file name (without directories) names it in errors. */
    public static VcfReader open(Path path) {
        return open(path, VcfReaderOptions.defaults());
    }

    /** Opens a file; the file name (without directories) names it in errors. */
    public static VcfReader open(Path path, VcfReaderOptions options) {
        requireNonNull(path, "path is null");
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        if (Files.isDirectory(path)) {
            throw VcfErrors.error(VcfErrorCode.FILE_NOT_READABLE, name, 0, VcfErrors.FIELD_FILE, "this is a directory, not a VCF file");
        }
        InputStream input;
        try {
            input = Files.newInputStream(path);
        } catch (NoSuchFileException exception) {
            throw VcfErrors.error(VcfErrorCode.FILE_NOT_READABLE, name, 0, VcfErrors.FIELD_FILE, "the file does not exist");
        } catch (AccessDeniedException exception) {
            throw VcfErrors.error(VcfErrorCode.FILE_NOT_READABLE, name, 0, VcfErrors.FIELD_FILE, "the file may not be read (permission denied)");
        } catch (IOException exception) {
            throw VcfErrors.error(VcfErrorCode.FILE_NOT_READABLE, name, 0, VcfErrors.FIELD_FILE, null,
                    "the file cannot be read (" + exception.getClass().getSimpleName() + ")", exception);
        }
        return open(input, name, options);
    }

    /**
     * Reads from a stream (for example an upload), which the reader closes.
     *
     * @param fileName the name that errors give for the input (never a full path of the server)
     */
    public static VcfReader open(InputStream input, String fileName, VcfReaderOptions options) {
        requireNonNull(input, "input is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(options, "options is null");
        InputOpener.Opened opened = null;
        try {
            opened = InputOpener.open(input, fileName, options.readAhead(), options.effectiveDecompressionThreads());
            LineReader lines = new LineReader(opened.text(), fileName, options.maximumLineLength());
            return new VcfReader(lines, opened.container(), options);
        } catch (IOException exception) {
            closeQuietly(opened == null ? input : opened.text());
            throw new UncheckedIOException("cannot read " + fileName, exception);
        } catch (RuntimeException exception) {
            closeQuietly(opened == null ? input : opened.text());
            throw exception;
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException ignored) {
            // the first failure is the one to report
        }
    }

    /** The name that errors give for the input. */
    public String fileName() {
        return lines.file();
    }

    public VcfHeader header() {
        return header;
    }

    /** Whether the input was gzip/BGZF-compressed. */
    public boolean isCompressed() {
        return container == InputOpener.Container.GZIP;
    }

    /**
     * Moves to the next record; false at the end of the input. Throws {@link PermedException} at the first
     * invalid line, after which the reader must not be used again.
     */
    public boolean advance() {
        return advance(null);
    }

    /**
     * As {@link #advance()}, parsing the record's sample columns only when {@code filter} wants its site (or is
     * null). The fixed columns of every record are parsed and checked as always; the sample columns of a record the
     * filter passes over are neither parsed nor checked, and its {@link VcfRecord#genotypes()} may not be asked
     * ({@link VcfRecord#hasGenotypes()} is false).
     */
    public boolean advance(SiteFilter filter) {
        if (finished) {
            return false;
        }
        hasRecord = false;
        if (!lines.next()) {
            finished = true;
            return false;
        }
        parser.parse(lines.buffer(), lines.lineStart(), lines.lineEnd(), lines.lineNumber(), filter);
        hasRecord = true;
        recordCount++;
        return true;
    }

    /** The current record (the same reused instance for every record). */
    public VcfRecord record() {
        if (!hasRecord) {
            throw new IllegalStateException("no current record: call advance() first and check that it returned true");
        }
        return record;
    }

    /** Hands every remaining record to {@code visitor}, one at a time (the reused instance). */
    public void forEachRemaining(Consumer<? super VcfRecord> visitor) {
        requireNonNull(visitor, "visitor is null");
        while (advance()) {
            visitor.accept(record);
        }
    }

    /** The number of records read so far. */
    public long recordCount() {
        return recordCount;
    }

    /** The number of the last line read (header lines included). */
    public long lineNumber() {
        return lines.lineNumber();
    }

    @Override
    public void close() {
        try {
            lines.close();
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot close " + lines.file(), exception);
        }
    }
}
