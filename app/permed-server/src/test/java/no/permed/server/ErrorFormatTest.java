package no.permed.server;

import static no.permed.server.testing.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import no.permed.server.testing.FakeAuthenticator;
import no.permed.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every error, from Javalin or from a handler, has the one JSON format and a status from its ErrorKind. */
class ErrorFormatTest {
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
    void unknownPathIs404InTheErrorFormat() {
        JsonNode body = assertError(server.get("/api/no-such-thing"), 404, "SERVER_NOT_FOUND");

        assertThat(body.get("message").asText()).contains("/api/openapi.json");
    }

    @Test
    void unknownPathWithABadTokenIsStill404() {
        assertError(server.get("/nowhere", "forged-token"), 404, "SERVER_NOT_FOUND");
    }

    @Test
    void wrongMethodIs405InTheErrorFormatWithAllow() {
        HttpResponse<String> response = server.send(server.request("/api/open").PUT(HttpRequest.BodyPublishers.ofString("{}")));

        JsonNode body = assertError(response, 405, "SERVER_METHOD_NOT_ALLOWED");
        assertThat(body.get("details").get("allowedMethods").get(0).asText()).isEqualTo("GET");
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void permedExceptionKeepsItsCodeMessageAndDetails() {
        JsonNode body = assertError(server.get("/api/conflict"), 409, "TEST_SAMPLE_EXISTS");

        assertThat(body.get("message").asText()).isEqualTo("Sample S1 exists already; choose another name.");
        assertThat(body.get("details").get("sample").asText()).isEqualTo("S1");
    }

    @Test
    void unexpectedExceptionIs500WithAGenericMessageNamingTheRequestId() {
        HttpResponse<String> response = server.send(server.request("/api/boom").header("X-Request-Id", "boom-request-1"));

        JsonNode body = assertError(response, 500, "SERVER_INTERNAL");
        assertThat(body.get("message").asText()).contains("boom-request-1");
        assertThat(body.get("details").get("requestId").asText()).isEqualTo("boom-request-1");
        assertThat(response.body()).doesNotContain("SELECT", "secret_table", "hunter2", "IllegalStateException", "at no.permed");
    }

    @Test
    void javaLangErrorIs500InTheErrorFormatToo() {
        HttpResponse<String> response = server.send(server.request("/api/fatal").header("X-Request-Id", "fatal-1"));

        JsonNode body = assertError(response, 500, "SERVER_INTERNAL");
        assertThat(body.get("message").asText()).contains("fatal-1");
        assertThat(response.body()).doesNotContain("secret_table", "AssertionError");
    }

    @Test
    void internalPermedExceptionKeepsItsCodeButNotItsText() {
        JsonNode body = assertError(server.get("/api/broken-database"), 500, "TEST_DATABASE_BROKEN");

        assertThat(body.get("message").asText()).startsWith("An internal error occurred while handling request");
        assertThat(body.toString()).doesNotContain("db.internal", "5432", "refused");
    }

    @Test
    void successfulAnswersCarryStatusHeadersAndNoBodyWhereThereIsNone() {
        HttpResponse<String> deleted = server.send(server.request("/api/samples/S1")
                .header("Authorization", "Bearer " + FakeAuthenticator.LAB).DELETE());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
    }

    @Test
    void errorsCarryTheSecurityHeadersToo() {
        HttpResponse<String> response = server.get("/api/no-such-thing");

        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy).contains("default-src 'none'"));
    }

    @Test
    void traceAndOptionsAreRefusedInTheErrorFormat() {
        assertError(server.send(server.request("/api/open").method("OPTIONS", HttpRequest.BodyPublishers.noBody())),
                405, "SERVER_METHOD_NOT_ALLOWED");
        assertError(server.send(server.request("/api/open").method("TRACE", HttpRequest.BodyPublishers.noBody())),
                405, "SERVER_METHOD_NOT_ALLOWED");
    }
}
