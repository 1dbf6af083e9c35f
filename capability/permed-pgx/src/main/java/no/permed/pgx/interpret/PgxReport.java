package no.permed.pgx.interpret;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The interpreted pharmacogenomic result of one sample: calls, phenotypes and the recommendations that apply.
 *
 * @param sample the sample name as in the VCF
 * @param dataVersion the PGx knowledge version used ({@code DataVersion.summary()})
 * @param genes one result per gene: the 19 called genes in caller order, then outside-call genes
 * @param recommendations the recommendations that apply, ordered by drug then source (CPIC before DPWG)
 * @param warnings warnings about the whole sample (e.g. ignored outside calls)
 */
public record PgxReport(String sample, String dataVersion, List<GeneResult> genes, List<DrugRecommendation> recommendations, List<String> warnings) {
    public PgxReport {
        requireNonNull(sample, "sample is null");
        requireNonNull(dataVersion, "dataVersion is null");
        genes = List.copyOf(genes);
        recommendations = List.copyOf(recommendations);
        warnings = List.copyOf(warnings);
    }

    public Optional<GeneResult> gene(String symbol) {
        return genes.stream().filter(g -> g.gene().equals(symbol)).findFirst();
    }
}
