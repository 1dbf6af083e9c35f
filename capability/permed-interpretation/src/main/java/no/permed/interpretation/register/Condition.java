package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;

/**
 * The condition a variant is classified for: a MONDO, ORPHA or OMIM identifier, or free text. Aggregation is per
 * variant and {@link #key()}: identifiers compare by their canonical form ({@code MONDO:0007254}, {@code ORPHA:145},
 * {@code OMIM:604370}), free text by its lower-case form with white space collapsed (ClinVar's "not specified" is
 * free text).
 *
 * @param kind which vocabulary, or free text
 * @param value the canonical identifier ({@code MONDO:0007254}) or the text as given (trimmed, white space collapsed)
 */
public record Condition(Kind kind, String value) {
    private static final Pattern IDENTIFIER = Pattern.compile("(?i)(MONDO|ORPHA|ORPHANET|OMIM|MIM)[:_ ]?([0-9]{1,7})");
    private static final int MAX_TEXT = 200;

    /** The vocabulary of a condition. */
    public enum Kind {
        MONDO, ORPHA, OMIM, TEXT
    }

    public Condition {
        requireNonNull(kind, "kind is null");
        requireNonNull(value, "value is null");
    }

    /**
     * Parses {@code MONDO:0007254} (also {@code MONDO_0007254}, {@code mondo:7254}), {@code ORPHA:145}
     * ({@code Orphanet:145}), {@code OMIM:604370} ({@code MIM:604370}), or takes the text as free text.
     *
     * @throws PermedException with {@link InterpretationErrorCode#INVALID_CONDITION} for blank text, text longer than
     *     200 characters or text with control characters
     */
    public static Condition parse(String text) {
        requireNonNull(text, "text is null");
        String trimmed = text.strip().replaceAll("\\s+", " ");
        Matcher matcher = IDENTIFIER.matcher(trimmed);
        if (matcher.matches()) {
            String prefix = matcher.group(1).toUpperCase(Locale.ROOT);
            long number = Long.parseLong(matcher.group(2));
            return switch (prefix) {
                case "MONDO" -> new Condition(Kind.MONDO, String.format(Locale.ROOT, "MONDO:%07d", number));
                case "ORPHA", "ORPHANET" -> new Condition(Kind.ORPHA, "ORPHA:" + number);
                default -> {
                    if (number < 100000 || number > 999999) {
                        throw invalid(text, "An OMIM identifier has six digits (e.g. OMIM:604370), not '" + trimmed + "'");
                    }
                    yield new Condition(Kind.OMIM, "OMIM:" + number);
                }
            };
        }
        if (trimmed.isEmpty()) {
            throw invalid(text, "The condition is empty; give a MONDO, ORPHA or OMIM identifier (e.g. MONDO:0007254) or free text");
        }
        if (trimmed.length() > MAX_TEXT) {
            throw invalid(trimmed.substring(0, 40) + "…", "A condition written as free text has at most " + MAX_TEXT
                    + " characters; prefer a MONDO, ORPHA or OMIM identifier");
        }
        if (trimmed.chars().anyMatch(character -> Character.isISOControl(character))) {
            throw invalid("(control character)", "The condition contains a control character");
        }
        return new Condition(Kind.TEXT, trimmed);
    }

    /** The aggregation key: the identifier, or {@code text:} and the text in lower case. */
    public String key() {
        return kind == Kind.TEXT ? "text:" + value.toLowerCase(Locale.ROOT) : value;
    }

    private static PermedException invalid(String value, String message) {
        return new PermedException(InterpretationErrorCode.INVALID_CONDITION, message, Map.of("field", "condition", "value", value));
    }

    @Override
    public String toString() {
        return value;
    }
}
