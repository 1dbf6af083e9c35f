package no.permed.prs.normalise;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collection;

/**
 * The scores of one reference population, and where a score falls in them (empirical definitions, docs/prs.md):
 * <ul>
 *   <li>{@link #percentile(double) percentile} = 100 × (number of reference scores ≤ x) ÷ n, the empirical
 *       distribution function in per cent (a score at or above the reference maximum is 100; below the minimum 0);</li>
 *   <li>{@link #z(double) z} = (x − mean) ÷ sd, with the reference mean and the sample standard deviation (divisor
 *       n − 1).</li>
 * </ul>
 */
public final class ReferenceDistribution {
    private final String population;
    private final double[] sorted;
    private final double mean;
    private final double standardDeviation;

    private ReferenceDistribution(String population, double[] sorted) {
        this.population = population;
        this.sorted = sorted;
        double total = 0;
        for (double value : sorted) {
            total += value;
        }
        this.mean = total / sorted.length;
        double squares = 0;
        for (double value : sorted) {
            squares += (value - mean) * (value - mean);
        }
        this.standardDeviation = Math.sqrt(squares / (sorted.length - 1));
    }

    /**
     * @param population the population's code, for reports
     * @param scores its samples' scores; at least two, all finite
     */
    public static ReferenceDistribution of(String population, Collection<Double> scores) {
        requireNonNull(population, "population is null");
        requireNonNull(scores, "scores is null");
        if (scores.size() < 2) {
            throw new IllegalArgumentException("a reference distribution needs at least two scores but has " + scores.size());
        }
        double[] values = new double[scores.size()];
        int index = 0;
        for (Double score : scores) {
            if (score == null || !Double.isFinite(score)) {
                throw new IllegalArgumentException("reference scores must be finite");
            }
            values[index++] = score;
        }
        Arrays.sort(values);
        return new ReferenceDistribution(population, values);
    }

    public String population() {
        return population;
    }

    public int size() {
        return sorted.length;
    }

    public double mean() {
        return mean;
    }

    /** The scores, sorted ascending (a copy): for plotting the distribution. */
    public double[] values() {
        return sorted.clone();
    }

    /** The sample standard deviation (divisor n − 1). */
    public double standardDeviation() {
        return standardDeviation;
    }

    /** 100 × (number of reference scores ≤ {@code score}) ÷ n. */
    public double percentile(double score) {
        int low = 0;
        int high = sorted.length;   // first index whose value is > score
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= score) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return 100.0 * low / sorted.length;
    }

    /** (score − mean) ÷ sd; NaN when every reference score is the same. */
    public double z(double score) {
        return standardDeviation == 0 ? Double.NaN : (score - mean) / standardDeviation;
    }
}
