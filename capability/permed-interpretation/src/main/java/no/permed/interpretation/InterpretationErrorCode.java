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
    /** An HGVS expression is malformed (the message says where), or of a kind the register does not key (p., r., alleles). */
    HGVS_NOT_SUPPORTED(ErrorKind.BAD_INPUT),
    /**
     * A well-formed transcript (c.) expression that permed's transcript-anchor table cannot place exactly on the genome:
     * the transcript or its version is not in the table, the position lies outside its exactly known stretches, or the
     * assembly must be named.
     */
    HGVS_NOT_RESOLVABLE(ErrorKind.BAD_INPUT),
    /** An HGVS or genomic variant needs reference bases (an indel's anchor base) but no reference sequence was given. */
    REFERENCE_REQUIRED(ErrorKind.BAD_INPUT),
    /** Bases written in the input differ from the reference sequence at that position. */
    REFERENCE_MISMATCH(ErrorKind.BAD_INPUT),
    /** A variant is not on a primary chromosome of GRCh37 or GRCh38, or its position lies beyond the chromosome. */
    INVALID_VARIANT(ErrorKind.BAD_INPUT),
    /** No computed (VRS) identifier can be made for this variant yet (see the message for what is missing). */
    IDENTIFIER_NOT_SUPPORTED(ErrorKind.BAD_INPUT),
    /** A review status is not one of ClinVar's. */
    UNKNOWN_REVIEW_STATUS(ErrorKind.BAD_INPUT),
    /** A condition is neither a MONDO, ORPHA or OMIM identifier nor acceptable free text (1–200 printable characters). */
    INVALID_CONDITION(ErrorKind.BAD_INPUT),
    /** A field of a submission is missing or invalid (the details name the field, and for CSV the file and line). */
    INVALID_SUBMISSION(ErrorKind.BAD_INPUT),
    /** A bulk CSV file is malformed: header, quoting or number of fields (the details name file, line and field). */
    INVALID_CSV(ErrorKind.BAD_INPUT),
    /** The caller's token names no organisation, so the submitting or notified laboratory cannot be known. */
    NO_ORGANISATION(ErrorKind.FORBIDDEN),
    /** The register holds no submission for the variant (and condition, when one was given). */
    VARIANT_NOT_REGISTERED(ErrorKind.NOT_FOUND),
    /** No discordance with this id involves the caller's laboratory. */
    DISCORDANCE_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** The discordance is resolved; no further action is taken on it (a new conflict opens a new one). */
    DISCORDANCE_RESOLVED(ErrorKind.CONFLICT),
    /** A discordance action is not one of comment, re-evaluate, resolve, escalate, or lacks its required comment. */
    INVALID_DISCORDANCE_ACTION(ErrorKind.BAD_INPUT),
    /** No notification with this id is addressed to the caller (or the caller's laboratory). */
    NOTIFICATION_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** The register's database failed; the message names the operation, the log has the cause. */
    STORAGE_FAILURE(ErrorKind.UNAVAILABLE);

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
