package no.permed.server.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import no.permed.kernel.PermedException;
import no.permed.server.ServerErrorCode;

/** The one check of a JSON body's Content-Type: {@code application/json} (or {@code +json}), in UTF-8. */
final class MediaTypes {
    static final String JSON = "application/json";

    private MediaTypes() {}

    static void requireJson(String contentType) {
        if (!isJson(contentType)) {
            throw new PermedException(
                    ServerErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "This route takes a JSON body: send it with the header Content-Type: application/json (UTF-8).",
                    Map.of("expected", JSON));
        }
    }

    static boolean isJson(String contentType) {
        Optional<String> type = baseType(contentType);
        if (type.isEmpty() || !(type.get().equals(JSON) || type.get().startsWith("application/") && type.get().endsWith("+json"))) {
            return false;
        }
        return charsetIsUtf8(contentType);
    }

    /** The media type without parameters, lower case ({@code text/csv}); empty without a Content-Type. */
    static Optional<String> baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
    }

    /** Whether the Content-Type names no charset or UTF-8. */
    static boolean charsetIsUtf8(String contentType) {
        if (contentType == null) {
            return true;
        }
        String[] parts = contentType.split(";");
        for (int index = 1; index < parts.length; index++) {
            String parameter = parts[index].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("charset=")) {
                String charset = parameter.substring("charset=".length()).replace("\"", "");
                if (!charset.equals("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }
}
