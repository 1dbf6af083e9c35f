package no.permed.server.internal.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import no.permed.kernel.PermedException;
import no.permed.server.ServerErrorCode;

/**
 * Reads a JSON request body into a record and turns every problem into a {@link PermedException}
 * that names the field (as a path such as {@code samples[2].assembly}), the line and the column,
 * and says how to fix it. The body itself is never echoed: it may carry personal data.
 */
public final class JsonBodyReader {
    private static final Pattern PRINTABLE_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    private final ObjectMapper mapper;

    public JsonBodyReader(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    public <T> T read(byte[] body, Class<T> type) {
        requireNonNull(body, "body is null");
        requireNonNull(type, "type is null");
        if (isBlank(body)) {
            throw new PermedException(
                    ServerErrorCode.MISSING_BODY,
                    "This route needs a JSON body (" + type.getSimpleName() + "), but the request has none.",
                    Map.of("schema", type.getSimpleName()));
        }
        try {
            return mapper.readValue(body, type);
        } catch (InvalidDefinitionException e) {
            throw new IllegalStateException("the server cannot read " + type.getName() + " from JSON; fix the type", e);
        } catch (StreamReadException e) {
            throw malformed(e);
        } catch (JsonMappingException e) {
            throw translate(e, type);
        } catch (IOException e) {
            throw new IllegalStateException("reading a JSON body from memory failed", e);
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte value : body) {
            if (value != ' ' && value != '\t' && value != '\r' && value != '\n') {
                return false;
            }
        }
        return true;
    }

    private static PermedException malformed(StreamReadException e) {
        Map<String, Object> details = location(e);
        String where = describeLocation(details);
        String original = Objects.toString(e.getOriginalMessage(), "");
        String message;
        if (e instanceof JsonEOFException || original.contains("end-of-input")) {
            message = "The request body ends before its JSON is complete" + where + ". Close every open object, array and string.";
        } else if (original.startsWith("Duplicate field")) {
            message = "The request body gives the same field twice" + where + ". Give each field once.";
        } else {
            message = "The request body is not well-formed JSON" + where + ". Check the quotes, commas and brackets there.";
        }
        return new PermedException(ServerErrorCode.MALFORMED_JSON, message, details, e);
    }

    private static PermedException translate(JsonMappingException e, Class<?> type) {
        String field = fieldPath(e.getPath());
        Map<String, Object> details = new LinkedHashMap<>();
        if (!field.isEmpty()) {
            details.put("field", field);
        }
        details.putAll(location(e));
        String where = describeLocation(location(e));

        PermedException fromValueType = findPermedCause(e);
        if (fromValueType != null) {
            Map<String, Object> merged = new LinkedHashMap<>(fromValueType.details());
            merged.putAll(details);
            String prefix = field.isEmpty() ? "" : "Field '" + field + "': ";
            return new PermedException(fromValueType.errorCode(), prefix + fromValueType.getMessage(), merged, e);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            details.put("knownFields", known);
            String owner = unknown.getReferringClass() == null ? type.getSimpleName() : unknown.getReferringClass().getSimpleName();
            return new PermedException(
                    ServerErrorCode.UNKNOWN_FIELD,
                    "The request body has an unknown field '" + printable(field) + "' in " + owner + where
                            + ". Remove it or check its spelling; known fields: " + String.join(", ", known) + ".",
                    details,
                    e);
        }
        if (e instanceof ValueInstantiationException instantiation) {
            Throwable cause = instantiation.getCause();
            String reason = cause instanceof IllegalArgumentException || cause instanceof NullPointerException
                    ? cause.getMessage()
                    : "the value is not valid";
            String subject = field.isEmpty() ? "The request body" : "The object at '" + field + "' of the request body";
            return new PermedException(
                    ServerErrorCode.INVALID_FIELD,
                    subject + " is not valid" + where + ": " + reason + ".",
                    details,
                    e);
        }
        if (e instanceof MismatchedInputException mismatch) {
            String original = Objects.toString(mismatch.getOriginalMessage(), "");
            if (!field.isEmpty() && (original.startsWith("Null value for creator property") || original.startsWith("Cannot map `null`"))) {
                return new PermedException(
                        ServerErrorCode.MISSING_FIELD,
                        "The request body lacks the required field '" + field + "' (or gives it as null)" + where
                                + ". Add it; the OpenAPI schema " + type.getSimpleName() + " lists the required fields.",
                        details,
                        e);
            }
            if (original.startsWith("Trailing token")) {
                return new PermedException(
                        ServerErrorCode.MALFORMED_JSON,
                        "The request body has more after its JSON value" + where + ". Send exactly one JSON object.",
                        details,
                        e);
            }
            String expected = JsonTypeNames.describe(mismatch.getTargetType());
            details.put("expected", expected);
            if (field.isEmpty()) {
                return new PermedException(
                        ServerErrorCode.BAD_REQUEST,
                        "The request body must be " + expected + " (" + type.getSimpleName() + ")" + where + ".",
                        details,
                        e);
            }
            String problem = mismatch instanceof InvalidFormatException ? "has a value that is not " : "must be ";
            return new PermedException(
                    ServerErrorCode.INVALID_FIELD,
                    "The field '" + field + "' of the request body " + problem + expected + where + ".",
                    details,
                    e);
        }
        return new PermedException(
                ServerErrorCode.INVALID_FIELD,
                (field.isEmpty() ? "The request body" : "The field '" + field + "' of the request body") + " is not valid" + where + ".",
                details,
                e);
    }

    private static PermedException findPermedCause(Throwable error) {
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof PermedException permed) {
                return permed;
            }
        }
        return null;
    }

    /** {@code samples[2].assembly}; names with odd characters are replaced so that nothing odd is echoed. */
    static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(printable(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                text.append('[').append(reference.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    private static String printable(String name) {
        return PRINTABLE_NAME.matcher(name).matches() ? name : "(a name with unusual characters)";
    }

    private static Map<String, Object> location(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return Map.of();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("line", location.getLineNr());
        details.put("column", location.getColumnNr());
        return details;
    }

    private static String describeLocation(Map<String, Object> location) {
        if (location.isEmpty()) {
            return "";
        }
        return " (line " + location.get("line") + ", column " + location.get("column") + ")";
    }
}
