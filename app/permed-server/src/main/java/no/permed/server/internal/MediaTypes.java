package no.permed.server.internal;

import java.util.Locale;
import java.util.Map;
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
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals(JSON) && !(type.startsWith("application/") && type.endsWith("+json"))) {
            return false;
        }
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
