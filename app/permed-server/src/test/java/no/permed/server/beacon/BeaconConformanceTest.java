package no.permed.server.beacon;

import static no.permed.server.beacon.BeaconFixture.ANONYMOUS;
import static no.permed.server.beacon.BeaconFixture.CONTROLLED;
import static no.permed.server.beacon.BeaconFixture.REGISTERED;
import static no.permed.server.beacon.BeaconFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, part 4: walks {@code /beacon/map} and validates every endpoint's answer, for each granularity and each tier,
 * against the official Beacon v2 JSON schemas (ga4gh-beacon/beacon-v2 v2.1.1, draft 2020-12, copied under
 * {@code src/test/resources/beacon-v2-schemas}; their GitHub URLs are mapped to that copy). Entry records are validated
 * against upstream's dereferenced entry schemas (VRS inlined).
 */
class BeaconConformanceTest {
    private static final String UPSTREAM = "https://raw.githubusercontent.com/ga4gh-beacon/beacon-v2/main/";
    private static final String LOCAL = "classpath:beacon-v2-schemas/";
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(resolvers -> resolvers.mapPrefix(UPSTREAM, LOCAL)));
    private static final Map<String, String> ENTRY_SCHEMAS = Map.of("genomicVariant", "genomicVariations", "individual", "individuals",
            "biosample", "biosamples", "dataset", "datasets");
    private static final Map<String, String> TIERS = new LinkedHashMap<>();

    static {
        TIERS.put("PUBLIC", ANONYMOUS);
        TIERS.put("REGISTERED", REGISTERED);
        TIERS.put("CONTROLLED", CONTROLLED);
    }

    private static final Map<String, Schema> LOADED = new TreeMap<>();
    private static BeaconFixture beacon;

    @BeforeAll
    static void start() {
        beacon = BeaconFixture.start();
    }

    @AfterAll
    static void stop() {
        if (beacon != null) {
            beacon.close();
        }
    }

    @Test
    void theValidatorAcceptsAValidUpstreamExampleAndRejectsAnInvalidOne() {
        // the schema folder's README lists beaconInfo-MIN as valid and beaconBooleanResponse-example as invalid
        // (it lacks meta.returnedGranularity and meta.receivedRequestSummary.requestedGranularity)
        assertThat(errors("framework/json/responses/beaconInfoResponse.json",
                resource("framework/json/responses/examples-fullDocuments/beaconInfo-MIN-example.json"))).isEmpty();
        List<String> invalid = errors("framework/json/responses/beaconBooleanResponse.json",
                resource("framework/json/responses/examples-fullDocuments/beaconBooleanResponse-example.json"));
        assertThat(invalid).isNotEmpty();
        assertThat(String.join("\n", invalid)).contains("returnedGranularity");
        // and one of our own answers stops validating when a required field is removed
        JsonNode info = json(beacon.get("/beacon/info", ANONYMOUS, "conformance"));
        assertThat(errors("framework/json/responses/beaconInfoResponse.json", info)).isEmpty();
        ((ObjectNode) info.get("response")).remove("organization");
        assertThat(errors("framework/json/responses/beaconInfoResponse.json", info)).isNotEmpty();
        // so does a variant record (validated against the dereferenced entry schema) whose location is not VRS
        JsonNode answer = json(beacon.get("/beacon/g_variants?referenceName=22&start=16050114&alternateBases=A&requestedGranularity=record",
                CONTROLLED, "conformance"));
        ObjectNode record = (ObjectNode) records(answer).get(0);
        String variant = "deref_schemas/genomicVariations/defaultSchema.json";
        assertThat(errors(variant, record)).isEmpty();
        ((ObjectNode) record.at("/variation/location")).put("type", "ChromosomeRegion");
        assertThat(errors(variant, record)).isNotEmpty();
    }

    @Test
    void theInformationalEndpointsMatchTheirSchemas() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("/beacon", "framework/json/responses/beaconInfoResponse.json");
        endpoints.put("/beacon/info", "framework/json/responses/beaconInfoResponse.json");
        endpoints.put("/beacon/service-info", "framework/json/responses/ga4gh-service-info-1-0-0-schema.json");
        endpoints.put("/beacon/configuration", "framework/json/responses/beaconConfigurationResponse.json");
        endpoints.put("/beacon/map", "framework/json/responses/beaconMapResponse.json");
        endpoints.put("/beacon/entry_types", "framework/json/responses/beaconEntryTypesResponse.json");
        endpoints.put("/beacon/filtering_terms", "framework/json/responses/beaconFilteringTermsResponse.json");
        for (Map.Entry<String, String> tier : TIERS.entrySet()) {
            for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
                HttpResponse<String> response = beacon.get(endpoint.getKey(), tier.getValue(), "conformance");
                assertThat(response.statusCode()).as(endpoint.getKey() + " " + response.body()).isEqualTo(200);
                assertThat(errors(endpoint.getValue(), json(response))).as(tier.getKey() + " " + endpoint.getKey()).isEmpty();
            }
        }
    }

    @Test
    void everyEndpointOfTheMapAnswersInTheSchemasForEachGranularityAndTier() {
        JsonNode map = json(beacon.get("/beacon/map", ANONYMOUS, "conformance")).at("/response/endpointSets");
        assertThat(map.size()).isEqualTo(4);
        Map<String, Integer> recordsValidated = new TreeMap<>();
        int answers = 0;
        for (Map.Entry<String, JsonNode> set : map.properties()) {
            String entryType = set.getValue().get("entryType").asText();
            List<String> urls = new ArrayList<>();
            String query = entryType.equals("genomicVariant") ? "&assemblyId=GRCh37&referenceName=22&start=16050000&end=16050700" : "";
            urls.add(set.getValue().get("rootUrl").asText() + "?limit=3" + query);
            if (set.getValue().has("singleEntryUrl")) {
                urls.add(set.getValue().get("singleEntryUrl").asText().replace("{id}", ThousandGenomesCohort.BIG) + "?limit=3");
            }
            for (String url : urls) {
                for (Map.Entry<String, String> tier : TIERS.entrySet()) {
                    for (String granularity : List.of("boolean", "count", "record")) {
                        HttpResponse<String> response = beacon.getUrl(url + "&requestedGranularity=" + granularity, tier.getValue(),
                                "conformance");
                        String what = tier.getKey() + " " + granularity + " " + url + ": " + response.body();
                        JsonNode body = json(response);
                        answers++;
                        if (response.statusCode() != 200) {
                            assertThat(errors("framework/json/responses/beaconErrorResponse.json", body)).as(what).isEmpty();
                            assertThat(body.at("/error/errorCode").asInt()).as(what).isEqualTo(response.statusCode());
                            assertThat(tier.getKey()).as(what).isNotEqualTo("CONTROLLED");
                            continue;
                        }
                        String returned = body.at("/meta/returnedGranularity").asText();
                        assertThat(rank(returned)).as(what).isLessThanOrEqualTo(rank(granularity));
                        if (tier.getKey().equals("PUBLIC") && !entryType.equals("dataset")) {
                            assertThat(returned).as(what).isNotEqualTo("record");
                            assertThat(body.has("response")).as(what).isFalse();
                        }
                        String envelope = switch (returned) {
                            case "boolean" -> "beaconBooleanResponse.json";
                            case "count" -> "beaconCountResponse.json";
                            default -> entryType.equals("dataset") ? "beaconCollectionsResponse.json" : "beaconResultsetsResponse.json";
                        };
                        assertThat(errors("framework/json/responses/" + envelope, body)).as(what).isEmpty();
                        for (JsonNode record : records(body)) {
                            assertThat(errors("deref_schemas/" + ENTRY_SCHEMAS.get(entryType) + "/defaultSchema.json", record))
                                    .as(what + " record " + record).isEmpty();
                            recordsValidated.merge(entryType, 1, Integer::sum);
                        }
                    }
                }
            }
        }
        assertThat(answers).isEqualTo(3 * 3 * 5);
        assertThat(recordsValidated).containsOnlyKeys("genomicVariant", "individual", "biosample", "dataset");
    }

    @Test
    void postRequestsAndErrorsMatchTheirSchemas() {
        String body = """
                {"meta": {"apiVersion": "v2.0"}, "query": {"requestParameters": {"g_variant": {"assemblyId": "GRCh37",
                  "referenceName": "22", "start": [16050114], "referenceBases": "G", "alternateBases": "A"}},
                  "requestedGranularity": "record", "pagination": {"skip": 0, "limit": 5}}}""";
        assertThat(errors("framework/json/requests/beaconRequestBody.json", read(body))).isEmpty();
        HttpResponse<String> answer = beacon.post("/beacon/g_variants", CONTROLLED, "conformance", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(errors("framework/json/responses/beaconResultsetsResponse.json", json(answer))).isEmpty();
        assertThat(records(json(answer))).isNotEmpty();

        for (HttpResponse<String> error : List.of(
                beacon.get("/beacon/g_variants?referenceName=22&start=300&end=200", REGISTERED, "conformance"),
                beacon.get("/beacon/g_variants?referenceName=22&start=1&end=2&filters=EFO:0001212", ANONYMOUS, "conformance"),
                beacon.get("/beacon/individuals", ANONYMOUS, "conformance"),
                beacon.get("/beacon/nothing", ANONYMOUS, "conformance"),
                beacon.post("/beacon/biosamples", REGISTERED, "conformance", "[1, 2"))) {
            assertThat(error.statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(errors("framework/json/responses/beaconErrorResponse.json", json(error))).as(error.body()).isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static int rank(String granularity) {
        return List.of("boolean", "count", "record").indexOf(granularity);
    }

    private static List<JsonNode> records(JsonNode body) {
        List<JsonNode> records = new ArrayList<>();
        body.at("/response/resultSets").forEach(set -> set.get("results").forEach(records::add));
        body.at("/response/collections").forEach(records::add);
        return records;
    }

    private static List<String> errors(String schemaPath, JsonNode document) {
        Schema schema = LOADED.computeIfAbsent(schemaPath, path -> path.startsWith("deref_schemas/")
                ? SCHEMAS.getSchema(SchemaLocation.of(LOCAL + path))
                : SCHEMAS.getSchema(SchemaLocation.of(UPSTREAM + path)));
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    private static JsonNode resource(String path) {
        try (InputStream stream = BeaconConformanceTest.class.getResourceAsStream("/beacon-v2-schemas/" + path)) {
            if (stream == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new ObjectMapper().readTree(stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
