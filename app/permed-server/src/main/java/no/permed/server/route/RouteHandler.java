package no.permed.server.route;

/**
 * Serves one route: parse typed input from the request, make one service call, return the answer.
 * Runs only after the route's {@link RoutePolicy} let the caller through. Throw a
 * {@link no.permed.kernel.PermedException} for errors the caller should see; anything else becomes
 * a 500 with a generic message (the detail goes to the log, not to the client).
 */
@FunctionalInterface
public interface RouteHandler {
    ApiResponse handle(ApiRequest request) throws Exception;
}
