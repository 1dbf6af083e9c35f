package no.permed.kernel;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one exception type that crosses module boundaries. Its message is written for the user who
 * caused it (what failed, where, how to fix it) and must never contain personal data, SQL or
 * internal detail: it is shown to clients as it is. {@link #details()} carries structured context
 * (file, line, field, allowed values) for the JSON error body.
 */
public class PermedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final Map<String, Object> details;

    public PermedException(ErrorCode errorCode, String message) {
        this(errorCode, message, Map.of(), null);
    }

    public PermedException(ErrorCode errorCode, String message, Map<String, ?> details) {
        this(errorCode, message, details, null);
    }

    public PermedException(ErrorCode errorCode, String message, Map<String, ?> details, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.details = Map.copyOf(new LinkedHashMap<>(requireNonNull(details, "details is null")));
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public Map<String, Object> details() {
        return details;
    }
}
