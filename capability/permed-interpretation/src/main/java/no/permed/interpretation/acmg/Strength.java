package no.permed.interpretation.acmg;

import java.util.Locale;
import java.util.Optional;

/**
 * The strength at which an ACMG/AMP criterion is applied. ClinGen writes a changed strength as a suffix of the code
 * ({@code PM2_Supporting}, {@code PVS1_Strong}, {@code PS2_VeryStrong}); {@link #suffix()} is that suffix.
 * {@link #points()} are the Tavtigian et al. (2020) points of a pathogenic criterion at this strength (a benign one
 * counts the negative).
 */
public enum Strength {
    /** BA1 only: on its own enough for Benign. */
    STAND_ALONE("StandAlone", 8),
    VERY_STRONG("VeryStrong", 8),
    STRONG("Strong", 4),
    MODERATE("Moderate", 2),
    SUPPORTING("Supporting", 1);

    private final String suffix;
    private final int points;

    Strength(String suffix, int points) {
        this.suffix = suffix;
        this.points = points;
    }

    /** The suffix as ClinGen writes it, e.g. {@code Supporting} in {@code PM2_Supporting}. */
    public String suffix() {
        return suffix;
    }

    /** Points of a pathogenic criterion at this strength (supporting 1, moderate 2, strong 4, very strong 8). */
    public int points() {
        return points;
    }

    /**
     * The strength named by a suffix, ignoring case and a space or underscore inside {@code Very Strong}; empty when the
     * suffix is not one of StandAlone, VeryStrong, Strong, Moderate, Supporting.
     */
    public static Optional<Strength> fromSuffix(String suffix) {
        String compact = suffix.replace(" ", "").replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        for (Strength strength : values()) {
            if (strength.suffix.toLowerCase(Locale.ROOT).equals(compact)) {
                return Optional.of(strength);
            }
        }
        return Optional.empty();
    }
}
