package no.permed.server;

/**
 * Tells {@code GET /ready} whether the service can serve requests now (database reachable, keys
 * loaded). Called on every readiness probe, so it must be quick; an exception counts as not ready.
 */
@FunctionalInterface
public interface ReadinessCheck {
    /** A check that is always ready, for servers without dependencies (tests, tools). */
    ReadinessCheck ALWAYS_READY = () -> Readiness.READY;

    Readiness check();
}
