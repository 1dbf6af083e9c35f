package no.permed.server.internal;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.function.Supplier;
import no.permed.kernel.PermedException;
import no.permed.server.Readiness;
import no.permed.server.ReadinessCheck;
import no.permed.server.ServerErrorCode;
import no.permed.server.route.ApiResponse;
import no.permed.server.route.RouteDoc;
import no.permed.server.route.RouteModule;
import no.permed.server.route.RoutePolicy;
import no.permed.server.route.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's own routes: liveness, readiness and the OpenAPI document; registered like any other. */
public final class BuiltInRoutes implements RouteModule {
    public static final String HEALTH = "/health";
    public static final String READY = "/ready";
    public static final String OPENAPI = "/api/openapi.json";

    private static final Logger log = LoggerFactory.getLogger(BuiltInRoutes.class);
    private static final String TAG = "system";

    private final ReadinessCheck readiness;
    private final Supplier<byte[]> openApiDocument;

    /** Status of a health or readiness probe. */
    public record ProbeStatus(String status) {
        public ProbeStatus {
            requireNonNull(status, "status is null");
        }
    }

    /**
     * @param openApiDocument the document as JSON bytes; asked for on each request, after all routes are registered
     */
    public BuiltInRoutes(ReadinessCheck readiness, Supplier<byte[]> openApiDocument) {
        this.readiness = requireNonNull(readiness, "readiness is null");
        this.openApiDocument = requireNonNull(openApiDocument, "openApiDocument is null");
    }

    @Override
    public String name() {
        return "server";
    }

    @Override
    public void register(Routes routes) {
        routes.get(HEALTH, RoutePolicy.anonymous(),
                RouteDoc.of(TAG, "Liveness: the process is serving requests")
                        .withResponseBody(ProbeStatus.class),
                request -> ApiResponse.ok(new ProbeStatus("UP")));
        routes.get(READY, RoutePolicy.anonymous(),
                RouteDoc.of(TAG, "Readiness: the service's dependencies are available")
                        .withDescription("503 SERVER_NOT_READY with the reason in details.detail while a dependency such as the database is not available.")
                        .withResponseBody(ProbeStatus.class)
                        .withErrors(ServerErrorCode.NOT_READY),
                request -> {
                    Readiness answer = check();
                    if (!answer.ready()) {
                        throw new PermedException(ServerErrorCode.NOT_READY,
                                "The service is not ready: " + answer.detail() + ". Try again shortly.",
                                Map.of("detail", answer.detail()));
                    }
                    return ApiResponse.ok(new ProbeStatus("READY"));
                });
        routes.get(OPENAPI, RoutePolicy.anonymous(),
                RouteDoc.of(TAG, "This API's OpenAPI 3.1 description"),
                request -> {
                    byte[] document = openApiDocument.get();
                    return ApiResponse.stream(200, "application/json", output -> output.write(document));
                });
    }

    private Readiness check() {
        try {
            Readiness answer = readiness.check();
            return answer == null ? Readiness.notReady("the readiness check gave no answer") : answer;
        } catch (RuntimeException e) {
            log.warn("The readiness check failed", e);
            return Readiness.notReady("the readiness check failed");
        }
    }
}
