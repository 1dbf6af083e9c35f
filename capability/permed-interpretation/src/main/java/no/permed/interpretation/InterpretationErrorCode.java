package no.permed.interpretation;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/** Errors of the interpreted-variant register. The codes are stable and sent to clients as {@code INTERPRETATION_*}. */
public enum InterpretationErrorCode implements ErrorCode {
    /** An ACMG/AMP criterion code or its strength suffix is not one of those defined (the message names it). */
    UNKNOWN_CRITERION(ErrorKind.BAD_INPUT),
    /** The same ACMG/AMP criterion is listed twice for one classification. */
    DUPLICATE_CRITERION(ErrorKind.BAD_INPUT),
    /** A classification name is not one of Pathogenic, Likely pathogenic, Uncertain significance, Likely benign, Benign. */
    UNKNOWN_CLASSIFICATION(ErrorKind.BAD_INPUT),
    /** An HGVS expression is malformed, or of a kind that cannot be resolved without a transcript database. */
    HGVS_NOT_SUPPORTED(ErrorKind.BAD_INPUT),
    /** An HGVS or genomic variant needs reference bases (an indel's anchor base) but no reference sequence was given. */
    REFERENCE_REQUIRED(ErrorKind.BAD_INPUT),
    /** Bases written in the input differ from the reference sequence at that position. */
    REFERENCE_MISMATCH(ErrorKind.BAD_INPUT),
    /** A variant is not on a primary chromosome of GRCh37 or GRCh38, or its position lies beyond the chromosome. */
    INVALID_VARIANT(ErrorKind.BAD_INPUT),
    /** No computed (VRS) identifier can be made for this variant yet (see the message for what is missing). */
    IDENTIFIER_NOT_SUPPORTED(ErrorKind.BAD_INPUT),
    /** A review status is not one of ClinVar's. */
    UNKNOWN_REVIEW_STATUS(ErrorKind.BAD_INPUT);

    private final ErrorKind kind;

    InterpretationErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "INTERPRETATION_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
