package no.permed.pgx.interpret;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.pgx.knowledge.PgxSource;

/**
 * One CPIC or DPWG recommendation that applies to a sample's genotype.
 *
 * @param drug the drug name (lower case, as the guideline has it)
 * @param source CPIC or DPWG
 * @param recommendationId the id of the recommendation in the knowledge
 * @param guidelineName the guideline's name
 * @param guidelineVersion the annotation's version at ClinPGx
 * @param guidelineUrl where the guideline is published
 * @param genotype the lookup values the recommendation matched, by gene ({@code CYP2C19 → Poor Metabolizer})
 * @param population the population the recommendation is for, when the guideline distinguishes (e.g. paediatric)
 * @param strength the classification of the recommendation (CPIC: Strong, Moderate, Optional…); empty when none is given
 * @param text the recommendation text, plain
 * @param implications the implications per gene, plain
 * @param alternateDrugAdvised whether the guideline advises an alternative drug
 * @param diplotypes the sample's diplotypes (or outside phenotypes) the match used, by gene; tied candidates that all
 *     match are joined with {@code " or "}; a gene without a result maps to {@code No Result}
 * @param tiedCall true when a gene of the recommendation has tied diplotypes and only some of them lead to this
 *     recommendation: it applies only if one of {@link #diplotypes()} is the true one
 */
public record DrugRecommendation(
        String drug,
        PgxSource source,
        String recommendationId,
        String guidelineName,
        int guidelineVersion,
        String guidelineUrl,
        Map<String, String> genotype,
        Optional<String> population,
        Optional<String> strength,
        String text,
        List<String> implications,
        boolean alternateDrugAdvised,
        Map<String, String> diplotypes,
        boolean tiedCall) {
    public DrugRecommendation {
        requireNonNull(drug, "drug is null");
        requireNonNull(source, "source is null");
        requireNonNull(recommendationId, "recommendationId is null");
        requireNonNull(guidelineName, "guidelineName is null");
        requireNonNull(guidelineUrl, "guidelineUrl is null");
        genotype = sortedCopy(genotype);
        requireNonNull(population, "population is null");
        requireNonNull(strength, "strength is null");
        requireNonNull(text, "text is null");
        implications = List.copyOf(implications);
        diplotypes = sortedCopy(diplotypes);
    }

    /**
     * An unmodifiable copy ordered by gene: the JSON and the reports list the genes in this order on every run
     * ({@code Map.copyOf} would give an order that changes from one JVM to the next).
     */
    private static Map<String, String> sortedCopy(Map<String, String> map) {
        java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
        map.forEach((gene, value) -> sorted.put(requireNonNull(gene, "gene is null"), requireNonNull(value, "value is null")));
        return java.util.Collections.unmodifiableMap(sorted);
    }

    /** A recommendation matched without tied diplotypes and without recording the diplotypes used. */
    public DrugRecommendation(
            String drug,
            PgxSource source,
            String recommendationId,
            String guidelineName,
            int guidelineVersion,
            String guidelineUrl,
            Map<String, String> genotype,
            Optional<String> population,
            Optional<String> strength,
            String text,
            List<String> implications,
            boolean alternateDrugAdvised) {
        this(drug, source, recommendationId, guidelineName, guidelineVersion, guidelineUrl, genotype, population, strength, text,
                implications, alternateDrugAdvised, Map.of(), false);
    }
}
