package no.permed.pgx.profile;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import no.permed.pgx.knowledge.PgxSource;

/**
 * How the recommendations for one drug, source and population differ between two interpretations of the same calls.
 *
 * @param before what the earlier interpretation recommended (empty when the drug had no recommendation then)
 * @param after what the new interpretation recommends (empty when the recommendation was withdrawn)
 */
public record RecommendationChange(
        String drug, PgxSource source, Optional<String> population, List<RecommendationSummary> before, List<RecommendationSummary> after) {

    /** What happened to the recommendation. */
    public enum Kind {
        /** A recommendation applies now where none did. */
        ADDED,
        /** A recommendation that applied no longer does. */
        REMOVED,
        /** The text, strength or alternative-drug advice changed. */
        CHANGED
    }

    public RecommendationChange {
        requireNonNull(drug, "drug is null");
        requireNonNull(source, "source is null");
        requireNonNull(population, "population is null");
        before = List.copyOf(requireNonNull(before, "before is null"));
        after = List.copyOf(requireNonNull(after, "after is null"));
        if (before.isEmpty() && after.isEmpty()) {
            throw new IllegalArgumentException("a change of " + drug + " (" + source + ") needs a recommendation before or after");
        }
    }

    public Kind kind() {
        if (before.isEmpty()) {
            return Kind.ADDED;
        }
        return after.isEmpty() ? Kind.REMOVED : Kind.CHANGED;
    }

    /**
     * The changes between two interpretations' summaries: one per drug, source and population whose advice differs
     * (see {@link RecommendationSummary#sameAdvice}); empty when every recommendation is the same.
     */
    public static List<RecommendationChange> between(List<RecommendationSummary> before, List<RecommendationSummary> after) {
        Map<RecommendationSummary.Topic, List<RecommendationSummary>> old = byTopic(before);
        Map<RecommendationSummary.Topic, List<RecommendationSummary>> now = byTopic(after);
        Set<RecommendationSummary.Topic> topics = new TreeSet<>(RecommendationSummary.Topic.ORDER);
        topics.addAll(old.keySet());
        topics.addAll(now.keySet());
        List<RecommendationChange> changes = new ArrayList<>();
        for (RecommendationSummary.Topic topic : topics) {
            List<RecommendationSummary> was = old.getOrDefault(topic, List.of());
            List<RecommendationSummary> is = now.getOrDefault(topic, List.of());
            if (!sameAdvice(was, is)) {
                changes.add(new RecommendationChange(topic.drug(), topic.source(), topic.population(), was, is));
            }
        }
        return List.copyOf(changes);
    }

    private static Map<RecommendationSummary.Topic, List<RecommendationSummary>> byTopic(List<RecommendationSummary> summaries) {
        Map<RecommendationSummary.Topic, List<RecommendationSummary>> grouped = new LinkedHashMap<>();
        summaries.stream().sorted(RecommendationSummary.ORDER)
                .forEach(summary -> grouped.computeIfAbsent(summary.topic(), topic -> new ArrayList<>()).add(summary));
        return grouped;
    }

    /** Equal as sets of advice: every recommendation on one side has one with the same advice on the other. */
    private static boolean sameAdvice(List<RecommendationSummary> first, List<RecommendationSummary> second) {
        return first.stream().allMatch(one -> second.stream().anyMatch(one::sameAdvice))
                && second.stream().allMatch(one -> first.stream().anyMatch(one::sameAdvice));
    }
}
