package no.permed.server;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/**
 * The errors the HTTP edge itself reports. Each is sent to clients as {@code SERVER_<NAME>} in the
 * {@code code} field of the JSON error body; docs/api.md lists them with their HTTP status, which
 * always comes from {@link ErrorKind#httpStatus()}.
 */
public enum ServerErrorCode implements ErrorCode {
    /** No route matches the path. */
    NOT_FOUND(ErrorKind.NOT_FOUND),
    /** A route matches the path, but not with this HTTP method. */
    METHOD_NOT_ALLOWED(ErrorKind.METHOD_NOT_ALLOWED),
    /** The request body is not well-formed JSON. */
    MALFORMED_JSON(ErrorKind.BAD_INPUT),
    /** The JSON body has a field that the route does not know. */
    UNKNOWN_FIELD(ErrorKind.BAD_INPUT),
    /** The JSON body lacks a required field, or gives it as null. */
    MISSING_FIELD(ErrorKind.BAD_INPUT),
    /** A field of the JSON body has the wrong type or an invalid value. */
    INVALID_FIELD(ErrorKind.BAD_INPUT),
    /** The route needs a JSON body and the request has none. */
    MISSING_BODY(ErrorKind.BAD_INPUT),
    /** A path or query parameter is missing or invalid. */
    INVALID_PARAMETER(ErrorKind.BAD_INPUT),
    /** Any other malformed request. */
    BAD_REQUEST(ErrorKind.BAD_INPUT),
    /** The body has a media type the route does not take. */
    UNSUPPORTED_MEDIA_TYPE(ErrorKind.UNSUPPORTED_MEDIA_TYPE),
    /** The body is larger than the server's limit. */
    BODY_TOO_LARGE(ErrorKind.TOO_LARGE),
    /** The route needs a bearer token and the request has none. */
    AUTHENTICATION_REQUIRED(ErrorKind.UNAUTHENTICATED),
    /** The caller's roles do not include one the route requires. */
    FORBIDDEN(ErrorKind.FORBIDDEN),
    /** The route was registered without an access policy, so nobody may call it. */
    ROUTE_WITHOUT_POLICY(ErrorKind.FORBIDDEN),
    /** The request conflicts with the current state. */
    CONFLICT(ErrorKind.CONFLICT),
    /** The caller sent too many requests. */
    TOO_MANY_REQUESTS(ErrorKind.TOO_MANY_REQUESTS),
    /** The service is running but not ready to serve (a dependency is not available). */
    NOT_READY(ErrorKind.UNAVAILABLE),
    /** A dependency is not available right now. */
    UNAVAILABLE(ErrorKind.UNAVAILABLE),
    /** A fault on the server's side; the log has the detail under the request id. */
    INTERNAL(ErrorKind.INTERNAL);

    private final ErrorKind kind;

    ServerErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "SERVER_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }

    /** The generic code for an error of this kind, when nothing more specific is known. */
    public static ServerErrorCode genericFor(ErrorKind kind) {
        return switch (kind) {
            case BAD_INPUT -> BAD_REQUEST;
            case UNAUTHENTICATED -> AUTHENTICATION_REQUIRED;
            case FORBIDDEN -> FORBIDDEN;
            case NOT_FOUND -> NOT_FOUND;
            case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
            case CONFLICT -> CONFLICT;
            case TOO_LARGE -> BODY_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
            case TOO_MANY_REQUESTS -> TOO_MANY_REQUESTS;
            case INTERNAL -> INTERNAL;
            case UNAVAILABLE -> UNAVAILABLE;
        };
    }
}
