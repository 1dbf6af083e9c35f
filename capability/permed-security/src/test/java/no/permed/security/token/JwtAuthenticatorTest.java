package no.permed.security.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import no.permed.kernel.ErrorKind;
import no.permed.kernel.NationalId;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.SecurityConfig;
import no.permed.security.SecurityErrorCode;
import no.permed.security.pseudonym.HmacPseudonymizer;
import no.permed.security.pseudonym.PseudonymKeyStore;
import no.permed.security.testing.MutableClock;
import no.permed.security.testing.TestIdentityProvider;
import no.permed.spi.Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JwtAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-04-01T09:00:00Z");
    private static final String PATIENT_DIGITS = "01019012480";

    @TempDir
    static Path directory;

    private static HmacPseudonymizer pseudonymizer;
    private static HmacPseudonymizer acceptingSynthetic;

    private final MutableClock clock = new MutableClock(NOW);
    private SecurityConfig config;
    private JwtAuthenticator authenticator;

    @BeforeAll
    static void keys() {
        PseudonymKeyStore keys = PseudonymKeyStore.openOrCreate(directory.resolve("pseudonym.keys"), new MutableClock(NOW));
        pseudonymizer = new HmacPseudonymizer(keys, false);
        acceptingSynthetic = new HmacPseudonymizer(keys, true);
    }

    @BeforeEach
    void trustTheTestProvider() {
        config = SecurityConfig.defaults();
        authenticator = authenticatorFor(config, pseudonymizer);
    }

    private JwtAuthenticator authenticatorFor(SecurityConfig configuration, HmacPseudonymizer usedPseudonymizer) {
        return new JwtAuthenticator(configuration,
                List.of(TrustedIssuer.local(TestIdentityProvider.ISSUER, TestIdentityProvider.publicKeys(), "test keys")),
                usedPseudonymizer, clock);
    }

    private static JWTClaimsSet.Builder claims() {
        return TestIdentityProvider.claims(NOW);
    }

    private Principal authenticate(String token) {
        return authenticator.authenticate(Optional.of("Bearer " + token));
    }

    private PermedException refusal(String token) {
        return refusal(authenticator, "Bearer " + token);
    }

    private static PermedException refusal(JwtAuthenticator used, String header) {
        PermedException error = catchThrowableOfType(PermedException.class, () -> used.authenticate(Optional.of(header)));
        assertThat(error).as("the token should be refused").isNotNull();
        String token = header.substring(header.indexOf(' ') + 1).strip();
        if (header.contains(" ") && !token.isEmpty()) {
            assertThat(error.getMessage()).doesNotContain(token);
        }
        assertThat(error.getMessage()).doesNotContain(PATIENT_DIGITS).doesNotContain("dr-hansen");
        assertThat(error.details().toString()).doesNotContain(PATIENT_DIGITS);
        return error;
    }

    @Test
    void turnsAValidClinicianTokenIntoAPrincipal() {
        Principal principal = authenticate(TestIdentityProvider.rs256(claims().build()));

        assertThat(principal.authenticated()).isTrue();
        assertThat(principal.user()).isEqualTo(UserId.of("dr-hansen"));
        assertThat(principal.roles()).containsExactly(Role.CLINICIAN);
        assertThat(principal.organisation()).contains(OrganisationId.of("ous-hospital"));
        assertThat(principal.self()).isEmpty();
    }

    @Test
    void withoutAHeaderTheCallerIsAnonymous() {
        assertThat(authenticator.authenticate(Optional.empty())).isEqualTo(Principal.anonymous());
    }

    @Test
    void acceptsRs256Ps256AndEs256() {
        JWTClaimsSet claims = claims().build();
        assertThat(authenticate(TestIdentityProvider.sign(claims, JWSAlgorithm.RS256, TestIdentityProvider.rsaKey())).roles())
                .containsExactly(Role.CLINICIAN);
        assertThat(authenticate(TestIdentityProvider.sign(claims, JWSAlgorithm.PS256, TestIdentityProvider.rsaKey())).roles())
                .containsExactly(Role.CLINICIAN);
        assertThat(authenticate(TestIdentityProvider.sign(claims, JWSAlgorithm.ES256, TestIdentityProvider.ecKey())).roles())
                .containsExactly(Role.CLINICIAN);
    }

    @Test
    void acceptsTheSchemeInAnyCase() {
        String token = TestIdentityProvider.rs256(claims().build());
        assertThat(authenticator.authenticate(Optional.of("bearer " + token)).authenticated()).isTrue();
        assertThat(authenticator.authenticate(Optional.of("BEARER  " + token + " ")).authenticated()).isTrue();
    }

    @Test
    void refusesUnsignedTokens() {
        String token = new PlainJWT(new PlainHeader(), claims().build()).serialize();
        assertThat(refusal(token).errorCode()).isEqualTo(SecurityErrorCode.TOKEN_UNSUPPORTED_ALGORITHM);
    }

    @Test
    void refusesHmacSignedTokensIncludingTheKeyConfusionAttack() throws JOSEException {
        SignedJWT withSecret = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        withSecret.sign(new MACSigner("a-shared-secret-of-at-least-256-bits!!".getBytes(StandardCharsets.UTF_8)));
        SignedJWT withPublicKey = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims().build());
        withPublicKey.sign(new MACSigner(TestIdentityProvider.rsaKey().toPublicKey().getEncoded()));

        for (String token : List.of(withSecret.serialize(), withPublicKey.serialize())) {
            PermedException error = refusal(token);
            assertThat(error.errorCode()).isEqualTo(SecurityErrorCode.TOKEN_UNSUPPORTED_ALGORITHM);
            assertThat(error.getMessage()).contains("RS256, PS256 and ES256");
        }
    }

    @Test
    void refusesOtherAsymmetricAlgorithms() {
        String token = TestIdentityProvider.sign(claims().build(), JWSAlgorithm.RS512, TestIdentityProvider.rsaKey());
        assertThat(refusal(token).errorCode()).isEqualTo(SecurityErrorCode.TOKEN_UNSUPPORTED_ALGORITHM);
    }

    @Test
    void refusesATokenWhoseClaimsWereChanged() {
        String genuine = TestIdentityProvider.rs256(claims().build());
        String forgedClaims = TestIdentityProvider.rs256(claims().claim("roles", List.of("security-officer")).build());
        String[] parts = genuine.split("\\.");
        String tampered = parts[0] + "." + forgedClaims.split("\\.")[1] + "." + parts[2];

        PermedException error = refusal(tampered);
        assertThat(error.errorCode()).isEqualTo(SecurityErrorCode.TOKEN_INVALID_SIGNATURE);
        assertThat(error.errorCode().kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
        assertThat(error.getMessage()).contains("does not verify");
    }

    @Test
    void refusesATokenSignedWithSomeoneElsesKey() {
        String sameKeyId = TestIdentityProvider.sign(claims().build(), JWSAlgorithm.RS256, TestIdentityProvider.generateRsa("rsa-1"));
        String unknownKeyId = TestIdentityProvider.sign(claims().build(), JWSAlgorithm.RS256, TestIdentityProvider.generateRsa("other"));

        assertThat(refusal(sameKeyId).errorCode()).isEqualTo(SecurityErrorCode.TOKEN_INVALID_SIGNATURE);
        PermedException unknown = refusal(unknownKeyId);
        assertThat(unknown.errorCode()).isEqualTo(SecurityErrorCode.TOKEN_INVALID_SIGNATURE);
        assertThat(unknown.getMessage()).contains("no signing key");
    }

    static Stream<Arguments> expiryAroundTheClockSkew() {
        return Stream.of(
                Arguments.of(Duration.ofSeconds(-61), false),
                Arguments.of(Duration.ofSeconds(-60), false),
                Arguments.of(Duration.ofSeconds(-59), true),
                Arguments.of(Duration.ofSeconds(1), true));
    }

    @ParameterizedTest(name = "exp = now {0}: accepted {1}")
    @MethodSource("expiryAroundTheClockSkew")
    void refusesExpiredTokensAllowingTheClockSkew(Duration expiryFromNow, boolean accepted) {
        String token = TestIdentityProvider.rs256(claims().expirationTime(Date.from(NOW.plus(expiryFromNow))).build());
        if (accepted) {
            assertThat(authenticate(token).authenticated()).isTrue();
        } else {
            PermedException error = refusal(token);
            assertThat(error.errorCode()).isEqualTo(SecurityErrorCode.TOKEN_EXPIRED);
            assertThat(error.getMessage()).contains("expired");
        }
    }

    @Test
    void usesTheInjectedClockForExpiry() {
        String token = TestIdentityProvider.rs256(claims().build());
        assertThat(authenticate(token).authenticated()).isTrue();

        clock.advance(Duration.ofMinutes(6).plusSeconds(1));

        assertThat(refusal(token).errorCode()).isEqualTo(SecurityErrorCode.TOKEN_EXPIRED);
    }

    @Test
    void refusesTokensThatAreNotValidYetAllowingTheClockSkew() {
        String soon = TestIdentityProvider.rs256(claims().notBeforeTime(Date.from(NOW.plusSeconds(30))).build());
        String later = TestIdentityProvider.rs256(claims().notBeforeTime(Date.from(NOW.plusSeconds(90))).build());

        assertThat(authenticate(soon).authenticated()).isTrue();
        assertThat(refusal(later).errorCode()).isEqualTo(SecurityErrorCode.TOKEN_NOT_YET_VALID);
    }

    @Test
    void requiresAnExpiryTime() {
        String token = TestIdentityProvider.rs256(claims().expirationTime(null).build());
        PermedException error = refusal(token);
        assertThat(error.errorCode()).isEqualTo(SecurityErrorCode.TOKEN_MALFORMED);
        assertThat(error.getMessage()).contains("exp");
    }

    @Test
    void refusesTokensForAnotherAudience() {
        PermedException error = refusal(TestIdentityProvider.rs256(claims().audience("some-other-service").build()));
        assertThat(error.errorCode()).isEqualTo(SecurityErrorCode.TOKEN_WRONG_AUDIENCE);
        assertThat(error.getMessage()).contains("'permed'");
        assertThat(refusal(TestIdentityProvider.rs256(claims().audience((String) null).build())).errorCode())
                .isEqualTo(SecurityErrorCode.TOKEN_WRONG_AUDIENCE);

        assertThat(authenticate(TestIdentityProvider.rs256(claims().audience(List.of("account", "permed")).build())).authenticated())
                .isTrue();
    }

    @Test
    void refusesTokensOfOtherIssuers() {
        PermedException wrong = refusal(TestIdentityProvider.rs256(claims().issuer("https://evil.example").build()));
        assertThat(wrong.errorCode()).isEqualTo(SecurityErrorCode.TOKEN_WRONG_ISSUER);
        assertThat(wrong.getMessage()).contains(TestIdentityProvider.ISSUER).doesNotContain("evil");
        assertThat(refusal(TestIdentityProvider.rs256(claims().issuer(null).build())).errorCode())
                .isEqualTo(SecurityErrorCode.TOKEN_WRONG_ISSUER);

        PermedException development = refusal(TestIdentityProvider.rs256(claims().issuer(SecurityConfig.DEVELOPMENT_ISSUER).build()));
        assertThat(development.errorCode()).isEqualTo(SecurityErrorCode.TOKEN_WRONG_ISSUER);
        assertThat(development.getMessage()).contains("development issuer");
    }

    @Test
    void refusesEverythingWhenNoIssuerIsTrusted() {
        JwtAuthenticator trustingNobody = new JwtAuthenticator(config, List.of(), pseudonymizer, clock);
        PermedException error = refusal(trustingNobody, "Bearer " + TestIdentityProvider.rs256(claims().build()));
        assertThat(error.getMessage()).contains("trusts no token issuer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic ZHItaGFuc2VuOnNlY3JldA==", "Bearer", "Token abc.def.ghi", "eyJhbGciOi"})
    void requiresTheBearerScheme(String header) {
        assertThat(refusal(authenticator, header).errorCode()).isEqualTo(SecurityErrorCode.TOKEN_NOT_BEARER);
    }

    static Stream<String> malformedTokens() {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
        String notJson = Base64.getUrlEncoder().withoutPadding().encodeToString("not json".getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                "abc",
                "abc.def",
                "a.b.c.d.e",
                "!!!.???.###",
                notJson + "." + notJson + ".c2ln",
                header + "." + notJson + ".c2ln",
                header + ".eyJleHAiOiJ0b21vcnJvdyJ9.c2ln",
                "a".repeat(JwtAuthenticator.MAXIMUM_TOKEN_LENGTH) + ".b.c");
    }

    @ParameterizedTest
    @MethodSource("malformedTokens")
    void refusesMalformedTokens(String token) {
        PermedException error = refusal(token);
        assertThat(error.errorCode()).isIn(SecurityErrorCode.TOKEN_MALFORMED, SecurityErrorCode.TOKEN_UNSUPPORTED_ALGORITHM);
        assertThat(error.errorCode().kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
    }

    static Stream<Arguments> roleClaims() {
        return Stream.of(
                Arguments.of(Map.of("roles", List.of("clinician", "lab")), List.of(Role.CLINICIAN, Role.LAB)),
                Arguments.of(Map.of("roles", "clinician   lab"), List.of(Role.CLINICIAN, Role.LAB)),
                Arguments.of(Map.of("roles", List.of("Case-Handler", "offline_access", "uma_authorization")),
                        List.of(Role.CASE_HANDLER)),
                Arguments.of(Map.of("realm_access", Map.of("roles", List.of("researcher", "default-roles-permed"))),
                        List.of(Role.RESEARCHER)),
                Arguments.of(Map.of("roles", List.of("lab"), "realm_access", Map.of("roles", List.of("security-officer"))),
                        List.of(Role.LAB, Role.SECURITY_OFFICER)),
                Arguments.of(Map.of("roles", List.of("clinician", 42, Map.of())), List.of(Role.CLINICIAN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roleClaims")
    void readsRolesFromArraysStringsAndKeycloakIgnoringUnknownOnes(Map<String, Object> roleClaims, List<Role> expected) {
        JWTClaimsSet.Builder builder = claims().claim("roles", null);
        roleClaims.forEach(builder::claim);

        assertThat(authenticate(TestIdentityProvider.rs256(builder.build())).roles()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void refusesATokenWithoutAKnownRole() {
        for (Object roles : List.of(List.of("offline_access", "admin"), "", List.of())) {
            PermedException error = refusal(TestIdentityProvider.rs256(claims().claim("roles", roles).build()));
            assertThat(error.errorCode()).isEqualTo(SecurityErrorCode.NO_KNOWN_ROLE);
            assertThat(error.getMessage()).contains("clinician, lab");
        }
        assertThat(refusal(TestIdentityProvider.rs256(claims().claim("roles", null).build())).errorCode())
                .isEqualTo(SecurityErrorCode.NO_KNOWN_ROLE);
    }

    @Test
    void readsANestedRoleClaimWhenConfigured() {
        authenticator = authenticatorFor(config.withClaims("resource_access.permed.roles", "org", "pid"), pseudonymizer);
        String token = TestIdentityProvider.rs256(claims().claim("roles", null)
                .claim("resource_access", Map.of("permed", Map.of("roles", List.of("lab")))).build());

        assertThat(authenticate(token).roles()).containsExactly(Role.LAB);
    }

    @Test
    void readsTheOrganisationAsTextOrNumber() {
        assertThat(authenticate(TestIdentityProvider.rs256(claims().claim("org", 974589095).build())).organisation())
                .contains(OrganisationId.of("974589095"));
        assertThat(authenticate(TestIdentityProvider.rs256(claims().claim("org", null).build())).organisation()).isEmpty();
        PermedException error = refusal(TestIdentityProvider.rs256(claims().claim("org", "Oslo universitetssykehus").build()));
        assertThat(error.errorCode()).isEqualTo(SecurityErrorCode.TOKEN_MALFORMED);
        assertThat(error.getMessage()).contains("'org'").doesNotContain("Oslo");
    }

    @Test
    void turnsAPatientsNationalIdIntoTheirPseudonymAndDropsIt() {
        Principal principal = authenticate(TestIdentityProvider.rs256(claims()
                .subject("ZUcQY6SYAxvvwKpAp8GGTQjYYyRq6ir3O04oy4uvGiE=")
                .claim("roles", List.of("patient"))
                .claim("pid", PATIENT_DIGITS)
                .build()));

        assertThat(principal.roles()).containsExactly(Role.PATIENT);
        assertThat(principal.self()).contains(pseudonymizer.pseudonymOf(NationalId.parse(PATIENT_DIGITS)));
        assertThat(principal.user()).isEqualTo(UserId.of("ZUcQY6SYAxvvwKpAp8GGTQjYYyRq6ir3O04oy4uvGiE"));
        assertThat(principal.toString()).doesNotContain(PATIENT_DIGITS);
    }

    @Test
    void ignoresTheNationalIdOfSomeoneWhoIsNotAPatient() {
        Principal principal = authenticate(TestIdentityProvider.rs256(claims().claim("pid", "not even a number").build()));
        assertThat(principal.self()).isEmpty();
    }

    static Stream<Arguments> badNationalIdClaims() {
        String wrongCheckDigit = PATIENT_DIGITS.substring(0, 10) + ((PATIENT_DIGITS.charAt(10) - '0' + 1) % 10);
        return Stream.of(
                Arguments.of("missing", null, "must carry"),
                Arguments.of("wrong check digit", wrongCheckDigit, "check digit"),
                Arguments.of("number instead of text", 1019012480L, "string of 11 digits"),
                Arguments.of("synthetic", DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID, "synthetic"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badNationalIdClaims")
    void refusesAPatientTokenWithoutAUsableNationalId(String description, Object value, String explanation) {
        String token = TestIdentityProvider.rs256(claims().claim("roles", "patient").claim("pid", value).build());

        PermedException error = refusal(token);

        assertThat(error.errorCode()).isEqualTo(SecurityErrorCode.TOKEN_INVALID_NATIONAL_ID);
        assertThat(error.errorCode().kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
        assertThat(error.getMessage()).contains(explanation).contains("'pid'");
        if (value instanceof String digits) {
            assertThat(error.getMessage()).doesNotContain(digits);
        }
    }

    @Test
    void acceptsSyntheticNationalIdsWhenConfigured() {
        authenticator = authenticatorFor(config.withAcceptSyntheticNationalIds(true), acceptingSynthetic);
        NationalId synthetic = NationalId.parse(DevelopmentTokenIssuer.DEMO_PATIENT_NATIONAL_ID);

        Principal principal = authenticate(TestIdentityProvider.rs256(claims().claim("roles", "patient")
                .claim("pid", synthetic.digits()).build()));

        assertThat(principal.self()).contains(acceptingSynthetic.pseudonymOf(synthetic));
    }

    @Test
    void refusesSubjectsThatAreMissingOrLookLikeNationalIds() {
        assertThat(refusal(TestIdentityProvider.rs256(claims().subject(null).build())).errorCode())
                .isEqualTo(SecurityErrorCode.TOKEN_MALFORMED);
        PermedException nationalId = refusal(TestIdentityProvider.rs256(claims().subject(PATIENT_DIGITS).build()));
        assertThat(nationalId.getMessage()).contains("looks like a national identity number");
        assertThat(refusal(TestIdentityProvider.rs256(claims().subject("user with spaces").build())).errorCode())
                .isEqualTo(SecurityErrorCode.TOKEN_MALFORMED);
        String keycloakSubject = "f47ac10b-58cc-4372-a567-012345678901";
        assertThat(authenticate(TestIdentityProvider.rs256(claims().subject(keycloakSubject).build())).user())
                .isEqualTo(UserId.of(keycloakSubject));
    }

    @Test
    void refusesTheDevelopmentIssuerUnlessTheConfigurationEnablesIt() {
        assertThatThrownBy(() -> new JwtAuthenticator(config,
                        List.of(TrustedIssuer.local(SecurityConfig.DEVELOPMENT_ISSUER, TestIdentityProvider.publicKeys(), "dev")),
                        pseudonymizer, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
