package no.permed.frequency.beacon;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import no.permed.frequency.FrequencyErrorCode;
import no.permed.kernel.PermedException;

/**
 * One Beacon request, read from GET query parameters or from a POST body in the shape of the framework's
 * {@code beaconRequestBody.json}, so that both reach the same code.
 *
 * @param requestedGranularity boolean (the default), count or record
 * @param filters the filtering terms' ids, in order
 * @param skip pages to skip (Beacon counts {@code skip} in pages of {@code limit})
 * @param limit the page size asked for; 0 means the Beacon's largest, -1 that the request names none
 * @param includeResultsetResponses HIT (the default), ALL, MISS or NONE
 * @param parameters the request parameters (e.g. {@code referenceName}, {@code start}), each with its values as text
 * @param requestedSchemas the schemas the client asked for, echoed in the answer
 * @param testMode whether the client asked for test mode
 */
public record BeaconQuery(Granularity requestedGranularity, List<String> filters, int skip, int limit, String includeResultsetResponses,
        Map<String, List<String>> parameters, List<Map<String, String>> requestedSchemas, boolean testMode) {

    /** The request parameters a Beacon GET takes besides the entry type's own. */
    private static final List<String> FRAMEWORK_PARAMETERS = List.of("requestedGranularity", "skip", "limit", "filters",
            "includeResultsetResponses", "testMode");
    private static final Set<String> RESULTSET_RESPONSES = Set.of("ALL", "HIT", "MISS", "NONE");

    public BeaconQuery {
        requireNonNull(requestedGranularity, "requestedGranularity is null");
        filters = List.copyOf(filters);
        requireNonNull(includeResultsetResponses, "includeResultsetResponses is null");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        parameters = java.util.Collections.unmodifiableMap(copy);
        requestedSchemas = List.copyOf(requestedSchemas);
        if (skip < 0 || limit < -1) {
            throw new IllegalArgumentException("skip must be 0 or more and limit -1 or more");
        }
    }

    /** A request with no parameters: boolean granularity, no filters, the first page. */
    public static BeaconQuery empty() {
        return new BeaconQuery(Granularity.BOOLEAN, List.of(), 0, -1, "HIT", Map.of(), List.of(), false);
    }

    /** The values of a request parameter (empty when absent). */
    public List<String> parameter(String name) {
        return parameters.getOrDefault(name, List.of());
    }

    /** The single value of a request parameter; more than one is refused. */
    public Optional<String> single(String name) {
        List<String> values = parameter(name);
        if (values.size() > 1) {
            throw invalid(name, name + " takes one value but was given " + values.size());
        }
        return values.stream().findFirst();
    }

    /**
     * Reads a GET request.
     *
     * @param values all values of a query parameter by name (a repeated parameter gives several; empty when absent)
     * @param entryParameters the entry type's own parameter names (e.g. {@code referenceName}, {@code start})
     */
    public static BeaconQuery fromQueryParameters(Function<String, List<String>> values, List<String> entryParameters) {
        requireNonNull(values, "values is null");
        Granularity granularity = one(values, "requestedGranularity").map(Granularity::parse).orElse(Granularity.BOOLEAN);
        List<String> filters = new ArrayList<>();
        for (String value : values.apply("filters")) {
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    filters.add(id.strip());
                }
            }
        }
        int skip = one(values, "skip").map(text -> number("skip", text)).orElse(0);
        int limit = one(values, "limit").map(text -> number("limit", text)).orElse(-1);
        String include = one(values, "includeResultsetResponses").map(BeaconQuery::resultsetResponses).orElse("HIT");
        boolean testMode = one(values, "testMode").map(text -> bool("testMode", text)).orElse(false);
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String name : entryParameters) {
            if (FRAMEWORK_PARAMETERS.contains(name)) {
                continue;
            }
            List<String> given = new ArrayList<>();
            for (String value : values.apply(name)) {
                for (String part : value.split(",", -1)) {
                    given.add(part.strip());
                }
            }
            if (!given.isEmpty()) {
                parameters.put(name, given);
            }
        }
        return new BeaconQuery(granularity, filters, skip, limit, include, parameters, List.of(), testMode);
    }

    /** Reads a POST body ({@code beaconRequestBody.json}); an empty body is an empty request. */
    public static BeaconQuery fromBody(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode() || body.isObject() && body.isEmpty()) {
            return empty();
        }
        if (!body.isObject()) {
            throw invalid("body", "the request body must be a JSON object with meta and query (beaconRequestBody)");
        }
        List<Map<String, String>> schemas = new ArrayList<>();
        JsonNode meta = body.path("meta");
        if (!meta.isMissingNode() && !meta.isObject()) {
            throw invalid("meta", "meta must be an object");
        }
        for (JsonNode schema : meta.path("requestedSchemas")) {
            Map<String, String> entry = new LinkedHashMap<>();
            if (schema.hasNonNull("entityType")) {
                entry.put("entityType", schema.get("entityType").asText());
            }
            if (schema.hasNonNull("schema")) {
                entry.put("schema", schema.get("schema").asText());
            }
            schemas.add(entry);
        }
        JsonNode query = body.path("query");
        if (!query.isMissingNode() && !query.isObject()) {
            throw invalid("query", "query must be an object");
        }
        Granularity granularity = text(query, "requestedGranularity").map(Granularity::parse).orElse(Granularity.BOOLEAN);
        List<String> filters = new ArrayList<>();
        JsonNode filterNodes = query.path("filters");
        if (!filterNodes.isMissingNode() && !filterNodes.isArray()) {
            throw invalid("filters", "query.filters must be an array of filtering terms");
        }
        for (JsonNode filter : filterNodes) {
            if (filter.isTextual()) {
                filters.add(filter.asText().strip());
            } else if (filter.isObject() && filter.hasNonNull("id")) {
                if (filter.has("operator") || filter.has("value")) {
                    throw new PermedException(FrequencyErrorCode.INVALID_QUERY, "alphanumeric filters (id, operator, value) are not"
                            + " supported here; use the ids listed at /beacon/filtering_terms (e.g. population:GBR)",
                            Map.of("parameter", "filters", "filter", printable(filter.get("id").asText())));
                }
                filters.add(filter.get("id").asText().strip());
            } else {
                throw invalid("filters", "each filter must be an object with an id (or a string)");
            }
        }
        JsonNode pagination = query.path("pagination");
        int skip = pagination.has("skip") ? integer(pagination.get("skip"), "pagination.skip") : 0;
        int limit = pagination.has("limit") ? integer(pagination.get("limit"), "pagination.limit") : -1;
        String include = text(query, "includeResultsetResponses").map(BeaconQuery::resultsetResponses).orElse("HIT");
        boolean testMode = query.path("testMode").asBoolean(false);
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        JsonNode requestParameters = query.path("requestParameters");
        if (!requestParameters.isMissingNode() && !requestParameters.isObject()) {
            throw invalid("requestParameters", "query.requestParameters must be an object");
        }
        flatten(requestParameters, parameters);
        return new BeaconQuery(granularity, filters, skip, limit, include, parameters, schemas, testMode);
    }

    /**
     * Request parameters come flat ({@code {"referenceName": "1", "start": [55051214]}}, as most clients send them) or
     * nested under the entry type ({@code {"g_variant": {...}}}, {@code {"datasets": {"datasetIds": [...]}}}) as the
     * framework's schema has them; both are read into one flat map.
     */
    private static void flatten(JsonNode node, Map<String, List<String>> into) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("$schema")) {
                continue;
            }
            if (value.isObject()) {
                flatten(value, into);
            } else if (value.isArray()) {
                List<String> values = new ArrayList<>();
                for (JsonNode item : value) {
                    if (!item.isValueNode()) {
                        throw invalid(name, "requestParameters." + name + " must hold numbers or strings");
                    }
                    values.add(item.asText());
                }
                into.put(name, values);
            } else if (value.isValueNode() && !value.isNull()) {
                into.put(name, List.of(value.asText()));
            }
        }
    }

    private static Optional<String> one(Function<String, List<String>> values, String name) {
        List<String> given = values.apply(name);
        if (given.size() > 1) {
            throw invalid(name, name + " takes one value but was given " + given.size());
        }
        return given.stream().findFirst().map(String::strip);
    }

    private static Optional<String> text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw invalid(name, name + " must be a string");
        }
        return Optional.of(value.asText());
    }

    private static String resultsetResponses(String text) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        if (!RESULTSET_RESPONSES.contains(upper)) {
            throw invalid("includeResultsetResponses", "includeResultsetResponses must be ALL, HIT, MISS or NONE but is '"
                    + printable(text) + "'");
        }
        return upper;
    }

    private static int number(String name, String text) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 0) {
                throw invalid(name, name + " must be 0 or more but is " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(name, name + " must be a whole number but is '" + printable(text) + "'");
        }
    }

    private static int integer(JsonNode node, String name) {
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw invalid(name, name + " must be a whole number");
        }
        int value = node.asInt();
        if (value < 0) {
            throw invalid(name, name + " must be 0 or more but is " + value);
        }
        return value;
    }

    private static boolean bool(String name, String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, name + " must be true or false but is '" + printable(text) + "'");
        };
    }

    static PermedException invalid(String parameter, String message) {
        return new PermedException(FrequencyErrorCode.INVALID_QUERY, message, Map.of("parameter", parameter));
    }

    /** A client's text as it may appear in a message: printable ASCII, at most 60 characters. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int index = 0; index < text.length() && out.length() < 60; index++) {
            char character = text.charAt(index);
            out.append(character >= 0x20 && character < 0x7f ? character : '?');
        }
        return text.length() > 60 ? out + "…" : out.toString();
    }
}
