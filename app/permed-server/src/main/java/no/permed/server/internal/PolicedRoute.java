package no.permed.server.internal;

import static java.util.Objects.requireNonNull;

import io.javalin.router.EndpointMetadata;
import no.permed.server.route.RegisteredRoute;

/**
 * Attached to every Javalin endpoint registered through {@link RouteRegistry}. An endpoint without
 * it was registered some other way, has no policy, and is refused.
 */
record PolicedRoute(RegisteredRoute route) implements EndpointMetadata {
    PolicedRoute {
        requireNonNull(route, "route is null");
    }
}
