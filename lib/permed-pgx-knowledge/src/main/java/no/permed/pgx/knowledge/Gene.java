package no.permed.pgx.knowledge;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/**
 * A pharmacogene the knowledge knows about: from an allele definition, a phenotype table or a guideline's
 * lookup key. Genes without a {@link #definition()} (HLA-A, HLA-B, MT-RNR1, F5) can only be given as
 * outside calls; CYP2D6 has a definition but is usually called outside as well (copy number).
 *
 * @param phenotypeSources the sources that publish an allele function / phenotype table for the gene
 * @param activityScore true when a CPIC or DPWG table of the gene works with activity scores
 */
public record Gene(String symbol, Optional<AlleleDefinition> definition, Set<PgxSource> phenotypeSources, boolean activityScore) {
    public Gene {
        requireNonNull(symbol, "symbol is null");
        requireNonNull(definition, "definition is null");
        phenotypeSources = Set.copyOf(phenotypeSources);
        if (symbol.isBlank()) {
            throw new IllegalArgumentException("gene symbol is blank");
        }
        if (definition.isPresent() && !definition.get().gene().equals(symbol)) {
            throw new IllegalArgumentException("gene " + symbol + " has the definition of " + definition.get().gene());
        }
    }
}
