package no.permed.interpretation.acmg;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Optional;

/**
 * The combining rules of Richards et al. (2015), Table 5, with each criterion counted at the strength it was applied at
 * (ClinGen's practice: {@code PM2_Supporting} counts as one supporting criterion, {@code PVS1_Strong} as one strong).
 *
 * <p>Pathogenic: (i) 1 very strong and (a) ≥1 strong, or (b) ≥2 moderate, or (c) 1 moderate and 1 supporting, or
 * (d) ≥2 supporting; (ii) ≥2 strong; (iii) 1 strong and (a) ≥3 moderate, or (b) 2 moderate and ≥2 supporting, or
 * (c) 1 moderate and ≥4 supporting. Likely pathogenic: (i) 1 very strong and 1 moderate; (ii) 1 strong and 1–2
 * moderate; (iii) 1 strong and ≥2 supporting; (iv) ≥3 moderate; (v) 2 moderate and ≥2 supporting; (vi) 1 moderate
 * and ≥4 supporting. Benign: (i) BA1; (ii) ≥2 strong. Likely benign: (i) 1 strong and 1 supporting; (ii) ≥2
 * supporting. Otherwise, or when the pathogenic and the benign rules are both met, Uncertain significance.
 *
 * <p>Three readings the table leaves open, decided here and tested:
 * <ul>
 *   <li><b>Contradictory evidence</b> ("the criteria for benign and pathogenic are contradictory") is read as both a
 *       pathogenic rule (P or LP) and a benign rule (B or LB) being met. A lone benign supporting criterion beside a
 *       pathogenic classification meets no benign rule and does not by itself make the variant uncertain; ClinGen
 *       expert panels classify such variants as pathogenic (e.g. MYH7 c.2167C&gt;T with BP2).
 *   <li><b>A second very strong criterion</b> (e.g. {@code PVS1} and {@code PS2_VeryStrong}) counts as the strong
 *       criterion of rule P(i)(a), so two very strong criteria are Pathogenic; the table has no row for them.
 *   <li><b>Benign criteria at moderate or very strong strength</b>, which the 2015 table does not know: a moderate
 *       benign criterion counts as supporting and a very strong one as strong (the nearest weaker level, so that a
 *       modified criterion never counts for more than its strength).
 * </ul>
 */
public final class Acmg2015Rules {
    private Acmg2015Rules() {
    }

    /** The class under the 2015 rules. */
    public static Classification classify(Collection<AppliedCriterion> criteria) {
        requireNonNull(criteria, "criteria is null");
        Optional<Classification> pathogenic = pathogenicSide(criteria);
        Optional<Classification> benign = benignSide(criteria);
        if (pathogenic.isPresent() && benign.isPresent()) {
            return Classification.UNCERTAIN_SIGNIFICANCE;
        }
        return pathogenic.or(() -> benign).orElse(Classification.UNCERTAIN_SIGNIFICANCE);
    }

    /** The class the pathogenic criteria alone reach (Pathogenic or Likely pathogenic), if any. */
    public static Optional<Classification> pathogenicSide(Collection<AppliedCriterion> criteria) {
        int veryStrong = count(criteria, Direction.PATHOGENIC, Strength.VERY_STRONG);
        int strong = count(criteria, Direction.PATHOGENIC, Strength.STRONG);
        int moderate = count(criteria, Direction.PATHOGENIC, Strength.MODERATE);
        int supporting = count(criteria, Direction.PATHOGENIC, Strength.SUPPORTING);
        if (veryStrong >= 2) {
            strong += veryStrong - 1;
            veryStrong = 1;
        }
        boolean pathogenic = (veryStrong == 1 && (strong >= 1 || moderate >= 2 || (moderate == 1 && supporting >= 1) || supporting >= 2))
                || strong >= 2
                || (strong == 1 && (moderate >= 3 || (moderate == 2 && supporting >= 2) || (moderate == 1 && supporting >= 4)));
        if (pathogenic) {
            return Optional.of(Classification.PATHOGENIC);
        }
        boolean likelyPathogenic = (veryStrong == 1 && moderate == 1)
                || (strong == 1 && (moderate == 1 || moderate == 2))
                || (strong == 1 && supporting >= 2)
                || moderate >= 3
                || (moderate == 2 && supporting >= 2)
                || (moderate == 1 && supporting >= 4);
        return likelyPathogenic ? Optional.of(Classification.LIKELY_PATHOGENIC) : Optional.empty();
    }

    /** The class the benign criteria alone reach (Benign or Likely benign), if any. */
    public static Optional<Classification> benignSide(Collection<AppliedCriterion> criteria) {
        int standAlone = count(criteria, Direction.BENIGN, Strength.STAND_ALONE);
        int strong = count(criteria, Direction.BENIGN, Strength.STRONG) + count(criteria, Direction.BENIGN, Strength.VERY_STRONG);
        int supporting = count(criteria, Direction.BENIGN, Strength.SUPPORTING) + count(criteria, Direction.BENIGN, Strength.MODERATE);
        if (standAlone >= 1 || strong >= 2) {
            return Optional.of(Classification.BENIGN);
        }
        if ((strong == 1 && supporting >= 1) || supporting >= 2) {
            return Optional.of(Classification.LIKELY_BENIGN);
        }
        return Optional.empty();
    }

    private static int count(Collection<AppliedCriterion> criteria, Direction direction, Strength strength) {
        int count = 0;
        for (AppliedCriterion applied : criteria) {
            if (applied.direction() == direction && applied.strength() == strength) {
                count++;
            }
        }
        return count;
    }
}
