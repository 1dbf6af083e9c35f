package no.permed.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import no.permed.server.PermedServer;
import no.permed.server.ReadinessCheck;
import no.permed.server.ServerSettings;
import no.permed.server.route.RouteModule;

/** A real server on a free port with the fakes, and a real HTTP client to call it. */
public final class TestServer implements AutoCloseable {
    public static final long MAX_REQUEST_BYTES = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PermedServer server;
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestServer(ServerSettings settings, ReadinessCheck readiness, List<RouteModule> modules) {
        this.server = PermedServer.start(settings, new FakeAuthenticator(), audit, readiness, modules);
    }

    /** A server with {@link TestRoutes}, always ready. */
    public static TestServer start() {
        return start(ReadinessCheck.ALWAYS_READY);
    }

    public static TestServer start(ReadinessCheck readiness) {
        return start(settings(), readiness, List.of(new TestRoutes()));
    }

    public static TestServer start(ServerSettings settings, ReadinessCheck readiness, List<RouteModule> modules) {
        return new TestServer(settings, readiness, modules);
    }

    public static ServerSettings settings() {
        return ServerSettings.defaults("9.9.9-test").withPort(0).withMaxRequestBytes(MAX_REQUEST_BYTES)
                .withShutdownGrace(Duration.ofSeconds(5));
    }

    public PermedServer server() {
        return server;
    }

    public InMemoryAuditSink audit() {
        return audit;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    public HttpResponse<String> get(String pathAndQuery, String token) {
        return send(request(pathAndQuery).header("Authorization", "Bearer " + token).GET());
    }

    /** POSTs a JSON text as application/json with the token. */
    public HttpResponse<String> postJson(String path, String token, String json) {
        return send(request(path)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** POSTs a body streamed without a Content-Length (chunked). */
    public HttpResponse<String> postChunked(String path, String token, byte[] body) {
        return send(request(path)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient client() {
        return client;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
