package no.permed.security.token;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import no.permed.kernel.NationalId;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.SecurityConfig;
import no.permed.security.SecurityErrorCode;
import no.permed.spi.Authenticator;
import no.permed.spi.Principal;
import no.permed.spi.Pseudonymizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies OIDC bearer tokens (signed JWTs) with Nimbus JOSE+JWT and turns them into a
 * {@link Principal}.
 *
 * <p>Checks, in order: the {@code Bearer} scheme; a compact signed JWT; algorithm RS256, PS256 or
 * ES256 only ({@code none}, HS* and encrypted tokens are refused); a trusted issuer ({@code iss});
 * the signature against that issuer's keys; {@code exp} present and not passed, {@code nbf} not in
 * the future (both with the configured clock skew, against the injected clock); the configured
 * audience in {@code aud}; a subject; at least one known role (from the role claim, a JSON array or a
 * space-separated string, and Keycloak's {@code realm_access.roles}; unknown roles are ignored). A
 * patient's national identity number claim is validated and turned into {@link Principal#self()}
 * via the pseudonymiser, and then dropped.
 *
 * <p>Every failure is a {@link PermedException} of kind UNAUTHENTICATED whose code names the
 * problem; no message echoes the token or a claim value.
 */
public final class JwtAuthenticator implements Authenticator, AutoCloseable {
    /** The only signature algorithms accepted. */
    public static final Set<JWSAlgorithm> ACCEPTED_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);
    /** Longer tokens are refused before parsing. */
    public static final int MAXIMUM_TOKEN_LENGTH = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]*");
    private static final Pattern ELEVEN_DIGITS = Pattern.compile("[0-9]{11}");

    private final SecurityConfig config;
    private final List<TrustedIssuer> issuers;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;
    private final DefaultJWSVerifierFactory verifierFactory = new DefaultJWSVerifierFactory();

    /**
     * @param issuers the issuers whose tokens are accepted (the development issuer only when the
     *     configuration enables it; see {@link #fromConfig})
     */
    public JwtAuthenticator(SecurityConfig config, List<TrustedIssuer> issuers, Pseudonymizer pseudonymizer, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.issuers = List.copyOf(requireNonNull(issuers, "issuers is null"));
        this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
        this.clock = requireNonNull(clock, "clock is null");
        for (TrustedIssuer issuer : this.issuers) {
            if (issuer.issuer().equals(SecurityConfig.DEVELOPMENT_ISSUER) && !config.developmentIssuer()) {
                throw new IllegalArgumentException("the development issuer may be trusted only when the configuration enables it");
            }
        }
    }

    /**
     * The authenticator the configuration describes: the identity provider's JWKS URL and/or local
     * JWK set file, and the development issuer's key when {@link SecurityConfig#developmentIssuer()}
     * is on (then {@code developmentIssuer} must be given).
     */
    public static JwtAuthenticator fromConfig(
            SecurityConfig config, Optional<DevelopmentTokenIssuer> developmentIssuer, Pseudonymizer pseudonymizer, Clock clock) {
        requireNonNull(config, "config is null");
        requireNonNull(developmentIssuer, "developmentIssuer is null");
        List<TrustedIssuer> issuers = new ArrayList<>();
        config.issuer().ifPresent(issuer -> {
            config.jwksUrl().ifPresent(url -> issuers.add(TrustedIssuer.remote(issuer, url)));
            config.jwksFile().ifPresent(file -> issuers.add(TrustedIssuer.localFile(issuer, file)));
        });
        if (config.developmentIssuer()) {
            DevelopmentTokenIssuer development = developmentIssuer.orElseThrow(() -> new IllegalArgumentException(
                    "the configuration enables the development issuer, so pass it"));
            issuers.add(TrustedIssuer.local(SecurityConfig.DEVELOPMENT_ISSUER, development.publicKeys(),
                    "development issuer key in " + development.keyFile()));
        }
        for (TrustedIssuer issuer : issuers) {
            LOG.info("Trusting tokens of issuer {} ({}) for audience {}", issuer.issuer(), issuer.description(), config.audience());
        }
        return new JwtAuthenticator(config, issuers, pseudonymizer, clock);
    }

    @Override
    public Principal authenticate(Optional<String> authorizationHeader) {
        requireNonNull(authorizationHeader, "authorizationHeader is null");
        if (authorizationHeader.isEmpty()) {
            return Principal.anonymous();
        }
        String header = authorizationHeader.get().strip();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            throw fail(SecurityErrorCode.TOKEN_NOT_BEARER,
                    "the Authorization header must use the Bearer scheme: Authorization: Bearer <token>");
        }
        return authenticateToken(header.substring(space + 1).strip());
    }

    /** Verifies a bare token (without the {@code Bearer} prefix). */
    public Principal authenticateToken(String token) {
        requireNonNull(token, "token is null");
        if (token.isEmpty() || token.length() > MAXIMUM_TOKEN_LENGTH || !COMPACT_JWS.matcher(token).matches()) {
            throw malformed("the bearer token is not a compact JWT (three base64url parts separated by dots, at most "
                    + MAXIMUM_TOKEN_LENGTH + " characters)");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw malformed("the bearer token is not a well-formed JWT (its header or claims are not valid JSON)");
        }
        if (jwt instanceof PlainJWT) {
            throw fail(SecurityErrorCode.TOKEN_UNSUPPORTED_ALGORITHM,
                    "the bearer token is unsigned (alg none); only tokens signed with RS256, PS256 or ES256 are accepted");
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
            throw fail(SecurityErrorCode.TOKEN_UNSUPPORTED_ALGORITHM,
                    "the bearer token is encrypted (JWE); only signed tokens (RS256, PS256 or ES256) are accepted");
        }
        JWSHeader header = signed.getHeader();
        if (!ACCEPTED_ALGORITHMS.contains(header.getAlgorithm())) {
            throw fail(SecurityErrorCode.TOKEN_UNSUPPORTED_ALGORITHM,
                    "the bearer token is signed with an algorithm this server does not accept; only RS256, PS256 and"
                            + " ES256 are accepted (never none or HS256)");
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw malformed("the bearer token's claims are not valid (a registered claim such as exp has the wrong type)");
        }

        List<TrustedIssuer> trusted = trustedIssuersFor(claims.getIssuer());
        verifySignature(signed, header, trusted);
        checkTimes(claims);
        checkAudience(claims);
        return principalOf(claims);
    }

    private List<TrustedIssuer> trustedIssuersFor(String issuer) {
        if (issuer == null || issuer.isEmpty()) {
            throw fail(SecurityErrorCode.TOKEN_WRONG_ISSUER, "the bearer token names no issuer (iss)");
        }
        List<TrustedIssuer> matching = issuers.stream().filter(trusted -> trusted.issuer().equals(issuer)).toList();
        if (!matching.isEmpty()) {
            return matching;
        }
        if (issuer.equals(SecurityConfig.DEVELOPMENT_ISSUER)) {
            throw fail(SecurityErrorCode.TOKEN_WRONG_ISSUER,
                    "the bearer token comes from the development issuer, which this server does not trust; development"
                            + " tokens work only on a server started with --dev or --demo on 127.0.0.1");
        }
        List<String> names = trustedIssuers();
        if (names.isEmpty()) {
            throw fail(SecurityErrorCode.TOKEN_WRONG_ISSUER,
                    "this server trusts no token issuer; the operator must set security.oidc.issuer and security.oidc.jwks-url");
        }
        throw fail(SecurityErrorCode.TOKEN_WRONG_ISSUER,
                "the bearer token's issuer (iss) is not trusted by this server; it accepts tokens from "
                        + String.join(", ", names));
    }

    private void verifySignature(SignedJWT signed, JWSHeader header, List<TrustedIssuer> trusted) {
        boolean anyKey = false;
        KeySourceException unavailable = null;
        for (TrustedIssuer issuer : trusted) {
            List<? extends Key> keys;
            try {
                keys = new JWSVerificationKeySelector<>(ACCEPTED_ALGORITHMS, issuer.keys()).selectJWSKeys(header, null);
            } catch (KeySourceException e) {
                LOG.warn("Cannot get the signing keys of issuer {} from {}: {}", issuer.issuer(), issuer.description(), e.toString());
                unavailable = e;
                continue;
            }
            for (Key key : keys) {
                anyKey = true;
                try {
                    JWSVerifier verifier = verifierFactory.createJWSVerifier(header, key);
                    if (signed.verify(verifier)) {
                        return;
                    }
                } catch (JOSEException e) {
                    // a key that cannot verify this token: try the next one
                }
            }
        }
        if (!anyKey && unavailable != null) {
            throw new PermedException(
                    SecurityErrorCode.KEYS_UNAVAILABLE,
                    "the identity provider's signing keys cannot be fetched right now, so the token cannot be checked;"
                            + " try again shortly (the operator can see the cause in the server log)",
                    Map.of());
        }
        if (!anyKey) {
            throw fail(SecurityErrorCode.TOKEN_INVALID_SIGNATURE,
                    "no signing key of the token's issuer matches the token (key id and algorithm); the identity provider"
                            + " may have rotated its keys, or the token was not issued by it");
        }
        throw fail(SecurityErrorCode.TOKEN_INVALID_SIGNATURE,
                "the bearer token's signature does not verify: it was changed or signed by someone else");
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Duration skew = config.clockSkew();
        if (claims.getExpirationTime() == null) {
            throw malformed("the bearer token has no expiry time (exp); ask the identity provider for a token that expires");
        }
        Instant expiry = claims.getExpirationTime().toInstant();
        if (!now.isBefore(expiry.plus(skew))) {
            throw fail(SecurityErrorCode.TOKEN_EXPIRED, "the bearer token has expired; get a new token from the identity provider");
        }
        if (claims.getNotBeforeTime() != null && now.plus(skew).isBefore(claims.getNotBeforeTime().toInstant())) {
            throw fail(SecurityErrorCode.TOKEN_NOT_YET_VALID,
                    "the bearer token is not valid yet (nbf is in the future); check the clocks of this server and the"
                            + " identity provider");
        }
    }

    private void checkAudience(JWTClaimsSet claims) {
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(config.audience())) {
            throw fail(SecurityErrorCode.TOKEN_WRONG_AUDIENCE,
                    "the bearer token is not meant for this server: its audience (aud) does not include '" + config.audience()
                            + "'; ask the identity provider for a token with that audience");
        }
    }

    private Principal principalOf(JWTClaimsSet claims) {
        UserId user = userIdOf(claims.getSubject());
        Set<Role> roles = rolesOf(claims);
        if (roles.isEmpty()) {
            throw fail(SecurityErrorCode.NO_KNOWN_ROLE,
                    "the bearer token grants none of the permed roles (" + Role.allowedWireNames() + ") in claim '"
                            + config.roleClaim() + "' or '" + SecurityConfig.KEYCLOAK_ROLE_CLAIM
                            + "'; ask the administrator of the identity provider to assign a role");
        }
        Optional<OrganisationId> organisation = organisationOf(claims);
        Optional<Pseudonym> self = Optional.empty();
        if (roles.contains(Role.PATIENT)) {
            self = Optional.of(selfOf(claims));
        }
        return new Principal(user, roles, organisation, self, true);
    }

    private UserId userIdOf(String subject) {
        if (subject == null || subject.isBlank()) {
            throw malformed("the bearer token has no subject (sub)");
        }
        if (ELEVEN_DIGITS.matcher(subject).matches()) {
            throw malformed("the bearer token's subject (sub) looks like a national identity number; configure the identity"
                    + " provider to send a pairwise subject and the number in claim '" + config.nationalIdClaim() + "'");
        }
        try {
            return UserId.of(subject);
        } catch (PermedException notSafe) {
            // HelseID and others send base64 subjects ("+", "/", "="): use their base64url form
            String base64url = subject.replace('+', '-').replace('/', '_').replaceAll("=+$", "");
            try {
                return UserId.of(base64url);
            } catch (PermedException stillNotSafe) {
                throw malformed("the bearer token's subject (sub) is not usable as a user id: it must be 1 to 128 letters,"
                        + " digits and . _ - @ : (base64 subjects are accepted)");
            }
        }
    }

    private Set<Role> rolesOf(JWTClaimsSet claims) {
        Set<String> names = new LinkedHashSet<>();
        names.addAll(texts(claim(claims, config.roleClaim())));
        if (!config.roleClaim().equals(SecurityConfig.KEYCLOAK_ROLE_CLAIM)) {
            names.addAll(texts(claim(claims, SecurityConfig.KEYCLOAK_ROLE_CLAIM)));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            Role.fromWireName(name).ifPresent(roles::add);
        }
        return Set.copyOf(roles);
    }

    private Optional<OrganisationId> organisationOf(JWTClaimsSet claims) {
        Object value = claim(claims, config.organisationClaim());
        if (value == null) {
            return Optional.empty();
        }
        String text;
        if (value instanceof String string) {
            text = string;
        } else if (value instanceof Number number) {
            text = number.toString();
        } else {
            throw malformed("claim '" + config.organisationClaim() + "' (the organisation) must be a string");
        }
        try {
            return Optional.of(OrganisationId.of(text));
        } catch (PermedException e) {
            throw malformed("claim '" + config.organisationClaim() + "' (the organisation) is not a valid organisation id:"
                    + " 1 to 128 letters, digits and . _ - @ :");
        }
    }

    private Pseudonym selfOf(JWTClaimsSet claims) {
        String claimName = config.nationalIdClaim();
        Object value = claim(claims, claimName);
        if (value == null) {
            throw fail(SecurityErrorCode.TOKEN_INVALID_NATIONAL_ID,
                    "a patient's token must carry their national identity number in claim '" + claimName
                            + "'; sign in through ID-porten or ask the identity provider to add the claim");
        }
        if (!(value instanceof String digits)) {
            throw fail(SecurityErrorCode.TOKEN_INVALID_NATIONAL_ID,
                    "claim '" + claimName + "' (national identity number) must be a string of 11 digits");
        }
        NationalId nationalId;
        try {
            nationalId = NationalId.parse(digits);
        } catch (PermedException e) {
            throw fail(SecurityErrorCode.TOKEN_INVALID_NATIONAL_ID,
                    "claim '" + claimName + "' is not a valid national identity number: " + e.getMessage());
        }
        try {
            return pseudonymizer.pseudonymOf(nationalId);
        } catch (PermedException e) {
            if (e.errorCode() == SecurityErrorCode.SYNTHETIC_ID_NOT_ALLOWED) {
                throw fail(SecurityErrorCode.TOKEN_INVALID_NATIONAL_ID,
                        "claim '" + claimName + "' holds a synthetic test national identity number, which this server does"
                                + " not accept (security.accept-synthetic-national-ids is false)");
            }
            throw e;
        }
    }

    /** A claim by its exact name, else (for a dotted name) by walking nested objects. */
    private static Object claim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        if (value != null || name.indexOf('.') < 0) {
            return value;
        }
        Object current = claims.getClaims();
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    /** The texts of a claim that is a JSON array of strings or a space-separated string. */
    private static List<String> texts(Object value) {
        if (value instanceof String text) {
            return List.of(text.strip().split("\\s+"));
        }
        if (value instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static PermedException malformed(String message) {
        return fail(SecurityErrorCode.TOKEN_MALFORMED, message);
    }

    private static PermedException fail(SecurityErrorCode code, String message) {
        LOG.debug("Bearer token refused: {}", code.code());
        return new PermedException(code, message, Map.of("problem", code.code()));
    }

    /** The issuers trusted, for diagnostics. */
    public List<String> trustedIssuers() {
        return issuers.stream().map(TrustedIssuer::issuer).distinct().toList();
    }

    @Override
    public void close() {
        issuers.forEach(TrustedIssuer::close);
    }
}
