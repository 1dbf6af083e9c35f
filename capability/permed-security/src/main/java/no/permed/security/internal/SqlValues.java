package no.permed.security.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.argument.Argument;

/**
 * Binds and reads the SQL types of this module explicitly (timestamps as UTC {@code timestamptz},
 * text arrays), so that nothing depends on the JVM's default time zone. Not part of the module's API.
 */
public final class SqlValues {
    private SqlValues() {}

    /** PostgreSQL keeps microseconds; every instant is truncated to them before it is stored or hashed. */
    public static Instant toDatabasePrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static Argument timestamp(Instant instant) {
        OffsetDateTime value = toDatabasePrecision(instant).atOffset(ZoneOffset.UTC);
        return (position, statement, context) -> statement.setObject(position, value);
    }

    public static Argument textArray(List<String> values) {
        Object[] array = values.toArray(new Object[0]);
        return (position, statement, context) -> statement.setArray(position, statement.getConnection().createArrayOf("text", array));
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static List<String> texts(ResultSet row, String column) throws SQLException {
        Array array = row.getArray(column);
        if (array == null) {
            return List.of();
        }
        try {
            Object[] values = (Object[]) array.getArray();
            String[] texts = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                texts[i] = String.valueOf(values[i]);
            }
            return List.of(texts);
        } finally {
            array.free();
        }
    }

    /**
     * Makes text storable in PostgreSQL and hashable the same way on both sides: NUL characters
     * (which PostgreSQL refuses) and unpaired surrogates (which cannot be encoded as UTF-8) become
     * U+FFFD, and text longer than {@code maximumLength} is cut.
     */
    public static String storable(String text, int maximumLength) {
        StringBuilder result = new StringBuilder(Math.min(text.length(), maximumLength));
        int index = 0;
        while (index < text.length() && result.length() < maximumLength) {
            char character = text.charAt(index);
            if (Character.isHighSurrogate(character) && index + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(index + 1))) {
                if (result.length() + 2 > maximumLength) {
                    break;
                }
                result.append(character).append(text.charAt(index + 1));
                index += 2;
                continue;
            }
            if (character == '\u0000' || Character.isSurrogate(character)) {
                result.append('\uFFFD');
            } else {
                result.append(character);
            }
            index++;
        }
        return result.toString();
    }
}
