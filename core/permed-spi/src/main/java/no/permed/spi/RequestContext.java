package no.permed.spi;

import static java.util.Objects.requireNonNull;

/**
 * Who asks, and under which request id: passed from the edges (HTTP, CLI) into every service call
 * that touches personal data, so that authorisation and audit see the same facts.
 */
public record RequestContext(Principal principal, String requestId) {
    public RequestContext {
        requireNonNull(principal, "principal is null");
        requireNonNull(requestId, "requestId is null");
    }
}
