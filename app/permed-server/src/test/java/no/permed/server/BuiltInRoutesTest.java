package no.permed.server;

import static no.permed.server.testing.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import no.permed.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /health, /ready and the headers every response carries. */
class BuiltInRoutesTest {
    private static final AtomicReference<ReadinessCheck> READINESS = new AtomicReference<>(ReadinessCheck.ALWAYS_READY);

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(() -> READINESS.get().check());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthIsUpForAnybody() {
        HttpResponse<String> response = server.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void readyWhenTheCheckSaysSo() {
        READINESS.set(ReadinessCheck.ALWAYS_READY);

        HttpResponse<String> response = server.get("/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"READY\"}");
    }

    @Test
    void notReadyIs503InTheErrorFormatWithTheDetail() {
        READINESS.set(() -> Readiness.notReady("database not reachable"));
        try {
            JsonNode body = assertError(server.get("/ready"), 503, "SERVER_NOT_READY");

            assertThat(body.get("details").get("detail").asText()).isEqualTo("database not reachable");
            assertThat(body.get("message").asText()).contains("database not reachable");
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
        } finally {
            READINESS.set(ReadinessCheck.ALWAYS_READY);
        }
    }

    @Test
    void failingReadinessCheckIsNotReady() {
        READINESS.set(() -> {
            throw new IllegalStateException("jdbc:postgresql://secret-host/db unreachable");
        });
        try {
            HttpResponse<String> response = server.get("/ready");

            assertError(response, 503, "SERVER_NOT_READY");
            assertThat(response.body()).doesNotContain("secret-host");
        } finally {
            READINESS.set(ReadinessCheck.ALWAYS_READY);
        }
    }

    @Test
    void everyResponseCarriesSecurityHeadersAndNoServerVersion() {
        for (HttpResponse<String> response : List.of(server.get("/health"), server.get("/api/openapi.json"),
                server.get("/api/me"), server.get("/missing"))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Server")).isEmpty();
            assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
        }
    }
}
