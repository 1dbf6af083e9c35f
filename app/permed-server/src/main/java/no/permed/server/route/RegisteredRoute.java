package no.permed.server.route;

import static java.util.Objects.requireNonNull;

/**
 * A route as registered through {@link Routes}: what {@code PermedServer.routes()} lists and the
 * OpenAPI document describes.
 *
 * @param module the name of the {@link RouteModule} that registered it
 */
public record RegisteredRoute(HttpMethod method, String path, RoutePolicy policy, RouteDoc doc, String module) {
    public RegisteredRoute {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(doc, "doc is null");
        requireNonNull(module, "module is null");
    }

    /** {@code GET /api/things/{id}}: the method and the path template, for logs and messages. */
    public String display() {
        return method + " " + path;
    }
}
