package no.permed.app.cli;

import no.permed.kernel.ErrorKind;

/** Exit codes of the command line, documented in the README. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** A failure on our side or of a dependency (database, files). */
    public static final int FAILURE = 1;
    /** Bad input: usage, configuration, files or values; nothing was changed. */
    public static final int BAD_INPUT = 2;
    /** A conflict with the current state, e.g. the data directory is in use by another process. */
    public static final int CONFLICT = 3;
    /** A check found a problem, e.g. {@code audit verify} found a broken chain. */
    public static final int CHECK_FAILED = 4;

    private ExitCodes() {}

    static int forKind(ErrorKind kind) {
        return switch (kind) {
            case BAD_INPUT, NOT_FOUND, METHOD_NOT_ALLOWED, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE -> BAD_INPUT;
            case CONFLICT, TOO_MANY_REQUESTS -> CONFLICT;
            case UNAUTHENTICATED, FORBIDDEN, INTERNAL, UNAVAILABLE -> FAILURE;
        };
    }
}
