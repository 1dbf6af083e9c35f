package no.permed.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** Checks that a response is an error in the one JSON error format. */
public final class ErrorAssertions {
    private ErrorAssertions() {}

    /** Asserts status, content type, the three fields and the code; returns the body. */
    public static JsonNode assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        JsonNode body = TestServer.json(response);
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("code", "message", "details");
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.get("details").isObject()).isTrue();
        return body;
    }
}
