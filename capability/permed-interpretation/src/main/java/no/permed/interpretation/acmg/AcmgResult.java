package no.permed.interpretation.acmg;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The class of one set of criteria under both systems.
 *
 * @param criteria the criteria, in the order given
 * @param acmg2015 the class under the 2015 combining rules
 * @param points the total and class under the points system
 */
public record AcmgResult(List<AppliedCriterion> criteria, Classification acmg2015, PointsResult points) {
    public AcmgResult {
        criteria = List.copyOf(requireNonNull(criteria, "criteria is null"));
        requireNonNull(acmg2015, "acmg2015 is null");
        requireNonNull(points, "points is null");
    }

    /** Whether both systems give the same class. */
    public boolean systemsAgree() {
        return acmg2015 == points.classification();
    }

    /** Exactly two lines, e.g. {@code acmg2015: Pathogenic} and {@code points: 10 Pathogenic}, joined by a newline. */
    public String format() {
        return "acmg2015: " + acmg2015.displayName() + "\npoints: " + points.points() + " " + points.classification().displayName();
    }
}
