package no.permed.interpretation.acmg;

import static java.util.Objects.requireNonNull;

/**
 * A stated class compared with the class its criteria give.
 *
 * @param stated the class the submitter stated
 * @param result the classes the criteria give under both systems
 */
public record CriteriaCheck(Classification stated, AcmgResult result) {
    public CriteriaCheck {
        requireNonNull(stated, "stated is null");
        requireNonNull(result, "result is null");
    }

    /** Whether the stated class equals the 2015 rules' class. */
    public boolean agreesWithAcmg2015() {
        return stated == result.acmg2015();
    }

    /** Whether the stated class equals the points system's class. */
    public boolean agreesWithPoints() {
        return stated == result.points().classification();
    }

    /**
     * Whether the submission is flagged: its stated class agrees with neither system. (A laboratory may follow either
     * the 2015 rules or the points system; ClinGen expert panels use both.)
     */
    public boolean flagged() {
        return !agreesWithAcmg2015() && !agreesWithPoints();
    }

    /** One line for a reviewer, e.g. {@code stated Likely pathogenic; acmg2015: Pathogenic; points: 10 Pathogenic}. */
    public String describe() {
        return "stated " + stated.displayName() + "; acmg2015: " + result.acmg2015().displayName() + "; points: "
                + result.points().points() + " " + result.points().classification().displayName();
    }
}
