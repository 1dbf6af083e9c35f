package no.permed.app.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import no.permed.db.DatabaseConfig;
import no.permed.frequency.privacy.PrivacySettings;
import no.permed.interpretation.register.SubmitterDesignations;
import no.permed.kernel.OrganisationId;
import no.permed.security.SecurityConfig;

/**
 * The whole typed configuration of a permed process, built from a {@link ResolvedConfiguration}.
 * Each module's part is that module's own config record ({@link DatabaseConfig},
 * {@link SecurityConfig}), which validates itself.
 */
public record PermedConfiguration(
        String host,
        int port,
        long maxRequestBytes,
        long maxUploadBytes,
        Duration shutdownGrace,
        Path dataDirectory,
        DatabaseConfig database,
        SecurityConfig security,
        PrivacySettings privacy,
        boolean behindProxy,
        java.util.Optional<String> publicUrl,
        String beaconOrganisation,
        java.util.Optional<String> beaconContact,
        SubmitterDesignations registerDesignations) {

    public PermedConfiguration {
        requireNonNull(host, "host is null");
        requireNonNull(shutdownGrace, "shutdownGrace is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(database, "database is null");
        requireNonNull(security, "security is null");
        requireNonNull(privacy, "privacy is null");
        requireNonNull(publicUrl, "publicUrl is null");
        requireNonNull(beaconOrganisation, "beaconOrganisation is null");
        requireNonNull(beaconContact, "beaconContact is null");
        requireNonNull(registerDesignations, "registerDesignations is null");
    }

    /** Parses every setting; the first bad one is reported with its key, value and source. */
    public static PermedConfiguration from(ResolvedConfiguration resolved) {
        Values values = new Values(resolved);
        String host = values.text(Setting.SERVER_HOST);
        if (host.isBlank()) {
            throw values.invalid(Setting.SERVER_HOST, "must name an address");
        }
        DatabaseConfig database = new DatabaseConfig(
                values.optionalText(Setting.DB_URL),
                values.optionalText(Setting.DB_USER),
                values.optionalText(Setting.DB_PASSWORD),
                (int) values.integer(Setting.DB_POOL_SIZE, 1, 200),
                Duration.ofSeconds(values.integer(Setting.DB_CONNECT_TIMEOUT_SECONDS, 1, 600)));
        if (database.url().isPresent() && !database.url().get().startsWith("jdbc:postgresql://")) {
            throw values.invalid(Setting.DB_URL, "must start with jdbc:postgresql://");
        }
        return new PermedConfiguration(
                host,
                (int) values.integer(Setting.SERVER_PORT, 0, 65_535),
                values.integer(Setting.SERVER_MAX_REQUEST_BYTES, 1_024, 1L << 30),
                values.integer(Setting.SERVER_MAX_UPLOAD_BYTES, 1_024, 1L << 40),
                Duration.ofSeconds(values.integer(Setting.SERVER_SHUTDOWN_GRACE_SECONDS, 0, 600)),
                values.path(Setting.DATA_DIR),
                database,
                security(values),
                privacy(values),
                values.bool(Setting.SERVER_BEHIND_PROXY),
                publicUrl(values),
                nonBlank(values, Setting.BEACON_ORGANISATION),
                values.optionalText(Setting.BEACON_CONTACT),
                designations(values));
    }

    private static SubmitterDesignations designations(Values values) {
        java.util.Set<OrganisationId> panels = organisations(values, Setting.REGISTER_EXPERT_PANELS);
        java.util.Set<OrganisationId> guidelines = organisations(values, Setting.REGISTER_PRACTICE_GUIDELINES);
        java.util.Set<OrganisationId> both = new java.util.HashSet<>(panels);
        both.retainAll(guidelines);
        if (!both.isEmpty()) {
            throw values.invalid(Setting.REGISTER_PRACTICE_GUIDELINES, "names " + both.iterator().next().value()
                    + ", which " + Setting.REGISTER_EXPERT_PANELS.key() + " names too: an organisation is one or the other");
        }
        return new SubmitterDesignations(panels, guidelines);
    }

    private static java.util.Set<OrganisationId> organisations(Values values, Setting setting) {
        java.util.Set<OrganisationId> organisations = new java.util.LinkedHashSet<>();
        for (String part : values.text(setting).split(",", -1)) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            try {
                organisations.add(OrganisationId.of(name));
            } catch (RuntimeException e) {
                throw values.invalid(setting, "'" + name + "' is not an organisation identifier (" + e.getMessage() + ")");
            }
        }
        return java.util.Set.copyOf(organisations);
    }

    private static java.util.Optional<String> publicUrl(Values values) {
        java.util.Optional<String> url = values.optionalText(Setting.SERVER_PUBLIC_URL);
        if (url.isPresent() && (!url.get().matches("https?://[^\\s/]+(/[^\\s]*)?") || url.get().endsWith("/"))) {
            throw values.invalid(Setting.SERVER_PUBLIC_URL, "must be an absolute http(s) URL without a trailing slash");
        }
        return url;
    }

    /** {@code beacon.privacy}: comma-separated key=value overrides of {@link PrivacySettings#defaults()}. */
    private static PrivacySettings privacy(Values values) {
        String text = values.text(Setting.BEACON_PRIVACY).strip();
        java.util.Map<String, String> overrides = new java.util.LinkedHashMap<>();
        if (!text.isEmpty()) {
            for (String pair : text.split(",")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw values.invalid(Setting.BEACON_PRIVACY, "expected key=value pairs separated by commas, got '" + pair.strip() + "'");
                }
                String key = pair.substring(0, equals).strip();
                if (overrides.put(key, pair.substring(equals + 1).strip()) != null) {
                    throw values.invalid(Setting.BEACON_PRIVACY, key + " is given twice");
                }
            }
        }
        try {
            return PrivacySettings.fromProperties(overrides);
        } catch (IllegalArgumentException failure) {
            throw values.invalid(Setting.BEACON_PRIVACY, failure.getMessage());
        }
    }

    private static SecurityConfig security(Values values) {
        return new SecurityConfig(
                values.optionalText(Setting.OIDC_ISSUER),
                values.httpUri(Setting.OIDC_JWKS_URL),
                values.optionalText(Setting.OIDC_JWKS_FILE).map(Path::of),
                nonBlank(values, Setting.OIDC_AUDIENCE),
                Duration.ofSeconds(values.integer(Setting.OIDC_CLOCK_SKEW_SECONDS, 0, 300)),
                nonBlank(values, Setting.OIDC_ROLE_CLAIM),
                nonBlank(values, Setting.OIDC_ORGANISATION_CLAIM),
                nonBlank(values, Setting.OIDC_NATIONAL_ID_CLAIM),
                values.bool(Setting.DEVELOPMENT_ISSUER),
                values.bool(Setting.ACCEPT_SYNTHETIC_IDS),
                values.optionalText(Setting.PSEUDONYM_KEY_FILE).map(Path::of),
                (int) values.integer(Setting.CARE_RELATIONSHIP_DAYS, 1, SecurityConfig.MAXIMUM_CARE_RELATIONSHIP_DAYS),
                (int) values.integer(Setting.BREAK_THE_GLASS_HOURS, 1, SecurityConfig.MAXIMUM_BREAK_THE_GLASS_HOURS));
    }

    private static String nonBlank(Values values, Setting setting) {
        String text = values.text(setting);
        if (text.isBlank()) {
            throw values.invalid(setting, "must not be empty");
        }
        return text;
    }
}
