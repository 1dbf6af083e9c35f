package no.permed.pgx.interpret;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/**
 * Errors of the interpretation step (outside-call files). The codes are stable and sent to clients as
 * {@code PGX_OUTSIDE_CALL_*}. Every message names the file, the line and the field.
 */
public enum InterpretErrorCode implements ErrorCode {
    /** The outside-call file cannot be read (missing, unreadable, not UTF-8). */
    OUTSIDE_CALL_UNREADABLE(ErrorKind.BAD_INPUT),
    /** A line has fewer than 2 or more than 4 tab-separated columns. */
    OUTSIDE_CALL_COLUMNS(ErrorKind.BAD_INPUT),
    /** The gene symbol is not a pharmacogene the knowledge knows. */
    OUTSIDE_CALL_UNKNOWN_GENE(ErrorKind.BAD_INPUT),
    /** An allele of the diplotype is not known for the gene (or a diplotype has more than two alleles). */
    OUTSIDE_CALL_UNKNOWN_ALLELE(ErrorKind.BAD_INPUT),
    /** The same gene is given on two lines. */
    OUTSIDE_CALL_DUPLICATE_GENE(ErrorKind.BAD_INPUT),
    /** A line gives neither a diplotype, nor a phenotype, nor an activity score. */
    OUTSIDE_CALL_EMPTY(ErrorKind.BAD_INPUT),
    /** The activity score is not a number ({@code 1.5}), a bound ({@code ≥3.0}) or {@code n/a}. */
    OUTSIDE_CALL_BAD_ACTIVITY_SCORE(ErrorKind.BAD_INPUT);

    private final ErrorKind kind;

    InterpretErrorCode(ErrorKind kind) {
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
