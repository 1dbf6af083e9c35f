package no.permed.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the HTTP server runs. permed-app builds this from the configuration keys {@code server.*}
 * (docs/configuration.md); tests usually start from {@link #defaults(String)} with port 0.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} (loopback) or {@code 0.0.0.0} (all)
 * @param port the TCP port, 1 to 65535, or 0 for a free port chosen at start ({@link PermedServer#port()})
 * @param maxRequestBytes the largest request body accepted; larger bodies get 413
 *     {@code SERVER_BODY_TOO_LARGE}, whether announced by Content-Length or streamed
 * @param shutdownGrace how long in-flight requests may take to finish when the server stops
 * @param version the permed version, shown in the OpenAPI document (never in response headers)
 * @param devMode whether this is a development or demonstration instance; logged loudly at start
 *     and marked in the OpenAPI document
 * @param maxUploadBytes the largest {@code multipart/form-data} body (file uploads such as VCFs) accepted
 */
public record ServerSettings(
        String host, int port, long maxRequestBytes, Duration shutdownGrace, String version, boolean devMode,
        long maxUploadBytes) {

    /** Default upload limit: 16 GiB (a whole-genome gVCF). */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 16L << 30;

    /** Settings with the default upload limit. */
    public ServerSettings(String host, int port, long maxRequestBytes, Duration shutdownGrace, String version, boolean devMode) {
        this(host, port, maxRequestBytes, shutdownGrace, version, devMode, DEFAULT_MAX_UPLOAD_BYTES);
    }

    /** Default address: loopback only. Put a TLS-terminating proxy in front for other addresses. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    public static final int DEFAULT_PORT = 8080;

    /** Default body limit: 1 MiB. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 1_048_576L;

    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    /** The longest grace period accepted: a stop should never hang for longer than this. */
    public static final Duration MAX_SHUTDOWN_GRACE = Duration.ofMinutes(10);

    public ServerSettings {
        requireNonNull(host, "host is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank: give an address such as 127.0.0.1 or 0.0.0.0");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1 to 65535, but was " + port);
        }
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be at least 1, but was " + maxRequestBytes);
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("maxUploadBytes must be at least 1, but was " + maxUploadBytes);
        }
        requireNonNull(shutdownGrace, "shutdownGrace is null");
        if (shutdownGrace.isNegative() || shutdownGrace.compareTo(MAX_SHUTDOWN_GRACE) > 0) {
            throw new IllegalArgumentException(
                    "shutdownGrace must be between 0 and " + MAX_SHUTDOWN_GRACE + ", but was " + shutdownGrace);
        }
        requireNonNull(version, "version is null");
        if (version.isBlank()) {
            throw new IllegalArgumentException("version is blank: give the permed version, e.g. 0.1.0");
        }
    }

    /** Loopback, port 8080, 1 MiB bodies, 10 seconds of grace, not in development mode. */
    public static ServerSettings defaults(String version) {
        return new ServerSettings(
                DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_SHUTDOWN_GRACE, version, false);
    }

    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, maxRequestBytes, shutdownGrace, version, devMode, maxUploadBytes);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxRequestBytes, shutdownGrace, version, devMode, maxUploadBytes);
    }

    public ServerSettings withMaxRequestBytes(long newMaxRequestBytes) {
        return new ServerSettings(host, port, newMaxRequestBytes, shutdownGrace, version, devMode, maxUploadBytes);
    }

    public ServerSettings withShutdownGrace(Duration newShutdownGrace) {
        return new ServerSettings(host, port, maxRequestBytes, newShutdownGrace, version, devMode, maxUploadBytes);
    }

    public ServerSettings withDevMode(boolean newDevMode) {
        return new ServerSettings(host, port, maxRequestBytes, shutdownGrace, version, newDevMode, maxUploadBytes);
    }

    public ServerSettings withMaxUploadBytes(long newMaxUploadBytes) {
        return new ServerSettings(host, port, maxRequestBytes, shutdownGrace, version, devMode, newMaxUploadBytes);
    }
}
