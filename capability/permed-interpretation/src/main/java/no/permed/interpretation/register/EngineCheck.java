package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import no.permed.interpretation.acmg.Classification;
import no.permed.interpretation.acmg.CriteriaCheck;

/**
 * What the classification engine said of a submission's criteria when it was stored: the class under the 2015 rules
 * and under points, and whether the stated class agrees with neither ({@link CriteriaCheck#flagged()}).
 *
 * @param acmg2015 the class under Richards et al. 2015
 * @param points the Tavtigian points
 * @param pointsClassification the class of those points
 * @param flagged whether the stated class agrees with neither system
 */
public record EngineCheck(Classification acmg2015, int points, Classification pointsClassification, boolean flagged) {
    public EngineCheck {
        requireNonNull(acmg2015, "acmg2015 is null");
        requireNonNull(pointsClassification, "pointsClassification is null");
    }

    public static EngineCheck of(CriteriaCheck check) {
        return new EngineCheck(check.result().acmg2015(), check.result().points().points(),
                check.result().points().classification(), check.flagged());
    }

    /** One line for a reviewer, e.g. {@code acmg2015: Pathogenic; points: 10 Pathogenic}. */
    public String describe() {
        return "acmg2015: " + acmg2015.displayName() + "; points: " + points + " " + pointsClassification.displayName();
    }
}
