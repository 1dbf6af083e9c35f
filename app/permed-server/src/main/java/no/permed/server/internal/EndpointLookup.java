package no.permed.server.internal;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.util.MethodNotAllowedUtil;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;
import io.javalin.router.ParsedEndpoint;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the endpoint Javalin will run for a request, the same way Javalin's router does (first
 * match for the method and path), so that the before-stage checks the policy of exactly that
 * endpoint. {@link PolicyGuard} verifies that it was indeed the one.
 */
public final class EndpointLookup {
    private final Supplier<InternalRouter> router;

    /** @param router Javalin's router; asked for per request, since it exists only once Javalin is created */
    public EndpointLookup(Supplier<InternalRouter> router) {
        this.router = requireNonNull(router, "router is null");
    }

    Optional<Endpoint> match(Context context) {
        List<ParsedEndpoint> entries = router.get().findHttpHandlerEntries(context.method(), requestUri(context));
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(entries.get(0).endpoint);
    }

    /** The methods that have a route at the request's path, for the Allow header of a 405. */
    List<String> allowedMethods(Context context) {
        return MethodNotAllowedUtil.INSTANCE.findAvailableHttpHandlerTypes(router.get(), requestUri(context)).stream()
                .map(HandlerType::name)
                .toList();
    }

    /** The path as Javalin's servlet matches it: without the context path. */
    private static String requestUri(Context context) {
        String path = context.path();
        String contextPath = context.contextPath();
        if (contextPath != null && !contextPath.isEmpty() && !contextPath.equals("/") && path.startsWith(contextPath)) {
            return path.substring(contextPath.length());
        }
        return path;
    }
}
