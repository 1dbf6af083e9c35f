package no.permed.frequency.beacon;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/**
 * Errors that only the Beacon raises (the register's and the query's are {@link no.permed.frequency.FrequencyErrorCode}).
 * Sent to clients as {@code FREQUENCY_BEACON_*}, inside a Beacon error response.
 */
public enum BeaconErrorCode implements ErrorCode {
    /** Records of individuals and biosamples are shown to signed-in callers only. */
    SIGN_IN_REQUIRED(ErrorKind.UNAUTHENTICATED),
    /** The caller's tier may not see records of individuals and biosamples in any dataset. */
    RECORDS_NOT_ALLOWED(ErrorKind.FORBIDDEN);

    private final ErrorKind kind;

    BeaconErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "FREQUENCY_BEACON_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
