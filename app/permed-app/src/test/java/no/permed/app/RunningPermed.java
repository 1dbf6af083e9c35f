package no.permed.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import no.permed.app.config.PermedConfiguration;
import no.permed.app.config.ResolvedConfiguration;
import no.permed.app.config.Setting;
import no.permed.security.token.DevelopmentTokenIssuer;
import no.permed.testing.SharedPostgres;

/**
 * A whole permed, as {@code serve --demo} starts it, on port 0 with a fresh database in the shared
 * test PostgreSQL and a temporary data directory, plus a small real HTTP client.
 */
final class RunningPermed implements AutoCloseable {
    final Application application;
    final String databaseUrl;
    final Path dataDirectory;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningPermed(Application application, String databaseUrl, Path dataDirectory) {
        this.application = application;
        this.databaseUrl = databaseUrl;
        this.dataDirectory = dataDirectory;
    }

    static RunningPermed startDemo(Path dataDirectory) {
        return startDemo(dataDirectory, SharedPostgres.freshDatabaseUrl());
    }

    /** Starts again on an existing database (e.g. to test a restart). */
    static RunningPermed startDemo(Path dataDirectory, String url) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.SERVER_PORT, "0");
        flags.put(Setting.DATA_DIR, dataDirectory.toString());
        flags.put(Setting.DB_URL, url);
        flags.put(Setting.DEVELOPMENT_ISSUER, "true");
        flags.put(Setting.ACCEPT_SYNTHETIC_IDS, "true");
        PermedConfiguration configuration =
                PermedConfiguration.from(ResolvedConfiguration.resolve(Optional.empty(), Map.of(), flags));
        return new RunningPermed(Application.start(configuration, "test", Clock.systemUTC(), true), url, dataDirectory);
    }

    String tokenFor(String demoUser) {
        DevelopmentTokenIssuer issuer = application.security().developmentIssuer().orElseThrow();
        return issuer.mint(DevelopmentTokenIssuer.demoUser(demoUser).orElseThrow(), Duration.ofMinutes(10));
    }

    HttpResponse<String> get(String path, Optional<String> token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(application.baseUrl() + path)).GET();
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return get(path, Optional.of(token));
    }

    HttpResponse<String> postJson(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(application.baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** One file part of a multipart upload. */
    record FilePart(String field, String fileName, Path file) {
    }

    /** POSTs a {@code multipart/form-data} body of text fields and file parts (read from real files). */
    HttpResponse<String> postMultipart(String path, String token, Map<String, String> fields, java.util.List<FilePart> files)
            throws IOException, InterruptedException {
        String boundary = "permed-test-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (FilePart file : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field() + "\"; filename=\""
                    + file.fileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            body.writeBytes(java.nio.file.Files.readAllBytes(file.file()));
            body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(application.baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(application.baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .DELETE()
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        application.close();
    }
}
