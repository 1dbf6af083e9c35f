package no.permed.kernel;

/**
 * A named error of one module. Implemented by one enum per module (for example
 * {@code SecurityErrorCode}); the edges map {@link #kind()} to HTTP status codes and CLI exit codes
 * in one place and send {@link #code()} to clients as a stable, documented string.
 */
public interface ErrorCode {
    /** A stable code such as {@code SECURITY_TOKEN_EXPIRED}; documented in docs/api.md. */
    String code();

    ErrorKind kind();
}
