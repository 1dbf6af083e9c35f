package no.permed.security;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import no.permed.kernel.PermedException;

/**
 * The settings of the security module, validated on construction. Start from {@link #defaults()}
 * and change what is needed with the {@code with...} methods. The application reads the keys
 * (flags, environment, file) and builds this record; the key names below are the ones it uses.
 *
 * <p>Configuration keys (all optional):
 * <ul>
 *   <li>{@code security.oidc.issuer}, {@code security.oidc.jwks-url}, {@code security.oidc.jwks-file}: the OIDC
 *       identity provider, its keys (JWKS URL, fetched and cached; and/or a local JWK set file)
 *   <li>{@code security.oidc.audience} (default {@value #DEFAULT_AUDIENCE})
 *   <li>{@code security.oidc.clock-skew-seconds} (default 60)
 *   <li>{@code security.oidc.role-claim} (default {@value #DEFAULT_ROLE_CLAIM}; Keycloak's
 *       {@value #KEYCLOAK_ROLE_CLAIM} is always read as well)
 *   <li>{@code security.oidc.organisation-claim} (default {@value #DEFAULT_ORGANISATION_CLAIM})
 *   <li>{@code security.oidc.national-id-claim} (default {@value #DEFAULT_NATIONAL_ID_CLAIM}, as
 *       ID-porten and HelseID send it)
 *   <li>{@code security.development-issuer} (default false)
 *   <li>{@code security.accept-synthetic-national-ids} (default false)
 *   <li>{@code security.pseudonym-key-file} (default {@code <data>/keys/pseudonym.keys})
 *   <li>{@code security.care-relationship-days} (default {@value #DEFAULT_CARE_RELATIONSHIP_DAYS})
 *   <li>{@code security.break-the-glass-hours} (default {@value #DEFAULT_BREAK_THE_GLASS_HOURS})
 * </ul>
 *
 * @param issuer the trusted identity provider's issuer ({@code iss}); required when keys are given
 * @param jwksUrl where the identity provider publishes its signing keys (https, or http on loopback)
 * @param jwksFile a local JWK set file with further trusted keys of the same issuer
 * @param audience the audience ({@code aud}) a token must name to be accepted here
 * @param clockSkew how far the clocks of the identity provider and this server may disagree
 * @param roleClaim the claim that holds the roles (a JSON array or a space-separated string); a
 *     dotted name such as {@code resource_access.permed.roles} reads a nested claim
 * @param organisationClaim the claim that names the organisation the user acts for
 * @param nationalIdClaim the claim that holds a patient's national identity number
 * @param developmentIssuer whether tokens of the built-in development issuer are trusted (never in
 *     production; only on loopback)
 * @param acceptSyntheticNationalIds whether synthetic test national identity numbers are accepted
 * @param pseudonymKeyFile where the pseudonym keys are kept; empty for the default in the data directory
 * @param careRelationshipDays how long a recorded care relationship lasts when no end is given
 * @param breakTheGlassHours how long a declared break-the-glass access lasts at most
 */
public record SecurityConfig(
        Optional<String> issuer,
        Optional<URI> jwksUrl,
        Optional<Path> jwksFile,
        String audience,
        Duration clockSkew,
        String roleClaim,
        String organisationClaim,
        String nationalIdClaim,
        boolean developmentIssuer,
        boolean acceptSyntheticNationalIds,
        Optional<Path> pseudonymKeyFile,
        int careRelationshipDays,
        int breakTheGlassHours) {

    public static final String DEFAULT_AUDIENCE = "permed";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration MAXIMUM_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final String DEFAULT_ROLE_CLAIM = "roles";
    /** Where Keycloak puts realm roles; always read in addition to {@link #roleClaim()}. */
    public static final String KEYCLOAK_ROLE_CLAIM = "realm_access.roles";
    public static final String DEFAULT_ORGANISATION_CLAIM = "org";
    public static final String DEFAULT_NATIONAL_ID_CLAIM = "pid";
    /** The default key file, relative to the data directory. */
    public static final Path DEFAULT_PSEUDONYM_KEY_FILE = Path.of("keys", "pseudonym.keys");
    public static final int DEFAULT_CARE_RELATIONSHIP_DAYS = 365;
    public static final int MAXIMUM_CARE_RELATIONSHIP_DAYS = 3650;
    public static final int DEFAULT_BREAK_THE_GLASS_HOURS = 24;
    public static final int MAXIMUM_BREAK_THE_GLASS_HOURS = 168;
    /** The issuer name of the built-in development token issuer. */
    public static final String DEVELOPMENT_ISSUER = "urn:permed:development-issuer";


    private static final Pattern AUDIENCE = Pattern.compile("[A-Za-z0-9._:/\\-]{1,256}");
    private static final Pattern CLAIM_NAME = Pattern.compile("[^\\s]{1,256}");

    public SecurityConfig {
        requireNonNull(issuer, "issuer is null");
        requireNonNull(jwksUrl, "jwksUrl is null");
        requireNonNull(jwksFile, "jwksFile is null");
        requireNonNull(audience, "audience is null");
        requireNonNull(clockSkew, "clockSkew is null");
        requireNonNull(roleClaim, "roleClaim is null");
        requireNonNull(organisationClaim, "organisationClaim is null");
        requireNonNull(nationalIdClaim, "nationalIdClaim is null");
        requireNonNull(pseudonymKeyFile, "pseudonymKeyFile is null");

        issuer.ifPresent(SecurityConfig::requireValidIssuer);
        jwksUrl.ifPresent(SecurityConfig::requireValidJwksUrl);
        if ((jwksUrl.isPresent() || jwksFile.isPresent()) && issuer.isEmpty()) {
            throw invalid("security.oidc.issuer",
                    "security.oidc.issuer is required when security.oidc.jwks-url or security.oidc.jwks-file is set: tokens are"
                            + " accepted only from the named issuer; set it to the identity provider's issuer URL");
        }
        if (issuer.isPresent() && jwksUrl.isEmpty() && jwksFile.isEmpty()) {
            throw invalid("security.oidc.jwks-url",
                    "security.oidc.issuer is set but no keys to check its tokens; set security.oidc.jwks-url (the identity"
                            + " provider's JWKS endpoint) or security.oidc.jwks-file");
        }
        if (!AUDIENCE.matcher(audience).matches()) {
            throw invalid("security.oidc.audience",
                    "security.oidc.audience must be 1 to 256 characters of letters, digits and . _ : / -; the default is "
                            + DEFAULT_AUDIENCE);
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(MAXIMUM_CLOCK_SKEW) > 0) {
            throw invalid("security.oidc.clock-skew-seconds",
                    "security.oidc.clock-skew-seconds must be between 0 and 300 seconds, was " + clockSkew.toSeconds() + " seconds");
        }
        requireClaimName(roleClaim, "security.oidc.role-claim");
        requireClaimName(organisationClaim, "security.oidc.organisation-claim");
        requireClaimName(nationalIdClaim, "security.oidc.national-id-claim");
        if (careRelationshipDays < 1 || careRelationshipDays > MAXIMUM_CARE_RELATIONSHIP_DAYS) {
            throw invalid("security.care-relationship-days",
                    "security.care-relationship-days must be between 1 and " + MAXIMUM_CARE_RELATIONSHIP_DAYS + ", was "
                            + careRelationshipDays);
        }
        if (breakTheGlassHours < 1 || breakTheGlassHours > MAXIMUM_BREAK_THE_GLASS_HOURS) {
            throw invalid("security.break-the-glass-hours",
                    "security.break-the-glass-hours must be between 1 and " + MAXIMUM_BREAK_THE_GLASS_HOURS + ", was "
                            + breakTheGlassHours);
        }
    }

    /** The defaults: no external identity provider, development issuer off, keys in the data directory. */
    public static SecurityConfig defaults() {
        return new SecurityConfig(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                DEFAULT_AUDIENCE,
                DEFAULT_CLOCK_SKEW,
                DEFAULT_ROLE_CLAIM,
                DEFAULT_ORGANISATION_CLAIM,
                DEFAULT_NATIONAL_ID_CLAIM,
                false,
                false,
                Optional.empty(),
                DEFAULT_CARE_RELATIONSHIP_DAYS,
                DEFAULT_BREAK_THE_GLASS_HOURS);
    }

    /** Trusts one external OIDC identity provider: its issuer, and its JWKS URL and/or a local JWK set file. */
    public SecurityConfig withIdentityProvider(String issuer, Optional<URI> jwksUrl, Optional<Path> jwksFile) {
        return new SecurityConfig(Optional.of(issuer), jwksUrl, jwksFile, audience, clockSkew, roleClaim,
                organisationClaim, nationalIdClaim, developmentIssuer, acceptSyntheticNationalIds, pseudonymKeyFile,
                careRelationshipDays, breakTheGlassHours);
    }

    public SecurityConfig withAudience(String audience) {
        return new SecurityConfig(issuer, jwksUrl, jwksFile, audience, clockSkew, roleClaim, organisationClaim,
                nationalIdClaim, developmentIssuer, acceptSyntheticNationalIds, pseudonymKeyFile, careRelationshipDays,
                breakTheGlassHours);
    }

    public SecurityConfig withClockSkew(Duration clockSkew) {
        return new SecurityConfig(issuer, jwksUrl, jwksFile, audience, clockSkew, roleClaim, organisationClaim,
                nationalIdClaim, developmentIssuer, acceptSyntheticNationalIds, pseudonymKeyFile, careRelationshipDays,
                breakTheGlassHours);
    }

    /** Changes the names of the role, organisation and national identity number claims. */
    public SecurityConfig withClaims(String roleClaim, String organisationClaim, String nationalIdClaim) {
        return new SecurityConfig(issuer, jwksUrl, jwksFile, audience, clockSkew, roleClaim, organisationClaim,
                nationalIdClaim, developmentIssuer, acceptSyntheticNationalIds, pseudonymKeyFile, careRelationshipDays,
                breakTheGlassHours);
    }

    public SecurityConfig withDevelopmentIssuer(boolean developmentIssuer) {
        return new SecurityConfig(issuer, jwksUrl, jwksFile, audience, clockSkew, roleClaim, organisationClaim,
                nationalIdClaim, developmentIssuer, acceptSyntheticNationalIds, pseudonymKeyFile, careRelationshipDays,
                breakTheGlassHours);
    }

    public SecurityConfig withAcceptSyntheticNationalIds(boolean acceptSyntheticNationalIds) {
        return new SecurityConfig(issuer, jwksUrl, jwksFile, audience, clockSkew, roleClaim, organisationClaim,
                nationalIdClaim, developmentIssuer, acceptSyntheticNationalIds, pseudonymKeyFile, careRelationshipDays,
                breakTheGlassHours);
    }

    public SecurityConfig withPseudonymKeyFile(Path pseudonymKeyFile) {
        return new SecurityConfig(issuer, jwksUrl, jwksFile, audience, clockSkew, roleClaim, organisationClaim,
                nationalIdClaim, developmentIssuer, acceptSyntheticNationalIds, Optional.of(pseudonymKeyFile),
                careRelationshipDays, breakTheGlassHours);
    }

    public SecurityConfig withCareRelationshipDays(int careRelationshipDays) {
        return new SecurityConfig(issuer, jwksUrl, jwksFile, audience, clockSkew, roleClaim, organisationClaim,
                nationalIdClaim, developmentIssuer, acceptSyntheticNationalIds, pseudonymKeyFile, careRelationshipDays,
                breakTheGlassHours);
    }

    public SecurityConfig withBreakTheGlassHours(int breakTheGlassHours) {
        return new SecurityConfig(issuer, jwksUrl, jwksFile, audience, clockSkew, roleClaim, organisationClaim,
                nationalIdClaim, developmentIssuer, acceptSyntheticNationalIds, pseudonymKeyFile, careRelationshipDays,
                breakTheGlassHours);
    }

    /** The key file: the configured one, or {@link #DEFAULT_PSEUDONYM_KEY_FILE} inside the data directory. */
    public Path pseudonymKeyFile(Path dataDirectoryRoot) {
        return pseudonymKeyFile.orElseGet(() -> dataDirectoryRoot.resolve(DEFAULT_PSEUDONYM_KEY_FILE));
    }

    public Duration careRelationshipValidity() {
        return Duration.ofDays(careRelationshipDays);
    }

    public Duration breakTheGlassValidity() {
        return Duration.ofHours(breakTheGlassHours);
    }

    private static void requireValidIssuer(String issuer) {
        if (issuer.isBlank() || issuer.length() > 512 || !issuer.equals(issuer.strip())) {
            throw invalid("security.oidc.issuer",
                    "security.oidc.issuer must be the identity provider's issuer URL exactly as its tokens carry it"
                            + " (1 to 512 characters, no surrounding spaces)");
        }
        if (issuer.equals(DEVELOPMENT_ISSUER)) {
            throw invalid("security.oidc.issuer",
                    "security.oidc.issuer must not be the development issuer " + DEVELOPMENT_ISSUER
                            + "; use security.development-issuer=true (on 127.0.0.1 only) instead");
        }
    }

    private static void requireValidJwksUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
        boolean allowed = scheme.equals("https") || (scheme.equals("http") && loopback);
        if (!allowed || host.isEmpty()) {
            throw invalid("security.oidc.jwks-url",
                    "security.oidc.jwks-url must be an https:// URL of the identity provider's JWKS endpoint"
                            + " (plain http:// is allowed only for 127.0.0.1 or localhost)");
        }
    }

    private static void requireClaimName(String name, String key) {
        if (!CLAIM_NAME.matcher(name).matches()) {
            throw invalid(key, key + " must be a claim name of 1 to 256 characters without spaces");
        }
    }






    private static PermedException invalid(String key, String message) {
        return new PermedException(SecurityErrorCode.INVALID_CONFIGURATION, message, Map.of("field", key));
    }
}
