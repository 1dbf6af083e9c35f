package no.permed.server.route;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP route as Javalin itself has it registered, whichever way it got there. Compare with
 * {@code PermedServer.routes()} to check that every route Javalin serves has a policy.
 *
 * @param method the HTTP method as Javalin names it, e.g. {@code GET}
 * @param path the path template, e.g. {@code /api/things/{id}}
 * @param policed whether the route was registered through {@link Routes} with a policy; requests to
 *     routes that were not are refused with 403
 */
public record JavalinRoute(String method, String path, boolean policed) {
    public JavalinRoute {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
    }
}
