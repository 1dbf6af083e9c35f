package no.permed.pgx.call;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/** Errors of the star-allele caller. The codes are stable and sent to clients as {@code PGX_*}. */
public enum PgxErrorCode implements ErrorCode {
    /** The VCF is not on GRCh38 (its contig lengths or {@code ##reference} say GRCh37): the definitions are GRCh38 only. */
    ASSEMBLY_NOT_GRCH38(ErrorKind.BAD_INPUT),
    /** The VCF has no sample columns, so there is nothing to call. */
    NO_SAMPLES(ErrorKind.BAD_INPUT),
    /** The VCF holds several samples and none was named. */
    SAMPLE_REQUIRED(ErrorKind.BAD_INPUT),
    /** The named sample is not a column of the VCF. */
    SAMPLE_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** A gene the caller needs has no allele definition in the knowledge: the knowledge jar does not fit this caller. */
    DEFINITION_MISSING(ErrorKind.INTERNAL);

    private final ErrorKind kind;

    PgxErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "PGX_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
