package no.permed.interpretation.acmg;

import static java.util.Objects.requireNonNull;

/**
 * The result of the Bayesian points system (Tavtigian et al. 2020).
 *
 * @param points the sum of the criteria's points (BA1 counted as −8)
 * @param classification the class: Benign whenever BA1 is applied (it is stand-alone), else by the point ranges
 */
public record PointsResult(int points, Classification classification) {
    public PointsResult {
        requireNonNull(classification, "classification is null");
    }
}
