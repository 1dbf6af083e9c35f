package no.permed.server.internal;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one JSON error format of the API: {@code {"code": "...", "message": "...", "details": {...}}}.
 *
 * @param code a stable code from docs/api.md, e.g. {@code SERVER_UNKNOWN_FIELD}
 * @param message for the person who made the request: what failed, where, how to fix it
 * @param details structured facts such as {@code field}, {@code line}, {@code column}; may be empty
 */
record ErrorBody(String code, String message, Map<String, Object> details) {
    ErrorBody {
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
        details = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(details, "details is null")));
    }
}
