package no.permed.app.config;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/** Errors of the application shell: configuration and command line. */
public enum AppErrorCode implements ErrorCode {
    INVALID_CONFIGURATION(ErrorKind.BAD_INPUT),
    CONFIGURATION_FILE_UNREADABLE(ErrorKind.BAD_INPUT);

    private final ErrorKind kind;

    AppErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "APP_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
