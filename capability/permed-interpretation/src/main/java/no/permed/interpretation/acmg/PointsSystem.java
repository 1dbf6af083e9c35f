package no.permed.interpretation.acmg;

import static java.util.Objects.requireNonNull;

import java.util.Collection;

/**
 * The Bayesian points system of Tavtigian et al. (2020), "Fitting a naturally scaled point system to the ACMG/AMP
 * variant classification guidelines": supporting 1, moderate 2, strong 4, very strong 8 points; benign criteria count
 * negative. Pathogenic ≥ 10, Likely pathogenic 6–9, Uncertain significance 0–5, Likely benign −1 to −6, Benign ≤ −7.
 * BA1 stays stand-alone: when it is applied the class is Benign whatever the other criteria add up to; it is counted as
 * −8 in the total so that the printed total is never that of the same criteria without it.
 */
public final class PointsSystem {
    /** The lowest total that is Pathogenic. */
    public static final int PATHOGENIC_MINIMUM = 10;
    /** The lowest total that is Likely pathogenic. */
    public static final int LIKELY_PATHOGENIC_MINIMUM = 6;
    /** The highest total that is Likely benign. */
    public static final int LIKELY_BENIGN_MAXIMUM = -1;
    /** The highest total that is Benign. */
    public static final int BENIGN_MAXIMUM = -7;

    private PointsSystem() {
    }

    /** Adds up the points and classifies the total. */
    public static PointsResult classify(Collection<AppliedCriterion> criteria) {
        requireNonNull(criteria, "criteria is null");
        int total = 0;
        boolean standAlone = false;
        for (AppliedCriterion applied : criteria) {
            total += applied.points();
            standAlone |= applied.strength() == Strength.STAND_ALONE;
        }
        return new PointsResult(total, standAlone ? Classification.BENIGN : classOf(total));
    }

    /** The class of a points total. */
    public static Classification classOf(int points) {
        if (points >= PATHOGENIC_MINIMUM) {
            return Classification.PATHOGENIC;
        }
        if (points >= LIKELY_PATHOGENIC_MINIMUM) {
            return Classification.LIKELY_PATHOGENIC;
        }
        if (points > LIKELY_BENIGN_MAXIMUM) {
            return Classification.UNCERTAIN_SIGNIFICANCE;
        }
        if (points > BENIGN_MAXIMUM) {
            return Classification.LIKELY_BENIGN;
        }
        return Classification.BENIGN;
    }
}
