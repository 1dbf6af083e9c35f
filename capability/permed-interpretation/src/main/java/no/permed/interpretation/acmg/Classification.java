package no.permed.interpretation.acmg;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;

/** The five ACMG/AMP classes of a variant for a condition, from pathogenic to benign. */
public enum Classification {
    PATHOGENIC("Pathogenic"),
    LIKELY_PATHOGENIC("Likely pathogenic"),
    UNCERTAIN_SIGNIFICANCE("Uncertain significance"),
    LIKELY_BENIGN("Likely benign"),
    BENIGN("Benign");

    private final String displayName;

    Classification(String displayName) {
        this.displayName = displayName;
    }

    /** The name as printed: Pathogenic, Likely pathogenic, Uncertain significance, Likely benign, Benign. */
    public String displayName() {
        return displayName;
    }

    /**
     * Parses a display name or enum name, ignoring case, white space and underscores, and accepting the usual short forms
     * (P, LP, VUS, LB, B).
     *
     * @throws PermedException with {@link InterpretationErrorCode#UNKNOWN_CLASSIFICATION} listing the allowed names
     */
    public static Classification parse(String text) {
        requireNonNull(text, "text is null");
        String compact = text.trim().replace('_', ' ').replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        for (Classification classification : values()) {
            if (classification.displayName.toLowerCase(Locale.ROOT).equals(compact)) {
                return classification;
            }
        }
        return switch (compact) {
            case "p" -> PATHOGENIC;
            case "lp" -> LIKELY_PATHOGENIC;
            case "vus", "us", "uncertain" -> UNCERTAIN_SIGNIFICANCE;
            case "lb" -> LIKELY_BENIGN;
            case "b" -> BENIGN;
            default -> throw new PermedException(InterpretationErrorCode.UNKNOWN_CLASSIFICATION,
                    "Unknown classification '" + text + "'; use one of "
                            + Arrays.stream(values()).map(Classification::displayName).toList(),
                    Map.of("field", "classification", "value", text,
                            "allowed", Arrays.stream(values()).map(Classification::displayName).toList()));
        };
    }

    @Override
    public String toString() {
        return displayName;
    }
}
