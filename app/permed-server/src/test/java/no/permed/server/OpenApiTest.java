package no.permed.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.permed.server.route.RegisteredRoute;
import no.permed.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document is generated from the registered routes and describes each completely. */
class OpenApiTest {
    private static TestServer server;
    private static JsonNode document;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        HttpResponse<String> response = server.get("/api/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        document = TestServer.json(response);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void isOpenApi31WithTheServersVersion() {
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.get("info").get("version").asText()).isEqualTo("9.9.9-test");
        assertThat(document.get("info").get("title").asText()).isEqualTo("permed API");
    }

    @Test
    void developmentInstancesSaySo() {
        assertThat(document.get("info").get("description").asText()).doesNotContain("DEVELOPMENT");
        try (TestServer development = TestServer.start(TestServer.settings().withDevMode(true), ReadinessCheck.ALWAYS_READY, List.of())) {
            JsonNode developmentDocument = TestServer.json(development.get("/api/openapi.json"));

            assertThat(developmentDocument.get("info").get("description").asText()).startsWith("DEVELOPMENT INSTANCE");
        }
    }

    @Test
    void everyRegisteredRouteIsThereAndNothingElse() {
        List<String> documented = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }

        List<String> registered = server.server().routes().stream().map(RegisteredRoute::display).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
        assertThat(documented).doesNotContain("GET /api/sneaky");
        for (RegisteredRoute route : server.server().routes()) {
            JsonNode operation = operation(route.method().name(), route.path());
            assertThat(operation.get("summary").asText()).isEqualTo(route.doc().summary());
            assertThat(operation.get("tags").get(0).asText()).isEqualTo(route.doc().tag());
            assertThat(operation.get("operationId").asText()).isNotBlank();
            assertThat(operation.get("responses").has("500")).isTrue();
        }
    }

    @Test
    void bearerJwtSchemeIsDeclared() {
        JsonNode scheme = document.get("components").get("securitySchemes").get("bearerAuth");

        assertThat(scheme.get("type").asText()).isEqualTo("http");
        assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.get("bearerFormat").asText()).isEqualTo("JWT");
    }

    @Test
    void securityFollowsThePolicy() {
        JsonNode anonymous = operation("GET", "/health");
        JsonNode authenticated = operation("GET", "/api/me");
        JsonNode roles = operation("GET", "/api/patients/{pseudonym}");

        assertThat(anonymous.get("security").isEmpty()).isTrue();
        assertThat(anonymous.get("description").asText()).contains("No authentication needed.");
        assertThat(authenticated.get("security").get(0).has("bearerAuth")).isTrue();
        assertThat(authenticated.get("responses").has("401")).isTrue();
        assertThat(authenticated.get("responses").has("403")).isFalse();
        assertThat(roles.get("security").get(0).has("bearerAuth")).isTrue();
        assertThat(roles.get("description").asText()).contains("clinician, lab");
        assertThat(roles.get("x-permed-roles").toString()).isEqualTo("[\"clinician\",\"lab\"]");
        assertThat(roles.get("responses").get("403").get("description").asText()).contains("SERVER_FORBIDDEN");
        assertThat(roles.get("parameters").get(0).get("name").asText()).isEqualTo("pseudonym");
        assertThat(roles.get("parameters").get(0).get("in").asText()).isEqualTo("path");
    }

    @Test
    void requestAndResponseBodiesReferToComponentSchemas() {
        JsonNode submit = operation("POST", "/api/samples");

        assertThat(submit.get("requestBody").get("content").get("application/json").get("schema").get("$ref").asText())
                .isEqualTo("#/components/schemas/SampleSubmission");
        assertThat(submit.get("responses").get("201").get("content").get("application/json").get("schema").get("$ref").asText())
                .isEqualTo("#/components/schemas/SampleReceipt");
        assertThat(submit.get("responses").get("415").get("description").asText()).contains("SERVER_UNSUPPORTED_MEDIA_TYPE");
        assertThat(submit.get("responses").get("409").get("description").asText()).contains("TEST_SAMPLE_EXISTS");

        JsonNode schema = document.get("components").get("schemas").get("SampleSubmission");
        assertThat(schema.get("required").toString()).isEqualTo("[\"name\",\"count\",\"collected\",\"kind\",\"parts\"]");
        assertThat(schema.get("properties").get("collected").get("format").asText()).isEqualTo("date");
        assertThat(schema.get("properties").get("kind").get("enum").toString()).isEqualTo("[\"BLOOD\",\"SALIVA\"]");
        assertThat(schema.get("properties").get("parts").get("items").get("$ref").asText()).isEqualTo("#/components/schemas/Part");
        assertThat(schema.get("properties").get("patient").get("pattern").asText()).startsWith("^[pr]");
        assertThat(document.get("components").get("schemas").has("Part")).isTrue();
    }

    @Test
    void everyErrorResponseRefersToTheOneErrorSchema() {
        JsonNode error = document.get("components").get("schemas").get("Error");
        assertThat(error.get("required").toString()).isEqualTo("[\"code\",\"message\",\"details\"]");

        int errorResponses = 0;
        for (JsonNode pathItem : iterable(document.get("paths"))) {
            for (JsonNode operation : iterable(pathItem)) {
                for (Map.Entry<String, JsonNode> response : operation.get("responses").properties()) {
                    if (Integer.parseInt(response.getKey()) >= 400) {
                        errorResponses++;
                        assertThat(response.getValue().get("content").get("application/json").get("schema").get("$ref").asText())
                                .isEqualTo("#/components/schemas/Error");
                    }
                }
            }
        }
        assertThat(errorResponses).isGreaterThan(server.server().routes().size());
    }

    private static JsonNode operation(String method, String path) {
        JsonNode operation = document.get("paths").get(path).get(method.toLowerCase(Locale.ROOT));
        assertThat(operation).as("%s %s", method, path).isNotNull();
        return operation;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node::elements;
    }
}
