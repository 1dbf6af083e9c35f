package no.permed.server.route;

import io.javalin.config.JavalinConfig;

/**
 * Where a {@link RouteModule} registers its routes. Every route names its {@link RoutePolicy} and
 * {@link RouteDoc}; the server enforces the policy before the handler runs and lists the route in
 * the OpenAPI document.
 *
 * <p>Paths are literal segments of letters, digits and {@code . _ ~ -}, and parameters in braces:
 * {@code /api/patients/{pseudonym}/profile}. A path registered twice (also with differently named
 * parameters in the same place) is refused at start.
 */
public interface Routes {
    Routes route(HttpMethod method, String path, RoutePolicy policy, RouteDoc doc, RouteHandler handler);

    default Routes get(String path, RoutePolicy policy, RouteDoc doc, RouteHandler handler) {
        return route(HttpMethod.GET, path, policy, doc, handler);
    }

    default Routes post(String path, RoutePolicy policy, RouteDoc doc, RouteHandler handler) {
        return route(HttpMethod.POST, path, policy, doc, handler);
    }

    default Routes put(String path, RoutePolicy policy, RouteDoc doc, RouteHandler handler) {
        return route(HttpMethod.PUT, path, policy, doc, handler);
    }

    default Routes patch(String path, RoutePolicy policy, RouteDoc doc, RouteHandler handler) {
        return route(HttpMethod.PATCH, path, policy, doc, handler);
    }

    default Routes delete(String path, RoutePolicy policy, RouteDoc doc, RouteHandler handler) {
        return route(HttpMethod.DELETE, path, policy, doc, handler);
    }

    /**
     * The escape hatch: Javalin's own configuration, for what this API does not cover (a servlet,
     * a WebSocket). HTTP routes added here have no policy, so the server refuses every request to
     * them with 403 {@code SERVER_ROUTE_WITHOUT_POLICY} and lists them in
     * {@code PermedServer.javalinRoutes()} without a policy. Do not replace the router's handler
     * wrapper, request lifecycle or exception handlers here; the server's checks rely on them.
     */
    JavalinConfig unsafeJavalinConfig();
}
