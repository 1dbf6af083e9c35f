package no.permed.kernel;

/**
 * The category of an error, which decides how every edge (HTTP, CLI, audit) reports it.
 * Each module names its own errors in an enum implementing {@link ErrorCode}; the kind is the only
 * thing the edges need to know about them.
 */
public enum ErrorKind {
    /** The caller sent something malformed or invalid (HTTP 400, CLI exit 2). */
    BAD_INPUT(400),
    /** No identity, or the identity could not be verified (HTTP 401). */
    UNAUTHENTICATED(401),
    /** The identity is known but may not do this (HTTP 403). */
    FORBIDDEN(403),
    /** The thing asked for does not exist, or the caller may not know that it exists (HTTP 404). */
    NOT_FOUND(404),
    /** The HTTP method is not supported on this path (HTTP 405). */
    METHOD_NOT_ALLOWED(405),
    /** The request conflicts with the current state (HTTP 409). */
    CONFLICT(409),
    /** The request body is larger than allowed (HTTP 413). */
    TOO_LARGE(413),
    /** The request body has a media type that this route does not take (HTTP 415). */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The caller has sent too many requests (HTTP 429). */
    TOO_MANY_REQUESTS(429),
    /** A fault on our side; the message given to clients never carries internal detail (HTTP 500). */
    INTERNAL(500),
    /** A dependency (database, key store) is not available right now (HTTP 503). */
    UNAVAILABLE(503);

    private final int httpStatus;

    ErrorKind(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
