package no.permed.security.token;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import no.permed.kernel.NationalId;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.SecurityConfig;
import no.permed.security.SecurityErrorCode;
import no.permed.security.internal.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token issuer for development and demonstrations only: it signs tokens (RS256) for any user and
 * role with a key generated on first use in {@code <data>/dev-issuer/signing-key.jwk} (owner-only
 * permissions). Its issuer is {@value SecurityConfig#DEVELOPMENT_ISSUER}; the authenticator trusts it
 * only when {@code security.development-issuer} is on, and the server must refuse to turn that on
 * when it binds a non-loopback address ({@link #requireLoopback(String)}): anyone who can reach the
 * server could otherwise mint themself any role.
 *
 * <p>Another process (the CLI) can open the same key from the data directory and mint tokens while
 * a server runs; it needs no data-directory lock. Every opening logs a loud warning.
 */
public final class DevelopmentTokenIssuer {
    public static final String ISSUER = SecurityConfig.DEVELOPMENT_ISSUER;
    /** The key's directory, below the data directory. */
    public static final String DIRECTORY = "dev-issuer";
    public static final String KEY_FILE = "signing-key.jwk";
    public static final Duration MAXIMUM_TIME_TO_LIVE = Duration.ofDays(30);
    /** A token lifetime suitable for a demonstration session. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofHours(12);
    private static final int KEY_BITS = 2048;

    /** The synthetic national identity number of {@code demo-patient} (born 15 May 1985; month + 80). */
    public static final String DEMO_PATIENT_NATIONAL_ID = "15858540043";

    /** Demo users, at least one per role (two laboratories), that the CLI and the demo print tokens for. */
    public static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser(UserId.of("demo-patient"), Set.of(Role.PATIENT), Optional.empty(),
                    Optional.of(NationalId.parse(DEMO_PATIENT_NATIONAL_ID)),
                    "a patient with a synthetic national identity number"),
            new DemoUser(UserId.of("demo-clinician"), Set.of(Role.CLINICIAN), Optional.of(OrganisationId.of("demo-hospital-oslo")),
                    Optional.empty(), "a hospital doctor at demo-hospital-oslo"),
            new DemoUser(UserId.of("demo-lab"), Set.of(Role.LAB), Optional.of(OrganisationId.of("demo-lab-oslo")),
                    Optional.empty(), "a laboratory geneticist at demo-lab-oslo"),
            new DemoUser(UserId.of("demo-lab-bergen"), Set.of(Role.LAB), Optional.of(OrganisationId.of("demo-lab-bergen")),
                    Optional.empty(), "a laboratory geneticist at demo-lab-bergen (a second lab, for the variant register)"),
            new DemoUser(UserId.of("demo-researcher"), Set.of(Role.RESEARCHER), Optional.of(OrganisationId.of("demo-university")),
                    Optional.empty(), "a researcher at demo-university"),
            new DemoUser(UserId.of("demo-case-handler"), Set.of(Role.CASE_HANDLER),
                    Optional.of(OrganisationId.of("demo-data-access-authority")), Optional.empty(),
                    "a data-access officer at demo-data-access-authority"),
            new DemoUser(UserId.of("demo-security-officer"), Set.of(Role.SECURITY_OFFICER),
                    Optional.of(OrganisationId.of("demo-operator")), Optional.empty(),
                    "a security officer of the operator"));

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentTokenIssuer.class);

    private final RSAKey key;
    private final Path keyFile;
    private final SecurityConfig config;
    private final Clock clock;

    private DevelopmentTokenIssuer(RSAKey key, Path keyFile, SecurityConfig config, Clock clock) {
        this.key = key;
        this.keyFile = keyFile;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Opens the development signing key of the data directory, generating it on first use. Does not
     * take the data-directory lock, so the CLI can mint tokens while a server runs on that directory.
     *
     * @param config supplies the audience and the claim names that tokens carry
     */
    public static DevelopmentTokenIssuer openOrCreate(Path dataDirectoryRoot, SecurityConfig config, Clock clock) {
        requireNonNull(dataDirectoryRoot, "dataDirectoryRoot is null");
        requireNonNull(config, "config is null");
        requireNonNull(clock, "clock is null");
        Path directory = dataDirectoryRoot.toAbsolutePath().normalize().resolve(DIRECTORY);
        Path keyFile = directory.resolve(KEY_FILE);
        OwnerOnlyFiles.createDirectory(directory);
        if (!Files.exists(keyFile)) {
            try {
                RSAKey generated = new RSAKeyGenerator(KEY_BITS)
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256)
                        .keyIDFromThumbprint(true)
                        .generate();
                OwnerOnlyFiles.createNew(keyFile, generated.toJSONString().getBytes(StandardCharsets.UTF_8));
            } catch (JOSEException | IOException e) {
                throw keyFileProblem("cannot create the development signing key " + keyFile + " ("
                        + e.getClass().getSimpleName() + "); check that the data directory is writable", keyFile, e);
            }
        }
        OwnerOnlyFiles.requireOwnerOnly(keyFile, "development signing key");
        RSAKey key;
        try {
            key = RSAKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
        } catch (IOException | ParseException e) {
            throw keyFileProblem("cannot read the development signing key " + keyFile + " (" + e.getClass().getSimpleName()
                    + "); delete the file to have a new key generated (tokens minted with the old one stop working)",
                    keyFile, e);
        }
        if (!key.isPrivate()) {
            throw keyFileProblem("the development signing key " + keyFile + " holds no private key; delete the file to have"
                    + " a new key generated", keyFile, null);
        }
        warnEnabled(keyFile);
        return new DevelopmentTokenIssuer(key, keyFile, config, clock);
    }

    /**
     * Refuses to run the development issuer on a server that is reachable from the network: the host
     * the server binds must be a loopback address ({@code 127.0.0.1}, {@code ::1} or
     * {@code localhost}). Host names are resolved; every address they resolve to must be loopback.
     *
     * @throws PermedException DEV_ISSUER_NOT_ALLOWED otherwise
     */
    public static void requireLoopback(String host) {
        String why = null;
        if (host == null || host.isBlank()) {
            why = "no bind address was given";
        } else {
            String name = host.strip();
            if (name.startsWith("[") && name.endsWith("]")) {
                name = name.substring(1, name.length() - 1);
            }
            if (!name.toLowerCase(Locale.ROOT).equals("localhost")) {
                try {
                    for (InetAddress address : InetAddress.getAllByName(name)) {
                        if (!address.isLoopbackAddress()) {
                            why = "the server binds " + host.strip() + ", which is not a loopback address";
                            break;
                        }
                    }
                } catch (UnknownHostException e) {
                    why = "the bind address " + host.strip() + " cannot be resolved";
                }
            }
        }
        if (why != null) {
            throw new PermedException(
                    SecurityErrorCode.DEV_ISSUER_NOT_ALLOWED,
                    "the development token issuer is for development on one machine only, because anyone who can reach"
                            + " the server could mint themself any role; " + why + ". Bind to 127.0.0.1 (--host 127.0.0.1)"
                            + " or remove --demo/--dev and configure a real identity provider (security.oidc.issuer,"
                            + " security.oidc.jwks-url)",
                    Map.of("field", "host"));
        }
    }

    /**
     * Mints a signed token (RS256) from the development issuer.
     *
     * @param patientId the patient's national identity number (put in the national-ID claim), for patients
     * @param timeToLive how long the token is valid, up to {@link #MAXIMUM_TIME_TO_LIVE}
     * @return the compact JWT, to be sent as {@code Authorization: Bearer <token>}
     */
    public String mint(
            UserId user, Set<Role> roles, Optional<OrganisationId> organisation, Optional<NationalId> patientId, Duration timeToLive) {
        requireNonNull(user, "user is null");
        requireNonNull(roles, "roles is null");
        requireNonNull(organisation, "organisation is null");
        requireNonNull(patientId, "patientId is null");
        requireNonNull(timeToLive, "timeToLive is null");
        if (timeToLive.isNegative() || timeToLive.isZero() || timeToLive.compareTo(MAXIMUM_TIME_TO_LIVE) > 0) {
            throw new PermedException(
                    SecurityErrorCode.INVALID_TOKEN_REQUEST,
                    "a development token lives from 1 second to " + MAXIMUM_TIME_TO_LIVE.toDays() + " days, "
                            + timeToLive.toSeconds() + " seconds were asked for",
                    Map.of("field", "ttl"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(config.audience())
                .subject(user.value())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(timeToLive)))
                .jwtID(UUID.randomUUID().toString())
                .claim(config.roleClaim(), roles.stream().map(Role::wireName).sorted().toList());
        organisation.ifPresent(id -> claims.claim(config.organisationClaim(), id.value()));
        patientId.ifPresent(id -> claims.claim(config.nationalIdClaim(), id.digits()));
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with a valid 2048-bit RSA key cannot fail", e);
        }
        return jwt.serialize();
    }

    /** Mints a token for a demo user. */
    public String mint(DemoUser user, Duration timeToLive) {
        requireNonNull(user, "user is null");
        return mint(user.user(), user.roles(), user.organisation(), user.nationalId(), timeToLive);
    }

    /** The demo user with this name (for example {@code demo-clinician}). */
    public static Optional<DemoUser> demoUser(String name) {
        return DEMO_USERS.stream().filter(user -> user.user().value().equals(name)).findFirst();
    }

    /** The public signing key, for the authenticator. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public String keyId() {
        return key.getKeyID();
    }

    public Path keyFile() {
        return keyFile;
    }

    private static void warnEnabled(Path keyFile) {
        LOG.warn("""

                ************************************************************************************
                ***  DEVELOPMENT TOKEN ISSUER ENABLED ({})
                ***  Anyone who can read {} can mint tokens for ANY user and role.
                ***  For development and demonstrations on 127.0.0.1 only. NEVER use it in production:
                ***  configure security.oidc.issuer and security.oidc.jwks-url of a real identity provider instead.
                ************************************************************************************""",
                ISSUER, keyFile);
    }

    private static PermedException keyFileProblem(String message, Path keyFile, Exception cause) {
        return new PermedException(SecurityErrorCode.KEY_FILE_INVALID, message, Map.of("path", keyFile.toString()), cause);
    }

    @Override
    public String toString() {
        return "DevelopmentTokenIssuer[" + ISSUER + ", key " + key.getKeyID() + "]";
    }
}
