package no.permed.interpretation.aggregate;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * The aggregate class of a variant for a condition, as ClinVar labels it. {@link #displayName()} is ClinVar's spelling
 * since January 2024; {@link #legacyName()} the earlier one where it differs.
 */
public enum AggregateClassification {
    PATHOGENIC("Pathogenic"),
    PATHOGENIC_LIKELY_PATHOGENIC("Pathogenic/Likely pathogenic"),
    LIKELY_PATHOGENIC("Likely pathogenic"),
    UNCERTAIN_SIGNIFICANCE("Uncertain significance"),
    LIKELY_BENIGN("Likely benign"),
    BENIGN_LIKELY_BENIGN("Benign/Likely benign"),
    BENIGN("Benign"),
    /** Submissions split across two or more of P/LP, VUS and LB/B. */
    CONFLICTING("Conflicting classifications of pathogenicity", "Conflicting interpretations of pathogenicity"),
    /** No submission has a classification. */
    NOT_PROVIDED("not provided");

    private final String displayName;
    private final String legacyName;

    AggregateClassification(String displayName) {
        this(displayName, displayName);
    }

    AggregateClassification(String displayName, String legacyName) {
        this.displayName = displayName;
        this.legacyName = legacyName;
    }

    public String displayName() {
        return displayName;
    }

    /** ClinVar's spelling before January 2024 (the same as {@link #displayName()} except for {@link #CONFLICTING}). */
    public String legacyName() {
        return legacyName;
    }

    /** Parses the current or the earlier spelling, ignoring case; empty for labels outside this scheme ("risk factor"). */
    public static Optional<AggregateClassification> fromLabel(String label) {
        requireNonNull(label, "label is null");
        String lower = label.trim().toLowerCase(Locale.ROOT);
        for (AggregateClassification classification : values()) {
            if (classification.displayName.toLowerCase(Locale.ROOT).equals(lower)
                    || classification.legacyName.toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(classification);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
