package no.permed.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.validation.ValidationException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import no.permed.server.internal.AccessLog;
import no.permed.server.internal.BuiltInRoutes;
import no.permed.server.internal.EdgeStage;
import no.permed.server.internal.EndpointLookup;
import no.permed.server.internal.ErrorResponder;
import no.permed.server.internal.JettyErrorHandler;
import no.permed.server.internal.PolicyGuard;
import no.permed.server.internal.RouteHandlers;
import no.permed.server.internal.RouteRegistry;
import no.permed.server.internal.json.JsonMapping;
import no.permed.server.internal.openapi.OpenApiGenerator;
import no.permed.server.route.JavalinRoute;
import no.permed.server.route.RegisteredRoute;
import no.permed.server.route.RouteModule;
import no.permed.spi.AuditSink;
import no.permed.spi.Authenticator;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin 7 on Jetty 12 with the built-in routes ({@code /health}, {@code /ready},
 * {@code /api/openapi.json}) and the routes of the given modules. Every request is given a request
 * id, authenticated, and checked against its route's policy before a handler runs; a route without
 * a policy is never served. Closing stops accepting connections and lets in-flight requests finish
 * within {@link ServerSettings#shutdownGrace()}.
 *
 * <pre>{@code
 * try (PermedServer server = PermedServer.start(settings, authenticator, auditSink, readiness,
 *         List.of(new PgxRoutes(pgxService)))) {
 *     ... server.port() ...
 * }
 * }</pre>
 */
public final class PermedServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PermedServer.class);

    private final Javalin javalin;
    private final List<RegisteredRoute> routes;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private PermedServer(Javalin javalin, List<RegisteredRoute> routes) {
        this.javalin = javalin;
        this.routes = routes;
    }

    /**
     * Starts a server and returns once it listens.
     *
     * @param readiness asked by {@code GET /ready}; use {@link ReadinessCheck#ALWAYS_READY} when there is nothing to wait for
     * @param modules the route modules, registered in order after the built-in routes
     * @throws IllegalStateException when a module registers a malformed or duplicate route, or the
     *     address cannot be bound (the message says which)
     */
    public static PermedServer start(
            ServerSettings settings,
            Authenticator authenticator,
            AuditSink auditSink,
            ReadinessCheck readiness,
            List<? extends RouteModule> modules) {
        requireNonNull(settings, "settings is null");
        requireNonNull(authenticator, "authenticator is null");
        requireNonNull(auditSink, "auditSink is null");
        requireNonNull(readiness, "readiness is null");
        List<RouteModule> allModules = List.copyOf(requireNonNull(modules, "modules is null"));

        ObjectMapper mapper = JsonMapping.create();
        ErrorResponder errors = new ErrorResponder(mapper, settings.maxRequestBytes());
        AtomicReference<Javalin> javalinReference = new AtomicReference<>();
        AtomicReference<byte[]> openApiDocument = new AtomicReference<>();
        AtomicReference<RouteRegistry> registryReference = new AtomicReference<>();
        EdgeStage edgeStage = new EdgeStage(authenticator, auditSink, errors, settings.maxRequestBytes(), settings.maxUploadBytes(),
                new EndpointLookup(() -> javalinReference.get().unsafe.internalRouter));

        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.http.generateEtags = false;
            config.http.maxRequestSize = settings.maxRequestBytes();
            // file uploads (multipart/form-data) stream to temporary files, up to their own limit
            config.jetty.multipartConfig.cacheDirectory(System.getProperty("java.io.tmpdir"));
            config.jetty.multipartConfig.maxFileSize(settings.maxUploadBytes(), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(settings.maxUploadBytes(), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(settings.shutdownGrace().toMillis());
                GracefulHandler graceful = new GracefulHandler();
                // Idle keep-alive connections need not wait out the grace period.
                graceful.setShutdownIdleTimeout(100);
                server.setHandler(graceful);
                server.setErrorHandler(new JettyErrorHandler(mapper));
            });
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            // First, so that it runs before anything a module adds through the escape hatch.
            config.routes.before(edgeStage);

            RouteRegistry registry = new RouteRegistry(config, new RouteHandlers(mapper, settings.maxRequestBytes()));
            registry.register(new BuiltInRoutes(readiness, openApiDocument::get));
            allModules.forEach(registry::register);
            registryReference.set(registry);

            // Last, so that no module can replace them through the escape hatch.
            config.routes.exception(HttpResponseException.class, errors::respond);
            config.routes.exception(ValidationException.class, errors::respond);
            config.routes.exception(Exception.class, errors::respond);
            config.router.javaLangErrorHandler(errors::respondToError);
            config.router.handlerWrapper(new PolicyGuard());
            config.requestLogger.http(new AccessLog());
        });
        javalinReference.set(javalin);
        List<RegisteredRoute> routes = registryReference.get().routes();
        openApiDocument.set(serialise(mapper, OpenApiGenerator.generate(routes, settings.version(), settings.devMode())));

        try {
            javalin.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            stopQuietly(javalin);
            throw new IllegalStateException("The HTTP server could not listen on " + settings.host() + ":" + settings.port()
                    + " (" + e.getMessage() + "). Choose a free port (server.port) or another address (server.host).", e);
        }
        PermedServer server = new PermedServer(javalin, routes);
        server.logStart(settings, allModules);
        return server;
    }

    private static void stopQuietly(Javalin javalin) {
        try {
            javalin.stop();
        } catch (RuntimeException e) {
            log.debug("Stopping the server that failed to start also failed", e);
        }
    }

    private static byte[] serialise(ObjectMapper mapper, Object document) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document could not be written as JSON", e);
        }
    }

    private void logStart(ServerSettings settings, List<RouteModule> modules) {
        log.info("permed {} HTTP server listening on http://{}:{} with {} routes from {} modules",
                settings.version(), settings.host(), port(), routes.size(), modules.size() + 1);
        for (JavalinRoute route : javalinRoutes()) {
            if (!route.policed()) {
                log.error("Route {} {} has no policy (it was not registered through Routes); every request to it is refused with 403",
                        route.method(), route.path());
            }
        }
        if (settings.devMode()) {
            log.warn("DEVELOPMENT MODE: this instance is for development and demonstrations only, never for real patient data");
        }
    }

    /** The TCP port the server listens on (the chosen one when the settings asked for port 0). */
    public int port() {
        return javalin.port();
    }

    /** Every route registered through {@code Routes}, built-in ones first, with its policy and documentation. */
    public List<RegisteredRoute> routes() {
        return routes;
    }

    /**
     * Every HTTP route Javalin has, however it was registered, and whether it has a policy. A route
     * that is not policed is refused with 403; a test can assert that none exists.
     */
    public List<JavalinRoute> javalinRoutes() {
        return RouteRegistry.javalinRoutes(javalin.unsafe.internalRouter);
    }

    /**
     * Stops accepting requests, lets in-flight ones finish within the shutdown grace period, then
     * stops; requests still running after the grace period are cut off (logged as a warning).
     * Calling it again does nothing.
     */
    @Override
    public void close() {
        if (stopped.compareAndSet(false, true)) {
            log.info("Stopping the HTTP server; in-flight requests may finish");
            try {
                javalin.stop();
                log.info("HTTP server stopped");
            } catch (RuntimeException e) {
                // Jetty stops completely and then reports requests still running when the grace period ended.
                log.warn("HTTP server stopped, but requests still running at the end of the shutdown grace period were cut off ({})",
                        e.getMessage());
            }
        }
    }
}
