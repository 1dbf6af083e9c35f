package no.permed.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
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
    }

    @Test
    void theWithMethodsChangeOneSettingEach() {
        SecurityConfig config = SecurityConfig.defaults()
                .withIdentityProvider("https://helseid-sts.nhn.no",
                        Optional.of(URI.create("https://helseid-sts.nhn.no/.well-known/openid-configuration/jwks")),
                        Optional.of(Path.of("/etc/permed/extra-keys.json")))
                .withAudience("nhn:permed")
                .withClockSkew(Duration.ofSeconds(30))
                .withClaims("helseid://claims/client/claims/roles", "helseid://claims/client/claims/orgnr_parent",
                        "helseid://claims/identity/pid")
                .withAcceptSyntheticNationalIds(true)
                .withPseudonymKeyFile(Path.of("/run/secrets/pseudonym.keys"))
                .withCareRelationshipDays(730)
                .withBreakTheGlassHours(12);

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
    }

    static Stream<Arguments> invalidSettings() {
        SecurityConfig defaults = SecurityConfig.defaults();
        return Stream.of(
                Arguments.of((Supplier<SecurityConfig>) () -> new SecurityConfig(Optional.empty(),
                        Optional.of(URI.create("https://idp/jwks")), Optional.empty(), "permed", Duration.ofSeconds(60), "roles",
                        "org", "pid", false, false, Optional.empty(), 365, 24), "security.oidc.issuer is required"),
                Arguments.of((Supplier<SecurityConfig>) () -> new SecurityConfig(Optional.of("https://idp"),
                        Optional.empty(), Optional.empty(), "permed", Duration.ofSeconds(60), "roles",
                        "org", "pid", false, false, Optional.empty(), 365, 24), "no keys"),
                Arguments.of((Supplier<SecurityConfig>) () -> defaults.withIdentityProvider("https://idp",
                        Optional.of(URI.create("http://idp.example/jwks")), Optional.empty()), "https://"),
                Arguments.of((Supplier<SecurityConfig>) () -> defaults.withIdentityProvider("urn:permed:development-issuer",
                        Optional.of(URI.create("https://idp/jwks")), Optional.empty()), "development-issuer=true"),
                Arguments.of((Supplier<SecurityConfig>) () -> defaults.withAudience("perm ed"), "security.oidc.audience"),
                Arguments.of((Supplier<SecurityConfig>) () -> defaults.withClockSkew(Duration.ofSeconds(600)),
                        "between 0 and 300 seconds"),
                Arguments.of((Supplier<SecurityConfig>) () -> defaults.withClaims("two words", "org", "pid"),
                        "security.oidc.role-claim"),
                Arguments.of((Supplier<SecurityConfig>) () -> defaults.withCareRelationshipDays(0), "between 1 and 3650, was 0"),
                Arguments.of((Supplier<SecurityConfig>) () -> defaults.withBreakTheGlassHours(169), "between 1 and 168, was 169"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidSettings")
    void refusesInvalidSettingsNamingTheKey(Supplier<SecurityConfig> settings, String explanation) {
        assertThatThrownBy(settings::get)
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
