package no.permed.server;

import static java.util.Objects.requireNonNull;

/**
 * The answer of a {@link ReadinessCheck}: ready, or not ready with a short reason.
 *
 * @param ready whether the service can serve requests now
 * @param detail a short reason, shown to anonymous callers of {@code GET /ready}: name the
 *     dependency that is missing ("database not reachable"), never hosts, credentials or stack traces
 */
public record Readiness(boolean ready, String detail) {
    /** Ready to serve. */
    public static final Readiness READY = new Readiness(true, "ready");

    public Readiness {
        requireNonNull(detail, "detail is null");
        if (detail.isBlank()) {
            throw new IllegalArgumentException("detail is blank: say what is missing, e.g. \"database not reachable\"");
        }
    }

    public static Readiness notReady(String detail) {
        return new Readiness(false, detail);
    }
}
