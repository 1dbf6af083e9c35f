package no.permed.frequency;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/** Errors of the frequency register and the Beacon. The codes are stable and sent to clients as {@code FREQUENCY_*}. */
public enum FrequencyErrorCode implements ErrorCode {
    /** A variant is not written as CONTIG-POSITION-REF-ALT (or ASSEMBLY-CONTIG-POSITION-REF-ALT). */
    INVALID_VARIANT(ErrorKind.BAD_INPUT),
    /** The register holds no counts for that assembly, or the assembly is neither GRCh37 nor GRCh38. */
    UNKNOWN_ASSEMBLY(ErrorKind.BAD_INPUT),
    /** A query is malformed (start after end, an oversized range, an unknown filtering term, …). */
    INVALID_QUERY(ErrorKind.BAD_INPUT),
    /** No counted sample holds the variant, or the caller's tier withholds it. */
    VARIANT_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** No such dataset. */
    UNKNOWN_DATASET(ErrorKind.NOT_FOUND),
    /** No such permit (or it is already revoked). */
    PERMIT_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** The client has spent its query budget for the current window. */
    QUERY_BUDGET_SPENT(ErrorKind.TOO_MANY_REQUESTS),
    /** The register has not finished counting since start-up. */
    NOT_READY(ErrorKind.UNAVAILABLE),
    /** The permit database failed; the message names the operation, the log has the cause. */
    STORAGE_FAILURE(ErrorKind.UNAVAILABLE);

    private final ErrorKind kind;

    FrequencyErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "FREQUENCY_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
