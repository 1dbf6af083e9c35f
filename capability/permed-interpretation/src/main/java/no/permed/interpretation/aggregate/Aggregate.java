package no.permed.interpretation.aggregate;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.Map;
import no.permed.interpretation.acmg.Classification;

/**
 * The aggregate of the submissions for one variant and condition.
 *
 * @param classification the aggregate class
 * @param reviewStatus the aggregate review status
 * @param submissionCounts the number of submissions per class (every class present, zero when none)
 */
public record Aggregate(AggregateClassification classification, AggregateReviewStatus reviewStatus,
        Map<Classification, Integer> submissionCounts) {
    public Aggregate {
        requireNonNull(classification, "classification is null");
        requireNonNull(reviewStatus, "reviewStatus is null");
        EnumMap<Classification, Integer> counts = new EnumMap<>(Classification.class);
        for (Classification each : Classification.values()) {
            counts.put(each, 0);
        }
        counts.putAll(requireNonNull(submissionCounts, "submissionCounts is null"));
        submissionCounts = Map.copyOf(counts);
    }

    /** ClinVar's gold stars (0–4) of the review status. */
    public int goldStars() {
        return reviewStatus.goldStars();
    }

    /** Whether the submissions conflict (the class is {@link AggregateClassification#CONFLICTING}). */
    public boolean conflicted() {
        return classification == AggregateClassification.CONFLICTING;
    }
}
