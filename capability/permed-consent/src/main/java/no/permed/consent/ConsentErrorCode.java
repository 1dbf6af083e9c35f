package no.permed.consent;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/** Errors of dynamic consent. The codes are stable and sent to clients as {@code CONSENT_*}. */
public enum ConsentErrorCode implements ErrorCode {
    /** A DUO code is neither a known shorthand (GRU, HMB, …) nor a known identifier (DUO:0000042, …). */
    UNKNOWN_DUO_CODE(ErrorKind.BAD_INPUT),
    /** A purpose is invalid: a modifier used as purpose, DS without a MONDO id, a MONDO id on another code, a malformed MONDO id. */
    INVALID_PURPOSE(ErrorKind.BAD_INPUT),
    /** A project identifier is malformed (1–64 of A-Z a-z 0-9 . _ -, starting with a letter or digit). */
    INVALID_PROJECT(ErrorKind.BAD_INPUT),
    /** A validity period ends before or when it starts. */
    INVALID_PERIOD(ErrorKind.BAD_INPUT),
    /** A given consent's period overlaps another given consent of the same patient, purpose and project. */
    OVERLAPPING_PERIOD(ErrorKind.CONFLICT),
    /** No consent with this id belongs to the patient named (also when it belongs to someone else). */
    CONSENT_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** The consent is already withdrawn; it is not changed further (give a new one). */
    ALREADY_WITHDRAWN(ErrorKind.CONFLICT),
    /**
     * The source does not fit who records the consent: a digital consent is recorded by the patient themself, a paper
     * consent by staff on the patient's behalf.
     */
    INVALID_SOURCE(ErrorKind.BAD_INPUT),
    /**
     * A FHIR R4 Consent resource cannot be read or does not fit permed's consent model; the message and the detail
     * {@code field} name the FHIR element (e.g. {@code Consent.provision.period.start}).
     */
    INVALID_FHIR_RESOURCE(ErrorKind.BAD_INPUT),
    /** The consent database failed; the message names the operation, the log has the cause. */
    STORAGE_FAILURE(ErrorKind.UNAVAILABLE);

    private final ErrorKind kind;

    ConsentErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "CONSENT_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
