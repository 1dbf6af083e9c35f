package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import no.permed.interpretation.aggregate.AggregateClassification;

/**
 * The clinically meaningful group of an aggregate class. A change of aggregate is a <em>reclassification</em> (and
 * starts a recall) exactly when its group changes between two classified states: between P/LP, VUS and LB/B (e.g.
 * uncertain → likely pathogenic, pathogenic → benign), or into or out of conflicting. A change inside a group
 * (Pathogenic → Pathogenic/Likely pathogenic, Likely benign → Benign) and the first aggregate of a variant and
 * condition are not.
 */
public enum ClinicalGroup {
    /** Pathogenic, Pathogenic/Likely pathogenic, Likely pathogenic. */
    PATHOGENIC,
    /** Uncertain significance. */
    UNCERTAIN,
    /** Likely benign, Benign/Likely benign, Benign. */
    BENIGN,
    /** Conflicting classifications. */
    CONFLICTING,
    /** Not provided: nothing classified yet. */
    NONE;

    public static ClinicalGroup of(AggregateClassification classification) {
        requireNonNull(classification, "classification is null");
        return switch (classification) {
            case PATHOGENIC, PATHOGENIC_LIKELY_PATHOGENIC, LIKELY_PATHOGENIC -> PATHOGENIC;
            case UNCERTAIN_SIGNIFICANCE -> UNCERTAIN;
            case LIKELY_BENIGN, BENIGN_LIKELY_BENIGN, BENIGN -> BENIGN;
            case CONFLICTING -> CONFLICTING;
            case NOT_PROVIDED -> NONE;
        };
    }

    /** Whether a change from {@code before} to {@code after} is clinically significant (see the class comment). */
    public static boolean isSignificant(AggregateClassification before, AggregateClassification after) {
        ClinicalGroup from = of(before);
        ClinicalGroup to = of(after);
        return from != NONE && to != NONE && from != to;
    }
}
