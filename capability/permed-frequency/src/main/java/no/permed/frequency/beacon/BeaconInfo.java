package no.permed.frequency.beacon;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * Who runs this Beacon, as {@code /beacon/info} and {@code /beacon/service-info} say; the application fills it from its
 * configuration.
 *
 * @param id the Beacon's id, a reversed domain name such as {@code no.permed.beacon}
 * @param name a human-readable name
 * @param version the permed version serving the Beacon (e.g. {@code 0.1.0})
 * @param environment {@code prod}, {@code test}, {@code dev} or {@code staging}
 * @param organisationId the organisation's id, e.g. {@code no.example.hospital}
 * @param organisationName the organisation's name
 * @param welcomeUrl a page about the Beacon for people
 * @param contactUrl where to ask about it: a web page or a {@code mailto:} address
 * @param baseUrl the absolute URL under which {@code /beacon} is served, without a trailing slash (e.g.
 *     {@code https://permed.example.no}): the map's and configuration's URLs are made from it
 * @param createdAt when this Beacon was first deployed
 */
public record BeaconInfo(String id, String name, String version, String environment, String organisationId, String organisationName,
        String welcomeUrl, String contactUrl, String baseUrl, Instant createdAt) {
    private static final Set<String> ENVIRONMENTS = Set.of("prod", "test", "dev", "staging");

    public BeaconInfo {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(version, "version is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(organisationId, "organisationId is null");
        requireNonNull(organisationName, "organisationName is null");
        requireNonNull(welcomeUrl, "welcomeUrl is null");
        requireNonNull(contactUrl, "contactUrl is null");
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(createdAt, "createdAt is null");
        if (id.isBlank() || name.isBlank() || organisationId.isBlank() || organisationName.isBlank()) {
            throw new IllegalArgumentException("the Beacon's id, name, organisationId and organisationName must not be blank");
        }
        if (!ENVIRONMENTS.contains(environment)) {
            throw new IllegalArgumentException("environment must be one of " + ENVIRONMENTS + " but is '" + environment + "'");
        }
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://") || baseUrl.endsWith("/")) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL without a trailing slash but is '" + baseUrl + "'");
        }
    }
}
