package no.permed.pgx.profile;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import no.permed.pgx.interpret.DrugRecommendation;
import no.permed.pgx.interpret.PgxReport;
import no.permed.pgx.knowledge.PgxSource;

/**
 * What one recommendation said, as kept after an interpretation so that a later knowledge release can be compared
 * with it without the old knowledge. Two summaries recommend the same when {@link #sameAdvice} holds: drug, source,
 * population, strength, text and whether an alternative drug is advised are equal (the recommendation's id, the
 * guideline's version and the matched phenotypes may change without the advice changing).
 *
 * @param drug the drug (lower case)
 * @param source CPIC or DPWG
 * @param population the population the recommendation is for, when the guideline distinguishes
 * @param strength the classification (Strong, Moderate, Optional…), when given
 * @param text the recommendation text, plain
 * @param alternateDrugAdvised whether the guideline advises an alternative drug
 * @param recommendationId the recommendation's id in the knowledge it came from
 * @param guidelineName the guideline's name
 * @param guidelineVersion the guideline annotation's version
 * @param genotype the lookup values the recommendation matched, by gene
 */
public record RecommendationSummary(
        String drug,
        PgxSource source,
        Optional<String> population,
        Optional<String> strength,
        String text,
        boolean alternateDrugAdvised,
        String recommendationId,
        String guidelineName,
        int guidelineVersion,
        Map<String, String> genotype) {
    /** Drug, source, population, then the advice, so that summaries of equal reports are equal lists. */
    static final Comparator<RecommendationSummary> ORDER = Comparator.comparing(RecommendationSummary::drug)
            .thenComparing(RecommendationSummary::source)
            .thenComparing(summary -> summary.population().orElse(""))
            .thenComparing(summary -> summary.strength().orElse(""))
            .thenComparing(RecommendationSummary::text)
            .thenComparing(RecommendationSummary::alternateDrugAdvised)
            .thenComparing(RecommendationSummary::recommendationId);

    public RecommendationSummary {
        requireNonNull(drug, "drug is null");
        requireNonNull(source, "source is null");
        requireNonNull(population, "population is null");
        requireNonNull(strength, "strength is null");
        requireNonNull(text, "text is null");
        requireNonNull(recommendationId, "recommendationId is null");
        requireNonNull(guidelineName, "guidelineName is null");
        genotype = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(genotype, "genotype is null")));
    }

    public static RecommendationSummary of(DrugRecommendation recommendation) {
        requireNonNull(recommendation, "recommendation is null");
        return new RecommendationSummary(recommendation.drug(), recommendation.source(), recommendation.population(),
                recommendation.strength(), recommendation.text(), recommendation.alternateDrugAdvised(),
                recommendation.recommendationId(), recommendation.guidelineName(), recommendation.guidelineVersion(),
                recommendation.genotype());
    }

    /** The summaries of a report's recommendations, in {@link #ORDER}. */
    public static List<RecommendationSummary> of(PgxReport report) {
        requireNonNull(report, "report is null");
        return report.recommendations().stream().map(RecommendationSummary::of).sorted(ORDER).toList();
    }

    /** The key under which recommendations are compared: one drug, from one source, for one population. */
    public Topic topic() {
        return new Topic(drug, source, population);
    }

    /** Whether the two give the same advice (see the type's description). */
    public boolean sameAdvice(RecommendationSummary other) {
        return drug.equals(other.drug) && source == other.source && population.equals(other.population)
                && strength.equals(other.strength) && text.equals(other.text) && alternateDrugAdvised == other.alternateDrugAdvised;
    }

    /** A drug, a source and a population: the unit in which a change of recommendation is reported. */
    public record Topic(String drug, PgxSource source, Optional<String> population) {
        static final Comparator<Topic> ORDER = Comparator.comparing(Topic::drug).thenComparing(Topic::source)
                .thenComparing(topic -> topic.population().orElse(""));

        public Topic {
            requireNonNull(drug, "drug is null");
            requireNonNull(source, "source is null");
            requireNonNull(population, "population is null");
        }
    }
}
