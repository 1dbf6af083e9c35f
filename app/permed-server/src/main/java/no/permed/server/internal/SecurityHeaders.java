package no.permed.server.internal;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Headers on every response. The API answers JSON only, so the content security policy forbids
 * everything; no response may be cached, since most carry personal data.
 */
final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** Header names and values, in the order they are set. */
    static final Map<String, String> HEADERS = headers();

    private SecurityHeaders() {}

    static void apply(Context context) {
        HEADERS.forEach(context::header);
    }

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        headers.put("Cache-Control", "no-store");
        return Collections.unmodifiableMap(headers);
    }
}
