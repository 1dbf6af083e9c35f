package no.permed.security.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.permed.db.DataDirectory;
import no.permed.kernel.NationalId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.SecurityConfig;
import no.permed.security.SecurityErrorCode;
import no.permed.security.pseudonym.HmacPseudonymizer;
import no.permed.security.pseudonym.PseudonymKeyStore;
import no.permed.security.testing.MutableClock;
import no.permed.spi.Principal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DevelopmentTokenIssuerTest {
    private static final Instant NOW = Instant.parse("2026-02-02T10:00:00Z");
    private static final SecurityConfig DEMO = SecurityConfig.defaults().withDevelopmentIssuer(true).withAcceptSyntheticNationalIds(true);

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(NOW);
    private HmacPseudonymizer pseudonymizer;

    @BeforeEach
    void keys() {
        pseudonymizer = new HmacPseudonymizer(PseudonymKeyStore.openOrCreate(data.resolve("keys/pseudonym.keys"), clock), true);
    }

    private JwtAuthenticator authenticator(SecurityConfig config, DevelopmentTokenIssuer issuer) {
        return JwtAuthenticator.fromConfig(config, Optional.of(issuer), pseudonymizer, clock);
    }

    @Test
    void generatesItsKeyOnFirstUseWithOwnerOnlyPermissions() throws Exception {
        DevelopmentTokenIssuer issuer = DevelopmentTokenIssuer.openOrCreate(data, DEMO, clock);

        Path keyFile = data.resolve("dev-issuer/signing-key.jwk");
        assertThat(issuer.keyFile()).isEqualTo(keyFile);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent()))).isEqualTo("rwx------");
        assertThat(issuer.publicKeys().getKeys()).singleElement().satisfies(key -> assertThat(key.isPrivate()).isFalse());
    }

    @Test
    void anotherProcessLoadsTheSameKeyWhileTheServerHoldsTheDataDirectory() {
        try (DataDirectory locked = DataDirectory.open(data)) {
            DevelopmentTokenIssuer server = DevelopmentTokenIssuer.openOrCreate(locked.root(), DEMO, clock);
            DevelopmentTokenIssuer cli = DevelopmentTokenIssuer.openOrCreate(data, DEMO, clock);

            assertThat(cli.keyId()).isEqualTo(server.keyId());
            String minted = cli.mint(DevelopmentTokenIssuer.demoUser("demo-clinician").orElseThrow(), Duration.ofMinutes(10));
            Principal principal = authenticator(DEMO, server).authenticate(Optional.of("Bearer " + minted));
            assertThat(principal.user()).isEqualTo(UserId.of("demo-clinician"));
        }
    }

    static final List<DemoUser> DEMO_USERS = DevelopmentTokenIssuer.DEMO_USERS;

    @ParameterizedTest(name = "{0}")
    @FieldSource("DEMO_USERS")
    void mintsTokensForEveryDemoUserThatTheAuthenticatorAccepts(DemoUser user) {
        DevelopmentTokenIssuer issuer = DevelopmentTokenIssuer.openOrCreate(data, DEMO, clock);

        Principal principal = authenticator(DEMO, issuer).authenticate(Optional.of("Bearer " + issuer.mint(user, Duration.ofHours(1))));

        assertThat(principal.user()).isEqualTo(user.user());
        assertThat(principal.roles()).isEqualTo(user.roles());
        assertThat(principal.organisation()).isEqualTo(user.organisation());
        assertThat(principal.self()).isEqualTo(user.nationalId().map(pseudonymizer::pseudonymOf));
    }

    @Test
    void hasADemoUserForEveryRoleAndTheLabAtDemoLabOslo() {
        assertThat(DevelopmentTokenIssuer.DEMO_USERS.stream().flatMap(user -> user.roles().stream()).distinct())
                .containsExactlyInAnyOrder(Role.values());
        assertThat(DevelopmentTokenIssuer.demoUser("demo-lab").orElseThrow().organisation().orElseThrow().value())
                .isEqualTo("demo-lab-oslo");
        NationalId patient = DevelopmentTokenIssuer.demoUser("demo-patient").orElseThrow().nationalId().orElseThrow();
        assertThat(patient.kind()).isEqualTo(NationalId.Kind.SYNTHETIC);
    }

    @Test
    void signsWithTheDevelopmentIssuerAndConfiguredAudience() throws Exception {
        SecurityConfig config = DEMO.withAudience("permed-test");
        DevelopmentTokenIssuer issuer = DevelopmentTokenIssuer.openOrCreate(data, config, clock);

        SignedJWT jwt = SignedJWT.parse(issuer.mint(UserId.of("someone"), Set.of(Role.LAB), Optional.empty(), Optional.empty(),
                Duration.ofMinutes(15)));

        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(issuer.keyId());
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("urn:permed:development-issuer");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("permed-test");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("lab");
    }

    @Test
    void developmentTokensExpireByTheInjectedClock() {
        DevelopmentTokenIssuer issuer = DevelopmentTokenIssuer.openOrCreate(data, DEMO, clock);
        String token = issuer.mint(DevelopmentTokenIssuer.DEMO_USERS.get(1), Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(7));

        assertThatThrownBy(() -> authenticator(DEMO, issuer).authenticate(Optional.of("Bearer " + token)))
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.TOKEN_EXPIRED);
    }

    @Test
    void isNotTrustedWhenTheConfigurationDoesNotEnableIt() {
        DevelopmentTokenIssuer issuer = DevelopmentTokenIssuer.openOrCreate(data, DEMO, clock);
        String token = issuer.mint(DevelopmentTokenIssuer.DEMO_USERS.get(1), Duration.ofMinutes(5));
        JwtAuthenticator production = JwtAuthenticator.fromConfig(SecurityConfig.defaults(), Optional.of(issuer), pseudonymizer, clock);

        assertThatThrownBy(() -> production.authenticate(Optional.of("Bearer " + token)))
                .hasMessageContaining("development issuer")
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.TOKEN_WRONG_ISSUER);
    }

    @Test
    void theDemoPatientIsRefusedWhereSyntheticNumbersAreNot() {
        SecurityConfig strict = SecurityConfig.defaults().withDevelopmentIssuer(true);
        DevelopmentTokenIssuer issuer = DevelopmentTokenIssuer.openOrCreate(data, strict, clock);
        HmacPseudonymizer refusing = new HmacPseudonymizer(PseudonymKeyStore.open(data.resolve("keys/pseudonym.keys"), clock), false);
        JwtAuthenticator authenticator = JwtAuthenticator.fromConfig(strict, Optional.of(issuer), refusing, clock);
        String token = issuer.mint(DevelopmentTokenIssuer.demoUser("demo-patient").orElseThrow(), Duration.ofMinutes(5));

        assertThatThrownBy(() -> authenticator.authenticate(Optional.of("Bearer " + token)))
                .hasMessageContaining("synthetic")
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.TOKEN_INVALID_NATIONAL_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "localhost", "LOCALHOST", "::1", "[::1]", " 127.0.0.1 "})
    void allowsLoopbackAddresses(String host) {
        assertThatCode(() -> DevelopmentTokenIssuer.requireLoopback(host)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0.0.0.0", "::", "[::]", "10.0.0.5", "192.168.1.20", "2001:db8::1", "8.8.8.8"})
    void refusesToRunOnAddressesReachableFromTheNetwork(String host) {
        assertThatThrownBy(() -> DevelopmentTokenIssuer.requireLoopback(host))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("development")
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("--demo")
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.DEV_ISSUER_NOT_ALLOWED);
    }

    @Test
    void refusesTokenLifetimesOutOfRange() {
        DevelopmentTokenIssuer issuer = DevelopmentTokenIssuer.openOrCreate(data, DEMO, clock);
        for (Duration lifetime : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(31)}) {
            assertThatThrownBy(() -> issuer.mint(DevelopmentTokenIssuer.DEMO_USERS.get(0), lifetime))
                    .extracting(error -> ((PermedException) error).errorCode())
                    .isEqualTo(SecurityErrorCode.INVALID_TOKEN_REQUEST);
        }
    }

    @Test
    void refusesAKeyFileOthersCanRead() throws Exception {
        DevelopmentTokenIssuer.openOrCreate(data, DEMO, clock);
        Path keyFile = data.resolve("dev-issuer/signing-key.jwk");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> DevelopmentTokenIssuer.openOrCreate(data, DEMO, clock))
                .hasMessageContaining("chmod 600")
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.KEY_FILE_UNSAFE);
    }
}
