package no.permed.server;

import static no.permed.server.testing.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import no.permed.kernel.Purpose;
import no.permed.server.route.JavalinRoute;
import no.permed.server.route.RegisteredRoute;
import no.permed.server.testing.FakeAuthenticator;
import no.permed.server.testing.TestRoutes;
import no.permed.server.testing.TestServer;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every route has a policy, enforced before its handler runs; refusals are audited. */
class AccessControlTest {
    private static final String PATIENT_PATH = "/api/patients/p1_" + "A".repeat(43);

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anonymousRouteServesCallersWithoutToken() {
        HttpResponse<String> response = server.get("/api/open");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestServer.json(response);
        assertThat(body.get("user").asText()).isEqualTo("anonymous");
        assertThat(body.get("authenticated").asBoolean()).isFalse();
    }

    @Test
    void anonymousRouteSeesTheCallerWhenATokenIsSent() {
        JsonNode body = TestServer.json(server.get("/api/open", FakeAuthenticator.CLINICIAN));

        assertThat(body.get("user").asText()).isEqualTo("clinician-1");
        assertThat(body.get("roles").get(0).asText()).isEqualTo("clinician");
    }

    @Test
    void missingTokenOnProtectedRouteIs401WithChallenge() {
        HttpResponse<String> response = server.get("/api/me");

        JsonNode body = assertError(response, 401, "SERVER_AUTHENTICATION_REQUIRED");
        assertThat(body.get("message").asText()).contains("Authorization: Bearer");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"permed\"");
    }

    @Test
    void missingTokenIsNotAudited() {
        HttpResponse<String> response = server.get(PATIENT_PATH);

        assertError(response, 401, "SERVER_AUTHENTICATION_REQUIRED");
        assertThat(server.audit().eventsOf(requestId(response))).isEmpty();
    }

    @Test
    void badTokenIs401WithTheAuthenticatorsCodeAndIsAudited() {
        HttpResponse<String> response = server.get("/api/me", FakeAuthenticator.EXPIRED);

        JsonNode body = assertError(response, 401, "TEST_TOKEN_EXPIRED");
        assertThat(body.get("message").asText()).isEqualTo("The bearer token has expired; get a new one.");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"permed\", error=\"invalid_token\"");
        List<AuditEvent> events = server.audit().eventsOf(requestId(response));
        assertThat(events).hasSize(1);
        AuditEvent event = events.get(0);
        assertThat(event.action()).isEqualTo("http.unauthenticated");
        assertThat(event.context().principal().authenticated()).isFalse();
        assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(event.purpose()).isEqualTo(Purpose.SECURITY_ADMINISTRATION);
        assertThat(event.details()).isEqualTo(Map.of("method", "GET", "route", "/api/me", "reason", "TEST_TOKEN_EXPIRED"));
    }

    @Test
    void badTokenIsRefusedEvenOnAnonymousRoutes() {
        assertError(server.get("/api/open", "forged-token"), 401, "TEST_TOKEN_UNKNOWN");
    }

    @Test
    void authenticatedPolicyAcceptsAnyRoleAndEvenNoRole() {
        assertThat(server.get("/api/me", FakeAuthenticator.RESEARCHER).statusCode()).isEqualTo(200);
        assertThat(server.get("/api/me", FakeAuthenticator.NO_ROLES).statusCode()).isEqualTo(200);
    }

    @Test
    void rolesPolicyLetsAnyListedRoleThrough() {
        assertThat(server.get(PATIENT_PATH, FakeAuthenticator.CLINICIAN).statusCode()).isEqualTo(200);
        assertThat(server.get(PATIENT_PATH, FakeAuthenticator.LAB).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongRoleIs403AndIsAuditedWithTheRouteTemplate() {
        HttpResponse<String> response = server.get(PATIENT_PATH, FakeAuthenticator.PATIENT);

        JsonNode body = assertError(response, 403, "SERVER_FORBIDDEN");
        assertThat(body.get("details").get("requiredRoles").toString()).isEqualTo("[\"clinician\",\"lab\"]");
        List<AuditEvent> events = server.audit().eventsOf(requestId(response));
        assertThat(events).hasSize(1);
        AuditEvent event = events.get(0);
        assertThat(event.action()).isEqualTo("http.denied");
        assertThat(event.context().principal().user().value()).isEqualTo("patient-1");
        assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(event.purpose()).isEqualTo(Purpose.SECURITY_ADMINISTRATION);
        assertThat(event.subject()).isEmpty();
        assertThat(event.details()).containsEntry("method", "GET").containsEntry("route", "/api/patients/{pseudonym}");
    }

    @Test
    void policyIsCheckedBeforeTheBodyIsLookedAt() {
        HttpResponse<String> response = server.postJson("/api/samples", FakeAuthenticator.CLINICIAN, "{not json");

        assertError(response, 403, "SERVER_FORBIDDEN");
    }

    @Test
    void routeRegisteredThroughRawJavalinIsReportedWithoutPolicy() {
        List<JavalinRoute> unpoliced = server.server().javalinRoutes().stream().filter(route -> !route.policed()).toList();

        assertThat(unpoliced).containsExactly(new JavalinRoute("GET", TestRoutes.SNEAKY_PATH, false));
    }

    @Test
    void everyOtherJavalinRouteIsARegisteredRouteWithItsPolicy() {
        List<String> javalin = server.server().javalinRoutes().stream()
                .filter(JavalinRoute::policed)
                .map(route -> route.method() + " " + route.path())
                .sorted()
                .toList();
        List<String> registered = server.server().routes().stream().map(RegisteredRoute::display).sorted().toList();

        assertThat(javalin).isEqualTo(registered);
        assertThat(registered).contains("GET /health", "GET /ready", "GET /api/openapi.json", "POST /api/samples");
    }

    @Test
    void routeWithoutPolicyIsRefusedToEverybodyAndAudited() {
        HttpResponse<String> anonymous = server.get(TestRoutes.SNEAKY_PATH);
        HttpResponse<String> lab = server.get(TestRoutes.SNEAKY_PATH, FakeAuthenticator.LAB);

        assertError(anonymous, 403, "SERVER_ROUTE_WITHOUT_POLICY");
        assertError(lab, 403, "SERVER_ROUTE_WITHOUT_POLICY");
        assertThat(lab.body()).doesNotContain("the secret");
        AuditEvent event = server.audit().eventsOf(requestId(lab)).get(0);
        assertThat(event.action()).isEqualTo("http.denied");
        assertThat(event.details()).containsEntry("route", TestRoutes.SNEAKY_PATH)
                .containsEntry("reason", "SERVER_ROUTE_WITHOUT_POLICY");
    }

    @Test
    void headRequestsAreRefusedWith405AndAllow() {
        HttpResponse<String> response = server.send(server.request("/api/me").method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void handlerSeesTheRequestContext() {
        HttpResponse<String> response = server.send(server.request("/api/me")
                .header("Authorization", "Bearer " + FakeAuthenticator.LAB)
                .header("X-Request-Id", "trace-me-1"));

        JsonNode body = TestServer.json(response);
        assertThat(body.get("user").asText()).isEqualTo("lab-1");
        assertThat(body.get("requestId").asText()).isEqualTo("trace-me-1");
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }
}
