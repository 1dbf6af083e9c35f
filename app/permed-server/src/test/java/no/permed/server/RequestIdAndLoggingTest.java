package no.permed.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import no.permed.server.testing.FakeAuthenticator;
import no.permed.server.testing.LogCapture;
import no.permed.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request ids in every response and log line; one access-log line per request without identifiers or queries. */
class RequestIdAndLoggingTest {
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void acceptableCallerRequestIdIsEchoed() {
        HttpResponse<String> response = server.send(server.request("/health").header("X-Request-Id", "Abc.123_x-Y"));

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("Abc.123_x-Y");
    }

    @Test
    void unacceptableCallerRequestIdIsReplaced() {
        for (String bad : new String[] {"a".repeat(65), "has space", "semi;colon", "æøå", "<script>"}) {
            HttpResponse<String> response = server.send(server.request("/health").header("X-Request-Id", bad));

            assertThat(response.headers().firstValue("X-Request-Id")).as("for %s", bad)
                    .hasValueSatisfying(id -> assertThat(id).matches(UUID_PATTERN));
        }
        assertThat(server.send(server.request("/health").header("X-Request-Id", "a".repeat(64)))
                .headers().firstValue("X-Request-Id")).hasValue("a".repeat(64));
    }

    @Test
    void requestIdIsGeneratedUniquelyWhenAbsentAndSentOnErrorsToo() {
        Set<String> ids = new HashSet<>();
        for (String path : new String[] {"/health", "/api/me", "/no/such/route", "/api/boom"}) {
            HttpResponse<String> response = server.get(path);
            String id = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(id).matches(UUID_PATTERN);
            ids.add(id);
        }
        assertThat(ids).hasSize(4);
    }

    @Test
    void handlerLogLinesCarryTheRequestId() {
        try (LogCapture logs = new LogCapture()) {
            server.send(server.request("/api/items/item-42/log").header("X-Request-Id", "log-line-1"));

            ILoggingEvent line = logs.await(event -> event.getFormattedMessage().startsWith("handler log line")).orElseThrow();
            assertThat(line.getMDCPropertyMap()).containsEntry("requestId", "log-line-1");
        }
    }

    @Test
    void accessLogHasOneLineWithTemplateStatusDurationAndUserButNoQueryOrConcretePath() {
        try (LogCapture logs = new LogCapture()) {
            server.send(server.request("/api/patients/p1_" + "B".repeat(43) + "?nationalId=01010112345")
                    .header("Authorization", "Bearer " + FakeAuthenticator.CLINICIAN)
                    .header("X-Request-Id", "access-1"));

            ILoggingEvent line = logs.await(event -> event.getLoggerName().equals("no.permed.server.access")
                    && "access-1".equals(event.getMDCPropertyMap().get("requestId"))).orElseThrow();
            assertThat(line.getFormattedMessage()).matches("GET /api/patients/\\{pseudonym} 200 \\d+ms user=clinician-1");
            assertThat(logs.events().stream().map(ILoggingEvent::getFormattedMessage))
                    .noneMatch(message -> message.contains("BBBB") || message.contains("01010112345"));
            assertThat(logs.events().stream()
                    .filter(event -> event.getLoggerName().equals("no.permed.server.access"))
                    .filter(event -> "access-1".equals(event.getMDCPropertyMap().get("requestId"))))
                    .hasSize(1);
        }
    }

    @Test
    void accessLogCoversRequestsThatMatchNoRoute() {
        try (LogCapture logs = new LogCapture()) {
            server.send(server.request("/no/such/route").header("X-Request-Id", "access-2"));

            ILoggingEvent line = logs.await(event -> event.getLoggerName().equals("no.permed.server.access")
                    && "access-2".equals(event.getMDCPropertyMap().get("requestId"))).orElseThrow();
            assertThat(line.getFormattedMessage()).isEqualTo("GET (no route) 404 " + durationOf(line) + "ms user=-");
        }
    }

    @Test
    void internalErrorsAreLoggedWithStackTraceUnderTheRequestId() {
        try (LogCapture logs = new LogCapture()) {
            server.send(server.request("/api/boom").header("X-Request-Id", "boom-2"));

            ILoggingEvent line = logs.await(event -> event.getThrowableProxy() != null
                    && "boom-2".equals(event.getMDCPropertyMap().get("requestId"))).orElseThrow();
            assertThat(line.getFormattedMessage()).contains("boom-2");
            assertThat(line.getThrowableProxy().getMessage()).contains("secret_table");
        }
    }

    private static String durationOf(ILoggingEvent line) {
        String message = line.getFormattedMessage();
        return message.replaceAll(".* (\\d+)ms .*", "$1");
    }
}
