package no.permed.pgx.knowledge;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The function of one named allele in one source's table, for example CPIC CYP2C19 {@code *2}
 * "No function". {@code activityValue} is present for genes that use activity scores; it is a lookup
 * token as the source writes it ({@code "1.0"}, {@code "0.5"}, or {@code "n/a"} for uncertain function).
 */
public record AlleleFunction(PgxSource source, String gene, String allele, String function, Optional<String> activityValue) {
    public AlleleFunction {
        requireNonNull(source, "source is null");
        requireNonNull(gene, "gene is null");
        requireNonNull(allele, "allele is null");
        requireNonNull(function, "function is null");
        requireNonNull(activityValue, "activityValue is null");
    }

    /** The activity value as a number, empty when there is none or it is not numeric ({@code n/a}). */
    public Optional<BigDecimal> numericActivityValue() {
        return activityValue.flatMap(PhenotypeRule::decimal);
    }
}
