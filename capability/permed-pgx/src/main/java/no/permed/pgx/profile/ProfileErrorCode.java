package no.permed.pgx.profile;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/**
 * Errors of the lifelong PGx profile. Sent to clients as {@code PGX_} followed by the constant's name. Messages
 * name profile versions and fields, never a pseudonym.
 */
public enum ProfileErrorCode implements ErrorCode {
    /** The patient has no stored PGx profile. */
    PROFILE_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** The patient has no re-interpretation with this id. */
    REINTERPRETATION_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** A profile to record is incomplete or malformed (blank sample id, calls of another sample, …). */
    INVALID_PROFILE(ErrorKind.BAD_INPUT),
    /** A stored profile cannot be read back: its JSON is of an unknown format or corrupt. */
    PROFILE_UNREADABLE(ErrorKind.INTERNAL),
    /** The profile tables cannot be read or written. */
    PROFILE_STORAGE_FAILURE(ErrorKind.UNAVAILABLE);

    private final ErrorKind kind;

    ProfileErrorCode(ErrorKind kind) {
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
