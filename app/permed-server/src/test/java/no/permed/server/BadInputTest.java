package no.permed.server;

import static no.permed.server.testing.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import no.permed.server.testing.FakeAuthenticator;
import no.permed.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input is refused with 400, 413 or 415 in the error format, naming the field, line and column. */
class BadInputTest {
    private static final String LAB = FakeAuthenticator.LAB;
    private static final String VALID = """
            {"name": "S1", "count": 2, "collected": "2024-01-31", "kind": "BLOOD",
             "parts": [{"label": "a", "fraction": 0.5}], "note": "fasting"}""";

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
    void validBodyIsRead() {
        HttpResponse<String> response = server.postJson("/api/samples", LAB, VALID);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/samples/S1");
        JsonNode body = TestServer.json(response);
        assertThat(body.get("name").asText()).isEqualTo("S1");
        assertThat(body.get("parts").asInt()).isEqualTo(1);
        assertThat(body.get("submittedBy").asText()).isEqualTo("lab-1");
        assertThat(body.get("note").asText()).isEqualTo("fasting");
    }

    @Test
    void optionalFieldsMayBeLeftOutAndAreLeftOutOfAnswers() {
        HttpResponse<String> response = server.postJson("/api/samples", LAB, """
                {"name": "S2", "count": 0, "collected": "2024-01-31", "kind": "SALIVA", "parts": []}""");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(TestServer.json(response).has("note")).isFalse();
    }

    @Test
    void malformedJsonNamesLineAndColumnWithoutEchoingTheBody() {
        HttpResponse<String> response = server.postJson("/api/samples", LAB, "{\"name\": \"S1\",\n  \"count\" 2 \"secret-personal-value\"}");

        JsonNode body = assertError(response, 400, "SERVER_MALFORMED_JSON");
        assertThat(body.get("details").get("line").asInt()).isEqualTo(2);
        assertThat(body.get("details").get("column").asInt()).isEqualTo(11);
        assertThat(body.get("message").asText()).contains("line 2, column 11");
        assertThat(response.body()).doesNotContain("secret-personal-value");
    }

    @Test
    void truncatedJsonSaysSo() {
        JsonNode body = assertError(server.postJson("/api/samples", LAB, "{\"name\": \"S1\","), 400, "SERVER_MALFORMED_JSON");

        assertThat(body.get("message").asText()).contains("ends before");
    }

    @Test
    void unknownFieldIsNamedWithTheKnownOnes() {
        JsonNode body = assertError(server.postJson("/api/samples", LAB, VALID.replace("\"kind\"", "\"colour\": 1, \"kind\"")),
                400, "SERVER_UNKNOWN_FIELD");

        assertThat(body.get("details").get("field").asText()).isEqualTo("colour");
        assertThat(body.get("details").get("knownFields").toString()).contains("\"collected\"", "\"kind\"");
        assertThat(body.get("message").asText()).contains("'colour'", "SampleSubmission");
    }

    @Test
    void unknownFieldInANestedObjectIsNamedByItsPath() {
        JsonNode body = assertError(server.postJson("/api/samples", LAB, VALID.replace("\"fraction\": 0.5", "\"fraction\": 0.5, \"extra\": true")),
                400, "SERVER_UNKNOWN_FIELD");

        assertThat(body.get("details").get("field").asText()).isEqualTo("parts[0].extra");
    }

    @Test
    void missingRequiredFieldIsNamed() {
        JsonNode body = assertError(server.postJson("/api/samples", LAB, VALID.replace("\"name\": \"S1\",", "")),
                400, "SERVER_MISSING_FIELD");

        assertThat(body.get("details").get("field").asText()).isEqualTo("name");
    }

    @Test
    void missingRequiredNumberIsNamedRatherThanTakenAsZero() {
        JsonNode body = assertError(server.postJson("/api/samples", LAB, VALID.replace("\"count\": 2,", "")),
                400, "SERVER_MISSING_FIELD");

        assertThat(body.get("details").get("field").asText()).isEqualTo("count");
    }

    @Test
    void nullForARequiredFieldIsMissing() {
        JsonNode body = assertError(server.postJson("/api/samples", LAB, VALID.replace("\"S1\"", "null")),
                400, "SERVER_MISSING_FIELD");

        assertThat(body.get("details").get("field").asText()).isEqualTo("name");
    }

    @Test
    void wrongTypeIsNamedWithTheExpectedType() {
        JsonNode body = assertError(server.postJson("/api/samples", LAB, VALID.replace("\"count\": 2", "\"count\": \"two\"")),
                400, "SERVER_INVALID_FIELD");

        assertThat(body.get("details").get("field").asText()).isEqualTo("count");
        assertThat(body.get("details").get("expected").asText()).isEqualTo("a whole number");
        assertThat(body.toString()).doesNotContain("two");
    }

    @Test
    void numbersAreNotTakenForStringsNorFractionsForWholeNumbers() {
        assertThat(assertError(server.postJson("/api/samples", LAB, VALID.replace("\"S1\"", "12")), 400, "SERVER_INVALID_FIELD")
                .get("details").get("field").asText()).isEqualTo("name");
        assertThat(assertError(server.postJson("/api/samples", LAB, VALID.replace("\"count\": 2", "\"count\": 2.5")), 400, "SERVER_INVALID_FIELD")
                .get("details").get("field").asText()).isEqualTo("count");
    }

    @Test
    void invalidDateAndEnumAreNamed() {
        JsonNode date = assertError(server.postJson("/api/samples", LAB, VALID.replace("2024-01-31", "31.01.2024")), 400, "SERVER_INVALID_FIELD");
        JsonNode kind = assertError(server.postJson("/api/samples", LAB, VALID.replace("BLOOD", "URINE")), 400, "SERVER_INVALID_FIELD");

        assertThat(date.get("details").get("field").asText()).isEqualTo("collected");
        assertThat(date.get("message").asText()).contains("2024-01-31");
        assertThat(kind.get("details").get("field").asText()).isEqualTo("kind");
        assertThat(kind.get("details").get("expected").asText()).isEqualTo("one of: BLOOD, SALIVA");
    }

    @Test
    void invalidKernelIdentifierKeepsTheKernelCodeAndNamesTheField() {
        JsonNode body = assertError(server.postJson("/api/samples", LAB, VALID.replace("\"note\"", "\"patient\": \"not-a-pseudonym\", \"note\"")),
                400, "KERNEL_INVALID_PSEUDONYM");

        assertThat(body.get("details").get("field").asText()).isEqualTo("patient");
    }

    @Test
    void recordValidationFailureIsInvalidField() {
        JsonNode body = assertError(server.postJson("/api/samples", LAB, VALID.replace("\"count\": 2", "\"count\": -1")),
                400, "SERVER_INVALID_FIELD");

        assertThat(body.get("message").asText()).contains("count must be 0 or more, but was -1");
    }

    @Test
    void duplicateFieldAndTrailingDataAreMalformed() {
        assertError(server.postJson("/api/samples", LAB, VALID.replace("\"count\": 2", "\"count\": 2, \"count\": 3")), 400, "SERVER_MALFORMED_JSON");
        assertError(server.postJson("/api/samples", LAB, VALID + " {}"), 400, "SERVER_MALFORMED_JSON");
    }

    @Test
    void bodyOfTheWrongShapeIsRefused() {
        assertError(server.postJson("/api/samples", LAB, "[1, 2]"), 400, "SERVER_BAD_REQUEST");
    }

    @Test
    void emptyBodyIsMissing() {
        assertError(server.postJson("/api/samples", LAB, ""), 400, "SERVER_MISSING_BODY");
    }

    @Test
    void otherContentTypeIs415() {
        HttpResponse<String> response = server.send(server.request("/api/samples")
                .header("Authorization", "Bearer " + LAB)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(VALID)));

        JsonNode body = assertError(response, 415, "SERVER_UNSUPPORTED_MEDIA_TYPE");
        assertThat(body.get("details").get("expected").asText()).isEqualTo("application/json");
    }

    @Test
    void missingContentTypeIs415AndOtherCharsetsToo() {
        assertError(server.send(server.request("/api/samples")
                .header("Authorization", "Bearer " + LAB)
                .POST(HttpRequest.BodyPublishers.ofString(VALID))), 415, "SERVER_UNSUPPORTED_MEDIA_TYPE");
        assertError(server.send(server.request("/api/samples")
                .header("Authorization", "Bearer " + LAB)
                .header("Content-Type", "application/json; charset=ISO-8859-1")
                .POST(HttpRequest.BodyPublishers.ofString(VALID))), 415, "SERVER_UNSUPPORTED_MEDIA_TYPE");
        assertThat(server.send(server.request("/api/samples")
                .header("Authorization", "Bearer " + LAB)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(VALID))).statusCode()).isEqualTo(201);
    }

    @Test
    void bodyAnnouncedLargerThanTheLimitIs413() {
        String large = VALID.replace("fasting", "x".repeat((int) TestServer.MAX_REQUEST_BYTES));

        JsonNode body = assertError(server.postJson("/api/samples", LAB, large), 413, "SERVER_BODY_TOO_LARGE");

        assertThat(body.get("details").get("maxBytes").asLong()).isEqualTo(TestServer.MAX_REQUEST_BYTES);
    }

    @Test
    void streamedBodyLargerThanTheLimitIs413() {
        byte[] large = VALID.replace("fasting", "x".repeat((int) TestServer.MAX_REQUEST_BYTES)).getBytes(StandardCharsets.UTF_8);

        assertError(server.postChunked("/api/samples", LAB, large), 413, "SERVER_BODY_TOO_LARGE");
    }

    @Test
    void streamedBodyWithinTheLimitIsRead() {
        assertThat(server.postChunked("/api/samples", LAB, VALID.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
    }

    @Test
    void invalidPathParameterIsNamed() {
        JsonNode body = assertError(server.get("/api/patients/12345678901", FakeAuthenticator.CLINICIAN), 400, "KERNEL_INVALID_PSEUDONYM");

        assertThat(body.get("details").get("parameter").asText()).isEqualTo("pseudonym");
        assertThat(body.get("message").asText()).startsWith("Path parameter 'pseudonym'");
    }

    @Test
    void queryParametersAreParsedAndCheckedAndRepeatedOnesRefused() {
        JsonNode ok = TestServer.json(server.get("/api/search?limit=5&tag=a&tag=b"));
        JsonNode invalid = assertError(server.get("/api/search?limit=many"), 400, "SERVER_INVALID_PARAMETER");
        JsonNode repeated = assertError(server.get("/api/search?limit=1&limit=2"), 400, "SERVER_INVALID_PARAMETER");

        assertThat(ok.get("limit").asInt()).isEqualTo(5);
        assertThat(ok.get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(invalid.get("details").get("parameter").asText()).isEqualTo("limit");
        assertThat(repeated.get("message").asText()).contains("given 2 times");
    }
}
