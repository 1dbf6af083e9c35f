package no.permed.pgx.knowledge;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One row of a source's diplotype table: the two named alleles (one for a haploid gene such as MT-RNR1),
 * the phenotype and, for activity-score genes, the activity score. {@link #lookupKey()} is the value a
 * guideline's recommendations are keyed on: the activity score where there is one, otherwise the phenotype.
 */
public record PhenotypeRule(
        PgxSource source, String gene, String allele1, Optional<String> allele2, String phenotype, Optional<String> activityScore) {
    public PhenotypeRule {
        requireNonNull(source, "source is null");
        requireNonNull(gene, "gene is null");
        requireNonNull(allele1, "allele1 is null");
        requireNonNull(allele2, "allele2 is null");
        requireNonNull(phenotype, "phenotype is null");
        requireNonNull(activityScore, "activityScore is null");
    }

    public String lookupKey() {
        return activityScore.orElse(phenotype);
    }

    /** The diplotype as written in the source ({@code *1/*2}), or the single allele of a haploid gene. */
    public String diplotype() {
        return allele2.map(a -> allele1 + "/" + a).orElse(allele1);
    }

    public Optional<BigDecimal> numericActivityScore() {
        return activityScore.flatMap(PhenotypeRule::decimal);
    }

    static Optional<BigDecimal> decimal(String s) {
        try {
            return Optional.of(new BigDecimal(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
