package no.permed.interpretation.acmg;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;

/**
 * Classifies a variant from the ACMG/AMP criteria applied to it, under the 2015 combining rules ({@link Acmg2015Rules})
 * and the points system ({@link PointsSystem}), and checks a stated class against them. Stateless and thread-safe.
 *
 * <pre>{@code
 * AcmgResult result = AcmgClassifier.classify("PVS1,PM2_Supporting,PP3");
 * result.format();   // "acmg2015: Pathogenic\npoints: 10 Pathogenic"
 * }</pre>
 */
public final class AcmgClassifier {
    private AcmgClassifier() {
    }

    /**
     * Classifies parsed criteria.
     *
     * @throws PermedException with {@link InterpretationErrorCode#DUPLICATE_CRITERION} when a criterion appears twice
     */
    public static AcmgResult classify(Collection<AppliedCriterion> criteria) {
        requireNonNull(criteria, "criteria is null");
        Set<Criterion> seen = EnumSet.noneOf(Criterion.class);
        for (AppliedCriterion applied : criteria) {
            if (!seen.add(applied.criterion())) {
                throw new PermedException(InterpretationErrorCode.DUPLICATE_CRITERION,
                        "ACMG/AMP criterion " + applied.criterion() + " is listed twice; apply each criterion once, at one strength",
                        Map.of("field", "criteria", "value", applied.criterion().name()));
            }
        }
        List<AppliedCriterion> list = List.copyOf(criteria);
        return new AcmgResult(list, Acmg2015Rules.classify(list), PointsSystem.classify(list));
    }

    /**
     * Parses and classifies a list such as {@code PVS1,PM2_Supporting,PP3}.
     *
     * @throws PermedException with {@link InterpretationErrorCode#UNKNOWN_CRITERION} naming a bad code
     */
    public static AcmgResult classify(String criteria) {
        return classify(AppliedCriterion.parseList(criteria));
    }

    /** Compares a stated class with the class the criteria give; {@link CriteriaCheck#flagged()} when neither system agrees. */
    public static CriteriaCheck check(Classification stated, Collection<AppliedCriterion> criteria) {
        return new CriteriaCheck(stated, classify(criteria));
    }
}
