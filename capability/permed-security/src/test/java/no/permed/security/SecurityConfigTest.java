package no.permed.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import no.permed.kernel.PermedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecurityConfigTest {
    @Test
    void pinsEveryDefault() {
        SecurityConfig defaults = SecurityConfig.defaults();

        assertThat(defaults.issuer()).isEmpty();
        assertThat(defaults.jwksUrl()).isEmpty();
        assertThat(defaults.jwksFile()).isEmpty();
        assertThat(defaults.audience()).isEqualTo("permed");
        assertThat(defaults.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.roleClaim()).isEqualTo("roles");
        assertThat(defaults.organisationClaim()).isEqualTo("org");
        assertThat(defaults.nationalIdClaim()).isEqualTo("pid");
        assertThat(defaults.developmentIssuer()).isFalse();
        assertThat(defaults.acceptSyntheticNationalIds()).isFalse();
        assertThat(defaults.pseudonymKeyFile()).isEmpty();
        assertThat(defaults.pseudonymKeyFile(Path.of("/srv/permed"))).isEqualTo(Path.of("/srv/permed/keys/pseudonym.keys"));
        assertThat(defaults.careRelationshipDays()).isEqualTo(365);
        assertThat(defaults.breakTheGlassHours()).isEqualTo(24);
        assertThat(defaults.careRelationshipValidity()).isEqualTo(Duration.ofDays(365));
        assertThat(defaults.breakTheGlassValidity()).isEqualTo(Duration.ofHours(24));
        assertThat(SecurityConfig.KEYCLOAK_ROLE_CLAIM).isEqualTo("realm_access.roles");
        assertThat(SecurityConfig.DEVELOPMENT_ISSUER).isEqualTo("urn:permed:development-issuer");
        assertThat(SecurityConfig.fromProperties(Map.of())).isEqualTo(defaults);
    }

    @Test
    void readsEveryKey() {
        Map<String, String> properties = new HashMap<>();
        properties.put("security.oidc.issuer", "https://helseid-sts.nhn.no");
        properties.put("security.oidc.jwks-url", "https://helseid-sts.nhn.no/.well-known/openid-configuration/jwks");
        properties.put("security.oidc.jwks-file", "/etc/permed/extra-keys.json");
        properties.put("security.oidc.audience", "nhn:permed");
        properties.put("security.oidc.clock-skew-seconds", "30");
        properties.put("security.oidc.role-claim", "helseid://claims/client/claims/roles");
        properties.put("security.oidc.organisation-claim", "helseid://claims/client/claims/orgnr_parent");
        properties.put("security.oidc.national-id-claim", "helseid://claims/identity/pid");
        properties.put("security.development-issuer", "false");
        properties.put("security.accept-synthetic-national-ids", "TRUE");
        properties.put("security.pseudonym-key-file", "/run/secrets/pseudonym.keys");
        properties.put("security.care-relationship-days", "730");
        properties.put("security.break-the-glass-hours", "12");
        properties.put("db.url", "not ours");
        assertThat(properties.keySet()).containsAll(SecurityConfig.KEYS);

        SecurityConfig config = SecurityConfig.fromProperties(properties);

        assertThat(config.issuer()).contains("https://helseid-sts.nhn.no");
        assertThat(config.jwksUrl()).contains(URI.create("https://helseid-sts.nhn.no/.well-known/openid-configuration/jwks"));
        assertThat(config.jwksFile()).contains(Path.of("/etc/permed/extra-keys.json"));
        assertThat(config.audience()).isEqualTo("nhn:permed");
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.roleClaim()).isEqualTo("helseid://claims/client/claims/roles");
        assertThat(config.organisationClaim()).isEqualTo("helseid://claims/client/claims/orgnr_parent");
        assertThat(config.nationalIdClaim()).isEqualTo("helseid://claims/identity/pid");
        assertThat(config.developmentIssuer()).isFalse();
        assertThat(config.acceptSyntheticNationalIds()).isTrue();
        assertThat(config.pseudonymKeyFile()).contains(Path.of("/run/secrets/pseudonym.keys"));
        assertThat(config.careRelationshipDays()).isEqualTo(730);
        assertThat(config.breakTheGlassHours()).isEqualTo(12);
        assertThat(SecurityConfig.fromProperties(Map.of("security.oidc.clock-skew-seconds", "45")).clockSkew()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void refusesUnknownKeysListingTheKnownOnes() {
        assertThatThrownBy(() -> SecurityConfig.fromProperties(Map.of("security.oidc.jwks-uri", "https://x")))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("security.oidc.jwks-uri")
                .hasMessageContaining("security.oidc.jwks-url");
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of(Map.of("security.oidc.jwks-url", "https://idp/jwks"), "security.oidc.issuer is required"),
                Arguments.of(Map.of("security.oidc.issuer", "https://idp"), "no keys"),
                Arguments.of(Map.of("security.oidc.issuer", "https://idp", "security.oidc.jwks-url", "http://idp.example/jwks"), "https://"),
                Arguments.of(Map.of("security.oidc.issuer", "urn:permed:development-issuer", "security.oidc.jwks-url", "https://idp/jwks"),
                        "development-issuer=true"),
                Arguments.of(Map.of("security.oidc.audience", "perm ed"), "security.oidc.audience"),
                Arguments.of(Map.of("security.oidc.clock-skew-seconds", "600"), "between 0 and 300 seconds"),
                Arguments.of(Map.of("security.oidc.clock-skew-seconds", "PT1M"), "whole number"),
                Arguments.of(Map.of("security.oidc.role-claim", "two words"), "security.oidc.role-claim"),
                Arguments.of(Map.of("security.care-relationship-days", "0"), "between 1 and 3650, was 0"),
                Arguments.of(Map.of("security.break-the-glass-hours", "169"), "between 1 and 168, was 169"),
                Arguments.of(Map.of("security.break-the-glass-hours", "twelve"), "whole number"),
                Arguments.of(Map.of("security.development-issuer", "yes"), "true or false"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidSettings")
    void refusesInvalidSettingsNamingTheKey(Map<String, String> properties, String explanation) {
        assertThatThrownBy(() -> SecurityConfig.fromProperties(properties))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining(explanation)
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.INVALID_CONFIGURATION);
    }

    @Test
    void allowsPlainHttpForALocalIdentityProvider() {
        SecurityConfig config = SecurityConfig.defaults().withIdentityProvider("http://localhost:8180/realms/permed",
                Optional.of(URI.create("http://localhost:8180/realms/permed/protocol/openid-connect/certs")), Optional.empty());
        assertThat(config.jwksUrl()).isPresent();
    }

    @Test
    void withersChangeOnlyTheirSetting() {
        SecurityConfig changed = SecurityConfig.defaults()
                .withAudience("other")
                .withClockSkew(Duration.ZERO)
                .withDevelopmentIssuer(true)
                .withCareRelationshipDays(30)
                .withBreakTheGlassHours(4)
                .withPseudonymKeyFile(Path.of("/keys/p.keys"));

        assertThat(changed.audience()).isEqualTo("other");
        assertThat(changed.clockSkew()).isZero();
        assertThat(changed.developmentIssuer()).isTrue();
        assertThat(changed.careRelationshipDays()).isEqualTo(30);
        assertThat(changed.breakTheGlassHours()).isEqualTo(4);
        assertThat(changed.pseudonymKeyFile(Path.of("/data"))).isEqualTo(Path.of("/keys/p.keys"));
        assertThat(changed.roleClaim()).isEqualTo("roles");
    }
}
