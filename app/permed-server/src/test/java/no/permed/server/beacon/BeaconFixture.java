package no.permed.server.beacon;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import no.permed.frequency.AggregateConsent;
import no.permed.frequency.BeaconPermits;
import no.permed.frequency.FrequencyRegister;
import no.permed.frequency.beacon.BeaconInfo;
import no.permed.frequency.beacon.BeaconService;
import no.permed.frequency.beacon.BeaconSettings;
import no.permed.frequency.privacy.Disclosure;
import no.permed.frequency.privacy.PrivacySettings;
import no.permed.server.ReadinessCheck;
import no.permed.server.testing.FakeAuthenticator;
import no.permed.server.testing.InMemoryAuditSink;
import no.permed.server.testing.TestServer;

/**
 * A real server (port 0) with the Beacon over a real register of the 1000 Genomes chromosome 22 subset
 * ({@link ThousandGenomesCohort}), the real privacy rules ({@link PrivacySettings#defaults()}) and three callers: anonymous
 * (PUBLIC), {@link FakeAuthenticator#RESEARCHER} (REGISTERED, no permit) and {@link FakeAuthenticator#CLINICIAN} (a permit
 * for both datasets: CONTROLLED). The server is told it is behind a proxy, so each test names its own anonymous client
 * in {@code X-Forwarded-For} and spends its own query budget.
 */
final class BeaconFixture implements AutoCloseable {
    static final String BEACON_ID = "no.permed.beacon.test";
    static final int MAX_RANGE = 200_000;
    static final String ANONYMOUS = "";
    static final String REGISTERED = FakeAuthenticator.RESEARCHER;
    static final String CONTROLLED = FakeAuthenticator.CLINICIAN;

    final ThousandGenomesCohort cohort;
    final FrequencyRegister register;
    final TestServer server;
    final BeaconInfo info;
    /** Where the Beacon records its record answers of individuals and biosamples. */
    final InMemoryAuditSink audit;

    private BeaconFixture(ThousandGenomesCohort cohort, FrequencyRegister register, TestServer server, BeaconInfo info,
            InMemoryAuditSink audit) {
        this.cohort = cohort;
        this.register = register;
        this.server = server;
        this.info = info;
        this.audit = audit;
    }

    static BeaconFixture start() {
        ThousandGenomesCohort cohort = ThousandGenomesCohort.load(2_000);
        FrequencyRegister register = FrequencyRegister.over(cohort, AggregateConsent.EVERY_SAMPLE, Clock.systemUTC());
        register.refresh();
        Disclosure disclosure = Disclosure.over(register, PrivacySettings.defaults());
        BeaconPermits permits = user -> user.value().equals("clinician-1") ? Set.of(ThousandGenomesCohort.BIG, ThousandGenomesCohort.PILOT)
                : Set.of();
        AtomicReference<BeaconService> beacon = new AtomicReference<>();
        InMemoryAuditSink audit = new InMemoryAuditSink();
        TestServer server = TestServer.start(TestServer.settings(), ReadinessCheck.ALWAYS_READY,
                List.of(new BeaconRoutes(beacon::get, BEACON_ID, audit, true)));
        BeaconInfo info = new BeaconInfo(BEACON_ID, "permed test Beacon", "9.9.9", "test", "no.permed.test", "permed tests",
                "https://permed.example/beacon", "mailto:beacon@permed.example", "http://127.0.0.1:" + server.server().port(),
                Instant.parse("2026-01-01T00:00:00Z"));
        beacon.set(new BeaconService(register, cohort, disclosure, permits, info, BeaconSettings.DEFAULTS.withMaxRangeBases(MAX_RANGE)));
        return new BeaconFixture(cohort, register, server, info, audit);
    }

    /** GET as {@code token} (empty: anonymous) from anonymous client address {@code client}. */
    HttpResponse<String> get(String pathAndQuery, String token, String client) {
        return server.send(authorised(server.request(pathAndQuery), token, client).GET());
    }

    /** GET of an absolute URL (from the map). */
    HttpResponse<String> getUrl(String url, String token, String client) {
        String prefix = info.baseUrl();
        if (!url.startsWith(prefix)) {
            throw new IllegalArgumentException(url + " is not under " + prefix);
        }
        return get(url.substring(prefix.length()), token, client);
    }

    HttpResponse<String> post(String path, String token, String client, String json) {
        return server.send(authorised(server.request(path), token, client).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    static JsonNode json(HttpResponse<String> response) {
        return TestServer.json(response);
    }

    private static HttpRequest.Builder authorised(HttpRequest.Builder request, String token, String client) {
        request.header("X-Forwarded-For", "203.0.113.250, " + client);
        return token.isEmpty() ? request : request.header("Authorization", "Bearer " + token);
    }

    Optional<ThousandGenomesCohort.Site> site(int position, String reference, String alternate) {
        return cohort.sites().stream().filter(site -> site.key().position() == position && site.key().reference().equals(reference)
                && site.key().alternate().equals(alternate)).findFirst();
    }

    @Override
    public void close() {
        server.close();
        register.close();
    }
}
