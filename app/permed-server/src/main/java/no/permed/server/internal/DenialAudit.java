package no.permed.server.internal;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import no.permed.kernel.Purpose;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.spi.AuditSink;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the edge's refusals to the audit log: {@code http.denied} when a route's policy refuses a
 * caller, {@code http.unauthenticated} when a bearer token is rejected. The refusal stands even if
 * the audit log cannot be written (the action did not happen either way); that failure is logged as
 * an error for the operator.
 */
final class DenialAudit {
    static final String DENIED = "http.denied";
    static final String UNAUTHENTICATED = "http.unauthenticated";

    private static final Logger log = LoggerFactory.getLogger(DenialAudit.class);

    private final AuditSink sink;

    DenialAudit(AuditSink sink) {
        this.sink = requireNonNull(sink, "sink is null");
    }

    void denied(RequestContext context, String method, String routeTemplate, String reason) {
        append(new AuditEvent(context, DENIED, Optional.empty(), Purpose.SECURITY_ADMINISTRATION, AuditOutcome.DENIED,
                Map.of("method", method, "route", routeTemplate, "reason", reason)));
    }

    void unauthenticated(String requestId, String method, String routeTemplate, String reason) {
        append(new AuditEvent(new RequestContext(Principal.anonymous(), requestId), UNAUTHENTICATED, Optional.empty(),
                Purpose.SECURITY_ADMINISTRATION, AuditOutcome.DENIED,
                Map.of("method", method, "route", routeTemplate, "reason", reason)));
    }

    private void append(AuditEvent event) {
        try {
            sink.append(event);
        } catch (RuntimeException e) {
            log.error("Could not write audit event {} for route {}; the request was refused anyway",
                    event.action(), event.details().get("route"), e);
        }
    }
}
