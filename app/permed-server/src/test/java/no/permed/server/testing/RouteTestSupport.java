package no.permed.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import no.permed.security.audit.AuditEntry;
import no.permed.security.audit.AuditLog;

/** What the capabilities' route tests read back: a response's JSON body, and every entry of the real audit log. */
public final class RouteTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RouteTestSupport() {
    }

    /** The response body as JSON; a body that is not JSON fails the test, showing the body. */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** Every entry of the audit log, oldest first. */
    public static List<AuditEntry> auditEntries(AuditLog log) {
        long head = log.head().orElseThrow().sequence();
        List<AuditEntry> entries = new ArrayList<>();
        for (long sequence = 1; sequence <= head; sequence++) {
            log.entry(sequence).ifPresent(entries::add);
        }
        return entries;
    }
}
