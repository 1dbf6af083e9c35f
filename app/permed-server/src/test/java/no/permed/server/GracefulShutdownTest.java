package no.permed.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import no.permed.server.testing.TestRoutes;
import no.permed.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Stopping lets in-flight requests finish within the grace period, then refuses new connections. */
class GracefulShutdownTest {
    @Test
    void slowRequestInFlightCompletesDuringStop() throws Exception {
        TestServer server = TestServer.start();
        int port = server.server().port();
        CompletableFuture<HttpResponse<String>> slow = server.client().sendAsync(
                server.request("/api/slow?ms=1500").build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(400);

        long started = System.nanoTime();
        server.close();
        Duration stopping = Duration.ofNanos(System.nanoTime() - started);

        HttpResponse<String> response = slow.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"slept\":1500}");
        assertThat(stopping).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
        assertThatThrownBy(() -> server.client().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void stopDoesNotWaitLongerThanTheGracePeriod() throws Exception {
        TestServer server = TestServer.start(TestServer.settings().withShutdownGrace(Duration.ofMillis(300)),
                ReadinessCheck.ALWAYS_READY, List.of(new TestRoutes()));
        int port = server.server().port();
        CompletableFuture<HttpResponse<String>> slow = server.client().sendAsync(
                server.request("/api/slow?ms=10000").build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);

        long started = System.nanoTime();
        server.close();
        Duration stopping = Duration.ofNanos(System.nanoTime() - started);

        assertThat(stopping).isLessThan(Duration.ofSeconds(3));
        slow.handle((response, error) -> null).get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> server.client().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void closingTwiceIsHarmless() {
        TestServer server = TestServer.start();
        server.close();
        server.close();
    }
}
