package no.permed.genome;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/**
 * The errors of the genome store. The stable code sent to clients is {@code GENOME_} followed by the
 * constant's name. Messages name files, lines, fields and sample IDs, never a national identity number
 * or a pseudonym.
 */
public enum GenomeErrorCode implements ErrorCode {
    /** The national identity number given for a patient sample is not valid. */
    INVALID_NATIONAL_ID(ErrorKind.BAD_INPUT),
    /** A sample with this ID is already stored (and not erased) in the same laboratory or cohort. */
    SAMPLE_EXISTS(ErrorKind.CONFLICT),
    /** The sample named for a patient is not a sample column of the file. */
    SAMPLE_NOT_IN_FILE(ErrorKind.BAD_INPUT),
    /** A patient ingest got a file with several samples and no --sample to choose one. */
    SINGLE_SAMPLE_EXPECTED(ErrorKind.BAD_INPUT),
    /** The sample map cannot be read, lacks a column or a sample, or repeats a sample. */
    SAMPLE_MAP_INVALID(ErrorKind.BAD_INPUT),
    /** The input holds no variant and no reference call. */
    EMPTY_INPUT(ErrorKind.BAD_INPUT),
    /** Two records of the input give the same variant after normalisation. */
    DUPLICATE_VARIANT(ErrorKind.BAD_INPUT),
    /** The files of one ingest disagree (samples, assembly) or the request is incomplete. */
    INVALID_REQUEST(ErrorKind.BAD_INPUT),
    /** Left-alignment moved a variant further than the ingest's reorder window. */
    REORDER_WINDOW_EXCEEDED(ErrorKind.BAD_INPUT),
    /** No such sample, or it is erased. */
    SAMPLE_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** The variant or region given to a query is malformed. */
    INVALID_QUERY(ErrorKind.BAD_INPUT),
    /** A list of samples for a count names a sample that is not stored. */
    UNKNOWN_SAMPLES(ErrorKind.BAD_INPUT),
    /** The store's files cannot be read or written. */
    STORAGE_FAILURE(ErrorKind.UNAVAILABLE),
    /** A segment file listed in the catalogue is missing. */
    SEGMENT_MISSING(ErrorKind.UNAVAILABLE);

    private final ErrorKind kind;

    GenomeErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "GENOME_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
