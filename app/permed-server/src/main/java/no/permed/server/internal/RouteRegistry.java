package no.permed.server.internal;

import static java.util.Objects.requireNonNull;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.permed.server.route.HttpMethod;
import no.permed.server.route.JavalinRoute;
import no.permed.server.route.RegisteredRoute;
import no.permed.server.route.RouteDoc;
import no.permed.server.route.RouteHandler;
import no.permed.server.route.RouteModule;
import no.permed.server.route.RoutePolicy;
import no.permed.server.route.Routes;

/**
 * Registers routes with Javalin, each with its {@link PolicedRoute} metadata, and keeps the list
 * for {@code PermedServer.routes()} and the OpenAPI document. Refuses malformed and duplicate paths
 * at start, naming the module.
 */
public final class RouteRegistry implements Routes {
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z][A-Za-z0-9]*)}");

    private final JavalinConfig config;
    private final RouteHandlers handlers;
    private final List<RegisteredRoute> routes = new ArrayList<>();
    private final Map<String, RegisteredRoute> byShape = new HashMap<>();
    private String currentModule = "(none)";

    public RouteRegistry(JavalinConfig config, RouteHandlers handlers) {
        this.config = requireNonNull(config, "config is null");
        this.handlers = requireNonNull(handlers, "handlers is null");
    }

    /** Lets one module register its routes; a failure names the module. */
    public void register(RouteModule module) {
        requireNonNull(module, "module is null");
        currentModule = requireNonNull(module.name(), "module name is null");
        try {
            module.register(this);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Route module " + currentModule + " failed to register its routes: " + e.getMessage(), e);
        } finally {
            currentModule = "(none)";
        }
    }

    @Override
    public Routes route(HttpMethod method, String path, RoutePolicy policy, RouteDoc doc, RouteHandler handler) {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(policy, "policy is null: every route needs a RoutePolicy (anonymous(), authenticated() or roles(...))");
        requireNonNull(doc, "doc is null");
        requireNonNull(handler, "handler is null");
        List<String> parameters = validatePath(path);
        RegisteredRoute route = new RegisteredRoute(method, path, policy, doc, currentModule);
        String shape = method + " " + path.replaceAll("\\{[^}]*}", "{}");
        RegisteredRoute earlier = byShape.putIfAbsent(shape, route);
        if (earlier != null) {
            throw new IllegalArgumentException("route " + route.display() + " of " + currentModule
                    + " clashes with " + earlier.display() + " of " + earlier.module() + "; each method and path may be registered once");
        }
        if (doc.requestBody().isPresent() && !method.carriesBody()) {
            throw new IllegalArgumentException("route " + route.display() + " documents a request body, but " + method + " requests carry none");
        }
        routes.add(route);
        config.routes.addEndpoint(Endpoint.create(handlerType(method), path)
                .addMetadata(new PolicedRoute(route))
                .handler(handlers.adapt(route, Set.copyOf(parameters), handler)));
        return this;
    }

    @Override
    public JavalinConfig unsafeJavalinConfig() {
        return config;
    }

    public List<RegisteredRoute> routes() {
        return List.copyOf(routes);
    }

    /** Every HTTP route Javalin has, and whether it was registered here with a policy. */
    public static List<JavalinRoute> javalinRoutes(InternalRouter router) {
        return router.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> new JavalinRoute(endpoint.method.name(), endpoint.path, endpoint.metadata(PolicedRoute.class) != null))
                .toList();
    }

    static HandlerType handlerType(HttpMethod method) {
        return switch (method) {
            case GET -> HandlerType.GET;
            case POST -> HandlerType.POST;
            case PUT -> HandlerType.PUT;
            case PATCH -> HandlerType.PATCH;
            case DELETE -> HandlerType.DELETE;
        };
    }

    /** Checks the template and returns its parameter names. */
    static List<String> validatePath(String path) {
        String rule = "a path is / followed by segments of letters, digits and . _ ~ - or {parameter} (a lower-case letter, then letters and digits), "
                + "without a trailing slash";
        if (path.equals("/")) {
            return List.of();
        }
        if (!path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException(rule + ", but was '" + path + "'");
        }
        List<String> parameters = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String segment : path.substring(1).split("/", -1)) {
            Matcher parameter = PARAMETER.matcher(segment);
            if (parameter.matches()) {
                if (!seen.add(parameter.group(1))) {
                    throw new IllegalArgumentException("path '" + path + "' names parameter {" + parameter.group(1) + "} twice");
                }
                parameters.add(parameter.group(1));
            } else if (!LITERAL.matcher(segment).matches()) {
                throw new IllegalArgumentException(rule + ", but '" + path + "' has the segment '" + segment + "'");
            }
        }
        return List.copyOf(parameters);
    }
}
