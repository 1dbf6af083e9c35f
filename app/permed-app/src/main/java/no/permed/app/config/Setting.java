package no.permed.app.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key of permed, with its default and meaning. docs/configuration.md documents
 * the same list, and ConfigurationTest pins every key and default, so a change here is a
 * deliberate, reviewed change of the operator's interface.
 *
 * <p>Sources, strongest first: command-line flags, environment variables ({@code PERMED_} and the
 * key in upper case with {@code .} and {@code -} as {@code _}), the configuration file
 * ({@code --config FILE} or {@code PERMED_CONFIG}, Java properties format), the defaults here.
 */
public enum Setting {
    SERVER_HOST("server.host", "127.0.0.1", "Address the HTTP server binds. Loopback by default; put a TLS proxy in front for other addresses."),
    SERVER_PORT("server.port", "8080", "TCP port of the HTTP server; 0 picks a free port (printed at start)."),
    SERVER_MAX_REQUEST_BYTES("server.max-request-bytes", "1048576", "Largest request body accepted, in bytes; larger bodies get 413."),
    SERVER_MAX_UPLOAD_BYTES("server.max-upload-bytes", "17179869184",
            "Largest file upload (multipart/form-data, e.g. a VCF to POST /api/samples) accepted, in bytes; larger get 413."),
    SERVER_SHUTDOWN_GRACE_SECONDS("server.shutdown-grace-seconds", "10", "On SIGTERM, how long in-flight requests may take to finish."),
    DATA_DIR("data.dir", "./permed-data", "The data directory: embedded PostgreSQL, key files, genome store. Locked by one process at a time."),
    DB_URL("db.url", "", "JDBC URL of an external PostgreSQL (jdbc:postgresql://host:5432/permed). Empty: the embedded PostgreSQL in the data directory."),
    DB_USER("db.user", "", "User for the external PostgreSQL."),
    DB_PASSWORD("db.password", "", "Password for the external PostgreSQL. Never logged; prefer the environment variable."),
    DB_POOL_SIZE("db.pool-size", "10", "Database connections in the pool (1 to 200)."),
    DB_CONNECT_TIMEOUT_SECONDS("db.connect-timeout-seconds", "10", "How long to keep trying to reach the database at start (1 to 600)."),
    OIDC_JWKS_URL("security.oidc.jwks-url", "", "JWKS URL of the OpenID Connect provider whose bearer tokens are accepted (e.g. Keycloak's .../protocol/openid-connect/certs)."),
    OIDC_JWKS_FILE("security.oidc.jwks-file", "", "A local JWK set file with further trusted signing keys of the same issuer (e.g. for an offline identity provider)."),
    OIDC_ISSUER("security.oidc.issuer", "", "Required iss claim of accepted tokens."),
    OIDC_AUDIENCE("security.oidc.audience", "permed", "Required aud claim of accepted tokens."),
    OIDC_CLOCK_SKEW_SECONDS("security.oidc.clock-skew-seconds", "60", "Tolerated clock difference when checking exp and nbf (0 to 300)."),
    OIDC_ROLE_CLAIM("security.oidc.role-claim", "roles", "Claim holding permed roles (array or space-separated); Keycloak's realm_access.roles is also read."),
    OIDC_ORGANISATION_CLAIM("security.oidc.organisation-claim", "org", "Claim naming the user's organisation."),
    OIDC_NATIONAL_ID_CLAIM("security.oidc.national-id-claim", "pid", "Claim carrying a patient's national identity number (as ID-porten and HelseID send it); pseudonymised at once, never stored."),
    DEVELOPMENT_ISSUER("security.development-issuer", "false", "Enables the built-in DEVELOPMENT token issuer. Refused on non-loopback addresses. --demo and --dev turn it on."),
    ACCEPT_SYNTHETIC_IDS("security.accept-synthetic-national-ids", "false", "Accept synthetic test identity numbers (month + 80). On in --demo."),
    PSEUDONYM_KEY_FILE("security.pseudonym-key-file", "", "Pseudonym key file (owner-only permissions). Empty: <data.dir>/keys/pseudonym.keys. Keep it outside database backups."),
    CARE_RELATIONSHIP_DAYS("security.care-relationship-days", "365", "How long a recorded care relationship lasts unless it names an end."),
    BREAK_THE_GLASS_HOURS("security.break-the-glass-hours", "24", "How long a clinician's declared (break-the-glass) access lasts."),
    SERVER_BEHIND_PROXY("server.behind-proxy", "false", "Whether a reverse proxy in front appends the caller's address to X-Forwarded-For; then anonymous Beacon and frequency callers are told apart by it (otherwise by the socket address)."),
    SERVER_PUBLIC_URL("server.public-url", "", "The URL clients use to reach this server (e.g. https://permed.example.no), for links in the Beacon's answers. Empty: http://<server.host>:<port>."),
    BEACON_ORGANISATION("beacon.organisation", "permed", "The organisation running the Beacon, as its answers name it."),
    BEACON_CONTACT("beacon.contact", "", "Where to ask about the Beacon: a web page or a mailto: address (empty: the public URL)."),
    REGISTER_EXPERT_PANELS("register.expert-panels", "", "Organisations (token org claim values, comma-separated) whose submissions to the register of interpreted variants are expert-panel classifications: they decide the aggregate with three stars, as in ClinVar."),
    REGISTER_PRACTICE_GUIDELINES("register.practice-guidelines", "", "Organisations (comma-separated) whose submissions are practice guidelines: they decide the aggregate with four stars, before expert panels."),
    BEACON_PRIVACY("beacon.privacy", "", "Overrides of the privacy rules of the frequency register and the Beacon, as key=value pairs separated by commas (e.g. beacon.public.minimum-samples=100,beacon.public.query-budget=500). Keys and defaults: docs/privacy.md.");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** {@code PERMED_} and the key in upper case, with {@code .} and {@code -} replaced by {@code _}. */
    public String environmentVariable() {
        return "PERMED_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Whether the value is secret and must be masked wherever it is shown. */
    public boolean isSecret() {
        return this == DB_PASSWORD;
    }

    public static Optional<Setting> forKey(String key) {
        return Arrays.stream(values()).filter(setting -> setting.key.equals(key)).findFirst();
    }
}
