package no.permed.security.token;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;
import no.permed.kernel.PermedException;
import no.permed.security.SecurityErrorCode;

/**
 * An issuer whose tokens are accepted, and where its signing keys come from. Several entries may
 * name the same issuer (for example its JWKS URL and a local JWK set file); their keys are combined.
 *
 * @param issuer the exact {@code iss} value
 * @param keys the issuer's public keys
 * @param description where the keys come from, for logs and error messages (no secrets)
 */
public record TrustedIssuer(String issuer, JWKSource<SecurityContext> keys, String description) {
    public TrustedIssuer {
        requireNonNull(issuer, "issuer is null");
        requireNonNull(keys, "keys is null");
        requireNonNull(description, "description is null");
    }

    /**
     * Keys fetched from the issuer's JWKS URL with Nimbus' JWK source builder: cached (refreshed
     * when a token names an unknown key id, rate limited) and retried once on network errors.
     */
    public static TrustedIssuer remote(String issuer, URI jwksUrl) {
        requireNonNull(jwksUrl, "jwksUrl is null");
        try {
            JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(jwksUrl.toURL())
                    .retrying(true)
                    .build();
            return new TrustedIssuer(issuer, source, "JWKS " + jwksUrl);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new PermedException(
                    SecurityErrorCode.INVALID_CONFIGURATION,
                    "security.oidc.jwks-url is not a usable URL; give the identity provider's JWKS endpoint",
                    Map.of("field", "security.oidc.jwks-url"),
                    e);
        }
    }

    /** A fixed set of keys; only the public parts are used. */
    public static TrustedIssuer local(String issuer, JWKSet keys, String description) {
        requireNonNull(keys, "keys is null");
        return new TrustedIssuer(issuer, new ImmutableJWKSet<>(keys.toPublicJWKSet()), description);
    }

    /** The keys of a local JWK set file (JSON {@code {"keys": [...]}}); only public parts are used. */
    public static TrustedIssuer localFile(String issuer, Path jwksFile) {
        requireNonNull(jwksFile, "jwksFile is null");
        try {
            return local(issuer, JWKSet.load(jwksFile.toFile()), "JWK set file " + jwksFile);
        } catch (IOException | ParseException e) {
            throw new PermedException(
                    SecurityErrorCode.INVALID_CONFIGURATION,
                    "cannot read the JWK set file " + jwksFile + " named by security.oidc.jwks-file ("
                            + e.getClass().getSimpleName() + "); it must be a JSON object {\"keys\": [...]}",
                    Map.of("field", "security.oidc.jwks-file", "path", jwksFile.toString()),
                    e);
        }
    }

    /** Releases the key source's resources (a remote source's cache refresher). */
    void close() {
        if (keys instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // nothing to do when shutting down
            }
        }
    }
}
