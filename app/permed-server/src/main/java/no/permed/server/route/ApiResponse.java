package no.permed.server.route;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link RouteHandler} answers: a status and a JSON body, no body, or a streamed body.
 *
 * @param status the HTTP status, 200 to 399
 * @param json the object to write as JSON, if any
 * @param stream a writer for a non-JSON body (a VCF file, a FHIR bundle), if any
 * @param contentType the media type of a streamed body; {@code application/json} otherwise
 * @param headers extra response headers, e.g. {@code Location}
 */
public record ApiResponse(
        int status, Optional<Object> json, Optional<BodyWriter> stream, String contentType, Map<String, String> headers) {

    private static final String JSON = "application/json";
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** Headers the server sets itself; a handler may not change them. */
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "content-type", "content-length", "x-request-id", "x-content-type-options",
            "content-security-policy", "cache-control", "www-authenticate", "server");

    /** Writes a streamed body. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream output) throws IOException;
    }

    public ApiResponse {
        if (status < 200 || status > 399) {
            throw new IllegalArgumentException("a successful answer has a status from 200 to 399, but was " + status
                    + "; throw a PermedException for errors");
        }
        requireNonNull(json, "json is null");
        requireNonNull(stream, "stream is null");
        requireNonNull(contentType, "contentType is null");
        if (json.isPresent() && stream.isPresent()) {
            throw new IllegalArgumentException("an answer has a JSON body or a streamed body, not both");
        }
        if (status == 204 && (json.isPresent() || stream.isPresent())) {
            throw new IllegalArgumentException("a 204 No Content answer has no body");
        }
        headers = Map.copyOf(new LinkedHashMap<>(requireNonNull(headers, "headers is null")));
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches() || RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header '" + name + "' cannot be set by a handler; the server sets "
                        + RESERVED_HEADERS + " itself");
            }
            if (value.chars().anyMatch(character -> character < 0x20 || character == 0x7f)) {
                throw new IllegalArgumentException("the value of header '" + name + "' contains a control character");
            }
        });
    }

    /** 200 with a JSON body. */
    public static ApiResponse ok(Object body) {
        return json(200, body);
    }

    /** 201 with a JSON body describing what was created. */
    public static ApiResponse created(Object body) {
        return json(201, body);
    }

    /** 202: accepted for processing later. */
    public static ApiResponse accepted(Object body) {
        return json(202, body);
    }

    /** 204 with no body. */
    public static ApiResponse noContent() {
        return new ApiResponse(204, Optional.empty(), Optional.empty(), JSON, Map.of());
    }

    public static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, Optional.of(requireNonNull(body, "body is null")), Optional.empty(), JSON, Map.of());
    }

    /** A streamed, non-JSON body of the given media type. */
    public static ApiResponse stream(int status, String contentType, BodyWriter writer) {
        return new ApiResponse(status, Optional.empty(), Optional.of(requireNonNull(writer, "writer is null")), contentType, Map.of());
    }

    /** The same answer with one more header. */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
        return new ApiResponse(status, json, stream, contentType, more);
    }
}
