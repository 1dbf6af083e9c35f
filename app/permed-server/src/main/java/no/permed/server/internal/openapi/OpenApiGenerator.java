package no.permed.server.internal.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;
import no.permed.server.ServerErrorCode;
import no.permed.server.route.RegisteredRoute;
import no.permed.server.route.RoutePolicy;

/**
 * Builds the OpenAPI 3.1 document of the registered routes: paths and methods, summaries, tags,
 * the security requirement of each policy (the {@code bearerAuth} JWT scheme; the roles in the
 * description and in {@code x-permed-roles}), request and response body schemas, and error
 * responses that all refer to one shared {@code Error} schema.
 */
public final class OpenApiGenerator {
    public static final String ERROR_SCHEMA = "Error";
    public static final String SECURITY_SCHEME = "bearerAuth";

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private OpenApiGenerator() {}

    public static Map<String, Object> generate(List<RegisteredRoute> routes, String version, boolean devMode) {
        JsonSchemas schemas = new JsonSchemas();
        Map<String, Object> paths = new TreeMap<>();
        Set<String> tags = new TreeSet<>();
        Set<String> operationIds = new TreeSet<>();
        for (RegisteredRoute route : routes) {
            tags.add(route.doc().tag());
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.path(), path -> new LinkedHashMap<String, Object>());
            item.put(route.method().name().toLowerCase(Locale.ROOT), operation(route, schemas, operationIds));
        }

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("title", "permed API");
        info.put("version", version);
        info.put("description", (devMode ? "DEVELOPMENT INSTANCE: not for real patient data. " : "")
                + "Personalised-medicine platform. Every response carries X-Request-Id; every error has the shape of the Error schema. "
                + "Conventions: docs/api.md.");
        document.put("info", info);
        document.put("tags", tags.stream().map(tag -> Map.of("name", tag)).toList());
        document.put("paths", paths);

        Map<String, Object> componentSchemas = new TreeMap<>(schemas.components());
        componentSchemas.put(ERROR_SCHEMA, errorSchema());
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("securitySchemes", Map.of(SECURITY_SCHEME, Map.of(
                "type", "http", "scheme", "bearer", "bearerFormat", "JWT",
                "description", "An OpenID Connect access token: Authorization: Bearer <token>.")));
        components.put("schemas", componentSchemas);
        document.put("components", components);
        return document;
    }

    private static Map<String, Object> operation(RegisteredRoute route, JsonSchemas schemas, Set<String> operationIds) {
        RoutePolicy policy = route.policy();
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("operationId", uniqueOperationId(route, operationIds));
        operation.put("summary", route.doc().summary());
        operation.put("description", route.doc().description().map(text -> text + "\n\n").orElse("") + "Access: " + policy.describe());
        operation.put("tags", List.of(route.doc().tag()));
        operation.put("security", switch (policy.access()) {
            case ANONYMOUS -> List.of();
            case AUTHENTICATED, ROLES -> List.of(Map.of(SECURITY_SCHEME, List.of()));
        });
        operation.put("x-permed-access", policy.access().name().toLowerCase(Locale.ROOT));
        operation.put("x-permed-roles", policy.roleWireNames());

        List<String> pathParameters = pathParameters(route.path());
        if (!pathParameters.isEmpty()) {
            operation.put("parameters", pathParameters.stream()
                    .map(name -> Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")))
                    .toList());
        }
        route.doc().requestBody().ifPresent(type -> operation.put("requestBody", Map.of(
                "required", true,
                "content", Map.of("application/json", Map.of("schema", schemas.schemaOf(type))))));

        Map<String, Object> responses = new TreeMap<>();
        Map<String, Object> success = new LinkedHashMap<>();
        success.put("description", successDescription(route.doc().successStatus()));
        route.doc().responseBody().ifPresent(type ->
                success.put("content", Map.of("application/json", Map.of("schema", schemas.schemaOf(type)))));
        responses.put(Integer.toString(route.doc().successStatus()), success);
        errorCodes(route, !pathParameters.isEmpty()).forEach((kind, codes) ->
                responses.put(Integer.toString(kind.httpStatus()), errorResponse(kind, codes)));
        operation.put("responses", responses);
        return operation;
    }

    /** The error codes a route may answer with, grouped by kind. */
    private static Map<ErrorKind, Set<String>> errorCodes(RegisteredRoute route, boolean hasPathParameters) {
        Map<ErrorKind, Set<String>> codes = new TreeMap<>();
        List<ErrorCode> all = new ArrayList<>();
        if (route.doc().requestBody().isPresent()) {
            all.addAll(List.of(ServerErrorCode.MALFORMED_JSON, ServerErrorCode.UNKNOWN_FIELD, ServerErrorCode.MISSING_FIELD,
                    ServerErrorCode.INVALID_FIELD, ServerErrorCode.MISSING_BODY, ServerErrorCode.BODY_TOO_LARGE,
                    ServerErrorCode.UNSUPPORTED_MEDIA_TYPE));
        }
        if (hasPathParameters) {
            all.add(ServerErrorCode.INVALID_PARAMETER);
        }
        all.addAll(switch (route.policy().access()) {
            case ANONYMOUS -> List.of();
            case AUTHENTICATED -> List.of(ServerErrorCode.AUTHENTICATION_REQUIRED);
            case ROLES -> List.of(ServerErrorCode.AUTHENTICATION_REQUIRED, ServerErrorCode.FORBIDDEN);
        });
        all.addAll(route.doc().errors());
        all.add(ServerErrorCode.INTERNAL);
        for (ErrorCode code : all) {
            codes.computeIfAbsent(code.kind(), kind -> new TreeSet<>()).add(code.code());
        }
        return codes;
    }

    private static Map<String, Object> errorResponse(ErrorKind kind, Set<String> codes) {
        return Map.of(
                "description", kindDescription(kind) + " Codes: " + String.join(", ", codes) + ".",
                "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/" + ERROR_SCHEMA))));
    }

    private static Map<String, Object> errorSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("code", Map.of("type", "string", "description", "A stable error code, listed in docs/api.md.",
                "examples", List.of(ServerErrorCode.UNKNOWN_FIELD.code())));
        properties.put("message", Map.of("type", "string",
                "description", "For people: what failed, where, and how to fix it."));
        properties.put("details", Map.of("type", "object", "additionalProperties", true,
                "description", "Structured facts, e.g. field, line, column, allowedMethods, requiredRoles."));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("required", List.of("code", "message", "details"));
        schema.put("properties", properties);
        return schema;
    }

    private static String kindDescription(ErrorKind kind) {
        return switch (kind) {
            case BAD_INPUT -> "Bad input.";
            case UNAUTHENTICATED -> "No valid bearer token.";
            case FORBIDDEN -> "Not allowed for this caller.";
            case NOT_FOUND -> "Not found.";
            case METHOD_NOT_ALLOWED -> "Method not allowed.";
            case CONFLICT -> "Conflicts with the current state.";
            case TOO_LARGE -> "Request body too large.";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported Content-Type.";
            case TOO_MANY_REQUESTS -> "Too many requests.";
            case INTERNAL -> "Internal error; the message names the request id.";
            case UNAVAILABLE -> "Temporarily unavailable.";
        };
    }

    private static String successDescription(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No content";
            default -> "Success";
        };
    }

    private static List<String> pathParameters(String path) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** {@code GET /api/things/{id}} becomes {@code getApiThingsById}; unique within the document. */
    private static String uniqueOperationId(RegisteredRoute route, Set<String> taken) {
        StringBuilder id = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
        for (String segment : route.path().split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            boolean parameter = segment.startsWith("{");
            if (parameter) {
                id.append("By");
            }
            for (String word : segment.replaceAll("[{}]", "").split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty()) {
                    id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
        }
        String candidate = id.toString();
        for (int suffix = 2; !taken.add(candidate); suffix++) {
            candidate = id + "_" + suffix;
        }
        return candidate;
    }
}
