package no.permed.security.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import no.permed.kernel.ErrorKind;
import no.permed.kernel.PermedException;
import no.permed.security.SecurityConfig;
import no.permed.security.SecurityErrorCode;
import no.permed.security.pseudonym.HmacPseudonymizer;
import no.permed.security.pseudonym.PseudonymKeyStore;
import no.permed.security.testing.MutableClock;
import no.permed.security.testing.TestIdentityProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys fetched from a JWKS URL served by a real HTTP server on 127.0.0.1. */
class RemoteJwksTest {
    private static final Instant NOW = Instant.parse("2026-04-01T09:00:00Z");

    @TempDir
    Path directory;

    private final AtomicReference<JWKSet> published = new AtomicReference<>(TestIdentityProvider.publicKeys());
    private final AtomicInteger fetches = new AtomicInteger();
    private final MutableClock clock = new MutableClock(NOW);
    private HttpServer server;
    private HmacPseudonymizer pseudonymizer;

    @BeforeEach
    void startIdentityProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/certs", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        pseudonymizer = new HmacPseudonymizer(PseudonymKeyStore.openOrCreate(directory.resolve("keys"), clock), false);
    }

    @AfterEach
    void stopIdentityProvider() {
        server.stop(0);
    }

    private URI jwksUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/certs");
    }

    private JwtAuthenticator authenticator(URI url) {
        SecurityConfig config = SecurityConfig.defaults()
                .withIdentityProvider(TestIdentityProvider.ISSUER, Optional.of(url), Optional.empty());
        return JwtAuthenticator.fromConfig(config, Optional.empty(), pseudonymizer, clock);
    }

    @Test
    void fetchesTheKeysOnceAndCachesThem() {
        try (JwtAuthenticator authenticator = authenticator(jwksUrl())) {
            for (int i = 0; i < 5; i++) {
                String token = TestIdentityProvider.rs256(TestIdentityProvider.claims(NOW).build());
                assertThat(authenticator.authenticate(Optional.of("Bearer " + token)).authenticated()).isTrue();
            }
            assertThat(fetches).hasValue(1);
            assertThat(authenticator.trustedIssuers()).containsExactly(TestIdentityProvider.ISSUER);
        }
    }

    @Test
    void fetchesAgainWhenTheProviderRotatesItsKey() {
        try (JwtAuthenticator authenticator = authenticator(jwksUrl())) {
            String before = TestIdentityProvider.rs256(TestIdentityProvider.claims(NOW).build());
            assertThat(authenticator.authenticate(Optional.of("Bearer " + before)).authenticated()).isTrue();

            RSAKey rotated = TestIdentityProvider.generateRsa("rsa-2");
            published.set(new JWKSet(List.<JWK>of(rotated.toPublicJWK(), TestIdentityProvider.rsaKey().toPublicJWK())));
            String after = TestIdentityProvider.sign(TestIdentityProvider.claims(NOW).build(), JWSAlgorithm.RS256, rotated);

            assertThat(authenticator.authenticate(Optional.of("Bearer " + after)).authenticated()).isTrue();
            assertThat(fetches).hasValue(2);
        }
    }

    @Test
    void reportsAnUnreachableProviderAsUnavailableNotAsABadToken() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (JwtAuthenticator authenticator = authenticator(URI.create("http://127.0.0.1:" + closedPort + "/certs"))) {
            String token = TestIdentityProvider.rs256(TestIdentityProvider.claims(NOW).build());

            PermedException error = catchThrowableOfType(PermedException.class,
                    () -> authenticator.authenticate(Optional.of("Bearer " + token)));

            assertThat(error.errorCode()).isEqualTo(SecurityErrorCode.KEYS_UNAVAILABLE);
            assertThat(error.errorCode().kind()).isEqualTo(ErrorKind.UNAVAILABLE);
            assertThat(error.getMessage()).doesNotContain(token);
        }
    }
}
