package no.permed.columnar;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/**
 * Errors of the columnar genotype store. Codes are sent to clients as {@code COLUMNAR_<NAME>}.
 *
 * <p>Bad input from the caller (an unsorted site, an invalid call, an unknown sample index) is
 * {@link ErrorKind#BAD_INPUT}. A damaged or unreadable segment file is {@link ErrorKind#INTERNAL}:
 * the file was written by us, so its damage is a fault on the server's side that an operator must
 * repair (restore from backup or re-ingest), not something the caller can fix.
 */
public enum ColumnarErrorCode implements ErrorCode {
    /** A site has an invalid contig, position or allele. */
    INVALID_SITE(ErrorKind.BAD_INPUT),
    /** A genotype call code is not one of the valid codes of {@link GenotypeCodes}. */
    INVALID_CALL(ErrorKind.BAD_INPUT),
    /** Sites were given out of order (contigs must be contiguous, positions non-decreasing) or twice. */
    SITE_OUT_OF_ORDER(ErrorKind.BAD_INPUT),
    /** A buffer, sample set or segment has a different number of samples than expected. */
    SAMPLE_COUNT_MISMATCH(ErrorKind.BAD_INPUT),
    /** A sample index is negative or not below the sample count. */
    SAMPLE_INDEX_OUT_OF_RANGE(ErrorKind.BAD_INPUT),
    /** A site index is negative or not below the site count. */
    SITE_INDEX_OUT_OF_RANGE(ErrorKind.BAD_INPUT),
    /** A genomic region is malformed (start after end, position below 1, bad contig). */
    INVALID_REGION(ErrorKind.BAD_INPUT),
    /** Allele counts given with a segment belong to another segment (another number of sites). */
    SITE_COUNT_MISMATCH(ErrorKind.BAD_INPUT),
    /** A population name for a site table column is not a valid column name, or is repeated. */
    INVALID_POPULATION(ErrorKind.BAD_INPUT),
    /** Segments given to compaction cannot be merged (overlapping sites, conflicting contig order). */
    INCOMPATIBLE_SEGMENTS(ErrorKind.BAD_INPUT),
    /** A writer was asked to create a file that already exists; segments are written once. */
    SEGMENT_EXISTS(ErrorKind.CONFLICT),
    /** The segment file does not exist. */
    SEGMENT_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** The file is not a permed genotype segment (wrong magic bytes). */
    NOT_A_SEGMENT(ErrorKind.INTERNAL),
    /** The segment was written in a format version this reader does not know. */
    UNSUPPORTED_FORMAT_VERSION(ErrorKind.INTERNAL),
    /** The segment file is shorter or longer than its header says. */
    TRUNCATED_SEGMENT(ErrorKind.INTERNAL),
    /** A checksum or structural check of the segment failed. */
    CORRUPT_SEGMENT(ErrorKind.INTERNAL),
    /** Reading or writing a file failed at the operating-system level. */
    IO_FAILURE(ErrorKind.INTERNAL),
    /** Writing a Parquet site table through DuckDB failed. */
    EXPORT_FAILED(ErrorKind.INTERNAL);

    private final ErrorKind kind;

    ColumnarErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "COLUMNAR_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
