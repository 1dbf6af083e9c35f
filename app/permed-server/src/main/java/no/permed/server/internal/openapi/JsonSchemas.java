package no.permed.server.internal.openapi;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import no.permed.kernel.NationalId;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;

/**
 * JSON Schemas (OpenAPI 3.1 dialect) of Java types as the server's JSON mapping writes and reads
 * them: records become named component schemas whose required properties are the components that
 * are not {@code Optional}; kernel identifiers are strings; enums list their wire names.
 */
final class JsonSchemas {
    private final Map<String, Object> components = new TreeMap<>();
    private final Map<String, Class<?>> namedTypes = new LinkedHashMap<>();

    /** The schemas of the records met so far, by name, for {@code components.schemas}. */
    Map<String, Object> components() {
        return components;
    }

    /** A reference to the component schema of a record, or an inline schema for other types. */
    Map<String, Object> schemaOf(Type type) {
        if (type instanceof Class<?> plain) {
            return schemaOfClass(plain);
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == Optional.class) {
                return schemaOf(arguments[0]);
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return array(schemaOf(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return object(Map.of("additionalProperties", schemaOf(arguments[1])));
            }
            return schemaOfClass(raw);
        }
        if (type instanceof GenericArrayType array) {
            return array(schemaOf(array.getGenericComponentType()));
        }
        if (type instanceof WildcardType wildcard && wildcard.getUpperBounds().length == 1) {
            return schemaOf(wildcard.getUpperBounds()[0]);
        }
        return Map.of();
    }

    /** The component name under which a record's schema is listed. */
    String nameOf(Class<?> type) {
        for (Map.Entry<String, Class<?>> entry : namedTypes.entrySet()) {
            if (entry.getValue() == type) {
                return entry.getKey();
            }
        }
        String name = type.getSimpleName();
        for (int suffix = 2; namedTypes.containsKey(name); suffix++) {
            name = type.getSimpleName() + suffix;
        }
        namedTypes.put(name, type);
        return name;
    }

    private Map<String, Object> schemaOfClass(Class<?> type) {
        if (type == String.class || type == char.class || type == Character.class) {
            return Map.of("type", "string");
        }
        if (type == int.class || type == Integer.class || type == short.class || type == Short.class
                || type == byte.class || type == Byte.class || type == OptionalInt.class) {
            return Map.of("type", "integer", "format", "int32");
        }
        if (type == long.class || type == Long.class || type == OptionalLong.class) {
            return Map.of("type", "integer", "format", "int64");
        }
        if (type == BigInteger.class) {
            return Map.of("type", "integer");
        }
        if (type == double.class || type == Double.class || type == OptionalDouble.class) {
            return Map.of("type", "number", "format", "double");
        }
        if (type == float.class || type == Float.class) {
            return Map.of("type", "number", "format", "float");
        }
        if (type == BigDecimal.class) {
            return Map.of("type", "number");
        }
        if (type == boolean.class || type == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (type == LocalDate.class) {
            return Map.of("type", "string", "format", "date");
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (type == LocalDateTime.class) {
            return Map.of("type", "string", "description", "a local date and time, e.g. 2024-01-31T13:45:00");
        }
        if (type == Duration.class) {
            return Map.of("type", "string", "format", "duration");
        }
        if (type == UUID.class) {
            return Map.of("type", "string", "format", "uuid");
        }
        if (type == UserId.class || type == OrganisationId.class) {
            return Map.of("type", "string", "pattern", "^[A-Za-z0-9][A-Za-z0-9._@:\\-]{0,127}$");
        }
        if (type == Pseudonym.class) {
            return Map.of("type", "string", "pattern", "^[pr][0-9]{1,4}_[A-Za-z0-9_-]{43}$");
        }
        if (type == NationalId.class) {
            return Map.of("type", "string", "pattern", "^[0-9]{11}$",
                    "description", "a Norwegian national identity number; accepted in requests, never returned");
        }
        if (type.isEnum()) {
            List<String> values = Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
            return Map.of("type", "string", "enum", values);
        }
        if (type.isArray()) {
            return array(schemaOfClass(type.getComponentType()));
        }
        if (Collection.class.isAssignableFrom(type)) {
            return array(Map.of());
        }
        if (Map.class.isAssignableFrom(type)) {
            return object(Map.of());
        }
        if (type.isRecord()) {
            return reference(type);
        }
        return object(Map.of("description", "an object (" + type.getSimpleName() + ")"));
    }

    private Map<String, Object> reference(Class<?> record) {
        String name = nameOf(record);
        if (!components.containsKey(name)) {
            components.put(name, Map.of());
            Map<String, Object> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (RecordComponent component : record.getRecordComponents()) {
                properties.put(component.getName(), schemaOf(component.getGenericType()));
                if (!isOptional(component.getType())) {
                    required.add(component.getName());
                }
            }
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("properties", properties);
            if (!required.isEmpty()) {
                schema.put("required", required);
            }
            components.put(name, schema);
        }
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    private static boolean isOptional(Class<?> type) {
        return type == Optional.class || type == OptionalInt.class || type == OptionalLong.class || type == OptionalDouble.class;
    }

    private static Map<String, Object> array(Map<String, Object> items) {
        return Map.of("type", "array", "items", items);
    }

    private static Map<String, Object> object(Map<String, Object> more) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.putAll(more);
        return schema;
    }
}
