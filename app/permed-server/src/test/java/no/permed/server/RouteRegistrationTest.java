package no.permed.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import no.permed.server.route.ApiResponse;
import no.permed.server.route.RouteDoc;
import no.permed.server.route.RouteModule;
import no.permed.server.route.RoutePolicy;
import no.permed.server.route.Routes;
import no.permed.server.testing.FakeAuthenticator;
import no.permed.server.testing.InMemoryAuditSink;
import no.permed.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Malformed or clashing routes stop the server at start with a message naming the module and route. */
class RouteRegistrationTest {
    private static final RouteDoc DOC = RouteDoc.of("test", "A route");

    @Test
    void malformedPathsAreRefused() {
        for (String path : List.of("", "api", "/api/", "/api//x", "/api/{Id}", "/api/{id}/{id}", "/api/*", "/api/<rest>", "/a b")) {
            assertThatThrownBy(() -> start(routes -> routes.get(path, RoutePolicy.anonymous(), DOC, request -> ApiResponse.noContent())))
                    .as("path '%s'", path)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Route module single");
        }
    }

    @Test
    void clashingRoutesAreRefusedNamingBoth() {
        assertThatThrownBy(() -> start(routes -> routes
                .get("/api/things/{id}", RoutePolicy.anonymous(), DOC, request -> ApiResponse.noContent())
                .get("/api/things/{name}", RoutePolicy.anonymous(), DOC, request -> ApiResponse.noContent())))
                .hasMessageContaining("GET /api/things/{name}")
                .hasMessageContaining("clashes with GET /api/things/{id}");
    }

    @Test
    void builtInPathsCannotBeTaken() {
        assertThatThrownBy(() -> start(routes -> routes.get("/health", RoutePolicy.anonymous(), DOC, request -> ApiResponse.noContent())))
                .hasMessageContaining("clashes with GET /health of server");
    }

    @Test
    void aRouteWithoutPolicyIsRefused() {
        assertThatThrownBy(() -> start(routes -> routes.get("/api/x", null, DOC, request -> ApiResponse.noContent())))
                .hasMessageContaining("every route needs a RoutePolicy");
    }

    @Test
    void aBodyOnAGetRouteIsRefused() {
        assertThatThrownBy(() -> start(routes -> routes.get("/api/x", RoutePolicy.anonymous(), DOC.withRequestBody(String.class),
                request -> ApiResponse.noContent())))
                .hasMessageContaining("GET requests carry none");
    }

    @Test
    void occupiedPortIsReportedClearly() {
        try (TestServer first = TestServer.start()) {
            ServerSettings same = TestServer.settings().withPort(first.server().port());

            assertThatThrownBy(() -> PermedServer.start(same, new FakeAuthenticator(), new InMemoryAuditSink(),
                    ReadinessCheck.ALWAYS_READY, List.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not listen on 127.0.0.1:" + first.server().port());
        }
    }

    @Test
    void routesListsBuiltInsThenModulesInOrder() {
        try (PermedServer server = start(routes -> routes.post("/api/x", RoutePolicy.authenticated(), DOC, request -> ApiResponse.noContent()))) {
            assertThat(server.routes().stream().map(route -> route.display() + " " + route.module()))
                    .containsExactly("GET /health server", "GET /ready server", "GET /api/openapi.json server", "POST /api/x single");
        }
    }

    private static PermedServer start(RouteModule module) {
        RouteModule named = new RouteModule() {
            @Override
            public void register(Routes routes) {
                module.register(routes);
            }

            @Override
            public String name() {
                return "single";
            }
        };
        return PermedServer.start(TestServer.settings(), new FakeAuthenticator(), new InMemoryAuditSink(),
                ReadinessCheck.ALWAYS_READY, List.of(named));
    }
}
