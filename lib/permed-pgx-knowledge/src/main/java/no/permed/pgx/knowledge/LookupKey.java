package no.permed.pgx.knowledge;

import static java.util.Objects.requireNonNull;

/**
 * What a recommendation requires of one gene. The kinds, as the guideline files write them:
 * <ul>
 *   <li>{@link Kind#PHENOTYPE}: {@code Poor Metabolizer}, {@code Deficient}, {@code -1639 AA}, ...</li>
 *   <li>{@link Kind#ACTIVITY_SCORE}: {@code 1.5}, {@code ≥4.0}, {@code n/a}, {@code xN combinations}, and for
 *       DPWG DPYD also {@code 1.5 (Intermediate Metabolizer)}</li>
 *   <li>{@link Kind#ALLELE_STATUS}: HLA, {@code *57:01 positive}; also the odd {@code 1511 and 1502}</li>
 *   <li>{@link Kind#DIPLOTYPE}: an exact diplotype, written {@code *1/*2} (DPWG CYP2C9, UGT1A1 {@code *80+*28/*80+*28})</li>
 *   <li>{@link Kind#NO_RESULT}: the recommendation for a gene that could not be called</li>
 * </ul>
 */
public record LookupKey(String gene, Kind kind, String value) {
    public enum Kind {
        PHENOTYPE,
        ACTIVITY_SCORE,
        ALLELE_STATUS,
        DIPLOTYPE,
        NO_RESULT
    }

    public LookupKey {
        requireNonNull(gene, "gene is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(value, "value is null");
    }
}
