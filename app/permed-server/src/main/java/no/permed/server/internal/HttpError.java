package no.permed.server.internal;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * An error ready to send: its status, body and any extra headers (Allow, WWW-Authenticate).
 */
record HttpError(int status, ErrorBody body, Map<String, String> headers) {
    HttpError {
        requireNonNull(body, "body is null");
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
    }
}
