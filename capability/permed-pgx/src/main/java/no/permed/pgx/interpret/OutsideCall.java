package no.permed.pgx.interpret;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A gene result determined outside permed (e.g. CYP2D6 from a dedicated caller, HLA-B from typing), in PharmCAT's
 * outside-call format: {@code GENE<TAB>DIPLOTYPE[<TAB>PHENOTYPE[<TAB>ACTIVITY_SCORE]]}. At least one of diplotype,
 * phenotype or activity score is present.
 *
 * @param gene the gene symbol as the knowledge writes it
 * @param diplotype the diplotype with allele names as the knowledge writes them ({@code *1/*3}; the gene prefix of
 *     {@code CYP2D6*1} removed; a single allele for a haploid gene); several candidates are joined with {@code " or "}
 * @param phenotype the phenotype or other gene result as given ({@code Poor Metabolizer}, {@code *57:01 positive})
 * @param activityScore the activity score ({@code 1.5}, {@code ≥3.0}, {@code n/a})
 * @param line the line of the file the call came from (for messages)
 */
public record OutsideCall(String gene, Optional<String> diplotype, Optional<String> phenotype, Optional<String> activityScore, int line) {
    /** The separator of alternative diplotypes in the diplotype column, as PharmCAT reads it. */
    public static final String OR = " or ";

    public OutsideCall {
        requireNonNull(gene, "gene is null");
        requireNonNull(diplotype, "diplotype is null");
        requireNonNull(phenotype, "phenotype is null");
        requireNonNull(activityScore, "activityScore is null");
        if (diplotype.isEmpty() && phenotype.isEmpty() && activityScore.isEmpty()) {
            throw new IllegalArgumentException("outside call for " + gene + " has no diplotype, phenotype or activity score");
        }
    }

    /** The candidate diplotypes (usually one); empty when only a phenotype or activity score was given. */
    public List<String> diplotypes() {
        return diplotype.map(d -> Arrays.asList(d.split(OR))).map(List::copyOf).orElse(List.of());
    }
}
